/**
 * Worker threads for ingest's pure stages (extract → clean → text, `process.ts`), so a run uses
 * every core: `createDocumentPool` keeps up to `size` workers, started on first use, each building
 * the same stages from the same options. A batch is cut into chunks fed to whichever worker is
 * free; the records come back in the batch's order, whatever the number of workers.
 *
 * A document the worker could not process (its stages threw) is processed again in the calling
 * thread, so it fails (or succeeds) exactly as it would without the pool and alone; a worker that
 * dies hands its chunk back the same way and the next chunk starts a new one. `close` ends the
 * workers; they are unreferenced meanwhile and never keep the process alive by themselves.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Document } from '../model/document.js';
import type { Envelope } from '../model/envelope.js';
import type { IngestRecord } from '../store/store.js';
import type { PipelineOptions, ProcessDocument } from './process.js';

/** The stage options a worker is started with: plain data only (the ingest options hold functions and stay home). */
export type PoolStageOptions = Pick<PipelineOptions, 'extract' | 'clean' | 'text'>;

/** A chunk sent to a worker, and its answer: per document what it became, or null when it threw. */
export interface PoolRequest {
  readonly id: number;
  readonly docs: readonly Envelope<Document>[];
}
export type PoolResult = Pick<IngestRecord, 'documentMessages' | 'articles'> | null;
export interface PoolResponse {
  readonly id: number;
  readonly results: readonly PoolResult[];
}

export interface DocumentPool {
  /** The records of `docs`, in their order. */
  process(docs: readonly Envelope<Document>[]): Promise<IngestRecord[]>;
  /** End the workers (idempotent). */
  close(): Promise<void>;
}

export interface DocumentPoolOptions {
  readonly stages: PoolStageOptions;
  /** Workers at most. */
  readonly size: number;
  /** Documents per message to a worker (default 16): small enough to share a batch evenly. */
  readonly chunk?: number;
  /** Processes a document in the calling thread: for those a worker could not. */
  readonly local: ProcessDocument;
}

const ENTRY = new URL(`./pool-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

function spawn(stages: PoolStageOptions): Worker {
  let worker: Worker;
  if (ENTRY.pathname.endsWith('.ts')) {
    // From sources (tsx, vitest): Node 20 does not apply `--import` hooks to a worker's entry, so register tsx first.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = new URL('./dist/esm/api/index.mjs', tsx).href;
    const boot = `const { workerData } = require('node:worker_threads');
import(${JSON.stringify(api)}).then((m) => { m.register(); return import(workerData.entry); });`;
    worker = new Worker(boot, { eval: true, workerData: { stages, entry: ENTRY.href } });
  } else {
    worker = new Worker(ENTRY, { workerData: { stages } });
  }
  worker.unref();
  return worker;
}

interface Job {
  readonly request: PoolRequest;
  readonly done: (results: readonly PoolResult[] | undefined) => void;
}

interface Slot {
  readonly worker: Worker;
  current?: Job;
}

/** A pool of ingest workers (see the module comment). */
export function createDocumentPool(options: DocumentPoolOptions): DocumentPool {
  const chunk = Math.max(1, options.chunk ?? 16);
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let nextId = 0;
  let closed = false;

  // A dead worker's chunk comes back unanswered (undefined): its documents are processed at home.
  const fail = (slot: Slot) => {
    if (!slots.delete(slot)) return;
    const job = slot.current;
    slot.current = undefined;
    void slot.worker.terminate();
    job?.done(undefined);
    dispatch();
  };

  const start = (): Slot => {
    const slot: Slot = { worker: spawn(options.stages) };
    slot.worker.on('message', (m: PoolResponse) => {
      const job = slot.current;
      slot.current = undefined;
      if (job !== undefined && job.request.id === m.id) job.done(m.results);
      dispatch();
    });
    slot.worker.on('error', () => fail(slot));
    slot.worker.on('exit', () => fail(slot));
    slots.add(slot);
    return slot;
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const slot = [...slots].find((s) => s.current === undefined) ?? (slots.size < options.size ? start() : undefined);
      if (slot === undefined) return;
      const job = queue.shift()!;
      slot.current = job;
      slot.worker.postMessage(job.request);
    }
  };

  const run = (docs: readonly Envelope<Document>[]): Promise<readonly PoolResult[] | undefined> =>
    new Promise((resolve) => {
      queue.push({ request: { id: nextId++, docs }, done: resolve });
      dispatch();
    });

  return {
    async process(docs) {
      if (closed || docs.length === 0) return docs.map((d) => options.local(d));
      const parts: Envelope<Document>[][] = [];
      for (let i = 0; i < docs.length; i += chunk) parts.push(docs.slice(i, i + chunk));
      const answers = await Promise.all(parts.map((p) => run(p)));
      const records: IngestRecord[] = [];
      parts.forEach((part, k) => {
        part.forEach((doc, i) => {
          const r = answers[k]?.[i];
          records.push(r === undefined || r === null ? options.local(doc) : { document: doc.value, documentMessages: r.documentMessages, articles: r.articles });
        });
      });
      return records;
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.done(undefined);
      const all = [...slots];
      slots.clear();
      for (const s of all) s.current?.done(undefined);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
