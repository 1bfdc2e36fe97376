/** `parallax watch` on PostgreSQL: new feed items become queued jobs that carry them, run by a worker. */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/pg.js';
import { watchFeeds } from '../../src/cli/commands/watch.js';
import { createQueue, type Queue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';
import { fakeServer } from '../watch/fake-fetch.js';
import { range, rss } from '../watch/feeds.js';

const url = process.env.PARALLAX_TEST_PG;
const FEED = 'https://courier.example/feed.xml';

async function idle(queue: Queue): Promise<void> {
  const start = Date.now();
  for (;;) {
    const b = await queue.backlog();
    if (b.ingest === 0 && b.stories === 0) return;
    if (Date.now() - start > 30_000) throw new Error(`queue not idle: ${JSON.stringify(b)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.skipIf(url === undefined)('parallax watch with a PostgreSQL store (set PARALLAX_TEST_PG)', () => {
  const database = `parallax_watch_${randomBytes(5).toString('hex')}`;

  afterAll(async () => {
    await dropTestDatabase(url!, database);
  });

  it('queues one job per feed with new items, carrying them, and a worker stores each item once', async () => {
    const db = await createTestDatabase(url!, database);

    const server = fakeServer();
    server.feeds.set(FEED, { body: rss(range(0, 3)), etag: '"p1"' });
    expect(await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch })).toMatchObject({ newItems: 3, jobs: 1, articles: 0 });
    server.feeds.set(FEED, { body: rss(range(0, 5)), etag: '"p2"' });
    expect(await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch })).toMatchObject({ newItems: 2, jobs: 1 });
    expect(await watchFeeds({ feeds: [FEED], db, once: true, fetch: server.fetch })).toMatchObject({ notModified: 1, jobs: 0 });

    const worker = await createQueue({ url: db, pollingIntervalSeconds: 0.5, maxConnections: 3 });
    try {
      await worker.work({ concurrency: 1 });
      await idle(worker);
    } finally {
      await worker.stop();
    }
    const store = await openStore(db);
    try {
      expect(await store.articles.count()).toBe(5);
      expect(await store.stories.pendingArticleIds()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
