import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { registerWatch, watchFeeds } from '../../src/cli/commands/watch.js';
import { openStore } from '../../src/store/index.js';
import { fakeServer } from './fake-fetch.js';
import { range, rss } from './feeds.js';

const FEED = 'https://courier.example/feed.xml';
const OTHER = 'https://ledger.example/atom.xml';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-watch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function articleCount(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    return await store.articles.count();
  } finally {
    await store.close();
  }
}

describe('parallax watch (SQLite, inline ingest)', () => {
  it('ingests only new items, and a restarted watcher remembers what it has seen', async () => {
    const db = join(dir, 'restart.db');
    const server = fakeServer();
    server.feeds.set(FEED, { body: rss(range(0, 3)), etag: '"a"' });
    const lines: string[] = [];
    const first = await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch, log: (l) => lines.push(l) });
    expect(first).toMatchObject({ polls: 1, newItems: 3, articles: 3, failed: 0 });
    expect(await articleCount(db)).toBe(3);
    const store = await openStore(db);
    expect(await store.stories.pendingArticleIds()).toEqual([]);
    await store.close();

    // Same document again: the stored ETag gets a 304 and nothing is read.
    const second = await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch });
    expect(second).toMatchObject({ polls: 1, notModified: 1, newItems: 0 });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"a"');

    // Two new items on top of the old ones: only they are ingested.
    server.feeds.set(FEED, { body: rss(range(0, 5).reverse()), etag: '"b"' });
    const third = await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch });
    expect(third).toMatchObject({ newItems: 2, articles: 2 });
    expect(await articleCount(db)).toBe(5);
    expect(lines.some((l) => l.includes(FEED) && l.includes('3 new items'))).toBe(true);
  }, 60_000);

  it('reports a failing feed with one catalogued line naming it, backs it off, and polls the others', async () => {
    const db = join(dir, 'failing.db');
    const server = fakeServer();
    server.feeds.set(FEED, { fail: new Error('connection reset') });
    server.feeds.set(OTHER, { body: rss(range(10, 11), 'Ledger') });
    const warnings: string[] = [];
    const logs: string[] = [];
    const now = () => new Date('2031-09-01T08:00:00Z');
    const first = await watchFeeds({ feeds: [FEED, OTHER], db, once: true, fetch: server.fetch, now, random: () => 0.5, warn: (l) => warnings.push(l) });
    expect(first).toMatchObject({ polls: 2, failed: 1, newItems: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('WATCH_FEED_FAILED');
    expect(warnings[0]).toContain(FEED);
    expect(warnings[0]).toContain('2031-09-01T08:01:00.000Z');

    // Still backing off at the same moment: the failing feed is not requested again.
    const before = server.requests.filter((r) => r.url === FEED).length;
    const again = await watchFeeds({ feeds: [FEED, OTHER], db, once: true, fetch: server.fetch, now, log: (l) => logs.push(l) });
    expect(server.requests.filter((r) => r.url === FEED)).toHaveLength(before);
    expect(again.polls).toBe(1);
    expect(logs.some((l) => l.startsWith(FEED) && l.includes('backing off after 1 failures'))).toBe(true);
  }, 60_000);

  it('keeps polling on its schedule until stopped', async () => {
    const db = join(dir, 'loop.db');
    const server = fakeServer();
    server.feeds.set(FEED, { body: rss(range(20, 21)), etag: '"x"' });
    let t = Date.parse('2031-09-01T08:00:00Z');
    const controller = new AbortController();
    const sleeps: number[] = [];
    const summary = await watchFeeds({
      feeds: [FEED],
      db,
      everySeconds: 600,
      fetch: server.fetch,
      now: () => new Date(t),
      signal: controller.signal,
      sleep: (ms) => {
        sleeps.push(ms);
        t += ms;
        if (sleeps.length === 1) server.feeds.set(FEED, { body: rss(range(20, 22)), etag: '"y"' });
        if (sleeps.length === 3) controller.abort();
        return Promise.resolve();
      },
    });
    expect(sleeps).toEqual([600_000, 600_000, 600_000]);
    expect(summary).toMatchObject({ polls: 3, newItems: 2, notModified: 1 });
    expect(await articleCount(db)).toBe(2);
  }, 60_000);
});

describe('parallax watch command', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.headers['if-none-match'] === '"one"') {
        res.writeHead(304, { etag: '"one"' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"one"' }).end(rss(range(30, 32)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/feed.xml`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const run = async (args: string[]) => {
    const io = captureCli(dir, {});
    const program = new Command().exitOverride();
    registerWatch(program, io.ctx);
    await program.parseAsync(['node', 'parallax', 'watch', ...args]);
    return { out: io.out(), err: io.err(), exitCode: io.ctx.exitCode };
  };

  it('polls a feed served on loopback with --once, then gets 304 on the next run', async () => {
    const feedsFile = join(dir, 'feeds.txt');
    writeFileSync(feedsFile, `# local feed\n${url}\n\n`);
    const db = join(dir, 'cli.db');
    const first = await run(['--feeds', feedsFile, '--once', '--allow-private-network', '--db', db]);
    expect(first.exitCode).toBeUndefined();
    expect(first.out).toContain('2 new items');
    expect(await articleCount(db)).toBe(2);
    const second = await run([url, '--once', '--allow-private-network', '--db', db]);
    expect(second.out).toContain('not modified');
    expect(await articleCount(db)).toBe(2);
  }, 60_000);

  it('refuses a loopback feed without --allow-private-network, naming it, with exit code 1', async () => {
    const before = hits;
    const result = await run([url, '--once', '--db', join(dir, 'refused.db')]);
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('WATCH_FEED_FAILED');
    expect(result.err).toContain(url);
    expect(hits).toBe(before);
  }, 30_000);

  it('stops cleanly on SIGTERM while waiting for the next poll', async () => {
    const script = fileURLToPath(new URL('./watch-child.ts', import.meta.url));
    const db = join(dir, 'signal.db');
    const child = spawn(process.execPath, ['--import', 'tsx', script, 'watch', url, '--every', '1h', '--allow-private-network', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes(url)) resolve();
      });
      void exited.then(() => reject(new Error(`watch exited early: ${out}${err}`)));
    });
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(err).toContain('stopping');
    expect(await articleCount(db)).toBe(2);
  }, 60_000);

  it('refuses no feeds and a bad interval', async () => {
    await expect(run(['--once', '--db', join(dir, 'none.db')])).rejects.toMatchObject({ code: 'WATCH_NO_FEEDS' });
    await expect(run([url, '--every', 'soon'])).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run(['--feeds', join(dir, 'missing.txt')])).rejects.toMatchObject({ code: 'WATCH_FEEDS_FILE' });
  });
});
