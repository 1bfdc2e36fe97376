/**
 * The pure part of ingest: one ingested document through extract → clean → text, to the record the
 * store saves. Used in the ingest run's own thread and in its worker threads (`pool.ts`) alike.
 */
import type { Article } from '../model/article.js';
import { isFailed, type Envelope } from '../model/envelope.js';
import type { Document } from '../model/document.js';
import type { Message } from '../model/message.js';
import type { IngestRecord } from '../store/store.js';
import type { IngestOptions } from './ingest/index.js';
import { INVALID_CHARACTERS_RULE, METADATA_ADDED_RULE, repairStrings } from './ingest/document.js';
import { createExtract, type ExtractOptions } from './extract/index.js';
import { createClean, type CleanOptions } from './clean/index.js';
import { createText, type TextOptions } from './text/index.js';

export interface PipelineOptions {
  readonly ingest?: IngestOptions;
  readonly extract?: ExtractOptions;
  readonly clean?: CleanOptions;
  readonly text?: TextOptions;
}

/** What one document became: the record the store saves. */
export type ProcessDocument = (doc: Envelope<Document>) => IngestRecord;

/** Chain extract → clean → text for one ingested document. Pure. */
export function createDocumentProcessor(options: PipelineOptions = {}): ProcessDocument {
  const extract = createExtract(options.extract);
  const clean = createClean(options.clean);
  const text = createText(options.text);
  return (doc) => {
    const extracted = extract(doc);
    const documentMessages: readonly Message[] = extracted.messages;
    if (isFailed(extracted)) return { document: doc.value, documentMessages, articles: [] };
    // Characters removed from the content, or metadata added later, changed every article: each says so too.
    const carried = doc.messages.filter((m) => m.ruleId === INVALID_CHARACTERS_RULE || m.ruleId === METADATA_ADDED_RULE);
    const articles: { article: Article; messages: readonly Message[] }[] = [];
    // A part that yields no article (all furniture, too short) says why on the document, so a
    // document stored without articles always carries the error that explains it.
    const partFailures: Message[] = [];
    for (const part of clean(extracted)) {
      if (isFailed(part)) {
        partFailures.push(...part.messages.slice(documentMessages.length));
        continue;
      }
      const done = text(part);
      // Metadata parsed from escapes (JSON-LD "\u0000") can still hold characters no store takes.
      // Each article keeps only what happened to it after the document-level stages.
      const repaired = repairStrings({ article: done.value, messages: done.messages.slice(documentMessages.length) });
      const note = repaired.message === undefined ? [] : [{ ...repaired.message, stage: 'text' as const }];
      articles.push({ article: repaired.value.article, messages: [...carried, ...repaired.value.messages, ...note] });
    }
    return { document: doc.value, documentMessages: partFailures.length > 0 ? [...documentMessages, ...partFailures] : documentMessages, articles };
  };
}
