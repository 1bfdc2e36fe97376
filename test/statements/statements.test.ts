/**
 * Statements on fictional multi-outlet texts: renderings of one statement (translations, indirect
 * speech) are grouped, a different statement by the same person and the same words by someone
 * else are kept apart, and every rendering is aligned word by word against the most complete one.
 */
import { describe, expect, it } from 'vitest';
import { createStatements, similarity, analyse, RULES, type StatementArticle, type StoryStatements } from '../../src/pipeline/analyze/statements/index.js';

const articles: StatementArticle[] = [
  {
    id: 'art_a',
    site: 'Harbour Gazette',
    text:
      'Fisheries Minister Marta Kovalenko said on Tuesday: "The northern harbour will reopen to fishing boats before the end of the spring season, and every family that lost income will receive compensation."\n' +
      'Kovalenko also spoke about taxes. "We will not raise the fuel tax this year, whatever the deficit," Kovalenko said.',
  },
  {
    id: 'art_b',
    site: 'Coastal Herald',
    text:
      '"The port in the north will be reopened for fishing vessels before the spring season ends, and all families who lost their income will be compensated," Fisheries Minister Marta Kovalenko told reporters.\n' +
      'Opposition leader Tomas Brandt said: "The northern harbour will reopen to fishing boats before the end of the spring season, and every family that lost income will receive compensation."',
  },
  {
    id: 'art_c',
    site: 'Daily Tide',
    text: 'Fisheries Minister Marta Kovalenko said that the northern harbour would reopen to fishing boats before the end of the spring season and that each family that lost income would receive compensation.',
  },
];

const run = (input: readonly StatementArticle[]): StoryStatements =>
  createStatements({ useLibrary: false })({ value: { storyId: 'sty_test', articles: input }, messages: [] }).value;

const all = (r: StoryStatements) => [...r.statements, ...r.single];
const personNamed = (r: StoryStatements, surname: string) => r.entities.find((e) => e.kind === 'person' && e.name.endsWith(surname));

describe('statements across outlets', () => {
  const result = run(articles);
  const minister = personNamed(result, 'Kovalenko');
  const brandt = personNamed(result, 'Brandt');
  const harbour = result.statements.find((s) => s.personId === minister?.id && s.renderings.length >= 3);

  it('groups three renderings of one quote (two translations and indirect speech) as one statement', () => {
    expect(minister).toBeDefined();
    expect(harbour).toBeDefined();
    expect(harbour!.articleIds).toEqual(expect.arrayContaining(['art_a', 'art_b', 'art_c']));
    expect(harbour!.sites).toHaveLength(3);
    expect(harbour!.renderings.map((r) => r.quote.type)).toContain('indirect');
    expect(harbour!.similarity).toBeGreaterThan(0.45);
    expect(harbour!.similarity).toBeLessThanOrEqual(1);
  });

  it('keeps a different statement by the same person apart', () => {
    const tax = all(result).filter((s) => s.personId === minister!.id && s.renderings.some((r) => r.text.includes('fuel tax')));
    expect(tax).toHaveLength(1);
    expect(tax[0]!.id).not.toBe(harbour!.id);
    expect(tax[0]!.renderings).toHaveLength(1);
    expect(result.single.map((s) => s.id)).toContain(tax[0]!.id);
  });

  it('keeps the same words said by two different people apart', () => {
    expect(brandt).toBeDefined();
    expect(brandt!.id).not.toBe(minister!.id);
    const his = all(result).filter((s) => s.personId === brandt!.id);
    expect(his).toHaveLength(1);
    expect(his[0]!.renderings.every((r) => r.quote.personId === brandt!.id)).toBe(true);
    expect(harbour!.renderings.every((r) => r.quote.personId === minister!.id)).toBe(true);
  });

  it('aligns each rendering word by word against the most complete one, with offsets into its article', () => {
    const anchor = harbour!.renderings[0]!;
    expect(anchor.anchor).toBe(true);
    expect(anchor.alignment.every((w) => w.op === 'same')).toBe(true);
    const other = harbour!.renderings.find((r) => r.quote.articleId === 'art_b')!;
    const ops = new Set(other.alignment.map((w) => w.op));
    expect(ops).toEqual(new Set(['same', 'missing', 'added']));
    const text = articles.find((a) => a.id === 'art_b')!.text;
    for (const w of other.alignment.filter((x) => x.op !== 'missing')) expect(text.slice(w.span!.start, w.span!.end)).toBe(w.word);
    // "port" is this translation's word where the anchor says "harbour".
    expect(other.alignment.some((w) => w.op === 'added' && w.word === 'port')).toBe(true);
  });

  it('lists people with their name forms and the articles mentioning them', () => {
    const p = result.people.find((x) => x.entity.id === minister!.id)!;
    expect(p.articleIds).toHaveLength(3);
    expect(p.quotes).toBeGreaterThanOrEqual(4);
    expect(p.entity.forms).toEqual(expect.arrayContaining(['Kovalenko']));
  });

  it('gives stable statement ids', () => {
    expect(run(articles).statements.map((s) => s.id)).toEqual(result.statements.map((s) => s.id));
  });
});

