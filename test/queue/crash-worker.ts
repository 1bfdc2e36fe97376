/**
 * Child process for the queue's kill -9 tests: a worker whose jobs of one kind never finish. It
 * prints `started INPUT` (or `started stories`) when it has taken such a job, then hangs until the
 * test kills it. With `stories` as third argument its ingest jobs succeed at once (storing
 * nothing) and the stories run they ask for hangs; otherwise its ingest jobs hang.
 *
 * Usage: node --import tsx test/queue/crash-worker.ts DB BOSS_SCHEMA [stories]
 */
import { createQueue } from '../../src/queue/index.js';

const [url, schema, hang] = process.argv.slice(2);
if (url === undefined || schema === undefined) {
  console.error('usage: crash-worker.ts DB BOSS_SCHEMA [stories]');
  process.exit(2);
}
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const queue = await createQueue({
  url,
  schema,
  pollingIntervalSeconds: 0.5,
  maxConnections: 3,
  ingest:
    hang === 'stories'
      ? () => Promise.resolve({ documents: 0, added: 0, skipped: 0, enriched: 0, articles: 0, empty: 0, failures: [] })
      : (input) => {
          process.stdout.write(`started ${input}\n`);
          return never();
        },
  ...(hang === 'stories'
    ? {
        stories: () => {
          process.stdout.write('started stories\n');
          return never();
        },
      }
    : {}),
});
await queue.work({ concurrency: 1 });
