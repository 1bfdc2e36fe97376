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

/**
 * Re-key `x` towards `other`: each word takes its first key that `other` has among its keys; else,
 * when `cognatePrefix` > 0, the stem of an `other` word (not a number) sharing its first letters
 * (names' adjectives and cognates the dictionary lacks: "varesischen" / "Varesian", "estuario" /
 * "estuary"); else its own stem.
 */
function towards(x: Glossed, otherKeys: ReadonlySet<string>, otherStems: readonly string[], cognatePrefix: number): Analysed {
  const ws: Word[] = x.analysed.words.map((w, i) => {
    let k = x.keys[i]!.find((key) => otherKeys.has(key));
    if (k === undefined && cognatePrefix > 0 && w.content && w.stem.length >= cognatePrefix && !NUMBER.test(w.text)) {
      const prefix = w.stem.slice(0, cognatePrefix);
      k = otherStems.find((o) => o.length >= cognatePrefix && o.startsWith(prefix));
    }
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

/** Bridge two renderings in different languages (see the module comment); same-language pairs are returned as they are. `cognatePrefix`: letters two otherwise unmatched words must share to match (0: never). */
export function bridge(a: Glossed, b: Glossed, cognatePrefix = 0): Bridged {
  if (a.language === b.language) return { a: a.analysed, b: b.analysed };
  const ka = keySet(a);
  const kb = keySet(b);
  // b is re-keyed towards a's words as they stand, and a towards b's: a cognate takes the other side's own stem.
  const stemsA = a.analysed.words.filter((w) => w.content && !NUMBER.test(w.text)).map((w) => w.stem);
  const b2 = towards(b, ka, stemsA, cognatePrefix);
  const a2 = towards(a, kb, [], 0);
  return { a: a2, b: b2 };
}
