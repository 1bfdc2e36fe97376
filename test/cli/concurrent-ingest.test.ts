/**
 * `parallax ingest` processes at once on one SQLite file (and on one PostgreSQL database, under
 * `npm run test:postgres`): story building takes turns under the
 * store's lock, so every article ends in exactly one story and nothing is counted twice.
 *
 * Without the lock this fails most runs (4 of 5 measured): a run that read the pending articles
 * before another saved its own, but saved after it, overwrote the clusterer state and left the
 * other's stories beside its own (article counts summing to 601–819 for 600 articles).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { storyCorpus, type CorpusArticle } from '../../bench/story-corpus.js';
import { createTestDatabase, dropTestDatabase } from '../support/pg.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `parallax ingest` in a child process; resolves with its exit code and output. */
function ingest(db: string, input: string, flags: readonly string[] = []): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, 'ingest', '-q', ...flags, '--db', db, input], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Two runs at once is the case reported; four make the bad interleavings likely (without the lock the check fails most runs). */
const RUNS = [0, 1, 2, 3] as const;

/** Four runs' worth of articles alternating between the runs, so every run feeds the same stories. */
function writeRuns(prefix: string): { files: string[]; total: number } {
  const articles = [...storyCorpus(RUNS.length * 150, 5)];
  const write = (name: string, part: readonly CorpusArticle[]): string => {
    const file = path.join(dir, name);
    const lines = part.map((a) => JSON.stringify({ url: `https://outlet${a.story % 3}.example/${a.id}`, title: a.title, text: a.text, published: a.published }));
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const every = (xs: readonly CorpusArticle[], n: number, k: number) => xs.filter((_, i) => i % n === k);
  // (One round of runs is the sharpest check: a later run removes the stories its state does not
  // know, which would hide an earlier round's damage.)
  return { files: RUNS.map((h) => write(`${prefix}-${h}.jsonl`, every(articles, RUNS.length, h))), total: articles.length };
}

/** Every article in exactly one story, the counts adding up, no story empty and no member orphaned. */
async function expectWholeStories(count: (sql: string) => Promise<number>, total: number): Promise<void> {
  const stored = await count('SELECT count(*) AS n FROM articles');
  expect(stored).toBe(total);
  expect(await count('SELECT count(*) AS n FROM articles a WHERE (SELECT count(*) FROM story_members m WHERE m.article_id = a.id) <> 1')).toBe(0);
  expect(await count('SELECT coalesce(sum(article_count), 0) AS n FROM stories')).toBe(stored);
  expect(await count('SELECT count(*) AS n FROM stories s WHERE article_count <> (SELECT count(*) FROM story_members m WHERE m.story_id = s.id)')).toBe(0);
  expect(await count('SELECT count(*) AS n FROM stories WHERE article_count = 0')).toBe(0);
  expect(await count('SELECT count(*) AS n FROM story_members m WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = m.story_id)')).toBe(0);
}

describe('ingests at once on one SQLite database', () => {
  it('wait for each other to build stories: every article is in exactly one story, the counts add up', { timeout: 90_000 }, async () => {
    const db = path.join(dir, 'shared.db');
    const { files, total } = writeRuns('run');
    const runs = await Promise.all(files.map((f) => ingest(db, f, ['--no-analyze'])));
    for (const run of runs) {
      expect(run.err, run.err).toBe('');
      expect(run.code).toBe(0);
    }

    const conn = new Database(db, { readonly: true });
    try {
      const count = (sql: string) => Promise.resolve(Number((conn.prepare(sql).get() as { n: number }).n));
      await expectWholeStories(count, total);
      // The lock is released when the runs end.
      expect(await count('SELECT count(*) AS n FROM locks')).toBe(0);
    } finally {
      conn.close();
    }
  });
});

/** A PostgreSQL server to test against; `npm run test:postgres` starts one and sets it. */
const pgUrl = process.env.PARALLAX_TEST_PG;

describe.skipIf(pgUrl === undefined)('ingests at once on one PostgreSQL database (set PARALLAX_TEST_PG; npm run test:postgres sets it)', () => {
  const database = `parallax_concurrent_${randomBytes(5).toString('hex')}`;
  afterAll(() => dropTestDatabase(pgUrl!, database));

  it('wait for each other to build stories: every run exits 0 and every article is in exactly one story', { timeout: 120_000 }, async () => {
    const location = await createTestDatabase(pgUrl!, database);
    const { files, total } = writeRuns('pg-run');
    const runs = await Promise.all(files.map((f) => ingest(location, f, ['--no-analyze'])));
    for (const run of runs) {
      expect(run.err, run.err).toBe('');
      expect(run.code).toBe(0);
    }
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      await expectWholeStories(async (sql) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? -1), total);
    } finally {
      await client.end();
    }
  });
});
