/**
 * Renderings in different languages compared through the bilingual lexicon: each content word of
 * a non-English rendering carries, besides its own stem (names and numbers match as written),
 * the English stems of its dictionary translations. For one pair, a word takes the first of its
 * keys the other rendering also has ({@link bridge}), so "ferment" meets "close" when the English
 * says "close", and the usual overlap, order and alignment then run unchanged on the pair.
 */
import type { Lexicon } from '../../text/lexicon/index.js';
import { baseLanguage, words, type Analysed, type Word } from './similarity.js';

const NUMBER = /^\p{N}[\p{N}.,]*$/u;

/** A rendering with, per word, the keys it may match by: its own stem first, then its translations' English stems. */
export interface Glossed {
  readonly analysed: Analysed;
  readonly language: string;
  readonly keys: readonly (readonly string[])[];
}

/** Gloss a rendering of `language` (English words keep their stem only). */
export function gloss(analysed: Analysed, language: string | undefined, lexicon: Lexicon | undefined): Glossed {
  const code = baseLanguage(language);
  const keys = analysed.words.map((w) => {
    if (code === 'en' || !lexicon || !w.content || NUMBER.test(w.text)) return [w.stem];
    const english = lexicon.translate(w.text, code).flatMap((phrase) => words(phrase).filter((x) => x.content).map((x) => x.stem));
    return [...new Set([w.stem, ...english])];
  });
  return { analysed, language: code, keys };
}

/** A pair after bridging: each side's words re-keyed towards the other, and which words were matched through a translation. */
export interface Bridged {
  readonly a: Analysed;
  readonly b: Analysed;
}

/** Re-key `x` towards `other`: each word takes its first key that `other` has among its keys, else its own stem. */
function towards(x: Glossed, otherKeys: ReadonlySet<string>): Analysed {
  const ws: Word[] = x.analysed.words.map((w, i) => {
    const k = x.keys[i]!.find((key) => otherKeys.has(key));
    return k === undefined || k === w.stem ? w : { ...w, stem: k };
  });
  return { words: ws, content: ws.filter((w) => w.content).map((w) => w.stem), numbers: x.analysed.numbers };
}

const keySet = (x: Glossed): Set<string> => {
  const s = new Set<string>();
  x.keys.forEach((ks, i) => {
    if (x.analysed.words[i]!.content) for (const k of ks) s.add(k);
  });
  return s;
};

/** Bridge two renderings in different languages (see the module comment); same-language pairs are returned as they are. */
export function bridge(a: Glossed, b: Glossed): Bridged {
  if (a.language === b.language) return { a: a.analysed, b: b.analysed };
  const ka = keySet(a);
  const kb = keySet(b);
  return { a: towards(a, kb), b: towards(b, ka) };
}
