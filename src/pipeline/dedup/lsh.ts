/**
 * The incremental near-duplicate index: exact-text hashes, MinHash signatures and LSH band
 * buckets, all in typed arrays that grow by doubling. Adding an article costs one tokenisation,
 * one signature and one bucket probe per band; nothing already indexed is recomputed.
 */
import type { DedupInput, Match } from './input.js';
import { containmentFromJaccard, estimateJaccard, signature } from './minhash.js';
import { resolveParams, type DedupParamOverrides, type DedupParams } from './params.js';
import { fmix32, shingles, tokenize } from './tokens.js';

/** Options of {@link createDedupIndex}. */
export interface DedupIndexOptions {
  readonly params?: DedupParamOverrides;
  /** Expected number of articles, to size the arrays once (default 1024; they grow as needed). */
  readonly expected?: number;
}

/** Memory the index holds, for capacity planning. */
export interface IndexStats {
  readonly articles: number;
  /** Band postings stored (articles × bands, less empty texts). */
  readonly postings: number;
  /** Bytes of typed arrays in use (signatures, sizes, buckets, exact hashes), excluding spare capacity and id strings. */
  readonly bytesUsed: number;
  /** Bytes of typed arrays allocated, spare capacity included. */
  readonly bytesAllocated: number;
}

/** An incremental index of articles for finding copies. */
export interface DedupIndex {
  /**
   * Index an article and return the earlier articles that may share text with it (exact
   * duplicates first, then by estimated Jaccard). Adding the same id twice is allowed and indexes
   * the text again under that id.
   */
  add(article: Pick<DedupInput, 'id' | 'text'>): Match[];
  /** Candidates for a text without indexing it. */
  query(article: Pick<DedupInput, 'id' | 'text'>): Match[];
  /** Number of articles indexed. */
  readonly size: number;
  stats(): IndexStats;
}

interface Prepared {
  readonly sig: Uint32Array;
  readonly size: number;
  readonly exactA: number;
  readonly exactB: number;
  readonly keys: Uint32Array;
}

