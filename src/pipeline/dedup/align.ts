/**
 * Exact comparison of two articles: shingle containment both ways, and sentence-level passage
 * alignment with a word-level LCS inside each aligned sentence pair, so light rewrites (words
 * substituted, clauses trimmed, sentences reordered) still align. Everything here runs on
 * candidate pairs only, never on the whole corpus.
 */
import type { Alignment } from '../../model/story.js';
import type { DedupInput } from './input.js';
import type { DedupParams } from './params.js';
import { shingles, tokenize, type Tokens } from './tokens.js';

/** A sentence (or a piece of a long one): a token range `[start, end)` in its article. */
interface Unit {
  readonly start: number;
  readonly end: number;
}

/** An article prepared for exact comparison (tokens with offsets, units, shingle set). */
export interface Analysed {
  readonly input: DedupInput;
  readonly tokens: Required<Tokens>;
  readonly units: readonly Unit[];
  /** Distinct shingle hashes, sorted ascending. */
  readonly shingleSet: Uint32Array;
  /** Token id → indexes of the units that hold it. */
  readonly unitsByToken: ReadonlyMap<number, readonly number[]>;
}

const SENTENCE_END = /[.!?][\])"'”’»]*\s|\n/;

/** Tokenise and segment an article for comparison. */
export function analyse(input: DedupInput, p: DedupParams): Analysed {
  const tokens = tokenize(input.text, true) as Required<Tokens>;
  const units: Unit[] = [];
  let start = 0;
  for (let i = 1; i <= tokens.count; i++) {
    const boundary =
      i === tokens.count || i - start >= p.maxUnitTokens || SENTENCE_END.test(input.text.slice(tokens.ends[i - 1], tokens.starts[i]));
    if (boundary) {
      units.push({ start, end: i });
      start = i;
    }
  }
  const unitsByToken = new Map<number, number[]>();
  units.forEach((u, ui) => {
    for (let t = u.start; t < u.end; t++) {
      const id = tokens.ids[t]!;
      const list = unitsByToken.get(id);
      if (!list) unitsByToken.set(id, [ui]);
      else if (list[list.length - 1] !== ui) list.push(ui);
    }
  });
  const sh = shingles(tokens, p.shingleSize).sort();
  let w = 0;
  for (let i = 0; i < sh.length; i++) if (i === 0 || sh[i] !== sh[w - 1]) sh[w++] = sh[i]!;
  return { input, tokens, units, shingleSet: sh.subarray(0, w), unitsByToken };
}

/** Unaligned words of one side, by where they stand relative to the aligned text. */
export interface Extras {
  /** Words in unaligned sentences before the first aligned one. */
  readonly lead: number;
  /** Words in unaligned sentences between aligned ones. */
  readonly interior: number;
  /** Words in unaligned sentences after the last aligned one. */
  readonly trail: number;
}

/** Everything known about how two articles share text. Side A is the one passed first. */
export interface Comparison {
  readonly aId: string;
  readonly bId: string;
  /** Exact Jaccard of the shingle sets. */
  readonly jaccard: number;
  /** Share of A's shingles found in B. */
  readonly containmentAinB: number;
  /** Share of B's shingles found in A. */
  readonly containmentBinA: number;
  readonly wordsA: number;
  readonly wordsB: number;
  /** Words of A (resp. B) matched by the word-level LCS of aligned sentences. */
  readonly matchedA: number;
  readonly matchedB: number;
  /** Aligned sentence pairs. */
  readonly pairs: number;
  /** LCS words over the longer side of each aligned pair, summed: 1 for verbatim text, lower for rewrites. */
  readonly identity: number;
  /** Passages of B taken from A (originalId = A, copyId = B). */
  readonly alignments: readonly Alignment[];
  readonly extrasA: Extras;
  readonly extrasB: Extras;
}

function lcs(a: Uint32Array, a0: number, a1: number, b: Uint32Array, b0: number, b1: number, markA: Uint8Array, markB: Uint8Array, mark: boolean): number {
  const n = a1 - a0;
  const m = b1 - b0;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    const ai = a[a0 + i - 1];
    for (let j = 1; j <= m; j++) {
      const k = i * w + j;
      if (ai === b[b0 + j - 1]) dp[k] = dp[k - w - 1]! + 1;
      else {
        const up = dp[k - w]!;
        const left = dp[k - 1]!;
        dp[k] = up > left ? up : left;
      }
    }
  }
  const len = dp[n * w + m]!;
  if (mark) {
    let i = n;
    let j = m;
    while (i > 0 && j > 0) {
      if (a[a0 + i - 1] === b[b0 + j - 1]) {
        markA[a0 + i - 1] = 1;
        markB[b0 + j - 1] = 1;
        i--;
        j--;
      } else if (dp[(i - 1) * w + j]! >= dp[i * w + j - 1]!) i--;
      else j--;
    }
  }
  return len;
}

function extras(units: readonly Unit[], aligned: Uint8Array): Extras {
  let first = -1;
  let last = -1;
  for (let u = 0; u < units.length; u++) {
    if (aligned[u]) {
      if (first < 0) first = u;
      last = u;
    }
  }
  let lead = 0;
  let interior = 0;
  let trail = 0;
  for (let u = 0; u < units.length; u++) {
    if (aligned[u]) continue;
    const words = units[u]!.end - units[u]!.start;
    if (first < 0 || u < first) lead += words;
    else if (u > last) trail += words;
    else interior += words;
  }
  return { lead, interior, trail };
}

