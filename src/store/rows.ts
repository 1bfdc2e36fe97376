/**
 * Rows: how records map to table rows and back, the same for every SQL driver.
 *
 * A record is split into the columns that are queried (title, url, language, publication date,
 * word count…), the large texts (own columns), and `rest`: the remaining fields as JSON, so fields
 * added to the model later survive a round trip without a migration. Reading a row back yields a
 * record deep-equal to the one saved (keys whose value was `undefined` come back absent).
 *
 * Also here: validation of records before they are written, and normalisation of query filters
 * into the comparable keys the columns hold.
 */
import type { StoryMemberView, StorySummary } from './stories.js';
import type { Article } from '../model/article.js';
import type { Document } from '../model/document.js';
import type { Message, Severity, Stage, TextLayer } from '../model/message.js';
import { createError } from '../errors.js';
import { STORE_DEFAULTS } from './defaults.js';
import type { ArticleFilter, ArticleOrigin, ArticleSummary, ContentMatch, IngestRecord, MessageQuery, StoredMessage } from './store.js';

/** A `documents` row. */
export interface DocumentRow {
  readonly id: string;
  readonly contentHash: string;
  readonly mediaType: string;
  readonly locator: string;
  readonly input: string;
  readonly byteLength: number;
  readonly ingestedAt: string;
  readonly content: string;
  /** JSON of every other field (origin, encoding, hints). */
  readonly rest: string;
}

/** An `articles` row. */
export interface ArticleRow {
  readonly id: string;
  readonly documentId: string;
  readonly part: number;
  readonly title: string | null;
  readonly url: string | null;
  /** URL host, lower case, without `www.`: the `site` filter's key. */
  readonly host: string | null;
  readonly siteName: string | null;
  /** Site name in lower case: the `site` filter's other key. */
  readonly siteKey: string | null;
  readonly language: string;
  /** The publication date as the article states it (resolved, else metadata). */
  readonly published: string | null;
  /** {@link published} made comparable: datetimes in UTC (`…T…Z`), dates as they are. */
  readonly publishedKey: string | null;
  readonly wordCount: number;
  readonly text: string;
  readonly extractedText: string;
  /** JSON of every other field (paragraphs, sentences, sourceMap, credits, dates, language…). */
  readonly rest: string;
}

/** A `messages` row; `articleId` is null for a document-level message. */
export interface MessageRow {
  readonly documentId: string;
  readonly articleId: string | null;
  /** Order of the message among its owner's messages, from 0. */
  readonly position: number;
  readonly stage: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly reason: string;
  readonly spanStart: number | null;
  readonly spanEnd: number | null;
  readonly layer: string | null;
  readonly excerpt: string | null;
  /** JSON of `data`, or null. */
  readonly data: string | null;
}

/** All rows of one ingest record. */
export interface IngestRows {
  readonly document: DocumentRow;
  readonly articles: readonly ArticleRow[];
  readonly messages: readonly MessageRow[];
}

/** Columns of an article summary as read back. */
export interface ArticleSummaryRow {
  readonly id: string;
  readonly documentId: string;
  readonly part: number;
  readonly title: string | null;
  readonly url: string | null;
  readonly siteName: string | null;
  readonly language: string;
  readonly published: string | null;
  readonly wordCount: number;
  readonly locator: string;
  readonly messageCount: number;
}

/** Columns of a document's origin as read back alongside an article. */
export interface OriginRow {
  readonly documentId: string;
  readonly mediaType: string;
  readonly ingestedAt: string;
  /** The document's `rest` JSON (holds `origin`). */
  readonly rest: string;
}

const STAGES: ReadonlySet<string> = new Set<Stage>(['ingest', 'extract', 'clean', 'text', 'dedup', 'cluster', 'analyze', 'synthesize', 'store']);
const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['error', 'warning', 'info']);
const LAYERS: ReadonlySet<string> = new Set<TextLayer>(['source', 'extracted', 'text']);

