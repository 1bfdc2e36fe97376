/**
 * Speakers across scripts: a speaker's phrase written in Arabic or Cyrillic script ("وزير الداخلية في لوفيا
 * أنسلم روفيتش", "دوفال", "министр Лавров") is matched to the one person of the story whose Latin name it
 * transliterates, by consonant skeletons (the clusterer's `skeleton`: vowels dropped, consonant
 * classes that transliterations swap merged), so that one statement's Arabic and English
 * renderings have one speaker. Arabic writes no capitals, so the phrase's role words and names are
 * not told apart first: every word is tried, and a person matches when a word of the phrase
 * transliterates the surname (and, when written, the word before it the given name). A match must
 * be unique; the evidence gives both forms and the skeleton they share.
 */
import type { Entity } from '../../../model/quote.js';
import { fold, skeleton } from '../../cluster/neutral.js';

/** Scripts whose names are matched to Latin ones here: Arabic and Cyrillic. */
const OTHER_SCRIPT = /[\u0600-\u06ff\u0400-\u04ff]/u;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/u;
/** Shortest surname skeleton matched on its own: two consonants ("ld", "rn") agree by chance too often. */
const MIN_SURNAME_KEY = 3;

/** Whether a phrase is written (at least partly) in Arabic or Cyrillic script. */
export function inOtherScript(phrase: string): boolean {
  return OTHER_SCRIPT.test(phrase);
}

/**
 * A name word's key for comparison across scripts: its skeleton, with the sounds Arabic writes
 * as two letters and Latin as one merged: تش (t + sh) for the "ch" of a Slavic "-ić" ending
 * (Rović, written Rovic without its accent: روفيتش).
 */
export function scriptKey(word: string): string {
  let k = skeleton(word);
  if (ARABIC_SCRIPT.test(word)) return k.replace(/tx/gu, 'x');
  if (/i[cć]$/u.test(fold(word)) || /ić$/u.test(word)) k = k.replace(/k$/u, 'x');
  return k;
}

export interface ScriptMatch {
  readonly personId: string;
  /** The words of the phrase that name the person, as written. */
  readonly form: string;
  /** The shared skeleton(s), e.g. `nslm rfx`. */
  readonly key: string;
}

/**
 * The one person of `people` (Latin-script names) an Arabic-script speaker phrase names, or
 * undefined when none or several do equally well.
 */
export function matchAcrossScripts(phrase: string, people: readonly Entity[]): ScriptMatch | undefined {
  const words = phrase.split(/[\s،,]+/u).filter((w) => OTHER_SCRIPT.test(w));
  if (words.length === 0) return undefined;
  const keys = words.map(scriptKey);
  let best: { match: ScriptMatch; strength: number } | undefined;
  let tied = false;
  for (const p of people) {
    if (p.kind !== 'person' || OTHER_SCRIPT.test(p.name)) continue;
    const parts = p.name.split(/\s+/u).filter((w) => /\p{L}/u.test(w));
    if (parts.length === 0) continue;
    const surname = scriptKey(parts[parts.length - 1]!);
    const given = parts.length > 1 ? scriptKey(parts[0]!) : undefined;
    if (surname === '') continue;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] !== surname) continue;
      const withGiven = given !== undefined && given !== '' && j > 0 && keys[j - 1] === given;
      if (!withGiven && surname.length < MIN_SURNAME_KEY) continue;
      const strength = withGiven ? 2 : 1;
      const match: ScriptMatch = { personId: p.id, form: words.slice(withGiven ? j - 1 : j, j + 1).join(' '), key: withGiven ? `${given} ${surname}` : surname };
      if (!best || strength > best.strength) {
        best = { match, strength };
        tied = false;
      } else if (strength === best.strength && best.match.personId !== p.id) tied = true;
    }
  }
  return best && !tied ? best.match : undefined;
}
