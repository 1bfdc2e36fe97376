import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/pipeline/analyze/claims/index.js';
import { isParallaxError } from '../../src/errors.js';
import { story } from './build.js';

const claims = createClaims();

const claimWith = (result: ReturnType<typeof claims>, pattern: RegExp) => result.value.claims.find((c) => c.supports.some((s) => pattern.test(s.text)));

describe('claims: units', () => {
  it('drops a very short sentence and a headline-like line, each with an info message and span', () => {
    const s = story({ id: 'a', text: 'Flood barriers fail along the lower river\nThe river broke through the old flood barriers near the mill town on Sunday night. He declined.' });
    const r = claims(s);
    const rules = r.value.claims.flatMap((c) => c.supports.map((x) => x.text));
    expect(rules).toEqual(['The river broke through the old flood barriers near the mill town on Sunday night.']);
    const ids = r.messages.map((m) => m.ruleId).sort();
    expect(ids).toEqual(['claim-unit-headline', 'claim-unit-too-short']);
    const short = r.messages.find((m) => m.ruleId === 'claim-unit-too-short')!;
    expect(s.articles[0]!.text.slice(short.span!.start, short.span!.end)).toBe('He declined.');
    expect(short.data).toEqual({ articleId: 'a' });
  });

  it('drops a photo credit line and the headline repeated in the body', () => {
    const s = story({ id: 'a', text: 'Rescue teams search the ruins of the textile factory in Varno (Photo: Jana Kos for Wire).\nRescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.\nFactory collapse in Varno leaves dozens missing.' });
    const withTitle = { ...s, articles: [{ ...s.articles[0]!, title: 'Factory collapse in Varno leaves dozens missing' }] };
    const r = claims(withTitle);
    expect(r.value.claims.map((c) => c.text)).toEqual(['Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.']);
    expect(r.messages.map((m) => m.ruleId).sort()).toEqual(['claim-unit-caption', 'claim-unit-headline']);
  });

  it('splits a quote holding several sentences into its propositions', () => {
    const s = story({ id: 'a', sentences: 'paragraph', text: 'The mayor said: "The dam was inspected twice this spring by the regional engineers. Nobody warned the council about any cracks in the wall." ' });
    const r = claims(s);
    expect(r.messages.some((m) => m.ruleId === 'claim-unit-quote-split')).toBe(true);
    const texts = r.value.claims.map((c) => c.text);
    expect(texts).toContain('Nobody warned the council about any cracks in the wall."');
    expect(r.value.claims.find((c) => /Nobody warned/.test(c.text))!.supports[0]!.quoted).toBe(true);
  });

  it('never cuts a quote after a title or an acronym inside it', () => {
    const s = story({ id: 'a', sentences: 'paragraph', text: 'He even borrowed a line from the governor: "Sen. Orla Vance is not going to be honest with the voters of the U.S. Midwest about the dam." ' });
    const r = claims(s);
    expect(r.messages.some((m) => m.ruleId === 'claim-unit-quote-split')).toBe(false);
    expect(r.value.claims.map((c) => c.text)).toEqual([s.articles[0]!.text.trim()]);
  });
});

