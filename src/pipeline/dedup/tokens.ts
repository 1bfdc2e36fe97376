/**
 * Word tokens for reuse detection, hashed to 32-bit ids.
 *
 * A token is a run of letters, digits and marks, NFKC-normalised and lower-cased, with inner
 * apostrophes dropped ("don't" → "dont") and digit group separators dropped ("3,500" → "3500");
 * all other punctuation separates tokens. ASCII text takes a fast path that hashes while scanning;
 * a token with any non-ASCII character is sliced, normalised and hashed the same way, so both
 * paths give the same id for the same word.
 */

/** 1 = word character, 0 = not; for every UTF-16 code unit (surrogates count as word characters). */
const WORD = buildWordTable();

function buildWordTable(): Uint8Array {
  const table = new Uint8Array(65536);
  const re = /[\p{L}\p{N}\p{M}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) table[c] = 1;
    else if (re.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isJoiner(text: string, i: number, end: number): boolean {
  const c = text.charCodeAt(i);
  if (i + 1 >= end || WORD[text.charCodeAt(i + 1)] !== 1) return false;
  if (c === 39 || c === 0x2019) return i > 0 && WORD[text.charCodeAt(i - 1)] === 1;
  if (c === 44 || c === 46) {
    const p = text.charCodeAt(i - 1);
    const n = text.charCodeAt(i + 1);
    return p >= 48 && p <= 57 && n >= 48 && n <= 57;
  }
  return false;
}

function slowHash(raw: string): number {
  const norm = raw.normalize('NFKC').toLowerCase();
  let h = FNV_OFFSET;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (WORD[c] !== 1) continue;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return fmix32(h);
}

/** Token ids of a text and, when asked, where each token stands in it. */
export interface Tokens {
  readonly count: number;
  readonly ids: Uint32Array;
  /** Start offsets (UTF-16) of each token in the text; present when offsets were requested. */
  readonly starts?: Uint32Array;
  /** End offsets (exclusive). */
  readonly ends?: Uint32Array;
}

/**
 * Per UTF-16 code unit: 0 for a separator; for an ASCII word character, its lower case; for any
 * other word character, {@link NON_ASCII}. One lookup tells the scanner all it needs.
 */
const NON_ASCII = 0xffff;
const CLASS = buildClassTable();

function buildClassTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (WORD[c] !== 1) continue;
    table[c] = c >= 128 ? NON_ASCII : c >= 65 && c <= 90 ? c + 32 : c;
  }
  return table;
}

/**
 * Scan `text` for tokens into `ids` (and their spans into `starts`/`ends` when given), growing the
 * arrays when full. ASCII tokens are hashed while scanning; a token with any other character is sliced, normalised and hashed by
 * {@link slowHash}, which gives the same id for the same word.
 */
function scan(text: string, ids: Uint32Array, starts: Uint32Array | undefined, ends: Uint32Array | undefined): { count: number; ids: Uint32Array; starts: Uint32Array | undefined; ends: Uint32Array | undefined } {
  const len = text.length;
  let cap = ids.length;
  let n = 0;
  let i = 0;
  while (i < len) {
    let v = CLASS[text.charCodeAt(i)]!;
    if (v === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    let ascii = true;
    for (;;) {
      if (v === NON_ASCII) ascii = false;
      else h = Math.imul(h ^ v, FNV_PRIME);
      i++;
      if (i >= len) break;
      const c = text.charCodeAt(i);
      v = CLASS[c]!;
      if (v !== 0) continue;
      if ((c === 39 || c === 0x2019 || c === 44 || c === 46) && isJoiner(text, i, len)) {
        i++;
        v = CLASS[text.charCodeAt(i)]!;
        continue;
      }
      break;
    }
    const id = ascii ? fmix32(h) : slowHash(text.slice(start, i));
    if (n === cap) {
      cap *= 2;
      const grow = (a: Uint32Array): Uint32Array => {
        const b = new Uint32Array(cap);
        b.set(a);
        return b;
      };
      ids = grow(ids);
      if (starts && ends) {
        starts = grow(starts);
        ends = grow(ends);
      }
    }
    ids[n] = id;
    if (starts && ends) {
      starts[n] = start;
      ends[n] = i;
    }
    n++;
  }
  return { count: n, ids, starts, ends };
}

/**
 * Tokenise `text`. With `offsets`, also return each token's span. Deterministic: the same word
 * always gets the same id, whatever its case or Unicode compatibility form.
 */
export function tokenize(text: string, offsets = false): Tokens {
  const cap = Math.max(16, text.length >>> 2);
  const r = scan(text, new Uint32Array(cap), offsets ? new Uint32Array(cap) : undefined, offsets ? new Uint32Array(cap) : undefined);
  return r.starts && r.ends ? { count: r.count, ids: r.ids, starts: r.starts, ends: r.ends } : { count: r.count, ids: r.ids };
}

/**
 * Token ids of `text` written into `buffer` (a larger one is allocated and returned when it is too
 * small): for callers that tokenise many texts and keep none of the arrays.
 */
export function tokenIds(text: string, buffer: Uint32Array): { readonly count: number; readonly ids: Uint32Array } {
  const r = scan(text, buffer.length >= 16 ? buffer : new Uint32Array(16), undefined, undefined);
  return { count: r.count, ids: r.ids };
}

/** The hash of the shingle of `width` tokens starting at `i` (see {@link shingles}). */
export function shingleHash(ids: Uint32Array, i: number, width: number): number {
  let h = 0x9747b28c ^ width;
  for (let j = 0; j < width; j++) {
    h = Math.imul(h ^ ids[i + j]!, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h, 0x1b873593);
  }
  return fmix32(h);
}

/**
 * Hashes of the k-word shingles of a token sequence (one shingle of all tokens when there are
 * fewer than k; none for an empty text).
 */
export function shingles(tokens: Tokens, k: number): Uint32Array {
  const n = tokens.count;
  if (n === 0) return new Uint32Array(0);
  const ids = tokens.ids;
  const width = Math.min(k, n);
  const out = new Uint32Array(n - width + 1);
  for (let i = 0; i + width <= n; i++) out[i] = shingleHash(ids, i, width);
  return out;
}
