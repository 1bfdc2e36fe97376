/**
 * The ingest run: inputs → ingest → extract → clean → text → store, in batches.
 *
 * This is the one place the stages are chained for stored ingestion; the CLI, the server and the
 * workers all call {@link runIngest}. Stages stay pure; the store and the inputs' I/O are injected.
 * A document already in the store is recognised by its content id and not processed again, so a
 * run that was killed mid-way is simply run again.
 *
 * A document the store refuses fails alone: when a batch is refused, its documents are saved one
 * by one and each one refused is reported as a failure (DOCUMENT_NOT_STORED) naming its input.
 */
import type { Document } from '../model/document.js';
import type { Article } from '../model/article.js';
import { isFailed, type Envelope } from '../model/envelope.js';
import type { Message } from '../model/message.js';
import { createError, isParallaxError, type ParallaxError } from '../errors.js';
import type { IngestRecord, SaveResult, Store } from '../store/store.js';
import { createIngest, type IngestOptions } from './ingest/index.js';
import { INVALID_CHARACTERS_RULE, repairStrings } from './ingest/document.js';
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
    // Characters removed from the content changed every article's text: each article says so too.
    const carried = doc.messages.filter((m) => m.ruleId === INVALID_CHARACTERS_RULE);
    const articles: { article: Article; messages: readonly Message[] }[] = [];
    for (const part of clean(extracted)) {
      if (isFailed(part)) continue;
      const done = text(part);
      // Metadata parsed from escapes (JSON-LD "\u0000") can still hold characters no store takes.
      // Each article keeps only what happened to it after the document-level stages.
      const repaired = repairStrings({ article: done.value, messages: done.messages.slice(documentMessages.length) });
      const note = repaired.message === undefined ? [] : [{ ...repaired.message, stage: 'text' as const }];
      articles.push({ article: repaired.value.article, messages: [...carried, ...repaired.value.messages, ...note] });
    }
    return { document: doc.value, documentMessages, articles };
  };
}

export interface IngestProgress {
  /** Inputs read so far, and the total when known. */
  readonly done: number;
  readonly total?: number;
  readonly current: string;
  readonly bytes: number;
  /** Documents read so far (a feed, archive or JSONL file holds many). */
  readonly documents: number;
  readonly articles: number;
  readonly failed: number;
}

export interface RunIngestOptions extends PipelineOptions {
  readonly inputs: readonly string[];
  readonly store: Store;
  /** Documents saved per transaction (default 200). */
  readonly batchSize?: number;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Called once for each input that could not be ingested; the run goes on. */
  readonly onFailure?: (input: string, error: ParallaxError) => void;
}

export interface IngestSummary {
  /** Documents read from the inputs. */
  readonly documents: number;
  /** Documents new to the store, and those it already held. */
  readonly added: number;
  readonly skipped: number;
  /** Articles stored by this run. */
  readonly articles: number;
  /** Documents that yielded no article (each has an error message saying why). */
  readonly empty: number;
  readonly failures: readonly { readonly input: string; readonly error: ParallaxError }[];
}

/**
 * Whether a failed save may be one record's fault: the store found a record invalid, or (for a
 * batch of several) the database refused the write, which one bad row is enough to cause.
 */
function refusesRecord(err: unknown, batchLength: number): err is ParallaxError {
  return isParallaxError(err, 'STORE_RECORD_INVALID') || (batchLength > 1 && isParallaxError(err, 'STORE_WRITE_FAILED'));
}

/** Ingest inputs into the store. Never throws for a bad input: see `failures`. */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const batchSize = options.batchSize ?? 200;
  const failures: { input: string; error: ParallaxError }[] = [];
  const processDocument = createDocumentProcessor(options);
  let documents = 0;
  let added = 0;
  let skipped = 0;
  let articles = 0;
  let empty = 0;
  let pending: Envelope<Document>[] = [];
  let progress = { done: 0, total: undefined as number | undefined, current: '', bytes: 0 };

  const report = () => options.onProgress?.({ ...progress, documents, articles, failed: failures.length });

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const known = await options.store.documents.has(batch.map((d) => d.value.id));
    const seen = new Set<string>();
    const records: IngestRecord[] = [];
    for (const doc of batch) {
      if (known.has(doc.value.id) || seen.has(doc.value.id)) {
        skipped++;
        continue;
      }
      seen.add(doc.value.id);
      const record = processDocument(doc);
      if (record.articles.length === 0) empty++;
      records.push(record);
    }
    if (records.length > 0) await save(records);
    report();
  };

  const count = (result: SaveResult) => {
    added += result.added;
    skipped += result.skipped;
    articles += result.articles;
  };

  /** Save a batch; when it is refused, save its records one by one so a bad one fails alone. */
  const save = async (records: readonly IngestRecord[]) => {
    try {
      count(await options.store.saveIngested(records));
      return;
    } catch (err) {
      if (!refusesRecord(err, records.length)) throw err;
      const refused: { record: IngestRecord; error: ParallaxError }[] = [];
      let saved = 0;
      for (const record of records) {
        try {
          count(await options.store.saveIngested([record]));
          saved++;
        } catch (one) {
          if (!refusesRecord(one, records.length)) throw one;
          refused.push({ record, error: one });
        }
      }
      // Every record refused for a write error: the database is at fault, not the documents.
      if (saved === 0 && refused.every((r) => isParallaxError(r.error, 'STORE_WRITE_FAILED'))) throw err;
      for (const { record, error } of refused) {
        const input = record.document.origin.locator;
        const failure = createError('DOCUMENT_NOT_STORED', { input, db: options.store.location, detail: String(error.params.detail ?? error.message) }, error);
        failures.push({ input, error: failure });
        options.onFailure?.(input, failure);
      }
    }
  };

  const ingest = createIngest({
    ...options.ingest,
    onProgress: (p) => {
      progress = { done: p.done, total: p.total, current: p.current, bytes: p.bytes };
      options.ingest?.onProgress?.(p);
      report();
    },
  });
  for await (const item of ingest(options.inputs)) {
    if (!item.ok) {
      failures.push({ input: item.input, error: item.error });
      options.onFailure?.(item.input, item.error);
      continue;
    }
    documents++;
    pending.push(item.document);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  return { documents, added, skipped, articles, empty, failures };
}
