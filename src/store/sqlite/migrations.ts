/**
 * SQLite schema, as an ordered list of migrations.
 *
 * Each migration runs once, in its own `BEGIN IMMEDIATE` transaction together with its row in
 * `schema_migrations`, so a crash mid-migration leaves the previous schema intact and two processes
 * opening one file never migrate it twice. A database whose highest version is above the last one
 * known here was written by a newer Parallax and is refused (STORE_TOO_NEW) rather than misread.
 * Append new migrations; never edit a released one.
 */
import type Database from 'better-sqlite3';
import { createError, isParallaxError } from '../../errors.js';
import type { Migration } from '../migration.js';

export type { Migration };


export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'documents-articles-messages',
    sql: `
      CREATE TABLE documents (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        media_type   TEXT NOT NULL,
        locator      TEXT NOT NULL,
        input        TEXT NOT NULL,
        byte_length  INTEGER NOT NULL,
        ingested_at  TEXT NOT NULL,
        content      TEXT NOT NULL,
        rest         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_content_hash ON documents (content_hash);

      CREATE TABLE articles (
        seq            INTEGER PRIMARY KEY,
        id             TEXT NOT NULL UNIQUE,
        document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        part           INTEGER NOT NULL,
        title          TEXT,
        url            TEXT,
        host           TEXT,
        site_name      TEXT,
        site_key       TEXT,
        language       TEXT NOT NULL,
        published      TEXT,
        published_key  TEXT,
        word_count     INTEGER NOT NULL,
        text           TEXT NOT NULL,
        extracted_text TEXT NOT NULL,
        rest           TEXT NOT NULL,
        UNIQUE (document_id, part)
      ) STRICT;
      CREATE INDEX articles_published ON articles (published_key DESC, seq);
      CREATE INDEX articles_language ON articles (language, published_key DESC);
      CREATE INDEX articles_host ON articles (host);
      CREATE INDEX articles_site_key ON articles (site_key);

      -- Full-text index over title and text, kept in step with articles by triggers.
      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
      END;

      CREATE TABLE messages (
        seq         INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        article_id  TEXT REFERENCES articles (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        stage       TEXT NOT NULL,
        rule_id     TEXT NOT NULL,
        severity    TEXT NOT NULL,
        reason      TEXT NOT NULL,
        span_start  INTEGER,
        span_end    INTEGER,
        layer       TEXT,
        excerpt     TEXT,
        data        TEXT
      ) STRICT;
      -- One message per owner and position: a re-save can never duplicate messages.
      CREATE UNIQUE INDEX messages_owner_position ON messages (document_id, ifnull(article_id, ''), position);
      CREATE INDEX messages_article ON messages (article_id, position);
      CREATE INDEX messages_rule ON messages (rule_id, severity);
    `,
  },
  {
    version: 2,
    name: 'stories-families-state',
    sql: `
      CREATE TABLE stories (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL,
        first_seen    TEXT,
        last_seen     TEXT,
        article_count INTEGER NOT NULL,
        source_count  INTEGER NOT NULL,
        members_hash  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX stories_rank ON stories (source_count DESC, article_count DESC, last_seen DESC);

      -- An article is in at most one story.
      CREATE TABLE story_members (
        story_id     TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        article_id   TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        score        REAL NOT NULL,
        shared_terms TEXT NOT NULL,
        family_id    TEXT NOT NULL,
        derivation   TEXT NOT NULL,
        reuse        REAL NOT NULL,
        evidence     TEXT NOT NULL,
        PRIMARY KEY (story_id, position)
      ) STRICT;

      CREATE TABLE families (
        id          TEXT PRIMARY KEY,
        story_id    TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        original_id TEXT NOT NULL,
        members     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX families_story ON families (story_id, position);

      CREATE TABLE analysis_state (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'story-events',
    sql: `ALTER TABLE stories ADD COLUMN events TEXT NOT NULL DEFAULT '[]';`,
  },
  {
    version: 4,
    name: 'locks',
    // One row per held lock (see Store.withLock): who holds it and until when (ms since the epoch)
    // it counts as held unless renewed.
    sql: `
      CREATE TABLE locks (
        name        TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: 'story-analyses',
    // A story's analyses as computed once (see Store.saveAnalyses): kept past a change of the
    // story's members, as stale (members_hash differs), and removed with the story when it merges.
    sql: `
      CREATE TABLE story_analyses (
        story_id     TEXT NOT NULL,
        kind         TEXT NOT NULL,
        members_hash TEXT NOT NULL,
        version      TEXT NOT NULL,
        body         TEXT NOT NULL,
        computed_at  TEXT NOT NULL,
        PRIMARY KEY (story_id, kind)
      ) STRICT;
    `,
  },
  {
    version: 6,
    name: 'follows-feed',
    // What readers follow, the keys each follow has been told about, and the feed's entries
    // (see Store.saveFollow / addFeedEntries); removing a follow removes its keys and entries.
    sql: `
      CREATE TABLE follows (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL,
        target     TEXT NOT NULL,
        anchor     TEXT,
        webhook    TEXT,
        created_at TEXT NOT NULL,
        delivery   TEXT
      ) STRICT;
      CREATE TABLE follow_seen (
        follow_id TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        PRIMARY KEY (follow_id, key)
      ) STRICT;
      CREATE TABLE feed_entries (
        seq       INTEGER PRIMARY KEY,
        id        TEXT NOT NULL UNIQUE,
        follow_id TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        body      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX feed_entries_follow ON feed_entries (follow_id, seq);
    `,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;

/**
 * Bring the database up to {@link SCHEMA_VERSION}. Throws STORE_TOO_NEW for a database from a newer
 * Parallax and STORE_MIGRATION_FAILED when a step fails (that step is rolled back).
 */
export function migrate(db: Database.Database, location: string, now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const check = (): number => {
    const found = current.get()?.v ?? 0;
    if (found > SCHEMA_VERSION) throw createError('STORE_TOO_NEW', { db: location, found, known: SCHEMA_VERSION });
    return found;
  };
  if (check() === SCHEMA_VERSION) return;
  for (const m of migrations) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if (check() >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
    });
    try {
      step.immediate();
    } catch (err) {
      if (isParallaxError(err)) throw err;
      throw createError('STORE_MIGRATION_FAILED', { db: location, version: m.version, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }
}