/** Create an empty index. */
export function createDedupIndex(options: DedupIndexOptions = {}): DedupIndex {
  const p: DedupParams = resolveParams(options.params);
  const P = p.permutations;
  const B = Math.min(p.bands, Math.floor(P / p.rows));
  const R = p.rows;
  const K = p.shingleSize;

  let cap = Math.max(16, options.expected ?? 1024);
  const ids: string[] = [];
  let sigs = new Uint32Array(cap * P);
  let sizes = new Uint32Array(cap);
  let exact2 = new Uint32Array(cap);
  let stamp = new Int32Array(cap).fill(-1);
  let hits = new Uint16Array(cap);

  // Band buckets: chained hash table; slot 0..B-1 of every band key share one table.
  let slots = 1 << Math.ceil(Math.log2(Math.max(64, cap * (B + 1)) / 2));
  let heads = new Int32Array(slots).fill(-1);
  let pcap = cap * (B + 1);
  let pkey = new Uint32Array(pcap);
  let pdoc = new Int32Array(pcap);
  let pnext = new Int32Array(pcap);
  let postings = 0;
  let queries = 0;

  function growDocs(): void {
    const ncap = cap * 2;
    const s = new Uint32Array(ncap * P);
    s.set(sigs);
    sigs = s;
    const z = new Uint32Array(ncap);
    z.set(sizes);
    sizes = z;
    const e = new Uint32Array(ncap);
    e.set(exact2);
    exact2 = e;
    const st = new Int32Array(ncap).fill(-1);
    st.set(stamp);
    stamp = st;
    const h = new Uint16Array(ncap);
    h.set(hits);
    hits = h;
    cap = ncap;
  }

  function growPostings(): void {
    const ncap = pcap * 2;
    const k = new Uint32Array(ncap);
    k.set(pkey);
    pkey = k;
    const d = new Int32Array(ncap);
    d.set(pdoc);
    pdoc = d;
    const nx = new Int32Array(ncap);
    nx.set(pnext);
    pnext = nx;
    pcap = ncap;
    if (ncap > slots * 2) {
      // Rehash chains into a table twice the size, keeping newest-first order.
      slots *= 2;
      heads = new Int32Array(slots).fill(-1);
      const mask = slots - 1;
      for (let i = 0; i < postings; i++) {
        const s = pkey[i]! & mask;
        pnext[i] = heads[s]!;
        heads[s] = i;
      }
    }
  }

  function prepare(text: string): Prepared | undefined {
    const tokens = tokenize(text);
    if (tokens.count === 0) return undefined;
    let ea = 0x12345678;
    let eb = 0x9abcdef0;
    for (let i = 0; i < tokens.count; i++) {
      const t = tokens.ids[i]!;
      ea = Math.imul(ea ^ t, 0x01000193);
      eb = Math.imul((eb << 5) | (eb >>> 27), 0x5bd1e995) ^ t;
    }
    const sh = shingles(tokens, K);
    const sig = signature(sh, P);
    const keys = new Uint32Array(B + 1);
    for (let b = 0; b < B; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < R; r++) h = Math.imul(h ^ sig[b * R + r]!, 0xcc9e2d51) ^ (h >>> 15);
      keys[b] = fmix32(h);
    }
    keys[B] = fmix32(ea ^ 0x5f3759df);
    return { sig, size: sh.length, exactA: fmix32(ea), exactB: fmix32(eb), keys };
  }

  function probe(id: string, pr: Prepared): Match[] {
    const q = queries++;
    const mask = slots - 1;
    const cands: number[] = [];
    const exactDocs = new Set<number>();
    for (let b = 0; b <= B; b++) {
      const key = pr.keys[b]!;
      let scanned = 0;
      for (let i = heads[key & mask]!; i >= 0 && scanned < p.maxBucketScan; i = pnext[i]!) {
        if (pkey[i] !== key) continue;
        scanned++;
        const d = pdoc[i]!;
        if (b === B) {
          if (exact2[d] === pr.exactB) exactDocs.add(d);
          continue;
        }
        if (stamp[d] !== q) {
          stamp[d] = q;
          hits[d] = 0;
          cands.push(d);
        }
        hits[d]!++;
      }
    }
    const out: Match[] = [];
    for (const d of exactDocs) out.push({ queryId: id, id: ids[d]!, exact: true, jaccard: 1, containment: 1, containedBy: 1 });
    const scored: Match[] = [];
    for (const d of cands) {
      if (exactDocs.has(d)) continue;
      const j = estimateJaccard(pr.sig, 0, sigs, d * P, P);
      const size = sizes[d]!;
      const containment = containmentFromJaccard(j, size, pr.size);
      const containedBy = containmentFromJaccard(j, pr.size, size);
      if (j >= p.candidateJaccard || containment >= p.candidateContainment || containedBy >= p.candidateContainment) {
        scored.push({ queryId: id, id: ids[d]!, exact: false, jaccard: j, containment, containedBy });
      }
    }
    scored.sort((a, b) => b.jaccard - a.jaccard);
    return out.concat(scored);
  }

  function insert(id: string, pr: Prepared): void {
    const d = ids.length;
    if (d === cap) growDocs();
    ids.push(id);
    sigs.set(pr.sig, d * P);
    sizes[d] = pr.size;
    exact2[d] = pr.exactB;
    for (let b = 0; b <= B; b++) {
      if (postings === pcap) growPostings();
      const key = pr.keys[b]!;
      const s = key & (slots - 1);
      pkey[postings] = key;
      pdoc[postings] = d;
      pnext[postings] = heads[s]!;
      heads[s] = postings;
      postings++;
    }
  }

  return {
    add(article) {
      const pr = prepare(article.text);
      if (!pr) return [];
      const matches = probe(article.id, pr);
      insert(article.id, pr);
      return matches;
    },
    query(article) {
      const pr = prepare(article.text);
      return pr ? probe(article.id, pr) : [];
    },
    get size() {
      return ids.length;
    },
    stats() {
      const n = ids.length;
      const perDoc = P * 4 + 4 + 4 + 4 + 2;
      const perPosting = 12;
      return {
        articles: n,
        postings,
        bytesUsed: n * perDoc + postings * perPosting + slots * 4,
        bytesAllocated: cap * perDoc + pcap * perPosting + slots * 4,
      };
    },
  };
}
