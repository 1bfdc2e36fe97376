import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isParallaxError } from '../../src/errors.js';
import {
  alignPassages,
  buildFamilies,
  createDedup,
  createDedupIndex,
  createOutletRegistry,
  identifyOutlet,
  parseOutlets,
  readOutletsFile,
  relateArticles,
  type DedupInput,
} from '../../src/pipeline/dedup/index.js';
import { exactCopy, independent, original, partial, repost, rewrite } from './fixtures.js';
import { asArticle } from './support/article.js';

const all = [original, exactCopy, repost, partial, rewrite, independent];

describe('index', () => {
  it('flags an exact copy (case and spacing aside) as an exact duplicate', () => {
    const index = createDedupIndex();
    expect(index.add(original)).toEqual([]);
    const [m] = index.add(exactCopy);
    expect(m).toMatchObject({ queryId: 'art_exact', id: 'art_original', exact: true });
  });

  it('finds a partial copy by containment although their Jaccard is low', () => {
    const index = createDedupIndex();
    index.add(original);
    const m = index.add(partial).find((x) => x.id === 'art_original');
    expect(m).toBeDefined();
    expect(m!.jaccard).toBeLessThan(0.6);
    expect(m!.containment).toBeGreaterThan(0.8);
  });

  it('estimates a low Jaccard for an independent report on the same event that shares one quote', () => {
    const index = createDedupIndex();
    index.add(original);
    const m = index.add(independent).find((x) => x.id === 'art_original');
    // It may be a candidate (the shared quote holds anchors), but nothing suggests a copy.
    expect(m === undefined || (m.jaccard < 0.15 && m.containment < 0.5)).toBe(true);
  });

  it('keeps the index under 2 KB per article', () => {
    const index = createDedupIndex();
    for (let i = 0; i < 200; i++) index.add({ id: `a${i}`, text: `${original.text} variant ${i} ${'word'.repeat(i % 7)}` });
    const s = index.stats();
    expect(s.articles).toBe(200);
    expect(s.bytesUsed / s.articles).toBeLessThanOrEqual(2048);
  });
});

describe('relations', () => {
  it('labels an exact copy verbatim and says it is an exact duplicate', () => {
    const r = relateArticles(original, exactCopy);
    expect(r).toMatchObject({ originalId: 'art_original', copyId: 'art_exact', derivation: 'verbatim' });
    expect(r!.evidence[0]).toMatch(/exact duplicate/);
  });

  it('takes direction from the credit of a repost with an intro and an extra paragraph', () => {
    // Passed copy-first and without times: only the credit (and where the extra text stands) can decide.
    const r = relateArticles(repost, original);
    expect(r).toMatchObject({ originalId: 'art_original', copyId: 'art_repost', derivation: 'verbatim' });
    expect(r!.coverage).toBeGreaterThan(0.95);
    expect(r!.reuse).toBeLessThan(0.9);
    expect(r!.evidence.some((e) => e.includes('credits "velmar-gazette"'))).toBe(true);
  });

  it('labels a copy of some paragraphs partial', () => {
    const r = relateArticles(original, partial);
    expect(r).toMatchObject({ originalId: 'art_original', derivation: 'partial' });
    expect(r!.coverage).toBeLessThan(0.7);
    expect(r!.reuse).toBeGreaterThan(0.95);
  });

  it('labels a lightly reworded copy a rewrite', () => {
    expect(relateArticles(original, rewrite)).toMatchObject({ originalId: 'art_original', derivation: 'rewrite' });
  });

  it('does not relate two independent reports of the same event that share a quote', () => {
    expect(relateArticles(original, independent)).toBeUndefined();
  });

  it('takes direction from publication times when there is no credit', () => {
    const early: DedupInput = { ...partial, id: 'art_early', published: '2025-05-05T08:00:00Z' };
    const late: DedupInput = { ...original, id: 'art_late', url: undefined, siteName: undefined, published: '2025-05-06T12:00:00Z' };
    const r = relateArticles(late, early);
    expect(r).toMatchObject({ originalId: 'art_early', copyId: 'art_late' });
    expect(r!.evidence.some((e) => /published 1 day\(s\) before/.test(e))).toBe(true);
  });
});

describe('alignment', () => {
  it('gives spans that slice the same passage out of both texts for a verbatim copy', () => {
    const al = alignPassages(original, repost);
    expect(al.length).toBeGreaterThan(0);
    for (const a of al) {
      expect(repost.text.slice(a.copy.start, a.copy.end)).toBe(original.text.slice(a.original.start, a.original.end));
      expect(a.overlap).toBe(1);
    }
    // The copied passages cover the original's paragraphs, not the repost's intro.
    expect(repost.text.slice(al[0]!.copy.start)).toMatch(/^The harbour authority/);
  });

  it('aligns reworded sentences with their originals and reports less than full overlap', () => {
    const al = alignPassages(original, rewrite);
    const first = al[0]!;
    expect(original.text.slice(first.original.start, first.original.end)).toMatch(/^The harbour authority of Port Velmar approved/);
    expect(rewrite.text.slice(first.copy.start, first.copy.end)).toMatch(/^The harbour authority of Port Velmar backed/);
    expect(first.overlap).toBeLessThan(1);
    expect(first.overlap).toBeGreaterThan(0.7);
  });

  it('aligns each kept paragraph of a partial copy to its place in the original', () => {
    const al = alignPassages(original, partial);
    expect(al).toHaveLength(3);
    expect(original.text.slice(al[1]!.original.start, al[1]!.original.end)).toMatch(/^The fishing cooperative said/);
  });
});

