/**
 * Tokens: words, numbers and punctuation with their offsets. Deterministic, so later stages can
 * recompute tokens from an article's text instead of storing them.
 */

/** One token; `text` is always `source.slice(start, end)`. */
export interface Token {
  readonly kind: 'word' | 'number' | 'punct';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Order matters: dotted acronyms ("U.S."), then alphanumerics that start with a digit ("2nd"),
// then numbers with inner separators ("1,200.5", "10:30"), then words with inner apostrophes or
// hyphens ("al-Harbi", "don't"; ZWNJ for Persian), then any other single non-space character.
// matchAll copies the expression, so this module-level constant is never mutated.
const TOKEN =
  /(?<word>\p{L}(?:\.\p{L})+\.?|\p{N}+\p{L}[\p{L}\p{N}]*|[\p{L}\p{M}][\p{L}\p{M}\p{N}\u200C\u200D]*(?:['’\u2010-][\p{L}\p{M}\p{N}\u200C\u200D]+)*)|(?<number>\p{N}+(?:[.,:]\p{N}+)*)|(?<punct>[^\s\p{L}\p{M}\p{N}])/gu;

/** Split text into word, number and punctuation tokens, in order, with UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const kind = m.groups?.word !== undefined ? 'word' : m.groups?.number !== undefined ? 'number' : 'punct';
    out.push({ kind, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// The word alternative of TOKEN alone, for counting without building tokens.
const WORD = /\p{L}(?:\.\p{L})+\.?|\p{N}+\p{L}[\p{L}\p{N}]*|[\p{L}\p{M}][\p{L}\p{M}\p{N}\u200C\u200D]*(?:['’\u2010-][\p{L}\p{M}\p{N}\u200C\u200D]+)*|(?<number>\p{N}+(?:[.,:]\p{N}+)*)/gu;

/** The number of `word` tokens {@link tokenize} would return, without allocating them. */
export function countWords(text: string): number {
  let n = 0;
  for (const m of text.matchAll(WORD)) if (m.groups?.number === undefined) n++;
  return n;
}