/**
 * Compare two analysed articles. Each sentence of B is matched against the sentences of A that
 * share the most words with it; a pair aligns when the word-level LCS Dice reaches
 * `unitMatchDice`. Consecutive aligned pairs merge into passages.
 */
export function compare(A: Analysed, Bn: Analysed, p: DedupParams): Comparison {
  const ta = A.tokens;
  const tb = Bn.tokens;
  let inter = 0;
  {
    const x = A.shingleSet;
    const y = Bn.shingleSet;
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i]! < y[j]!) i++;
      else if (x[i]! > y[j]!) j++;
      else {
        inter++;
        i++;
        j++;
      }
    }
  }
  const sa = A.shingleSet.length;
  const sb = Bn.shingleSet.length;
  const union = sa + sb - inter;

  const markA = new Uint8Array(ta.count);
  const markB = new Uint8Array(tb.count);
  const alignedA = new Uint8Array(A.units.length);
  const alignedB = new Uint8Array(Bn.units.length);
  const counts = new Uint16Array(A.units.length);
  const touched: number[] = [];
  const seen = new Set<number>();
  const top = new Int32Array(p.unitCandidates);
  const links: { bu: number; au: number; len: number; longer: number }[] = [];
  for (let bu = 0; bu < Bn.units.length; bu++) {
    const u = Bn.units[bu]!;
    const ulen = u.end - u.start;
    if (ulen < p.minUnitTokens) continue;
    seen.clear();
    touched.length = 0;
    for (let t = u.start; t < u.end; t++) {
      const id = tb.ids[t]!;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = A.unitsByToken.get(id);
      if (!list) continue;
      for (const au of list) {
        if (counts[au] === 0) touched.push(au);
        counts[au]!++;
      }
    }
    // The `unitCandidates` units sharing the most words (at least two), ties to the earlier unit.
    let nTop = 0;
    for (const au of touched) {
      const c = counts[au]!;
      if (c < 2) continue;
      let k = nTop < top.length ? nTop++ : top.length;
      if (k === top.length) {
        const last = top[k - 1]!;
        if (counts[last]! > c || (counts[last] === c && last < au)) continue;
        k--;
      }
      while (k > 0 && (counts[top[k - 1]!]! < c || (counts[top[k - 1]!] === c && top[k - 1]! > au))) {
        top[k] = top[k - 1]!;
        k--;
      }
      top[k] = au;
    }
    let best = -1;
    let bestDice = 0;
    let bestLen = 0;
    for (let r = 0; r < nTop; r++) {
      const au = top[r]!;
      const v = A.units[au]!;
      const vlen = v.end - v.start;
      if (vlen < p.minUnitTokens) continue;
      const len = lcs(ta.ids, v.start, v.end, tb.ids, u.start, u.end, markA, markB, false);
      const dice = (2 * len) / (ulen + vlen);
      if (dice > bestDice) {
        bestDice = dice;
        best = au;
        bestLen = len;
      }
    }
    for (const au of touched) counts[au] = 0;
    if (best >= 0 && bestDice >= p.unitMatchDice) {
      const v = A.units[best]!;
      lcs(ta.ids, v.start, v.end, tb.ids, u.start, u.end, markA, markB, true);
      alignedA[best] = 1;
      alignedB[bu] = 1;
      links.push({ bu, au: best, len: bestLen, longer: Math.max(ulen, v.end - v.start) });
    }
  }

  let matchedA = 0;
  for (let i = 0; i < ta.count; i++) matchedA += markA[i]!;
  let matchedB = 0;
  for (let i = 0; i < tb.count; i++) matchedB += markB[i]!;
  let lcsSum = 0;
  let longerSum = 0;
  for (const l of links) {
    lcsSum += l.len;
    longerSum += l.longer;
  }

  const alignments: Alignment[] = [];
  let k = 0;
  while (k < links.length) {
    let e = k;
    let matched = links[k]!.len;
    while (e + 1 < links.length && links[e + 1]!.bu === links[e]!.bu + 1 && links[e + 1]!.au === links[e]!.au + 1) {
      e++;
      matched += links[e]!.len;
    }
    const first = links[k]!;
    const last = links[e]!;
    const bStart = Bn.units[first.bu]!.start;
    const bEnd = Bn.units[last.bu]!.end;
    const aStart = A.units[first.au]!.start;
    const aEnd = A.units[last.au]!.end;
    alignments.push({
      originalId: A.input.id,
      copyId: Bn.input.id,
      original: { start: ta.starts[aStart]!, end: ta.ends[aEnd - 1]! },
      copy: { start: tb.starts[bStart]!, end: tb.ends[bEnd - 1]! },
      overlap: round(matched / (bEnd - bStart)),
    });
    k = e + 1;
  }

  return {
    aId: A.input.id,
    bId: Bn.input.id,
    jaccard: union === 0 ? 0 : inter / union,
    containmentAinB: sa === 0 ? 0 : inter / sa,
    containmentBinA: sb === 0 ? 0 : inter / sb,
    wordsA: ta.count,
    wordsB: tb.count,
    matchedA,
    matchedB,
    pairs: links.length,
    identity: longerSum === 0 ? 0 : lcsSum / longerSum,
    alignments,
    extrasA: extras(A.units, alignedA),
    extrasB: extras(Bn.units, alignedB),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
