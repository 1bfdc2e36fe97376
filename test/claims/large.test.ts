/**
 * Large stories: where a story is pathological (a sentence and its negation across many pairs of
 * outlets, a claim or statement told many different ways) the cap that applies is said in the
 * messages, and what it leaves out is counted.
 */
import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/pipeline/analyze/claims/index.js';
import { story, type ArticleSpec } from './build.js';

const claims = createClaims();

const many = (count: number, text: (i: number) => string, prefix: string): ArticleSpec[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, familyId: `fam_${prefix}${i}`, site: `${prefix}${i}.example`, published: '2031-04-14T09:00:00Z', text: text(i) }));

describe('claims: large stories', () => {
  it('says each pair of outlets keeping a sentence and its negation apart up to the cap, then how many more', () => {
    const s = story(
      ...many(30, () => 'The harbour master had received the crane inspection report from the port authority in March.', 'yes'),
      ...many(30, () => 'The harbour master had not received the crane inspection report from the port authority in March.', 'no'),
    );
    const r = claims(s);
    expect(r.value.claims.map((c) => c.sourceCount).sort()).toEqual([30, 30]);
    const said = r.messages.filter((m) => m.ruleId === 'claim-split-negation');
    expect(said).toHaveLength(20);
    // In story order: the first article's sentence against the first articles of the other side.
    expect(said[0]!.data).toMatchObject({ articleId: 'yes0', otherArticleId: 'no0' });
    const capped = r.messages.filter((m) => m.ruleId === 'claim-split-messages-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]!.data).toMatchObject({ pairs: 900, said: 20, cap: 20 });
  });

  it('compares a claim told many different ways with its most common tellings only, says so, and still lists every value', () => {
    const s = story(...many(45, (i) => `The ferry was carrying ${120 + i} passengers when it left the port of Selm on Monday morning.`, 'f'));
    const r = claims(s);
    const claim = r.value.claims.find((c) => c.sourceCount === 45)!;
    expect(claim).toBeDefined();
    const numbers = claim.conflicts.find((c) => c.kind === 'number')!;
    expect(numbers.values).toHaveLength(45);
    const capped = r.messages.filter((m) => m.ruleId === 'claim-conflicts-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]!.data).toMatchObject({ claimId: claim.id, renderings: 45, compared: 40 });
  });

  it('compares a statement rendered more ways than the cap with its first renderings only, and says so', () => {
    const words = ['closed', 'shut', 'sealed', 'barred', 'locked', 'emptied', 'cleared', 'evacuated'];
    const s = story(...many(70, (i) => `“The eastern terminal will stay ${words[i % 8]} for ${2 + Math.floor(i / 8)} weeks while inspectors check every crane.”`, 's'));
    const quoteSpans = s.articles.map((a) => ({ articleId: a.id, span: { start: 1, end: a.text.length - 1 } }));
    const r = claims(s, { statements: [{ quoteSpans }] });
    const capped = r.messages.filter((m) => m.ruleId === 'claim-statement-renderings-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]!.data).toMatchObject({ renderings: 70, compared: 60 });
  });


  it('keeps a sentence each of 300 outlets words its own way to its closest wordings, and says so', () => {
    const first = ['Coastal', 'Northern', 'Harbour', 'Island', 'Evening', 'Morning', 'Daily', 'Weekly', 'Veskan', 'Eastern', 'Western', 'Free', 'Valley', 'Mountain', 'River'];
    const second = ['Herald', 'Courier', 'Post', 'Chronicle', 'Gazette', 'Observer', 'Times', 'Ledger', 'Tribune', 'Record', 'Standard', 'Sentinel', 'Mail', 'Star', 'Globe', 'Echo', 'Voice', 'Press', 'Bulletin', 'Dispatch'];
    const s = story(...many(300, (i) => `Tomas Arkady, who leads the dockworkers' union, told the ${first[i % 15]} ${second[Math.floor(i / 15)]} that his members had warned about the crane for more than a year.`, 'o'));
    const r = claims(s);
    const capped = r.messages.filter((m) => m.ruleId === 'claim-links-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]!.data).toMatchObject({ sentences: 300, most: 299, cap: 250 });
    // Every outlet still supports a claim of the sentence.
    expect(new Set(r.value.claims.flatMap((c) => c.supports.map((x) => x.articleId))).size).toBe(300);
  });

  it('in a story of over a thousand articles on one subject, pairs no sentences through its common words alone, still groups a claim through its rare words, and says so', () => {
    const places = ['Selm', 'Varde', 'Tarsk', 'Belmar', 'Aldin', 'Halden', 'Orrin', 'Kestel', 'Dunel', 'Marrow', 'Fenwick', 'Ostra'];
    const s = story(
      ...many(
        1200,
        (i) =>
          `The harbour crane inspection in ${places[i % 12]} found ${i + 3} faults on berth ${Math.floor(i / 12)}.` +
          (i % 100 === 7 ? ` Inspector Ilse Brandvik said the gearbox of crane seven had cracked in ${2 + Math.floor(i / 100)} places.` : ''),
        'h',
      ),
    );
    const r = claims(s);
    const capped = r.messages.filter((m) => m.ruleId === 'claim-pairs-capped');
    expect(capped).toHaveLength(1);
    expect(capped[0]!.data).toMatchObject({ maxPostings: 1000 });
    expect((capped[0]!.data as { commonWords: number }).commonWords).toBeGreaterThanOrEqual(3);
    expect(capped[0]!.reason).toMatch(/'(harbour|crane|inspection)'/);
    // The twelve outlets that tell the gearbox in their own numbers are one claim of twelve sources.
    const gearbox = r.value.claims.filter((c) => /gearbox/.test(c.text));
    expect(gearbox).toHaveLength(1);
    expect(gearbox[0]!.sourceCount).toBe(12);
  });
});
