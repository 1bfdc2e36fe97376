import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveMultipart } from '../../src/server/multipart.js';

const LIMITS = { maxFiles: 5, maxFileBytes: 1_000_000, maxRequestBytes: 10_000_000 };

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

function body(boundary: string, parts: { name?: string; field?: string; text: string }[]): Uint8Array {
  const out = parts.map((p) =>
    p.name !== undefined
      ? `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${p.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${p.text}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.text}\r\n`,
  );
  return new TextEncoder().encode(`${out.join('')}--${boundary}--\r\n`);
}

describe('multipart uploads streamed to files', () => {
  it('writes every file intact whatever the chunk sizes, even with text that looks like a boundary', async () => {
    const boundary = '----parallaxB0undary';
    // Near-misses of the delimiter inside the files, and a long file crossing many chunks.
    const first = `line one\r\n--${boundary.slice(0, -1)}x\r\n\r\n--not it\r\n-`;
    const second = 'ab'.repeat(5000) + `\r\n--${boundary.slice(0, 5)}`;
    const bytes = body(boundary, [{ field: 'note', text: 'skipped' }, { name: 'one.txt', text: first }, { name: '../../two.txt', text: second }, { name: 'empty.txt', text: '' }]);
    for (const size of [1, 2, 3, 7, 13, boundary.length + 3, 64, 4096, bytes.length]) {
      const dir = await mkdtemp(join(tmpdir(), 'parallax-multipart-'));
      try {
        const files = await saveMultipart(pieces(bytes, size), boundary, dir, LIMITS);
        expect(files.map((f) => f.name), `chunks of ${size}`).toEqual(['one.txt', '../../two.txt', 'empty.txt']);
        expect(await readFile(files[0]!.path, 'utf8'), `chunks of ${size}`).toBe(first);
        expect(await readFile(files[1]!.path, 'utf8'), `chunks of ${size}`).toBe(second);
        expect(await readFile(files[2]!.path, 'utf8')).toBe('');
        // Names are made safe: every file stays inside the folder.
        expect((await readdir(dir)).sort()).toEqual(['000-one.txt', '001-two.txt', '002-empty.txt']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  });

  it('refuses a file over the per-file cap, too many files and a body cut before its end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parallax-multipart-'));
    try {
      const big = body('b', [{ name: 'big.txt', text: 'x'.repeat(2000) }]);
      await expect(saveMultipart(pieces(big, 100), 'b', dir, { ...LIMITS, maxFileBytes: 1000 })).rejects.toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
      const many = body('b', [1, 2, 3].map((i) => ({ name: `${i}.txt`, text: 'x' })));
      await expect(saveMultipart(pieces(many, 100), 'b', dir, { ...LIMITS, maxFiles: 2 })).rejects.toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
      const cut = body('b', [{ name: 'a.txt', text: 'hello' }]).slice(0, 60);
      await expect(saveMultipart(pieces(cut, 7), 'b', dir, LIMITS)).rejects.toMatchObject({ code: 'REQUEST_INVALID' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
