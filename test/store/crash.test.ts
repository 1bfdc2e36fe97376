import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { generateRecords } from './records.js';
import { runWriter, type WriterRun } from './run-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 41;
const BATCHES = 16;
const SIZE = 150;

function runWriterHere(db: string, killAt?: number): Promise<WriterRun> {
  return runWriter(db, SEED, BATCHES, SIZE, killAt);
}

function check(db: string): { integrity: string; documents: number; articles: number; messages: number } {
  const conn = new Database(db, { readonly: true });
  try {
    const integrity = conn.pragma('integrity_check', { simple: true }) as string;
    const count = (table: string): number => (conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { integrity, documents: count('documents'), articles: count('articles'), messages: count('messages') };
  } finally {
    conn.close();
  }
}

describe('SQLite store under SIGKILL', () => {
  it('keeps whole batches only, and a re-run completes with every record exactly once', async () => {
    const db = join(dir, 'crash.db');

    const first = await runWriterHere(db, 5);
    expect(first.signal).toBe('SIGKILL');
    const afterFirst = check(db);
    expect(afterFirst.integrity).toBe('ok');
    // Batch atomicity across a crash: only whole batches are there, at least those reported saved.
    expect(afterFirst.documents % SIZE).toBe(0);
    expect(afterFirst.documents).toBeGreaterThanOrEqual((first.saved + 1) * SIZE);

    const second = await runWriterHere(db, 11);
    expect(second.signal).toBe('SIGKILL');
    const afterSecond = check(db);
    expect(afterSecond.integrity).toBe('ok');
    expect(afterSecond.documents % SIZE).toBe(0);

    const last = await runWriterHere(db);
    expect(last.code).toBe(0);

    const records = generateRecords({ seed: SEED, count: BATCHES * SIZE });
    const articles = records.flatMap((r) => r.articles);
    const messages = records.reduce((n, r) => n + r.documentMessages.length + r.articles.reduce((k, a) => k + a.messages.length, 0), 0);
    expect(check(db)).toEqual({ integrity: 'ok', documents: records.length, articles: articles.length, messages });

    const store = await openStore(db);
    try {
      for (const record of records.filter((_, i) => i % 37 === 0)) {
        expect(await store.documents.get(record.document.id)).toStrictEqual({
          document: record.document,
          messages: record.documentMessages,
          articleIds: record.articles.map((a) => a.article.id),
        });
      }
      const seen = new Set<string>();
      for await (const item of store.articles.iterate(undefined, { batchSize: 500 })) {
        expect(seen.has(item.article.id)).toBe(false);
        seen.add(item.article.id);
      }
      expect(seen).toEqual(new Set(articles.map((a) => a.article.id)));
    } finally {
      await store.close();
    }
  });
});
