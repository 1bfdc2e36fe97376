import { describe, expect, it } from 'vitest';
import { createClusterer, type ClusterInput, type ClusterOptions } from '../../src/pipeline/cluster/index.js';
import { neutralFeatures } from '../../src/pipeline/cluster/neutral.js';
import { prng } from '../support/prng.js';
import { bridge, flood, floodRecallingBridge, strike } from './crosslang-fixtures.js';

const all = [...flood, ...bridge, ...strike];
const eventOf = (id: string): string => id.split('-')[0]!;

/** Stream the articles (in batches, consolidating after each) and return the story of every article. */
function cluster(articles: readonly ClusterInput[], batches = 1, options?: ClusterOptions): Map<string, string> {
  const c = createClusterer(options);
  const size = Math.ceil(articles.length / batches);
  for (let i = 0; i < articles.length; i += size) {
    for (const a of articles.slice(i, i + size)) c.add(a);
    c.consolidate();
  }
  return new Map(articles.map((a) => [a.id, c.storyOf(a.id)!]));
}

/** The grouping as sets of article ids, independent of story ids. */
function partition(story: ReadonlyMap<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [id, sid] of story) groups.set(sid, [...(groups.get(sid) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = prng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const byDate = [...all].sort((a, b) => Date.parse(a.published!) - Date.parse(b.published!));
const orders: [string, ClusterInput[], number][] = [
  ['publication', byDate, 1],
  ['backfill', [...byDate].reverse(), 1],
  ['shuffled', shuffled(all, 7), 1],
  ['shuffled, one at a time', shuffled(all, 11), all.length],
  ['two halves', byDate, 2],
];

describe('stories across languages', () => {
  for (const [name, order, batches] of orders) {
    it(`gathers each event's English, French, German and Spanish articles into one story and keeps events that share names apart (${name})`, () => {
      const expected = partition(new Map(all.map((a) => [a.id, eventOf(a.id)])));
      expect(partition(cluster(order, batches))).toEqual(expected);
    });
  }

  it('joins an article in Arabic script to its story by names read through a transliteration, numbers and dates', () => {
    const story = cluster(all);
    expect(story.get('flood-ar')).toBe(story.get('flood-en-1'));
    const c = createClusterer();
    for (const a of flood) c.add(a);
    c.consolidate();
    const ar = c.stories().flatMap((s) => s.members).find((m) => m.articleId === 'flood-ar')!;
    expect(ar.sharedTerms.join(' ')).toMatch(/فيلمورا|براندفيك|أورلان/);
  });

  it('joins an article that shares no words with its story (German) by names, numbers and dates alone: without its language it stays alone', () => {
    const withLanguages = cluster(all);
    const withoutLanguages = cluster(all.map(({ language: _l, ...a }) => a));
    expect(withLanguages.get('flood-de')).toBe(withLanguages.get('flood-en-1'));
    expect(withoutLanguages.get('flood-de')).not.toBe(withoutLanguages.get('flood-en-1'));
  });

  it('names the shared names, numbers and dates as the evidence of a cross-language membership', () => {
    const c = createClusterer();
    for (const a of flood) c.add(a);
    c.consolidate();
    const story = c.stories().find((s) => s.members.some((m) => m.articleId === 'flood-fr'))!;
    const fr = story.members.find((m) => m.articleId === 'flood-fr')!;
    expect(story.members).toHaveLength(flood.length);
    expect(fr.score).toBeGreaterThan(0);
    expect(fr.sharedTerms.length).toBeGreaterThan(2);
    expect(fr.sharedTerms.join(' ')).toMatch(/Velmora|Brandvik|Orlan|Marrin|Kessby/);
  });

  it('lets a French article recalling another event join its own story without bringing the two English stories together', () => {
    const articles = [...all, floodRecallingBridge];
    const story = cluster(articles);
    expect(story.get('flood-fr-bridge')).toBe(story.get('flood-en-1'));
    expect(story.get('bridge-en-1')).not.toBe(story.get('flood-en-1'));
  });

  it('never joins two articles of one language that the words rule keeps apart, however lenient the cross-language rule', () => {
    const lenient: ClusterOptions = { crossEdgeThreshold: 0, crossLinkThreshold: 0.01, crossMinShared: 1 };
    const articles = [...all, floodRecallingBridge];
    const withCross = cluster(articles, 1, lenient);
    const wordsOnly = cluster(articles.map(({ language: _l, ...a }) => a));
    for (const a of articles) {
      for (const b of articles) {
        if (a.language !== b.language || a.id >= b.id) continue;
        if (wordsOnly.get(a.id) !== wordsOnly.get(b.id)) expect(withCross.get(a.id), `${a.id} / ${b.id}`).not.toBe(withCross.get(b.id));
      }
    }
  });

  it('continues the same way after a JSON snapshot and restore', () => {
    const c = createClusterer();
    for (const a of byDate.slice(0, 6)) c.add(a);
    c.consolidate();
    const restored = createClusterer(undefined, JSON.parse(JSON.stringify(c.snapshot())));
    for (const a of byDate.slice(6)) {
      c.add(a);
      restored.add(a);
    }
    c.consolidate();
    restored.consolidate();
    expect(restored.stories()).toEqual(c.stories());
  });
});

describe('language-neutral features', () => {
  const keys = (text: string, language: string): string[] => [...neutralFeatures(undefined, text, language, { titleWeight: 2, leadSentences: 2, leadWeight: 2 }).vector.keys()];

  it('reads one number in each locale: 3,200 / 3 200 / 3.200 and 2.4 / 2,4', () => {
    expect(keys('They counted 3,200 people and 2.4 metres.', 'en')).toEqual(expect.arrayContaining(['x:#3200', 'x:#2.4']));
    expect(keys('On a compté 3 200 personnes et 2,4 mètres.', 'fr')).toEqual(expect.arrayContaining(['x:#3200', 'x:#2.4']));
    expect(keys('Gezählt wurden 3.200 Menschen und 2,4 Meter.', 'de')).toEqual(expect.arrayContaining(['x:#3200', 'x:#2.4']));
    expect(keys('Se contaron 3.200 personas y 2,4 metros.', 'es')).toEqual(expect.arrayContaining(['x:#3200', 'x:#2.4']));
  });

  it('reads one date and one time in each language', () => {
    for (const [text, language] of [
      ['It happened on May 12 at 04:30.', 'en'],
      ["C'est arrivé le 12 mai à 4 h 30.", 'fr'],
      ['Es geschah am 12. Mai um 04:30 Uhr.', 'de'],
      ['Ocurrió el 12 de mayo a las 04:30.', 'es'],
    ] as const) {
      expect(keys(text, language), text).toEqual(expect.arrayContaining(['x:d:05-12', 'x:t:04:30']));
    }
  });

  it('folds diacritics and transliteration variants of a name into one key', () => {
    const a = keys('Yesterday Mohammed Al-Qadri met Jürgen Müller in Tchernovka.', 'en');
    const b = keys('Hier, Muhammad Al-Kadri a rencontré Jurgen Muller à Tschernowka.', 'fr');
    const names = (ks: string[]): string[] => ks.filter((k) => k.startsWith('x:n:')).sort();
    expect(names(a)).toEqual(names(b));
  });

  it('keeps addresses and handles', () => {
    expect(keys('Details at https://www.tarsk.example/flood/ and from @TarskCivil.', 'en')).toEqual(expect.arrayContaining(['x:u:tarsk.example/flood', 'x:h:@tarskcivil']));
  });
});
