/**
 * Sentence segmentation inside paragraphs. A sentence ends at `.`, `!`, `?`, `…` (and the Arabic
 * `؟`), after any closing quotes or brackets, when the next sentence visibly starts (a capital, a
 * caseless-script letter, a digit or an opening quote). Abbreviations, initials and acronyms are
 * told apart using the lists in `abbreviations.json`.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../model/message.js';

interface Terms {
  readonly terms: readonly string[];
  readonly reason: string;
}
interface AbbreviationsFile {
  readonly titles: Terms;
  readonly beforeNumbers: Terms;
  readonly ambiguous: Terms;
  readonly sentenceStarters: Terms;
  readonly ordinalBefore: Terms;
  readonly months: Terms;
}

const FILE = JSON.parse(readFileSync(new URL('./abbreviations.json', import.meta.url), 'utf8')) as AbbreviationsFile;
const lower = (t: Terms): ReadonlySet<string> => new Set(t.terms.map((s) => s.toLowerCase()));
const TITLES = lower(FILE.titles);
const BEFORE_NUMBERS = lower(FILE.beforeNumbers);
const AMBIGUOUS = lower(FILE.ambiguous);
const STARTERS = lower(FILE.sentenceStarters);
const ORDINAL_BEFORE = lower(FILE.ordinalBefore);
const MONTHS = lower(FILE.months);

// A run of terminators, then closing quotes/brackets (French sets a space before "»"), then the
// whitespace before the next sentence. The run is matched only from its first terminator (the
// lookbehind): a run not followed by whitespace fails at its start, and trying it again from
// each later terminator would cost the run's length each time (a run of 100,000 dots: 15 s).
// German closes with “ ‘ and guillemets pointing inwards (« ‹ after „…“-style text, » in Swiss usage).
const CANDIDATE = /(?<![.!?…؟。])([.!?…؟。]+)((?:[\u00A0\u202F ]?»|["”’')\]“‘«›‹])*)(\s+)/gu;

/**
 * Sentence spans of `text`, in order, each inside one paragraph (never crossing a paragraph
 * boundary) and trimmed of surrounding whitespace. Text outside `paragraphs` is ignored.
 */
export function segmentSentences(text: string, paragraphs: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs) {
    const para = text.slice(p.start, p.end);
    let from = 0;
    for (const m of para.matchAll(CANDIDATE)) {
      const end = m.index + m[1]!.length + m[2]!.length;
      // Only the word just before the terminator and the start of the next sentence matter:
      // bounded windows keep this linear.
      const next = para.slice(end + m[3]!.length, end + m[3]!.length + WORD_WINDOW);
      if (!endsSentence(para.slice(Math.max(0, m.index - WORD_WINDOW), m.index), m[1]!, m[2]!, next)) continue;
      push(out, para, p.start, from, end);
      from = end + m[3]!.length;
    }
    push(out, para, p.start, from, para.length);
  }
  return out;
}

/** Longest word (abbreviation, acronym, initial) looked at before a period, and after it. */
const WORD_WINDOW = 64;

function push(out: Span[], para: string, base: number, from: number, to: number): void {
  let s = from;
  let e = to;
  while (s < e && /\s/u.test(para[s]!)) s++;
  while (e > s && /\s/u.test(para[e - 1]!)) e--;
  if (e > s) out.push({ start: base + s, end: base + e });
}

/** Decide whether the terminator run `term` (with closers) between `before` and `next` ends a sentence. */
function endsSentence(before: string, term: string, closers: string, next: string): boolean {
  const first = next.charAt(0);
  const nextWord = /^[\p{L}\p{N}]+/u.exec(next)?.[0] ?? '';
  const opensSentence = /^[\p{Lu}\p{Lo}\p{N}"“‘'«»„‚›([¿¡]/u.test(next);
  if (!opensSentence) return false;
  if (/[!?؟。]/u.test(term)) return true;
  if (term === '…' || term.length >= 3) return /^[\p{Lu}\p{Lo}"“‘«]/u.test(first);
  // A single period.
  if (closers !== '') return true;
  const word = /([\p{L}\p{N}'’.-]*)$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/^['’]+/, '');
  const key = bare.toLowerCase();
  if (bare === '') return true;
  if (/^\p{N}+$/u.test(bare)) {
    // German ordinals: "am 3. Oktober", "die 50. Preisverleihung", "1. FC".
    if (bare.length <= 2 && MONTHS.has(nextWord.toLowerCase())) return false;
    const prev = /([\p{L}]+)\s+[\p{N}]+$/u.exec(before)?.[1]?.toLowerCase();
    return !(bare.length <= 3 && prev !== undefined && ORDINAL_BEFORE.has(prev));
  }
  // A single lower-case letter is part of an abbreviation ("z. B.", "d. h.", "u. a.").
  if (/^\p{Ll}$/u.test(bare)) return false;
  // Initials: "J. R. Smith".
  if (/^\p{Lu}$/u.test(bare)) return false;
  if (TITLES.has(key)) return false;
  if (BEFORE_NUMBERS.has(key) && /^\p{N}/u.test(first)) return false;
  // Acronyms written with dots ("U.S.", "a.m.") and ambiguous abbreviations end a sentence only
  // when a usual opener follows.
  if (/\p{L}\.\p{L}/u.test(bare) || AMBIGUOUS.has(key)) return STARTERS.has(nextWord.toLowerCase());
  return true;
}

/** The index of the span (sorted, disjoint: sentences, paragraphs) holding offset `at`, or -1; a binary search. */
export function spanIndexAt(spans: readonly Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The first index in [0, n) where `holds` (false, then true, along the index) is true, or n; a binary search. */
export function firstAtLeast(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