describe('claims: alignment and sources', () => {
  it('counts verbatim copies in one family once', () => {
    const text = 'Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.';
    const s = story(
      { id: 'orig', familyId: 'fam_wire', text },
      { id: 'copy', familyId: 'fam_wire', site: 'Aggregator', text },
    );
    const r = claims(s);
    expect(r.value.claims).toHaveLength(1);
    const c = r.value.claims[0]!;
    expect(c.supports.map((x) => x.articleId).sort()).toEqual(['copy', 'orig']);
    expect(c.sourceCount).toBe(1);
    expect(c.singleSource).toBe(true);
    expect(c.id).toMatch(/^clm_[0-9a-f]{16}$/);
  });

  it('aligns a paraphrase from another family and counts two sources', () => {
    const s = story(
      { id: 'a', text: 'Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.' },
      { id: 'b', text: 'Overnight, rescuers pulled fourteen survivors out of the collapsed textile factory in Varno.' },
      { id: 'c', text: 'The regional governor declared three days of mourning across the province of Ostland.' },
    );
    const r = claims(s);
    const c = claimWith(r, /survivors/)!;
    expect(c.supports.map((x) => x.articleId).sort()).toEqual(['a', 'b']);
    expect(c.sourceCount).toBe(2);
    expect(c.singleSource).toBe(false);
    expect(claimWith(r, /mourning/)!.sourceCount).toBe(1);
  });

  it('takes a longer sentence that also says more as a support of the shorter claim', () => {
    const s = story(
      { id: 'a', text: 'Police in Varno arrested the owner of the textile factory on charges of negligence.' },
      { id: 'b', text: 'Police in Varno arrested the owner of the textile factory on charges of negligence, and inspectors sealed two other plants he runs in the northern industrial zone near the port.' },
    );
    const r = claims(s);
    const c = claimWith(r, /^Police in Varno arrested the owner of the textile factory on charges of negligence\.$/)!;
    expect(c.supports.map((x) => x.articleId).sort()).toEqual(['a', 'b']);
    expect(c.text).toBe('Police in Varno arrested the owner of the textile factory on charges of negligence.');
  });

  it('keeps a negated rendering apart and says so', () => {
    const s = story(
      { id: 'a', text: 'The factory owner had received the safety warnings from the labour inspectorate in March.' },
      { id: 'b', text: 'The factory owner had not received the safety warnings from the labour inspectorate in March.' },
    );
    const r = claims(s);
    expect(r.value.claims).toHaveLength(2);
    expect(r.messages.some((m) => m.ruleId === 'claim-split-negation')).toBe(true);
  });

  it('lets a longer sentence support a claim although it negates something else', () => {
    const s = story(
      { id: 'a', text: 'The mill owners say the flood barriers were inspected by the regional water board in March.' },
      { id: 'b', text: 'The mill owners, who say the flood barriers were inspected by the regional water board in March, have not answered questions about the missing repair records.' },
    );
    const r = claims(s);
    const c = claimWith(r, /^The mill owners say/)!;
    expect(c.supports.map((x) => x.articleId).sort()).toEqual(['a', 'b']);
    expect(r.messages.some((m) => m.ruleId === 'claim-split-negation')).toBe(false);
  });

  it('takes the claim text from an own-voice rendering rather than a quote, and marks quoted supports', () => {
    const s = story(
      { id: 'a', text: '"The factory had no working fire exits on the upper floors," the fire chief said.' },
      { id: 'b', text: 'The factory had no working fire exits on the upper floors, the fire chief said.' },
    );
    const r = claims(s);
    const c = r.value.claims[0]!;
    expect(c.text).toBe('The factory had no working fire exits on the upper floors, the fire chief said.');
    expect(c.supports.find((x) => x.articleId === 'a')!.quoted).toBe(true);
    expect(c.supports.find((x) => x.articleId === 'b')!.quoted).toBeUndefined();
    expect(c.supports.find((x) => x.articleId === 'b')!.similarity).toBe(1);
  });
});

