/**
 * A worker's stop is bounded: a job that never returns (here one holding a store connection, which
 * closing the store would wait for forever) is failed as lost at the stop timeout, another worker
 * runs it again, and the stop ends within its deadline. Needs PARALLAX_TEST_PG (`npm run
 * test:postgres`, or `bash scripts/pg-test.sh test/queue/stop.test.ts`).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, waitUntilIdle } from '../support/pg.js';
import { createQueue, type Queue } from '../../src/queue/index.js';

const url = process.env.PARALLAX_TEST_PG;

const NOTHING = { documents: 0, added: 0, skipped: 0, enriched: 0, articles: 0, empty: 0, failures: [] };
const NO_STORIES = { assigned: 0, changed: 0, removed: 0, stories: 0, changedIds: [], messages: [] };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(url === undefined)('stopping a PostgreSQL worker (set PARALLAX_TEST_PG; npm run test:postgres sets it)', () => {
  const database = `parallax_stop_${randomBytes(5).toString('hex')}`;
  afterAll(() => dropTestDatabase(url!, database));

  it('ends within its deadline while a job hangs holding a store connection, failing the job as lost so another worker runs it', async () => {
    const location = await createTestDatabase(url!, database);
    let unblock = (): void => undefined;
    const blocked = new Promise<void>((r) => (unblock = r));
    let started = (): void => undefined;
    const running = new Promise<void>((r) => (started = r));
    const faults: string[] = [];
    const stuck = await createQueue({
      url: location,
      pollingIntervalSeconds: 0.5,
      maxConnections: 3,
      retryDelaySeconds: 0,
      retryBackoff: false,
      stopTimeoutSeconds: 1,
      stopDeadlineSeconds: 4,
      onError: (e) => faults.push(e.code),
      // Holds a store connection (its lock's session) until the test ends.
      ingest: (_input, store) =>
        store.withLock('stop-test', async () => {
          started();
          await blocked;
          return NOTHING;
        }),
      stories: () => Promise.resolve(NO_STORIES),
    });
    let survivor: Queue | undefined;
    try {
      const [jobId] = await stuck.enqueueIngest(['never-finishes']);
      await stuck.work({ concurrency: 1 });
      await running;
      const outcome = await Promise.race([stuck.stop().then(() => 'stopped'), sleep(20_000).then(() => 'still stopping after 20 s')]);
      expect(outcome).toBe('stopped');
      expect(faults).toContain('QUEUE_JOB_STOPPED');

      let runs = 0;
      survivor = await createQueue({
        url: location,
        pollingIntervalSeconds: 0.5,
        maxConnections: 3,
        ingest: () => {
          runs++;
          return Promise.resolve(NOTHING);
        },
        stories: () => Promise.resolve(NO_STORIES),
      });
      await survivor.work({ concurrency: 1 });
      await waitUntilIdle(survivor, 20_000);
      expect(runs).toBe(1);
      expect((await survivor.job('ingest', jobId ?? ''))?.state).toBe('completed');
    } finally {
      unblock();
      await survivor?.stop();
    }
  }, 60_000);
});
