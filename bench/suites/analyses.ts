/**
 * Stored analyses (issue #16): a generated corpus of 10,000 articles about fictional events (1,000
 * with --quick; `generateStoryCorpus`) ingested, grouped into stories and every story analysed
 * once (`runAnalyses`) by `bench/analyse-store.ts` in a process of its own, as `parallax analyze`
 * runs: articles/s and that process's peak RSS, against reading every story's input from the
 * store (the baseline, same process). Then the bundled example ingested into a SQLite file and its stories
 * analysed once (`runAnalyses`, articles/s); then what readers pay afterwards: reading a stored
 * report (p99 over repeated reads of every story, against computing the same report again in the
 * same process: the ratio), the server's first answer for each story's report from a fresh app (its
 * analysis worker reads the stored one; p99), and the built `parallax report STORY` command's wall
 * time on a stored story beside `parallax --version` (the cost of starting Node and the CLI).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ANALYSES_VERSION, readAnalysis, runAnalyses } from '../../src/pipeline/analyses.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { reportStory } from '../../src/pipeline/synthesize/index.js';
import { createApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { generateStoryCorpus } from '../corpus.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/parallax.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ANALYSE = fileURLToPath(new URL('../analyse-store.ts', import.meta.url));

/** The newest modification time of a file under `dir` (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) latest = Math.max(latest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return latest;
}

function p99(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
}

function median(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The generated corpus through ingest and stories, then every story analysed: see the module comment. */
async function corpusFigures(scratchDir: string, quick: boolean, log: (line: string) => void): Promise<BenchFigure[]> {
  const count = quick ? 1000 : 10_000;
  const file = join(scratchDir, 'stories.jsonl');
  writeFileSync(file, `${generateStoryCorpus(3, { count }).map(({ event: _event, ...a }) => JSON.stringify(a)).join('\n')}\n`);
  const db = join(scratchDir, 'corpus.db');
  const store = await openStore(db);
  try {
    const t = performance.now();
    await runIngest({ inputs: [file], store });
    await runStories({ store });
    log(`corpus: ${count} articles ingested and grouped into stories in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
  }
  // The analysis in a process of its own, as `parallax analyze` runs it: its peak memory is the
  // analysis's, not what ingesting the corpus left in this process's heap.
  const child = spawnSync(process.execPath, ['--import', 'tsx', ANALYSE, db], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`analyse-store.ts: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as AnalyseResult;
  log(`corpus: ${r.stored} of ${r.stories} stories (${r.articles} articles) analysed and stored in ${r.seconds.toFixed(1)} s, ${r.cpuSeconds.toFixed(1)} CPU s (${r.failures} failures), in a process of its own`);
  return [
    { name: `analysis, ${count / 1000}k-article corpus (wall clock)`, value: r.articles / r.seconds, unit: 'articles/s', target: { op: '>=', value: 200 } },
    { name: `analysis, ${count / 1000}k-article corpus per CPU second`, value: r.articles / r.cpuSeconds, unit: 'articles/s' },
    { name: 'peak RSS of the analysing process', value: r.maxRssMiB, unit: 'MiB', target: { op: '<=', value: 512 } },
    { name: 'analysis time / reading the stories (baseline)', value: r.seconds / r.readSeconds, unit: 'x' },
  ];
}

/** What `bench/analyse-store.ts` prints. */
interface AnalyseResult {
  readonly stories: number;
  readonly articles: number;
  readonly stored: number;
  readonly failures: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly readSeconds: number;
  readonly maxRssMiB: number;
}

const suite: BenchSuite = {
  name: 'analyses',
  description: 'stories analysed once and stored; stored reports read by the CLI, the server and readers',
  async run({ log, scratchDir, quick }) {
    const db = join(scratchDir, 'example.db');
    const store = await openStore(db);
    const figures: BenchFigure[] = await corpusFigures(scratchDir, quick, log);
    try {
      await runIngest({ inputs: [EXAMPLE], store });
      await runStories({ store });
      const ids = (await store.stories.list({ limit: 100 })).items.map((s) => s.id);
      const articles = (await store.stories.list({ limit: 100 })).items.reduce((n, s) => n + s.articleCount, 0);

      const t0 = performance.now();
      const summary = await runAnalyses({ store, location: db });
      const analyseMs = performance.now() - t0;
      log(`${summary.stored} stories (${articles} articles) analysed and stored in ${(analyseMs / 1000).toFixed(1)} s (version ${ANALYSES_VERSION})`);
      figures.push({ name: 'analysis, first run incl. loading (example)', value: articles / (analyseMs / 1000), unit: 'articles/s' });

      // Reading a stored report against computing it again, story by story.
      const rounds = quick ? 5 : 20;
      const reads: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const id of ids) {
          const t = performance.now();
          await readAnalysis(store, id, 'report', db);
          reads.push(performance.now() - t);
        }
      }
      const computes: number[] = [];
      for (const id of ids) {
        const t = performance.now();
        await reportStory(store, id, db);
        computes.push(performance.now() - t);
      }
      figures.push({ name: 'stored report read, p99', value: p99(reads), unit: 'ms', target: { op: '<=', value: 50 } });
      figures.push({ name: 'computing it again, median (baseline)', value: median(computes), unit: 'ms' });
      figures.push({ name: 'computing / stored read (medians)', value: median(computes) / Math.max(median(reads), 1e-6), unit: '×' });

      // The server's first answer per story from a fresh app (no report remembered yet).
      const firsts: number[] = [];
      for (let r = 0; r < (quick ? 2 : 5); r++) {
        const app = createApp({ store, log: () => {}, workerLocation: db });
        try {
          for (const id of ids) {
            const t = performance.now();
            const res = await app.request(`/api/stories/${id}/report`);
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`report of ${id}: HTTP ${res.status}`);
            firsts.push(performance.now() - t);
          }
        } finally {
          await app.close();
        }
      }
      log(`server: first report request per story, ${firsts.length} requests (each app's first includes starting its worker)`);
      figures.push({ name: "server's first report per story, p99", value: p99(firsts), unit: 'ms', target: { op: '<=', value: 50 } });
      figures.push({ name: "server's first report per story, median", value: median(firsts), unit: 'ms' });
    } finally {
      await store.close();
    }

    // The built command on a stored story, beside starting the CLI at all.
    if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest(SRC)) {
      log('parallax report: skipped, the built CLI is missing or older than src/ (npm run build)');
      return figures;
    }
    const top = await openStore(db, { mustExist: true });
    const id = (await top.stories.list({ limit: 1 })).items[0]!.id;
    await top.close();
    const wall = (args: string[]): number => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`parallax ${args.join(' ')}: ${r.stderr}`);
      return performance.now() - t;
    };
    const runs = quick ? 3 : 7;
    const versions = Array.from({ length: runs }, () => wall(['--version']));
    const reports = Array.from({ length: runs }, () => wall(['report', id, '--db', db, '--format', 'html']));
    figures.push({ name: 'parallax --version, median wall (baseline)', value: median(versions) / 1000, unit: 's' });
    figures.push({ name: 'parallax report (stored, html), median wall', value: median(reports) / 1000, unit: 's', target: { op: '<=', value: 0.5 } });
    return figures;
  },
};

export default suite;
