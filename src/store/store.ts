/**
 * The Store: where documents, articles and their messages are kept between runs.
 *
 * One interface, several implementations (embedded SQLite now, PostgreSQL later), all held to the
 * same contract suite (`test/store/contract.ts`). The interface is async so a networked database
 * fits it unchanged. Records go in whole and come out deep-equal to what went in.
 *
 * Reads are grouped by record kind (`store.documents`, `store.articles`); later stages add their
 * own groups here (`stories`, `families`, `quotes`, `entities`, `claims`) next to these.
 */
import type { Article } from '../model/article.js';
import type { Document, DocumentHints, Origin, MediaType } from '../model/document.js';
import type { Message, Severity, Stage } from '../model/message.js';
import type { AnalysisStateReads, StoredAnalysis, StoriesUpdate, StoryReads } from './stories.js';
import type { Delivery, FeedEntry, FeedReads, Follow, FollowReads } from './follows.js';

/** What the pipeline hands the store for one ingested document. */
export interface IngestRecord {
  readonly document: Document;
  /**
   * Messages of ingest/extract that concern the whole document rather than one article
   * (e.g. why it yielded no article at all). Kept in order.
   */
  readonly documentMessages: readonly Message[];
  /** The document's articles (possibly none), each with its envelope's messages, in order. */
  readonly articles: readonly { readonly article: Article; readonly messages: readonly Message[] }[];
}

/** Outcome of one {@link Store.saveIngested} call. */
export interface SaveResult {
  /** Documents newly stored. */
  readonly added: number;
  /** Documents left alone because a document with the same id was already stored (or earlier in the batch). */
  readonly skipped: number;
  /** Articles newly stored (those of the added documents). */
  readonly articles: number;
}

/** A stored document with its document-level messages and the ids of its articles (by part). */
export interface StoredDocument {
  readonly document: Document;
  readonly messages: readonly Message[];
  readonly articleIds: readonly string[];
}

/** A stored document found by its content hash. */
export interface ContentMatch {
  readonly id: string;
  readonly contentHash: string;
  readonly origin: Origin;
  readonly hints: DocumentHints;
}

/** Where a stored article came from, without the document's (possibly large) content. */
export interface ArticleOrigin {
  readonly documentId: string;
  readonly origin: Origin;
  readonly mediaType: MediaType;
  /** When the document was ingested (ISO 8601). */
  readonly ingestedAt: string;
}

/** A stored article: the article exactly as saved, its messages in order, and its document's origin. */
export interface StoredArticle {
  readonly article: Article;
  readonly messages: readonly Message[];
  readonly document: ArticleOrigin;
}

/** One line of an article listing: the queried fields only, no text. */
export interface ArticleSummary {
  readonly id: string;
  readonly documentId: string;
  readonly part: number;
  readonly title?: string;
  readonly url?: string;
  readonly siteName?: string;
  /** Language code (`en`, `ar`, `und`…). */
  readonly language: string;
  /** The publication date the article settled on (resolved, else page metadata), as stored. */
  readonly published?: string;
  readonly wordCount: number;
  /** The document's origin locator (path, URL, `archive.zip!a.html`). */
  readonly locator: string;
  /** Number of messages on the article. */
  readonly messageCount: number;
}

/** Filters shared by listing, counting and iteration. Every filter given must match. */
export interface ArticleFilter {
  /** Language code, exactly (`en`). */
  readonly language?: string;
  /**
   * Publication date lower bound, inclusive: an ISO date (`2023-11-07`) or datetime. Articles with
   * no publication date never match a date bound.
   */
  readonly since?: string;
  /** Publication date upper bound, exclusive (`until: '2023-11-08'` keeps all of 7 November). */
  readonly until?: string;
  /**
   * A site: matches the article URL's host (`www.` ignored, case-insensitive) or its site name
   * (case-insensitive).
   */
  readonly site?: string;
  /** Words that must all occur in the title or text (whole words, case- and diacritic-insensitive). */
  readonly search?: string;
}

/** A page of a listing. */
export interface ArticleListQuery extends ArticleFilter {
  /** At most this many items (default 50, at most 1000). */
  readonly limit?: number;
  /** Skip this many matching items first (default 0). */
  readonly offset?: number;
}

