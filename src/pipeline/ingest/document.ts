/**
 * Building a Document envelope from decoded content: NFC content, content hash and id, and the
 * messages gathered while reading it.
 */
import { createHash } from 'node:crypto';
import type { Document, DocumentHints, MediaType, Origin } from '../../model/document.js';
import type { Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import type { EncodingInfo } from './decode.js';

export interface DocumentParts {
  readonly origin: Origin;
  readonly mediaType: MediaType;
  readonly content: string;
  readonly encoding: EncodingInfo;
  readonly byteLength: number;
  readonly hints: DocumentHints;
  readonly messages: readonly Message[];
}

/** Drop undefined and blank hint fields so equal hints serialise equally. */
export function cleanHints(hints: Record<string, string | undefined>): DocumentHints {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hints)) {
    const t = v?.trim();
    if (t) out[k] = t;
  }
  return out as DocumentHints;
}

/** A Document envelope; `content` is normalised to NFC and hashed. */
export function makeDocument(parts: DocumentParts, now: Date): Envelope<Document> {
  const content = parts.content.normalize('NFC');
  const contentHash = createHash('sha256').update(content, 'utf8').digest('hex');
  const value: Document = {
    id: `doc_${contentHash.slice(0, 16)}`,
    contentHash,
    origin: parts.origin,
    mediaType: parts.mediaType,
    content,
    encoding: parts.encoding,
    byteLength: parts.byteLength,
    hints: parts.hints,
    ingestedAt: now.toISOString(),
  };
  return { value, messages: parts.messages };
}

/** ISO 8601 form of a date string from a feed, JSONL record or header; undefined when unparseable. */
export function isoDate(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const t = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  if (!/\d:\d/.test(t)) {
    // A date without a time of day ("12 September 2031") is parsed as local midnight: keep it a day.
    return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }
  return d.toISOString();
}
