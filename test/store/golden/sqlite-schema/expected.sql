CREATE INDEX articles_host ON articles (host);

CREATE INDEX articles_language ON articles (language, published_key DESC);

CREATE INDEX articles_published ON articles (published_key DESC, seq);

CREATE INDEX articles_site_key ON articles (site_key);

CREATE INDEX documents_content_hash ON documents (content_hash);

CREATE INDEX families_story ON families (story_id, position);

CREATE INDEX feed_entries_follow ON feed_entries (follow_id, seq);

CREATE INDEX messages_article ON messages (article_id, position);

CREATE UNIQUE INDEX messages_owner_position ON messages (document_id, ifnull(article_id, ''), position);

CREATE INDEX messages_rule ON messages (rule_id, severity);

CREATE INDEX stories_rank ON stories (source_count DESC, article_count DESC, last_seen DESC);

CREATE TABLE analysis_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
  ) STRICT;

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

CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
  );

CREATE TABLE 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

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

CREATE TABLE families (
  id          TEXT PRIMARY KEY,
  story_id    TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  original_id TEXT NOT NULL,
  members     TEXT NOT NULL
  ) STRICT;

CREATE TABLE feed_entries (
  seq       INTEGER PRIMARY KEY,
  id        TEXT NOT NULL UNIQUE,
  follow_id TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
  body      TEXT NOT NULL
  ) STRICT;

CREATE TABLE follow_seen (
  follow_id TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
  key       TEXT NOT NULL,
  PRIMARY KEY (follow_id, key)
  ) STRICT;

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

CREATE TABLE locks (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
  ) STRICT;

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

CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
  ) STRICT;

CREATE TABLE stories (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  first_seen    TEXT,
  last_seen     TEXT,
  article_count INTEGER NOT NULL,
  source_count  INTEGER NOT NULL,
  members_hash  TEXT NOT NULL
  , events TEXT NOT NULL DEFAULT '[]') STRICT;

CREATE TABLE story_analyses (
  story_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  members_hash TEXT NOT NULL,
  version      TEXT NOT NULL,
  body         TEXT NOT NULL,
  computed_at  TEXT NOT NULL,
  PRIMARY KEY (story_id, kind)
  ) STRICT;

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

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  END;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
  END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
  END;
