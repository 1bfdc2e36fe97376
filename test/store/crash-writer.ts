/**
 * Child process for the crash test: saves generated batches into a store, announcing each batch
 * on stdout before (`begin N`) and after (`saved N`) it is written, then `done`.
 *
 * Usage: node --import tsx test/store/crash-writer.ts DB SEED BATCHES BATCH_SIZE
 */
import { openStore } from '../../src/store/index.js';
import { generateRecords } from './records.js';

const [db, seed, batches, size] = process.argv.slice(2);
if (db === undefined || seed === undefined || batches === undefined || size === undefined) {
  console.error('usage: crash-writer.ts DB SEED BATCHES BATCH_SIZE');
  process.exit(2);
}
const store = await openStore(db);
for (let b = 0; b < Number(batches); b++) {
  const records = generateRecords({ seed: Number(seed), start: b * Number(size), count: Number(size) });
  process.stdout.write(`begin ${b}\n`);
  await store.saveIngested(records);
  process.stdout.write(`saved ${b}\n`);
}
await store.close();
process.stdout.write('done\n');