describe('similarity', () => {
  const a = (text: string) => analyse([{ text, start: 0 }]);

  it('scores a trimmed quote as part of the full one', () => {
    const s = similarity(a('the northern harbour will reopen to fishing boats before the end of the spring season'), a('the harbour will reopen to fishing boats before spring'));
    expect(s.kind).toBe('partial');
    expect(s.score).toBeGreaterThan(0.7);
  });

  it('scores renderings whose numbers disagree below the grouping threshold', () => {
    const same = similarity(a('three hundred boats were lost in the storm, 40 crews rescued'), a('three hundred boats were lost in the storm, 40 crews rescued'));
    const diff = similarity(a('three hundred boats were lost in the storm, 40 crews rescued'), a('three hundred boats were lost in the storm, 14 crews rescued'));
    expect(diff.numbersAgree).toBe(false);
    expect(diff.score).toBeLessThanOrEqual(same.score / 2);
    expect(diff.score).toBeLessThan(RULES.threshold.value);
    expect(diff.score).toBeGreaterThan(0);
  });

  it('is symmetric', () => {
    const x = a('every family that lost income will receive compensation');
    const y = a('all families who lost their income will be compensated');
    expect(similarity(x, y).score).toBe(similarity(y, x).score);
  });
});

describe('people of a story', () => {
  it('does not give a name the role that ends the clause before it ("with the Prime Minister, Quell said")', () => {
    const text =
      'Interior Minister Dara Quell met Prime Minister Ilan Voss in Sarn on Monday.\n\nAt a joint news conference with the Prime Minister, Quell said the border crossings would stay open all winter.';
    const out = run([{ id: 'art_p', site: 'P', text }]);
    const quell = personNamed(out, 'Quell')!;
    const voss = personNamed(out, 'Voss')!;
    expect(quell.roles.map((r) => r.toLowerCase())).not.toContain('prime minister');
    expect(quell.forms).not.toContain('the Prime Minister');
    expect(voss.forms).toContain('the Prime Minister');
  });
});

describe('quotes with no speaker', () => {
  it('groups one unattributed statement carried by two outlets into one statement with a null speaker', () => {
    const quote = '“The water came up faster than anyone here had ever seen, and the road was gone within the hour.”';
    const out = createStatements({ useLibrary: false })({
      value: {
        storyId: 'sty_flood',
        articles: [
          { id: 'art_f1', site: 'Valley Ledger', text: `Flooding closed the river road in Tamsford on Sunday.\n\n${quote}` },
          { id: 'art_f2', site: 'Tamsford Courier', text: `The river road in Tamsford was closed by floods on Sunday.\n\n${quote}` },
        ],
      },
      messages: [],
    });
    expect(out.value.statements).toEqual([]);
    expect(out.value.unattributed).toHaveLength(2);
    expect(out.value.unattributedStatements).toHaveLength(1);
    const [s] = out.value.unattributedStatements;
    expect(s!.personId).toBeNull();
    expect(s!.sites).toEqual(['Valley Ledger', 'Tamsford Courier']);
  });

  it('leaves them out of the speakers\' statements with a message', () => {
    const out = createStatements({ useLibrary: false })({
      value: { storyId: 'sty_x', articles: [{ id: 'art_x', site: 'X', text: 'The sign on the door read "closed until further notice for repairs".' }] },
      messages: [],
    });
    expect(out.value.statements).toEqual([]);
    for (const u of out.value.unattributed) expect(out.messages.some((m) => m.ruleId === 'statement-no-speaker' && m.data?.quoteId === u.quote.id)).toBe(true);
  });
});
