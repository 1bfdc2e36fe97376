/**
 * Worker processes for the server's heavy work, so its event loop only routes requests and reads
 * pages. `createWorkerPool` keeps up to `size` analysis workers, each with its own read connection
 * to the store (opened by location: a SQLite file or a PostgreSQL URL), fed from one queue;
 * `createIngestWorker` keeps one process that runs ingest jobs one after another. Both are
 * long-lived and can be started with the server (`prestart`): starting a process forks the
 * server's, which held its request thread 30-40 ms at each analysis or job (the story list's worst
 * latencies under load). `spawnServerWorker` starts one worker process of `worker.ts` at a low
 * priority.
 */
import { spawn, type ChildProcess, type Serializable } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { delimiter, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createError, isParallaxError, type ErrorCode, type ErrorParams } from '../errors.js';
import type { IngestJob, ServerIngestOptions } from './ingest.js';
import type { JobFailure, JobReporter, JobSummary } from './jobs.js';
import type { AnalysisRunner, AnalysisTask } from './tasks.js';

/** What a worker is told at start (see `worker.ts`). */
export type WorkerData =
  | { readonly role: 'analysis'; readonly location: string; readonly memoSize: number; readonly nice: number; readonly heapMb: number }
  | { readonly role: 'ingest'; readonly location: string; readonly nice: number; readonly heapMb: number; readonly ingest: ServerIngestOptions; readonly progressMs: number };

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

/** A worker's first message: it listens now (see `worker.ts`). */
export const READY = 'parallax-worker-ready';

const ENTRY = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * A worker process as the pool and the job runner use it: messages both ways (structured clone),
 * `exit` once it ends for any reason, `terminate` to end it at once.
 */
export interface ServerWorker {
  /** The process id (undefined when it could not start). */
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once: the process could not start, crashed, was killed or ended. */
  onExit(listener: (detail: string) => void): void;
  terminate(): Promise<void>;
}

/** `name` is an executable in a folder of PATH. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

/**
 * Start a worker process of `worker.ts` with `data` (the first message it reads). A process rather
 * than a thread, so that all of its work has the low priority it is started with: a worker
 * thread's garbage collection runs on V8's platform threads, shared with the request thread and at
 * its priority (an ingest of four 50 MB uploads in a nice-19 worker thread took 1.8 CPU seconds of
 * those threads at full priority in 6 s). On Linux the process runs under `nice -n <data.nice>`
 * in the idle scheduling class (`chrt --idle`, util-linux), on CPU time nothing else wants; a
 * niced process still delays the request thread's wakeups by its time slices (the story list's
 * p99 under four uploads: 3.3x idle with a nice-19 ingest process, 0.75-1.0x with an idle-class
 * one). As processes they share no lock with the request thread, which reads the database beside
 * their writes (SQLite's WAL). Its heap is capped at `data.heapMb`; an analysis too large for it
 * ends that process, never the server. From sources (`.ts`, under tsx or vitest) the process loads
 * tsx first. It ends by itself when the server's process goes.
 */
