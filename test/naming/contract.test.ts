import { describe, expect, it } from 'vitest';
import { createCitations } from '../../src/pipeline/analyze/citations/index.js';
import { createNaming, findLoadedTerms } from '../../src/pipeline/analyze/naming/index.js';
import type { Analyses } from '../../src/pipeline/synthesize/analyses.js';
import { article, story } from './story.js';

describe('the report builder\'s slots', () => {
  it('take createNaming, createCitations and findLoadedTerms as they are', () => {
    const slots: Pick<Analyses, 'naming' | 'citations' | 'findLoadedTerms'> = { naming: createNaming(), citations: createCitations(), findLoadedTerms };
    const s = story(article('a', 'Alpha', 'Talks with the Morvan regime failed, reported AFP.'));
    expect(slots.naming(s, { quotes: [], entities: [] }).map((n) => n.id)).toEqual(['regime-of:morvan']);
    expect(slots.citations(s).edges.map((e) => e.to)).toEqual(['AFP']);
  });
});
