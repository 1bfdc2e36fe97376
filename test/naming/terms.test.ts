import { describe, expect, it } from 'vitest';
import { findLoadedTerms, matchTerms } from '../../src/pipeline/analyze/naming/index.js';

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
