/**
 * The entry of the server's worker threads (started by `pool.ts`), with their own connection to
 * the store. An analysis worker answers one task message at a time with `{ ok, body | error }`; an
 * ingest worker runs its one job, posting progress and failures, then `done` or `error`, and ends.
 * On Linux each worker lowers its own thread's priority (`nice`) and asks for the idle scheduling
 * class (`chrt --idle`), so that on a busy machine the event loop's thread, which answers every
 * request, is scheduled first.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { runIngestJob } from './ingest.js';
import { toWire, type WorkerData } from './pool.js';
import { createAnalysisTasks, type AnalysisTask } from './tasks.js';

const data = workerData as WorkerData;
const port = parentPort!;

// The idle class only for analysis workers: an ingest worker writes, and a writer starved of CPU
// while it holds the database's write lock would stall the request thread behind it (four 50 MB
// uploads: story list p99 8.9x idle with idle-class ingest workers, against 2.8x at niceness 19).
lowerPriority(data.nice, data.role === 'analysis');
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

/**
 * This thread's niceness, on Linux where a thread has its own id (`/proc/thread-self`), and its
 * scheduling class: SCHED_IDLE through util-linux's `chrt`, which runs the thread only on CPU time
 * nothing else wants. Niceness alone does not keep a busy thread off the request thread's core:
 * two nice-19 busy loops still raised the story list's p99 1.8x on a 2-CPU machine, two idle-class
 * ones 1.06x. Elsewhere, or without `chrt`, what can be lowered is.
 */
function lowerPriority(nice: number, idleClass: boolean): void {
  if (nice <= 0) return;
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return; // No per-thread priority here: the worker runs at the process's.
  }
  if (!Number.isInteger(tid) || tid <= 0) return;
  try {
    setPriority(tid, nice);
  } catch {
    // Not permitted: the worker keeps the process's niceness.
  }
  if (!idleClass) return;
  try {
    execFileSync('chrt', ['--idle', '-p', '0', String(tid)], { stdio: 'ignore', timeout: 2000 });
  } catch {
    // No chrt (or not permitted): niceness alone.
  }
}