describe('claims: conflicts', () => {
  it('reports differing numbers in the same slot with the articles that give each', () => {
    const s = story(
      { id: 'a', text: 'The explosion at the Varno chemical plant killed 3 workers on the night shift.' },
      { id: 'b', text: 'The explosion at the Varno chemical plant killed 5 workers on the night shift.' },
    );
    const r = claims(s);
    expect(r.value.claims).toHaveLength(1);
    const [conflict] = r.value.claims[0]!.conflicts;
    expect(conflict!.kind).toBe('number');
    expect(conflict!.values.map((v) => [v.value, v.articleIds])).toEqual([['3', ['a']], ['5', ['b']]]);
    expect(r.messages.some((m) => m.ruleId === 'claim-conflict')).toBe(true);
  });

  it('keeps a reworded rendering with another figure in the claim and reports the conflict', () => {
    const s = story(
      { id: 'a', text: 'The flood killed 12 people in the valley, officials said.' },
      { id: 'b', text: 'Officials said the flood killed 15 people in the valley.' },
    );
    const r = claims(s);
    expect(r.value.claims).toHaveLength(1);
    const [conflict] = r.value.claims[0]!.conflicts;
    expect(conflict!.values.map((v) => v.value).sort()).toEqual(['12', '15']);
  });

  it('does not call a rendering that leaves the number out a conflict', () => {
    const s = story(
      { id: 'a', text: 'The explosion at the Varno chemical plant killed 3 workers on the night shift.' },
      { id: 'b', text: 'The explosion at the Varno chemical plant killed workers on the night shift.' },
    );
    const r = claims(s);
    expect(r.value.claims).toHaveLength(1);
    expect(r.value.claims[0]!.conflicts).toEqual([]);
  });

  it('reports a day that resolves differently against each publication date', () => {
    const s = story(
      { id: 'a', published: '2026-03-17T09:00:00+01:00', text: 'The textile factory in Varno collapsed on Monday after days of heavy rain.' },
      { id: 'b', published: '2026-03-24T09:00:00+01:00', text: 'The textile factory in Varno collapsed on Monday after days of heavy rain.' },
      { id: 'c', published: '2026-03-17T07:00:00+01:00', text: 'The textile factory in Varno collapsed yesterday after days of heavy rain.' },
    );
    const r = claims(s);
    const c = claimWith(r, /collapsed/)!;
    const date = c.conflicts.find((k) => k.kind === 'date')!;
    expect(Object.fromEntries(date.values.map((v) => [v.value, [...v.articleIds].sort()]))).toEqual({ '2026-03-16': ['a', 'c'], '2026-03-23': ['b'] });
  });

  it('reports a different name in the same role but not a spelling variant', () => {
    const s = story(
      { id: 'a', text: 'Labour Minister Alda Renko ordered inspections of every textile plant in the province.' },
      { id: 'b', text: 'Labour Minister Alda Vestin ordered inspections of every textile plant in the province.' },
      { id: 'c', text: 'Labour Minister Alda Renkko ordered inspections of every textile plant in the province.' },
    );
    const r = claims(s);
    const names = r.value.claims[0]!.conflicts.filter((k) => k.kind === 'name');
    expect(names).toHaveLength(1);
    const values = Object.fromEntries(names[0]!.values.map((v) => [v.value, [...v.articleIds].sort()]));
    expect(values['Vestin']).toEqual(['b']);
    expect(Object.keys(values)).not.toContain('Renkko');
  });
});

describe('claims: coverage', () => {
  const s = story(
    { id: 'wire', site: 'Wire', familyId: 'fam_wire', text: 'Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight. The factory had been ordered shut twice for safety failures since last year.' },
    { id: 'repost', site: 'Aggregator', familyId: 'fam_wire', text: 'Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.' },
    { id: 'x', site: 'Paper X', text: 'Overnight, rescuers pulled fourteen survivors out of the collapsed textile factory in Varno. The governor declared three days of mourning across the province of Ostland.' },
    { id: 'y', site: 'Paper Y', text: 'Fourteen survivors were pulled from the collapsed Varno textile factory overnight by rescue teams. The governor of Ostland declared three days of mourning across the province.' },
  );
  const r = claims(s);
  const bySite = new Map(r.value.coverage.map((c) => [c.site, c]));
  const mourning = claimWith(r, /mourning/)!;
  const shut = claimWith(r, /ordered shut/)!;

  it('lists a claim two other families carry as missing from an outlet that leaves it out', () => {
    expect(mourning.sourceCount).toBe(2);
    expect(bySite.get('Wire')!.missing).toEqual([mourning.id]);
    expect(bySite.get('Paper X')!.missing).toEqual([]);
  });

  it('gives a repost the same omissions as its original', () => {
    expect(bySite.get('Aggregator')!.missing).toEqual(bySite.get('Wire')!.missing);
    expect(bySite.get('Aggregator')!.familyIds).toEqual(['fam_wire']);
  });

  it('lists what only one family carries as alone for the outlet that carries it', () => {
    expect(bySite.get('Wire')!.alone).toEqual([shut.id]);
    expect(bySite.get('Paper X')!.alone).toEqual([]);
    expect(bySite.get('Wire')!.carried).toHaveLength(2);
  });
});

describe('claims: options', () => {
  it('refuses a negative judge budget with CLAIMS_OPTIONS_INVALID', () => {
    let caught: unknown;
    try {
      createClaims({ maxJudgedPairs: -1 });
    } catch (e) {
      caught = e;
    }
    expect(isParallaxError(caught) && caught.code).toBe('CLAIMS_OPTIONS_INVALID');
  });
});

