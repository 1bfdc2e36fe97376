/**
 * The embedded SQLite store: one file (or `:memory:`), WAL journal, foreign keys on, prepared
 * statements, one `BEGIN IMMEDIATE` transaction per saved batch.
 *
 * Durability: by default `synchronous=NORMAL`. In WAL mode that never corrupts the database and
 * loses nothing when the process is killed; only a power loss or OS crash may drop the last few
 * committed batches, which re-running the same ingest restores (saving is idempotent). It costs an
 * fsync per checkpoint instead of per batch. `durability: 'full'` sets `synchronous=FULL`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createError, isParallaxError } from '../../errors.js';
import type { Message } from '../../model/message.js';
import { STORE_DEFAULTS } from '../defaults.js';
import {
  articleFromRow,
  checkMessageQuery,
  contentMatchFromRow,
  storedMessageFromRow,
  documentFromRow,
  messageFromRow,
  originFromRow,
  summaryFromRow,
  toFilterKeys,
  toIngestRows,
  toPage,
  storySummaryFromRow,
  memberFromRow,
  type MemberRow,
  type StorySummaryRow,
  type ArticleRow,
  type ArticleSummaryRow,
  type DocumentRow,
  type FilterKeys,
  type IngestRows,
  type MessageRow,
  type OriginRow,
} from '../rows.js';
import type { ArticleFilter, IngestRecord, LockLease, RuleCount, SaveResult, Store, StoreOptions, StoredArticle } from '../store.js';
import type { Family, StoryEvent } from '../../model/story.js';
import type { StoredAnalysis, StoriesUpdate, StoryReads } from '../stories.js';
import { migrate } from './migrations.js';
import { FOLLOW_COLUMNS, feedPage, followFromRow, type Delivery, type FeedEntry, type Follow, type FollowRow } from '../follows.js';

const DEFAULT_BUSY_TIMEOUT_MS = STORE_DEFAULTS.busyTimeoutMs.value;
const DEFAULT_ITERATE_BATCH = STORE_DEFAULTS.iterateBatchSize.value;
const DEFAULT_LOCK_TTL_MS = STORE_DEFAULTS.lockTtlMs.value;
const LOCK_POLL_MS = STORE_DEFAULTS.lockPollMs.value;

const DOCUMENT_COLUMNS = `id, content_hash AS contentHash, media_type AS mediaType, locator, input, byte_length AS byteLength,
  ingested_at AS ingestedAt, content, rest`;
const ARTICLE_COLUMNS = `a.seq, a.id, a.document_id AS documentId, a.part, a.title, a.url, a.host, a.site_name AS siteName,
  a.site_key AS siteKey, a.language, a.published, a.published_key AS publishedKey, a.word_count AS wordCount, a.text,
  a.extracted_text AS extractedText, a.rest, d.media_type AS mediaType, d.ingested_at AS ingestedAt, d.rest AS documentRest`;
const MESSAGE_COLUMNS = `document_id AS documentId, article_id AS articleId, position, stage, rule_id AS ruleId, severity, reason,
  span_start AS spanStart, span_end AS spanEnd, layer, excerpt, data`;
const SUMMARY_COLUMNS = `a.id, a.document_id AS documentId, a.part, a.title, a.url, a.site_name AS siteName, a.language, a.published,
  a.word_count AS wordCount, d.locator,
  (SELECT count(*) FROM messages m WHERE m.article_id = a.id) AS messageCount`;

type JoinedArticleRow = ArticleRow & { seq: number; mediaType: string; ingestedAt: string; documentRest: string };
type Params = Record<string, string | number>;

/**
 * Open (creating and migrating as needed) a SQLite store at `filename` (`:memory:` for a private
 * in-memory one). `location` is what messages show. Throws STORE_OPEN_FAILED, STORE_NOT_FOUND
 * (`mustExist` and no such file), STORE_TOO_NEW or STORE_MIGRATION_FAILED.
 */
