/** The embedded SQLite store. Re-exports only. */
export { openSqliteStore } from './driver.js';
export { SCHEMA_VERSION, migrations, type Migration } from './migrations.js';
