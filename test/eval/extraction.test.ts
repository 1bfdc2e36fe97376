// The extraction evaluation set on the dev pages: every figure must stay at or above its floor.
import { describe, expect, it } from 'vitest';
import { belowFloors, defaultDataDir, loadEvalSet } from '../../eval/registry.js';
import { aggregate, pageCounts, scorePage } from '../../eval/sets/extraction.js';
import { evalData } from '../support/eval-data.js';

const data = evalData(['article-extraction/ground-truth.json']);

describe('extraction eval set', () => {
  it('scores pages exactly as the reference scorer does', () => {
    expect(pageCounts('a b c d e', 'a b c d e')).toEqual({ tp: 1, fp: 0, fn: 0 });
    // Fewer than four tokens make one shingle of all of them.
    expect(scorePage('x', 'one two', 'one two')).toEqual({ id: 'x', precision: 1, recall: 1 });
    // An empty prediction has no precision and zero recall.
    expect(scorePage('x', 'one two three four', '')).toEqual({ id: 'x', precision: undefined, recall: 0 });
    const half = scorePage('x', 'a b c d e f g', 'a b c d x y z');
    expect(half.precision).toBeCloseTo(0.25);
    expect(half.recall).toBeCloseTo(0.25);
    const agg = aggregate([{ id: 'a', precision: 1, recall: 0.5 }, { id: 'b', recall: 0 }]);
    expect(agg.precision).toBe(1);
    expect(agg.recall).toBe(0.25);
    expect(agg.f1).toBeCloseTo(0.4);
  });

  it.skipIf(!data.run)(`stays at or above its floors on the dev pages${data.note}`, async () => {
    data.check();
    const set = await loadEvalSet('extraction');
    const lines: string[] = [];
    const result = await set.run({ dataDir: defaultDataDir(set), log: (l) => lines.push(l) });
    expect(belowFloors(result), lines.join('\n')).toEqual([]);
    expect(result.figures['f1']).toBeGreaterThanOrEqual(0.97);
  }, 180_000);
});
