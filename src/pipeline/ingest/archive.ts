/**
 * gzip and zip, unpacked in memory under an expansion budget.
 *
 * Every outermost archive gets one {@link ArchiveBudget}: the total bytes it may expand to (all
 * nested layers together) and the largest expansion ratio accepted once past a floor. Zip entries
 * are checked on their declared sizes before anything is inflated, and the inflated bytes are
 * counted again while streaming (yauzl also refuses entries that inflate past their declared size).
 *
 * Entry names are only labels here (nothing is written to disk), so a name that would be unsafe to
 * extract (absolute, `C:`, `..`) is kept as it stands rather than refusing the whole archive, as
 * yauzl's own name check would; characters no store can hold (NUL, other C0 controls) are replaced
 * with U+FFFD (they would break the locator, or the store), and the entry says so.
 */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { createError, type ParallaxError } from '../../errors.js';
import { officeZipMarkers } from './sniff.js';

const gunzipAsync = promisify(gunzip);

/** The expansion allowance of one outermost archive, shared by every layer inside it. */
export interface ArchiveBudget {
  /** Total expanded bytes allowed. */
  readonly limit: number;
  /** Expanded bytes used so far. */
  used: number;
  readonly maxRatio: number;
  /** Expansion below this many bytes is never judged by ratio. */
  readonly ratioFloor: number;
  readonly maxEntries: number;
}

function bomb(input: string, budget: ArchiveBudget, ratio: number | string): ParallaxError {
  return createError('ARCHIVE_BOMB', { input, limit: budget.limit, ratio: typeof ratio === 'number' ? Math.round(ratio) : ratio });
}

/** The most a layer of `compressed` bytes may expand to under the budget and the ratio rule. */
function allowance(compressed: number, budget: ArchiveBudget): number {
  const byRatio = Math.max(budget.ratioFloor, compressed * budget.maxRatio);
  return Math.min(budget.limit - budget.used, byRatio);
}

/** Decompress a gzip stream (all members). Throws ARCHIVE_BOMB or ARCHIVE_CORRUPT. */
export async function gunzipCapped(bytes: Uint8Array, input: string, budget: ArchiveBudget): Promise<Uint8Array> {
  const max = allowance(bytes.byteLength, budget);
  let out: Buffer;
  try {
    out = await gunzipAsync(bytes, { maxOutputLength: Math.max(1, max + 1) });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw bomb(input, budget, `over ${Math.round(max / Math.max(1, bytes.byteLength))}`);
    }
    throw createError('ARCHIVE_CORRUPT', { input, format: 'gzip', detail: (err as Error).message }, err);
  }
  if (out.byteLength > max) throw bomb(input, budget, out.byteLength / Math.max(1, bytes.byteLength));
  budget.used += out.byteLength;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export type ZipItem =
  | { readonly ok: true; readonly name: string; readonly bytes: Uint8Array; readonly renamed?: RenamedEntry }
  | { readonly ok: false; readonly name: string; readonly error: ParallaxError };

/** An entry whose name held characters no store can keep, and how many were replaced. */
export interface RenamedEntry {
  readonly replaced: number;
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      // Names are decoded by entryName, so that no name can make yauzl refuse the whole archive.
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: false },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Uint8Array> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.byteLength;
    if (size > cap) {
      (stream as unknown as { destroy(): void }).destroy();
      throw new RangeError(`entry inflates past ${cap} bytes`);
    }
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for.
const UNSTORABLE_IN_NAME = /[\u0000-\u001f\u007f]/g;

/**
 * An entry's name as yauzl decodes it (UTF-8 when flagged or given in a Unicode path field, else
 * CP437), with backslashes read as slashes, and control characters (NUL, newlines …) replaced.
 */
function entryName(entry: yauzl.Entry): { name: string; renamed?: RenamedEntry } {
  const raw = entry.fileName as unknown as Buffer;
  const decoded = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
  let replaced = 0;
  const name = decoded.replace(UNSTORABLE_IN_NAME, () => {
    replaced++;
    return '\uFFFD';
  });
  return replaced === 0 ? { name } : { name, renamed: { replaced } };
}

/** Folders, dotfiles and macOS resource forks are not pages; `.` and `..` are path steps, not dotfiles. */
const skipped = (name: string): boolean =>
  name.endsWith('/') || name.split('/').some((part) => (part.startsWith('.') && part !== '.' && part !== '..') || part === '__MACOSX');

/**
 * The file entries of a zip, in archive order (folders, dotfiles and `__MACOSX` skipped).
 * Whole-archive refusals (bomb, too many entries, office document, damage) are thrown; a problem
 * with one entry is yielded as that entry's error and the rest go on.
 */
export async function* readZip(bytes: Uint8Array, input: string, budget: ArchiveBudget): AsyncGenerator<ZipItem> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(bytes);
    if (zip.entryCount > budget.maxEntries) {
      zip.close();
      throw createError('ARCHIVE_TOO_MANY_ENTRIES', { input, count: zip.entryCount, limit: budget.maxEntries });
    }
    entries = await listEntries(zip);
  } catch (err) {
    if (err instanceof Error && err.name === 'ParallaxError') throw err;
    throw createError('ARCHIVE_CORRUPT', { input, format: 'zip', detail: (err as Error).message }, err);
  }
  try {
    const named = entries.map((entry) => ({ entry, ...entryName(entry) }));
    if (named.some((e) => officeZipMarkers.has(e.name))) {
      throw createError('INPUT_BINARY', { input, kind: 'an office document or e-book (a zip of XML parts)' });
    }
    const files = named.filter((e) => !skipped(e.name));
    const declared = files.reduce((sum, e) => sum + e.entry.uncompressedSize, 0);
    const max = allowance(bytes.byteLength, budget);
    if (declared > max) throw bomb(input, budget, declared / Math.max(1, bytes.byteLength));
    for (const { entry, name, renamed } of files) {
      if (entry.isEncrypted()) {
        yield { ok: false, name, error: createError('INPUT_UNSUPPORTED', { input: `${input}!${name}`, detail: 'the zip entry is encrypted' }) };
        continue;
      }
      let data: Uint8Array;
      try {
        data = await readEntry(zip, entry, Math.min(entry.uncompressedSize, budget.limit - budget.used));
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof RangeError || /too many bytes|expected \d+ bytes/i.test(message)) {
          throw bomb(input, budget, `entry ${name} inflates past its declared size`);
        }
        yield { ok: false, name, error: createError('ARCHIVE_CORRUPT', { input: `${input}!${name}`, format: 'zip', detail: message }, err) };
        continue;
      }
      budget.used += data.byteLength;
      yield { ok: true, name, bytes: data, ...(renamed === undefined ? {} : { renamed }) };
    }
  } finally {
    zip.close();
  }
}
