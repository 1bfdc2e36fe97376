/**
 * The outlet resolver on fictional articles: what names an article's outlet and what never does.
 */
import { describe, expect, it } from 'vitest';
import { resolveArticleOutlets, storyOutlets, type OutletArticle } from '../../src/pipeline/analyze/outlets/index.js';
import { createOutletRegistry, parseOutlets } from '../../src/pipeline/dedup/outlets.js';
import type { CitationGraph } from '../../src/model/framing.js';

const registry = createOutletRegistry(
  parseOutlets(
    JSON.stringify({
      outlets: [
        { key: 'brenna-times.example', name: 'Brenna Times', kind: 'private', country: 'XA', aliases: ['BT'] },
        { key: 'osk-wire.example', name: 'Osk Wire', kind: 'agency', country: 'XB', aliases: ['OSK'] },
        { key: 'repost-hub.example', name: 'Repost Hub', kind: 'aggregator', country: 'XA' },
        { key: 'the-ridge.example', name: 'The Ridge', kind: 'private', country: 'XA' },
      ],
    }),
    'fixture',
  ),
);

const article = (id: string, more: Partial<OutletArticle> = {}): OutletArticle => ({ id, site: `${id}.txt`, familyId: `fam_${id}`, credits: [], ...more });
const span = { start: 0, end: 0 };

describe('the outlet resolver', () => {
  it('never takes a file name for an outlet, and leaves an article that names none unknown', () => {
    const [r] = resolveArticleOutlets([article('a1', { site: 'story-0042.jsonl#7' })], registry);
    expect(r).toMatchObject({ key: 'unknown', basis: 'unknown' });
  });

  it('reads a domain before any credit, and ignores photo credits', () => {
    const [byDomain, byPhoto] = resolveArticleOutlets(
      [
        article('a1', { url: 'https://www.brenna-times.example/x', credits: [{ name: 'OSK', role: 'dateline', span }] }),
        article('a2', { credits: [{ name: 'OSK', role: 'photo', span }] }),
      ],
      registry,
    );
    expect(byDomain).toMatchObject({ key: 'brenna-times.example', evidence: 'brenna-times.example' });
    expect(byPhoto?.key).toBe('unknown');
  });

  it("gives an uncredited copy its family original's outlet, not a reposting site's", () => {
    const fam = 'fam_osk';
    const resolved = resolveArticleOutlets(
      [
        article('repost', { familyId: fam, derivation: 'verbatim', url: 'https://repost-hub.example/1' }),
        article('orig', { familyId: fam, derivation: 'original', credits: [{ name: 'OSK', role: 'dateline', span }] }),
        article('bare', { familyId: fam, derivation: 'verbatim' }),
      ],
      registry,
    );
    expect(resolved.map((r) => r.key)).toEqual(['repost-hub.example', 'osk-wire.example', 'osk-wire.example']);
    expect(resolved[2]?.evidence).toContain('same text as orig');
  });

  it('does not take a relayed "X reported" for the outlet, but says so on the unknown entry', () => {
    const citations: CitationGraph = {
      nodes: [{ id: 'Brenna Times', name: 'Brenna Times', kind: 'cited' }],
      edges: [{ from: 'x', to: 'Brenna Times', count: 1, evidence: [{ articleId: 'a1', span, text: 'Brenna Times reported', cue: 'reported' }] }],
    };
    const outlets = storyOutlets(resolveArticleOutlets([article('a1')], registry, citations));
    expect(outlets).toEqual([expect.objectContaining({ key: 'unknown', kind: null, articles: ['a1'] })]);
    expect(outlets[0]?.evidence).toContain('Brenna Times reported');
  });

  it('needs the "The" of a name that has one, so a bare surname or word names no outlet', () => {
    expect(registry.byName('The Ridge')?.key).toBe('the-ridge.example');
    expect(registry.byName('Ridge')).toBeUndefined();
  });
});
