/**
 * PostgreSQL schema, as an ordered list of migrations, applied in the connection's current schema
 * (the first existing schema of its `search_path`; `public` by default).
 *
 * Each migration runs once, in its own transaction together with its row in `schema_migrations`,
 * under a transaction-scoped advisory lock keyed by the schema name: DDL is transactional in
 * PostgreSQL, so a failed step leaves the previous schema intact, and processes opening one
 * database at once wait for each other instead of racing. A schema whose highest version is above
 * the last one known here was written by a newer Parallax and is refused (STORE_TOO_NEW).
 * Append new migrations; never edit a released one.
 *
 * The tables mirror the SQLite ones column for column (see `../sqlite/migrations.ts`), with two
 * differences: keys compared or sorted on are `COLLATE "C"` so order and equality are bytewise as in
 * SQLite, whatever the database's locale; and full-text search is an array of folded words with a
 * GIN index (`words.ts`) instead of an FTS5 table.
 */
import type { PoolClient } from 'pg';
import { createError, isParallaxError } from '../../errors.js';
import type { Migration } from '../migration.js';

export type { Migration };


export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents-articles-messages',
    sql: `
      CREATE TABLE documents (
        seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id           text COLLATE "C" NOT NULL UNIQUE,
        content_hash text COLLATE "C" NOT NULL,
        media_type   text NOT NULL,
        locator      text NOT NULL,
        input        text NOT NULL,
        byte_length  bigint NOT NULL,
        ingested_at  text NOT NULL,
        content      text NOT NULL,
        rest         text NOT NULL
      );
      CREATE INDEX documents_content_hash ON documents (content_hash);

      CREATE TABLE articles (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id             text COLLATE "C" NOT NULL UNIQUE,
        document_id    text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        part           integer NOT NULL,
        title          text,
        url            text,
        host           text COLLATE "C",
        site_name      text,
        site_key       text COLLATE "C",
        language       text COLLATE "C" NOT NULL,
        published      text,
        published_key  text COLLATE "C",
        word_count     integer NOT NULL,
        text           text NOT NULL,
        extracted_text text NOT NULL,
        rest           text NOT NULL,
        words          text[] COLLATE "C" NOT NULL,
        UNIQUE (document_id, part)
      );
      CREATE INDEX articles_published ON articles (published_key DESC NULLS LAST, seq);
      CREATE INDEX articles_language ON articles (language, published_key DESC NULLS LAST);
      CREATE INDEX articles_host ON articles (host);
      CREATE INDEX articles_site_key ON articles (site_key);
      CREATE INDEX articles_words ON articles USING gin (words);

      CREATE TABLE messages (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id text COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        article_id  text COLLATE "C" REFERENCES articles (id) ON DELETE CASCADE,
        position    integer NOT NULL,
        stage       text COLLATE "C" NOT NULL,
        rule_id     text COLLATE "C" NOT NULL,
        severity    text COLLATE "C" NOT NULL,
        reason      text NOT NULL,
        span_start  bigint,
        span_end    bigint,
        layer       text,
        excerpt     text,
        data        text
      );
      -- One message per owner and position: a re-save can never duplicate messages.
      CREATE UNIQUE INDEX messages_owner_position ON messages (document_id, coalesce(article_id, ''), position);
      CREATE INDEX messages_article ON messages (article_id, position);
      CREATE INDEX messages_rule ON messages (rule_id, severity);
    `,
  },
  {
    version: 2,
    name: 'stories-families-state',
    sql: `
      CREATE TABLE stories (
        seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id            text COLLATE "C" NOT NULL UNIQUE,
        title         text NOT NULL,
        first_seen    text,
        last_seen     text,
        article_count integer NOT NULL,
        source_count  integer NOT NULL,
        members_hash  text NOT NULL
      );
      CREATE INDEX stories_rank ON stories (source_count DESC, article_count DESC, last_seen DESC NULLS LAST);

      -- An article is in at most one story.
      CREATE TABLE story_members (
        story_id     text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        article_id   text COLLATE "C" NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
        position     integer NOT NULL,
        score        double precision NOT NULL,
        shared_terms text NOT NULL,
        family_id    text NOT NULL,
        derivation   text NOT NULL,
        reuse        double precision NOT NULL,
        evidence     text NOT NULL,
        PRIMARY KEY (story_id, position)
      );

      CREATE TABLE families (
        id          text COLLATE "C" PRIMARY KEY,
        story_id    text COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        position    integer NOT NULL,
        original_id text NOT NULL,
        members     text NOT NULL
      );
      CREATE INDEX families_story ON families (story_id, position);

      CREATE TABLE analysis_state (
        key        text PRIMARY KEY,
        value      text NOT NULL,
        updated_at text NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'story-events',
    sql: `ALTER TABLE stories ADD COLUMN events text NOT NULL DEFAULT '[]';`,
  },
  {
    version: 4,
    name: 'story-analyses',
    // A story's analyses as computed once (see Store.saveAnalyses): kept past a change of the
    // story's members, as stale (members_hash differs), and removed with the story when it merges.
    sql: `
      CREATE TABLE story_analyses (
        story_id     text COLLATE "C" NOT NULL,
        kind         text NOT NULL,
        members_hash text NOT NULL,
        version      text NOT NULL,
        body         text NOT NULL,
        computed_at  text NOT NULL,
        PRIMARY KEY (story_id, kind)
      );
    `,
  },
  {
    version: 5,
    name: 'follows-feed',
    // What readers follow, the keys each follow has been told about, and the feed's entries
    // (see Store.saveFollow / addFeedEntries); removing a follow removes its keys and entries.
    sql: `
      CREATE TABLE follows (
        seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id         text COLLATE "C" NOT NULL UNIQUE,
        kind       text NOT NULL,
        target     text NOT NULL,
        anchor     text,
        webhook    text,
        created_at text NOT NULL,
        delivery   text
      );
      CREATE TABLE follow_seen (
        follow_id text COLLATE "C" NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        key       text COLLATE "C" NOT NULL,
        PRIMARY KEY (follow_id, key)
      );
      CREATE TABLE feed_entries (
        seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id        text COLLATE "C" NOT NULL UNIQUE,
        follow_id text COLLATE "C" NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        body      text NOT NULL
      );
      CREATE INDEX feed_entries_follow ON feed_entries (follow_id, seq);
    `,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;

/** First key of the migration lock: the same for every Parallax schema (`hashtext` of this). */
const LOCK_NAMESPACE = 'parallax.schema_migrations';

/**
 * Bring the connection's current schema up to {@link SCHEMA_VERSION}. Throws STORE_OPEN_FAILED
 * when no schema on the search path exists, STORE_NOT_FOUND when it holds no Parallax tables and
 * `mustExist` is set, STORE_TOO_NEW for a schema from a newer Parallax and
 * STORE_MIGRATION_FAILED when a step fails (that step is rolled back).
 */
export async function migrate(client: PoolClient, location: string, now: () => Date, mustExist = false): Promise<void> {
  const schema = (await client.query<{ schema: string | null }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? null;
  if (schema === null) {
    throw createError('STORE_OPEN_FAILED', { db: location, detail: 'no schema of the search_path exists; create it first' });
  }
  const check = async (): Promise<number> => {
    const found = await currentVersion(client);
    if (found > SCHEMA_VERSION) throw createError('STORE_TOO_NEW', { db: location, found, known: SCHEMA_VERSION });
    return found;
  };
  const found = await check();
  if (found === SCHEMA_VERSION) return;
  if (found === 0 && mustExist) {
    throw createError('STORE_NOT_FOUND', { db: location, detail: `its schema ${schema} holds no Parallax tables` });
  }
  for (const m of migrations) {
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext(current_schema()))', [LOCK_NAMESPACE]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at text NOT NULL
      )`);
      // Re-read under the lock: another process may have migrated meanwhile.
      if ((await check()) < m.version) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, now().toISOString()]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isParallaxError(err)) throw err;
      throw createError('STORE_MIGRATION_FAILED', { db: location, version: m.version, detail: errorDetail(err) }, err);
    }
  }
}

/** The highest applied version in the current schema, 0 when it has no `schema_migrations` table. */
async function currentVersion(client: PoolClient): Promise<number> {
  const table = await client.query<{ found: string | null }>(
    "SELECT to_regclass(format('%I.schema_migrations', current_schema()))::text AS found",
  );
  if ((table.rows[0]?.found ?? null) === null) return 0;
  const max = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return max.rows[0]?.v ?? 0;
}

/** A driver error as one line for a message; never holds connection parameters. */
export function errorDetail(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(errorDetail).join('; ');
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return err.message !== '' ? err.message : typeof code === 'string' ? code : err.name;
  }
  return String(err);
}
