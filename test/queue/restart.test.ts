/**
 * Fault test: the PostgreSQL server restarts while two worker processes run a batch. Needs
 * PARALLAX_TEST_PG and PARALLAX_TEST_PG_CTL (a pg_ctl command line for that server), which
 * `npm run test:postgres` sets, and runs this file alone: it stops the server other tests use.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/pg.js';
import { generateArticle } from '../../bench/corpus.js';
import { createQueue, type Queue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';

const url = process.env.PARALLAX_TEST_PG;
const ctl = process.env.PARALLAX_TEST_PG_CTL;
const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

const FILES = 24;
const PER_FILE = 25;

function pgCtl(args: string): void {
  execFileSync('sh', ['-c', `${ctl ?? ''} ${args}`], { stdio: 'ignore' });
}

/** A query that answers undefined while the server is down. */
async function tryCount(location: string, sql: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: location });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]?.n ?? 0);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe.skipIf(url === undefined || ctl === undefined)('PostgreSQL restart (set PARALLAX_TEST_PG and PARALLAX_TEST_PG_CTL; npm run test:postgres sets them)', () => {
  let dir: string | undefined;
  const database = `parallax_restart_${randomBytes(5).toString('hex')}`;
  const workers: ChildProcess[] = [];
  const output: string[] = ['', ''];

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    await dropTestDatabase(url!, database);
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('two workers finish a batch through a server restart, every article stored exactly once', async () => {
    const location = await createTestDatabase(url!, database);

    const inputs: string[] = [];
    const folder = mkdtempSync(join(tmpdir(), 'parallax-restart-'));
    dir = folder;
    for (let f = 0; f < FILES; f++) {
      const lines = Array.from({ length: PER_FILE }, (_, i) => JSON.stringify(generateArticle(31, f * PER_FILE + i)));
      const file = join(folder, `batch-${f}.jsonl`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      inputs.push(file);
    }

    // The producer also runs maintenance: it expires a job whose outcome a worker could not record.
    const faults: string[] = [];
    const producer: Queue = await createQueue({
      url: location,
      retryDelaySeconds: 1,
      retryBackoff: false,
      ingestExpireSeconds: 30,
      maintenanceIntervalSeconds: 1,
      maxConnections: 3,
      onError: (e) => faults.push(e.message),
    });
    try {
      expect(await producer.enqueueIngest(inputs)).toHaveLength(FILES);
      for (let w = 0; w < 2; w++) {
        const child = spawn(process.execPath, ['--import', 'tsx', bin, 'worker', '--db', location, '--concurrency', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout?.on('data', (c: Buffer) => (output[w] += c.toString()));
        child.stderr?.on('data', (c: Buffer) => (output[w] += c.toString()));
        workers.push(child);
      }

      // Restart once a part of the batch is stored and the rest is queued or running.
      const started = Date.now();
      for (;;) {
        const stored = (await tryCount(location, 'SELECT count(*) AS n FROM documents')) ?? 0;
        if (stored >= PER_FILE * 3) break;
        if (Date.now() - started > 120_000) throw new Error(`workers stored too little in 120 s:\n${output.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const before = (await tryCount(location, 'SELECT count(*) AS n FROM documents')) ?? 0;
      expect(before).toBeLessThan(FILES * PER_FILE);
      pgCtl('stop -m fast');
      await new Promise((r) => setTimeout(r, 2000));
      pgCtl('start');

      // Idle: every ingest and stories job finished.
      for (;;) {
        const left = await producer.backlog().catch(() => undefined);
        if (left !== undefined && left.ingest === 0 && left.stories === 0) break;
        if (Date.now() - started > 240_000) throw new Error(`queue not idle: ${JSON.stringify(left)}\n${output.join('\n')}`);
        await new Promise((r) => setTimeout(r, 250));
      }

      // Both workers survived the restart.
      expect(workers.map((w) => w.exitCode)).toEqual([null, null]);
      expect(await tryCount(location, 'SELECT count(*) AS n FROM documents')).toBe(FILES * PER_FILE);
      expect(await tryCount(location, 'SELECT count(*) AS n FROM articles')).toBe(FILES * PER_FILE);
      expect(await tryCount(location, 'SELECT count(DISTINCT url) AS n FROM articles')).toBe(FILES * PER_FILE);
      expect(await tryCount(location, "SELECT count(*) AS n FROM pgboss.job WHERE state = 'failed'")).toBe(0);
      const store = await openStore(location);
      try {
        expect(await store.stories.pendingArticleIds()).toEqual([]);
      } finally {
        await store.close();
      }
      // The restart was felt: some job attempt or background query failed and was retried.
      expect(output.join('\n') + faults.join('\n')).toMatch(/fail|terminat|connect/i);
    } finally {
      await producer.stop();
      for (const w of workers) {
        if (w.exitCode === null) {
          const exited = new Promise((r) => w.once('exit', r));
          w.kill('SIGTERM');
          await exited;
        }
      }
    }
  }, 300_000);
});
