import { describe, expect, it } from 'vitest';
import { createFeedFetch, createPoller, type FeedState } from '../../src/pipeline/ingest/index.js';
import { fakeServer } from './fake-fetch.js';
import { range, rss } from './feeds.js';

const FEED = 'https://courier.example/feed.xml';

function clock(start = Date.parse('2031-09-01T08:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('feed poller', () => {
  it('takes every item on the first poll, then gets 304 Not Modified by sending the stored ETag', async () => {
    const server = fakeServer();
    server.feeds.set(FEED, { body: rss(range(0, 3)), etag: '"v1"' });
    const poller = createPoller({ fetch: server.fetch, now: clock().now });
    const first = await poller.poll(FEED);
    expect(first.kind).toBe('fetched');
    if (first.kind !== 'fetched') return;
    expect(first.items.map((i) => i.key)).toEqual(['guid:velling-0', 'guid:velling-1', 'guid:velling-2']);
    expect(first.items[0]?.record).toMatchObject({ url: 'https://courier.example/news/0', title: 'Item 0 headline', siteName: 'Velling Courier' });
    expect(first.state.etag).toBe('"v1"');
    const second = await poller.poll(FEED, first.state);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(second.kind).toBe('not-modified');
    expect(second.state.seen).toEqual(first.state.seen);
  });

  it('sends If-Modified-Since from the stored Last-Modified', async () => {
    const server = fakeServer();
    server.feeds.set(FEED, { body: rss(range(0, 2)), lastModified: 'Mon, 01 Sep 2031 07:00:00 GMT' });
    const poller = createPoller({ fetch: server.fetch, now: clock().now });
    const first = await poller.poll(FEED);
    const second = await poller.poll(FEED, first.state);
    expect(server.requests[1]?.headers['if-modified-since']).toBe('Mon, 01 Sep 2031 07:00:00 GMT');
    expect(second.kind).toBe('not-modified');
  });

  it('returns only the items added since the last poll, known by guid, else link, else content hash', async () => {
    const server = fakeServer();
    const poller = createPoller({ fetch: server.fetch, now: clock().now });
    const mixed = [...range(0, 2), ...range(2, 4, { guid: false }), ...range(4, 6, { guid: false, link: false })];
    server.feeds.set(FEED, { body: rss(mixed) });
    const first = await poller.poll(FEED);
    if (first.kind !== 'fetched') throw new Error(first.kind);
    expect(first.items.map((i) => i.key.split(':')[0])).toEqual(['guid', 'guid', 'link', 'link', 'hash', 'hash']);
    // Two new items at the top (one of each kind keyed by link and hash); nothing else changes.
    server.feeds.set(FEED, { body: rss([{ n: 7, guid: false }, { n: 8, guid: false, link: false }, ...mixed]) });
    const second = await poller.poll(FEED, first.state);
    if (second.kind !== 'fetched') throw new Error(second.kind);
    expect(second.items.map((i) => i.record.title)).toEqual(['Item 7 headline', 'Item 8 headline']);
    expect(second.known).toBe(6);
    const third = await poller.poll(FEED, second.state);
    expect(third.kind === 'fetched' && third.items.length).toBe(0);
  });

  it('backs off exponentially with jitter after failures, capped, names the feed, and resets on success', async () => {
    const server = fakeServer();
    server.feeds.set(FEED, { status: 503 });
    const c = clock();
    let r = 0.5; // no jitter
    const poller = createPoller({ fetch: server.fetch, now: c.now, random: () => r, backoffBaseSeconds: 60, backoffMaxSeconds: 600 });
    let state: FeedState | undefined;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await poller.poll(FEED, state);
      expect(result.kind).toBe('failed');
      if (result.kind !== 'failed') return;
      expect(result.error.code).toBe('WATCH_FEED_FAILED');
      expect(result.error.message).toContain(FEED);
      expect((result.error.cause as { code?: string }).code).toBe('FETCH_HTTP_STATUS');
      state = result.state;
      expect(state.failures).toBe(i + 1);
      expect(poller.due(state)).toBe(false);
      expect(poller.backingOff(state)).toBe(true);
      delays.push((Date.parse(state.nextPollAt!) - c.now().getTime()) / 1000);
      c.advance(Date.parse(state.nextPollAt!) - c.now().getTime());
    }
    expect(delays).toEqual([60, 120, 240, 480, 600, 600]);
    // Jitter moves the delay by up to ±20%, from the injected random source.
    r = 0;
    const low = await poller.poll(FEED, state);
    expect((Date.parse(low.state.nextPollAt!) - c.now().getTime()) / 1000).toBe(480);
    server.feeds.set(FEED, { body: rss(range(0, 1)) });
    const ok = await poller.poll(FEED, low.state);
    expect(ok.kind).toBe('fetched');
    expect(ok.state.failures).toBe(0);
    expect(ok.state.lastError).toBeUndefined();
  });

  it('fails a document that is not a feed with FEED_INVALID as the cause', async () => {
    const server = fakeServer();
    server.feeds.set(FEED, { body: '<html><body><p>Not a feed</p></body></html>' });
    const result = await createPoller({ fetch: server.fetch }).poll(FEED);
    expect(result.kind === 'failed' && (result.error.cause as { code?: string }).code).toBe('FEED_INVALID');
  });

  it('refuses a feed on a loopback address unless private networks are allowed', async () => {
    const result = await createPoller({ fetch: createFeedFetch() }).poll('http://127.0.0.1:9/feed.xml');
    expect(result.kind === 'failed' && (result.error.cause as { code?: string }).code).toBe('URL_ADDRESS_REFUSED');
  });
});
