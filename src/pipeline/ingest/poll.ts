/**
 * Feed polling for `parallax watch`: one conditional request per feed, the items not seen before,
 * and the per-feed state that makes the next poll cheap (ETag, Last-Modified, item keys seen,
 * failures in a row, when to poll next).
 *
 * The core ({@link createPoller}) is pure over an injected fetch function, clock and random source:
 * it reads no network and no database. The state is a plain JSON value the caller stores (the
 * watcher keeps it in the store's analysis state under {@link feedStateKey}). {@link createFeedFetch}
 * is the real fetch, with the same address guard as URL inputs.
 *
 * An item is known by its guid (RSS `<guid>`, Atom `<id>`), else its link, else a hash of its title
 * and content. New items leave as JSON Lines records ({@link itemsJsonl}), the one form both the
 * inline ingest and a queued job read ({@link inlineInputIO}).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DomUtils, parseDocument } from 'htmlparser2';
import { createError, isParallaxError, toParallaxError, type ParallaxError } from '../../errors.js';
import type { Message } from '../../model/message.js';
import { readCapped } from './capped.js';
import { charsetOf, decodeBytes } from './decode.js';
import { parseFeed } from './feed.js';
import { networkDefaults, parseUrl, refusedRange } from './fetch.js';
import { defaultIO, type CheckedLookup, type IngestIO } from './io.js';

interface Setting<T> {
  readonly value: T;
  readonly reason: string;
}
interface PollRules {
  readonly everySeconds: Setting<number>;
  readonly backoffBaseSeconds: Setting<number>;
  readonly backoffMaxSeconds: Setting<number>;
  readonly backoffJitter: Setting<number>;
  readonly maxSeen: Setting<number>;
  readonly accept: Setting<string>;
}
const rules = JSON.parse(readFileSync(new URL('./poll.json', import.meta.url), 'utf8')) as PollRules;
const limits = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as { readonly feedMaxItems: Setting<number> };

/** Defaults of {@link PollerOptions}, from poll.json. */
export const pollDefaults = {
  everySeconds: rules.everySeconds.value,
  backoffBaseSeconds: rules.backoffBaseSeconds.value,
  backoffMaxSeconds: rules.backoffMaxSeconds.value,
} as const;

/** What the watcher remembers about one feed between polls (a JSON value). */
export interface FeedState {
  /** Validators of the last 200 response, sent back as If-None-Match / If-Modified-Since. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** Keys of items already taken (`guid:…`, `link:…`, `hash:…`), oldest first. */
  readonly seen: readonly string[];
  /** Failed polls in a row (0 after a success). */
  readonly failures: number;
  /** ISO time before which the feed is not polled again. */
  readonly nextPollAt?: string;
  readonly lastPolledAt?: string;
  /** Code of the last failure, while failing. */
  readonly lastError?: string;
}

/** One HTTP response to a feed request. A 304 has an empty body. */
export interface FeedResponse {
  readonly status: number;
  /** The URL answered, after redirects. */
  readonly url: string;
  /** Header value by lower-case name. */
  header(name: string): string | undefined;
  readonly body: Uint8Array;
}

/** GET one feed with the given extra request headers; throws a ParallaxError when it cannot. */
export type FeedFetch = (url: string, headers: Readonly<Record<string, string>>) => Promise<FeedResponse>;

/** A new feed item as one JSON Lines record (the fields the JSONL reader understands). */
export interface ItemRecord {
  readonly html?: string;
  readonly text?: string;
  readonly url?: string;
  readonly title?: string;
  readonly published?: string;
  readonly author?: string;
  readonly siteName?: string;
  readonly language?: string;
}

export interface NewItem {
  /** The key it is remembered by in {@link FeedState.seen}. */
  readonly key: string;
  readonly record: ItemRecord;
}

/** What one poll found, and the state to keep for the next. */
export type PollResult =
  | {
      readonly kind: 'fetched';
      readonly feed: string;
      /** Items not seen before, in feed order. */
      readonly items: readonly NewItem[];
      /** Items in the feed that were already seen. */
      readonly known: number;
      /** Items passed over (no content), each with a message saying why. */
      readonly messages: readonly Message[];
      readonly state: FeedState;
    }
  | { readonly kind: 'not-modified'; readonly feed: string; readonly state: FeedState }
  | { readonly kind: 'failed'; readonly feed: string; readonly error: ParallaxError; readonly state: FeedState };

