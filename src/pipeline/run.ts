/**
 * The ingest run: inputs → ingest → extract → clean → text → store, in batches.
 *
 * This is the one place the stages are chained for stored ingestion; the CLI, the server and the
 * workers all call {@link runIngest}. Stages stay pure; the store and the inputs' I/O are injected.
 * A document already in the store is recognised by its content and origin and not processed again
 * (or only enriched with metadata it lacked), so a run that was killed mid-way is simply run again.
 *
 * A document the store refuses fails alone: when a batch is refused, its documents are saved one
 * by one and each one refused is reported as a failure (DOCUMENT_NOT_STORED) naming its input.
 */
import { isMainThread } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Document, DocumentHints } from '../model/document.js';
import type { Envelope } from '../model/envelope.js';
import type { Message } from '../model/message.js';
import { createError, isParallaxError, type ParallaxError } from '../errors.js';
import type { IngestRecord, SaveResult, Store } from '../store/store.js';
import { createIngest } from './ingest/index.js';
import { ENRICHING_HINTS, METADATA_ADDED_RULE, originDocumentId, originKey } from './ingest/document.js';
import { createDocumentProcessor, type PipelineOptions } from './process.js';
import { createDocumentPool, type DocumentPool } from './pool.js';

export { createDocumentProcessor, type PipelineOptions, type ProcessDocument } from './process.js';

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
  /**
   * Threads for the pure stages (extract → clean → text): default the machine's available
   * parallelism in the main thread, 1 (none: all in this thread) in a worker thread. The results
   * are the same whatever the number.
   */
  readonly workers?: number;
  /**
   * New documents the run processes in its own thread before it starts the workers (default
   * {@link POOL_AFTER_DOCUMENTS}): a small ingest never pays their start-up.
   */
  readonly workersAfter?: number;
}

/** New documents an ingest processes before starting its worker threads: about the work their start-up costs. */
export const POOL_AFTER_DOCUMENTS = 400;

export interface IngestSummary {
  /** Documents read from the inputs. */
  readonly documents: number;
  /** Documents new to the store, and those it already held (nothing new in them). */
  readonly added: number;
  readonly skipped: number;
  /** Documents the store held that were seen again with metadata they lacked, and gained it. */
  readonly enriched: number;
  /** Articles stored by this run. */
  readonly articles: number;
  /** Documents that yielded no article (each has an error message saying why). */
  readonly empty: number;
  readonly failures: readonly { readonly input: string; readonly error: ParallaxError }[];
}

/** One content already met, stored or earlier in the batch, by the origin it came from. */
interface Known {
  key: string;
  hints: DocumentHints;
  /** The stored document's id, or where in `fresh` the batch's document is. */
  readonly stored?: string;
  readonly fresh?: number;
}

/**
 * Sort a batch by identity. A document is its content and its origin ({@link originKey}: URL, else
 * outlet; a file path is no origin). The same content from a new origin is a new document
 * (`fresh`, with an origin-qualified id when its content is known); the same content from the
 * same origin ({@link sameOrigin}), or with no origin at all, is the document already met: left out, unless it brings
 * metadata that one lacks (URL, outlet, title, date, author, language), in which case a stored one
 * comes back in `again` with the metadata added and a message saying so, and one earlier in the
 * batch simply gains it.
 */
async function resolveIdentities(store: Store, batch: readonly Envelope<Document>[]): Promise<{ fresh: Envelope<Document>[]; again: Envelope<Document>[] }> {
  const known = new Map<string, Known[]>();
  for (const m of await store.documents.withContent([...new Set(batch.map((d) => d.value.contentHash))])) {
    const list = known.get(m.contentHash) ?? [];
    list.push({ key: originKey(m.hints), hints: m.hints, stored: m.id });
    known.set(m.contentHash, list);
  }
  const fresh: Envelope<Document>[] = [];
  const enrich = new Map<string, { met: Known; added: Set<string>; from: string[] }>();
  for (const doc of batch) {
    const { contentHash, hints } = doc.value;
    const key = originKey(hints);
    const list = known.get(contentHash) ?? [];
    const same = list.find((k) => k.key === key) ?? list.find((k) => sameOrigin(k.hints, hints));
    if (same === undefined) {
      const id = list.length === 0 ? doc.value.id : originDocumentId(contentHash, key);
      const envelope = id === doc.value.id ? doc : { ...doc, value: { ...doc.value, id } };
      list.push({ key, hints, fresh: fresh.length });
      known.set(contentHash, list);
      fresh.push(envelope);
      continue;
    }
    const added = ENRICHING_HINTS.filter((f) => hints[f] !== undefined && same.hints[f] === undefined);
    if (added.length === 0) continue;
    same.hints = { ...same.hints, ...Object.fromEntries(added.map((f) => [f, hints[f]])) };
    same.key = originKey(same.hints);
    const note = metadataMessage(doc.value.origin.locator, added);
    if (same.fresh !== undefined) {
      const earlier = fresh[same.fresh]!;
      fresh[same.fresh] = { value: { ...earlier.value, hints: same.hints }, messages: [...earlier.messages, note] };
      continue;
    }
    const entry = enrich.get(same.stored!) ?? { met: same, added: new Set<string>(), from: [] };
    added.forEach((f) => entry.added.add(f));
    entry.from.push(doc.value.origin.locator);
    enrich.set(same.stored!, entry);
  }
  const again: Envelope<Document>[] = [];
  for (const [id, { met, added, from }] of enrich) {
    const stored = await store.documents.get(id);
    if (stored === undefined) continue;
    // What ingest said about the document is kept (earlier additions too); the later stages run again.
    const messages = [...stored.messages.filter((m) => m.stage === 'ingest'), metadataMessage(from.join(', '), [...added])];
    again.push({ value: { ...stored.document, hints: met.hints }, messages });
  }
  return { fresh, again };
}

