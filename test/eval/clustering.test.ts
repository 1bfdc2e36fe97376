import path from 'node:path';
import { describe, expect, it } from 'vitest';
import set, { scoreClustering } from '../../eval/sets/clustering.js';
import { belowFloors, defaultDataDir } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(set);
const data = evalData([path.join(dataDir, 'articles.jsonl.gz')]);

describe('clustering evaluation', () => {
  it('scores B-cubed and ARI as the reference scorer does on a hand-checked case', () => {
    // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}: P = (1+1+1/3+2/3+2/3)/5, R = (2/3+2/3+1/3+1+1)/5.
    const s = scoreClustering({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' }, { a: '1', b: '1', c: '2', d: '2', e: '2' });
    expect(s.b3_p).toBeCloseTo(11 / 15, 10);
    expect(s.b3_r).toBeCloseTo(11 / 15, 10);
    // Pairs: gold 3+1, predicted 1+3, both 1+1 of 10: ARI = (2 - 1.6) / (4 - 1.6).
    expect(s.ari).toBeCloseTo(0.4 / 2.4, 10);
  });

  it('treats articles missing from the prediction as singletons', () => {
    const s = scoreClustering({ a: 'x', b: 'x' }, { a: '1' });
    expect(s.b3_p).toBe(1);
    expect(s.b3_r).toBe(0.5);
  });

  it('scores pairwise precision and recall over pairs of articles', () => {
    // Gold pairs ab ac bc de; predicted pairs ab cd ce de: 2 of 4 right each way.
    const s = scoreClustering({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' }, { a: '1', b: '1', c: '2', d: '2', e: '2' });
    expect(s.pair_p).toBeCloseTo(0.5, 10);
    expect(s.pair_r).toBeCloseTo(0.5, 10);
  });

  it.skipIf(!data.run)(`holds its floors on the development part of ECB+ through ingest and stories, in every arrival order${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(belowFloors(result)).toEqual([]);
    expect(result.figures.b3_f1_worst).toBeGreaterThan(result.figures.baseline_b3_f1!);
  }, 600_000);
});
