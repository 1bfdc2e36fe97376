// The web-pages evaluation set: other projects' real-world test pages through the product path, at or above its floors.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { belowFloors, defaultDataDir, loadEvalSet } from '../../eval/registry.js';
import webPages, { bylineMatches, bylineNames, normalizeField, scoreWords, SUITES } from '../../eval/sets/web-pages.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(webPages);
const data = evalData(SUITES.map((s) => path.join(dataDir, `${s}.tar.gz`)));

describe('web-pages eval set', () => {
  it('compares titles and bylines after trimming white space and a leading "By"', () => {
    expect(normalizeField('  By  Mara Quill \n')).toBe('Mara Quill');
    expect(normalizeField(undefined)).toBe('');
    expect(bylineNames('By Mara Quill and Tobin Reyes')).toEqual(['Mara Quill', 'Tobin Reyes']);
    expect(bylineMatches(['Tobin Reyes', 'Mara Quill'], 'Mara Quill, Tobin Reyes')).toBe(true);
    expect(bylineMatches(['Mara Quill'], 'Mara Quill, Staff Writer')).toBe(false);
    expect(bylineMatches('Mara Quill', undefined)).toBe(false);
  });

  it('scores words as a bag, precision and recall per page', () => {
    expect(scoreWords('x', 'a b c d', 'a b c d')).toEqual({ id: 'x', precision: 1, recall: 1 });
    const half = scoreWords('x', 'a b c d', 'a b x y');
    expect(half.precision).toBeCloseTo(0.5);
    expect(half.recall).toBeCloseTo(0.5);
    expect(scoreWords('x', 'a b', '').precision).toBeUndefined();
  });

  it.skipIf(!data.run)(`stays at or above its floors on the four suites, with Readability measured beside it${data.note}`, async () => {
    data.check();
    const set = await loadEvalSet('web-pages');
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(belowFloors(result), lines.filter((l) => !l.startsWith('FAIL')).join('\n')).toEqual([]);
    expect(result.figures['anchor.readability.news.shingleF1']).toBeGreaterThan(0.9);
    expect(lines.some((l) => l.startsWith('FAIL htmldate'))).toBe(true);
  }, 400_000);
});
