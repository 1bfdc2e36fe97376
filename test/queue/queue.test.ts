import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueIngest, registerWorker } from '../../src/cli/commands/worker.js';
import type { CliContext } from '../../src/cli/context.js';
import { createQueue, type JobEvent, type Queue } from '../../src/queue/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { ANALYSES_VERSION } from '../../src/pipeline/analyses.js';
import { openStore } from '../../src/store/index.js';
import { waitUntilIdle } from '../support/pg.js';

/** A PostgreSQL server to test against; `npm run test:postgres` starts one and sets it. */
const url = process.env.PARALLAX_TEST_PG;

/** Fictional articles: two on one event, one on another. */
const HARBOUR = [
  'The harbour authority of Port Velling said on Tuesday that the old swing bridge over the Marren canal will close for nine months from March while engineers replace its rusted turning gear.',
  'Ferry operator Calder Lines said it would add two extra crossings each morning to carry commuters who normally walk across the bridge to the business district on the north bank.',
  'Local shop owners on Quay Street warned that the closure could cut their takings by a third, and asked the council for a rates holiday while the works go on.',
  'The authority said the repairs would cost 14 million crowns, shared between the city and the regional transport fund, and that the bridge would reopen before the autumn regatta.',
].join('\n\n');
const HARBOUR_2 = [
  'Port Velling will shut its Marren canal swing bridge for nine months starting in March, the harbour authority announced on Tuesday, so that the corroded turning gear can be replaced.',
  'Commuters who cross on foot will be offered two additional morning ferry crossings by Calder Lines, the operator confirmed, to reach offices on the north bank of the canal.',
  'Traders on Quay Street fear they will lose a third of their business during the works and have asked the city council to suspend business rates until the bridge reopens.',
  'The 14 million crown bill is split between the city and the regional transport fund; the authority expects the bridge to be back in service ahead of the autumn regatta.',
].join('\n\n');
const ORCHARD = [
  'Growers in the Ashby valley began picking the first apples of the season on Monday, two weeks earlier than usual after an unusually warm and dry summer across the region.',
  'The valley growers cooperative said the crop was smaller than last year but the fruit was sweeter, and it expected prices at the wholesale market in Denholm to rise slightly.',
  'Seasonal workers arriving from the coast found the hostels already full, and the cooperative opened its packing hall as a temporary dormitory for about forty pickers.',
  'A spokesperson for the cooperative said irrigation limits imposed in July had forced some farms to leave their youngest trees unwatered for several weeks.',
].join('\n\n');

