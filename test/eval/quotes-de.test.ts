import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import set, { figuresOf, regexBaseline } from '../../eval/sets/quotes-de.js';
import type { GoldDoc } from '../../eval/sets/quotes.js';
import { belowFloors } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/quotes-de', import.meta.url));
const data = evalData(['quotes-de/articles.dev.jsonl.gz', 'quotes-de/quotes.dev.jsonl.gz']);

describe('quotes-de scorer', () => {
  const text = 'Anna Berg sagte: „Wir gewinnen die Wahl.“ Der Rat teilte mit, er habe die Sitzung vertagt.';
  const gold: GoldDoc[] = [
    {
      id: 'd',
      text,
      quotes: [
        { start: 16, end: 41, speaker: 'Anna Berg', speaker_start: 0, speaker_end: 9, type: 'Direct' },
        { start: 63, end: 90, speaker: 'Der Rat', speaker_start: 42, speaker_end: 49, type: 'Indirect' },
      ],
    },
  ];

  it('matches a quotation only when the shared characters are at least half of both sides', () => {
    const half = figuresOf(gold, { d: [{ start: 17, end: 40, speaker: 'Anna Berg', type: 'direct' }, { start: 63, end: 70, speaker: 'Der Rat', type: 'indirect' }] });
    expect(half.overlap_r).toBe(0.5);
    expect(half.recall_Direct).toBe(1);
    expect(half.recall_Indirect).toBe(0);
    expect(half.speaker_right).toBe(1);
  });

  it('scores Direct alone on the quotes typed direct', () => {
    const f = figuresOf(gold, { d: [{ start: 17, end: 40, speaker: 'Der Rat', speaker_start: 42, speaker_end: 49, type: 'direct' }, { start: 63, end: 90, type: 'indirect' }] });
    expect(f.direct_p).toBe(1);
    expect(f.direct_f1).toBe(1);
    expect(f.direct_speaker_right).toBe(0);
    expect(f.all_speech_recall).toBe(1);
  });

  it('takes everything between quotation marks for the regex baseline', () => {
    const q = regexBaseline('Er sprach von »Reform« und sagte „Nein“.');
    expect(q.map((x) => 'Er sprach von »Reform« und sagte „Nein“.'.slice(x.start, x.end))).toEqual(['Reform', 'Nein']);
  });
});

describe.skipIf(!data.run)(`quotes-de evaluation (Wikinews dev split)${data.note}`, () => {
  it('holds every figure at or above its floor', async () => {
    data.check();
    const result = await set.run({ dataDir, log: () => {} });
    expect(Object.keys(result.floors).length).toBeGreaterThan(0);
    expect(belowFloors(result)).toEqual([]);
  }, 120_000);
});