describe('families', () => {
  it('puts the original and its four copies in one family and the independent report in another', () => {
    const fams = buildFamilies(all, undefined, { storyId: 'sty_test' });
    expect(fams).toHaveLength(2);
    const [copies, alone] = fams;
    expect(copies!.originalId).toBe('art_original');
    expect(Object.fromEntries(copies!.members.map((m) => [m.articleId, m.derivation]))).toEqual({
      art_original: 'original',
      art_exact: 'verbatim',
      art_repost: 'verbatim',
      art_partial: 'partial',
      art_rewrite: 'rewrite',
    });
    expect(alone!.members.map((m) => m.articleId)).toEqual(['art_independent']);
    expect(copies!.id).toMatch(/^fam_[0-9a-f]{16}$/);
    for (const m of copies!.members) expect(m.evidence.length).toBeGreaterThan(0);
  });

  it('counts every unrelated article as its own source', () => {
    expect(buildFamilies([original, independent])).toHaveLength(2);
  });

  it('gives the same families when matches come from an incremental index', () => {
    const index = createDedupIndex();
    const matches = all.flatMap((a) => index.add(a));
    expect(buildFamilies(all, matches).map((f) => f.members.length)).toEqual(buildFamilies(all).map((f) => f.members.length));
  });
});

describe('outlets', () => {
  it('identifies a listed outlet from its domain and a credit alias', () => {
    const reg = createOutletRegistry();
    expect(identifyOutlet({ url: 'https://english.aawsat.com/node/123' }, reg)?.name).toBe('Asharq Al-Awsat');
    expect(reg.byName('aawsat')?.key).toBe('aawsat.com');
    expect(reg.byName('(AFP)'.slice(1, -1))?.kind).toBe('agency');
  });

  it('names an unlisted outlet after its domain', () => {
    expect(identifyOutlet({ url: 'https://www.velmar-gazette.example/x' })).toMatchObject({ key: 'velmar-gazette.example' });
    expect(identifyOutlet({})).toBeUndefined();
  });

  it('adds outlets from a user file and rejects a malformed one', () => {
    const extra = parseOutlets(JSON.stringify({ outlets: [{ key: 'velmar.example', name: 'Velmar Wire', kind: 'agency', aliases: ['VW'] }] }), 'mine.json');
    const reg = createOutletRegistry(extra);
    expect(reg.byName('VW')?.name).toBe('Velmar Wire');
    expect(reg.byName('AFP')).toBeDefined();
    let caught: unknown;
    try {
      parseOutlets('{"outlets":[{"key":"x"}]}', 'bad.json');
    } catch (err) {
      caught = err;
    }
    expect(isParallaxError(caught, 'DEDUP_OUTLETS_INVALID')).toBe(true);
  });

  it('reads a user outlets file and says when it is missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-outlets-'));
    const file = path.join(dir, 'outlets.json');
    writeFileSync(file, JSON.stringify({ outlets: [{ key: 'oskar.example', name: 'Oskar Post', kind: 'outlet', aliases: ['Oskar'] }] }));
    expect(createOutletRegistry(readOutletsFile(file)).byName('Oskar')?.key).toBe('oskar.example');
    expect(() => readOutletsFile(path.join(dir, 'missing.json'))).toThrow(expect.objectContaining({ code: 'INPUT_NOT_FOUND' }));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('stage', () => {

  it('records a copy-of message whose span points at the reused passage of the copy', () => {
    const seen = new Map<string, DedupInput>();
    const dedup = createDedup({ lookup: (id) => seen.get(id) });
    const first = dedup({ value: asArticle(original), messages: [] });
    seen.set(original.id, original);
    expect(first.messages).toEqual([]);
    const second = dedup({ value: asArticle(partial), messages: [] });
    const msg = second.messages.find((m) => m.ruleId === 'copy-of');
    expect(msg).toMatchObject({ stage: 'dedup', severity: 'info', layer: 'text', data: { original: 'art_original', derivation: 'partial' } });
    expect(partial.text.slice(msg!.span!.start, msg!.span!.end).startsWith(msg!.excerpt!)).toBe(true);
    expect(original.text).toContain(partial.text.slice(msg!.span!.start, msg!.span!.end));
    expect(dedup.index.size).toBe(2);
  });
});
