/**
 * Worker threads for the server's heavy work, so its event loop only routes requests and reads
 * pages. `createWorkerPool` keeps up to `size` analysis workers, each with its own read connection
 * to the store (opened by location: a SQLite file or a PostgreSQL URL), started on first use and
 * fed from one queue. `spawnServerWorker` starts one worker of `worker.ts` (the pool's, or an
 * ingest job's); from sources (`.ts`, under tsx or vitest) it registers tsx inside the worker first.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createError, isParallaxError, type ErrorCode, type ErrorParams } from '../errors.js';
import type { IngestJob, ServerIngestOptions } from './ingest.js';
import type { JobFailure, JobReporter, JobSummary } from './jobs.js';
import type { AnalysisRunner, AnalysisTask } from './tasks.js';

/** What a worker is told at start (see `worker.ts`). */
export type WorkerData =
  | { readonly role: 'analysis'; readonly location: string; readonly memoSize: number; readonly nice: number; readonly heapMb: number }
  | { readonly role: 'ingest'; readonly location: string; readonly nice: number; readonly heapMb: number; readonly job: IngestJob; readonly ingest: ServerIngestOptions };

/** An error as it crosses between threads: a catalogue code and its parameters. */
export interface WireError {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
}

export function toWire(err: unknown): WireError {
  if (isParallaxError(err)) return { code: err.code, params: err.params };
  return { code: 'INTERNAL', params: { detail: err instanceof Error ? err.message : String(err) } };
}

export function fromWire(wire: WireError): Error {
  return createError(wire.code, wire.params);
}

const ENTRY = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Start a worker of `worker.ts` with `data`; unreferenced, so it never keeps the process alive by
 * itself. Its heap is capped at `data.heapMb`: an analysis too large for it ends that worker
 * (ERR_WORKER_OUT_OF_MEMORY), not the server.
 */
export function spawnServerWorker(data: WorkerData): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: data.heapMb };
  let worker: Worker;
  if (ENTRY.pathname.endsWith('.ts')) {
    // Node 20 does not apply `--import` hooks to a worker's entry: register tsx, then import it.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = new URL('./dist/esm/api/index.mjs', tsx).href;
    const boot = `const { workerData } = require('node:worker_threads');
import(${JSON.stringify(api)}).then((m) => { m.register(); return import(workerData.entry); });`;
    worker = new Worker(boot, { eval: true, workerData: { ...data, entry: ENTRY.href }, resourceLimits });
  } else {
    worker = new Worker(ENTRY, { workerData: data, resourceLimits });
  }
  worker.unref();
  return worker;
}

export interface WorkerPoolOptions {
  /** The store's location as `openStore` takes it. */
  readonly location: string;
  /** Workers at most. */
  readonly size: number;
  /** Report objects each worker remembers. */
  readonly memoSize: number;
  /** Niceness of the worker threads (Linux): the event loop's thread keeps priority. */
  readonly nice: number;
  /** Heap of each worker, in MiB. */
  readonly heapMb: number;
  /** A task still running after this long ends its worker (ANALYSIS_FAILED); the next task gets a new one. */
  readonly timeoutMs: number;
}

interface Pending {
  readonly task: AnalysisTask;
  readonly resolve: (body: string) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

/** A pool of analysis workers (see the module comment). */
export function createWorkerPool(options: WorkerPoolOptions): AnalysisRunner {
  const queue: Pending[] = [];
  const slots = new Set<Slot>();
  let closed = false;

  const fail = (slot: Slot, detail: string) => {
    clearTimeout(slot.timer);
    if (!slots.delete(slot)) return;
    const pending = slot.current;
    slot.current = undefined;
    pending?.reject(createError('ANALYSIS_FAILED', { detail }));
    void slot.worker.terminate();
    dispatch();
  };

  const start = (): Slot => {
    const worker = spawnServerWorker({ role: 'analysis', location: options.location, memoSize: options.memoSize, nice: options.nice, heapMb: options.heapMb });
    const slot: Slot = { worker };
    worker.on('message', (m: { ok: true; body: string } | { ok: false; error: WireError }) => {
      clearTimeout(slot.timer);
      const pending = slot.current;
      slot.current = undefined;
      if (pending) {
        if (m.ok) pending.resolve(m.body);
        else pending.reject(fromWire(m.error));
      }
      dispatch();
    });
    worker.on('error', (err) => fail(slot, err.message));
    worker.on('exit', (code) => fail(slot, `the worker exited with code ${code}`));
    slots.add(slot);
    return slot;
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const slot = [...slots].find((s) => s.current === undefined) ?? (slots.size < options.size ? start() : undefined);
      if (!slot) return;
      const next = queue.shift()!;
      slot.current = next;
      slot.timer = setTimeout(() => fail(slot, `it took longer than ${Math.round(options.timeoutMs / 1000)} s`), options.timeoutMs);
      slot.timer.unref();
      slot.worker.postMessage(next.task);
    }
  };

  return {
    run(task) {
      if (closed) return Promise.reject(createError('SERVER_STOPPING'));
      return new Promise<string>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    load: () => ({ running: [...slots].filter((s) => s.current !== undefined).length, queued: queue.length }),
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(createError('SERVER_STOPPING'));
      const all = [...slots];
      slots.clear();
      for (const s of all) {
        clearTimeout(s.timer);
        s.current?.reject(createError('SERVER_STOPPING'));
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

export interface IngestWorkerOptions {
  readonly location: string;
  readonly nice: number;
  readonly heapMb: number;
  readonly job: IngestJob;
  /** Plain options only (no injected I/O: functions do not cross to a thread). */
  readonly ingest: ServerIngestOptions;
}

/** Run one ingest job in a worker of its own, relaying its progress; `signal` ends the worker (SERVER_STOPPING). */
export function runIngestInWorker(options: IngestWorkerOptions, report: JobReporter, signal: AbortSignal): Promise<JobSummary> {
  return new Promise<JobSummary>((resolve, reject) => {
    if (signal.aborted) return reject(createError('SERVER_STOPPING'));
    const { io: _io, ...ingest } = options.ingest;
    void _io;
    const worker = spawnServerWorker({ role: 'ingest', location: options.location, nice: options.nice, heapMb: options.heapMb, job: options.job, ingest });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => (void worker.terminate(), reject(createError('SERVER_STOPPING'))));
    signal.addEventListener('abort', onAbort);
    type Message = { type: 'progress'; p: Parameters<JobReporter['progress']>[0] } | { type: 'failure'; f: JobFailure } | { type: 'done'; summary: JobSummary } | { type: 'error'; error: WireError };
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') report.progress(m.p);
      else if (m.type === 'failure') report.failure(m.f);
      else if (m.type === 'done') settle(() => resolve(m.summary));
      else settle(() => reject(fromWire(m.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(createError('INTERNAL', { detail: `the ingest worker exited with code ${code}` }))));
  });
}
