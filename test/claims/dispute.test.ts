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

describe('claims: figures that disagree across outlets', () => {
  const conflictsOf = (...specs: Parameters<typeof story>) => claims(story(...specs)).value.claims.flatMap((c) => c.conflicts.map((k) => k.values.map((v) => v.value)));

  it('reports two outlets giving different numbers of one outcome, with who gives which', () => {
    const found = conflictsOf(
      { id: 'a', site: 'Lakeside Gazette', text: 'The storm that struck Orwen harbour on Sunday injured seven fishermen, the coast guard said.' },
      { id: 'b', site: 'Orwen Times', text: 'Rescuers said the storm at Orwen harbour had left five fishermen injured by Sunday night.' },
    );
    expect(found).toContainEqual(['7 fishermen', '5 fishermen']);
  });

  it('does not set counts of different outcomes against each other', () => {
    const found = conflictsOf(
      { id: 'a', site: 'Lakeside Gazette', text: 'The storm that struck Orwen harbour on Sunday killed two fishermen, the coast guard said.' },
      { id: 'b', site: 'Orwen Times', text: 'Rescuers said the storm at Orwen harbour had left five fishermen injured by Sunday night.' },
    );
    expect(found).not.toContainEqual(['2 fishermen', '5 fishermen']);
  });

  it('reads a figure joined to its noun as describing the next word: the same next word is the same thing', () => {
    const same = conflictsOf(
      { id: 'a', site: 'Lakeside Gazette', text: 'The 212-page report on the Orwen bypass was published by the county on Friday.' },
      { id: 'b', site: 'Orwen Times', text: 'Released on Friday, the 221-page report found the bypass would cost more than planned.' },
    );
    expect(same).toContainEqual(['212 page', '221 page']);
    const other = conflictsOf(
      { id: 'a', site: 'Lakeside Gazette', text: 'The 212-page report on the Orwen bypass was published by the county on Friday.' },
      { id: 'b', site: 'Orwen Times', text: 'A 12-page appendix to the report on the Orwen bypass was published by the county on Friday.' },
    );
    expect(other).not.toContainEqual(['212 page', '12 page']);
  });

  it('does not set a bound or an estimate against a figure, nor a figure an article also gives', () => {
    expect(
      conflictsOf(
        { id: 'a', site: 'Lakeside Gazette', text: 'The Orwen ferry service carried more than 4,000 passengers in its first week, the harbour office said.' },
        { id: 'b', site: 'Orwen Times', text: 'The Orwen ferry service carried 4,600 passengers in its first week, the harbour office said.' },
      ),
    ).toEqual([]);
    expect(
      conflictsOf(
        { id: 'a', site: 'Lakeside Gazette', text: 'The Orwen ferry service carried 4,000 passengers in its first week, the harbour office said. By the second week it had carried 4,600 passengers.' },
        { id: 'b', site: 'Orwen Times', text: 'The Orwen ferry service carried 4,600 passengers in its first two weeks, the harbour office said.' },
      ),
    ).toEqual([]);
  });

  it('does not compare figures of one outlet, or of two copies of one text', () => {
    expect(
      conflictsOf(
        { id: 'a', site: 'Lakeside Gazette', familyId: 'f1', text: 'The lawsuit was filed in Orwen on behalf of seven trawler crews.' },
        { id: 'b', site: 'Lakeside Gazette Mirror', familyId: 'f1', text: 'The lawsuit was filed in Orwen on behalf of five trawler crews.' },
      ),
    ).toEqual([]);
  });
});
