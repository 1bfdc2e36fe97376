/** Test helpers: run text through extract → clean (→ text) the way the CLI does. Not a test file. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document } from '../../src/model/document.js';
import type { CleanArticle } from '../../src/model/article.js';
import type { Envelope } from '../../src/model/envelope.js';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { createClean, type CleanOptions } from '../../src/pipeline/clean/index.js';

/** The shared seed articles, beside the project: `../shared/seeds`. */
export const SEED_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/** Seed file names, sorted. */
export function seedFiles(): string[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** A plain-text Document envelope for `content`. */
export function textDocument(content: string, locator = 'input.txt', hints: Document['hints'] = {}): Envelope<Document> {
  const hash = createHash('sha256').update(content.normalize('NFC')).digest('hex');
  return {
    value: {
      id: `doc_${hash.slice(0, 16)}`,
      contentHash: hash,
      origin: { kind: 'file', locator, input: locator },
      mediaType: 'text/plain',
      content,
      encoding: { name: 'utf-8', source: 'default' },
      byteLength: Buffer.byteLength(content),
      hints,
      ingestedAt: '2030-01-01T00:00:00Z',
    },
    messages: [],
  };
}

/** Extract and clean `content`. */
export function clean(content: string, options: CleanOptions = {}, hints: Document['hints'] = {}): Envelope<CleanArticle>[] {
  return createClean(options)(createExtract()(textDocument(content, 'input.txt', hints)));
}

/** Read a seed file's raw text. */
export function readSeed(name: string): string {
  return readFileSync(SEED_DIR + name, 'utf8');
}
