/**
 * One-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017):
 * each shingle is hashed once and falls into one of P bins by its top bits; a bin keeps the least
 * hash it saw; empty bins (short texts) borrow the value of a bin chosen by a fixed hash sequence,
 * the same for every text, so equal bins still mean a shared shingle. Cost O(shingles + P)
 * instead of O(shingles × P) for P independent permutations.
 */
import { fmix32 } from './tokens.js';

const EMPTY = 0xffffffff;

/** A text's sketch: its MinHash signature and the number of shingles it was built from. */
export interface Sketch {
  readonly signature: Uint32Array;
  readonly size: number;
}

/** MinHash signature of a set of shingle hashes, with `bins` (a power of two) bins. */
export function signature(hashes: Uint32Array, bins: number): Uint32Array {
  const sig = new Uint32Array(bins).fill(EMPTY);
  const shift = 32 - Math.log2(bins);
  const n = hashes.length;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const b = h >>> shift;
    if (h < sig[b]!) sig[b] = h;
  }
  return n === 0 ? sig : densify(sig);
}

/**
 * Fill the empty bins of the bins of at least one hash (in place; returned): each borrows the
 * value of a bin chosen by a fixed hash sequence, the same for every text.
 */
export function densify(sig: Uint32Array): Uint32Array {
  const bins = sig.length;
  let empty = 0;
  for (let b = 0; b < bins; b++) if (sig[b] === EMPTY) empty++;
  if (empty === 0) return sig;
  const filled = sig.slice();
  const mask = bins - 1;
  for (let b = 0; b < bins; b++) {
    if (filled[b] !== EMPTY) continue;
    for (let attempt = 1; ; attempt++) {
      const j = fmix32(Math.imul(b + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) & mask;
      if (filled[j] !== EMPTY) {
        sig[b] = filled[j]!;
        break;
      }
    }
  }
  return sig;
}

/** Share of equal bins between two signatures of the same length: an estimate of Jaccard. */
export function estimateJaccard(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, bins: number): number {
  let eq = 0;
  for (let i = 0; i < bins; i++) if (a[aOffset + i] === b[bOffset + i]) eq++;
  return eq / bins;
}

/**
 * Containment of B in A (|A∩B| / |B|) from the Jaccard estimate and the set sizes:
 * |A∩B| = J(|A|+|B|)/(1+J). Clamped to [0, 1].
 */
export function containmentFromJaccard(j: number, sizeA: number, sizeB: number): number {
  if (sizeB === 0) return 0;
  const inter = (j * (sizeA + sizeB)) / (1 + j);
  return Math.min(1, inter / sizeB);
}