/** A page of articles and how many match in all. */
export interface ArticlePage {
  /** Newest publication date first; undated articles last; ties in the order they were saved. */
  readonly items: readonly ArticleSummary[];
  readonly total: number;
}

/** Options for streaming articles out (defaults in `defaults.json`). */
export interface IterateOptions {
  /** Articles read from the database per round trip (default 200); memory stays bounded by it. */
  readonly batchSize?: number;
}

/** Reads over stored documents. */
export interface DocumentReads {
  /** The subset of `ids` already stored; lets ingest skip known inputs before extracting them. */
  has(ids: readonly string[]): Promise<Set<string>>;
  /** A document with its messages and article ids, or undefined when it is not stored. */
  get(id: string): Promise<StoredDocument | undefined>;
  /**
   * The stored documents whose content hash is among `contentHashes` (one content may be stored
   * from several origins), without their content: lets ingest tell a new origin of known content
   * from the same document seen again. Ordered by when they were saved (within one batch, in any
   * order).
   */
  withContent(contentHashes: readonly string[]): Promise<ContentMatch[]>;
  /** Number of stored documents. */
  count(): Promise<number>;
}

/** Reads over stored articles. */
export interface ArticleReads {
  /** One article with its messages and origin, or undefined when it is not stored. */
  get(id: string): Promise<StoredArticle | undefined>;
  /** The stored articles among `ids`, in the order of `ids` (unknown ids are left out). */
  getMany(ids: readonly string[]): Promise<StoredArticle[]>;
  /** A page of article summaries matching the filters. */
  list(query?: ArticleListQuery): Promise<ArticlePage>;
  /** Number of articles matching the filters (all of them without filters). */
  count(filter?: ArticleFilter): Promise<number>;
  /**
   * Every article matching the filters, in the order they were saved, read in batches so memory
   * stays bounded (for export). Articles saved while iterating may or may not be included.
   */
  iterate(filter?: ArticleFilter, options?: IterateOptions): AsyncIterable<StoredArticle>;
}

/** Which messages to read; every filter given must match. */
export interface MessageQuery {
  readonly stage?: Stage;
  readonly ruleId?: string;
  readonly severity?: Severity;
  /** At most this many items (default 50, at most 1000). */
  readonly limit?: number;
  /** Skip this many matching items first (default 0). */
  readonly offset?: number;
}

/** A stored message with the record it is on. */
export interface StoredMessage {
  readonly documentId: string;
  /** Absent for a document-level message. */
  readonly articleId?: string;
  readonly message: Message;
}

/** How often one rule fired. */
export interface RuleCount {
  readonly stage: Stage;
  readonly ruleId: string;
  readonly severity: Severity;
  /** Messages written by the rule. */
  readonly messages: number;
  /** Distinct documents they are on (an article's message counts for its document). */
  readonly documents: number;
}

/** Reads over stored messages: "which articles lost a caption?", "what failed most?". */
export interface MessageReads {
  /** A page of messages matching the filters, in the order they were saved. */
  list(query?: MessageQuery): Promise<{ readonly items: readonly StoredMessage[]; readonly total: number }>;
  /** Every (stage, rule, severity) that fired, most messages first. */
  countByRule(): Promise<readonly RuleCount[]>;
}

