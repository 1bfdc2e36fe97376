/** A fake feed server for the poller: feeds as strings, ETag / Last-Modified and 304s, failures on demand. */
import type { FeedFetch } from '../../src/pipeline/ingest/index.js';

export interface FakeFeed {
  body?: string;
  etag?: string;
  lastModified?: string;
  /** Answer with this status (and no body). */
  status?: number;
  /** Throw this instead of answering. */
  fail?: Error;
}

export interface FakeServer {
  readonly feeds: Map<string, FakeFeed>;
  readonly requests: { url: string; headers: Readonly<Record<string, string>> }[];
  readonly fetch: FeedFetch;
}

export function fakeServer(): FakeServer {
  const feeds = new Map<string, FakeFeed>();
  const requests: FakeServer['requests'] = [];
  const fetch: FeedFetch = (url, headers) => {
    requests.push({ url, headers });
    const feed = feeds.get(url);
    if (feed?.fail) return Promise.reject(feed.fail);
    const header = (values: Record<string, string | undefined>) => (name: string) => values[name];
    if (feed === undefined || feed.status !== undefined) {
      return Promise.resolve({ status: feed?.status ?? 404, url, header: header({}), body: new Uint8Array() });
    }
    const validators = { etag: feed.etag, 'last-modified': feed.lastModified, 'content-type': 'application/rss+xml; charset=utf-8' };
    const notModified =
      (feed.etag !== undefined && headers['if-none-match'] === feed.etag) ||
      (feed.etag === undefined && feed.lastModified !== undefined && headers['if-modified-since'] === feed.lastModified);
    if (notModified) return Promise.resolve({ status: 304, url, header: header(validators), body: new Uint8Array() });
    return Promise.resolve({ status: 200, url, header: header(validators), body: new Uint8Array(Buffer.from(feed.body ?? '', 'utf8')) });
  };
  return { feeds, requests, fetch };
}
