import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/pipeline/analyze/claims/index.js';
import { story } from './build.js';

const claims = createClaims();

describe('claims: an attributed dispute inside one article', () => {
  const s = story(
    {
      id: 'a',
      site: 'Lakeside Gazette',
      text: 'The county says the new bypass will cut commuting times for some 12,000 drivers a day. Residents of Orwen call that figure exaggerated, pointing out that the county’s own traffic survey put the number of daily drivers at about 4,500.',
    },
    { id: 'b', site: 'Orwen Times', text: 'Road builders will start on the Orwen bypass in May.' },
  );
  const r = claims(s);

  it('reports the disputed figure as a number conflict of the claim stating it, with both figures', () => {
    const c = r.value.claims.find((x) => /12,000 drivers/.test(x.text))!;
    expect(c.conflicts).toHaveLength(1);
    expect(c.conflicts[0]!.kind).toBe('number');
    expect(c.conflicts[0]!.values.map((v) => v.value)).toEqual(['12,000', '4,500']);
    expect(r.messages.some((m) => m.ruleId === 'claim-conflict')).toBe(true);
  });

  it('does not call two figures for different things a dispute', () => {
    const t = story({ id: 'a', text: 'The county says the new bypass will cost 40 million dollars. Residents dispute the plan, saying 300 homes lie on its route.' });
    expect(claims(t).value.claims.every((c) => c.conflicts.length === 0)).toBe(true);
  });
});
