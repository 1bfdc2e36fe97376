/**
 * The store's entry point: `openStore(location)` picks the implementation from the location.
 *
 * - a file path (default `./parallax.db`) or `file:` URL → embedded SQLite, created if missing
 *   (unless `mustExist`);
 * - `:memory:` → a private in-memory SQLite store (tests);
 * - `postgres://…` / `postgresql://…` → PostgreSQL (the schema in the connection's current schema;
 *   see `postgres/driver.ts`);
 * - any other `scheme://` → STORE_UNSUPPORTED_URL.
 */
import { fileURLToPath } from 'node:url';
import { createError } from '../errors.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store, StoreOptions } from './store.js';

export type {
  ArticleFilter,
  ArticleListQuery,
  ArticleOrigin,
  ArticlePage,
  ArticleReads,
  ArticleSummary,
  ContentMatch,
  DocumentReads,
  IngestRecord,
  IterateOptions,
  LockLease,
  MessageQuery,
  MessageReads,
  RuleCount,
  SaveResult,
  Store,
  StoredArticle,
  StoredDocument,
  StoredMessage,
  StoreOptions,
} from './store.js';
export { LIST_LIMIT } from './rows.js';

/** Where the store lives when no location is given. */
export const DEFAULT_STORE_LOCATION = './parallax.db';

/**
 * Open the store at `location`, creating and migrating it as needed. Throws STORE_OPEN_FAILED,
 * STORE_NOT_FOUND (with `mustExist`), STORE_TOO_NEW, STORE_MIGRATION_FAILED or STORE_UNSUPPORTED_URL.
 */
export async function openStore(location: string = DEFAULT_STORE_LOCATION, options: StoreOptions = {}): Promise<Store> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return openPostgresStore(location, options);
  }
  if (scheme === 'file') {
    let path: string;
    try {
      path = fileURLToPath(location);
    } catch (err) {
      throw createError('STORE_OPEN_FAILED', { db: location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
    return openSqliteStore(path, location, options);
  }
  if (scheme !== undefined) throw createError('STORE_UNSUPPORTED_URL', { db: redact(location) });
  if (location.trim() === '') throw createError('STORE_OPEN_FAILED', { db: location, detail: 'the location is empty' });
  return openSqliteStore(location, location, options);
}

/** A URL without its password, safe to show. */
function redact(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
