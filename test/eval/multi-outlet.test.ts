import path from 'node:path';
import { describe, expect, it } from 'vitest';
import set from '../../eval/sets/multi-outlet.js';
import { belowFloors, defaultDataDir } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(set);
const data = evalData([path.join(dataDir, 'articles.val.jsonl.gz')]);

describe('multi-outlet story evaluation', () => {
  it.skipIf(!data.run)(`groups real multi-outlet news into stories above the TF-IDF baseline in every arrival order${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(belowFloors(result)).toEqual([]);
    // Every order is printed, with the baseline beside it.
    for (const order of ['publication', 'shuffled', 'backfill', 'halves']) expect(lines.some((l) => l.startsWith(order))).toBe(true);
    expect(lines.some((l) => l.startsWith('baseline'))).toBe(true);
  }, 900_000);
});