const DOCUMENT_COLUMNS = ['id', 'contentHash', 'mediaType', 'byteLength', 'ingestedAt', 'content'] as const;
const ARTICLE_COLUMNS = ['id', 'documentId', 'part', 'title', 'url', 'siteName', 'wordCount', 'text', 'extractedText'] as const;

/**
 * Validate a batch and turn it into rows. Throws STORE_RECORD_INVALID (naming the record and the
 * field) before anything is written, so a bad record never leaves half a batch behind.
 */
export function toIngestRows(batch: readonly IngestRecord[], db: string): IngestRows[] {
  const articleIds = new Set<string>();
  const documentIds = new Set<string>();
  return batch.map((record, index) => {
    const fail = (detail: string): never => {
      const id = typeof record?.document?.id === 'string' ? record.document.id : `#${index}`;
      throw createError('STORE_RECORD_INVALID', { db, detail: `record ${index} (${id}): ${detail}` });
    };
    if (record === null || typeof record !== 'object' || record.document === null || typeof record.document !== 'object') {
      fail('no document');
    }
    const doc = record.document;
    checkString(doc.id, 'document.id', fail, true);
    checkString(doc.contentHash, 'document.contentHash', fail);
    checkString(doc.mediaType, 'document.mediaType', fail, true);
    checkString(doc.content, 'document.content', fail);
    checkString(doc.ingestedAt, 'document.ingestedAt', fail, true);
    if (doc.origin === null || typeof doc.origin !== 'object') fail('document.origin is missing');
    checkString(doc.origin.locator, 'document.origin.locator', fail);
    checkString(doc.origin.input, 'document.origin.input', fail);
    if (!Number.isSafeInteger(doc.byteLength) || doc.byteLength < 0) fail('document.byteLength is not a non-negative integer');
    if (!Array.isArray(record.documentMessages)) fail('documentMessages is not an array');
    if (!Array.isArray(record.articles)) fail('articles is not an array');

    // A document repeated in the batch is skipped whole when saved, so its article ids are no clash.
    const repeated = documentIds.has(doc.id);
    documentIds.add(doc.id);
    const messages: MessageRow[] = record.documentMessages.map((m, i) => messageRow(m, doc.id, null, i, fail));
    const articles = record.articles.map(({ article, messages: own }, a) => {
      const where = `articles[${a}]`;
      if (article === null || typeof article !== 'object') return fail(`${where} has no article`);
      checkString(article.id, `${where}.id`, fail, true);
      if (!repeated && articleIds.has(article.id)) fail(`${where}.id ${article.id} occurs twice in the batch`);
      articleIds.add(article.id);
      if (article.documentId !== doc.id) fail(`${where}.documentId ${String(article.documentId)} is not the document's id`);
      if (!Number.isSafeInteger(article.part) || article.part < 0) fail(`${where}.part is not a non-negative integer`);
      if (!Number.isSafeInteger(article.wordCount) || article.wordCount < 0) fail(`${where}.wordCount is not a non-negative integer`);
      checkString(article.text, `${where}.text`, fail);
      checkString(article.extractedText, `${where}.extractedText`, fail);
      if (article.language === null || typeof article.language !== 'object') fail(`${where}.language is missing`);
      checkString(article.language.code, `${where}.language.code`, fail, true);
      for (const key of ['title', 'url', 'siteName'] as const) {
        if (article[key] !== undefined) checkString(article[key], `${where}.${key}`, fail);
      }
      if (!Array.isArray(own)) fail(`${where}.messages is not an array`);
      own.forEach((m, i) => messages.push(messageRow(m, doc.id, article.id, i, fail)));
      return articleRow(article, (field) => fail(`${where}: ${field}`));
    });
    const parts = new Set(articles.map((a) => a.part));
    if (parts.size !== articles.length) fail('two articles have the same part');
    return { document: documentRow(doc, fail), articles, messages };
  });
}

