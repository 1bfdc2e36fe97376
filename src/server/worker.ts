/**
 * The entry of the server's worker processes (started by `pool.ts` at a low priority), with their
 * own connection to the store. Once loaded it says READY; the first message it then reads is its
 * `WorkerData`. An analysis worker then answers one task message at a time with `{ ok, body |
 * error }`; an ingest worker runs one job message at a time, sending progress and failures, then
 * `done` or `error`. A worker ends when the server's process goes (its channel closes).
 */
import { openStore } from '../store/index.js';
import { runIngestJob, type IngestJob } from './ingest.js';
import { READY, toWire, type WorkerData } from './pool.js';
import { createAnalysisTasks, type AnalysisTask } from './tasks.js';

if (!process.send) throw new Error('worker.ts runs as a child process of the server (pool.ts), with an IPC channel');
const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });
process.on('disconnect', () => process.exit(0));

// Messages are kept from the moment the worker listens, read in order by `next`: a task sent right
// behind the worker's data arrives while it is still opening the store.
const inbox: unknown[] = [];
let waiter: ((message: unknown) => void) | undefined;
process.on('message', (message) => {
  const w = waiter;
  waiter = undefined;
  if (w) w(message);
  else inbox.push(message);
});
const next = (): Promise<unknown> => (inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((resolve) => (waiter = resolve)));
void send(READY);
const data = (await next()) as WorkerData;
const store = await openStore(data.location, { mustExist: true });

if (data.role === 'analysis') {
  const tasks = createAnalysisTasks({ store, location: 'the store', memoSize: data.memoSize });
  // One task at a time, until the server's process goes.
  for (;;) {
    const task = (await next()) as AnalysisTask;
    try {
      await send({ ok: true, body: await tasks.run(task) });
    } catch (err) {
      await send({ ok: false, error: toWire(err) });
    }
  }
} else {
  // One job at a time, until the server's process goes.
  for (;;) {
    const job = (await next()) as IngestJob;
    const progress = throttle((p: unknown) => void send({ type: 'progress', p }), data.progressMs);
    try {
      // The job's documents are processed in this process: it is one worker among the server's.
      const summary = await runIngestJob({ store, ingest: data.ingest, workers: 1 }, job, {
        progress: progress.push,
        failure: (f) => void send({ type: 'failure', f }),
      });
      progress.flush();
      await send({ type: 'done', summary });
    } catch (err) {
      progress.flush();
      await send({ type: 'error', error: toWire(err) });
    }
  }
}

/**
 * `emit` at most once every `ms` with the latest value pushed (a value held back goes out when its
 * time comes); `flush` sends a held value at once.
 */
function throttle<T>(emit: (value: T) => void, ms: number): { push: (value: T) => void; flush: () => void } {
  let last = 0;
  let held: { value: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!held) return;
    const { value } = held;
    held = undefined;
    last = Date.now();
    emit(value);
  };
  return {
    push(value) {
      held = { value };
      const wait = last + ms - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    flush,
  };
}
