import { describe, expect, it } from 'vitest';
import { analyseSentence } from '../../src/pipeline/analyze/paraphrase/index.js';
import { ALIGN_FEATURES, ALIGN_MODEL, alignFeatures, alignProbability } from '../../src/pipeline/analyze/claims/similarity.js';

// A fictional story's sentences; word rarity is read over them, as the claims analysis reads it over a story's.
const story = [
  'The Tarrow port authority fined nine shipping firms for dumping ballast water in the bay on Monday.',
  'Nine shipping firms were penalised by Tarrow harbour regulators on Monday over ballast discharges into the bay.',
  'The mayor of Tarrow will open a new ferry terminal on the north quay next spring.',
  'Fishermen in the bay have complained for years about oily water near the breakwater.',
  'The port authority did not fine any shipping firms for dumping ballast water in the bay on Monday.',
  'The port authority said the firms had been warned twice before.',
].map(analyseSentence);
const df = new Map<string, number>();
for (const s of story) for (const t of s.content) df.set(t, (df.get(t) ?? 0) + 1);
const idf = (t: string): number => Math.log(story.length / (df.get(t) ?? 1));
const p = (i: number, j: number): number => alignProbability(alignFeatures(story[i]!, story[j]!, idf));

describe('claims: the fitted sentence alignment score', () => {
  it('rates two outlets wording one fact their own way as one fact, above its threshold', () => {
    expect(p(0, 1)).toBeGreaterThanOrEqual(ALIGN_MODEL.threshold);
  });

  it('rates sentences about other facts of the same story low', () => {
    expect(p(0, 2)).toBeLessThan(0.2);
    expect(p(0, 3)).toBeLessThan(0.2);
    expect(p(0, 5)).toBeLessThan(p(0, 1));
  });

  it('rates a negated near-copy below the plain rewording', () => {
    expect(p(0, 4)).toBeLessThan(alignProbability(alignFeatures(story[0]!, analyseSentence('The Tarrow port authority fined nine shipping firms on Monday for dumping ballast water in the bay.'), idf)));
    expect(alignFeatures(story[0]!, story[4]!, idf)[ALIGN_FEATURES.indexOf('negationMismatch')]).toBe(1);
  });

  it('is symmetric', () => {
    expect(p(1, 0)).toBeCloseTo(p(0, 1), 12);
    expect(p(5, 0)).toBeCloseTo(p(0, 5), 12);
  });

  it('ships weights fitted on the paraphrase training data, with the figures they were fitted to', () => {
    expect(ALIGN_MODEL.features).toEqual([...ALIGN_FEATURES]);
    expect(ALIGN_MODEL.weights).toHaveLength(ALIGN_FEATURES.length);
    expect(ALIGN_MODEL.provenance).toMatch(/MSRP/);
    expect(ALIGN_MODEL.provenance).toMatch(/F1 0\.\d+/);
  });
});
