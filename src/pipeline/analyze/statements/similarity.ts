/**
 * How alike two renderings of a quote are: shared content stems, the longest common subsequence
 * of them (same order), agreement on numbers, and containment for trimmed (partial) quotes.
 * The weights and thresholds are in `rules.json` beside this module, each with its reason.
 */
import { readFileSync } from 'node:fs';

/** The shape of `rules.json`. */
export interface StatementRules {
  readonly threshold: { readonly value: number; readonly anchorFloor: number; readonly reason: string };
  readonly weights: { readonly overlap: number; readonly order: number; readonly reason: string };
  readonly partial: { readonly minWords: number; readonly discount: number; readonly reason: string };
  readonly numberMismatch: { readonly factor: number; readonly reason: string };
  readonly minContentWords: { readonly value: number; readonly reason: string };
  readonly stopwords: { readonly reason: string; readonly words: readonly string[] };
  readonly suffixes: { readonly reason: string; readonly endings: readonly string[] };
  /** Function words of other languages, by ISO 639-1 code (absent: English rules). */
  readonly languages?: { readonly reason: string } & Readonly<Record<string, { readonly reason: string; readonly stopwords: readonly string[]; readonly elisions?: readonly string[] } | string>>;
  /** The threshold for renderings in different languages, compared through the lexicon. */
  readonly crossLanguage?: {
    readonly threshold: number;
    readonly overlap: number;
    readonly order: number;
    readonly cognatePrefix: number;
    readonly reason: string;
    readonly speakers: { readonly folds: readonly (readonly [string, string])[]; readonly minLength: number; readonly reason: string };
  };
}

/** The shipped rules. */
export const RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as StatementRules;

const STOP = new Set(RULES.stopwords.words);
const STOP_BY_LANGUAGE = new Map<string, ReadonlySet<string>>(
  Object.entries(RULES.languages ?? {}).flatMap(([code, v]) => (typeof v === 'string' ? [] : [[code, new Set(v.stopwords)] as const])),
);

const ELISIONS = new Map<string, RegExp>(
  Object.entries(RULES.languages ?? {}).flatMap(([code, v]) =>
    typeof v === 'string' || !v.elisions?.length ? [] : [[code, new RegExp(`^(?:${v.elisions.map((e) => e.replace(/'/gu, '')).join('|')})['’]`, 'u')] as const],
  ),
);

/** Base language of a tag (`fr-CA` -> `fr`); English when absent. */
export const baseLanguage = (language: string | undefined): string => (language ?? 'en').toLowerCase().split(/[-_]/u)[0] || 'en';
const ENDINGS = [...RULES.suffixes.endings].sort((a, b) => b.length - a.length);
const WORD = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu;
const NUMBER = /^\p{N}[\p{N}.,]*$/u;

/** One word of a rendering with its offsets in the text it was read from. */
export interface Word {
  /** As written. */
  readonly text: string;
  /** Its comparison key: lower case, no possessive, inflection stripped (numbers as digits only). */
  readonly stem: string;
  readonly start: number;
  readonly end: number;
  /** False for function words ("the", "of"); acronyms in capitals (US, UN) always count. */
  readonly content: boolean;
}

/** A rendering prepared for comparison. */
export interface Analysed {
  readonly words: readonly Word[];
  /** Stems of the content words, in order. */
  readonly content: readonly string[];
  readonly numbers: ReadonlySet<string>;
}

/** The comparison key of one word (see {@link Word.stem}). */
export function stem(word: string): string {
  // Thousands separators dropped; a decimal comma (French, German, Spanish "2,6") read as a point.
  if (NUMBER.test(word)) return word.replace(/[.,](?=\d{3}\b)/gu, '').replace(/,/gu, '.');
  const w = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]s$/u, '').replace(/['’]/gu, '');
  for (const e of ENDINGS) if (w.endsWith(e) && w.length - e.length >= 3) return w.slice(0, -e.length);
  return w;
}

/** Words of `text`, with offsets shifted by `base` (the text's position in its article); function words of `language` (ISO 639-1, English by default) are not content. */
export function words(text: string, base = 0, language?: string): Word[] {
  const out: Word[] = [];
  const code = baseLanguage(language);
  const stop = STOP_BY_LANGUAGE.get(code) ?? STOP;
  const elided = ELISIONS.get(code);
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/[.,]$/u, '');
    const lower = raw.toLowerCase();
    const acronym = raw.length >= 2 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
    const key = elided ? lower.replace(elided, '') : lower.replace(/['’]s$/u, '');
    out.push({ text: raw, stem: stem(elided ? raw.replace(elided, '') : raw), start: base + m.index, end: base + m.index + raw.length, content: acronym || !stop.has(key) });
  }
  return out;
}

/** Prepare pieces of one rendering (an interrupted quote has several) for comparison. */
export function analyse(pieces: readonly { readonly text: string; readonly start: number }[], language?: string): Analysed {
  const all = pieces.flatMap((p) => words(p.text, p.start, language));
  return {
    words: all,
    content: all.filter((w) => w.content).map((w) => w.stem),
    numbers: new Set(all.filter((w) => NUMBER.test(w.text)).map((w) => w.stem)),
  };
}

/** Length of the longest common subsequence of two sequences. */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** The score of a pair and what it is made of. */
export interface Similarity {
  /** 0..1: the larger of the whole-to-whole and the partial (containment) score, after the number check. */
  readonly score: number;
  /** Dice overlap of the content-stem sets. */
  readonly overlap: number;
  /** Share of the shorter rendering's content stems found in the longer. */
  readonly containment: number;
  /** Longest common subsequence of content stems over the longer and the shorter length. */
  readonly orderLong: number;
  readonly orderShort: number;
  /** False when both give numbers and share none. */
  readonly numbersAgree: boolean;
  /** Which score won. */
  readonly kind: 'whole' | 'partial';
}

/** How alike two renderings are (symmetric). */
export function similarity(a: Analysed, b: Analysed, rules: StatementRules = RULES): Similarity {
  const sa = new Set(a.content);
  const sb = new Set(b.content);
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  const shortLen = Math.min(a.content.length, b.content.length);
  const longLen = Math.max(a.content.length, b.content.length);
  const overlap = sa.size + sb.size === 0 ? 0 : (2 * shared) / (sa.size + sb.size);
  const containment = Math.min(sa.size, sb.size) === 0 ? 0 : shared / Math.min(sa.size, sb.size);
  const lcs = lcsLength(a.content, b.content);
  const orderLong = longLen === 0 ? 0 : lcs / longLen;
  const orderShort = shortLen === 0 ? 0 : lcs / shortLen;
  const { overlap: wo, order: wr } = rules.weights;
  const whole = (wo * overlap + wr * orderLong) / (wo + wr);
  const partial = shortLen >= rules.partial.minWords ? (rules.partial.discount * (wo * containment + wr * orderShort)) / (wo + wr) : 0;
  const numbersAgree = a.numbers.size === 0 || b.numbers.size === 0 || [...a.numbers].some((n) => b.numbers.has(n));
  const best = Math.max(whole, partial);
  return {
    score: numbersAgree ? best : best * rules.numberMismatch.factor,
    overlap,
    containment,
    orderLong,
    orderShort,
    numbersAgree,
    kind: partial > whole ? 'partial' : 'whole',
  };
}
