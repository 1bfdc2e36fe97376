/**
 * A growable multimap from 32-bit keys to article numbers, in typed arrays: a chained hash table
 * whose postings sit interleaved (key, article, next) in one Int32Array, so following a chain
 * touches one cache line per posting; newest posting first in each chain. 12 bytes per posting
 * plus 4 per head; the head table doubles to keep about one posting per head.
 */
export interface Postings {
  add(key: number, doc: number): void;
  /** Call `fn` for up to `maxScan` postings of `key`, newest first. */
  scan(key: number, maxScan: number, fn: (doc: number) => void): void;
  /** Append to `out` up to `maxScan` postings of `key`, newest first (as `scan` visits them). */
  collect(key: number, maxScan: number, out: number[]): void;
  readonly count: number;
  /** Bytes in use and allocated. */
  bytes(): { used: number; allocated: number };
}

/** An empty multimap sized for about `expected` postings. */
export function createPostings(expected: number): Postings {
  let slots = 1 << Math.ceil(Math.log2(Math.max(64, expected)));
  let heads = new Int32Array(slots).fill(-1);
  let cap = Math.max(64, expected);
  // entry i: [3i] key (as int32), [3i+1] doc, [3i+2] next entry or -1
  let entries = new Int32Array(cap * 3);
  let n = 0;

  function grow(): void {
    cap *= 2;
    const e = new Int32Array(cap * 3);
    e.set(entries);
    entries = e;
    if (cap > slots) {
      slots *= 2;
      heads = new Int32Array(slots).fill(-1);
      const mask = slots - 1;
      for (let i = 0; i < n; i++) {
        const s = entries[3 * i]! & mask;
        entries[3 * i + 2] = heads[s]!;
        heads[s] = i;
      }
    }
  }

  return {
    add(key, doc) {
      if (n === cap) grow();
      const s = key & (slots - 1);
      const o = 3 * n;
      entries[o] = key | 0;
      entries[o + 1] = doc;
      entries[o + 2] = heads[s]!;
      heads[s] = n;
      n++;
    },
    scan(key, maxScan, fn) {
      const k = key | 0;
      let seen = 0;
      for (let i = heads[key & (slots - 1)]!; i >= 0 && seen < maxScan; ) {
        const o = 3 * i;
        if (entries[o] === k) {
          seen++;
          fn(entries[o + 1]!);
        }
        i = entries[o + 2]!;
      }
    },
    collect(key, maxScan, out) {
      const k = key | 0;
      let seen = 0;
      for (let i = heads[key & (slots - 1)]!; i >= 0 && seen < maxScan; ) {
        const o = 3 * i;
        if (entries[o] === k) {
          seen++;
          out.push(entries[o + 1]!);
        }
        i = entries[o + 2]!;
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
