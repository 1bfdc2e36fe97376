/**
 * Search words: how an article's title and text become the set of words its `search` filter
 * matches, and how query words are put in the same form.
 *
 * A word is a run of letters, digits and combining marks, as the query side splits it
 * (`toFilterKeys`). Both sides are folded the same way: decomposed, combining marks removed, lower
 * case, cut to `maxWordLength` characters. So matching is whole-word, case- and
 * diacritic-insensitive, independent of the server's locale and of optional extensions
 * (`unaccent`), and never reads query syntax: each word is compared as a value.
 */
import { PG_SETTINGS } from './settings.js';

const MAX_WORD = PG_SETTINGS.maxWordLength.value;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

/** One word in its folded form; empty when nothing but combining marks was given. */
export function foldWord(word: string): string {
  const folded = word.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFC');
  const chars = Array.from(folded);
  return chars.length > MAX_WORD ? chars.slice(0, MAX_WORD).join('') : folded;
}

/** The distinct folded words of some texts, in order of first occurrence. */
export function indexWords(...texts: readonly (string | null)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (text === null) continue;
    for (const word of text.normalize('NFC').match(WORD) ?? []) {
      const folded = foldWord(word);
      if (folded !== '') words.add(folded);
    }
  }
  return [...words];
}

/** Query words folded for comparison with {@link indexWords}; words that fold to nothing are dropped. */
export function queryWords(words: readonly string[]): string[] {
  return [...new Set(words.map(foldWord).filter((w) => w !== ''))];
}
