import { beforeAll, describe, expect, it } from 'vitest';
import type { Naming } from '../../src/model/framing.js';
import type { StoryInput } from '../../src/pipeline/analyze/input.js';
import { createNaming } from '../../src/pipeline/analyze/naming/index.js';
import { EXAMPLE_DIR, SEEDS_DIR, storiesOf } from '../support/stories.js';
import { article, story } from './story.js';

const naming = createNaming({ useLibrary: false });

/** The terms one outlet uses for one referent, by voice. */
function termsOf(n: Naming | undefined, site: string, voice: 'own' | 'quoted'): string[] {
  return (n?.outlets.find((o) => o.site === site)?.uses ?? []).filter((u) => u.voice === voice).map((u) => u.term);
}

describe('createNaming on hand-made stories', () => {
  const s = story(
    article('a', 'Alpha News', 'Troops of the Morvan regime crossed the river.\nOfficials said they would respond.'),
    article('b', 'Beta Daily', 'A minister said: "We will not bow to the Morvan regime."\nMorvan denied it.'),
  );

  it('separates an outlet\'s own voice from words inside quotes', () => {
    const n = naming(s).find((x) => x.id === 'regime-of:morvan');
    expect(n?.from).toBe('term-list');
    expect(termsOf(n, 'Alpha News', 'own')).toEqual(['the Morvan regime']);
    expect(termsOf(n, 'Beta Daily', 'own')).toEqual([]);
    expect(termsOf(n, 'Beta Daily', 'quoted')).toEqual(['the Morvan regime']);
  });

  it('uses the quote spans the caller gives instead of finding quotes', () => {
    const a = s.articles[0]!;
    const start = a.text.indexOf('the Morvan');
    const n = naming(s, { quotes: [{ articleId: 'a', spans: [{ start, end: start + 20 }] }], entities: [] }).find((x) => x.id === 'regime-of:morvan');
    expect(termsOf(n, 'Alpha News', 'quoted')).toEqual(['the Morvan regime']);
    // Beta's quote was not given, but its words stand between quotation marks: still someone else's.
    expect(termsOf(n, 'Beta Daily', 'own')).toEqual([]);
    expect(termsOf(n, 'Beta Daily', 'quoted')).toEqual(['the Morvan regime']);
  });

  it('counts an embedded post (a tweet with its signature) as its poster\'s words, with or without given quote spans', () => {
    const post = story(
      article('a', 'Alpha News', 'The Morvan regime closed the border.\nThe move is a stunt. — Ivo Hale (@ivohale) May 2, 2024'),
      article('b', 'Beta Daily', 'Morvan closed its border on Tuesday.'),
    );
    for (const n of [naming(post), naming(post, { quotes: [], entities: [] })]) {
      const ev = n.find((x) => x.id === 'evaluative');
      expect(termsOf(ev, 'Alpha News', 'own')).toEqual([]);
      expect(termsOf(ev, 'Alpha News', 'quoted')).toEqual(['stunt']);
    }
  });

  it('leaves out families where every outlet writes the same neutral word', () => {
    const same = story(article('a', 'Alpha', 'The militants withdrew.'), article('b', 'Beta', 'The militants advanced.'));
    expect(naming(same).find((x) => x.id === 'armed-group-label')).toBeUndefined();
  });

  it('reports the forms each outlet writes for one resolved person', () => {
    const ent = story(
      article('a', 'Alpha', 'His Excellency President Ana Brel opened the port. The President spoke for an hour.'),
      article('b', 'Beta', 'President Ana Brel opened the port. Brel spoke briefly.'),
    );
    const n = naming(ent, { quotes: [], entities: [{ id: 'ent_brel', kind: 'person', name: 'Ana Brel', forms: ['His Excellency President Ana Brel', 'President Ana Brel', 'Brel'], roles: ['President'] }] }).find((x) => x.id === 'ent_brel');
    expect(n?.from).toBe('entity');
    expect(termsOf(n, 'Alpha', 'own')).toContain('His Excellency President Ana Brel');
    expect(termsOf(n, 'Beta', 'own')).toEqual(expect.arrayContaining(['President Ana Brel', 'Brel']));
  });
});