function schemaUrl(schema: string): string {
  const u = new URL(url ?? '');
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

describe.skipIf(url === undefined)('PostgreSQL job queue (set PARALLAX_TEST_PG; npm run test:postgres sets it)', () => {
  let admin: pg.Pool;
  const schemas: string[] = [];
  let dir: string;

  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
    dir = mkdtempSync(join(tmpdir(), 'parallax-queue-'));
  });

  afterAll(async () => {
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh store schema and pg-boss schema for one test (dropped when the file is done). */
  async function freshSchemas(): Promise<{ location: string; bossSchema: string }> {
    const id = randomBytes(6).toString('hex');
    const storeSchema = `parallax_qstore_${id}`;
    const bossSchema = `parallax_qboss_${id}`;
    await admin.query(`CREATE SCHEMA ${storeSchema}`);
    schemas.push(storeSchema, bossSchema);
    return { location: schemaUrl(storeSchema), bossSchema };
  }

  /**
   * Run the crash worker (`crash-worker.ts`) until it has taken a job it never finishes (an ingest
   * job, or with `stories` a stories run), then kill it with SIGKILL.
   */
  async function killCrashWorker(location: string, bossSchema: string, hang: 'ingest' | 'stories'): Promise<void> {
    const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
    const args = ['--import', 'tsx', script, location, bossSchema, ...(hang === 'stories' ? ['stories'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(hang === 'stories' ? 'started stories' : 'started ')) resolve();
      });
      child.once('exit', () => reject(new Error(`crash worker exited early: ${out}`)));
    });
    child.kill('SIGKILL');
    await exited;
  }

  it('two workers store every article exactly once, build the stories, and park a poison job with its error', async () => {
    const { location, bossSchema } = await freshSchemas();

    const files = { harbour: join(dir, 'harbour.txt'), harbour2: join(dir, 'harbour-2.txt'), orchard: join(dir, 'orchard.txt') };
    writeFileSync(files.harbour, HARBOUR);
    writeFileSync(files.harbour2, HARBOUR_2);
    writeFileSync(files.orchard, ORCHARD);
    const poison = join(dir, 'missing.txt');

    const options = { url: location, schema: bossSchema, retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5, maxConnections: 4 };
    const producer = await createQueue(options);
    const workers = [await createQueue(options), await createQueue(options)];
    const events: JobEvent[][] = [[], []];
    try {
      const ids = await producer.enqueueIngest([files.harbour, poison, files.harbour2, files.orchard]);
      expect(ids).toHaveLength(4);
      // The same input queued twice (a retried upload, say) adds nothing twice.
      await producer.enqueueIngest([files.orchard]);
      await Promise.all(workers.map((w, i) => w.work({ concurrency: 2, onJob: (e) => events[i]?.push(e) })));
      await waitUntilIdle(producer, 25_000);

      const store = await openStore(location);
      try {
        const page = await store.articles.list({ limit: 50 });
        expect(page.total).toBe(3);
        expect(new Set(page.items.map((a) => a.id)).size).toBe(3);
        expect(await store.stories.pendingArticleIds()).toEqual([]);
        expect(await store.stories.count()).toBeGreaterThanOrEqual(1);
        expect(await store.stories.count()).toBeLessThanOrEqual(3);
      } finally {
        await store.close();
      }

      const poisonJob = await producer.job('ingest', ids[1] ?? '');
      expect(poisonJob?.state).toBe('failed');
      expect(poisonJob?.output).toMatchObject({ code: 'INPUT_NOT_FOUND' });
      // First try plus one retry, whichever worker took them.
      const all = events.flat();
      expect(all.filter((e) => !e.ok && e.input === poison)).toHaveLength(2);
      for (const good of [ids[0], ids[2], ids[3]]) expect((await producer.job('ingest', good ?? ''))?.state).toBe('completed');
      expect(all.filter((e) => e.kind === 'stories' && e.ok).length).toBeGreaterThanOrEqual(1);
      // Both workers took jobs.
      expect(events.every((list) => list.length > 0)).toBe(true);
    } finally {
      await Promise.all([producer, ...workers].map((q) => q.stop()));
    }
  }, 40_000);

  it('retries the job of a worker killed with SIGKILL within a few sweeps, long before it expires, and stores its articles once', async () => {
    const { location, bossSchema } = await freshSchemas();
    const file = join(dir, 'orchard-crash.txt');
    writeFileSync(file, ORCHARD);

    // The job's expiry stays at its default (hours): only its free lease can tell it was lost.
    const options = { url: location, schema: bossSchema, retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false, pollingIntervalSeconds: 0.5, maxConnections: 3 };
    const producer = await createQueue(options);
    let survivor: Queue | undefined;
    const faults: string[] = [];
    try {
      const [jobId] = await producer.enqueueIngest([file]);
      await killCrashWorker(location, bossSchema, 'ingest');
      expect((await producer.job('ingest', jobId ?? ''))?.state).toBe('active');

      survivor = await createQueue({ ...options, sweepSeconds: 0.5, leaseGraceSeconds: 1, onError: (e) => faults.push(e.code) });
      await survivor.work({ concurrency: 1 });
      await waitUntilIdle(producer, 20_000);
      expect((await producer.job('ingest', jobId ?? ''))?.state).toBe('completed');
      expect(faults).toContain('QUEUE_JOB_LOST');
      const store = await openStore(location);
      try {
        expect((await store.articles.list({ limit: 10 })).total).toBe(1);
        expect(await store.stories.pendingArticleIds()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await Promise.all([producer, survivor].map((q) => q?.stop()));
    }
  }, 40_000);

  it('retries the stories run of a worker killed with SIGKILL within a few sweeps, so story building goes on', async () => {
    const { location, bossSchema } = await freshSchemas();
    const options = { url: location, schema: bossSchema, retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false, pollingIntervalSeconds: 0.5, maxConnections: 3 };
    const producer = await createQueue(options);
    let survivor: Queue | undefined;
    let runs = 0;
    try {
      await producer.enqueueIngest(['input-0']);
      await killCrashWorker(location, bossSchema, 'stories');
      // Stately: the dead run still holds the one active slot, so no other stories run could start.
      expect((await producer.backlog()).stories).toBe(1);

      survivor = await createQueue({
        ...options,
        sweepSeconds: 0.5,
        leaseGraceSeconds: 1,
        stories: () => {
          runs++;
          return Promise.resolve({ assigned: 0, changed: 0, removed: 0, stories: 0, changedIds: [], messages: [] });
        },
      });
      await survivor.work({ concurrency: 1 });
      await waitUntilIdle(producer, 20_000);
      expect(runs).toBe(1);
    } finally {
      await Promise.all([producer, survivor].map((q) => q?.stop()));
    }
  }, 40_000);

  it('never takes a live job as lost, however long it runs past the grace period', async () => {
    const { location, bossSchema } = await freshSchemas();
    let runs = 0;
    const faults: string[] = [];
    const queue = await createQueue({
      url: location,
      schema: bossSchema,
      pollingIntervalSeconds: 0.5,
      maxConnections: 3,
      sweepSeconds: 0.5,
      leaseGraceSeconds: 0.5,
      onError: (e) => faults.push(e.code),
      ingest: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 4_000));
        return { documents: 0, added: 0, skipped: 0, enriched: 0, articles: 0, empty: 0, failures: [] };
      },
      stories: () => Promise.resolve({ assigned: 0, changed: 0, removed: 0, stories: 0, changedIds: [], messages: [] }),
    });
    try {
      const [jobId] = await queue.enqueueIngest(['slow-input']);
      await queue.work({ concurrency: 2 });
      await waitUntilIdle(queue, 20_000);
      expect(runs).toBe(1);
      expect(faults).not.toContain('QUEUE_JOB_LOST');
      expect((await queue.job('ingest', jobId ?? ''))?.state).toBe('completed');
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('builds the stories of articles stored without a stories request (a request lost in a crash)', async () => {
    const { location, bossSchema } = await freshSchemas();
    const file = join(dir, 'harbour-direct.txt');
    writeFileSync(file, HARBOUR);
    // Stored as an ingest job would, but nothing asks for a stories run.
    const direct = await openStore(location);
    try {
      expect((await runIngest({ inputs: [file], store: direct })).articles).toBe(1);
      expect(await direct.stories.hasPending()).toBe(true);
    } finally {
      await direct.close();
    }
    const queue = await createQueue({ url: location, schema: bossSchema, pollingIntervalSeconds: 0.5, maxConnections: 3, sweepSeconds: 0.5 });
    try {
      await queue.work({ concurrency: 1 });
      const store = await openStore(location);
      try {
        const start = Date.now();
        while ((await store.stories.hasPending()) && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 200));
        expect(await store.stories.pendingArticleIds()).toEqual([]);
        expect(await store.stories.count()).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('completes a job whose input has one bad line, listing it, and builds the stories of the good ones', async () => {
    const { location, bossSchema } = await freshSchemas();
    const file = join(dir, 'one-bad-line.jsonl');
    const line = (text: string, n: number) => JSON.stringify({ url: `https://harbour.example/${n}`, title: `Bridge ${n}`, text });
    writeFileSync(file, [line(HARBOUR, 1), '{"text": "unterminated', line(HARBOUR_2, 2), line(ORCHARD, 3)].join('\n') + '\n');
    const events: JobEvent[] = [];
    const queue = await createQueue({ url: location, schema: bossSchema, retryLimit: 2, retryDelaySeconds: 0, pollingIntervalSeconds: 0.5, maxConnections: 3 });
    try {
      const [jobId] = await queue.enqueueIngest([file]);
      await queue.work({ concurrency: 1, onJob: (e) => events.push(e) });
      await waitUntilIdle(queue, 20_000);
      const job = await queue.job('ingest', jobId ?? '');
      expect(job?.state).toBe('completed');
      expect(job?.output).toMatchObject({ articles: 3, failed: 1, failures: [{ code: 'JSONL_INVALID' }] });
      // Run once: a bad line is not retried.
      expect(events.filter((e) => e.kind === 'ingest')).toHaveLength(1);
      const store = await openStore(location);
      try {
        expect((await store.articles.list({ limit: 10 })).total).toBe(3);
        expect(await store.stories.pendingArticleIds()).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('runs queued jobs back to back rather than one per polling interval', async () => {
    const { location, bossSchema } = await freshSchemas();
    const queue = await createQueue({
      url: location,
      schema: bossSchema,
      pollingIntervalSeconds: 2,
      maxConnections: 3,
      ingest: () => Promise.resolve({ documents: 0, added: 0, skipped: 0, enriched: 0, articles: 0, empty: 0, failures: [] }),
      stories: () => Promise.resolve({ assigned: 0, changed: 0, removed: 0, stories: 0, changedIds: [], messages: [] }),
    });
    try {
      await queue.enqueueIngest(Array.from({ length: 8 }, (_, i) => `input-${i}`));
      const start = Date.now();
      let done = 0;
      await queue.work({ concurrency: 1, onJob: (e) => (e.kind === 'ingest' ? done++ : undefined) });
      while (done < 8 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 50));
      expect(done).toBe(8);
      // One job per 2 s poll would take 14 s or more.
      expect(Date.now() - start).toBeLessThan(6_000);
    } finally {
      await queue.stop();
    }
  }, 30_000);

  it('never runs two stories jobs at once, however many workers ask', async () => {
    const { location, bossSchema } = await freshSchemas();
    let running = 0;
    let most = 0;
    let runs = 0;
    const options = {
      url: location,
      schema: bossSchema,
      pollingIntervalSeconds: 0.5,
      maxConnections: 4,
      // Every ingest job "succeeds" at once; each stories run takes a while.
      ingest: () => Promise.resolve({ documents: 0, added: 0, skipped: 0, enriched: 0, articles: 0, empty: 0, failures: [] }),
      stories: async () => {
        running++;
        runs++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 400));
        running--;
        return { assigned: 0, changed: 0, removed: 0, stories: 0, changedIds: [], messages: [] };
      },
    };
    const workers = [await createQueue(options), await createQueue(options), await createQueue(options)];
    try {
      await workers[0]?.enqueueIngest(Array.from({ length: 12 }, (_, i) => `input-${i}`));
      await Promise.all(workers.map((w) => w.work({ concurrency: 3 })));
      await waitUntilIdle(workers[0] as Queue, 25_000);
      expect(most).toBe(1);
      expect(runs).toBeGreaterThanOrEqual(1);
      // Debounced: far fewer stories runs than ingest jobs.
      expect(runs).toBeLessThan(12);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }, 40_000);
  it("analyses each new story in an analyze job and stores it; a story's second article makes it stale and it is analysed again", async () => {
    const { location, bossSchema } = await freshSchemas();
    const files = { harbour: join(dir, 'analyse-harbour.txt'), harbour2: join(dir, 'analyse-harbour-2.txt') };
    writeFileSync(files.harbour, HARBOUR);
    writeFileSync(files.harbour2, HARBOUR_2);
    const options = { url: location, schema: bossSchema, retryDelaySeconds: 1, retryBackoff: false, pollingIntervalSeconds: 0.5, maxConnections: 4, sweepSeconds: 0.5 };
    const worker = await createQueue(options);
    const store = await openStore(location);
    const events: JobEvent[] = [];
    try {
      await worker.work({ onJob: (e) => events.push(e) });
      const current = async (): Promise<{ id: string; articles: number; analysed: boolean }[]> => {
        const { items } = await store.stories.list();
        const out = [];
        for (const s of items) {
          const a = await store.analysis.get(s.id, 'report');
          const ok = a !== undefined && a.sameMembers && a.version === ANALYSES_VERSION && (JSON.parse(a.body) as { articles: unknown[] }).articles.length === s.articleCount;
          out.push({ id: s.id, articles: s.articleCount, analysed: ok });
        }
        return out;
      };
      await worker.enqueueIngest([files.harbour]);
      await waitUntilIdle(worker, 60_000);
      const first = await current();
      expect(first).toEqual([{ id: first[0]?.id, articles: 1, analysed: true }]);
      await worker.enqueueIngest([files.harbour2]);
      // Eventually (a stories request lost to timing is made good by a sweep) both articles are in
      // stories, and every story's stored analysis is current.
      let second = await current();
      for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
        await waitUntilIdle(worker, 60_000);
        second = await current();
        if (second.reduce((n, s) => n + s.articles, 0) === 2 && second.every((s) => s.analysed)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(second.every((s) => s.analysed)).toBe(true);
      expect(second.reduce((n, s) => n + s.articles, 0)).toBe(2);
      expect(events.filter((e) => e.kind === 'analyze' && e.ok && e.outcome === 'analysed').length).toBeGreaterThanOrEqual(2);
      expect(events.filter((e) => !e.ok)).toEqual([]);
    } finally {
      await worker.stop();
      await store.close();
    }
  }, 240_000);

});

describe('job queue without a server', () => {
  it('refuses a SQLite location with QUEUE_NEEDS_POSTGRES', async () => {
    const err: unknown = await createQueue({ url: 'parallax.db' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'QUEUE_NEEDS_POSTGRES' });
  });

  it('reports an unreachable server as QUEUE_START_FAILED without its password', async () => {
    const err: unknown = await createQueue({ url: 'postgres://ada:s3cret@127.0.0.1:1/parallax' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'QUEUE_START_FAILED' });
    expect((err as Error).message).not.toContain('s3cret');
  });
});

describe('parallax worker and ingest --queue', () => {
  const ctx = (): CliContext => ({ stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: tmpdir() });

  it('refuses a non-PostgreSQL --db with QUEUE_NEEDS_POSTGRES', async () => {
    const program = new Command().exitOverride();
    registerWorker(program, ctx());
    const err: unknown = await program.parseAsync(['node', 'parallax', 'worker', '--db', 'stories.db']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'QUEUE_NEEDS_POSTGRES' });
    const queued: unknown = await enqueueIngest(['a.txt'], { db: 'stories.db' }, ctx()).catch((e: unknown) => e);
    expect(queued).toMatchObject({ code: 'QUEUE_NEEDS_POSTGRES' });
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    const program = new Command().exitOverride();
    registerWorker(program, ctx());
    const err: unknown = await program.parseAsync(['node', 'parallax', 'worker', '--db', 'postgres://127.0.0.1:1/x', '--concurrency', '0']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'USAGE' });
  });
});
