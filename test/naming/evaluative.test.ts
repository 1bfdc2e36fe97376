/** General evaluative words are loaded in an outlet's own voice, quoted inside speech, and left as written by summaries. */
import { describe, expect, it } from 'vitest';
import { createNaming, findLoadedTerms } from '../../src/pipeline/analyze/naming/index.js';
import { article, story } from './story.js';

const naming = createNaming({ useLibrary: false });

describe('evaluative words', () => {
  const s = story(
    article('a', 'Gamma Wire', 'Councillor Ove Pell slammed the harbour tax scheme on Tuesday.\nThe council meets again in May.'),
    article('b', 'Delta Times', 'Councillor Ove Pell criticised the harbour tax plan on Tuesday.\nHe said: "This is a stunning waste of money."'),
  );
  const n = naming(s).find((x) => x.id === 'evaluative');
  const uses = (site: string, voice: 'own' | 'quoted'): string[] => (n?.outlets.find((o) => o.site === site)?.uses ?? []).filter((u) => u.voice === voice && u.tone === 'loaded').map((u) => u.term).sort();

  it('reports them as loaded in the outlet\'s own voice', () => {
    expect(uses('Gamma Wire', 'own')).toEqual(['scheme', 'slammed']);
  });
  it('counts them inside quotes as the speaker\'s words, not the outlet\'s', () => {
    expect(uses('Delta Times', 'own')).toEqual([]);
    expect(uses('Delta Times', 'quoted')).toEqual(['stunning']);
  });
  it('leaves them for summaries to keep as written (no one neutral word fits every use)', () => {
    expect(findLoadedTerms('Councillor Ove Pell slammed the scheme.')).toEqual([]);
  });
});

describe('evaluative words across kinds of news', () => {
  const own = (text: string): string[] => {
    const n = naming(story(article('a', 'Gamma Wire', text), article('b', 'Delta Times', 'The hearing resumes on Friday.'))).find((x) => x.id === 'evaluative');
    return (n?.outlets.find((o) => o.site === 'Gamma Wire')?.uses ?? []).filter((u) => u.voice === 'own' && u.tone === 'loaded').map((u) => u.term).sort();
  };
  it('finds judging words in crime, celebrity and business copy', () => {
    expect(own('The gruesome attack took place in the quiet suburb of Orlen.')).toEqual(['gruesome']);
    expect(own('The actress flaunted her new look at the Varna gala.')).toEqual(['flaunted']);
    expect(own('Trimlo Corp. boasted that its botched rollout was over.')).toEqual(['boasted', 'botched']);
  });
  it('reads a listed word written with a capital inside a sentence as a name, not the word', () => {
    expect(own('Guests at the Stonewall Hotel in Orlen were moved on Monday.')).toEqual([]);
    expect(own('Stonewalled by the board, Ms Ivo resigned on Monday.')).toEqual(['stonewalled']);
  });
  it('leaves plain words that also name what happened alone (a fire gutted the house; a disaster zone)', () => {
    expect(own('A fire gutted the house on Elm Row; the area was declared a disaster zone.')).toEqual([]);
  });
});

describe('plain alternatives', () => {
  it('shows what another outlet writes in the same place beside a loaded word in an outlet\'s own voice', () => {
    const s = story(
      article('a', 'Gamma Wire', 'The mayor of Orlen slammed the harbour tax on Tuesday.'),
      article('b', 'Delta Times', 'The mayor of Orlen criticised the harbour tax on Tuesday.'),
    );
    const use = naming(s).find((x) => x.id === 'evaluative')?.outlets.find((o) => o.site === 'Gamma Wire')?.uses.find((u) => u.term === 'slammed');
    expect(use?.plain).toBe('criticised');
  });
  it('gives none when the other outlet writes a loaded word there too, or different words around it', () => {
    const s = story(
      article('a', 'Gamma Wire', 'The mayor of Orlen slammed the harbour tax on Tuesday.'),
      article('b', 'Delta Times', 'The mayor of Orlen blasted the harbour tax on Tuesday.'),
      article('c', 'Epsilon Post', 'On Tuesday the mayor criticised a harbour tax.'),
    );
    const use = naming(s).find((x) => x.id === 'evaluative')?.outlets.find((o) => o.site === 'Gamma Wire')?.uses.find((u) => u.term === 'slammed');
    expect(use).toBeDefined();
    expect(use?.plain).toBeUndefined();
  });
});
