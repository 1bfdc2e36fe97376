/**
 * Throughput of saveIngested on a temp-file SQLite store: ARTICLES generated articles (default
 * 10 000) in batches of BATCH records (default 500). Not part of the test suite.
 *
 * Usage: node --import tsx test/store/bench-save.ts [ARTICLES] [BATCH] [normal|full]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type IngestRecord } from '../../src/store/index.js';
import { generateRecord } from './records.js';

const target = Number(process.argv[2] ?? 10_000);
const batchSize = Number(process.argv[3] ?? 500);
const durability = process.argv[4] === 'full' ? 'full' : 'normal';

const records: IngestRecord[] = [];
let articles = 0;
for (let i = 0; articles < target; i++) {
  const r = generateRecord(99, i);
  records.push(r);
  articles += r.articles.length;
}
const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-'));
const file = join(dir, 'bench.db');
const store = await openStore(file, { durability });
const started = process.hrtime.bigint();
for (let i = 0; i < records.length; i += batchSize) await store.saveIngested(records.slice(i, i + batchSize));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const t0 = process.hrtime.bigint();
let listed = 0;
for await (const _ of store.articles.iterate()) listed++;
const iterSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const s0 = process.hrtime.bigint();
const hits = await store.articles.count({ search: 'harbor bridge' });
const searchMs = Number(process.hrtime.bigint() - s0) / 1e6;
await store.close();
const size = statSync(file).size;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${articles} articles in ${records.length} documents, batches of ${batchSize}, synchronous=${durability}: ` +
    `${seconds.toFixed(2)} s, ${Math.round(articles / seconds)} articles/s; ` +
    `iterate ${listed} in ${iterSeconds.toFixed(2)} s; search ${hits} hits in ${searchMs.toFixed(1)} ms; file ${(size / 1e6).toFixed(1)} MB\n`,
);