function documentRow(doc: Document, fail: (detail: string) => never): DocumentRow {
  return {
    id: doc.id,
    contentHash: doc.contentHash,
    mediaType: doc.mediaType,
    locator: doc.origin.locator,
    input: doc.origin.input,
    byteLength: doc.byteLength,
    ingestedAt: doc.ingestedAt,
    content: doc.content,
    rest: restJson(doc, DOCUMENT_COLUMNS, (detail) => fail(`document: ${detail}`)),
  };
}

function articleRow(article: Article, fail: (detail: string) => never): ArticleRow {
  const date = article.publishedResolved ?? article.published;
  const published = typeof date?.value === 'string' ? date.value : null;
  return {
    id: article.id,
    documentId: article.documentId,
    part: article.part,
    title: article.title ?? null,
    url: article.url ?? null,
    host: article.url === undefined ? null : hostKey(article.url),
    siteName: article.siteName ?? null,
    siteKey: article.siteName === undefined ? null : article.siteName.toLowerCase(),
    language: article.language.code,
    published,
    publishedKey: published === null ? null : dateKey(published),
    wordCount: article.wordCount,
    text: article.text,
    extractedText: article.extractedText,
    rest: restJson(article, ARTICLE_COLUMNS, fail),
  };
}

function messageRow(m: Message, documentId: string, articleId: string | null, position: number, fail: (detail: string) => never): MessageRow {
  const where = `${articleId === null ? 'documentMessages' : `messages of ${articleId}`}[${position}]`;
  if (m === null || typeof m !== 'object') return fail(`${where} is not a message`);
  if (!STAGES.has(m.stage)) fail(`${where}.stage "${String(m.stage)}" is not a stage`);
  if (!SEVERITIES.has(m.severity)) fail(`${where}.severity "${String(m.severity)}" is not error, warning or info`);
  checkString(m.ruleId, `${where}.ruleId`, fail, true);
  checkString(m.reason, `${where}.reason`, fail);
  if (m.span !== undefined) {
    const { start, end } = m.span;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      fail(`${where}.span is not a range [start, end) of non-negative integers`);
    }
    if (m.layer === undefined) fail(`${where} has a span but no layer (rule ${m.ruleId})`);
  }
  if (m.layer !== undefined && !LAYERS.has(m.layer)) fail(`${where}.layer "${String(m.layer)}" is not source, extracted or text`);
  if (m.excerpt !== undefined) checkString(m.excerpt, `${where}.excerpt`, fail);
  let data: string | null = null;
  if (m.data !== undefined) {
    data = json(m.data, (detail) => fail(`${where}.data: ${detail}`));
  }
  return {
    documentId,
    articleId,
    position,
    stage: m.stage,
    ruleId: m.ruleId,
    severity: m.severity,
    reason: m.reason,
    spanStart: m.span?.start ?? null,
    spanEnd: m.span?.end ?? null,
    layer: m.layer ?? null,
    excerpt: m.excerpt ?? null,
    data,
  };
}

/** A document back from its row. */
export function documentFromRow(row: DocumentRow): Document {
  const rest = JSON.parse(row.rest) as Omit<Document, (typeof DOCUMENT_COLUMNS)[number]>;
  return {
    ...rest,
    id: row.id,
    contentHash: row.contentHash,
    mediaType: row.mediaType as Document['mediaType'],
    byteLength: row.byteLength,
    ingestedAt: row.ingestedAt,
    content: row.content,
  };
}

/** A content match (see `documents.withContent`) from a document's id, content hash and `rest`. */
export function contentMatchFromRow(row: { id: string; contentHash: string; rest: string }): ContentMatch {
  const rest = JSON.parse(row.rest) as Pick<Document, 'origin' | 'hints'>;
  return { id: row.id, contentHash: row.contentHash, origin: rest.origin, hints: rest.hints ?? {} };
}

