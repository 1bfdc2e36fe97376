/**
 * Search words: how an article's title and text become the set of words its `search` filter
 * matches, and how query words are put in the same form.
 *
 * A word is a run of letters, digits and combining marks, as the query side splits it
 * (`toFilterKeys`). Both sides are folded the same way: decomposed, combining marks removed, lower
 * case (final sigma as sigma), cut to `maxWordLength` characters. So matching is whole-word, case- and
 * diacritic-insensitive, independent of the server's locale and of optional extensions
 * (`unaccent`), and never reads query syntax: each word is compared as a value.
 */
import { PG_SETTINGS } from './settings.js';

const MAX_WORD = PG_SETTINGS.maxWordLength.value;
const MARKS = /\p{M}+/gu;
/** Words of folded text: marks are gone, so letters and digits are all a word is made of. */
const FOLDED_WORD = /[\p{L}\p{N}]+/gu;

/**
 * Text folded for comparison: decomposed, combining marks removed, lower case, final sigma as
 * sigma. Removing marks never splits or joins words, since a mark only ever sits inside a word.
 */
function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replaceAll('ς', 'σ').normalize('NFC');
}

/** A folded word cut to the indexed length. */
function cut(word: string): string {
  if (word.length <= MAX_WORD) return word;
  const chars = Array.from(word);
  return chars.length > MAX_WORD ? chars.slice(0, MAX_WORD).join('') : word;
}

/** One word in its folded form; empty when nothing but combining marks was given. */
export function foldWord(word: string): string {
  return cut(fold(word));
}

/** The distinct folded words of some texts, in order of first occurrence. */
export function indexWords(...texts: readonly (string | null)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (text === null) continue;
    for (const word of fold(text).match(FOLDED_WORD) ?? []) words.add(cut(word));
  }
  return [...words];
}

/** Query words folded for comparison with {@link indexWords}; words that fold to nothing are dropped. */
export function queryWords(words: readonly string[]): string[] {
  return [...new Set(words.map(foldWord).filter((w) => w !== ''))];
}
