/**
 * Worker scaling: a generated JSONL corpus with story structure (`generateStoryCorpus`: events of
 * 1–60 articles, each with its own names, told by several outlets; in publication order) ingested and grouped into stories by 1, 2 and 4 worker
 * processes (`parallax worker --concurrency 1`) through the PostgreSQL queue, and the same corpus
 * inline on SQLite (runIngest then runStories, one process) as the baseline. Figures: articles/s
 * per setting and the scaling ratios against one worker; per mode, the number of stories and the
 * B-cubed F1 of its stories against the generated events, so one sees whether all modes agree.
 *
 * Size: BENCH_WORKERS_ARTICLES (default 2 000, 500 with --quick: about a minute for all four
 * settings on a busy two-core machine, about 6 minutes at 20 000; the stories runs, one at a time
 * by design, are most of the time once ingest has more than one worker), cut into jobs of BENCH_WORKERS_PER_JOB articles (default 100, 50
 * with --quick); BENCH_WORKERS_COUNTS picks the worker counts (default 1,2,4). The 100k:
 * BENCH_WORKERS_ARTICLES=100000 (hours here).
 * "ingest" figures stop the clock when the last ingest job is done; "ingest + stories" when the
 * queue is idle. PostgreSQL: the server at BENCH_PG (a postgres://
 * URL whose user may create databases), else a throwaway server started like scripts/pg-test.sh;
 * the suite is skipped with a message when there are no server binaries. Timing runs from the
 * moment the jobs are queued (the workers are already up) until the queue is idle.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createQueue } from '../../src/queue/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';
import { createTestDatabase, dropTestDatabase } from '../../test/support/pg.js';
import { scoreClustering } from '../../eval/sets/clustering.js';
import { generateStoryCorpus, storyAssignment } from '../corpus.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

function pgBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  const last = versions[versions.length - 1];
  return last === undefined ? undefined : path.join(root, last, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A throwaway server in `dir` (trust auth on loopback); returns its URL and a stop function. */
