// The short fuzz run of `npm test`: hostile inputs of every kind, each between two canary articles,
// through the product path. The long run, with the huge inputs, is `npm run fuzz -- --cases 3000 --seed N`.
import { describe, expect, it } from 'vitest';
import { INPUT_KINDS, generateCase, type FuzzCase } from './cases.js';
import { fuzzLimits, knownCause, runCase, type CaseResult } from './check.js';

/** A seed whose small cases include a raw NUL in a feed item, a zip entry named `..`-something and JSONL lines with escapes. */
const SEED = 2026;

/** The first cases of the seed, every input kind in turn, whose inputs are small enough for a quick run (bombs expand: left out). */
function quickCases(): FuzzCase[] {
  const out: FuzzCase[] = [];
  for (let i = 0; out.length < fuzzLimits.quickCases.value; i++) {
    const c = generateCase(SEED, i, [INPUT_KINDS[i % INPUT_KINDS.length]!]);
    const bytes = c.files.reduce((n, f) => n + f.bytes.byteLength, 0);
    if (bytes <= fuzzLimits.quickBytes.value && !c.mutation.includes('bomb')) out.push(c);
  }
  return out;
}

describe('fuzzing with canaries', () => {
  it(
    'keeps both canaries around every hostile input of every kind, stored and in a story, and stores or reports the input, each case within 10 s',
    async () => {
      const results: CaseResult[] = [];
      for (const c of quickCases()) results.push(await runCase(c));
      expect(new Set(results.map((r) => r.kind))).toEqual(new Set(INPUT_KINDS));
      const unknown = results.flatMap((r) => r.failures.filter((f) => knownCause(f) === undefined).map((f) => `${r.id} ${r.kind} ${r.mutation} ${f.kind}: ${f.detail}`));
      expect(unknown).toEqual([]);
    },
    fuzzLimits.quickCases.value * fuzzLimits.caseMs.value,
  );

  it('counts a canary that was not stored from where it was put as lost', async () => {
    const c = generateCase(SEED, 0, ['jsonl']);
    const moved = { ...c, canaries: [c.canaries[0], { ...c.canaries[1], locator: 'batch.jsonl#99' }] as const };
    const result = await runCase(moved);
    expect(result.failures.map((f) => f.kind)).toEqual(['canary-lost']);
    expect(result.failures[0]!.detail).toContain('batch.jsonl#99');
  });
});
