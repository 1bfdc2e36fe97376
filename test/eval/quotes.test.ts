import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import set, { offsetMaps, predict, scoreQuotes, type GoldDoc } from '../../eval/sets/quotes.js';
import { belowFloors } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/quotes', import.meta.url));
const data = evalData([dataDir]);

describe('quotes scorer', () => {
  const text = 'Ann said: “We will win.” Bob said that the vote was close.';
  const gold: GoldDoc[] = [
    {
      id: 'd',
      text,
      quotes: [
        { start: 9, end: 24, speaker: 'Ann', speaker_start: 0, speaker_end: 3, type: 'direct' },
        { start: 34, end: 57, speaker: 'Bob', speaker_start: 25, speaker_end: 28, type: 'indirect' },
      ],
    },
  ];

  it('scores exact, overlap and attribution the way quotes_score.py defines them', () => {
    const s = scoreQuotes(gold, { d: [{ start: 10, end: 23, speaker: 'Ann' }, { start: 39, end: 57, speaker: 'Carl' }] });
    expect(s.exact_p).toBe(0.5); // the direct quote matches once marks and edge punctuation are trimmed
    expect(s.overlap_f1).toBe(1);
    expect(s.attribution_accuracy).toBe(0.5);
  });

  it('restricts to one type without counting predictions on other types against it', () => {
    const s = scoreQuotes(gold, { d: [{ start: 10, end: 23, speaker: 'Ann' }, { start: 39, end: 57, speaker: 'Bob' }] }, new Set(['direct']));
    expect(s.gold).toBe(1);
    expect(s.predicted).toBe(1);
    expect(s.exact_f1).toBe(1);
  });

  it('converts UTF-16 offsets to code points and back around astral characters', () => {
    const t = 'a😀b said “hi there now”';
    const { toCp, toUnit } = offsetMaps(t);
    expect(toCp(3)).toBe(2);
    expect(toUnit(2)).toBe(3);
    const [q] = predict(t);
    expect(Array.from(t).slice(q!.start, q!.end).join('')).toBe('hi there now');
  });
});

describe.skipIf(!data.run)(`quotes evaluation (PolNeAR dev part)${data.note}`, () => {
  it('holds every figure at or above its floor', async () => {
    data.check();
    const result = await set.run({ dataDir, log: () => {} });
    expect(Object.keys(result.floors).length).toBeGreaterThan(0);
    expect(belowFloors(result)).toEqual([]);
  });
});