async function startServer(binDir: string, dir: string): Promise<{ url: string; stop: () => void }> {
  const asServer = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asServer.length > 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    chownSync(dir, uid, -1);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) => {
    const all = [...asServer, cmd, ...args];
    execFileSync(all[0]!, all.slice(1), { stdio: 'ignore' });
  };
  run(path.join(binDir, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'parallax', '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust']);
  const port = await freePort();
  run(path.join(binDir, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`, 'start']);
  return {
    url: `postgres://parallax@127.0.0.1:${port}/postgres`,
    stop: () => run(path.join(binDir, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']),
  };
}

/** Start a worker process and resolve once it says it is running. */
function startWorker(db: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'worker', '--db', db, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('worker: running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${err}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Ingest + stories of `files` by `n` worker processes; returns seconds, articles and stories stored, and each article's story. */
async function runWorkers(
  serverUrl: string,
  n: number,
  files: readonly string[],
): Promise<{ ingestSeconds: number; seconds: number; articles: number; stories: number; assignment: Record<string, string> }> {
  const name = `parallax_bench_w${n}_${process.pid}`;
  await dropTestDatabase(serverUrl, name);
  const db = await createTestDatabase(serverUrl, name);
  const producer = await createQueue({ url: db, maxConnections: 2 });
  // The store's tables, created once here rather than raced by the workers.
  await (await openStore(db)).close();
  const workers: ChildProcess[] = [];
  try {
    for (let i = 0; i < n; i++) workers.push(await startWorker(db));
    const t = performance.now();
    await producer.enqueueIngest(files);
    let ingestSeconds: number | undefined;
    for (;;) {
      const b = await producer.backlog();
      if (b.ingest === 0) ingestSeconds ??= (performance.now() - t) / 1000;
      if (b.ingest === 0 && b.stories === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t) / 1000;
    const store = await openStore(db);
    try {
      return {
        ingestSeconds: ingestSeconds ?? seconds,
        seconds,
        articles: await store.articles.count(),
        stories: await store.stories.count(),
        assignment: await storyAssignment(store),
      };
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all(workers.map(stopWorker));
    await producer.stop();
    await dropTestDatabase(serverUrl, name);
  }
}

const suite: BenchSuite = {
  name: 'workers',
  description: 'ingest + stories by 1, 2 and 4 worker processes on PostgreSQL vs inline SQLite: articles/s and scaling',
  async run({ log, scratchDir, quick }) {
    const count = Number(process.env.BENCH_WORKERS_ARTICLES ?? (quick ? 500 : 2_000));
    const perJob = Number(process.env.BENCH_WORKERS_PER_JOB ?? (quick ? 50 : 100));
    const corpus = generateStoryCorpus(11, { count });
    const gold: Record<string, string> = Object.fromEntries(corpus.map((a) => [a.url, String(a.event)]));
    const events = new Set(corpus.map((a) => a.event)).size;
    const files: string[] = [];
    const corpusDir = path.join(scratchDir, 'corpus');
    mkdirSync(corpusDir);
    for (let start = 0; start < count; start += perJob) {
      const lines: string[] = [];
      for (const { event: _event, ...a } of corpus.slice(start, start + perJob)) lines.push(JSON.stringify(a));
      const file = path.join(corpusDir, `part-${String(files.length).padStart(4, '0')}.jsonl`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      files.push(file);
    }
    log(`corpus: ${count} articles about ${events} generated events (in publication order) in ${files.length} jobs of ${perJob}; ${process.env.BENCH_WORKERS_COUNTS ?? '1,2,4'} workers, machine has the cores it has (others may be busy)`);
    const figures: BenchFigure[] = [];

    let t = performance.now();
    const store = await openStore(path.join(scratchDir, 'inline.db'));
    const ingested = await runIngest({ inputs: files, store, batchSize: 500 });
    const ingestSeconds = (performance.now() - t) / 1000;
    await runStories({ store });
    const inlineSeconds = (performance.now() - t) / 1000;
    const inlineStories = await store.stories.count();
    const inlineF1 = scoreClustering(gold, await storyAssignment(store)).b3_f1 ?? 0;
    await store.close();
    const inlineRate = ingested.articles / inlineSeconds;
    const inlineIngestRate = ingested.articles / ingestSeconds;
    log(`SQLite inline: ${ingested.articles} articles in ${ingestSeconds.toFixed(1)} s, then ${inlineStories} stories (B-cubed F1 ${inlineF1.toFixed(3)} vs ${events} events) in ${(inlineSeconds - ingestSeconds).toFixed(1)} s`);
    figures.push({ name: 'SQLite inline: ingest', value: inlineIngestRate, unit: 'articles/s' });
    figures.push({ name: 'SQLite inline: ingest + stories', value: inlineRate, unit: 'articles/s' });
    figures.push({ name: 'generated events', value: events, unit: 'stories' });
    figures.push({ name: 'SQLite inline: stories', value: inlineStories, unit: 'stories' });
    figures.push({ name: 'SQLite inline: B-cubed F1 vs generated events', value: inlineF1, unit: '' });

    let serverUrl = process.env.BENCH_PG;
    let stop: (() => void) | undefined;
    if (serverUrl === undefined) {
      const binDir = pgBin();
      if (binDir === undefined || !existsSync(path.join(binDir, 'initdb'))) {
        log('no PostgreSQL server binaries (install postgresql, set PG_BIN or BENCH_PG): worker figures skipped');
        return figures;
      }
      // Its own folder under the temporary directory: the server's user must be able to reach it.
      const pgDir = mkdtempSync(path.join(tmpdir(), 'parallax-bench-pg-'));
      const server = await startServer(binDir, pgDir);
      serverUrl = server.url;
      stop = () => {
        server.stop();
        rmSync(pgDir, { recursive: true, force: true });
      };
    }
    try {
      const counts = (process.env.BENCH_WORKERS_COUNTS ?? '1,2,4').split(',').map(Number);
      const rates = new Map<number, number>();
      const ingestRates = new Map<number, number>();
      for (const n of counts) {
        t = performance.now();
        const r = await runWorkers(serverUrl, n, files);
        const rate = r.articles / r.seconds;
        rates.set(n, rate);
        ingestRates.set(n, r.articles / r.ingestSeconds);
        const f1 = scoreClustering(gold, r.assignment).b3_f1 ?? 0;
        log(`${n} worker${n === 1 ? '' : 's'}: ${r.articles} articles ingested in ${r.ingestSeconds.toFixed(1)} s, idle (${r.stories} stories, B-cubed F1 ${f1.toFixed(3)}) after ${r.seconds.toFixed(1)} s`);
        figures.push({ name: `PostgreSQL, ${n} worker${n === 1 ? '' : 's'}: ingest`, value: r.articles / r.ingestSeconds, unit: 'articles/s' });
        figures.push({ name: `PostgreSQL, ${n} worker${n === 1 ? '' : 's'}: ingest + stories`, value: rate, unit: 'articles/s' });
        figures.push({ name: `PostgreSQL, ${n} worker${n === 1 ? '' : 's'}: stories`, value: r.stories, unit: 'stories' });
        figures.push({ name: `PostgreSQL, ${n} worker${n === 1 ? '' : 's'}: B-cubed F1 vs generated events`, value: f1, unit: '' });
      }
      const one = rates.get(1);
      if (one !== undefined) {
        const oneIngest = ingestRates.get(1) ?? 1;
        for (const [n, rate] of rates) {
          if (n === 1) continue;
          figures.push({ name: `scaling ${n}/1 workers: ingest`, value: (ingestRates.get(n) ?? 0) / oneIngest, unit: '×' });
          figures.push({ name: `scaling ${n}/1 workers: ingest + stories`, value: rate / one, unit: '×' });
        }
        figures.push({ name: '1 worker / SQLite inline: ingest + stories', value: one / inlineRate, unit: '×' });
      }
    } finally {
      stop?.();
    }
    return figures;
  },
};

export default suite;