export interface PollerOptions {
  readonly fetch: FeedFetch;
  /** Clock (default: the system clock). */
  readonly now?: () => Date;
  /** Uniform in [0, 1), for backoff jitter (default Math.random). */
  readonly random?: () => number;
  /** Seconds between polls of a healthy feed (default 900). */
  readonly everySeconds?: number;
  /** First retry delay after a failure, doubled per failure in a row up to the maximum (defaults 60 s, 6 h). */
  readonly backoffBaseSeconds?: number;
  readonly backoffMaxSeconds?: number;
}

export interface Poller {
  /**
   * Poll one feed: a conditional GET, then the items whose keys are not in `state.seen`. Never
   * throws: a failure comes back as `failed` with WATCH_FEED_FAILED (naming the feed, with the cause)
   * and a state whose `nextPollAt` is pushed back exponentially.
   */
  poll(feed: string, state?: FeedState): Promise<PollResult>;
  /** Whether the feed is due: never polled, or its `nextPollAt` has passed. */
  due(state: FeedState | undefined): boolean;
  /** Whether the feed is waiting after failures (a backoff), rather than on its regular schedule. */
  backingOff(state: FeedState | undefined): boolean;
}

/** The store key of a feed's state. */
export function feedStateKey(feed: string): string {
  return `feed:${feed}`;
}

/** A state read back from the store, or undefined when it is missing or not a feed state. */
export function asFeedState(value: unknown): FeedState | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Partial<FeedState>;
  if (!Array.isArray(v.seen) || typeof v.failures !== 'number') return undefined;
  return v as FeedState;
}

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;
const isElement = (n: Node): n is Element => 'attribs' in n && 'name' in n;

/** The guid (RSS) or id (Atom) of each item, in the order `parseFeed` lists them. */
function itemIds(source: string): (string | undefined)[] {
  const dom = parseDocument(source, { xmlMode: true });
  const root = dom.children.filter(isElement).find((e) => ['rss', 'feed', 'rdf:rdf'].includes(e.name.toLowerCase()));
  if (root === undefined) return [];
  const idOf = (el: Element, tag: string): string | undefined => {
    const c = el.children.filter(isElement).find((x) => x.name.toLowerCase() === tag);
    const t = c === undefined ? '' : DomUtils.textContent(c).trim();
    return t === '' ? undefined : t;
  };
  if (root.name.toLowerCase() === 'feed') {
    return root.children.filter(isElement).filter((c) => c.name.toLowerCase() === 'entry').map((e) => idOf(e, 'id'));
  }
  return DomUtils.getElementsByTagName((name) => name.toLowerCase() === 'item', root.children, true).map((e) => idOf(e, 'guid') ?? e.attribs['rdf:about']);
}