describe('claims: context from the quotes analysis', () => {
  it('uses the quote spans it is given instead of looking for quotation marks', () => {
    const text = 'Engineers had warned the council that the northern wall of the dam was cracking.';
    const s = story({ id: 'a', text });
    const plain = claims(s).value.claims[0]!;
    expect(plain.supports[0]!.quoted).toBeUndefined();
    const start = text.indexOf('the northern');
    const given = claims(s, { quotes: [{ articleId: 'a', spans: [{ start, end: text.length - 1 }] }] }).value.claims[0]!;
    expect(given.supports[0]!.quoted).toBe(true);
  });
});

describe('claims: context from the statements analysis', () => {
  const a = 'The harbour master spoke on the quay. "The port will reopen to all ships within a month," the minister said.';
  const b = 'Officials met in the morning to discuss the storm damage. He promised that every ship could use the port again in four weeks.';
  const b2 = `${b}\nShe promised that every ship could use the port again in four weeks.`;
  const spanOf = (text: string, piece: string, from = 0) => ({ start: text.indexOf(piece, from), end: text.indexOf(piece, from) + piece.length });
  const statement = (bText: string, from = 0) => ({
    quoteSpans: [
      { articleId: 'a', span: spanOf(a, 'The port will reopen to all ships within a month,') },
      { articleId: 'b', span: spanOf(bText, 'that every ship could use the port again in four weeks', from) },
    ],
  });

  it('puts renderings of one statement in one claim with both families, though their words differ', () => {
    const s = story({ id: 'a', text: a }, { id: 'b', text: b });
    const apart = claims(s).value.claims.filter((c) => c.supports.some((x) => /reopen|ship could/.test(x.text)));
    expect(apart).toHaveLength(2);
    const together = claims(s, { statements: [statement(b)] }).value;
    const joined = together.claims.filter((c) => c.supports.some((x) => /reopen|ship could/.test(x.text)));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.sourceCount).toBe(2);
    expect(together.coverage.every((c) => !c.alone.includes(joined[0]!.id))).toBe(true);
  });

  it('leaves a sentence that merely mentions the statement among other things out of it', () => {
    const long = 'Officials met in the morning to discuss the storm damage, the cost of repairs to the breakwater, the fishing quotas and that every ship could use the port again in four weeks.';
    const s = story({ id: 'a', text: a }, { id: 'b', text: long });
    const st = { quoteSpans: [statement(long).quoteSpans[0]!, { articleId: 'b', span: spanOf(long, 'every ship could use the port again in four weeks') }] };
    const r = claims(s, { statements: [st] }).value;
    expect(r.claims.filter((c) => c.supports.some((x) => /reopen/.test(x.text)))[0]!.sourceCount).toBe(1);
  });

  it('gives a second rendering of the statement in one article to the same claim', () => {
    const s = story({ id: 'a', text: a }, { id: 'b', text: b2 });
    const first = statement(b2);
    const second = { quoteSpans: [{ articleId: 'b', span: spanOf(b2, 'that every ship could use the port again in four weeks', b.length) }] };
    const r = claims(s, { statements: [{ quoteSpans: [...first.quoteSpans, ...second.quoteSpans] }] }).value;
    const joined = r.claims.filter((c) => c.supports.some((x) => /reopen|ship could/.test(x.text)));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.supports.filter((x) => x.articleId === 'b')).toHaveLength(2);
  });
});

describe('claims: edge cases', () => {
  it('returns no claims and no coverage for a story without articles', () => {
    const r = claims({ storyId: 'sty_empty', title: '', articles: [] });
    expect(r.value).toEqual({ claims: [], coverage: [] });
    expect(r.messages).toEqual([]);
  });

  it('gives an article without sentences coverage with nothing carried', () => {
    const s = story({ id: 'a', text: '' }, { id: 'b', text: 'Rescue teams pulled fourteen survivors from the collapsed textile factory in Varno overnight.' });
    const r = claims(s);
    const a = r.value.coverage.find((c) => c.site === 'a')!;
    expect(a.carried).toEqual([]);
    expect(a.missing).toEqual([]);
    expect(r.value.claims).toHaveLength(1);
  });
});