/** A database of Parallax records. Obtain one with `openStore`; close it when done. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the store lives, as given to `openStore` (for messages; never holds a password). */
  readonly location: string;

  /**
   * Save a batch of ingested documents with their articles and messages, in one transaction: either
   * the whole batch is saved or (on error) nothing of it. A document whose id is already stored is
   * skipped whole, so ingesting the same input twice adds nothing.
   * Throws STORE_RECORD_INVALID for a malformed record and STORE_WRITE_FAILED when the database
   * refuses the batch.
   */
  saveIngested(batch: readonly IngestRecord[]): Promise<SaveResult>;

  /**
   * Replace stored documents by new versions of themselves (the same id and content, richer
   * metadata), in one transaction: each document's fields, its articles updated in place by id (so
   * they stay in their stories; an article new to it is added) and its messages replaced by the
   * record's. A record whose document is not stored is left out. Returns the documents updated.
   * Throws STORE_RECORD_INVALID and STORE_WRITE_FAILED as saveIngested does.
   */
  updateIngested(batch: readonly IngestRecord[]): Promise<number>;

  readonly documents: DocumentReads;
  readonly articles: ArticleReads;
  readonly messages: MessageReads;

  /**
   * Save the stories run's result in one transaction: remove merged stories, replace each upserted
   * story with its members and families (an article moves from any story it was in), and keep the
   * analysis state. Throws STORE_WRITE_FAILED when the database refuses it (nothing is changed).
   */
  saveStories(update: StoriesUpdate): Promise<void>;
  readonly stories: StoryReads;

  /**
   * Keep stories' analyses (each replaces the stored one of its story and kind), in one
   * transaction. An analysis is kept only while its story still exists with the members it was
   * computed for (`membersHash`): one computed while the story changed is dropped, not stored over
   * the story's new state. Returns how many were kept. Throws STORE_WRITE_FAILED when the database
   * refuses it (nothing is changed).
   */
  saveAnalyses(analyses: readonly StoredAnalysis[]): Promise<number>;
  readonly analysis: AnalysisStateReads;
  // Later stages add their groups here: quotes, entities, claims.

  /**
   * Keep a follow (replacing one of the same id, whose seen keys stay) and mark `seen` as already
   * reported to it, in one transaction. Throws STORE_WRITE_FAILED.
   */
  saveFollow(follow: Follow, seen: readonly string[]): Promise<void>;
  /** Remove a follow with its seen keys and feed entries; false when there was none. */
  removeFollow(id: string): Promise<boolean>;
  /**
   * Add feed entries, in one transaction: an entry whose follow has already seen its key, or whose
   * follow no longer exists, is left out; the others are added and their keys marked seen. Returns
   * the entries added, in the order given. Throws STORE_WRITE_FAILED.
   */
  addFeedEntries(entries: readonly FeedEntry[]): Promise<FeedEntry[]>;
  /** Record the outcome of a follow's last webhook delivery (nothing when the follow is gone). */
  recordDelivery(followId: string, delivery: Delivery): Promise<void>;
  readonly follows: FollowReads;
  readonly feed: FeedReads;

  /**
   * Run `work` holding the lock `name`, held in the database so that every process sharing it takes
   * turns: a second holder, in this process or another, waits until the first is done. A holder
   * that dies releases it too: SQLite keeps a lock row its holder renews (`lockTtlMs`), and takes
   * over one not renewed in time; PostgreSQL holds a session advisory lock, freed with the session.
   * `work` should call `lease.renew()` between long steps and before it writes what the lock
   * protects; it throws STORE_LOCK_LOST if the lock was taken over meanwhile. The lock is released
   * when `work` settles, and its result or error returned.
   */
  withLock<T>(name: string, work: (lease: LockLease) => Promise<T>): Promise<T>;

  /** Release the database. Idempotent; any later call throws STORE_CLOSED. */
  close(): Promise<void>;
}

/** A held lock (see {@link Store.withLock}). */
export interface LockLease {
  /** Confirm the lock is still held and push its expiry on; throws STORE_LOCK_LOST when it is not. */
  renew(): Promise<void>;
}

/** Options for `openStore`, shared by every implementation. */
export interface StoreOptions {
  /**
   * `normal` (default): a committed batch survives a crash of the process, but the last batches
   * may be lost (never corrupted) on power loss or an OS crash; re-running the same ingest restores
   * them, since saving is idempotent. `full`: every commit is flushed to disk before it returns.
   */
  readonly durability?: 'normal' | 'full';
  /** How long a write waits for another process's lock before failing (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /**
   * Open only a database that already exists (default false: create it). For SQLite the file must
   * exist; for PostgreSQL the schema must hold Parallax's tables. Otherwise STORE_NOT_FOUND, and
   * nothing is created. Commands that only read set it, so a mistyped `--db` is reported rather
   * than answered from a new empty database.
   */
  readonly mustExist?: boolean;
  /** SQLite: a lock not renewed for this long is taken over (default 30 000 ms). */
  readonly lockTtlMs?: number;
  /** Clock for recorded times (migrations); defaults to the system clock. */
  readonly now?: () => Date;
}