function itemKey(id: string | undefined, link: string | undefined, title: string | undefined, content: string | undefined): string {
  if (id !== undefined) return `guid:${id}`;
  if (link !== undefined) return `link:${link}`;
  return `hash:${createHash('sha256').update(`${title ?? ''}\u0000${content ?? ''}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/** Create a poller over an injected fetch, clock and random source. */
export function createPoller(options: PollerOptions): Poller {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const everyMs = (options.everySeconds ?? rules.everySeconds.value) * 1000;
  const baseMs = (options.backoffBaseSeconds ?? rules.backoffBaseSeconds.value) * 1000;
  const maxMs = (options.backoffMaxSeconds ?? rules.backoffMaxSeconds.value) * 1000;
  const jitter = rules.backoffJitter.value;

  /** Delay after `failures` failures in a row: base·2^(n−1), capped, then ±jitter. */
  const backoffMs = (failures: number): number => {
    const plain = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 40));
    return Math.max(0, Math.round(plain * (1 + jitter * (2 * random() - 1))));
  };

  const empty: FeedState = { seen: [], failures: 0 };

  const fail = (feed: string, prior: FeedState, at: Date, cause: unknown): PollResult => {
    const failures = prior.failures + 1;
    const next = new Date(at.getTime() + backoffMs(failures)).toISOString();
    const inner = toParallaxError(cause);
    const error = createError('WATCH_FEED_FAILED', { feed, detail: inner.message.replace(/\.\s*$/, ''), failures, next }, inner);
    return { kind: 'failed', feed, error, state: { ...prior, failures, nextPollAt: next, lastPolledAt: at.toISOString(), lastError: inner.code } };
  };

  return {
    due(state) {
      return state?.nextPollAt === undefined || Date.parse(state.nextPollAt) <= now().getTime();
    },

    backingOff(state) {
      return state !== undefined && state.failures > 0 && !this.due(state);
    },

    async poll(feed, state) {
      const prior = state ?? empty;
      const at = now();
      const headers: Record<string, string> = { accept: rules.accept.value };
      if (prior.etag !== undefined) headers['if-none-match'] = prior.etag;
      if (prior.lastModified !== undefined) headers['if-modified-since'] = prior.lastModified;
      const healthy = (extra: Partial<FeedState>): FeedState => {
        const { lastError: _lastError, ...rest } = prior;
        return { ...rest, ...extra, failures: 0, lastPolledAt: at.toISOString(), nextPollAt: new Date(at.getTime() + everyMs).toISOString() };
      };
      try {
        const res = await options.fetch(feed, headers);
        if (res.status === 304) return { kind: 'not-modified', feed, state: healthy({}) };
        if (res.status < 200 || res.status >= 300) throw createError('FETCH_HTTP_STATUS', { input: feed, status: res.status });
        const decoded = decodeBytes(res.body, { input: feed, ...(charsetOf(res.header('content-type')) === undefined ? {} : { headerCharset: charsetOf(res.header('content-type'))! }) });
        const parsed = parseFeed(decoded.text, feed, limits.feedMaxItems.value);
        const ids = itemIds(decoded.text);
        const seen = new Set(prior.seen);
        const current: string[] = [];
        const items: NewItem[] = [];
        const messages: Message[] = [];
        let known = 0;
        for (const item of parsed.items) {
          const key = itemKey(ids[item.index - 1], item.link, item.title, item.content);
          current.push(key);
          if (seen.has(key)) {
            known++;
            continue;
          }
          seen.add(key);
          if (item.content === undefined) {
            messages.push({
              stage: 'ingest',
              ruleId: 'watch-item-no-content',
              severity: 'warning',
              reason: 'The feed item has neither full text nor a description, so there is nothing to ingest; it is remembered as seen.',
              data: { feed, item: item.index, key },
            });
            continue;
          }
          const record: ItemRecord = {
            [item.html ? 'html' : 'text']: item.content,
            ...(item.link === undefined ? {} : { url: new URL(item.link, res.url).href }),
            ...(item.title === undefined ? {} : { title: item.title }),
            ...(item.published === undefined ? {} : { published: item.published }),
            ...(item.author === undefined ? {} : { author: item.author }),
            ...(parsed.title === undefined ? {} : { siteName: parsed.title }),
            ...(item.language === undefined ? {} : { language: item.language }),
          };
          items.push({ key, record });
        }
        // Remember every key in the document, plus the most recent older ones up to the cap.
        const inDocument = new Set(current);
        const older = [...seen].filter((k) => !inDocument.has(k));
        const kept = [...older.slice(Math.max(0, older.length - rules.maxSeen.value)), ...current];
        const etag = res.header('etag');
        const lastModified = res.header('last-modified');
        // Validators come from this response only: a feed that stops sending them gets plain GETs.
        const { etag: _etag, lastModified: _lastModified, ...base } = healthy({});
        return {
          kind: 'fetched',
          feed,
          items,
          known,
          messages,
          state: { ...base, seen: kept, ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) },
        };
      } catch (err) {
        return fail(feed, prior, at, err);
      }
    },
  };
}

/** New items as JSON Lines text, one record per line, ready for the JSONL reader. */
export function itemsJsonl(items: readonly NewItem[]): string {
  return items.map((i) => JSON.stringify(i.record)).join('\n') + '\n';
}

/**
 * I/O that serves `content` as the file `name`, for ingesting in-memory JSON Lines (a poll's new
 * items, a queued job's payload) through the ordinary ingest run: pass `inputs: [name]` and this as
 * `ingest.io`. Other paths go to the real file system.
 */