/**
 * Whether two sightings of one content may be one publication: their URLs agree when both have
 * one, else their outlets when both have one; a sighting with neither says nothing of its origin
 * and so matches any. A URL alone and an outlet alone cannot be compared: taken as different.
 */
function sameOrigin(a: DocumentHints, b: DocumentHints): boolean {
  const url = (h: DocumentHints) => originKey({ ...(h.url === undefined ? {} : { url: h.url }) });
  const site = (h: DocumentHints) => originKey({ ...(h.siteName === undefined ? {} : { siteName: h.siteName }) });
  if (url(a) !== '' && url(b) !== '') return url(a) === url(b);
  if (site(a) !== '' && site(b) !== '') return site(a) === site(b);
  return originKey(a) === '' || originKey(b) === '';
}

/** The message on a document (and its articles) that gained metadata from a later sighting. */
function metadataMessage(from: string, added: readonly string[]): Message {
  return {
    stage: 'ingest',
    ruleId: METADATA_ADDED_RULE,
    severity: 'info',
    reason: `Seen again as ${from} with metadata this document lacked: ${added.join(', ')} added, and its articles rebuilt with it.`,
    data: { from, added: [...added] },
  };
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
  const workers = Math.max(1, Math.floor(options.workers ?? (isMainThread ? availableParallelism() : 1)));
  const workersAfter = options.workersAfter ?? POOL_AFTER_DOCUMENTS;
  let pool: DocumentPool | undefined;
  let processed = 0;
  const processAll = async (docs: readonly Envelope<Document>[]): Promise<IngestRecord[]> => {
    processed += docs.length;
    if (pool === undefined && (workers <= 1 || processed <= workersAfter)) return docs.map((d) => processDocument(d));
    pool ??= createDocumentPool({ stages: { ...(options.extract && { extract: options.extract }), ...(options.clean && { clean: options.clean }), ...(options.text && { text: options.text }) }, size: workers, local: processDocument });
    return pool.process(docs);
  };
  let documents = 0;
  let added = 0;
  let skipped = 0;
  let articles = 0;
  let empty = 0;
  let enriched = 0;
  let pending: Envelope<Document>[] = [];
  let progress = { done: 0, total: undefined as number | undefined, current: '', bytes: 0 };

  const report = () => options.onProgress?.({ ...progress, documents, articles, failed: failures.length });

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await store(batch, true);
    report();
  };

  /**
   * Sort documents by identity, save the new ones and enrich the known ones. `retry`: when the
   * store skipped some new ones, another process saved a document of the same content between the
   * sorting and the saving (taking the free content-hash id); those are sorted again, once, so a
   * second origin still becomes a second document and nothing is lost.
   */
  const store = async (batch: readonly Envelope<Document>[], retry: boolean): Promise<void> => {
    const { fresh, again } = await resolveIdentities(options.store, batch);
    skipped += batch.length - fresh.length - again.length;
    const records = await processAll(fresh);
    for (const record of records) if (record.articles.length === 0) empty++;
    const before = skipped;
    const refused = records.length > 0 ? await save(records) : new Set<string>();
    if (again.length > 0) {
      // Seen again with metadata the stored document lacked: rebuilt with it, in place.
      const rebuilt = again.map((doc) => processDocument(doc));
      enriched += await options.store.updateIngested(rebuilt);
    }
    if (retry && skipped > before) {
      // Sorted again, the documents saved just now are met as known: not skipped twice.
      const raced = skipped - before;
      skipped = before - (records.length - refused.size - raced);
      await store(
        fresh.filter((d) => !refused.has(d.value.id)),
        false,
      );
    }
  };

  const count = (result: SaveResult) => {
    added += result.added;
    skipped += result.skipped;
    articles += result.articles;
  };

  /**
   * Save a batch; when it is refused, save its records one by one so a bad one fails alone. Returns
   * the ids of the documents refused.
   */
  const save = async (records: readonly IngestRecord[]): Promise<Set<string>> => {
    try {
      count(await options.store.saveIngested(records));
      return new Set();
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
      return new Set(refused.map((r) => r.record.document.id));
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
  try {
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
  } finally {
    await pool?.close();
  }
  return { documents, added, skipped, enriched, articles, empty, failures };
}
