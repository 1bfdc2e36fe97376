/**
 * A growable multimap from 32-bit keys to article numbers, in typed arrays: a chained hash table
 * (heads + per-posting key, article and next index), newest posting first in each chain.
 * 12 bytes per posting plus 4 per head; the head table doubles when chains grow past two
 * postings on average.
 */
export interface Postings {
  add(key: number, doc: number): void;
  /** Call `fn` for up to `maxScan` postings of `key`, newest first. */
  scan(key: number, maxScan: number, fn: (doc: number) => void): void;
  readonly count: number;
  /** Bytes in use and allocated. */
  bytes(): { used: number; allocated: number };
}

/** An empty multimap sized for about `expected` postings. */
export function createPostings(expected: number): Postings {
  let slots = 1 << Math.ceil(Math.log2(Math.max(64, expected / 2)));
  let heads = new Int32Array(slots).fill(-1);
  let cap = Math.max(64, expected);
  let keys = new Uint32Array(cap);
  let docs = new Int32Array(cap);
  let next = new Int32Array(cap);
  let n = 0;

  function grow(): void {
    const ncap = cap * 2;
    const k = new Uint32Array(ncap);
    k.set(keys);
    keys = k;
    const d = new Int32Array(ncap);
    d.set(docs);
    docs = d;
    const nx = new Int32Array(ncap);
    nx.set(next);
    next = nx;
    cap = ncap;
    if (cap > slots * 2) {
      slots *= 2;
      heads = new Int32Array(slots).fill(-1);
      const mask = slots - 1;
      for (let i = 0; i < n; i++) {
        const s = keys[i]! & mask;
        next[i] = heads[s]!;
        heads[s] = i;
      }
    }
  }

  return {
    add(key, doc) {
      if (n === cap) grow();
      const s = key & (slots - 1);
      keys[n] = key;
      docs[n] = doc;
      next[n] = heads[s]!;
      heads[s] = n;
      n++;
    },
    scan(key, maxScan, fn) {
      let seen = 0;
      for (let i = heads[key & (slots - 1)]!; i >= 0 && seen < maxScan; i = next[i]!) {
        if (keys[i] !== key) continue;
        seen++;
        fn(docs[i]!);
      }
    },
    get count() {
      return n;
    },
    bytes() {
      return { used: n * 12 + slots * 4, allocated: cap * 12 + slots * 4 };
    },
  };
}
