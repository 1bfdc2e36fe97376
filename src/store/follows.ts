/**
 * Follows and their feed: what a reader follows (a story, a person, an outlet or a term) and the
 * entries the pipeline made for it (a new article in a followed story, a new claim, conflict or
 * quote for a followed person, outlet or term).
 *
 * What a follow has already been told about is kept as its "seen" keys, so an entry is made once
 * per follow and item however often the stories are re-analysed; the keys present when the follow
 * was made are seen from the start, so following something does not flood the feed with its past.
 */

/** What can be followed. */
export type FollowKind = 'story' | 'person' | 'outlet' | 'term';
export const FOLLOW_KINDS: readonly FollowKind[] = ['story', 'person', 'outlet', 'term'];

/** One follow. */
export interface Follow {
  /** `fol_` + 12 hex digits. */
  readonly id: string;
  readonly kind: FollowKind;
  /** A story id, a person's name, an outlet key or words, as the reader gave it. */
  readonly target: string;
  /**
   * For a story: an article of the story when it was followed, so the story is found again after a
   * merge gives it another id.
   */
  readonly anchor?: string;
  /** Where the follow's new entries are POSTed after a run (JSON), if anywhere. */
  readonly webhook?: string;
  /** When it was made (ISO 8601). */
  readonly createdAt: string;
}

/** The outcome of the last webhook delivery of a follow. */
export interface Delivery {
  /** When it was tried (ISO 8601). */
  readonly at: string;
  readonly ok: boolean;
  /** Entries sent. */
  readonly entries: number;
  /** The HTTP status answered, if any. */
  readonly status?: number;
  /** Why it failed, when it did. */
  readonly error?: string;
}

/** A stored follow with its last delivery. */
export interface StoredFollow extends Follow {
  readonly delivery?: Delivery;
}

/** The kinds of feed entry. */
export type FeedEntryKind = 'article' | 'claim' | 'conflict' | 'quote';

/** One entry of the feed. */
export interface FeedEntry {
  /** `fde_` + 16 hex digits, from the follow and the key. */
  readonly id: string;
  readonly followId: string;
  /** What it reports, unique per follow (`article:ID`, `claim:HASH`…). */
  readonly key: string;
  readonly kind: FeedEntryKind;
  readonly storyId: string;
  /** One line saying what is new. */
  readonly title: string;
  /** The new item's text (a claim, a quote, an article's title). */
  readonly text: string;
  readonly articleId?: string;
  readonly claimId?: string;
  readonly url?: string;
  readonly site?: string;
  /** When it was made (ISO 8601). */
  readonly createdAt: string;
}

/** A page of the feed. */
export interface FeedQuery {
  /** Only this follow's entries. */
  readonly followId?: string;
  /** At most this many (default 50, at most 1000). */
  readonly limit?: number;
  readonly offset?: number;
}

/** Reads over follows. */
export interface FollowReads {
  /** Every follow, oldest first. */
  list(): Promise<StoredFollow[]>;
  get(id: string): Promise<StoredFollow | undefined>;
}

/** Reads over the feed. */
export interface FeedReads {
  /** Newest entries first (in the order they were added). */
  list(query?: FeedQuery): Promise<{ readonly items: readonly FeedEntry[]; readonly total: number }>;
}

/** A follow as a table row (shared by the drivers). */
export interface FollowRow {
  id: string;
  kind: string;
  target: string;
  anchor: string | null;
  webhook: string | null;
  createdAt: string;
  delivery: string | null;
}

/** The SELECT list giving a {@link FollowRow}. */
export const FOLLOW_COLUMNS = 'id, kind, target, anchor, webhook, created_at AS "createdAt", delivery';

export function followFromRow(row: FollowRow): StoredFollow {
  return {
    id: row.id,
    kind: row.kind as FollowKind,
    target: row.target,
    ...(row.anchor !== null ? { anchor: row.anchor } : {}),
    ...(row.webhook !== null ? { webhook: row.webhook } : {}),
    createdAt: row.createdAt,
    ...(row.delivery !== null ? { delivery: JSON.parse(row.delivery) as Delivery } : {}),
  };
}

/** The feed page bounds: default 50, at most 1000, offset from 0. */
export function feedPage(query: FeedQuery | undefined): { readonly limit: number; readonly offset: number } {
  const limit = Math.max(1, Math.min(1000, Math.floor(query?.limit ?? 50)));
  const offset = Math.max(0, Math.floor(query?.offset ?? 0));
  return { limit: Number.isFinite(limit) ? limit : 50, offset: Number.isFinite(offset) ? offset : 0 };
}