export function openSqliteStore(filename: string, location: string, options: StoreOptions = {}): Store {
  const mustExist = options.mustExist === true && filename !== ':memory:' && filename !== '';
  if (mustExist && !existsSync(filename)) {
    throw createError('STORE_NOT_FOUND', { db: location, detail: 'the file does not exist' });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(filename, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS, fileMustExist: mustExist });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db?.close();
    throw createError('STORE_OPEN_FAILED', { db: location, detail: err instanceof Error ? err.message : String(err) }, err);
  }
  try {
    migrate(db, location, options.now ?? (() => new Date()));
  } catch (err) {
    db.close();
    if (isParallaxError(err)) throw err;
    throw createError('STORE_OPEN_FAILED', { db: location, detail: err instanceof Error ? err.message : String(err) }, err);
  }
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  if (!Number.isSafeInteger(lockTtlMs) || lockTtlMs < 1) {
    db.close();
    throw createError('STORE_OPEN_FAILED', { db: location, detail: `lockTtlMs ${String(lockTtlMs)} is not a positive integer` });
  }
  return new SqliteStore(db, location, lockTtlMs);
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly documents: Store['documents'];
  readonly articles: Store['articles'];
  readonly messages: Store['messages'];
  readonly stories: Store['stories'];
  readonly analysis: Store['analysis'];
  readonly follows: Store['follows'];
  readonly feed: Store['feed'];

  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #save: (rows: readonly IngestRows[]) => SaveResult;
  readonly #saveStories: (update: StoriesUpdate) => void;
  readonly #saveAnalyses: (analyses: readonly StoredAnalysis[]) => number;
  readonly #update: (rows: readonly IngestRows[]) => number;
  readonly #lockTtlMs: number;
  readonly #saveFollow: (follow: Follow, seen: readonly string[]) => void;
  readonly #addEntries: (entries: readonly FeedEntry[]) => FeedEntry[];

  constructor(db: Database.Database, location: string, lockTtlMs: number) {
    this.#db = db;
    this.location = location;
    this.#lockTtlMs = lockTtlMs;

    const insertDocument = db.prepare<[DocumentRow]>(`
      INSERT INTO documents (id, content_hash, media_type, locator, input, byte_length, ingested_at, content, rest)
      VALUES (@id, @contentHash, @mediaType, @locator, @input, @byteLength, @ingestedAt, @content, @rest)
      ON CONFLICT (id) DO NOTHING`);
    const insertArticle = db.prepare<[ArticleRow]>(`
      INSERT INTO articles (id, document_id, part, title, url, host, site_name, site_key, language, published, published_key,
        word_count, text, extracted_text, rest)
      VALUES (@id, @documentId, @part, @title, @url, @host, @siteName, @siteKey, @language, @published, @publishedKey,
        @wordCount, @text, @extractedText, @rest)`);
    const insertMessage = db.prepare<[MessageRow]>(`
      INSERT INTO messages (document_id, article_id, position, stage, rule_id, severity, reason, span_start, span_end, layer, excerpt, data)
      VALUES (@documentId, @articleId, @position, @stage, @ruleId, @severity, @reason, @spanStart, @spanEnd, @layer, @excerpt, @data)`);

    const save = db.transaction((batch: readonly IngestRows[]): SaveResult => {
      let added = 0;
      let skipped = 0;
      let articles = 0;
      for (const rows of batch) {
        // The conflict clause makes "already stored" and "earlier in this batch" the same case.
        if (insertDocument.run(rows.document).changes === 0) {
          skipped++;
          continue;
        }
        added++;
        for (const article of rows.articles) insertArticle.run(article);
        for (const message of rows.messages) insertMessage.run(message);
        articles += rows.articles.length;
      }
      return { added, skipped, articles };
    });
    this.#save = (rows) => save.immediate(rows);

    const updateDocument = db.prepare<[DocumentRow]>(`
      UPDATE documents SET content_hash = @contentHash, media_type = @mediaType, locator = @locator, input = @input,
        byte_length = @byteLength, ingested_at = @ingestedAt, content = @content, rest = @rest
      WHERE id = @id`);
    const updateArticle = db.prepare<[ArticleRow]>(`
      UPDATE articles SET document_id = @documentId, part = @part, title = @title, url = @url, host = @host, site_name = @siteName,
        site_key = @siteKey, language = @language, published = @published, published_key = @publishedKey, word_count = @wordCount,
        text = @text, extracted_text = @extractedText, rest = @rest
      WHERE id = @id`);
    const deleteMessages = db.prepare<[string]>('DELETE FROM messages WHERE document_id = ?');
    const update = db.transaction((batch: readonly IngestRows[]): number => {
      let updated = 0;
      for (const rows of batch) {
        if (updateDocument.run(rows.document).changes === 0) continue;
        updated++;
        for (const article of rows.articles) if (updateArticle.run(article).changes === 0) insertArticle.run(article);
        deleteMessages.run(rows.document.id);
        for (const message of rows.messages) insertMessage.run(message);
      }
      return updated;
    });
    this.#update = (rows) => update.immediate(rows);

    this.documents = {
      has: async (ids) => {
        const found = this.#all<{ id: string }>('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(@ids))', {
          ids: JSON.stringify(ids),
        });
        return new Set(found.map((r) => r.id));
      },
      get: async (id) => {
        const row = this.#get<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = @id`, { id });
        if (row === undefined) return undefined;
        const messages = this.#all<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE document_id = @id AND article_id IS NULL ORDER BY position`,
          { id },
        );
        const articleIds = this.#all<{ id: string }>('SELECT id FROM articles WHERE document_id = @id ORDER BY part', { id });
        return { document: documentFromRow(row), messages: messages.map(messageFromRow), articleIds: articleIds.map((r) => r.id) };
      },
      withContent: async (hashes) =>
        this.#all<{ id: string; contentHash: string; rest: string }>(
          `SELECT id, content_hash AS contentHash, rest FROM documents
           WHERE content_hash IN (SELECT value FROM json_each(@hashes)) ORDER BY seq`,
          { hashes: JSON.stringify(hashes) },
        ).map(contentMatchFromRow),
      count: async () => this.#get<{ n: number }>('SELECT count(*) AS n FROM documents', {})?.n ?? 0,
    };

    this.articles = {
      get: async (id) => {
        const row = this.#get<JoinedArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = @id`,
          { id },
        );
        return row === undefined ? undefined : this.#withMessages([row])[0];
      },
      getMany: async (ids) => {
        const rows = this.#all<JoinedArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id
           WHERE a.id IN (SELECT value FROM json_each(@ids))`,
          { ids: JSON.stringify(ids) },
        );
        const byId = new Map(this.#withMessages(rows).map((s) => [s.article.id, s]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
      list: async (query) => {
        const page = toPage(query, this.location);
        const where = whereClause(toFilterKeys(query, this.location));
        const total = this.#get<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE ${where.sql}`, where.params)?.n ?? 0;
        const rows = this.#all<ArticleSummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id
           WHERE ${where.sql} ORDER BY a.published_key DESC, a.seq LIMIT @limit OFFSET @offset`,
          { ...where.params, ...page },
        );
        return { items: rows.map(summaryFromRow), total };
      },
      count: async (filter) => {
        const where = whereClause(toFilterKeys(filter, this.location));
        return this.#get<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE ${where.sql}`, where.params)?.n ?? 0;
      },
      iterate: (filter, options) => this.#iterate(filter, options?.batchSize ?? DEFAULT_ITERATE_BATCH),
    };

    const deleteStory = db.prepare<[string]>('DELETE FROM stories WHERE id = ?');
    const insertStory = db.prepare(`
      INSERT INTO stories (id, title, first_seen, last_seen, article_count, source_count, members_hash, events)
      VALUES (@id, @title, @firstSeen, @lastSeen, @articleCount, @sourceCount, @membersHash, @events)`);
    const releaseArticle = db.prepare<[string]>('DELETE FROM story_members WHERE article_id = ?');
    const insertMember = db.prepare(`
      INSERT INTO story_members (story_id, article_id, position, score, shared_terms, family_id, derivation, reuse, evidence)
      VALUES (@storyId, @articleId, @position, @score, @sharedTerms, @familyId, @derivation, @reuse, @evidence)`);
    const insertFamily = db.prepare(`
      INSERT INTO families (id, story_id, position, original_id, members) VALUES (@id, @storyId, @position, @originalId, @members)`);
    const putState = db.prepare(`
      INSERT INTO analysis_state (key, value, updated_at) VALUES (@key, @value, @updatedAt)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    const deleteAnalyses = db.prepare<[string]>('DELETE FROM story_analyses WHERE story_id = ?');
    const saveStories = db.transaction((update: StoriesUpdate) => {
      for (const id of update.remove) {
        deleteStory.run(id);
        deleteAnalyses.run(id);
      }
      for (const rec of update.upsert) {
        deleteStory.run(rec.story.id);
        insertStory.run({
          id: rec.story.id,
          title: rec.story.title,
          firstSeen: rec.story.firstSeen ?? null,
          lastSeen: rec.story.lastSeen ?? null,
          articleCount: rec.members.length,
          sourceCount: rec.families.length,
          membersHash: rec.membersHash,
          events: JSON.stringify(rec.story.events ?? []),
        });
        const familyOf = new Map<string, { family: Family; member: Family['members'][number] }>();
        rec.families.forEach((family, position) => {
          insertFamily.run({ id: family.id, storyId: rec.story.id, position, originalId: family.originalId, members: JSON.stringify(family.members) });
          for (const member of family.members) familyOf.set(member.articleId, { family, member });
        });
        rec.members.forEach((m, position) => {
          const fam = familyOf.get(m.articleId);
          // An article moves here from any story it was in before (merges).
          releaseArticle.run(m.articleId);
          insertMember.run({
            storyId: rec.story.id,
            articleId: m.articleId,
            position,
            score: m.score,
            sharedTerms: JSON.stringify(m.sharedTerms),
            familyId: fam?.family.id ?? '',
            derivation: fam?.member.derivation ?? 'original',
            reuse: fam?.member.reuse ?? 1,
            evidence: JSON.stringify(fam?.member.evidence ?? []),
          });
        });
      }
      const updatedAt = new Date().toISOString();
      for (const { key, value } of update.state) putState.run({ key, value: JSON.stringify(value), updatedAt });
    });
    this.#saveStories = (update) => saveStories.immediate(update);

    // An analysis is kept only while its story has the members it was computed for.
    const putAnalysis = db.prepare(`
      INSERT INTO story_analyses (story_id, kind, members_hash, version, body, computed_at)
      SELECT @storyId, @kind, @membersHash, @version, @body, @computedAt
      WHERE EXISTS (SELECT 1 FROM stories WHERE id = @storyId AND members_hash = @membersHash)
      ON CONFLICT (story_id, kind) DO UPDATE SET members_hash = excluded.members_hash, version = excluded.version,
        body = excluded.body, computed_at = excluded.computed_at`);
    const saveAnalyses = db.transaction((analyses: readonly StoredAnalysis[]) => {
      let kept = 0;
      for (const a of analyses) kept += putAnalysis.run({ ...a }).changes;
      return kept;
    });
    this.#saveAnalyses = (analyses) => saveAnalyses.immediate(analyses);

    this.follows = {
      list: async () => this.#all<FollowRow>(`SELECT ${FOLLOW_COLUMNS} FROM follows ORDER BY seq`, {}).map(followFromRow),
      get: async (id) => {
        const row = this.#get<FollowRow>(`SELECT ${FOLLOW_COLUMNS} FROM follows WHERE id = @id`, { id });
        return row === undefined ? undefined : followFromRow(row);
      },
    };
    this.feed = {
      list: async (query) => {
        const { limit, offset } = feedPage(query);
        const where = query?.followId !== undefined ? 'WHERE follow_id = @followId' : '';
        const params: Params = query?.followId !== undefined ? { followId: query.followId, limit, offset } : { limit, offset };
        const items = this.#all<{ body: string }>(`SELECT body FROM feed_entries ${where} ORDER BY seq DESC LIMIT @limit OFFSET @offset`, params);
        const { limit: _l, offset: _o, ...countParams } = params;
        void _l;
        void _o;
        const total = this.#get<{ n: number }>(`SELECT count(*) AS n FROM feed_entries ${where}`, countParams)?.n ?? 0;
        return { items: items.map((r) => JSON.parse(r.body) as FeedEntry), total };
      },
    };
    const putFollow = db.prepare(`
      INSERT INTO follows (id, kind, target, anchor, webhook, created_at) VALUES (@id, @kind, @target, @anchor, @webhook, @createdAt)
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target, anchor = excluded.anchor,
        webhook = excluded.webhook, created_at = excluded.created_at`);
    const putSeen = db.prepare('INSERT INTO follow_seen (follow_id, key) VALUES (@followId, @key) ON CONFLICT DO NOTHING');
    const followExists = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM follows WHERE id = ?');
    const putEntry = db.prepare('INSERT INTO feed_entries (id, follow_id, body) VALUES (@id, @followId, @body) ON CONFLICT (id) DO NOTHING');
    const saveFollow = db.transaction((follow: Follow, seen: readonly string[]) => {
      putFollow.run({ id: follow.id, kind: follow.kind, target: follow.target, anchor: follow.anchor ?? null, webhook: follow.webhook ?? null, createdAt: follow.createdAt });
      for (const key of seen) putSeen.run({ followId: follow.id, key });
    });
    this.#saveFollow = (follow, seen) => saveFollow.immediate(follow, seen);
    const addEntries = db.transaction((entries: readonly FeedEntry[]) => {
      const added: FeedEntry[] = [];
      for (const e of entries) {
        if ((followExists.get(e.followId)?.n ?? 0) === 0) continue;
        if (putSeen.run({ followId: e.followId, key: e.key }).changes === 0) continue;
        putEntry.run({ id: e.id, followId: e.followId, body: JSON.stringify(e) });
        added.push(e);
      }
      return added;
    });
    this.#addEntries = (entries) => addEntries.immediate(entries);

    const stories: StoryReads = {
      list: async (query) => {
        const page = toPage(query, this.location);
        const parts = ['article_count >= @minArticles'];
        const params: Params = { minArticles: query?.minArticles ?? 1 };
        const { search: _search, ...memberFilter } = query ?? {};
        void _search;
        const member = whereClause(toFilterKeys(memberFilter, this.location));
        if (member.sql !== '1') {
          // CROSS JOIN fixes the order: a story's members by its id, then each article by its key.
          // Left to itself the planner scans every matching article once per story (seconds at 10k).
          parts.push(`EXISTS (SELECT 1 FROM story_members sm CROSS JOIN articles a ON a.id = sm.article_id WHERE sm.story_id = stories.id AND ${member.sql})`);
          Object.assign(params, member.params);
        }
        (query?.search ?? '')
          .split(/\s+/)
          .filter((w) => w !== '')
          .forEach((w, i) => {
            parts.push(`title LIKE @w${i} ESCAPE '\\'`);
            params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          });
        const where = parts.join(' AND ');
        const total = this.#get<{ n: number }>(`SELECT count(*) AS n FROM stories WHERE ${where}`, params)?.n ?? 0;
        const rows = this.#all<StorySummaryRow>(
          `SELECT id, title, article_count AS articleCount, source_count AS sourceCount, first_seen AS firstSeen, last_seen AS lastSeen
           FROM stories WHERE ${where} ORDER BY source_count DESC, article_count DESC, last_seen DESC, seq LIMIT @limit OFFSET @offset`,
          { ...params, ...page },
        );
        return { items: rows.map(storySummaryFromRow), total };
      },
      get: async (id) => {
        const row = this.#get<StorySummaryRow>(
          `SELECT id, title, article_count AS articleCount, source_count AS sourceCount, first_seen AS firstSeen, last_seen AS lastSeen
           FROM stories WHERE id = @id`,
          { id },
        );
        if (row === undefined) return undefined;
        const members = this.#all<MemberRow>(
          `SELECT ${SUMMARY_COLUMNS}, sm.score, sm.shared_terms AS sharedTerms, sm.family_id AS familyId, sm.derivation, sm.reuse, sm.evidence
           FROM story_members sm JOIN articles a ON a.id = sm.article_id JOIN documents d ON d.id = a.document_id
           WHERE sm.story_id = @id ORDER BY sm.position`,
          { id },
        );
        const families = this.#all<{ id: string; originalId: string; members: string }>(
          'SELECT id, original_id AS originalId, members FROM families WHERE story_id = @id ORDER BY position',
          { id },
        ).map((f): Family => ({ id: f.id, storyId: id, originalId: f.originalId, members: JSON.parse(f.members) as Family['members'] }));
        const summary = storySummaryFromRow(row);
        const events = JSON.parse(this.#get<{ events: string }>('SELECT events FROM stories WHERE id = @id', { id })?.events ?? '[]') as StoryEvent[];
        return {
          story: {
            id: summary.id,
            title: summary.title,
            articleIds: members.map((m) => m.id),
            ...(summary.firstSeen ? { firstSeen: summary.firstSeen } : {}),
            ...(summary.lastSeen ? { lastSeen: summary.lastSeen } : {}),
            sourceCount: summary.sourceCount,
            ...(events.length > 0 ? { events } : {}),
          },
          members: members.map(memberFromRow),
          families,
        };
      },
      ofArticle: async (articleId) =>
        this.#get<{ storyId: string }>('SELECT story_id AS storyId FROM story_members WHERE article_id = @articleId', { articleId })?.storyId,
      count: async () => this.#get<{ n: number }>('SELECT count(*) AS n FROM stories', {})?.n ?? 0,
      fingerprints: async (id) =>
        new Map(
          (id === undefined
            ? this.#all<{ id: string; hash: string }>('SELECT id, members_hash AS hash FROM stories', {})
            : this.#all<{ id: string; hash: string }>('SELECT id, members_hash AS hash FROM stories WHERE id = @id', { id })
          ).map((r) => [r.id, r.hash]),
        ),
      pendingArticleIds: async () =>
        this.#all<{ id: string }>(
          `SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = a.id)
           ORDER BY a.published_key IS NULL, a.published_key, a.seq`,
          {},
        ).map((r) => r.id),
      hasPending: async () =>
        this.#get<{ n: number }>('SELECT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = a.id)) AS n', {})
          ?.n === 1,
    };

    this.stories = stories;

    this.analysis = {
      getState: async (key) => {
        const row = this.#get<{ value: string }>('SELECT value FROM analysis_state WHERE key = @key', { key });
        return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
      },
      get: async (storyId, kind) => {
        const row = this.#get<StoredAnalysis & { sameMembers: number }>(
          `SELECT a.story_id AS storyId, a.kind, a.members_hash AS membersHash, a.version, a.body, a.computed_at AS computedAt,
             coalesce(s.members_hash = a.members_hash, 0) AS sameMembers
           FROM story_analyses a LEFT JOIN stories s ON s.id = a.story_id WHERE a.story_id = @storyId AND a.kind = @kind`,
          { storyId, kind },
        );
        return row === undefined ? undefined : { ...row, sameMembers: row.sameMembers === 1 };
      },
      page: async (kind, after, limit) =>
        this.#all<StoredAnalysis & { sameMembers: number }>(
          `SELECT a.story_id AS storyId, a.kind, a.members_hash AS membersHash, a.version, a.body, a.computed_at AS computedAt,
             coalesce(s.members_hash = a.members_hash, 0) AS sameMembers
           FROM story_analyses a LEFT JOIN stories s ON s.id = a.story_id
           WHERE a.kind = @kind AND a.story_id > @after ORDER BY a.story_id LIMIT @limit`,
          { kind, after: after ?? '', limit },
        ).map((row) => ({ ...row, sameMembers: row.sameMembers === 1 })),
      stale: async (kind, version) =>
        this.#all<{ id: string }>(
          `SELECT s.id FROM stories s LEFT JOIN story_analyses a ON a.story_id = s.id AND a.kind = @kind
           WHERE a.story_id IS NULL OR a.members_hash <> s.members_hash OR a.version <> @version
           ORDER BY s.article_count DESC, s.seq`,
          { kind, version },
        ).map((r) => r.id),
    };

    this.messages = {
      list: async (query) => {
        const page = toPage(query, this.location);
        checkMessageQuery(query, this.location);
        const parts: string[] = [];
        const params: Params = {};
        for (const [key, column] of [['stage', 'stage'], ['ruleId', 'rule_id'], ['severity', 'severity']] as const) {
          const value = query?.[key];
          if (value === undefined) continue;
          parts.push(`${column} = @${key}`);
          params[key] = value;
        }
        const where = parts.length === 0 ? '1' : parts.join(' AND ');
        const total = this.#get<{ n: number }>(`SELECT count(*) AS n FROM messages WHERE ${where}`, params)?.n ?? 0;
        const rows = this.#all<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${where} ORDER BY seq LIMIT @limit OFFSET @offset`,
          { ...params, ...page },
        );
        return { items: rows.map(storedMessageFromRow), total };
      },
      countByRule: async () =>
        this.#all<RuleCount>(
          `SELECT stage, rule_id AS ruleId, severity, count(*) AS messages, count(DISTINCT document_id) AS documents
           FROM messages GROUP BY stage, rule_id, severity ORDER BY messages DESC, stage, rule_id, severity`,
          {},
        ),
    };
  }

  async saveIngested(batch: readonly IngestRecord[]): Promise<SaveResult> {
    this.#open();
    const rows = toIngestRows(batch, this.location);
    if (rows.length === 0) return { added: 0, skipped: 0, articles: 0 };
    try {
      return this.#save(rows);
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }

  async updateIngested(batch: readonly IngestRecord[]): Promise<number> {
    this.#open();
    const rows = toIngestRows(batch, this.location);
    if (rows.length === 0) return 0;
    try {
      return this.#update(rows);
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }

  async saveAnalyses(analyses: readonly StoredAnalysis[]): Promise<number> {
    this.#open();
    try {
      return this.#saveAnalyses(analyses);
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }

  async saveFollow(follow: Follow, seen: readonly string[]): Promise<void> {
    this.#open();
    this.#writing(() => this.#saveFollow(follow, seen));
  }

  async removeFollow(id: string): Promise<boolean> {
    this.#open();
    return this.#writing(() => this.#statement('DELETE FROM follows WHERE id = @id').run({ id }).changes > 0);
  }

  async addFeedEntries(entries: readonly FeedEntry[]): Promise<FeedEntry[]> {
    this.#open();
    if (entries.length === 0) return [];
    return this.#writing(() => this.#addEntries(entries));
  }

  async recordDelivery(followId: string, delivery: Delivery): Promise<void> {
    this.#open();
    this.#writing(() => this.#statement('UPDATE follows SET delivery = @delivery WHERE id = @id').run({ id: followId, delivery: JSON.stringify(delivery) }));
  }

  /** Run a write; a refusal of the database is STORE_WRITE_FAILED. */
  #writing<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }

  async saveStories(update: StoriesUpdate): Promise<void> {
    this.#open();
    try {
      this.#saveStories(update);
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  }

  async withLock<T>(name: string, work: (lease: LockLease) => Promise<T>): Promise<T> {
    this.#open();
    const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
    const ttl = this.#lockTtlMs;
    // One statement, so atomic: take the lock when it is free or its holder stopped renewing it.
    const acquire = (): boolean => {
      const now = Date.now();
      return (
        this.#statement(`INSERT INTO locks (name, owner, acquired_at, expires_at) VALUES (@name, @owner, @acquiredAt, @expiresAt)
          ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
          WHERE locks.expires_at < @now`).run({ name, owner, acquiredAt: new Date(now).toISOString(), expiresAt: now + ttl, now }).changes === 1
      );
    };
    for (;;) {
      try {
        if (acquire()) break;
      } catch (err) {
        // Another process is writing a batch: the lock row is simply not readable yet.
        if (!isBusy(err)) throw createError('STORE_WRITE_FAILED', { db: this.location, detail: err instanceof Error ? err.message : String(err) }, err);
      }
      await sleep(LOCK_POLL_MS);
      this.#open();
    }
    const renewSync = (): void => {
      const renewed = this.#statement('UPDATE locks SET expires_at = @expiresAt WHERE name = @name AND owner = @owner').run({
        name,
        owner,
        expiresAt: Date.now() + ttl,
      });
      if (renewed.changes !== 1) throw createError('STORE_LOCK_LOST', {
          lock: name,
          db: this.location,
          detail: `another process took it over, as this one had not renewed it for ${ttl / 1000} s (stalled or suspended)`,
        });
    };
    const lease: LockLease = {
      renew: async () => {
        this.#open();
        renewSync();
      },
    };
    // Renewed in the background too, while `work` waits on I/O; a busy database is tried again next time.
    const heartbeat = setInterval(() => {
      try {
        if (this.#db.open) renewSync();
      } catch {
        // Reported by the next lease.renew().
      }
    }, Math.max(1, Math.floor(ttl / 3)));
    heartbeat.unref();
    try {
      return await work(lease);
    } finally {
      clearInterval(heartbeat);
      if (this.#db.open) {
        for (let tries = 0; ; tries++) {
          try {
            this.#statement('DELETE FROM locks WHERE name = @name AND owner = @owner').run({ name, owner });
            break;
          } catch (err) {
            // Left in place, the lock would expire after `ttl`; try a little before leaving it to that.
            if (!isBusy(err) || tries >= 20) break;
            await sleep(LOCK_POLL_MS);
          }
        }
      }
    }
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#statements.clear();
    this.#db.close();
  }

  async *#iterate(filter: ArticleFilter | undefined, batchSize: number): AsyncGenerator<StoredArticle> {
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw createError('STORE_QUERY_INVALID', { db: this.location, detail: `batchSize ${String(batchSize)} is not a positive integer` });
    }
    const where = whereClause(toFilterKeys(filter, this.location));
    let after = 0;
    for (;;) {
      // Keyset paging on the insertion order: each batch is a fresh short read, so no read
      // transaction stays open (and no lock is held) while the consumer works.
      const rows = this.#all<JoinedArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id
         WHERE a.seq > @after AND ${where.sql} ORDER BY a.seq LIMIT @limit`,
        { ...where.params, after, limit: batchSize },
      );
      if (rows.length === 0) return;
      yield* this.#withMessages(rows);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }

  /** Stored articles for joined rows, with their messages read in one query. */
  #withMessages(rows: readonly JoinedArticleRow[]): StoredArticle[] {
    const messages = new Map<string, Message[]>();
    const found = this.#all<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE article_id IN (SELECT value FROM json_each(@ids)) ORDER BY article_id, position`,
      { ids: JSON.stringify(rows.map((r) => r.id)) },
    );
    for (const m of found) {
      const list = messages.get(m.articleId ?? '') ?? [];
      list.push(messageFromRow(m));
      messages.set(m.articleId ?? '', list);
    }
    return rows.map((row) => {
      const origin: OriginRow = { documentId: row.documentId, mediaType: row.mediaType, ingestedAt: row.ingestedAt, rest: row.documentRest };
      return { article: articleFromRow(row), messages: messages.get(row.id) ?? [], document: originFromRow(origin) };
    });
  }

  #open(): void {
    if (!this.#db.open) throw createError('STORE_CLOSED', { db: this.location });
  }

  #statement(sql: string): Database.Statement {
    this.#open();
    let stmt = this.#statements.get(sql);
    if (stmt === undefined) {
      stmt = this.#db.prepare(sql);
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  #get<T>(sql: string, params: Params): T | undefined {
    return this.#statement(sql).get(params) as T | undefined;
  }

  #all<T>(sql: string, params: Params): T[] {
    return this.#statement(sql).all(params) as T[];
  }
}

/** True for SQLite's "database is locked/busy" errors (another connection holds the write lock). */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The WHERE condition (over alias `a`) for normalised filters; `1` when there are none. */
function whereClause(keys: FilterKeys): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Params = {};
  if (keys.language !== undefined) {
    parts.push('a.language = @language');
    params.language = keys.language;
  }
  if (keys.sinceKey !== undefined) {
    parts.push('a.published_key >= @since');
    params.since = keys.sinceKey;
  }
  if (keys.untilKey !== undefined) {
    parts.push('a.published_key < @until');
    params.until = keys.untilKey;
  }
  if (keys.host !== undefined && keys.siteKey !== undefined) {
    parts.push('(a.host = @host OR a.site_key = @siteKey)');
    params.host = keys.host;
    params.siteKey = keys.siteKey;
  }
  if (keys.words !== undefined) {
    // Each word quoted as an FTS5 string: user input is never parsed as query syntax.
    parts.push('a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)');
    params.match = keys.words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
