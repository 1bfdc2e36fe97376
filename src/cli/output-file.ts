/**
 * Files the CLI writes (`report --out`, `export --out`, the demo's report), written atomically: the
 * bytes go to a temporary file in the same folder, which is flushed and then renamed over the
 * target. A failure anywhere (a full disk, a store read error half-way through an export) removes
 * the temporary file and leaves the target as it was: a reader sees the old file or the new one,
 * never a cut-off one.
 *
 * The file system is injected ({@link OutputFileSystem}; the real one by default) so tests can make
 * a write fail.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createError, isParallaxError } from '../errors.js';

/** An open file being written. */
export interface OutputHandle {
  /** Write `length` bytes of `buffer` from `offset` at the current position; resolves to the bytes written. */
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  /** Set the permission bits (not subject to the umask). */
  chmod(mode: number): Promise<void>;
  /** Flush to the disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls an atomic write needs (a subset of `node:fs/promises`). */
export interface OutputFileSystem {
  /** Create a new file (`wx`: fails when it exists). */
  open(file: string, flags: 'wx', mode: number): Promise<OutputHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
  /** The file's permission bits are read from `mode` (it is replaced, so they are carried over). */
  stat(file: string): Promise<{ mode: number }>;
}

/** The real file system. */
export const nodeFileSystem: OutputFileSystem = { open, rename, rm, stat };

/** Appends text to the file being written. */
export type WriteChunk = (chunk: string) => Promise<void>;

/**
 * Write `file` atomically with what `produce` writes through its `write` callback. A file-system
 * failure is `OUTPUT_WRITE_FAILED` (naming `file`); an error `produce` throws itself propagates
 * unchanged. Either way the temporary file is removed and `file` is untouched.
 */
export async function writeFileAtomically(file: string, produce: (write: WriteChunk) => Promise<void>, fs: OutputFileSystem = nodeFileSystem): Promise<void> {
  const fail = (err: unknown): never => {
    if (isParallaxError(err)) throw err;
    throw createError('OUTPUT_WRITE_FAILED', { file, detail: err instanceof Error ? err.message : String(err) }, err);
  };
  // Same folder as the target, so the rename never crosses file systems; a leading dot keeps it
  // out of listings, and the random part keeps two writers of one file apart.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // The replaced file keeps its permissions; a new one gets the usual 0666 less the umask.
  const kept = await fs.stat(file).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  const handle = await fs.open(temp, 'wx', 0o666).catch(fail);
  let closed = false;
  try {
    if (kept !== undefined) await handle.chmod(kept).catch(fail);
    const write: WriteChunk = async (chunk) => {
      const bytes = Buffer.from(chunk, 'utf8');
      let at = 0;
      while (at < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, at, bytes.length - at).catch(fail);
        if (bytesWritten <= 0) fail(new Error(`no bytes written at offset ${at}`));
        at += bytesWritten;
      }
    };
    await produce(write);
    await handle.sync().catch(fail);
    closed = true;
    await handle.close().catch(fail);
    await fs.rename(temp, file).catch(fail);
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
