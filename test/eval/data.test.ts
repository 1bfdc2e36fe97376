// Evaluation data that is not beside the project: skipped with the reason in the test's name, or a
// failure naming the missing files when PARALLAX_REQUIRE_DATA=1 (.ci/run), so CI never passes by skipping.
import { afterEach, describe, expect, it } from 'vitest';
import { evalData } from '../support/eval-data.js';

describe('evaluation data', () => {
  const before = process.env.PARALLAX_REQUIRE_DATA;
  afterEach(() => {
    if (before === undefined) delete process.env.PARALLAX_REQUIRE_DATA;
    else process.env.PARALLAX_REQUIRE_DATA = before;
  });

  it('skips a missing set, saying which file is missing and where the sets live', () => {
    delete process.env.PARALLAX_REQUIRE_DATA;
    const data = evalData(['no-such-set/articles.jsonl.gz']);
    expect(data.run).toBe(false);
    expect(data.note).toMatch(/skipped: .*no-such-set\/articles\.jsonl\.gz not found; the public sets live in \.\.\/shared\/data/);
  });

  it('runs and fails on a missing set when the data is required', () => {
    process.env.PARALLAX_REQUIRE_DATA = '1';
    const data = evalData(['no-such-set/articles.jsonl.gz']);
    expect(data.run).toBe(true);
    expect(() => data.check()).toThrow(/evaluation data missing .*no-such-set\/articles\.jsonl\.gz/);
  });
});
