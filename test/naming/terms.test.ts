import { describe, expect, it } from 'vitest';
import { findLoadedTerms, isReportedNaming, matchTerms } from '../../src/pipeline/analyze/naming/index.js';

describe('findLoadedTerms', () => {
  it('names any government called "the X regime" after its name, with a neutral replacement', () => {
    const [hit, ...rest] = findLoadedTerms('Talks with the Morvan regime stalled again.');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ term: 'the Morvan regime', neutral: 'the Morvan government', namingId: 'regime-of:morvan', tone: 'loaded' });
    expect(hit!.span).toEqual({ start: 11, end: 28 });
  });

  it('takes "the occupying regime in X" as one term about X, not the bare listed term', () => {
    const hits = findLoadedTerms('It blamed the occupying regime in Tarvik for the delay.');
    expect(hits.map((h) => [h.term, h.namingId, h.neutral])).toEqual([['the occupying regime in Tarvik', 'regime-of:tarvik', 'the government in Tarvik']]);
  });

  it('keeps a listed term when the pattern would only add an article ("the Zionist regime")', () => {
    const hits = findLoadedTerms('Pressure on the Zionist regime grew.');
    expect(hits.map((h) => [h.term, h.namingId, h.neutral])).toEqual([['Zionist regime', 'israel', 'Israel']]);
  });

  it('finds "<Name>\'s ruler" for any name', () => {
    expect(findLoadedTerms("Yesterday Ostmark's ruler left.").map((h) => h.term)).toEqual(["Ostmark's ruler"]);
  });

  it('drops an honorific together with the space after it', () => {
    const text = 'His Excellency President Ana Brel arrived.';
    const [hit] = findLoadedTerms(text);
    expect(hit).toMatchObject({ term: 'His Excellency', neutral: '', tone: 'honorific' });
    expect(text.slice(0, hit!.span.start) + hit!.neutral + text.slice(hit!.span.end)).toBe('President Ana Brel arrived.');
  });

  it('leaves neutral words alone', () => {
    expect(findLoadedTerms('Israel and the militants agreed on inspections; three people were killed.')).toEqual([]);
  });
});

describe('matchTerms', () => {
  it('reports neutral family members too, so outlets can be compared', () => {
    const m = matchTerms('The militants, called terrorists by the army, withdrew.');
    expect(m.map((x) => [x.term, x.tone, x.namingId])).toEqual([
      ['militants', 'neutral', 'armed-group-label'],
      ['terrorists', 'loaded', 'armed-group-label'],
    ]);
  });

  it('matches a listed term whatever the case of its first letter, but not inside a longer word', () => {
    expect(matchTerms('Massacre claims. Israeli officials spoke.').map((x) => x.term)).toEqual(['massacre']);
  });
});

describe('isReportedNaming', () => {
  const at = (text: string, term: string): boolean => isReportedNaming(text, text.indexOf(term));
  it('takes a label the outlet attributes to someone else as reported', () => {
    expect(at('Ostmark calls them a blockade.', 'blockade')).toBe(true);
    expect(at('a measure which Ostmark describes as a blockade', 'blockade')).toBe(true);
    expect(at('The government has called the inspections a blockade.', 'blockade')).toBe(true);
  });
  it('does not take the object of the verb, or "called for", as a label', () => {
    expect(at('The government has called the inspections a blockade.', 'inspections')).toBe(false);
    expect(at('They called for an end to the massacre.', 'massacre')).toBe(false);
    expect(at('The blockade continued.', 'blockade')).toBe(false);
  });
});

describe('findLoadedTerms capitals', () => {
  it('keeps a sentence-initial capital in the neutral replacement', () => {
    expect(findLoadedTerms('Massacre, they said.')[0]?.neutral).toBe('Killings');
  });
});

describe('ambiguous terms', () => {
  it('takes a bare "occupying regime" for Israel only when the story mentions Israel', () => {
    expect(matchTerms('They blamed the occupying regime.', 'Fighting went on in Gaza.')[0]?.namingId).toBe('israel');
    const other = matchTerms('They blamed the occupying regime.', 'Ships waited in the strait.')[0];
    expect(other?.namingId).toBe('occupation-label');
    expect(other?.neutral).toBe('the government');
  });
});

describe('listed term case', () => {
  it('matches a capitalised title only when capitalised, a common word at a sentence start too', () => {
    expect(matchTerms('The imam of the mosque spoke.').map((m) => m.term)).toEqual([]);
    expect(matchTerms('Imam Rahel spoke of martyrs. Martyrs were named.').map((m) => m.term)).toEqual(['Imam', 'martyrs', 'martyrs']);
  });
});

describe('kept terms', () => {
  it('reports "blockade" as loaded but leaves it out of the summary replacements', () => {
    expect(matchTerms('The blockade went on.')[0]).toMatchObject({ term: 'blockade', tone: 'loaded', keep: true });
    expect(findLoadedTerms('The blockade went on.')).toEqual([]);
  });
});

describe('neutral names only in the writer\'s own words', () => {
  it('names no replacement for a loaded term between quotation marks or attributed in the sentence', async () => {
    const { findLoadedTerms } = await import('../../src/pipeline/analyze/naming/index.js');
    expect(findLoadedTerms('The minister spoke of "the Zionist regime" on Monday.')).toEqual([]);
    expect(findLoadedTerms('Officials met envoys of what Tehran describes as the Zionist regime.')).toEqual([]);
    expect(findLoadedTerms('The Zionist regime closed the crossing.').map((t) => t.neutral)).toEqual(['Israel']);
  });
});
