import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateStoryCorpus, storyAssignment } from '../../bench/corpus.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-rebuild-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('story building after an upgrade', () => {
  it('regroups every stored article, with a message, when the saved grouping is from an earlier clusterer', async () => {
    const corpus = generateStoryCorpus(5, { count: 60 });
    const file = (name: string, part: typeof corpus): string => {
      const f = path.join(dir, name);
      writeFileSync(f, `${part.map(({ event: _e, ...a }) => JSON.stringify(a)).join('\n')}\n`);
      return f;
    };
    const store = await openStore(':memory:');
    try {
      await runIngest({ inputs: [file('first.jsonl', corpus.slice(0, 40))], store });
      await runStories({ store });
      const before = await storyAssignment(store);
      // A state as an earlier version saved it: stories held as centroids, no article graph.
      await store.saveStories({ upsert: [], remove: [], state: [{ key: 'cluster', value: { version: 1, documents: 40, df: [], stories: [], merged: [], touched: [] } }] });
      await runIngest({ inputs: [file('second.jsonl', corpus.slice(40))], store });
      const summary = await runStories({ store });
      expect(summary.messages[0]).toMatchObject({ stage: 'cluster', ruleId: 'rebuild-stories', severity: 'warning' });
      expect(summary.assigned).toBe(60);
      const after = await storyAssignment(store);
      expect(Object.keys(after)).toHaveLength(60);
      // The first 40 articles keep their grouping: the rebuild is the same function of the same articles.
      const pairs = (a: Record<string, string>, ids: string[]) => ids.flatMap((x, i) => ids.slice(i + 1).map((y) => a[x] === a[y]));
      const firstIds = Object.keys(before).sort();
      expect(pairs(after, firstIds)).toEqual(pairs(before, firstIds));
      // Every article is in exactly one story.
      const { items } = await store.stories.list({ limit: 1000 });
      expect(items.reduce((n, s) => n + s.articleCount, 0)).toBe(60);
    } finally {
      await store.close();
    }
  });
});