export function inlineInputIO(name: string, content: string): Partial<IngestIO> {
  const bytes = new Uint8Array(Buffer.from(content, 'utf8'));
  const real = defaultIO();
  return {
    stat: (path) => (path === name ? Promise.resolve({ isFile: true, isDirectory: false, size: bytes.byteLength }) : real.stat(path)),
    readFile: (path, maxBytes) => (path === name ? Promise.resolve(bytes.subarray(0, maxBytes)) : real.readFile(path, maxBytes)),
  };
}

export interface FeedFetchOptions {
  /** Fetch loopback and private addresses too (default false, as for URL inputs). */
  readonly allowPrivateNetwork?: boolean;
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  /** Largest feed document, in bytes (default 32 MiB). */
  readonly maxBytes?: number;
  /** Injected DNS and HTTP (default: the real ones). */
  readonly io?: Partial<Pick<IngestIO, 'lookup' | 'fetch'>>;
}

/**
 * The real {@link FeedFetch}: conditional GETs with the URL inputs' guard (every hop's address must
 * be public unless `allowPrivateNetwork`; the connection goes to the address checked), a deadline,
 * a redirect cap and a size cap. Returns 304 as is; other statuses are left to the poller.
 */
export function createFeedFetch(options: FeedFetchOptions = {}): FeedFetch {
  const io = { ...defaultIO(), ...options.io };
  const allowPrivate = options.allowPrivateNetwork ?? false;
  const timeoutMs = options.timeoutMs ?? networkDefaults.timeoutMs;
  const maxRedirects = options.maxRedirects ?? networkDefaults.maxRedirects;
  const userAgent = options.userAgent ?? networkDefaults.userAgent;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;

  return async (feed, extra) => {
    let url = parseUrl(feed);
    const lookup: CheckedLookup = async (hostname) => {
      const addresses = await io.lookup(hostname);
      if (addresses.length === 0) throw createError('FETCH_FAILED', { input: feed, detail: `${hostname} has no address` });
      if (!allowPrivate) {
        for (const a of addresses) {
          const range = refusedRange(a.address);
          if (range !== undefined) throw createError('URL_ADDRESS_REFUSED', { input: feed, address: a.address, range });
        }
      }
      return addresses[0]!;
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      for (let hop = 0; ; hop++) {
        const host = url.hostname.replace(/^\[|\]$/g, '');
        if (isIP(host) !== 0) {
          const range = allowPrivate ? undefined : refusedRange(host);
          if (range !== undefined) throw createError('URL_ADDRESS_REFUSED', { input: feed, address: host, range });
        } else {
          await lookup(host);
        }
        const res = await io.fetch({ url: url.href, headers: { 'user-agent': userAgent, 'accept-encoding': 'identity', ...extra }, signal: controller.signal, lookup });
        const location = res.header('location');
        if (res.status >= 300 && res.status < 400 && res.status !== 304 && location !== undefined) {
          await res.cancel();
          if (hop >= maxRedirects) throw createError('FETCH_TOO_MANY_REDIRECTS', { input: feed, limit: maxRedirects });
          url = parseUrl(location, url);
          continue;
        }
        if (res.status === 304 || res.status < 200 || res.status >= 300) {
          await res.cancel();
          return { status: res.status, url: url.href, header: (n) => res.header(n), body: new Uint8Array() };
        }
        const declared = Number(res.header('content-length'));
        const body = await readCapped(res.body, feed, () => maxBytes, Number.isFinite(declared) && declared > 0 ? declared : undefined, () => res.cancel());
        return { status: res.status, url: url.href, header: (n) => res.header(n), body };
      }
    } catch (err) {
      // The guard's refusal may arrive wrapped by the HTTP client (it runs inside the connection).
      for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
        if (isParallaxError(e)) throw e;
        e = (e as { cause?: unknown }).cause;
      }
      if (controller.signal.aborted) throw createError('FETCH_TIMEOUT', { input: feed, seconds: timeoutMs / 1000 }, err);
      throw createError('FETCH_FAILED', { input: feed, detail: err instanceof Error ? err.message : String(err) }, err);
    } finally {
      clearTimeout(timer);
    }
  };
}
