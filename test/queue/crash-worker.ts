/**
 * Child process for the queue's kill -9 test: a worker whose ingest jobs never finish. It prints
 * `started INPUT` when it has taken a job, then hangs until the test kills it.
 *
 * Usage: node --import tsx test/queue/crash-worker.ts DB BOSS_SCHEMA
 */
import { createQueue } from '../../src/queue/index.js';

const [url, schema] = process.argv.slice(2);
if (url === undefined || schema === undefined) {
  console.error('usage: crash-worker.ts DB BOSS_SCHEMA');
  process.exit(2);
}
const queue = await createQueue({
  url,
  schema,
  pollingIntervalSeconds: 0.5,
  maxConnections: 3,
  ingest: (input) => {
    process.stdout.write(`started ${input}\n`);
    return new Promise(() => undefined);
  },
});
await queue.work({ concurrency: 1 });
