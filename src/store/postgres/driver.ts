/**
 * The PostgreSQL store: a connection pool (`pg`), the schema in the connection's current schema,
 * one transaction per saved batch, full-text search over folded words.
 *
 * Saving sends each table's rows of a batch as JSON parameters expanded by `json_to_recordset` (one
 * per table for a typical batch, more when its rows exceed `maxStatementChars`), so a batch costs a
 * handful of round trips whatever its count; articles and messages are inserted in batch order, so
 * the identity column `seq` is the save order that listing ties and `iterate` follow.
 *
 * Durability: `normal` (default) commits batches with `synchronous_commit = off`: a commit is never
 * lost when the writing process dies, and a crash of the server or machine may drop the last
 * batches but never corrupts anything (re-running the same ingest restores them, saving is
 * idempotent). `full` waits for the commit to be flushed. `busyTimeoutMs` is the `lock_timeout` of a
 * save: how long it waits on another writer's lock.
 *
 * Select another schema than `public` with the URL's `options` parameter, as libpq does:
 * `postgres://host/db?options=-c%20search_path%3Dparallax` (the schema must exist).
 */
import pg from 'pg';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { createError, isParallaxError } from '../../errors.js';
import type { Message } from '../../model/message.js';
import { STORE_DEFAULTS } from '../defaults.js';
import {
  articleFromRow,
  checkMessageQuery,
  contentMatchFromRow,
  documentFromRow,
  messageFromRow,
  originFromRow,
  storedMessageFromRow,
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
import { errorDetail, migrate } from './migrations.js';
import { FOLLOW_COLUMNS, feedPage, followFromRow, type Delivery, type FeedEntry, type Follow, type FollowRow } from '../follows.js';
import { PG_SETTINGS } from './settings.js';
import { indexWords, queryWords } from './words.js';

const DEFAULT_BUSY_TIMEOUT_MS = STORE_DEFAULTS.busyTimeoutMs.value;
const DEFAULT_ITERATE_BATCH = STORE_DEFAULTS.iterateBatchSize.value;
const INT8_OID = 20;
const MAX_STATEMENT_CHARS = PG_SETTINGS.maxStatementChars.value;
/** First key of the advisory locks of {@link Store.withLock} (the second is the schema and lock name). */
const LOCK_NAMESPACE = 'parallax-lock';

/** `bigint` columns (seq, counts, byte lengths, spans) as numbers: they stay far below 2^53. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const STORY_COLUMNS = `id, title, article_count AS "articleCount", source_count AS "sourceCount", first_seen AS "firstSeen", last_seen AS "lastSeen"`;
const DOCUMENT_COLUMNS = `id, content_hash AS "contentHash", media_type AS "mediaType", locator, input, byte_length AS "byteLength",
  ingested_at AS "ingestedAt", content, rest`;
const ARTICLE_COLUMNS = `a.seq, a.id, a.document_id AS "documentId", a.part, a.title, a.url, a.host, a.site_name AS "siteName",
  a.site_key AS "siteKey", a.language, a.published, a.published_key AS "publishedKey", a.word_count AS "wordCount", a.text,
  a.extracted_text AS "extractedText", a.rest, d.media_type AS "mediaType", d.ingested_at AS "ingestedAt", d.rest AS "documentRest"`;
const MESSAGE_COLUMNS = `document_id AS "documentId", article_id AS "articleId", position, stage, rule_id AS "ruleId", severity, reason,
  span_start AS "spanStart", span_end AS "spanEnd", layer, excerpt, data`;
const SUMMARY_COLUMNS = `a.id, a.document_id AS "documentId", a.part, a.title, a.url, a.site_name AS "siteName", a.language, a.published,
  a.word_count AS "wordCount", d.locator,
  (SELECT count(*) FROM messages m WHERE m.article_id = a.id) AS "messageCount"`;

// Batch inserts: a JSON array of row objects per statement, expanded in order (`ord`).
const INSERT_DOCUMENTS = `
  INSERT INTO documents (id, content_hash, media_type, locator, input, byte_length, ingested_at, content, rest)
  SELECT r.id, r."contentHash", r."mediaType", r.locator, r.input, r."byteLength", r."ingestedAt", r.content, r.rest
  FROM json_to_recordset($1::json) AS r(ord integer, id text, "contentHash" text, "mediaType" text, locator text, input text,
    "byteLength" bigint, "ingestedAt" text, content text, rest text)
  ORDER BY r.ord
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;
const INSERT_ARTICLES = `
  INSERT INTO articles (id, document_id, part, title, url, host, site_name, site_key, language, published, published_key,
    word_count, text, extracted_text, rest, words)
  SELECT r.id, r."documentId", r.part, r.title, r.url, r.host, r."siteName", r."siteKey", r.language, r.published, r."publishedKey",
    r."wordCount", r.text, r."extractedText", r.rest, r.words
  FROM json_to_recordset($1::json) AS r(ord integer, id text, "documentId" text, part integer, title text, url text, host text,
    "siteName" text, "siteKey" text, language text, published text, "publishedKey" text, "wordCount" integer, text text,
    "extractedText" text, rest text, words text[])
  ORDER BY r.ord`;
const INSERT_MESSAGES = `
  INSERT INTO messages (document_id, article_id, position, stage, rule_id, severity, reason, span_start, span_end, layer, excerpt, data)
  SELECT r."documentId", r."articleId", r.position, r.stage, r."ruleId", r.severity, r.reason, r."spanStart", r."spanEnd", r.layer,
    r.excerpt, r.data
  FROM json_to_recordset($1::json) AS r(ord integer, "documentId" text, "articleId" text, position integer, stage text, "ruleId" text,
    severity text, reason text, "spanStart" bigint, "spanEnd" bigint, layer text, excerpt text, data text)
  ORDER BY r.ord`;

type JoinedArticleRow = ArticleRow & { seq: number; mediaType: string; ingestedAt: string; documentRest: string };

/** Positional query parameters (`$1`, `$2`…) collected while a statement is built. */
class Params {
  readonly values: unknown[] = [];
  /** Add a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Open (creating and migrating as needed) a PostgreSQL store at `url` (`postgres://…` or
 * `postgresql://…`). Its `location` is the URL without its password. Throws STORE_OPEN_FAILED,
 * STORE_TOO_NEW or STORE_MIGRATION_FAILED.
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const location = displayLocation(url);
  const lockTimeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isSafeInteger(lockTimeout) || lockTimeout < 0) {
    throw createError('STORE_OPEN_FAILED', { db: location, detail: `busyTimeoutMs ${String(lockTimeout)} is not a non-negative integer` });
  }
  let pool: Pool;
  try {
    pool = new pg.Pool({
      Client: SteadyClient,
      connectionString: url,
      max: PG_SETTINGS.poolMax.value,
      idleTimeoutMillis: PG_SETTINGS.idleTimeoutMs.value,
      connectionTimeoutMillis: PG_SETTINGS.connectTimeoutMs.value,
      application_name: 'parallax',
      types: TYPES,
    });
  } catch (err) {
    throw createError('STORE_OPEN_FAILED', { db: location, detail: errorDetail(err) }, err);
  }
  // An idle connection the server drops must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  let client: PoolClient | undefined;
  try {
    client = await pool.connect();
    await migrate(client, location, options.now ?? (() => new Date()), options.mustExist === true);
  } catch (err) {
    client?.release(true);
    client = undefined;
    await pool.end().catch(() => undefined);
    if (isParallaxError(err)) throw err;
    throw createError('STORE_OPEN_FAILED', { db: location, detail: errorDetail(err) }, err);
  } finally {
    client?.release();
  }
  const beginSave = `BEGIN; SET LOCAL synchronous_commit = ${options.durability === 'full' ? 'on' : 'off'}; SET LOCAL lock_timeout = ${lockTimeout}`;
  return new PostgresStore(pool, location, beginSave);
}

/**
 * A connection that never crashes the process with an unheard error. A server going down can send
 * its goodbye (57P01, "terminating connection due to administrator command") in the same packet as
 * the end of the connection's start-up; the pool hands the connection over and stops listening
 * between the two, synchronously, before the caller could listen: without a listener of its own the
 * error event would crash the process. Its next query fails instead, as any dropped connection's.
 */
export class SteadyClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** A PostgreSQL URL without its password (in the user part or a `password` parameter), safe to show. */
export function displayLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparseable: drop everything that could be credentials.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1***@').replace(/([?&]password=)[^&]*/gi, '$1***');
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) if (key.toLowerCase() === 'password') parsed.searchParams.set(key, '***');
  return parsed.href;
}

