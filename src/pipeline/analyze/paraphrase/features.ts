/**
 * Pairwise features for sentence equivalence: lexical overlap at word, stem, n-gram and character
 * level, order (longest common subsequence, edit distance), length, and agreement on numbers,
 * names and negation. Every feature is symmetric in its two sentences (directional measures are
 * reported as the min and max of both directions), so the judge's score is symmetric too.
 */
import { readFileSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { areSynonyms, type SynonymIndex } from './synonyms.js';

interface WordList {
  readonly reason: string;
  readonly words: readonly string[];
}

interface Lexicon {
  readonly stopwords: WordList;
  readonly negations: WordList;
  readonly contractions: { readonly reason: string; readonly map: Readonly<Record<string, string>> };
  readonly numberWords: { readonly reason: string; readonly map: Readonly<Record<string, string>> };
}

const lexicon = JSON.parse(readFileSync(new URL('./lexicon.json', import.meta.url), 'utf8')) as Lexicon;
const STOP = new Set(lexicon.stopwords.words);
const NEGATIONS = new Set(lexicon.negations.words);
const CONTRACTIONS = new Map(Object.entries(lexicon.contractions.map));
const NUMBER_WORDS = new Map(Object.entries(lexicon.numberWords.map));

/** The numbers spelled out that the lexicon knows ('seven', 'hundred'), lower-cased. */
export const SPELLED_NUMBERS: readonly string[] = [...NUMBER_WORDS.keys()];

/** A number spelled out ('seven', 'Twelve') as digits, or undefined. */
export function spelledNumber(word: string): string | undefined {
  return NUMBER_WORDS.get(word.toLowerCase());
}

/** Names of the features {@link pairFeatures} returns, in a fixed order. */
export const FEATURE_NAMES = [
  'stemMin', 'stemMax', 'wordMin', 'wordMax', 'contentMin', 'contentMax',
  'prefixMin', 'prefixMax',
  'bigramMin', 'bigramMax', 'trigramMin', 'trigramMax', 'fourgramMin', 'fourgramMax',
  'bleuMin', 'bleuMax',
  'char3Dice', 'char4Dice', 'char5Dice',
  'lcsMin', 'lcsMax', 'lcsCharMin', 'editNorm',
  'cosine',
  'lenRatio', 'lenDiffLog', 'lenLog',
  'unmatchedContentMin', 'unmatchedContentMax', 'unmatchedContentSum',
  'numberBoth', 'numberMismatch', 'numberMismatchAny', 'numberMatchAll',
  'nameMismatch', 'nameMatch',
  'negationMismatch',
  'quoteBoth', 'punctDiff',
  'weightedContentMin', 'weightedContentMax', 'unmatchedShareMax',
  'stemMinSq', 'contentMinSq', 'contentProduct', 'bleuProduct', 'char4Sq',
  'alignedShareMin',
  'numberSwap', 'numberSwapOverlap', 'negationFlip',
  'synContentMin', 'synContentMax', 'synUnmatchedSum', 'synPairs',
  'synContentMinSq', 'synContentProduct', 'synMinLenRatio',
  'gapMax', 'gapMin', 'gapShareMax', 'gapContentMax',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** One sentence, tokenised and normalised once so it can be compared with many others. */
export interface AnalysedSentence {
  /** Lower-cased word tokens, numbers normalised (thousand separators and currency signs gone). */
  readonly words: readonly string[];
  /** Porter stems of `words`. */
  readonly stems: readonly string[];
  /** Stems of the words that are not function words, numbers or negations. */
  readonly content: ReadonlySet<string>;
  /** Normalised numbers. */
  readonly numbers: ReadonlySet<string>;
  /** Lower-cased capitalised words that do not open the sentence (a proxy for names). */
  readonly names: ReadonlySet<string>;
  /** True when a negation word occurs. */
  readonly negated: boolean;
  /** Lower-cased text with runs of non-word characters collapsed to one space. */
  readonly flat: string;
  /** Count of quotation marks. */
  readonly quotes: number;
  /** Each number with the stems of its neighbouring words (the slot it fills). */
  readonly numberSlots: readonly { readonly value: string; readonly left: string; readonly right: string }[];
}

const TOKEN = /\$?\d[\d,]*(?:\.\d+)?%?|[\p{L}\p{M}]+(?:['’][\p{L}]+)*|n['’]t/gu;
const NUMBER = /^\$?\d/;

function normaliseNumber(raw: string): string {
  return raw.replace(/[$,%]/g, '').replace(/\.0+$/, '');
}

/** Tokenise and normalise one sentence. */
export function analyseSentence(text: string): AnalysedSentence {
  const words: string[] = [];
  const names = new Set<string>();
  const numbers = new Set<string>();
  let first = true;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0].replace(/’/g, "'");
    if (NUMBER.test(raw)) {
      const n = normaliseNumber(raw);
      numbers.add(n);
      words.push(n);
      first = false;
      continue;
    }
    const lower = raw.toLowerCase();
    const spelled = NUMBER_WORDS.get(lower);
    if (spelled !== undefined) {
      numbers.add(spelled);
      words.push(spelled);
      first = false;
      continue;
    }
    if (!first && /^\p{Lu}/u.test(raw) && !STOP.has(lower)) names.add(lower);
    first = false;
    const expanded = CONTRACTIONS.get(lower);
    if (expanded !== undefined) {
      words.push(...expanded.split(' '));
    } else if (lower.endsWith("n't")) {
      words.push(lower.slice(0, -3), 'not');
    } else if (lower.endsWith("'s")) {
      words.push(lower.slice(0, -2));
    } else {
      words.push(lower);
    }
  }
  const stems = words.map((w) => (NUMBER.test(w) ? w : stemmer(w)));
  const content = new Set<string>();
  let negated = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NEGATIONS.has(w)) negated = true;
    else if (!STOP.has(w) && !numbers.has(w) && w.length > 1) content.add(stems[i]!);
  }
  const numberSlots = [];
  for (let i = 0; i < words.length; i++) {
    if (!NUMBER.test(words[i]!)) continue;
    const left = i > 0 && !NUMBER.test(words[i - 1]!) ? stems[i - 1]! : '';
    const right = i + 1 < words.length && !NUMBER.test(words[i + 1]!) ? stems[i + 1]! : '';
    numberSlots.push({ value: words[i]!, left, right });
  }
  const flat = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const quotes = (text.match(/["“”]/g) ?? []).length;
  return { words, stems, content, numbers, names, negated, flat, quotes, numberSlots };
}

function counts(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Clipped share of `a`'s items found in `b` (BLEU-style modified precision); 0 when `a` is empty. */
function clippedPrecision(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return 0;
  const cb = counts(b);
  let hit = 0;
  for (const [k, v] of counts(a)) hit += Math.min(v, cb.get(k) ?? 0);
  return hit / a.length;
}

function setShare(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 1;
  let hit = 0;
  for (const x of a) if (b.has(x)) hit++;
  return hit / a.size;
}

function unmatched(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (!b.has(x)) n++;
  return n;
}

function charGrams(flat: string, n: number): Map<string, number> {
  const s = ` ${flat} `;
  const m = new Map<string, number>();
  for (let i = 0; i + n <= s.length; i++) {
    const g = s.slice(i, i + n);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let inter = 0;
  let ta = 0;
  let tb = 0;
  for (const v of a.values()) ta += v;
  for (const v of b.values()) tb += v;
  for (const [k, v] of a) inter += Math.min(v, b.get(k) ?? 0);
  return ta + tb === 0 ? 0 : (2 * inter) / (ta + tb);
}

function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function cosine(a: readonly string[], b: readonly string[]): number {
  const ca = counts(a);
  const cb = counts(b);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of ca) {
    na += v * v;
    dot += v * (cb.get(k) ?? 0);
  }
  for (const v of cb.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function bleu(precisions: readonly number[]): number {
  // Geometric mean with add-one-style smoothing so one empty order does not zero the score.
  const logs = precisions.map((p) => Math.log(p + 0.01));
  return Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length);
}

/** Share of `a`'s content stems in `b`, each weighted by its length (longer words are rarer and carry more). */
function weightedShare(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let hit = 0;
  let all = 0;
  for (const x of a) {
    all += x.length;
    if (b.has(x)) hit += x.length;
  }
  return all === 0 ? 1 : hit / all;
}

/** Share of `a`'s content stems matched in `b` exactly or by a shared 4-letter prefix. */
function aligned(a: ReadonlySet<string>, b: ReadonlySet<string>, bPrefixes: ReadonlySet<string>): number {
  if (a.size === 0) return 1;
  let hit = 0;
  for (const x of a) if (b.has(x) || (x.length >= 4 && bPrefixes.has(x.slice(0, 4)))) hit++;
  return hit / a.size;
}

/**
 * Numbers of `a` missing from `b` whose slot (the word before or after) `b` fills with a number
 * of its own that `a` lacks: the same quantity reported differently.
 */
function numberSwaps(a: AnalysedSentence, b: AnalysedSentence): number {
  let n = 0;
  for (const x of a.numberSlots) {
    if (b.numbers.has(x.value)) continue;
    const swapped = b.numberSlots.some(
      (y) => !a.numbers.has(y.value) && ((x.left !== '' && x.left === y.left) || (x.right !== '' && x.right === y.right)),
    );
    if (swapped) n++;
  }
  return n;
}

function prefixes(content: ReadonlySet<string>): Set<string> {
  return new Set([...content].map((s) => s.slice(0, 4)));
}

/** Content stems of either sentence missing from the other, both sides together. */
export function unmatchedContentCount(a: AnalysedSentence, b: AnalysedSentence): number {
  return unmatched(a.content, b.content) + unmatched(b.content, a.content);
}

/** Content stems of `a` missing from `b` that have a synonym among `b`'s missing ones. */
function synonymMatches(a: AnalysedSentence, b: AnalysedSentence, synonyms: SynonymIndex | undefined): number {
  if (synonyms === undefined) return 0;
  const missingB = [...b.content].filter((y) => !a.content.has(y));
  let n = 0;
  for (const x of a.content) {
    if (b.content.has(x)) continue;
    if (missingB.some((y) => areSynonyms(synonyms, x, y))) n++;
  }
  return n;
}

/**
 * The longest run of consecutive words of `a` whose stems `b` lacks (a clause one sentence adds);
 * with `contentOnly`, only content words count towards the run (function words neither add nor break it).
 */
function longestGap(a: AnalysedSentence, b: AnalysedSentence, contentOnly: boolean): number {
  const inB = new Set(b.stems);
  let best = 0;
  let run = 0;
  for (const s of a.stems) {
    if (inB.has(s)) {
      run = 0;
      continue;
    }
    if (!contentOnly || a.content.has(s)) run++;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * The feature vector of a pair, by name. Symmetric: `pairFeatures(a, b)` equals
 * `pairFeatures(b, a)` feature by feature. Without `synonyms` the synonym features count exact
 * matches only.
 */
export function pairFeatures(a: AnalysedSentence, b: AnalysedSentence, synonyms?: SynonymIndex): Record<FeatureName, number> {
  const minMax = (x: number, y: number): [number, number] => [Math.min(x, y), Math.max(x, y)];
  const [stemMin, stemMax] = minMax(clippedPrecision(a.stems, b.stems), clippedPrecision(b.stems, a.stems));
  const [wordMin, wordMax] = minMax(clippedPrecision(a.words, b.words), clippedPrecision(b.words, a.words));
  const [contentMin, contentMax] = minMax(setShare(a.content, b.content), setShare(b.content, a.content));
  const pa = prefixes(a.content);
  const pb = prefixes(b.content);
  const [prefixMin, prefixMax] = minMax(setShare(pa, pb), setShare(pb, pa));
  const orders = [2, 3, 4].map((n) => {
    const ga = ngrams(a.stems, n);
    const gb = ngrams(b.stems, n);
    return minMax(clippedPrecision(ga, gb), clippedPrecision(gb, ga));
  });
  const pab = [clippedPrecision(a.stems, b.stems), ...[2, 3, 4].map((n) => clippedPrecision(ngrams(a.stems, n), ngrams(b.stems, n)))];
  const pba = [clippedPrecision(b.stems, a.stems), ...[2, 3, 4].map((n) => clippedPrecision(ngrams(b.stems, n), ngrams(a.stems, n)))];
  const [bleuMin, bleuMax] = minMax(bleu(pab), bleu(pba));
  const lcs = lcsLength(a.stems, b.stems);
  const la = Math.max(1, a.stems.length);
  const lb = Math.max(1, b.stems.length);
  const lcsChar = lcsLength([...a.flat], [...b.flat]);
  const ua = unmatched(a.content, b.content);
  const ub = unmatched(b.content, a.content);
  const numberBoth = a.numbers.size > 0 && b.numbers.size > 0 ? 1 : 0;
  const numberMismatch = unmatched(a.numbers, b.numbers) + unmatched(b.numbers, a.numbers);
  const numberMatchAll = a.numbers.size > 0 && numberMismatch === 0 ? 1 : 0;
  const nameMismatch = unmatched(a.names, b.names) + unmatched(b.names, a.names);
  let nameMatch = 0;
  for (const n of a.names) if (b.names.has(n)) nameMatch++;
  const [weightedContentMin, weightedContentMax] = minMax(weightedShare(a.content, b.content), weightedShare(b.content, a.content));
  const char4 = dice(charGrams(a.flat, 4), charGrams(b.flat, 4));
  const [alignedA, alignedB] = [aligned(a.content, b.content, pb), aligned(b.content, a.content, pa)];
  const sa = synonymMatches(a, b, synonyms);
  const sb = synonymMatches(b, a, synonyms);
  const [synContentMin, synContentMax] = minMax(
    a.content.size === 0 ? 1 : (a.content.size - ua + sa) / a.content.size,
    b.content.size === 0 ? 1 : (b.content.size - ub + sb) / b.content.size,
  );
  const numberSwap = Math.max(numberSwaps(a, b), numberSwaps(b, a));
  const negationFlip = a.negated === b.negated ? 0 : 1;
  const gapA = longestGap(a, b, false);
  const gapB = longestGap(b, a, false);
  return {
    gapMax: Math.log1p(Math.max(gapA, gapB)),
    gapMin: Math.log1p(Math.min(gapA, gapB)),
    gapShareMax: Math.max(gapA / la, gapB / lb),
    gapContentMax: Math.log1p(Math.max(longestGap(a, b, true), longestGap(b, a, true))),
    synContentMin,
    synContentMax,
    synUnmatchedSum: Math.log1p(ua - sa + ub - sb),
    synPairs: Math.log1p(sa + sb),
    synContentMinSq: synContentMin * synContentMin,
    synContentProduct: synContentMin * synContentMax,
    synMinLenRatio: synContentMin * (Math.min(la, lb) / Math.max(la, lb)),
    numberSwap: numberSwap > 0 ? 1 : 0,
    numberSwapOverlap: numberSwap > 0 ? stemMin : 0,
    negationFlip: negationFlip * stemMin,
    weightedContentMin, weightedContentMax,
    unmatchedShareMax: Math.max(ua / Math.max(1, a.content.size), ub / Math.max(1, b.content.size)),
    stemMinSq: stemMin * stemMin,
    contentMinSq: contentMin * contentMin,
    contentProduct: contentMin * contentMax,
    bleuProduct: bleuMin * bleuMax,
    char4Sq: char4 * char4,
    alignedShareMin: Math.min(alignedA, alignedB),
    stemMin, stemMax, wordMin, wordMax, contentMin, contentMax, prefixMin, prefixMax,
    bigramMin: orders[0]![0], bigramMax: orders[0]![1],
    trigramMin: orders[1]![0], trigramMax: orders[1]![1],
    fourgramMin: orders[2]![0], fourgramMax: orders[2]![1],
    bleuMin, bleuMax,
    char3Dice: dice(charGrams(a.flat, 3), charGrams(b.flat, 3)),
    char4Dice: dice(charGrams(a.flat, 4), charGrams(b.flat, 4)),
    char5Dice: dice(charGrams(a.flat, 5), charGrams(b.flat, 5)),
    lcsMin: lcs / Math.max(la, lb),
    lcsMax: lcs / Math.min(la, lb),
    lcsCharMin: lcsChar / Math.max(1, a.flat.length, b.flat.length),
    editNorm: editDistance(a.stems, b.stems) / Math.max(la, lb),
    cosine: cosine(a.stems, b.stems),
    lenRatio: Math.min(la, lb) / Math.max(la, lb),
    lenDiffLog: Math.log1p(Math.abs(la - lb)),
    lenLog: Math.log(la + lb),
    unmatchedContentMin: Math.log1p(Math.min(ua, ub)),
    unmatchedContentMax: Math.log1p(Math.max(ua, ub)),
    unmatchedContentSum: Math.log1p(ua + ub),
    numberBoth,
    numberMismatch: Math.log1p(numberMismatch),
    numberMismatchAny: numberMismatch > 0 ? 1 : 0,
    numberMatchAll,
    nameMismatch: Math.log1p(nameMismatch),
    nameMatch: Math.log1p(nameMatch),
    negationMismatch: a.negated === b.negated ? 0 : 1,
    quoteBoth: a.quotes > 0 && b.quotes > 0 ? 1 : 0,
    punctDiff: Math.abs(a.quotes - b.quotes) > 0 ? 1 : 0,
  };
}
