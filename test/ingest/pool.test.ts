import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStoryCorpus } from '../../bench/corpus.js';
import { runIngest, type IngestSummary } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A corpus of fictional events, plus documents that fail or hold no article, and a repeat.
const corpus = generateStoryCorpus(9, { count: 150 }).map(({ event: _event, ...a }) => a);
const lines = [
  ...corpus.slice(0, 70).map((a) => JSON.stringify(a)),
  JSON.stringify({ url: 'https://www.pier-gazette.example/menu', html: '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>' }),
  JSON.stringify({ url: 'https://www.pier-gazette.example/page', html: '<html><head><title>Ferry fares rise</title></head><body><article><h1>Ferry fares rise</h1><p>The Veskin ferry company said on Monday that fares on the harbour line would rise by 12 percent from March, citing fuel costs.</p><p>“We held prices for two years,” a company spokeswoman, Ilka Morrow, said.</p></article></body></html>' }),
  '{"not json',
  ...corpus.slice(70).map((a) => JSON.stringify(a)),
  JSON.stringify(corpus[3]),
];
const input = path.join(dir, 'corpus.jsonl');
writeFileSync(input, `${lines.join('\n')}\n`);

/** Everything stored, without the times of this run. */
async function snapshot(store: Store): Promise<unknown> {
  const untimed = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => (/(?:At|Time)$/.test(k) ? undefined : x)));
  const articles: unknown[] = [];
  for await (const a of store.articles.iterate()) articles.push(untimed(a));
  const messages = (await store.messages.list({ limit: 1000 })).items.map(untimed);
  const stories: unknown[] = [];
  for (const s of (await store.stories.list({ limit: 1000 })).items) stories.push(untimed({ ...s, members: (await store.stories.get(s.id))?.members.map((m) => m.articleId) }));
  return { articles, messages, stories, documents: await store.documents.count() };
}

async function ingestWith(workers: number): Promise<{ summary: IngestSummary; stored: unknown }> {
  const store = await openStore(':memory:');
  try {
    const summary = await runIngest({ inputs: [input], store, workers, workersAfter: 0, batchSize: 100 });
    await runStories({ store });
    return { summary, stored: await snapshot(store) };
  } finally {
    await store.close();
  }
}

describe('ingest in worker threads', () => {
  it('stores the same documents, articles, messages and stories with one thread or two', async () => {
    const one = await ingestWith(1);
    const two = await ingestWith(2);
    expect(one.summary.articles).toBeGreaterThan(140);
    expect(one.summary.failures).toHaveLength(1);
    expect(two.summary).toEqual(one.summary);
    expect(two.stored).toEqual(one.stored);
  }, 120_000);
});
