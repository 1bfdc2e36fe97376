/**
 * The dictd format, pure: an `.index` (headword, base64 offset, base64 length per line) and a
 * `.dict.dz` (gzip; dictzip adds a random-access table of independently deflated chunks, so one
 * entry is read by inflating the one or two chunks that hold it, not the whole 100 MB text).
 */
import { gunzipSync, inflateRawSync, constants } from 'node:zlib';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/** A dictd number (base64 digits, most significant first). */
export function decodeDictdNumber(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = B64_VALUE[s.charCodeAt(i)] ?? -1;
    if (v < 0) return -1;
    n = n * 64 + v;
  }
  return n;
}

/** Where a headword's entries are: byte offset and length in the uncompressed dictionary, pairs in a flat array. */
export interface DictdIndex {
  /** Lines of the index (entries, several per headword possible). */
  readonly size: number;
  get(headword: string): readonly number[] | undefined;
}

/**
 * The index over its bytes as they are: dictd indexes are sorted by headword (lower case, in byte
 * order, which for UTF-8 is code-point order), so a lookup is a binary search over byte positions
 * (each probe backs up to its line's start), and loading costs nothing beyond having the bytes.
 */
export function parseDictdIndex(bytes: Uint8Array): DictdIndex {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lineStart = (p: number): number => (p <= 0 ? 0 : buf.lastIndexOf(10, p - 1) + 1);
  const lineEnd = (start: number): number => {
    const nl = buf.indexOf(10, start);
    return nl < 0 ? buf.length : nl;
  };
  const headEnd = (start: number, end: number): number => {
    const t = buf.indexOf(9, start);
    return t < 0 || t > end ? end : t;
  };
  const entryOf = (start: number, end: number): [number, number] | undefined => {
    const line = buf.toString('latin1', headEnd(start, end) + 1, end).replace(/\r$/u, '');
    const t2 = line.indexOf('\t');
    if (t2 < 0) return undefined;
    const offset = decodeDictdNumber(line, 0, t2);
    const length = decodeDictdNumber(line, t2 + 1);
    return offset >= 0 && length > 0 ? [offset, length] : undefined;
  };
  let lines = -1;
  return {
    get size() {
      if (lines < 0) {
        lines = 0;
        for (let p = buf.indexOf(10); p >= 0; p = buf.indexOf(10, p + 1)) lines++;
      }
      return lines;
    },
    get(headword) {
      const key = Buffer.from(headword, 'utf8');
      // Find the first line whose headword is >= key: lo is always a line start.
      let lo = 0;
      let hi = buf.length;
      while (lo < hi) {
        const mid = lineStart((lo + hi) >>> 1);
        const end = lineEnd(mid);
        if (mid < lo) {
          // The probe fell inside the line starting at lo: decide on that line.
          if (Buffer.compare(buf.subarray(lo, headEnd(lo, lineEnd(lo))), key) < 0) lo = lineEnd(lo) + 1;
          else hi = lo;
          continue;
        }
        if (Buffer.compare(buf.subarray(mid, headEnd(mid, end)), key) < 0) lo = end + 1;
        else hi = mid;
      }
      const out: number[] = [];
      for (let p = lo; p < buf.length; ) {
        const end = lineEnd(p);
        if (Buffer.compare(buf.subarray(p, headEnd(p, end)), key) !== 0) break;
        const e = entryOf(p, end);
        if (e) out.push(e[0], e[1]);
        p = end + 1;
      }
      return out.length > 0 ? out : undefined;
    },
  };
}

/** Reads byte ranges of the uncompressed dictionary text. */
export type DictReader = (offset: number, length: number) => string;

/**
 * A reader over a `.dict.dz` (or plain `.dict`) file's bytes: dictzip chunks are inflated on
 * demand and the last few kept; a gzip file without the random-access table is inflated whole once.
 */