export function spawnServerWorker(data: WorkerData): ServerWorker {
  const args: string[] = [];
  if (ENTRY.pathname.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
    args.push('--import', new URL('./dist/loader.mjs', tsx).href);
  }
  args.push(`--max-old-space-size=${data.heapMb}`, fileURLToPath(ENTRY));
  const prefix: string[] = [];
  if (process.platform === 'linux' && data.nice > 0) {
    if (onPath('chrt')) prefix.push('chrt', '--idle', '0');
    if (onPath('nice')) prefix.push('nice', '-n', String(data.nice));
  }
  const [command, ...rest] = [...prefix, process.execPath, ...args];
  const child: ChildProcess = spawn(command!, rest, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  if (prefix.length === 0 && data.nice > 0 && child.pid !== undefined) {
    try {
      setPriority(child.pid, data.nice);
    } catch {
      // Not permitted: the worker runs at the server's priority.
    }
  }
  child.unref();
  child.channel?.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Every 'error' is heard (a failed start, a send to a process that just died): unheard, one would end the server.
  const errors: ((err: Error) => void)[] = [];
  child.on('error', (err) => {
    for (const listener of errors) listener(err);
  });
  // A child reads messages only once it has loaded and listens: until it says so, they wait here.
  let waiting: unknown[] | undefined = [data];
  const sendNow = (message: unknown) => {
    if (child.connected) child.send(message as Serializable);
  };
  child.on('message', (m) => {
    if (m !== READY || waiting === undefined) return;
    const held = waiting;
    waiting = undefined;
    for (const message of held) sendNow(message);
  });
  return {
    pid: child.pid,
    postMessage: (message) => {
      if (waiting) waiting.push(message);
      else sendNow(message);
    },
    onMessage: (listener) => child.on('message', (m) => m !== READY && listener(m)),
    onExit: (listener) => {
      let told = false;
      const tell = (detail: string) => {
        if (told) return;
        told = true;
        listener(detail);
      };
      errors.push((err) => tell(child.pid === undefined ? `the worker process could not start: ${err.message}` : `the worker process failed: ${err.message}`));
      child.once('exit', (code, signal) => tell(signal ? `the worker process was ended by ${signal}${signal === 'SIGABRT' ? ' (out of memory?)' : ''}` : `the worker process exited with code ${code}`));
    },
    terminate: async () => {
      // Held by the event loop until it has gone: unreferenced, its exit might never be heard.
      child.ref();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (child.pid !== undefined) await exited;
    },
  };
}

export interface WorkerPoolOptions {
  /** The store's location as `openStore` takes it. */
  readonly location: string;
  /** Workers at most. */
  readonly size: number;
  /** Report objects each worker remembers. */
  readonly memoSize: number;
  /** Niceness of the worker processes (Linux): the event loop's thread keeps priority. */
  readonly nice: number;
  /** Heap of each worker, in MiB. */
  readonly heapMb: number;
  /** A task still running after this long ends its worker (ANALYSIS_FAILED); the next task gets a new one. */
  readonly timeoutMs: number;
  /** Start one worker now rather than at the first task. */
  readonly prestart?: boolean;
}

interface Pending {
  readonly task: AnalysisTask;
  readonly resolve: (body: string) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  readonly worker: ServerWorker;
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
    worker.onMessage((message) => {
      const m = message as { ok: true; body: string } | { ok: false; error: WireError };
      clearTimeout(slot.timer);
      const pending = slot.current;
      slot.current = undefined;
      if (pending) {
        if (m.ok) pending.resolve(m.body);
        else pending.reject(fromWire(m.error));
      }
      dispatch();
    });
    worker.onExit((detail) => fail(slot, detail));
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

  if (options.prestart === true) start();

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
  /** Plain options only (no injected I/O: functions do not cross to a process). */
  readonly ingest: ServerIngestOptions;
  /** A job's progress is sent at most this often, in ms (and once before its end). */
  readonly progressMs: number;
  /** Start the process now rather than at the first job. */
  readonly prestart?: boolean;
}

/** Ingest jobs in a worker process (see the module comment). */
export interface IngestWorker {
  /** Run one job, relaying its progress; `signal` ends the process (SERVER_STOPPING). Jobs must not overlap. */
  run(job: IngestJob, report: JobReporter, signal: AbortSignal): Promise<JobSummary>;
  /** The worker process's id now (undefined until one is started). */
  pid(): number | undefined;
  /** End the process. */
  close(): Promise<void>;
}

type IngestMessage = { type: 'progress'; p: Parameters<JobReporter['progress']>[0] } | { type: 'failure'; f: JobFailure } | { type: 'done'; summary: JobSummary } | { type: 'error'; error: WireError };

/**
 * One long-lived ingest process, running the jobs it is sent one after another (the job registry
 * runs one at a time); a process that crashed, was killed or was stopped is replaced at the next job.
 */
export function createIngestWorker(options: IngestWorkerOptions): IngestWorker {
  const { io: _io, ...ingest } = options.ingest;
  void _io;
  let current: { worker: ServerWorker; listener?: (m: IngestMessage) => void; exited?: (detail: string) => void } | undefined;
  const start = () => {
    const worker = spawnServerWorker({ role: 'ingest', location: options.location, nice: options.nice, heapMb: options.heapMb, ingest, progressMs: options.progressMs });
    const entry: NonNullable<typeof current> = { worker };
    worker.onMessage((m) => entry.listener?.(m as IngestMessage));
    worker.onExit((detail) => {
      if (current === entry) current = undefined;
      entry.exited?.(detail);
    });
    current = entry;
    return entry;
  };
  if (options.prestart === true) start();
  return {
    run(job, report, signal) {
      return new Promise<JobSummary>((resolve, reject) => {
        if (signal.aborted) return reject(createError('SERVER_STOPPING'));
        const entry = current ?? start();
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          entry.listener = undefined;
          entry.exited = undefined;
          fn();
        };
        const onAbort = () => settle(() => (void entry.worker.terminate(), reject(createError('SERVER_STOPPING'))));
        signal.addEventListener('abort', onAbort);
        entry.listener = (m) => {
          if (m.type === 'progress') report.progress(m.p);
          else if (m.type === 'failure') report.failure(m.f);
          else if (m.type === 'done') settle(() => resolve(m.summary));
          else settle(() => reject(fromWire(m.error)));
        };
        entry.exited = (detail) => settle(() => reject(createError('INTERNAL', { detail: `the ingest job's ${detail}` })));
        entry.worker.postMessage(job);
      });
    },
    pid: () => current?.worker.pid,
    async close() {
      const entry = current;
      current = undefined;
      await entry?.worker.terminate();
    },
  };
}
