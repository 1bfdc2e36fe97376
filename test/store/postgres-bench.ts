/**
 * Throughput of saveIngested on PostgreSQL (the server at PARALLAX_TEST_PG, in a fresh schema
 * dropped afterwards): ARTICLES generated articles (default 10 000) in batches of BATCH records
 * (default 500). Not part of the test suite.
 *
 * Usage: PARALLAX_TEST_PG=postgres://… node --import tsx test/store/postgres-bench.ts [ARTICLES] [BATCH] [normal|full]
 *        (or start a server with `scripts/pg-test.sh --shell` and run it there)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type IngestRecord } from '../../src/store/index.js';
import { generateRecord } from './records.js';

const url = process.env.PARALLAX_TEST_PG;
if (url === undefined) {
  console.error('set PARALLAX_TEST_PG to a PostgreSQL URL');
  process.exit(2);
}
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
const schema = `parallax_bench_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
try {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore(u.href, { durability });
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
  const l0 = process.hrtime.bigint();
  await store.articles.list({ language: 'en', limit: 50, offset: 1000 });
  const listMs = Number(process.hrtime.bigint() - l0) / 1e6;
  await store.close();
  const size = await admin.query<{ bytes: string }>(
    `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [schema],
  );
  process.stdout.write(
    `${articles} articles in ${records.length} documents, batches of ${batchSize}, durability ${durability}: ` +
      `${seconds.toFixed(2)} s, ${Math.round(articles / seconds)} articles/s; ` +
      `iterate ${listed} in ${iterSeconds.toFixed(2)} s; search ${hits} hits in ${searchMs.toFixed(1)} ms; ` +
      `list page in ${listMs.toFixed(1)} ms; tables ${(Number(size.rows[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB\n`,
  );
} finally {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
