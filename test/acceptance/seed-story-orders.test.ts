/**
 * The seed articles make one story of five however they arrive: alone, after the bundled example
 * (a backfill into a database of newer articles), before it, and beside 300 generated articles of
 * other events. Through the same path as `parallax ingest`: ingest, then stories, per run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { storyCorpus } from '../../bench/story-corpus.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';
import { EXAMPLE_DIR, SEEDS_DIR } from '../support/stories.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-seed-orders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function otherEvents(): string {
  const file = path.join(dir, 'other-events.jsonl');
  const lines = [...storyCorpus(300, 5)].map(({ story: _story, ...a }) => JSON.stringify(a));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Story sizes of the articles read from the seed files, after ingesting `runs` one after another. */
async function seedStories(runs: readonly string[]): Promise<number[]> {
  const store = await openStore(':memory:');
  try {
    for (const input of runs) {
      await runIngest({ inputs: [input], store });
      await runStories({ store });
    }
    const sizes = new Map<string, number>();
    for await (const a of store.articles.iterate()) {
      if (!a.document.origin.input.startsWith(SEEDS_DIR.replace(/\/$/, ''))) continue;
      // The second part of the page that holds two articles is another event.
      if (a.article.part !== 0) continue;
      const story = (await store.stories.ofArticle(a.article.id)) ?? 'none';
      sizes.set(story, (sizes.get(story) ?? 0) + 1);
    }
    return [...sizes.values()].sort((x, y) => y - x);
  } finally {
    await store.close();
  }
}

describe.skipIf(!existsSync(SEEDS_DIR))('the seed story in every arrival order', () => {
  it('is one story of five when the seeds are ingested alone', async () => {
    expect(await seedStories([SEEDS_DIR])).toEqual([5]);
  });

  it('is one story of five when the seeds are backfilled after the newer example', async () => {
    expect(await seedStories([EXAMPLE_DIR, SEEDS_DIR])).toEqual([5]);
  });

  it('is one story of five when the seeds come before the example', async () => {
    expect(await seedStories([SEEDS_DIR, EXAMPLE_DIR])).toEqual([5]);
  });

  it('is one story of five beside 300 articles of other events, before and after them', async () => {
    const others = otherEvents();
    expect(await seedStories([others, SEEDS_DIR])).toEqual([5]);
    expect(await seedStories([SEEDS_DIR, others])).toEqual([5]);
  });
});
