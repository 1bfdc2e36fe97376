/**
 * Features of one article for story clustering: word stems, names (capitalised words and
 * phrases) and numbers, each as a sublinear term-frequency vector. Pure and deterministic; the word lists come
 * from `words.json` beside this file.
 */
import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';

interface TermList {
  readonly terms: readonly string[];
  readonly reason: string;
}
interface WordsFile {
  readonly stopWords: TermList;
  readonly nameStopWords: TermList;
  /** Names of each day of the week, Monday first, in several languages. */
  readonly weekdays: { readonly terms: readonly (readonly string[])[]; readonly reason: string };
}

const WORDS = JSON.parse(readFileSync(new URL('./words.json', import.meta.url), 'utf8')) as WordsFile;
const STOP = new Set(WORDS.stopWords.terms);
/** Day name → 0 (Monday) … 6 (Sunday). */
const WEEKDAY = new Map(WORDS.weekdays.terms.flatMap((names, day) => names.map((n) => [n, day] as const)));
/** A day name is no name either: it is read as the lead's day. */
const NAME_STOP = new Set([...WORDS.nameStopWords.terms, ...WEEKDAY.keys()]);

/** Prefix of name features, so they never collide with word stems. */
export const NAME_PREFIX = 'n:';
/** Prefix of number features. */
export const NUMBER_PREFIX = '#';

/** A sparse vector: feature → weight. */
export type Vector = Map<string, number>;

/** What the clusterer compares: word stems and names, each as sublinear tf (`1 + ln tf`). */
export interface ArticleFeatures {
  /** Word stems (stop words removed), headline occurrences weighted. */
  readonly words: Vector;
  /** Names: `n:` + lower-cased name, each multiword name also by its parts. */
  readonly names: Vector;
  /** Numbers of two or more characters, as written without thousands separators: `#2008`, `#7.9`. */
  readonly numbers: Vector;
  /** A readable form for each feature (first surface form seen), for evidence. */
  readonly surface: Map<string, string>;
  /** Days of the week the headline and lead name, as bits (Monday = bit 0): the day the event happened. */
  readonly weekdays: number;
  /** Numbers the headline and lead give, as number features (`#2008`). */
  readonly leadNumbers: readonly string[];
  /** Words and numbers read from the body (at most `maxWords` words). */
  readonly length: number;
}

export interface FeatureOptions {
  /** Each headline occurrence counts as this many body occurrences. */
  readonly titleWeight: number;
  /** Capitalised tokens shorter than this are initials, not names on their own. */
  readonly minNameLength: number;
  /** The first this many sentences of the body are its lead… */
  readonly leadSentences: number;
  /** …and each of their occurrences counts this many times. */
  readonly leadWeight: number;
  /** Only the first this many words of the body are read (a story is recognised by its opening). */
  readonly maxWords: number;
}

