import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { generateRecords } from './records.js';
import { runWriter, type WriterRun } from './run-writer.js';

/** A PostgreSQL server to test against (a connection URL); `npm run test:postgres` starts one and sets it. */
const url = process.env.PARALLAX_TEST_PG;

const SEED = 42;
const BATCHES = 16;
const SIZE = 150;

function runWriterHere(db: string, killAt?: number): Promise<WriterRun> {
  return runWriter(db, SEED, BATCHES, SIZE, killAt);
}

describe.skipIf(url === undefined)('PostgreSQL store under SIGKILL (set PARALLAX_TEST_PG; npm run test:postgres sets it)', () => {
  const schema = `parallax_crash_${randomBytes(6).toString('hex')}`;
  let admin: pg.Pool;
  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  const count = async (): Promise<{ documents: number; articles: number; messages: number }> => {
    const n = async (table: string): Promise<number> => Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.${table}`)).rows[0]?.n);
    return { documents: await n('documents'), articles: await n('articles'), messages: await n('messages') };
  };

  it('keeps whole batches only, and a re-run completes with every record exactly once', async () => {
    const u = new URL(url ?? '');
    u.searchParams.set('options', `-c search_path=${schema}`);
    const db = u.href;

    const first = await runWriterHere(db, 5);
    expect(first.signal).toBe('SIGKILL');
    const afterFirst = await count();
    // Batch atomicity across a crash: only whole batches are there, at least those reported saved.
    expect(afterFirst.documents % SIZE).toBe(0);
    expect(afterFirst.documents).toBeGreaterThanOrEqual((first.saved + 1) * SIZE);

    const second = await runWriterHere(db, 11);
    expect(second.signal).toBe('SIGKILL');
    expect((await count()).documents % SIZE).toBe(0);

    const last = await runWriterHere(db);
    expect(last.code).toBe(0);

    const records = generateRecords({ seed: SEED, count: BATCHES * SIZE });
    const articles = records.flatMap((r) => r.articles);
    const messages = records.reduce((n, r) => n + r.documentMessages.length + r.articles.reduce((k, a) => k + a.messages.length, 0), 0);
    expect(await count()).toEqual({ documents: records.length, articles: articles.length, messages });

    const store = await openStore(db);
    try {
      for (const record of records.filter((_, i) => i % 37 === 0)) {
        expect(await store.documents.get(record.document.id)).toStrictEqual({
          document: record.document,
          messages: record.documentMessages,
          articleIds: record.articles.map((a) => a.article.id),
        });
      }
      const seen: string[] = [];
      for await (const item of store.articles.iterate(undefined, { batchSize: 500 })) seen.push(item.article.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(articles.map((a) => a.article.id)));
    } finally {
      await store.close();
    }
  });
});