describe('entity forms', () => {
  it('widens a form to a title the mention cut, and drops phrases around a name', () => {
    const ent = story(
      article('a', 'Alpha', 'His Excellency President Ana Brel opened the port. Its chief thanked her.'),
      article('b', 'Beta', 'Yesterday President Ana Brel opened the port.'),
    );
    const n = naming(ent, { quotes: [], entities: [{ id: 'ent_brel', kind: 'person', name: 'Ana Brel', forms: ['Excellency President Ana Brel', 'Yesterday President Ana Brel', 'Its chief'], roles: [] }] }).find((x) => x.id === 'ent_brel');
    expect(termsOf(n, 'Alpha', 'own')).toEqual(['His Excellency President Ana Brel']);
    expect(termsOf(n, 'Beta', 'own')).toEqual(['President Ana Brel']);
    expect(n?.outlets.find((o) => o.site === 'Alpha')?.uses[0]?.tone).toBe('honorific');
  });

  it('finds a given form only as a whole word, and a longer form before a shorter one inside it', () => {
    const ent = story(
      article('a', 'Alpha', 'Brelton residents cheered. Ana Brel opened the port in Brelton.'),
      article('b', 'Beta', 'Minister Brel opened the port; Brel2 is a ship, ÉBrel a typo.'),
    );
    const n = naming(ent, { quotes: [], entities: [{ id: 'ent_brel', kind: 'person', name: 'Ana Brel', forms: ['Brel', 'Ana Brel'], roles: [] }] }).find((x) => x.id === 'ent_brel');
    expect(termsOf(n, 'Alpha', 'own')).toEqual(['Ana Brel']);
    expect(termsOf(n, 'Beta', 'own')).toEqual(['Brel']);
    expect(n?.outlets.find((o) => o.site === 'Beta')?.uses).toHaveLength(1);
  });
});

describe('createNaming on the seeds', () => {
  let seeds: StoryInput;
  beforeAll(async () => {
    seeds = (await storiesOf(SEEDS_DIR))[0]!;
  }, 60_000);

  it('finds "Zionist regime" in the own voice of some outlets and only inside quotes in others', () => {
    const n = naming(seeds).find((x) => x.id === 'israel');
    expect(n).toBeDefined();
    const own = n!.outlets.filter((o) => o.uses.some((u) => u.term === 'Zionist regime' && u.voice === 'own')).map((o) => o.site);
    const quotedOnly = n!.outlets
      .filter((o) => o.uses.some((u) => u.term === 'Zionist regime' && u.voice === 'quoted') && !o.uses.some((u) => u.term === 'Zionist regime' && u.voice === 'own'))
      .map((o) => o.site);
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(quotedOnly.length).toBeGreaterThanOrEqual(1);
    expect(own.filter((s) => quotedOnly.includes(s))).toEqual([]);
    const loaded = n!.outlets.flatMap((o) => o.uses).find((u) => u.term === 'Zionist regime');
    expect(loaded?.tone).toBe('loaded');
  });

  it('puts the leader\'s forms per outlet among the namings, titles included', () => {
    const leader = naming(seeds).find((x) => x.from === 'entity' && x.outlets.some((o) => o.uses.some((u) => /Ayatollah/.test(u.term))));
    expect(leader).toBeDefined();
    expect(leader!.outlets.length).toBeGreaterThanOrEqual(3);
    expect(leader!.outlets.some((o) => o.uses.every((u) => !/Ayatollah|Leader/.test(u.term) || /Supreme Leader/.test(u.term)))).toBe(true);
  });
});

describe('createNaming on the fictional example', () => {
  let accord: StoryInput;
  let out: Naming[];
  beforeAll(async () => {
    accord = (await storiesOf(EXAMPLE_DIR))[0]!;
    out = naming(accord);
  }, 60_000);

  const site = (needle: string): string => accord.articles.find((a) => a.site.includes(needle))!.site;

  it('finds the regime terms for the capital in the state agency\'s own voice and quoted by others', () => {
    const n = out.find((x) => x.id.startsWith('regime-of:') && x.outlets.some((o) => o.uses.some((u) => u.term.startsWith('the occupying regime in'))));
    expect(n).toBeDefined();
    const ksna = site('KSNA');
    expect(termsOf(n, ksna, 'own').length).toBe(2);
    const quoting = n!.outlets.filter((o) => o.site !== ksna && o.uses.every((u) => u.voice === 'quoted'));
    expect(quoting.length).toBeGreaterThanOrEqual(3);
    expect(n!.outlets.every((o) => o.site === ksna || !o.uses.some((u) => u.voice === 'own'))).toBe(true);
  });

  it('finds "ruler" and "regime" for the visiting country in the opposing agency\'s text', () => {
    expect(out.some((x) => x.id.startsWith('ruler-of:'))).toBe(true);
    expect(out.filter((x) => x.id.startsWith('regime-of:')).length).toBeGreaterThanOrEqual(2);
  });

  it('reports the visiting president\'s name forms outlet by outlet', () => {
    const president = out.find((x) => x.from === 'entity' && x.outlets.length >= 4 && x.outlets.some((o) => o.site === site('Ledger')));
    expect(president).toBeDefined();
    const forms = new Set(president!.outlets.map((o) => o.uses.map((u) => u.term).sort().join('|')));
    expect(forms.size).toBeGreaterThanOrEqual(3);
  });

  it('ranks families with loaded own-voice terms before plain entity forms', () => {
    const firstEntity = out.findIndex((x) => x.from === 'entity');
    const brask = out.findIndex((x) => x.id.startsWith('regime-of:'));
    expect(brask).toBeGreaterThanOrEqual(0);
    expect(firstEntity === -1 || brask < firstEntity).toBe(true);
  });
});
