/**
 * The entry of the server's worker threads (started by `pool.ts`), with their own connection to
 * the store. An analysis worker answers one task message at a time with `{ ok, body | error }`; an
 * ingest worker runs its one job, posting progress and failures, then `done` or `error`, and ends.
 * On Linux each worker lowers its own thread's priority (`nice`), so that on a busy machine the
 * event loop's thread, which answers every request, is scheduled first.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { runIngestJob } from './ingest.js';
import { toWire, type WorkerData } from './pool.js';
import { createAnalysisTasks, type AnalysisTask } from './tasks.js';

const data = workerData as WorkerData;
const port = parentPort!;

lowerPriority(data.nice);
const store = await openStore(data.location, { mustExist: true });

if (data.role === 'analysis') {
  const tasks = createAnalysisTasks({ store, location: 'the store', memoSize: data.memoSize });
  // One task at a time: the pool sends the next only after this one's answer.
  port.on('message', (task: AnalysisTask) => {
    tasks.run(task).then(
      (body) => port.postMessage({ ok: true, body }),
      (err: unknown) => port.postMessage({ ok: false, error: toWire(err) }),
    );
  });
} else {
  try {
    const summary = await runIngestJob({ store, ingest: data.ingest }, data.job, {
      progress: (p) => port.postMessage({ type: 'progress', p }),
      failure: (f) => port.postMessage({ type: 'failure', f }),
    });
    port.postMessage({ type: 'done', summary });
  } catch (err) {
    port.postMessage({ type: 'error', error: toWire(err) });
  } finally {
    await store.close();
    port.close();
  }
}

/** This thread's niceness, on Linux where a thread has its own id (`/proc/thread-self`); elsewhere nothing. */
function lowerPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, nice);
  } catch {
    // No per-thread priority here: the worker runs at the process's.
  }
}
