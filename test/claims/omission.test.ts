import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/pipeline/analyze/claims/index.js';
import { story } from './build.js';

const claims = createClaims();

describe('claims: omissions judged on what the outlet states in its own words', () => {
  const s = story(
    { id: 'a', site: 'Harbour Post', text: 'The port authority will fine nine shipping firms and a dozen tugboat operators they own for dumping ballast water in Tarrow Bay.\nThe mayor of Tarrow will open a new ferry terminal on the north quay next spring.' },
    { id: 'b', site: 'Coast Wire', text: 'The port authority will fine nine shipping firms and a dozen tugboat operators they own and run for dumping ballast water in Tarrow Bay.\nThe mayor of Tarrow will open the new ferry terminal on the north quay next spring.' },
    { id: 'c', site: 'Bay Ledger', text: 'Regulators in Tarrow Bay are penalising nine shipping companies over ballast discharges, together with twelve tugboat businesses they control.\nFishermen in the bay have complained for years about oily water near the breakwater.' },
  );
  const r = claims(s);
  const ledger = r.value.coverage.find((c) => c.site === 'Bay Ledger')!;
  const claimOf = (pattern: RegExp) => r.value.claims.find((c) => pattern.test(c.text))!;

  it('does not say an outlet leaves out a claim one of its sentences states in other words', () => {
    expect(ledger.missing).not.toContain(claimOf(/fine nine shipping firms/).id);
  });

  it('still says it leaves out a claim none of its sentences states', () => {
    expect(ledger.missing).toEqual([claimOf(/ferry terminal/).id]);
  });
});
