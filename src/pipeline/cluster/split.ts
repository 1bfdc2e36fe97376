/**
 * Bisection of a story into two halves, for detecting a story that has become two events: a
 * deterministic 2-means over the members' compact term vectors (IDF-weighted cosine per channel,
 * channels combined by weight, as the clusterer compares articles with stories). Pure: the
 * clusterer supplies the IDF and the channel weights and decides what to do with the result.
 */
import { NAME_PREFIX, NUMBER_PREFIX, type Vector } from './features.js';

/** A member's compact vector: its most telling terms (word stems, `n:` names, `#` numbers) with their L2-normalised tf per channel. */
export type CompactVector = readonly (readonly [string, number])[];

/** The best two-way partition of a story's members and how far apart its halves are. */
export interface Bisection {
  /** For each member (in the order given), 0 or 1: its half. Half 0 is never smaller than half 1. */
  readonly side: readonly (0 | 1)[];
  /** Combined similarity (0..1) of the two halves' centroids. */
  readonly score: number;
  /** The terms that most set each half apart from the other, most telling first. */
  readonly terms: readonly [readonly string[], readonly string[]];
}

/** What a bisection needs from the clusterer. */
export interface BisectContext {
  /** Inverse document frequency of a term in the stream so far. */
  readonly idf: (term: string) => number;
  /** Channel weights: word stems, names, numbers (summing to 1). */
  readonly weight: readonly [number, number, number];
  /** Number of separating terms reported per half. */
  readonly terms: number;
}

const MAX_ROUNDS = 10;
/** Number of 2-means runs, each seeded from a different outlying member. */
const SEEDS = 4;

/** 0 for word stems, 1 for names, 2 for numbers. */
export function channelOf(term: string): 0 | 1 | 2 {
  if (term.startsWith(NAME_PREFIX)) return 1;
  return term.startsWith(NUMBER_PREFIX) ? 2 : 0;
}

/** A centroid with IDF-weighted norms per channel, ready for cosines. */
interface Weighted {
  readonly v: Vector;
  readonly norm: [number, number, number];
}

function weigh(v: Vector, idf: (t: string) => number): Weighted {
  const sq = [0, 0, 0];
  for (const [t, x] of v) {
    const y = x * idf(t);
    sq[channelOf(t)]! += y * y;
  }
  return { v, norm: [Math.sqrt(sq[0]!), Math.sqrt(sq[1]!), Math.sqrt(sq[2]!)] };
}

function cosine(a: Weighted, b: Weighted, ctx: BisectContext): number {
  const dot = [0, 0, 0];
  const [small, big] = a.v.size <= b.v.size ? [a.v, b.v] : [b.v, a.v];
  for (const [t, x] of small) {
    const y = big.get(t);
    if (y === undefined) continue;
    const i = ctx.idf(t);
    dot[channelOf(t)]! += x * y * i * i;
  }
  let total = 0;
  let score = 0;
  for (let ch = 0; ch < 3; ch++) {
    if (a.norm[ch] === 0 || b.norm[ch] === 0) continue;
    total += ctx.weight[ch]!;
    score += (ctx.weight[ch]! * dot[ch]!) / (a.norm[ch]! * b.norm[ch]!);
  }
  return total === 0 ? 0 : score / total;
}

function sum(vectors: readonly CompactVector[], pick: (i: number) => boolean): Vector {
  const out: Vector = new Map();
  vectors.forEach((v, i) => {
    if (!pick(i)) return;
    for (const [t, x] of v) out.set(t, (out.get(t) ?? 0) + x);
  });
  return out;
}

/** Terms far heavier (IDF-weighted, per member) in `a` than in `b`. */
function separating(a: Vector, na: number, b: Vector, nb: number, ctx: BisectContext): string[] {
  const diff: [string, number][] = [];
  for (const [t, x] of a) {
    const d = (x / na - (b.get(t) ?? 0) / nb) * ctx.idf(t);
    if (d > 0) diff.push([t, d]);
  }
  diff.sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0));
  return diff.slice(0, ctx.terms).map(([t]) => t);
}

/**
 * Split the members in two by 2-means: each run is seeded with one of the members least like the
 * whole and the member least like that one, then each member goes to the closer half until nothing
 * moves; the run whose members sit closest to their halves' centres wins (one outlier seed alone
 * tends to cut off just itself). Deterministic for the same vectors in the same order. Undefined
 * for fewer than two members.
 */
export function bisect(vectors: readonly CompactVector[], ctx: BisectContext): Bisection | undefined {
  const n = vectors.length;
  if (n < 2) return undefined;
  const each = vectors.map((v) => weigh(new Map(v), ctx.idf));
  const whole = weigh(sum(vectors, () => true), ctx.idf);
  const argmin = (score: (i: number) => number, skip = -1): number => {
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (i === skip) continue;
      const s = score(i);
      if (s < bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  };
  // Seeds: each of the few members least like the whole, paired with the member least like it;
  // the partition whose members sit closest to their half's centre wins.
  const peripheral = each.map((e, i) => [i, cosine(e, whole, ctx)] as const).sort((p, q) => p[1] - q[1] || p[0] - q[0]).slice(0, SEEDS).map(([i]) => i);
  let side: (0 | 1)[] = [];
  let centres: Weighted[] = [];
  let bestFit = Number.NEGATIVE_INFINITY;
  for (const a of peripheral) {
    const b = argmin((i) => cosine(each[i]!, each[a]!, ctx), a);
    let sd: (0 | 1)[] = vectors.map(() => 0);
    let cs = [each[a]!, each[b]!];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = each.map((e, i): 0 | 1 => (i === a ? 0 : i === b ? 1 : cosine(e, cs[1]!, ctx) > cosine(e, cs[0]!, ctx) ? 1 : 0));
      const moved = next.some((x, i) => x !== sd[i]);
      sd = next;
      cs = [weigh(sum(vectors, (i) => sd[i] === 0), ctx.idf), weigh(sum(vectors, (i) => sd[i] === 1), ctx.idf)];
      if (!moved && round > 0) break;
    }
    let fit = 0;
    each.forEach((e, i) => (fit += cosine(e, cs[sd[i]!]!, ctx)));
    if (fit > bestFit + 1e-12) {
      bestFit = fit;
      side = sd;
      centres = cs;
    }
  }
  const ones = side.filter((s) => s === 1).length;
  if (ones > n - ones) {
    side = side.map((s) => (s === 0 ? 1 : 0));
    centres = [centres[1]!, centres[0]!];
  }
  const size1 = side.filter((s) => s === 1).length;
  const size0 = n - size1;
  const score = cosine(centres[0]!, centres[1]!, ctx);
  const terms: [string[], string[]] = [
    separating(centres[0]!.v, size0, centres[1]!.v, size1, ctx),
    separating(centres[1]!.v, size1, centres[0]!.v, size0, ctx),
  ];
  return { side, score, terms };
}
