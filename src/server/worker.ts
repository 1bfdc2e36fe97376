/**
 * The entry of the server's worker processes (started by `pool.ts` at a low priority), with their
 * own connection to the store. Once loaded it says READY; the first message it then reads is its `WorkerData`. An analysis worker
 * then answers one task message at a time with `{ ok, body | error }`; an ingest worker runs its
 * one job, sending progress and failures, then `done` or `error`, and ends. A worker ends when the
 * server's process goes (its channel closes).
 */
import { openStore } from '../store/index.js';
import { runIngestJob } from './ingest.js';
import { READY, toWire, type WorkerData } from './pool.js';
import { createAnalysisTasks, type AnalysisTask } from './tasks.js';

if (!process.send) throw new Error('worker.ts runs as a child process of the server (pool.ts), with an IPC channel');
const send = (message: unknown): Promise<void> =>
  new Promise((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });
process.on('disconnect', () => process.exit(0));

const data = await new Promise<WorkerData>((resolve) => {
  process.once('message', (m) => resolve(m as WorkerData));
  void send(READY);
});
const store = await openStore(data.location, { mustExist: true });

if (data.role === 'analysis') {
  const tasks = createAnalysisTasks({ store, location: 'the store', memoSize: data.memoSize });
  // One task at a time: the pool sends the next only after this one's answer.
  process.on('message', (task: AnalysisTask) => {
    tasks.run(task).then(
      (body) => send({ ok: true, body }),
      (err: unknown) => send({ ok: false, error: toWire(err) }),
    );
  });
} else {
  try {
    // The job's documents are processed in this process: it is one worker among the server's.
    const summary = await runIngestJob({ store, ingest: data.ingest, workers: 1 }, data.job, {
      progress: (p) => void send({ type: 'progress', p }),
      failure: (f) => void send({ type: 'failure', f }),
    });
    await send({ type: 'done', summary });
  } catch (err) {
    await send({ type: 'error', error: toWire(err) });
  } finally {
    await store.close();
    process.disconnect();
  }
}
