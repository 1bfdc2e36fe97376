import path from 'node:path';
import { describe, expect, it } from 'vitest';
import set, { loadStories } from '../../eval/sets/summary.js';
import { belowFloors, defaultDataDir } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(set);
const data = evalData([path.join(dataDir, 'articles.jsonl.gz')]);

describe('summary evaluation', () => {
  it.skipIf(!data.run)(`groups the articles into their gold stories with one sentence span per line${data.note}`, () => {
    data.check();
    const stories = loadStories(dataDir);
    expect(stories.length).toBeGreaterThan(10);
    const a = stories[0]!.articles[0]!;
    for (const s of a.sentences) {
      const t = a.text.slice(s.start, s.end);
      expect(t).toBe(t.trim());
      expect(t).not.toContain('\n');
    }
    expect(stories[0]!.articles.length).toBeGreaterThanOrEqual(stories.at(-1)!.articles.length);
  });

  it.skipIf(!data.run)(`holds its floors on the ECB+ stories: every summary sentence faithful to its spans${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(belowFloors(result)).toEqual([]);
    expect(result.figures.faithful_share).toBe(1);
  }, 900_000);
});