// Words (letters, marks, inner digits, an inner apostrophe), or numbers with inner separators.
// matchAll copies the expression, so this module-level constant is never mutated.
const TOKEN = /(?<word>\p{L}[\p{L}\p{M}\p{N}]*(?:['’]\p{L}+)?)|(?<number>\p{N}+(?:[.,]\p{N}+)*)/gu;
const UPPER = /^\p{Lu}/u;
const SENTENCE_END = /[.!?\n]/;
const POSSESSIVE = /['’]s$/u;

interface Tok {
  readonly text: string;
  readonly lower: string;
  readonly isNumber: boolean;
  readonly capital: boolean;
  /** First word of a sentence (or of the text): its capital says nothing. */
  readonly initial: boolean;
  /** Only spaces (or an initial's dot) separate it from the previous token: a name may continue. */
  readonly joined: boolean;
  /** 0-based index of its sentence. */
  readonly sentence: number;
}

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  let last = 0;
  let sentence = 0;
  for (const m of text.matchAll(TOKEN)) {
    const gap = text.slice(last, m.index);
    last = m.index + m[0].length;
    const isNumber = m.groups?.number !== undefined;
    const raw = isNumber ? m[0] : m[0].replace(POSSESSIVE, '');
    const initial = out.length === 0 || SENTENCE_END.test(gap);
    if (initial && out.length > 0) sentence++;
    out.push({
      text: raw,
      lower: raw.toLowerCase(),
      isNumber,
      capital: !isNumber && UPPER.test(raw),
      initial,
      sentence,
      joined: out.length > 0 && /^\.? +$|^ *$/.test(gap) && gap.length <= 2,
    });
  }
  return out;
}

/** True when most longer words of a line are capitalised (a Title Case headline), so capitals mark no names. */
function isTitleCase(toks: readonly Tok[]): boolean {
  let long = 0;
  let caps = 0;
  for (const t of toks) {
    if (t.isNumber || t.text.length < 4) continue;
    long++;
    if (t.capital) caps++;
  }
  return long >= 3 && caps / long >= 0.6;
}

function bump(v: Vector, key: string, by: number): void {
  v.set(key, (v.get(key) ?? 0) + by);
}

function addWords(toks: readonly Tok[], weight: (t: Tok) => number, words: Vector, surface: Map<string, string>): void {
  for (const t of toks) {
    if (t.isNumber || t.lower.length < 2 || STOP.has(t.lower)) continue;
    const stem = stemmer(t.lower);
    bump(words, stem, weight(t));
    if (!surface.has(stem)) surface.set(stem, t.lower);
  }
}

/** The number feature of a token (`#2008`, thousands separators dropped), or undefined for a word or a one-digit number. */
function numberKey(t: Tok): string | undefined {
  if (!t.isNumber) return undefined;
  const n = t.text.replace(/,/g, '');
  return n.length >= 2 ? NUMBER_PREFIX + n : undefined;
}

function addNames(
  toks: readonly Tok[],
  weight: (t: Tok) => number,
  capitalsAreNames: boolean,
  opts: FeatureOptions,
  out: { names: Vector; numbers: Vector; surface: Map<string, string> },
): void {
  const { names, numbers, surface } = out;
  const add = (key: string, form: string, at: Tok): void => {
    const k = NAME_PREFIX + key;
    bump(names, k, weight(at));
    if (!surface.has(k)) surface.set(k, form);
  };
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.isNumber) {
      const k = numberKey(t);
      if (k !== undefined) {
        bump(numbers, k, weight(t));
        if (!surface.has(k)) surface.set(k, t.text);
      }
      i++;
      continue;
    }
    if (!capitalsAreNames || !t.capital) {
      i++;
      continue;
    }
    // A run of capitalised tokens separated only by spaces is one name.
    let j = i + 1;
    while (j < toks.length && toks[j]!.capital && toks[j]!.joined) j++;
    const run = toks.slice(i, j).filter((x) => !NAME_STOP.has(x.lower) && !STOP.has(x.lower));
    i = j;
    const parts = run.filter((x) => x.text.length >= opts.minNameLength);
    if (parts.length === 0) continue;
    // A lone capitalised word opening a sentence may be any word.
    if (run.length === 1 && run[0]!.initial) continue;
    for (const p of parts) add(p.lower, p.text, p);
    if (parts.length > 1) add(parts.map((p) => p.lower).join(' '), parts.map((p) => p.text).join(' '), parts[0]!);
  }
}

const WORD_RUN = /\S+/g;

/** The text up to the end of its `max`-th whitespace-separated word (all of it when shorter): linear in what is kept. */
export function openingWords(text: string, max: number): string {
  if (text.length <= max * 2) return text;
  const re = new RegExp(WORD_RUN.source, 'g');
  let end = 0;
  for (let i = 0; i < max; i++) {
    const m = re.exec(text);
    if (m === null) return text;
    end = re.lastIndex;
  }
  return text.slice(0, end);
}

function sublinear(v: Vector): Vector {
  for (const [k, tf] of v) v.set(k, 1 + Math.log(tf));
  return v;
}

/** The features of one article (headline optional). */
export function articleFeatures(title: string | undefined, text: string, opts: FeatureOptions): ArticleFeatures {
  const words: Vector = new Map();
  const names: Vector = new Map();
  const numbers: Vector = new Map();
  const surface = new Map<string, string>();
  const out = { names, numbers, surface };
  let weekdays = 0;
  const leadNumbers = new Set<string>();
  const numbersIn = (toks: readonly Tok[]): void => {
    for (const t of toks) {
      const k = numberKey(t);
      if (k !== undefined) leadNumbers.add(k);
    }
  };
  if (title !== undefined && title.trim() !== '') {
    const tt = tokens(openingWords(title, opts.maxWords));
    const inTitle = (): number => opts.titleWeight;
    addWords(tt, inTitle, words, surface);
    addNames(tt, inTitle, !isTitleCase(tt), opts, out);
    weekdays |= weekdaysIn(tt);
    numbersIn(tt);
  }
  const bt = tokens(openingWords(text, opts.maxWords));
  const inBody = (t: Tok): number => (t.sentence < opts.leadSentences ? opts.leadWeight : 1);
  addWords(bt, inBody, words, surface);
  addNames(bt, inBody, true, opts, out);
  const leadEnd = bt.findIndex((t) => t.sentence >= opts.leadSentences);
  const leadToks = leadEnd < 0 ? bt : bt.slice(0, leadEnd);
  weekdays |= weekdaysIn(leadToks);
  numbersIn(leadToks);
  return { words: sublinear(words), names: sublinear(names), numbers: sublinear(numbers), surface, weekdays, leadNumbers: [...leadNumbers], length: bt.length };
}

/** The days of the week some tokens name, as bits (Monday = bit 0). */
function weekdaysIn(toks: readonly Tok[]): number {
  let bits = 0;
  for (const t of toks) {
    const day = WEEKDAY.get(t.lower);
    if (day !== undefined) bits |= 1 << day;
  }
  return bits;
}
