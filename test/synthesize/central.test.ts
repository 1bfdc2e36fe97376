/** The summary ranks sentences by what the other outlets also say, and takes a covered title as its headline. */
import { describe, expect, it } from 'vitest';
import { checkFaithfulness, summarise } from '../../src/pipeline/synthesize/index.js';
import { article, story } from '../naming/story.js';

const a = {
  ...article('a', 'Tarn Courier', [
    'Mayor Lina Oskar of Tarnby opened the new Velm river bridge on Friday after four years of work.',
    'The bridge carries two tram lines and a cycle path across the Velm.',
    'Instead, the old ferry will keep running on Sundays for visitors.',
    'A ferryman waves at passengers in Tarnby harbour, March 3, 2025.',
  ].join('\n')),
  title: 'Mayor opened new Velm river bridge in Tarnby',
};
const b = {
  ...article('b', 'Velm Daily', [
    'Local bakers reported record sales of bridge-shaped pastries this week in the old town.',
    'The new Velm river bridge in Tarnby opened on Friday, Mayor Lina Oskar said, four years after work began.',
    'It has two tram lines and a cycle path.',
  ].join('\n')),
  title: 'Pastry boom as city celebrates | Velm Daily',
};
const c = {
  ...article('c', 'North Post', [
    'We waited four years for the new Velm river bridge in Tarnby to open on Friday.',
    'Tarnby opened its new river bridge over the Velm on Friday, said Mayor Lina Oskar.',
    'The city council said the bridge and its tram lines cost more than planned.',
  ].join('\n')),
  title: 'Bridge "a triumph", mayor says',
};

describe('summary by centrality', () => {
  const s = summarise(story(a, b, c), []);
  it('opens on a sentence the other outlets echo, not one outlet\'s aside', () => {
    expect(s.summary[0]!.text).toMatch(/bridge/);
    expect(s.summary.slice(0, 2).map((x) => x.text)).not.toContain('Local bakers reported record sales of bridge-shaped pastries this week in the old town.');
  });
  it('drops sentences leaning on the one before and photo captions', () => {
    const texts = s.summary.map((x) => x.text).join(' ');
    expect(texts).not.toMatch(/^Instead|ferryman waves/);
    expect(texts).not.toMatch(/Instead, the old ferry|ferryman waves/);
  });
  it('drops a first-person sentence printed without its speaker', () => {
    expect(s.summary.map((x) => x.text).join(' ')).not.toMatch(/We waited/);
    const m = summarise(story(
      article('m1', 'Hall News', 'We will reopen the Tarnby market hall on Monday after repairs to its roof.\nTraders had waited since March.'),
      article('m2', 'Tarnby Times', 'The Tarnby market hall will reopen on Monday after repairs to its roof, the council said.\nTraders had waited since March.'),
    ), []);
    expect(m.summary[0]!.text).toMatch(/^The Tarnby market hall will reopen/);
    expect([m.headline.text, ...m.summary.map((x) => x.text)].join(' ')).not.toMatch(/We will/);
  });
  it('takes an unquoted title whose words the sentences hold as the headline, citing them', () => {
    expect(s.headline.text).toBe('Mayor opened new Velm river bridge in Tarnby');
    expect(s.headline.sources.length).toBeGreaterThan(0);
    expect(checkFaithfulness(s.headline).ok).toBe(true);
  });
  it('keeps every summary sentence faithful', () => {
    for (const x of s.summary) expect(checkFaithfulness(x).ok).toBe(true);
  });
});

describe('headline and summary together', () => {
  const d = article('d', 'Orsk Wire', [
    'The Orsk city council approved a new tram line to the airport on Tuesday.',
    'The line will run twelve kilometres and open in three years, the council said.',
    'Councillors voted twenty to nine after a debate of four hours.',
    'Work on the depot begins in the spring, the council said.',
  ].join('\n'));
  const e = article('e', 'Orsk Evening', [
    'Orsk council approved the airport tram line on Tuesday after a long debate.',
    'The twelve kilometre line will open in three years.',
    'Shop owners on the route asked for help during the works.',
  ].join('\n'));
  const f = article('f', 'Lakeside Post', [
    'A new tram line to the airport was approved by the Orsk council on Tuesday.',
    'Councillors voted twenty to nine for the line.',
    'Work on the depot begins in the spring.',
  ].join('\n'));

  it('does not say its headline again as a summary sentence', () => {
    const s = summarise(story(d, e, f), []);
    expect(s.summary.length).toBeGreaterThanOrEqual(2);
    const said = s.headline.text.toLowerCase().replace(/[^a-z ]/g, '');
    for (const x of s.summary) expect(x.text.toLowerCase().replace(/[^a-z ]/g, '')).not.toBe(said);
    for (const x of [s.headline, ...s.summary]) expect(checkFaithfulness(x).ok).toBe(true);
  });

  it('keeps the one sentence of a short story even when the headline renders it', () => {
    const s = summarise(story(article('g', 'Orsk Wire', 'The Orsk city council approved a new tram line to the airport on Tuesday.')), []);
    expect(s.summary.map((x) => x.text)).toEqual(['The Orsk city council approved a new tram line to the airport on Tuesday.']);
  });

  it("takes no title quoting someone in single marks as the headline", () => {
    const quoted = { ...d, title: "Council says tram line 'will open in three years'" };
    const s = summarise(story(quoted, e, f), []);
    expect(s.headline.text).not.toMatch(/'/);
    expect(checkFaithfulness(s.headline).ok).toBe(true);
  });
});

describe('summary of a story told in several languages', () => {
  const fr = {
    ...article('f', 'Le Courrier de Tarn', [
      'Le maire Lina Oskar a inauguré vendredi le nouveau pont sur la Velm à Tarnby, après quatre ans de travaux.',
      'Le pont porte deux lignes de tramway et une piste cyclable.',
    ].join('\n')),
    language: 'fr',
    title: 'Tarnby inaugure son nouveau pont sur la Velm',
  };
  it('speaks the language most of its sources write, citing none of its sentences or titles in another', () => {
    const s = summarise(story(fr, a, b), []);
    const shown = [s.headline, ...s.summary];
    expect(shown.length).toBeGreaterThan(1);
    for (const x of shown) expect(x.text).not.toMatch(/pont|tramway|inaugur/);
    expect(s.headline.text).toBe('Mayor opened new Velm river bridge in Tarnby');
  });
  it('on a tie between languages speaks English, the report\'s own', () => {
    const s = summarise(story(fr, a), []);
    expect(s.summary[0]!.text).toMatch(/bridge/);
    expect(s.headline.text).not.toMatch(/pont/);
  });
  it('a story in one other language is summarised in it', () => {
    const s = summarise(story(fr), []);
    expect(s.summary[0]!.text).toMatch(/pont/);
  });
});