export function dictReader(bytes: Uint8Array, cacheChunks = 128): DictReader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 2 || buf[0] !== 0x1f || buf[1] !== 0x8b) return (o, l) => buf.toString('utf8', o, o + l);
  const table = dictzipTable(buf);
  if (!table) {
    let whole: Buffer | undefined;
    return (o, l) => (whole ??= gunzipSync(buf)).toString('utf8', o, o + l);
  }
  const cache = new Map<number, Buffer>();
  const chunk = (i: number): Buffer => {
    let c = cache.get(i);
    if (c) return c;
    const start = table.starts[i]!;
    c = inflateRawSync(buf.subarray(start, start + table.sizes[i]!), { finishFlush: constants.Z_SYNC_FLUSH });
    if (cache.size >= cacheChunks) cache.delete(cache.keys().next().value!);
    cache.set(i, c);
    return c;
  };
  return (offset, length) => {
    const first = Math.floor(offset / table.chunkLength);
    const last = Math.min(table.sizes.length - 1, Math.floor((offset + length - 1) / table.chunkLength));
    const parts: Buffer[] = [];
    for (let i = first; i <= last; i++) parts.push(chunk(i));
    const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const from = offset - first * table.chunkLength;
    return joined.toString('utf8', from, from + length);
  };
}

interface DictzipTable {
  readonly chunkLength: number;
  readonly sizes: readonly number[];
  readonly starts: readonly number[];
}

/** The dictzip random-access table from the gzip header's `RA` extra field, if present. */
function dictzipTable(buf: Buffer): DictzipTable | undefined {
  const flags = buf[3]!;
  if (!(flags & 0x04)) return undefined;
  const xlen = buf.readUInt16LE(10);
  let p = 12;
  const end = 12 + xlen;
  let table: { chunkLength: number; sizes: number[] } | undefined;
  while (p + 4 <= end) {
    const id = buf.toString('latin1', p, p + 2);
    const len = buf.readUInt16LE(p + 2);
    if (id === 'RA') {
      const chunkLength = buf.readUInt16LE(p + 6);
      const count = buf.readUInt16LE(p + 8);
      const sizes: number[] = [];
      for (let i = 0; i < count; i++) sizes.push(buf.readUInt16LE(p + 10 + 2 * i));
      table = { chunkLength, sizes };
    }
    p += 4 + len;
  }
  if (!table) return undefined;
  let data = end;
  if (flags & 0x08) data = buf.indexOf(0, data) + 1;
  if (flags & 0x10) data = buf.indexOf(0, data) + 1;
  if (flags & 0x02) data += 2;
  const starts: number[] = [];
  for (const s of table.sizes) {
    starts.push(data);
    data += s;
  }
  return { ...table, starts };
}

/**
 * The English translations an entry gives, as phrases: the lines after the headword line, without
 * sense numbers, grammar (`<n>`), labels (`[Br.]`, `(of the moon)`), examples, notes and
 * cross-references (FreeDict's TEI-generated dictd text).
 */
export function entryTranslations(entry: string): string[] {
  const out: string[] = [];
  const lines = entry.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim() || line.includes('{') || line.includes('"') || /^\s*(?:synonyms?|antonyms?|see|notes?|also|examples?)\s*:/iu.test(line)) continue;
    const clean = line
      .replace(/^\s*\d+\.\s*/u, '')
      .replace(/<[^>]*>/gu, ' ')
      .replace(/\[[^\]]*\]/gu, ' ')
      .replace(/\([^)]*\)/gu, ' ');
    for (const part of clean.split(/[,;]/u)) {
      const phrase = part.replace(/\s+/gu, ' ').trim();
      if (phrase && phrase.length <= 60) out.push(phrase);
    }
  }
  return out;
}

/**
 * Every entry of a dictionary from English (a whole `.dict` text): its headword and the phrases it
 * translates to. An entry opens with the headword line (`Day /dˈeɪ/`, its pronunciation optional)
 * and goes on with lines of translations separated by commas (the Arabic comma too) or semicolons.
 */
export function* englishEntries(text: string): Generator<{ readonly headword: string; readonly phrases: readonly string[] }> {
  let headword: string | undefined;
  let phrases: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const head = /^([A-Za-z][A-Za-z' .-]*?)\s+\/[^/]*\/$/u.exec(line);
    if (head) {
      if (headword !== undefined && phrases.length > 0) yield { headword, phrases };
      headword = head[1]!.toLowerCase();
      phrases = [];
      continue;
    }
    if (headword === undefined || /^\d+-database/u.test(line)) continue;
    for (const part of line.replace(/\([^)]*\)/gu, ' ').split(/[,;،؛]/u)) {
      const phrase = part.replace(/\s+/gu, ' ').trim();
      if (phrase && phrase.length <= 60) phrases.push(phrase);
    }
  }
  if (headword !== undefined && phrases.length > 0) yield { headword, phrases };
}
