/** The PostgreSQL store. Re-exports only. */
export { displayLocation, openPostgresStore } from './driver.js';
export { SCHEMA_VERSION, migrations, type Migration } from './migrations.js';
