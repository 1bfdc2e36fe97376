/**
 * Reading a byte stream of unknown length (stdin, an HTTP body) under a size cap, without ever
 * holding more than the cap in memory. The cap depends on what the stream is: a single page gets
 * the per-document limit, a container (archive, WARC, feed, JSONL) the per-archive limit.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../errors.js';

interface Limits {
  readonly sniffBytes: { readonly value: number; readonly reason: string };
}
const limits = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as Limits;

/** How many leading bytes are enough to decide what an input is. */
export const sniffBytes: number = limits.sniffBytes.value;

/** The byte cap for an input, decided from its first bytes. */
export type LimitFor = (head: Uint8Array) => number;

/**
 * Read `stream` fully unless it exceeds the cap `limitFor(head)`; then stop reading, call
 * `cancel`, and throw INPUT_TOO_LARGE. A declared length over the cap fails once the head is read.
 */
export async function readCapped(
  stream: AsyncIterable<Uint8Array>,
  input: string,
  limitFor: LimitFor,
  declaredSize?: number,
  cancel?: () => Promise<void>,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let limit: number | undefined;
  const fail = async (shown: number | string, cap: number): Promise<never> => {
    await cancel?.().catch(() => undefined);
    throw createError('INPUT_TOO_LARGE', { input, size: shown, limit: cap });
  };
  const decide = (): number => limitFor(Buffer.concat(chunks, size).subarray(0, sniffBytes));
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (limit === undefined && size >= sniffBytes) {
      limit = decide();
      if (declaredSize !== undefined && declaredSize > limit) return fail(declaredSize, limit);
    }
    if (limit !== undefined && size > limit) return fail(`over ${limit}`, limit);
  }
  limit ??= decide();
  if (size > limit) return fail(size, limit);
  return new Uint8Array(Buffer.concat(chunks, size));
}
