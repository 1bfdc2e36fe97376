/** The PostgreSQL store's own settings; the values and their reasons live in `settings.json` beside this file. */
import { readFileSync } from 'node:fs';

interface Setting {
  readonly value: number;
  readonly reason: string;
}

interface PostgresSettings {
  /** Most connections one store opens at a time. */
  readonly poolMax: Setting;
  /** Milliseconds before an idle pooled connection is closed. */
  readonly idleTimeoutMs: Setting;
  /** Milliseconds a new connection may take before opening fails. */
  readonly connectTimeoutMs: Setting;
  /** Characters of row data sent in one insert statement (estimated). */
  readonly maxStatementChars: Setting;
  /** Characters of a word kept in the search index and in queries. */
  readonly maxWordLength: Setting;
}

export const PG_SETTINGS = JSON.parse(readFileSync(new URL('./settings.json', import.meta.url), 'utf8')) as PostgresSettings;