/** An article back from its row. */
export function articleFromRow(row: ArticleRow): Article {
  const rest = JSON.parse(row.rest) as Omit<Article, (typeof ARTICLE_COLUMNS)[number]>;
  return {
    ...rest,
    id: row.id,
    documentId: row.documentId,
    part: row.part,
    ...(row.title === null ? {} : { title: row.title }),
    ...(row.url === null ? {} : { url: row.url }),
    ...(row.siteName === null ? {} : { siteName: row.siteName }),
    wordCount: row.wordCount,
    text: row.text,
    extractedText: row.extractedText,
  };
}

/** A message back from its row. */
export function messageFromRow(row: MessageRow): Message {
  return {
    stage: row.stage as Stage,
    ruleId: row.ruleId,
    reason: row.reason,
    severity: row.severity as Severity,
    ...(row.spanStart === null || row.spanEnd === null ? {} : { span: { start: row.spanStart, end: row.spanEnd } }),
    ...(row.layer === null ? {} : { layer: row.layer as TextLayer }),
    ...(row.excerpt === null ? {} : { excerpt: row.excerpt }),
    ...(row.data === null ? {} : { data: JSON.parse(row.data) as Record<string, unknown> }),
  };
}

/** An article's origin back from its document's columns. */
export function originFromRow(row: OriginRow): ArticleOrigin {
  const rest = JSON.parse(row.rest) as Pick<Document, 'origin'>;
  return { documentId: row.documentId, origin: rest.origin, mediaType: row.mediaType as Document['mediaType'], ingestedAt: row.ingestedAt };
}

/** An article summary back from its columns. */
export function summaryFromRow(row: ArticleSummaryRow): ArticleSummary {
  return {
    id: row.id,
    documentId: row.documentId,
    part: row.part,
    ...(row.title === null ? {} : { title: row.title }),
    ...(row.url === null ? {} : { url: row.url }),
    ...(row.siteName === null ? {} : { siteName: row.siteName }),
    language: row.language,
    ...(row.published === null ? {} : { published: row.published }),
    wordCount: row.wordCount,
    locator: row.locator,
    messageCount: row.messageCount,
  };
}

/** Filters in the form the columns hold them; absent filters are undefined. */
export interface FilterKeys {
  readonly language?: string;
  readonly sinceKey?: string;
  readonly untilKey?: string;
  /** Matched against `host`. */
  readonly host?: string;
  /** Matched against `siteKey`. */
  readonly siteKey?: string;
  /** Words that must all occur; never empty when present. */
  readonly words?: readonly string[];
}

/** Default and maximum page sizes of a listing. */
export const LIST_LIMIT = { default: STORE_DEFAULTS.listLimit.value, max: STORE_DEFAULTS.listLimitMax.value } as const;

/** Validate and normalise a filter; throws STORE_QUERY_INVALID for a malformed value. */
export function toFilterKeys(filter: ArticleFilter | undefined, db: string): FilterKeys {
  if (filter === undefined) return {};
  const fail = (detail: string): never => {
    throw createError('STORE_QUERY_INVALID', { db, detail });
  };
  const bound = (name: 'since' | 'until'): string | undefined => {
    const v = filter[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) return fail(`${name} "${String(v)}" is not an ISO 8601 date or datetime`);
    return dateKey(v);
  };
  const words = filter.search === undefined ? [] : (filter.search.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []);
  const site = filter.site?.trim();
  return {
    ...(filter.language === undefined ? {} : { language: filter.language }),
    ...(filter.since === undefined ? {} : { sinceKey: bound('since') }),
    ...(filter.until === undefined ? {} : { untilKey: bound('until') }),
    ...(site === undefined || site === '' ? {} : { host: hostKey(site.includes('://') ? site : `http://${site}`) ?? site.toLowerCase(), siteKey: site.toLowerCase() }),
    ...(words.length === 0 ? {} : { words }),
  };
}

/** Validate a page request; throws STORE_QUERY_INVALID. */
export function toPage(query: { readonly limit?: number; readonly offset?: number } | undefined, db: string): { limit: number; offset: number } {
  const limit = query?.limit ?? LIST_LIMIT.default;
  const offset = query?.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > LIST_LIMIT.max) {
    throw createError('STORE_QUERY_INVALID', { db, detail: `limit ${String(limit)} is not an integer from 1 to ${LIST_LIMIT.max}` });
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw createError('STORE_QUERY_INVALID', { db, detail: `offset ${String(offset)} is not a non-negative integer` });
  }
  return { limit, offset };
}

