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

describe('the bundled outlet registry', () => {
  it('gives every outlet a kind, a reason and a source, and no domain or alias to two outlets', async () => {
    const { DEFAULT_OUTLETS, normaliseName } = await import('../../src/pipeline/dedup/outlets.js');
    expect(DEFAULT_OUTLETS.length).toBeGreaterThanOrEqual(150);
    const domains = new Map<string, string>();
    const names = new Map<string, string>();
    for (const o of DEFAULT_OUTLETS) {
      expect(o.reason.length, o.key).toBeGreaterThan(20);
      expect(o.source, o.key).not.toBeNull();
      expect(o.kind, o.key).not.toBeNull();
      if (o.country !== null) expect(o.country, o.key).toMatch(/^[A-Z]{2}$/);
      for (const d of o.domains) {
        expect(domains.get(d) ?? o.key, `${d} listed by ${domains.get(d)} and ${o.key}`).toBe(o.key);
        domains.set(d, o.key);
      }
      for (const n of [o.name, ...o.aliases]) {
        const k = /^\s*the\s+/i.test(n) ? `the${normaliseName(n)}` : normaliseName(n);
        expect(names.get(k) ?? o.key, `"${n}" names ${names.get(k)} and ${o.key}`).toBe(o.key);
        names.set(k, o.key);
      }
    }
  });
});
