// The paraphrase evaluation set on the development part: every figure must stay at or above its floor.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import set, { pearson } from '../../eval/sets/paraphrase.js';
import { belowFloors, defaultDataDir } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(set);
const data = evalData([path.join(dataDir, 'msrp-dev.jsonl.gz')]);

describe('paraphrase evaluation', () => {
  it('computes Pearson r on a hand-checked case', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
    // x = (1,2,3,4), y = (1,3,2,4): cov 4/4... r = 0.8.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 10);
  });

  it.skipIf(!data.run)(`holds its floors on MSRP train (cross-validated) and STS-B news${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(belowFloors(result)).toEqual([]);
    expect(result.figures.cvAccuracy).toBeGreaterThan(0.72); // the TF-IDF cosine baseline on this part
  }, 60_000);
});