/** True when the string has no lone surrogate (`String.prototype.isWellFormed`, Node 20+, not yet in our TS lib). */
function isWellFormed(value: string): boolean {
  return (value as string & { isWellFormed(): boolean }).isWellFormed();
}

/** A stored message back from its row. */
export function storedMessageFromRow(row: MessageRow): StoredMessage {
  return { documentId: row.documentId, ...(row.articleId === null ? {} : { articleId: row.articleId }), message: messageFromRow(row) };
}

/** Validate a message query's filters; throws STORE_QUERY_INVALID. */
export function checkMessageQuery(query: MessageQuery | undefined, db: string): void {
  if (query?.stage !== undefined && !STAGES.has(query.stage)) {
    throw createError('STORE_QUERY_INVALID', { db, detail: `stage "${String(query.stage)}" is not a stage` });
  }
  if (query?.severity !== undefined && !SEVERITIES.has(query.severity)) {
    throw createError('STORE_QUERY_INVALID', { db, detail: `severity "${String(query.severity)}" is not error, warning or info` });
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date as a sortable key: datetimes in UTC, plain dates unchanged, anything unparseable as is. */
function dateKey(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

/** A URL's host in lower case without `www.`, or null when it is not a URL. */
function hostKey(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}

function checkString(value: unknown, field: string, fail: (detail: string) => never, nonEmpty = false): void {
  if (typeof value !== 'string') fail(`${field} is not a string`);
  else if (nonEmpty && value === '') fail(`${field} is empty`);
  // PostgreSQL text cannot hold NUL; refusing it everywhere keeps the stores interchangeable.
  else if (value.includes('\u0000')) fail(`${field} contains a NUL character (U+0000)`);
  // A lone surrogate cannot be encoded as UTF-8: the database would silently replace it.
  else if (!isWellFormed(value)) fail(`${field} contains a lone UTF-16 surrogate`);
}

/** JSON of a record without its column-held keys. */
function restJson(record: object, columns: readonly string[], fail: (detail: string) => never): string {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!columns.includes(key)) rest[key] = value;
  return json(rest, fail);
}

function json(value: unknown, fail: (detail: string) => never): string {
  let out: string | undefined;
  try {
    out = JSON.stringify(value);
  } catch (err) {
    return fail(`not serialisable as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (out === undefined) return fail('not serialisable as JSON');
  if (out.includes('\\u0000')) return fail('contains a NUL character (U+0000)');
  return out;
}

/** A story member row: the article summary columns plus the membership and family columns. */
export type MemberRow = ArticleSummaryRow & { score: number; sharedTerms: string; familyId: string; derivation: string; reuse: number; evidence: string };

/** A story listing row (dates may be NULL). */
export type StorySummaryRow = Omit<StorySummary, 'firstSeen' | 'lastSeen'> & { firstSeen: string | null; lastSeen: string | null };

/** A story summary from its row. */
export function storySummaryFromRow(row: StorySummaryRow): StorySummary {
  return {
    id: row.id,
    title: row.title,
    articleCount: row.articleCount,
    sourceCount: row.sourceCount,
    ...(row.firstSeen ? { firstSeen: row.firstSeen } : {}),
    ...(row.lastSeen ? { lastSeen: row.lastSeen } : {}),
  };
}

/** A story member from its row. */
export function memberFromRow(row: MemberRow): StoryMemberView {
  return {
    articleId: row.id,
    article: summaryFromRow(row),
    score: row.score,
    sharedTerms: JSON.parse(row.sharedTerms) as string[],
    familyId: row.familyId,
    derivation: row.derivation as StoryMemberView['derivation'],
    reuse: row.reuse,
    evidence: JSON.parse(row.evidence) as string[],
  };
}
