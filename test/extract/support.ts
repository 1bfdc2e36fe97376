// Helpers shared by the extract stage's tests.
import { createHash } from 'node:crypto';
import type { Document, DocumentHints, MediaType } from '../../src/model/document.js';

/** A Document as ingest would make it from this content. */
export function makeDocument(content: string, mediaType: MediaType, hints: DocumentHints = {}, locator = 'test.html'): Document {
  const contentHash = createHash('sha256').update(content.normalize('NFC')).digest('hex');
  return {
    id: `doc_${contentHash.slice(0, 16)}`,
    contentHash,
    origin: { kind: 'file', locator, input: locator },
    mediaType,
    content,
    encoding: { name: 'utf-8', source: 'default' },
    byteLength: Buffer.byteLength(content),
    hints,
    ingestedAt: '2025-01-01T00:00:00.000Z',
  };
}

export function htmlDocument(html: string, hints: DocumentHints = {}, locator = 'test.html'): Document {
  return makeDocument(html, 'text/html', hints, locator);
}
