/**
 * A seeded random source: the same seed gives the same numbers on every machine, so a failing case
 * is replayed from its seed alone. No global state: each case makes its own.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A pronounceable made-up word of `syllables` syllables, capitalised when asked. */
  word(syllables: number, capital?: boolean): string;
}

/** mulberry32: small, fast and well spread for a fuzzer (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[int(0, items.length - 1)]!;
  };
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'gl', 'kr', 'st', 'th'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea'];
  const codas = ['', '', 'n', 'r', 'l', 's', 'th', 'nd'];
  const word = (syllables: number, capital = false): string => {
    let w = '';
    for (let i = 0; i < syllables; i++) w += pick(onsets) + pick(vowels) + pick(codas);
    return capital ? w[0]!.toUpperCase() + w.slice(1) : w;
  };
  return { next, int, pick, chance: (p) => next() < p, word };
}

/** The seed of case `index` of a run seeded `runSeed`: cases are independent, so any one replays alone. */
export function caseSeed(runSeed: number, index: number): number {
  let h = (Math.imul(runSeed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
