/**
 * The incremental near-duplicate index: exact-text hashes, MinHash signatures, LSH band buckets
 * and containment anchors, all in typed arrays that grow by doubling. Adding an article costs one
 * tokenisation, one signature and one probe per band and anchor; nothing already indexed is
 * recomputed.
 *
 * Two candidate paths: LSH bands (2 rows each) find pairs with a high Jaccard, including a copy
 * embedded in a page a few times its size; anchors (the shingles whose hash is 0 modulo
 * `anchorModulus`, at most `maxAnchors` per article) find a short excerpt inside a long article,
 * whose Jaccard is too low for any banding: every anchor of the excerpt is an anchor of the
 * article that contains it.
 */
import type { DedupInput, Match } from './input.js';
import { containmentFromJaccard, densify, estimateJaccard } from './minhash.js';
import { resolveParams, type DedupParamOverrides, type DedupParams } from './params.js';
import { createPostings } from './postings.js';
import { fmix32, tokenIds } from './tokens.js';

/** Options of {@link createDedupIndex}. */
export interface DedupIndexOptions {
  readonly params?: DedupParamOverrides;
  /** Expected number of articles, to size the arrays once (default 1024; they grow as needed). */
  readonly expected?: number;
}

/** Memory the index holds, for capacity planning. */
export interface IndexStats {
  readonly articles: number;
  /** Band, exact-hash and anchor postings stored. */
  readonly postings: number;
  /** Bytes of typed arrays in use (signatures, sizes, buckets, anchors, exact hashes), excluding spare capacity and id strings. */
  readonly bytesUsed: number;
  /** Bytes of typed arrays allocated, spare capacity included. */
  readonly bytesAllocated: number;
}

/** An incremental index of articles for finding copies. */
export interface DedupIndex {
  /**
   * Index an article and return the earlier articles that may share text with it: the first
   * article indexed with the same words, when there is one (an exact duplicate), then others by
   * estimated Jaccard. Every copy of a text is paired with that first copy only, not with each
   * earlier copy, so N copies cost N exact checks, not N². Adding the same id twice indexes the
   * text again under that id.
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
  readonly exactB: number;
  /** Band keys, then the exact-text key last. */
  readonly keys: Uint32Array;
  readonly anchors: Uint32Array;
}