class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly documents: Store['documents'];
  readonly articles: Store['articles'];
  readonly messages: Store['messages'];
  readonly stories: Store['stories'];
  readonly analysis: Store['analysis'];
  readonly follows: Store['follows'];
  readonly feed: Store['feed'];

  readonly #pool: Pool;
  readonly #beginSave: string;
  #closed = false;

  /** `beginSave` opens a save transaction with its durability and lock timeout. */
  constructor(pool: Pool, location: string, beginSave: string) {
    this.#pool = pool;
    this.location = location;
    this.#beginSave = beginSave;

    this.follows = {
      list: async () => (await this.#all<FollowRow>(`SELECT ${FOLLOW_COLUMNS} FROM follows ORDER BY seq`, [])).map(followFromRow),
      get: async (id) => {
        const row = (await this.#all<FollowRow>(`SELECT ${FOLLOW_COLUMNS} FROM follows WHERE id = $1`, [id]))[0];
        return row === undefined ? undefined : followFromRow(row);
      },
    };
    this.feed = {
      list: async (query) => {
        const { limit, offset } = feedPage(query);
        const by = query?.followId;
        const where = by !== undefined ? 'WHERE follow_id = $1' : '';
        const args: unknown[] = by !== undefined ? [by] : [];
        const items = await this.#all<{ body: string }>(
          `SELECT body FROM feed_entries ${where} ORDER BY seq DESC LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
          [...args, limit, offset],
        );
        const total = Number((await this.#all<{ n: string }>(`SELECT count(*) AS n FROM feed_entries ${where}`, args))[0]?.n ?? 0);
        return { items: items.map((r) => JSON.parse(r.body) as FeedEntry), total };
      },
    };

    this.documents = {
      has: async (ids) => {
        if (ids.length === 0) return new Set();
        const found = await this.#all<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [[...ids]]);
        return new Set(found.map((r) => r.id));
      },
      get: async (id) => {
        const row = (await this.#all<DocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1`, [id]))[0];
        if (row === undefined) return undefined;
        const messages = await this.#all<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE document_id = $1 AND article_id IS NULL ORDER BY position`,
          [id],
        );
        const articleIds = await this.#all<{ id: string }>('SELECT id FROM articles WHERE document_id = $1 ORDER BY part', [id]);
        return { document: documentFromRow(row), messages: messages.map(messageFromRow), articleIds: articleIds.map((r) => r.id) };
      },
      withContent: async (hashes) => {
        if (hashes.length === 0) return [];
        const rows = await this.#all<{ id: string; contentHash: string; rest: string }>(
          'SELECT id, content_hash AS "contentHash", rest FROM documents WHERE content_hash = ANY($1::text[]) ORDER BY seq',
          [[...hashes]],
        );
        return rows.map(contentMatchFromRow);
      },
      count: async () => (await this.#all<{ n: number }>('SELECT count(*) AS n FROM documents', []))[0]?.n ?? 0,
    };

    this.articles = {
      get: async (id) => {
        const rows = await this.#all<JoinedArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = $1`,
          [id],
        );
        return rows.length === 0 ? undefined : (await this.#withMessages(rows))[0];
      },
      getMany: async (ids) => {
        if (ids.length === 0) return [];
        const rows = await this.#all<JoinedArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id WHERE a.id = ANY($1::text[])`,
          [[...ids]],
        );
        const byId = new Map((await this.#withMessages(rows)).map((s) => [s.article.id, s]));
        return ids.flatMap((id) => byId.get(id) ?? []);
      },
      list: async (query) => {
        const page = toPage(query, this.location);
        const keys = toFilterKeys(query, this.location);
        const counted = new Params();
        const total = (await this.#all<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE ${whereClause(keys, counted)}`, counted.values))[0]?.n ?? 0;
        const params = new Params();
        const where = whereClause(keys, params);
        const rows = await this.#all<ArticleSummaryRow>(
          `SELECT ${SUMMARY_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id
           WHERE ${where} ORDER BY a.published_key DESC NULLS LAST, a.seq LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
          params.values,
        );
        return { items: rows.map(summaryFromRow), total };
      },
      count: async (filter) => {
        const params = new Params();
        const where = whereClause(toFilterKeys(filter, this.location), params);
        return (await this.#all<{ n: number }>(`SELECT count(*) AS n FROM articles a WHERE ${where}`, params.values))[0]?.n ?? 0;
      },
      iterate: (filter, options) => this.#iterate(filter, options?.batchSize ?? DEFAULT_ITERATE_BATCH),
    };

    const stories: StoryReads = {
      list: async (query) => {
        const page = toPage(query, this.location);
        const build = (params: Params): string => {
          const parts = [`article_count >= ${params.add(query?.minArticles ?? 1)}`];
          const { search: _search, ...memberFilter } = query ?? {};
          void _search;
          const member = whereClause(toFilterKeys(memberFilter, this.location), params);
          if (member !== 'TRUE') {
            // Uncorrelated: the matching members are found once, not once per story.
            parts.push(`id IN (SELECT sm.story_id FROM articles a JOIN story_members sm ON sm.article_id = a.id WHERE ${member})`);
          }
          for (const w of (query?.search ?? '').split(/\s+/).filter((x) => x !== '')) {
            parts.push(`title ILIKE ${params.add(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
          }
          return parts.join(' AND ');
        };
        const counted = new Params();
        const total = (await this.#all<{ n: number }>(`SELECT count(*) AS n FROM stories WHERE ${build(counted)}`, counted.values))[0]?.n ?? 0;
        const params = new Params();
        const where = build(params);
        const rows = await this.#all<StorySummaryRow>(
          `SELECT ${STORY_COLUMNS} FROM stories WHERE ${where}
           ORDER BY source_count DESC, article_count DESC, last_seen DESC NULLS LAST, seq LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
          params.values,
        );
        return { items: rows.map(storySummaryFromRow), total };
      },
      get: async (id) => {
        const row = (await this.#all<StorySummaryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`, [id]))[0];
        if (row === undefined) return undefined;
        const members = await this.#all<MemberRow>(
          `SELECT ${SUMMARY_COLUMNS}, sm.score, sm.shared_terms AS "sharedTerms", sm.family_id AS "familyId", sm.derivation, sm.reuse, sm.evidence
           FROM story_members sm JOIN articles a ON a.id = sm.article_id JOIN documents d ON d.id = a.document_id
           WHERE sm.story_id = $1 ORDER BY sm.position`,
          [id],
        );
        const families = (
          await this.#all<{ id: string; originalId: string; members: string }>(
            'SELECT id, original_id AS "originalId", members FROM families WHERE story_id = $1 ORDER BY position',
            [id],
          )
        ).map((f): Family => ({ id: f.id, storyId: id, originalId: f.originalId, members: JSON.parse(f.members) as Family['members'] }));
        const summary = storySummaryFromRow(row);
        const events = JSON.parse((await this.#all<{ events: string }>('SELECT events FROM stories WHERE id = $1', [id]))[0]?.events ?? '[]') as StoryEvent[];
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
        (await this.#all<{ storyId: string }>('SELECT story_id AS "storyId" FROM story_members WHERE article_id = $1', [articleId]))[0]?.storyId,
      count: async () => (await this.#all<{ n: number }>('SELECT count(*) AS n FROM stories', []))[0]?.n ?? 0,
      fingerprints: async (id) =>
        new Map(
          (id === undefined
            ? await this.#all<{ id: string; hash: string }>('SELECT id, members_hash AS hash FROM stories', [])
            : await this.#all<{ id: string; hash: string }>('SELECT id, members_hash AS hash FROM stories WHERE id = $1', [id])
          ).map((r) => [r.id, r.hash]),
        ),
      pendingArticleIds: async () =>
        (
          await this.#all<{ id: string }>(
            `SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = a.id)
             ORDER BY a.published_key ASC NULLS LAST, a.seq`,
            [],
          )
        ).map((r) => r.id),
      hasPending: async () =>
        (
          await this.#all<{ pending: boolean }>(
            'SELECT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = a.id)) AS pending',
            [],
          )
        )[0]?.pending === true,
    };
    this.stories = stories;

    this.analysis = {
      getState: async (key) => {
        const row = (await this.#all<{ value: string }>('SELECT value FROM analysis_state WHERE key = $1', [key]))[0];
        return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
      },
      get: async (storyId, kind) =>
        (
          await this.#all<StoredAnalysis & { sameMembers: boolean }>(
            `SELECT a.story_id AS "storyId", a.kind, a.members_hash AS "membersHash", a.version, a.body, a.computed_at AS "computedAt",
               coalesce(s.members_hash = a.members_hash, false) AS "sameMembers"
             FROM story_analyses a LEFT JOIN stories s ON s.id = a.story_id WHERE a.story_id = $1 AND a.kind = $2`,
            [storyId, kind],
          )
        )[0],
      page: async (kind, after, limit) =>
        this.#all<StoredAnalysis & { sameMembers: boolean }>(
          `SELECT a.story_id AS "storyId", a.kind, a.members_hash AS "membersHash", a.version, a.body, a.computed_at AS "computedAt",
             coalesce(s.members_hash = a.members_hash, false) AS "sameMembers"
           FROM story_analyses a LEFT JOIN stories s ON s.id = a.story_id
           WHERE a.kind = $1 AND a.story_id > $2 ORDER BY a.story_id LIMIT $3`,
          [kind, after ?? '', limit],
        ),
      stale: async (kind, version) =>
        (
          await this.#all<{ id: string }>(
            `SELECT s.id FROM stories s LEFT JOIN story_analyses a ON a.story_id = s.id AND a.kind = $1
             WHERE a.story_id IS NULL OR a.members_hash <> s.members_hash OR a.version <> $2
             ORDER BY s.article_count DESC, s.seq`,
            [kind, version],
          )
        ).map((r) => r.id),
    };

    this.messages = {
      list: async (query) => {
        const page = toPage(query, this.location);
        checkMessageQuery(query, this.location);
        const build = (params: Params): string => {
          const parts: string[] = [];
          for (const [key, column] of [['stage', 'stage'], ['ruleId', 'rule_id'], ['severity', 'severity']] as const) {
            const value = query?.[key];
            if (value !== undefined) parts.push(`${column} = ${params.add(value)}`);
          }
          return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
        };
        const counted = new Params();
        const total = (await this.#all<{ n: number }>(`SELECT count(*) AS n FROM messages WHERE ${build(counted)}`, counted.values))[0]?.n ?? 0;
        const params = new Params();
        const where = build(params);
        const rows = await this.#all<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ${where} ORDER BY seq LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
          params.values,
        );
        return { items: rows.map(storedMessageFromRow), total };
      },
      countByRule: async () =>
        this.#all<RuleCount>(
          `SELECT stage, rule_id AS "ruleId", severity, count(*) AS messages, count(DISTINCT document_id) AS documents
           FROM messages GROUP BY stage, rule_id, severity ORDER BY messages DESC, stage, rule_id, severity`,
          [],
        ),
    };
  }

  async saveIngested(batch: readonly IngestRecord[]): Promise<SaveResult> {
    this.#open();
    const rows = toIngestRows(batch, this.location);
    if (rows.length === 0) return { added: 0, skipped: 0, articles: 0 };
    // A document repeated in the batch is skipped like one already stored; the first one counts.
    const unique = new Map<string, IngestRows>();
    for (const r of rows) if (!unique.has(r.document.id)) unique.set(r.document.id, r);
    // Documents go in in byte order of their ids (the order of the "C" collation): concurrent
    // writers of overlapping batches then take the rows' locks in one order and wait for each other
    // rather than deadlock. Nothing reads the documents' seq; articles keep the batch order.
    const documents = [...unique.values()].map((r) => r.document).sort((x, y) => Buffer.compare(Buffer.from(x.id), Buffer.from(y.id)));
    return this.#write(async (client) => {
      const added = new Set<string>();
      for (const chunk of chunks(documents, (d) => d.content.length + d.rest.length)) {
        const inserted = await client.query<{ id: string }>(INSERT_DOCUMENTS, [chunk.json]);
        for (const r of inserted.rows) added.add(r.id);
      }
      const kept = [...unique.values()].filter((r) => added.has(r.document.id));
      const articles = kept.flatMap((r) => r.articles);
      const messages = kept.flatMap((r) => r.messages);
      const indexed = articles.map((a) => ({ ...a, words: indexWords(a.title, a.text) }));
      for (const chunk of chunks(indexed, (a) => a.text.length + a.extractedText.length + a.rest.length + a.words.length * 8)) {
        await client.query(INSERT_ARTICLES, [chunk.json]);
      }
      for (const chunk of chunks(messages, (m) => m.reason.length + (m.excerpt?.length ?? 0) + (m.data?.length ?? 0))) {
        await client.query(INSERT_MESSAGES, [chunk.json]);
      }
      return { added: added.size, skipped: rows.length - added.size, articles: articles.length };
    });
  }

  async updateIngested(batch: readonly IngestRecord[]): Promise<number> {
    this.#open();
    const rows = toIngestRows(batch, this.location);
    if (rows.length === 0) return 0;
    // Rare (a document seen again with more metadata): one statement per row is enough.
    return this.#write(async (client) => {
      let updated = 0;
      for (const r of rows) {
        const d = r.document;
        const doc = await client.query(
          `UPDATE documents SET content_hash = $2, media_type = $3, locator = $4, input = $5, byte_length = $6, ingested_at = $7,
             content = $8, rest = $9 WHERE id = $1`,
          [d.id, d.contentHash, d.mediaType, d.locator, d.input, d.byteLength, d.ingestedAt, d.content, d.rest],
        );
        if (doc.rowCount === 0) continue;
        updated++;
        for (const a of r.articles) {
          const words = indexWords(a.title, a.text);
          const changed = await client.query(
            `UPDATE articles SET document_id = $2, part = $3, title = $4, url = $5, host = $6, site_name = $7, site_key = $8, language = $9,
               published = $10, published_key = $11, word_count = $12, text = $13, extracted_text = $14, rest = $15, words = $16
             WHERE id = $1`,
            [a.id, a.documentId, a.part, a.title, a.url, a.host, a.siteName, a.siteKey, a.language, a.published, a.publishedKey, a.wordCount, a.text, a.extractedText, a.rest, words],
          );
          if (changed.rowCount === 0) {
            await client.query(INSERT_ARTICLES, [JSON.stringify([{ ord: 0, ...a, words }])]);
          }
        }
        await client.query('DELETE FROM messages WHERE document_id = $1', [d.id]);
        for (const chunk of chunks(r.messages, (m) => m.reason.length + (m.excerpt?.length ?? 0) + (m.data?.length ?? 0))) {
          await client.query(INSERT_MESSAGES, [chunk.json]);
        }
      }
      return updated;
    });
  }

  /**
   * Run `work` in one write transaction on a pooled connection (durability and lock timeout set by
   * the store's options) and commit; on any failure roll back and throw STORE_WRITE_FAILED, so
   * nothing of the write is kept. A connection that cannot roll back is discarded, not pooled.
   */
  async #write<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient | undefined;
    try {
      client = await this.#pool.connect();
      await client.query(this.#beginSave);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (client !== undefined) {
        const rolledBack = await client.query('ROLLBACK').then(() => true, () => false);
        client.release(!rolledBack);
        client = undefined;
      }
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: errorDetail(err) }, err);
    } finally {
      client?.release();
    }
  }

  async saveAnalyses(analyses: readonly StoredAnalysis[]): Promise<number> {
    this.#open();
    if (analyses.length === 0) return 0;
    return this.#write(async (client) => {
      let kept = 0;
      for (const a of analyses) {
        // Kept only while its story has the members it was computed for.
        const r = await client.query(
          `INSERT INTO story_analyses (story_id, kind, members_hash, version, body, computed_at)
           SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM stories WHERE id = $1 AND members_hash = $3)
           ON CONFLICT (story_id, kind) DO UPDATE SET members_hash = excluded.members_hash, version = excluded.version,
             body = excluded.body, computed_at = excluded.computed_at`,
          [a.storyId, a.kind, a.membersHash, a.version, a.body, a.computedAt],
        );
        kept += r.rowCount ?? 0;
      }
      return kept;
    });
  }

  async saveFollow(follow: Follow, seen: readonly string[]): Promise<void> {
    this.#open();
    await this.#write(async (client) => {
      await client.query(
        `INSERT INTO follows (id, kind, target, anchor, webhook, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, target = excluded.target, anchor = excluded.anchor,
           webhook = excluded.webhook, created_at = excluded.created_at`,
        [follow.id, follow.kind, follow.target, follow.anchor ?? null, follow.webhook ?? null, follow.createdAt],
      );
      if (seen.length > 0) {
        await client.query('INSERT INTO follow_seen (follow_id, key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING', [follow.id, [...seen]]);
      }
    });
  }

  async removeFollow(id: string): Promise<boolean> {
    this.#open();
    return this.#write(async (client) => ((await client.query('DELETE FROM follows WHERE id = $1', [id])).rowCount ?? 0) > 0);
  }

  async addFeedEntries(entries: readonly FeedEntry[]): Promise<FeedEntry[]> {
    this.#open();
    if (entries.length === 0) return [];
    return this.#write(async (client) => {
      const added: FeedEntry[] = [];
      for (const e of entries) {
        // Locks the follow row, so a removal meanwhile waits or is seen.
        const follow = await client.query('SELECT 1 FROM follows WHERE id = $1 FOR SHARE', [e.followId]);
        if ((follow.rowCount ?? 0) === 0) continue;
        const seen = await client.query('INSERT INTO follow_seen (follow_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING', [e.followId, e.key]);
        if ((seen.rowCount ?? 0) === 0) continue;
        await client.query('INSERT INTO feed_entries (id, follow_id, body) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [e.id, e.followId, JSON.stringify(e)]);
        added.push(e);
      }
      return added;
    });
  }

  async recordDelivery(followId: string, delivery: Delivery): Promise<void> {
    this.#open();
    await this.#write(async (client) => {
      await client.query('UPDATE follows SET delivery = $2 WHERE id = $1', [followId, JSON.stringify(delivery)]);
    });
  }

  async saveStories(update: StoriesUpdate): Promise<void> {
    this.#open();
    await this.#write(async (client) => {
      if (update.remove.length > 0) {
        await client.query('DELETE FROM stories WHERE id = ANY($1::text[])', [[...update.remove]]);
        await client.query('DELETE FROM story_analyses WHERE story_id = ANY($1::text[])', [[...update.remove]]);
      }
      for (const rec of update.upsert) {
        await client.query('DELETE FROM stories WHERE id = $1', [rec.story.id]);
        await client.query(
          `INSERT INTO stories (id, title, first_seen, last_seen, article_count, source_count, members_hash, events) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            rec.story.id,
            rec.story.title,
            rec.story.firstSeen ?? null,
            rec.story.lastSeen ?? null,
            rec.members.length,
            rec.families.length,
            rec.membersHash,
            JSON.stringify(rec.story.events ?? []),
          ],
        );
        const familyOf = new Map<string, { family: Family; member: Family['members'][number] }>();
        const families = rec.families.map((family, position) => {
          for (const member of family.members) familyOf.set(member.articleId, { family, member });
          return { id: family.id, story_id: rec.story.id, position, original_id: family.originalId, members: JSON.stringify(family.members) };
        });
        if (families.length > 0) {
          await client.query(
            `INSERT INTO families (id, story_id, position, original_id, members)
             SELECT id, story_id, position, original_id, members FROM json_to_recordset($1::json)
               AS r(id text, story_id text, position integer, original_id text, members text)`,
            [JSON.stringify(families)],
          );
        }
        const members = rec.members.map((m, position) => {
          const fam = familyOf.get(m.articleId);
          return {
            story_id: rec.story.id,
            article_id: m.articleId,
            position,
            score: m.score,
            shared_terms: JSON.stringify(m.sharedTerms),
            family_id: fam?.family.id ?? '',
            derivation: fam?.member.derivation ?? 'original',
            reuse: fam?.member.reuse ?? 1,
            evidence: JSON.stringify(fam?.member.evidence ?? []),
          };
        });
        if (members.length > 0) {
          // An article moves here from any story it was in before (merges).
          await client.query('DELETE FROM story_members WHERE article_id = ANY($1::text[])', [members.map((m) => m.article_id)]);
          await client.query(
            `INSERT INTO story_members (story_id, article_id, position, score, shared_terms, family_id, derivation, reuse, evidence)
             SELECT story_id, article_id, position, score, shared_terms, family_id, derivation, reuse, evidence FROM json_to_recordset($1::json)
               AS r(story_id text, article_id text, position integer, score double precision, shared_terms text, family_id text,
                    derivation text, reuse double precision, evidence text)`,
            [JSON.stringify(members)],
          );
        }
      }
      const updatedAt = new Date().toISOString();
      for (const { key, value } of update.state) {
        await client.query(
          `INSERT INTO analysis_state (key, value, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          [key, JSON.stringify(value), updatedAt],
        );
      }
    });
  }

  /**
   * A session advisory lock on a connection kept for the duration: other sessions wait for it in
   * the server, and it is freed when `work` settles or when the session ends (a killed process).
   * `renew` checks that the session is still alive, since a lost session has lost its lock.
   */
  async withLock<T>(name: string, work: (lease: LockLease) => Promise<T>): Promise<T> {
    this.#open();
    const keys = [LOCK_NAMESPACE, name];
    const lockKey = 'hashtext($1), hashtext(current_schema() || $2)';
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (err) {
      throw createError('STORE_WRITE_FAILED', { db: this.location, detail: errorDetail(err) }, err);
    }
    // The connection goes back to the pool only when its lock was released cleanly; otherwise it
    // is discarded, which ends the session and so frees any lock it holds.
    let clean = false;
    try {
      try {
        await client.query(`SELECT pg_advisory_lock(${lockKey})`, keys);
      } catch (err) {
        throw createError('STORE_WRITE_FAILED', { db: this.location, detail: errorDetail(err) }, err);
      }
      const lease: LockLease = {
        renew: async () => {
          this.#open();
          // The lock lives as long as the session: a session that still answers still holds it.
          const alive = await client.query('SELECT 1').then(() => true, () => false);
          if (!alive) throw createError('STORE_LOCK_LOST', { lock: name, db: this.location, detail: 'the database session holding it ended' });
        },
      };
      try {
        return await work(lease);
      } finally {
        clean = await client.query(`SELECT pg_advisory_unlock(${lockKey})`, keys).then(() => true, () => false);
      }
    } finally {
      client.release(!clean);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async *#iterate(filter: ArticleFilter | undefined, batchSize: number): AsyncGenerator<StoredArticle> {
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
      throw createError('STORE_QUERY_INVALID', { db: this.location, detail: `batchSize ${String(batchSize)} is not a positive integer` });
    }
    const keys = toFilterKeys(filter, this.location);
    let after = 0;
    for (;;) {
      // Keyset paging on the insertion order: each batch is a fresh short query, so no transaction
      // or cursor stays open (and no connection is held) while the consumer works.
      const params = new Params();
      const where = whereClause(keys, params);
      const rows = await this.#all<JoinedArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a JOIN documents d ON d.id = a.document_id
         WHERE a.seq > ${params.add(after)} AND ${where} ORDER BY a.seq LIMIT ${params.add(batchSize)}`,
        params.values,
      );
      if (rows.length === 0) return;
      yield* await this.#withMessages(rows);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }

  /** Stored articles for joined rows, with their messages read in one query. */
  async #withMessages(rows: readonly JoinedArticleRow[]): Promise<StoredArticle[]> {
    const messages = new Map<string, Message[]>();
    const found = await this.#all<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE article_id = ANY($1::text[]) ORDER BY article_id, position`,
      [rows.map((r) => r.id)],
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
    if (this.#closed) throw createError('STORE_CLOSED', { db: this.location });
  }

  /** Run a read; a failure of the server or connection is STORE_READ_FAILED. */
  async #all<T extends QueryResultRow>(sql: string, values: readonly unknown[]): Promise<T[]> {
    this.#open();
    try {
      return (await this.#pool.query<T>(sql, [...values])).rows;
    } catch (err) {
      throw createError('STORE_READ_FAILED', { db: this.location, detail: errorDetail(err) }, err);
    }
  }
}

/**
 * Rows as JSON arrays of `{ ord, ...row }` objects, cut so one statement's parameter stays near
 * `maxStatementChars` (estimated by `size`, plus a little per row); a single larger row goes alone.
 */
function* chunks<T extends object>(rows: readonly T[], size: (row: T) => number): Generator<{ json: string }> {
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let total = 0;
    while (end < rows.length) {
      const next = size(rows[end] as T) + 200;
      if (end > start && total + next > MAX_STATEMENT_CHARS) break;
      total += next;
      end++;
    }
    yield { json: JSON.stringify(rows.slice(start, end).map((row, i) => ({ ord: start + i, ...row }))) };
    start = end;
  }
}

/** The WHERE condition (over alias `a`) for normalised filters, its values added to `params`; `TRUE` when there are none. */
function whereClause(keys: FilterKeys, params: Params): string {
  const parts: string[] = [];
  if (keys.language !== undefined) parts.push(`a.language = ${params.add(keys.language)}`);
  if (keys.sinceKey !== undefined) parts.push(`a.published_key >= ${params.add(keys.sinceKey)}`);
  if (keys.untilKey !== undefined) parts.push(`a.published_key < ${params.add(keys.untilKey)}`);
  if (keys.host !== undefined && keys.siteKey !== undefined) {
    parts.push(`(a.host = ${params.add(keys.host)} OR a.site_key = ${params.add(keys.siteKey)})`);
  }
  if (keys.words !== undefined) {
    // Folded words compared as values: user input is never parsed as query syntax.
    const words = queryWords(keys.words);
    if (words.length > 0) parts.push(`a.words @> ${params.add(words)}::text[]`);
  }
  return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
}
