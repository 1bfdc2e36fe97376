/**
 * A multipart/form-data body streamed to files: each file part is written to `dir` as it arrives,
 * so an upload costs the server a chunk of memory, never its size. The request, each file and the
 * number of files are capped while reading; the caller removes `dir` when this throws.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';
import { safeName, type UploadedFile } from './ingest.js';

export interface MultipartLimits {
  readonly maxFiles: number;
  readonly maxFileBytes: number;
  readonly maxRequestBytes: number;
  /** Resolves when `bytes` more may be read (the server's shared reading rate). */
  readonly pace?: (bytes: number) => Promise<void>;
}

/** Part headers larger than this are not a browser's form. */
const MAX_HEADER_BYTES = 16 * 1024;
/** A form field that is not a file is skipped, but not beyond this. */
const MAX_FIELD_BYTES = 64 * 1024;

/** A file's bytes are written in one call once this much is held (pieces of chunks, not copies). */
const WRITE_BYTES = 1024 * 1024;

/** The chunks of a request body as they arrive (a web stream read without buffering). */
export async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The boundary of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** Write the file parts of `body` to `dir` (which must exist); the files in order. */
export async function saveMultipart(body: AsyncIterable<Uint8Array> | null, boundary: string, dir: string, limits: MultipartLimits): Promise<UploadedFile[]> {
  const invalid = (detail: string) => createError('REQUEST_INVALID', { detail: `the multipart body could not be read: ${detail}` });
  if (!body) throw invalid('it is empty');
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const files: UploadedFile[] = [];
  let state = 'preamble' as 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';
  // The preamble's first delimiter has no CRLF before it: pretend one was read.
  let buf: Buffer = Buffer.from('\r\n');
  let total = 0;
  let file: { handle: FileHandle; bytes: number; name: string; held: Buffer[]; heldBytes: number } | undefined;
  let fieldBytes = 0;

  const flush = async () => {
    if (!file || file.heldBytes === 0) return;
    const held = file.held;
    file.held = [];
    file.heldBytes = 0;
    await file.handle.writev(held);
  };
  const write = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (!file) {
      fieldBytes += bytes.length;
      if (fieldBytes > MAX_FIELD_BYTES) throw invalid(`a form field is over ${MAX_FIELD_BYTES} bytes`);
      return;
    }
    file.bytes += bytes.length;
    if (file.bytes > limits.maxFileBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `${file.name} is over ${limits.maxFileBytes} bytes per file` });
    file.held.push(bytes);
    file.heldBytes += bytes.length;
    if (file.heldBytes >= WRITE_BYTES) await flush();
  };
  const closeFile = async () => {
    if (file) {
      try {
        await flush();
      } finally {
        await file.handle.close();
      }
    }
    file = undefined;
    fieldBytes = 0;
  };

  try {
    for await (const piece of body) {
      const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      total += chunk.byteLength;
      if (total > limits.maxRequestBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `the request is over ${limits.maxRequestBytes} bytes` });
      await limits.pace?.(chunk.byteLength);
      if (buf.length === 0) buf = chunk;
      else if (state === 'body' && buf.length < delimiter.length && chunk.length >= delimiter.length) {
        // Inside a file, what was kept is at most a delimiter's start: look at it with the head of
        // this chunk only, rather than copying the chunk behind it.
        const junction = Buffer.concat([buf, chunk.subarray(0, delimiter.length - 1)]);
        const at = junction.indexOf(delimiter);
        if (at >= 0 && at < buf.length) buf = Buffer.concat([buf, chunk]);
        else {
          await write(Buffer.from(buf));
          buf = chunk;
        }
      } else buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (state === 'preamble' || state === 'body') {
          const at = buf.indexOf(delimiter);
          if (at < 0) {
            // Keep what could be the start of a delimiter split across chunks.
            const keep = Math.min(buf.length, delimiter.length - 1);
            if (state === 'body') await write(buf.subarray(0, buf.length - keep));
            else if (buf.length - keep > MAX_FIELD_BYTES) throw invalid('no boundary found');
            buf = buf.subarray(buf.length - keep);
            break;
          }
          if (state === 'body') {
            await write(buf.subarray(0, at));
            await closeFile();
          }
          buf = buf.subarray(at + delimiter.length);
          state = 'after-delimiter';
        }
        if (state === 'after-delimiter') {
          if (buf.length < 2) break;
          const next = buf.subarray(0, 2).toString('latin1');
          if (next === '--') {
            state = 'done';
            break;
          }
          // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
          const eol = buf.indexOf('\r\n');
          if (eol < 0) {
            if (buf.length > 256) throw invalid('a boundary is not followed by a line break');
            break;
          }
          buf = buf.subarray(eol + 2);
          state = 'headers';
        }
        if (state === 'headers') {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw invalid('part headers are too long');
            break;
          }
          const name = fileNameOf(buf.subarray(0, end).toString('utf8'));
          buf = buf.subarray(end + 4);
          if (name !== undefined) {
            if (files.length >= limits.maxFiles) throw createError('UPLOAD_TOO_LARGE', { detail: `more than ${limits.maxFiles} files` });
            const path = join(dir, `${String(files.length).padStart(3, '0')}-${safeName(name)}`);
            file = { handle: await open(path, 'wx'), bytes: 0, name, held: [], heldBytes: 0 };
            files.push({ name, path });
          }
          state = 'body';
        }
      }
      if (state === 'done') break;
    }
  } finally {
    await closeFile();
  }
  if (state !== 'done') throw invalid('it ended before its closing boundary');
  if (files.length === 0) throw createError('REQUEST_INVALID', { detail: 'the form holds no file' });
  return files;
}

/** The file name of a part (from its Content-Disposition), or undefined for a plain field. */
function fileNameOf(headers: string): string | undefined {
  const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) return undefined;
  const star = /;\s*filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Fall back to the plain filename parameter.
    }
  }
  const plain = /;\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/i.exec(disposition);
  if (!plain) return undefined;
  return (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim() || 'upload';
}
