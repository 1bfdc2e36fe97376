/**
 * Naming at the root: a text read from a file (no URL, no site name) is labelled by the outlet it
 * is recognised as, else `Unknown outlet N`; the file name is never a label, and the resolver
 * still reads the article as it was (same outlet, basis and evidence).
 */
import { describe, expect, it } from 'vitest';
import { nameFileLabels, resolveArticleOutlets, type OutletArticle } from '../../src/pipeline/analyze/outlets/index.js';
import { createOutletRegistry, parseOutlets } from '../../src/pipeline/dedup/outlets.js';

const registry = createOutletRegistry(
  parseOutlets(JSON.stringify({ outlets: [{ key: 'osk-wire.example', name: 'Osk Wire', kind: 'agency', country: 'XB', aliases: ['OSK'] }] }), 'fixture'),
);
const span = { start: 0, end: 0 };
const article = (id: string, more: Partial<OutletArticle> = {}): OutletArticle => ({ id, site: `${id}.txt`, familyId: `fam_${id}`, credits: [], ...more });

describe('naming file-read articles at the root', () => {
  const given = [
    article('a1', { credits: [{ name: 'OSK', role: 'dateline', span }] }),
    article('a2', { site: 'notes.jsonl#2' }),
    article('a3', { site: 'notes.jsonl#3' }),
    article('a4', { familyId: 'fam_a1' }),
    article('a5', { site: 'Brenna Times', url: 'https://brenna.example/x' }),
  ];
  const named = nameFileLabels(given, registry);

  it('labels a recognised outlet by its name (also through its family) and the rest Unknown outlet N, one per file label', () => {
    expect(named.map((a) => a.site)).toEqual(['Osk Wire', 'Unknown outlet 1', 'Unknown outlet 2', 'Osk Wire', 'Brenna Times']);
    expect(named.map((a) => a.fileLabel)).toEqual(['a1.txt', 'notes.jsonl#2', 'notes.jsonl#3', 'a4.txt', undefined]);
  });

  it('resolves the named articles exactly as before naming', () => {
    expect(resolveArticleOutlets(named, registry)).toEqual(resolveArticleOutlets(given, registry));
  });
});