/** Create an empty index. */
export function createDedupIndex(options: DedupIndexOptions = {}): DedupIndex {
  const p: DedupParams = resolveParams(options.params);
  const P = p.permutations;
  const R = p.rows;
  const B = Math.min(p.bands, Math.floor(P / R));
  const K = p.shingleSize;
  const anchorMask = p.anchorModulus - 1;

  let cap = Math.max(16, options.expected ?? 1024);
  const ids: string[] = [];
  let sigs = new Uint32Array(cap * P);
  let sizes = new Uint32Array(cap);
  let exact2 = new Uint32Array(cap);
  /** Per article: the first article indexed with the same words (itself when none was before it). */
  let firstOf = new Int32Array(cap);
  let anchorCounts = new Uint16Array(cap);
  let stamp = new Int32Array(cap).fill(-1);
  let shared = new Uint16Array(cap);
  const bands = createPostings(cap * (B + 1));
  const anchorPostings = createPostings(cap * 16);
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
    const f = new Int32Array(ncap);
    f.set(firstOf);
    firstOf = f;
    const a = new Uint16Array(ncap);
    a.set(anchorCounts);
    anchorCounts = a;
    const st = new Int32Array(ncap).fill(-1);
    st.set(stamp);
    stamp = st;
    const sh = new Uint16Array(ncap);
    sh.set(shared);
    shared = sh;
    cap = ncap;
  }

  // Scratch arrays reused by every `prepare`: token ids and anchors (grown when a text needs more).
  let tokenBuffer: Uint32Array = new Uint32Array(4096);
  let anchorBuffer: Uint32Array = new Uint32Array(256);

  function prepare(text: string): Prepared | undefined {
    const tokens = tokenIds(text, tokenBuffer);
    tokenBuffer = tokens.ids;
    const n = tokens.count;
    if (n === 0) return undefined;
    const tids = tokens.ids;
    let ea = 0x12345678;
    let eb = 0x9abcdef0;
    for (let i = 0; i < n; i++) {
      const t = tids[i]!;
      ea = Math.imul(ea ^ t, 0x01000193);
      eb = Math.imul((eb << 5) | (eb >>> 27), 0x5bd1e995) ^ t;
    }
    // One pass over the shingles: the signature's bins and the anchors (as `shingles` and `signature` compute them).
    const width = Math.min(K, n);
    const size = n - width + 1;
    const bins = new Uint32Array(P).fill(0xffffffff);
    const shift = 32 - Math.log2(P);
    if (anchorBuffer.length < size) anchorBuffer = new Uint32Array(Math.max(size, anchorBuffer.length * 2));
    let anchorCount = 0;
    for (let i = 0; i < size; i++) {
      // shingleHash(tids, i, width), written out: this loop runs once per shingle of every article.
      let x = 0x9747b28c ^ width;
      for (let j = 0; j < width; j++) {
        x = Math.imul(x ^ tids[i + j]!, 0xcc9e2d51);
        x = (x << 15) | (x >>> 17);
        x = Math.imul(x, 0x1b873593);
      }
      const h = fmix32(x);
      const b = h >>> shift;
      if (h < bins[b]!) bins[b] = h;
      if ((h & anchorMask) === 0) anchorBuffer[anchorCount++] = h;
    }
    const sig = densify(bins);
    const keys = new Uint32Array(B + 1);
    for (let b = 0; b < B; b++) {
      let h = Math.imul(b + 1, 0x9e3779b1);
      for (let r = 0; r < R; r++) h = Math.imul(h ^ sig[b * R + r]!, 0xcc9e2d51) ^ (h >>> 15);
      keys[b] = fmix32(h);
    }
    keys[B] = fmix32(ea ^ 0x5f3759df);
    let anchors = anchorBuffer.slice(0, anchorCount);
    if (anchors.length > 1) {
      anchors.sort();
      let w = 1;
      for (let i = 1; i < anchors.length; i++) if (anchors[i] !== anchors[w - 1]) anchors[w++] = anchors[i]!;
      anchors = anchors.subarray(0, Math.min(w, p.maxAnchors));
    }
    return { sig, size, exactB: fmix32(eb), keys, anchors };
  }

  /** Candidates of a prepared text, and the first earlier article with its words (-1 when none). */
  // Scratch of `probe`: postings read, candidates met (once each, by `stamp`), exact copies (few: a list).
  const found: number[] = [];
  const cands: number[] = [];
  const exactDocs: number[] = [];

  function probe(id: string, pr: Prepared): { matches: Match[]; first: number } {
    const q = queries++;
    cands.length = 0;
    exactDocs.length = 0;
    for (let b = 0; b < B; b++) {
      found.length = 0;
      bands.collect(pr.keys[b]!, p.maxBucketScan, found);
      for (const d of found) {
        if (stamp[d] !== q) {
          stamp[d] = q;
          shared[d] = 0;
          cands.push(d);
        }
      }
    }
    // Every earlier copy with these words shares one first copy: the pair with it is enough to
    // put this one in their family; the other copies are left out of the candidates.
    let first = -1;
    found.length = 0;
    bands.collect(pr.keys[B]!, p.maxBucketScan, found);
    for (const d of found) {
      if (exact2[d] !== pr.exactB) continue;
      exactDocs.push(d);
      first = first === -1 ? firstOf[d]! : Math.min(first, firstOf[d]!);
    }
    for (let i = 0; i < pr.anchors.length; i++) {
      found.length = 0;
      anchorPostings.collect(pr.anchors[i]!, p.maxBucketScan, found);
      for (const d of found) {
        if (stamp[d] !== q) {
          stamp[d] = q;
          shared[d] = 0;
          cands.push(d);
        }
        shared[d]!++;
      }
    }
    const out: Match[] = first === -1 ? [] : [{ queryId: id, id: ids[first]!, exact: true, jaccard: 1, containment: 1, containedBy: 1 }];
    const scored: Match[] = [];
    const qa = pr.anchors.length;
    for (const d of cands) {
      if (exactDocs.length > 0 && exactDocs.includes(d)) continue;
      const j = estimateJaccard(pr.sig, 0, sigs, d * P, P);
      const size = sizes[d]!;
      let containment = containmentFromJaccard(j, size, pr.size);
      let containedBy = containmentFromJaccard(j, pr.size, size);
      const s = shared[d]!;
      if (s >= p.minSharedAnchors) {
        // Anchors are a uniform sample of shingles: their overlap estimates containment directly.
        containment = Math.max(containment, s / Math.max(1, qa));
        containedBy = Math.max(containedBy, s / Math.max(1, anchorCounts[d]!));
      }
      if (j >= p.candidateJaccard || containment >= p.candidateContainment || containedBy >= p.candidateContainment) {
        scored.push({ queryId: id, id: ids[d]!, exact: false, jaccard: j, containment, containedBy });
      }
    }
    // Most similar first, by whichever estimate is strongest (an excerpt has low Jaccard but high
    // containment); past `maxCandidates` the rest are near-certainly not the source.
    const strength = (m: Match): number => Math.max(m.jaccard, m.containment, m.containedBy);
    scored.sort((a, b) => strength(b) - strength(a) || b.jaccard - a.jaccard);
    return { matches: out.concat(scored.length > p.maxCandidates ? scored.slice(0, p.maxCandidates) : scored), first };
  }

  function insert(id: string, pr: Prepared, first: number): void {
    const d = ids.length;
    if (d === cap) growDocs();
    ids.push(id);
    firstOf[d] = first === -1 ? d : first;
    sigs.set(pr.sig, d * P);
    sizes[d] = pr.size;
    exact2[d] = pr.exactB;
    anchorCounts[d] = pr.anchors.length;
    for (let b = 0; b <= B; b++) bands.add(pr.keys[b]!, d);
    for (let i = 0; i < pr.anchors.length; i++) anchorPostings.add(pr.anchors[i]!, d);
  }

  return {
    add(article) {
      const pr = prepare(article.text);
      if (!pr) return [];
      const { matches, first } = probe(article.id, pr);
      insert(article.id, pr, first);
      return matches;
    },
    query(article) {
      const pr = prepare(article.text);
      return pr ? probe(article.id, pr).matches : [];
    },
    get size() {
      return ids.length;
    },
    stats() {
      const n = ids.length;
      // Per article: signature, size, exact hash, first copy, anchor count (the stamp/shared scratch arrays are per query and not counted).
      const perDoc = P * 4 + 4 + 4 + 4 + 2;
      const scratch = 4 + 2;
      const bb = bands.bytes();
      const ab = anchorPostings.bytes();
      return {
        articles: n,
        postings: bands.count + anchorPostings.count,
        bytesUsed: n * (perDoc + scratch) + bb.used + ab.used,
        bytesAllocated: cap * (perDoc + scratch) + bb.allocated + ab.allocated,
      };
    },
  };
}
