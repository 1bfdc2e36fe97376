/**
 * The HTTP server under load: autocannon against `parallax serve` (its own process, as a user runs it) on 127.0.0.1 over a SQLite
 * store of 10,000 generated articles (`test/store/records.ts`, stored through the store directly)
 * in 2,000 five-article stories, plus the Harbor Accord example run through the whole pipeline.
 * Per endpoint, a time-bounded run (10 s; `--quick` 3 s) with 10 connections from a worker thread
 * reports requests/s and p99 latency: the story list (plain and filtered), a story's report JSON
 * (remembered by the server after the first request, whose time is reported too), and the UI's page.
 *
 * Then the story list's p99 at 50 requests/s, evenly spaced and timed from when each was due
 * (`steadyReaders`), while heavy work runs, against its p99 idle (target: within 20 %):
 * the first report of a 50-article quote-rich story, who-said-what of a story of about 20,000
 * quotes, and four 50 MB uploads (two 25 MB JSONL files each) being received and ingested. The
 * heavy requests are sent from a niced process of their own; the server is another process, so the bench's
 * clients share nothing with it but the machine. The server's request thread's CPU time is read
 * from `/proc` (Linux) for each window, to tell its own work from the machine's contention.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Family } from '../../src/model/story.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import type { StoryRecord } from '../../src/store/stories.js';
import { generateRecords } from '../../test/store/records.js';
import { generateArticle } from '../corpus.js';
import { quoteArticle } from '../quote-corpus.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const ARTICLES = 10_000;
const PER_STORY = 5;
const EXAMPLE = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));

/** Articles of the quote-heavy story: the quotes stage finds about 7.6 quotes in each, so about 20,000 quotes. */
const QUOTE_STORY_ARTICLES = 2650;
const UPLOADS = 4;
const UPLOAD_FILE_BYTES = 25 * 1024 * 1024;
/** The story list's readers while p99 is compared, idle and under load. */
const READERS_PER_SECOND = 50;

/**
 * The client of the heavy requests, in a process of its own: `{ id, url }` is a GET, `{ id, url,
 * files }` a multipart POST of files read from disk; each answers `{ id, status, ms }`. It stands
 * for clients on other machines, so it runs at niceness 10 rather than take the CPU the measured
 * server needs, and apart from the bench's readers: as a thread beside them, its garbage
 * collection (on the process's shared V8 threads, at full priority) while sending 200 MB delayed
 * the readers themselves (story list p99 3.8x idle, against about 1x with the uploads sent by curl).
 */
const LOAD_CLIENT = `
const { openAsBlob } = require('node:fs');
const { setPriority } = require('node:os');
const { basename } = require('node:path');
try { setPriority(0, 10); } catch {}
const parentPort = { postMessage: (m) => process.send(m) };
process.on('disconnect', () => process.exit(0));
process.on('message', async (m) => {
  const t0 = performance.now();
  try {
    let res;
    if (m.files) {
      const form = new FormData();
      for (const f of m.files) form.append('files', await openAsBlob(f), basename(f));
      res = await fetch(m.url, { method: 'POST', body: form });
    } else {
      res = await fetch(m.url);
    }
    const body = await res.text();
    parentPort.postMessage({ id: m.id, status: res.status, ms: performance.now() - t0, bytes: body.length, body: m.keep ? body : undefined });
  } catch (err) {
    parentPort.postMessage({ id: m.id, status: 0, ms: performance.now() - t0, error: String(err) });
  }
});`;

interface LoadAnswer {
  readonly id: number;
  readonly status: number;
  readonly ms: number;
  readonly bytes?: number;
  readonly body?: string;
  readonly error?: string;
}

/** A story of `articles` in one store, each its own family, saved as is (no clustering). */
async function saveStory(store: Store, id: string, title: string, articleIds: readonly string[]): Promise<void> {
  const families: Family[] = articleIds.map((a, k) => ({ id: `fam_${id.slice(4)}_${k}`, storyId: id, originalId: a, members: [{ articleId: a, derivation: 'original', reuse: 1, evidence: [] }] }));
  await store.saveStories({
    upsert: [
      {
        story: { id, title, articleIds: [...articleIds], sourceCount: families.length },
        members: articleIds.map((a, k) => ({ articleId: a, score: k === 0 ? 1 : 0.6, sharedTerms: [] })),
        families,
        membersHash: id,
      },
    ],
    remove: [],
    state: [],
  });
}

/** JSONL lines of quote articles `from … to - 1` under `host`, one outlet of ten per article. */
function quoteLines(seed: number, from: number, to: number, host: string): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const a = quoteArticle(seed, i);
    const published = new Date(Date.UTC(2030, 2, 16, 8) + i * 60_000).toISOString();
    lines.push(JSON.stringify({ url: `https://outlet-${i % 10}.${host}/news/${i}`, title: `Talks in Veska ${i}`, text: a.text, published }));
  }
  return lines.join('\n') + '\n';
}

/** A JSONL file of generated articles of about `bytes`. */
function uploadFile(seed: number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const a = generateArticle(seed, i);
    const line = JSON.stringify({ url: `https://upload-${seed}.example/${i}`, title: a.title, text: a.text, published: '2031-05-01T10:00:00Z' });
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

const BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

/** `parallax serve --db <db> --port 0` in a process of its own; resolves with its base URL once it listens. */
function startServe(db: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Parallax on (http:\/\/[^:]+:\d+)/.exec(out);
      if (m) resolve({ child, base: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`parallax serve exited with ${code}: ${err.slice(-2000)}`)));
  });
}


/**
 * Readers at a steady pace, in a small process of their own (as readers on other machines: the
 * bench's own heap, tens of MB of generated articles, paused its event loop for garbage collection
 * and those pauses counted as the server's latency): a GET of the URL every 1000 / rate ms for the
 * given seconds, open loop (each is sent when due, answered or not the earlier ones, over at most 10
 * kept-alive connections), each latency counted from the moment it was due, so a server that
 * stalls shows in full. Not autocannon's rate: it sends each connection's share of a second in one
 * burst when the second starts (its p99 was the time the server takes to drain 50 requests that
 * arrived at once) and corrects for coordinated omission with an expected interval of 1 / rate
 * read as milliseconds. Prints `{ latencies, bad }` as JSON.
 */
const READERS = `
const { Agent, get } = require('node:http');
const [url, perSecond, seconds] = process.argv.slice(1);
const agent = new Agent({ keepAlive: true, maxSockets: 10 });
const interval = 1000 / Number(perSecond);
const total = Math.round(Number(perSecond) * Number(seconds));
const latencies = [];
let bad = 0;
(async () => {
  const answered = [];
  const start = performance.now() + 20;
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answered.push(new Promise((resolve) => {
      const request = get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => { if (res.statusCode === 200) latencies.push(performance.now() - due); else bad++; resolve(); });
        res.on('error', () => { bad++; resolve(); });
      });
      request.setTimeout(30000, () => request.destroy(new Error('no answer in 30 s')));
      request.on('error', () => { bad++; resolve(); });
    }));
  }
  await Promise.all(answered);
  agent.destroy();
  process.stdout.write(JSON.stringify({ latencies, bad }));
})();`;

/** Latencies of a run of {@link steadyReaders}, in ms. */
interface ReaderLatency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
  /** Answers other than 200, errors and requests unanswered after 30 s. */
  readonly bad: number;
}

/** Run the {@link READERS} process against `url` and summarise its latencies. */
async function steadyReaders(url: string, perSecond: number, seconds: number): Promise<ReaderLatency> {
  const child = spawn(process.execPath, ['-e', READERS, url, String(perSecond), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the readers' process exited with ${code}`);
  const { latencies, bad } = JSON.parse(out) as { latencies: number[]; bad: number };
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(latencies.at(-1) ?? 0), count: latencies.length, bad };
}

/** CPU seconds of a process's main thread so far (Linux), or undefined. */
function mainThreadCpu(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const suite: BenchSuite = {
  name: 'server',
  description:
    'HTTP API under autocannon over 10k stored articles: requests/s and p99 latency for the story list, a report and the UI page; the story list p99 while reports, a 20,000-quote story and four 50 MB uploads run, against idle',
  async run({ log, scratchDir, quick }) {
    const dbPath = join(scratchDir, 'server.db');
    const store = await openStore(dbPath);
    let server: ChildProcess | undefined;
    let storeOpen = true;
    // At niceness 10 from its start, so that its V8 threads are too.
    const client = spawn(process.platform === 'linux' ? 'nice' : process.execPath, [...(process.platform === 'linux' ? ['-n', '10', process.execPath] : []), '-e', LOAD_CLIENT], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      await runIngest({ inputs: [EXAMPLE], store });
      await runStories({ store });
      const accord = (await store.stories.list({ limit: 1 })).items[0]!;

      // The heavy stories: 50 quote-rich articles, and one of about 20,000 quotes.
      const tHeavy = performance.now();
      const heavyDir = join(scratchDir, 'heavy');
      await mkdir(heavyDir, { recursive: true });
      await writeFile(join(heavyDir, 'fifty.jsonl'), quoteLines(5, 0, 50, 'fifty.example'));
      await writeFile(join(heavyDir, 'quotes.jsonl'), quoteLines(6, 0, QUOTE_STORY_ARTICLES, 'quotes.example'));
      await runIngest({ inputs: [heavyDir], store });
      const fifty: string[] = [];
      const quotes: string[] = [];
      for await (const a of store.articles.iterate()) {
        const url = a.article.url ?? '';
        if (url.includes('.fifty.example/')) fifty.push(a.article.id);
        else if (url.includes('.quotes.example/')) quotes.push(a.article.id);
      }
      await saveStory(store, 'sty_bench_fifty_0001', 'Fifty articles on the talks in Veska', fifty);
      await saveStory(store, 'sty_bench_quotes_001', 'The long story of the talks in Veska', quotes);
      log(`stored the heavy stories: ${fifty.length} and ${quotes.length} articles (${((performance.now() - tHeavy) / 1000).toFixed(1)} s)`);

      const uploadDir = join(scratchDir, 'uploads');
      await mkdir(uploadDir, { recursive: true });
      const uploads: string[][] = [];
      for (let u = 0; u < UPLOADS; u++) {
        const files = [join(uploadDir, `u${u}-a.jsonl`), join(uploadDir, `u${u}-b.jsonl`)];
        await writeFile(files[0]!, uploadFile(100 + 2 * u, UPLOAD_FILE_BYTES));
        await writeFile(files[1]!, uploadFile(101 + 2 * u, UPLOAD_FILE_BYTES));
        uploads.push(files);
      }

      const t0 = performance.now();
      for (let start = 0; start < ARTICLES; start += 1000) {
        const batch = generateRecords({ seed: 9, start, count: 1000 });
        await store.saveIngested(batch);
        const articles = batch.flatMap((r) => r.articles.map((a) => a.article));
        const upsert: StoryRecord[] = [];
        for (let i = 0; i + PER_STORY <= articles.length; i += PER_STORY) {
          const members = articles.slice(i, i + PER_STORY);
          const id = `sty_${(start + i).toString(16).padStart(16, '0')}`;
          const dates = members.map((a) => a.published?.value).filter((d): d is string => d !== undefined).sort();
          // Two members copy the first; the others are independent sources.
          const families: Family[] = members.slice(2).map((a, k) => ({
            id: `fam_${id.slice(4)}_${k}`,
            storyId: id,
            originalId: k === 0 ? members[0]!.id : a.id,
            members: (k === 0 ? members.slice(0, 3) : [a]).map((m, j) => ({ articleId: m.id, derivation: j === 0 ? 'original' : 'verbatim', reuse: j === 0 ? 1 : 0.9, evidence: [] })),
          }));
          upsert.push({
            story: { id, title: members[0]!.title ?? id, articleIds: members.map((a) => a.id), sourceCount: families.length, ...(dates.length > 0 ? { firstSeen: dates[0]!, lastSeen: dates.at(-1)! } : {}) },
            members: members.map((a, k) => ({ articleId: a.id, score: k === 0 ? 1 : 0.6, sharedTerms: [] })),
            families,
            membersHash: id,
          });
        }
        await store.saveStories({ upsert, remove: [], state: [] });
      }
      log(`stored ${await store.articles.count()} articles in ${await store.stories.count()} stories (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

      await store.close();
      storeOpen = false;
      const started = await startServe(dbPath);
      server = started.child;
      const base = started.base;
      const busy = (cpu0: number | undefined, t0: number): string => {
        const cpu = mainThreadCpu(server?.pid);
        return cpu === undefined || cpu0 === undefined ? 'n/a' : `${(((cpu - cpu0) * 1000) / (performance.now() - t0) * 100).toFixed(0)} %`;
      };

      const coldStart = performance.now();
      const cold = await fetch(`${base}/api/stories/${accord.id}/report`);
      if (!cold.ok) throw new Error(`report answered ${cold.status}`);
      await cold.arrayBuffer();
      const coldMs = performance.now() - coldStart;
      log(`first report of the ${accord.articleCount}-article example story: ${coldMs.toFixed(0)} ms (then remembered)`);

      const figures: BenchFigure[] = [{ name: 'report, first request (computed)', value: coldMs, unit: 'ms' }];
      const duration = quick ? 3 : 10;
      const targets: [string, string][] = [
        ['story list', '/api/stories?limit=50'],
        ['story list, filtered', '/api/stories?limit=50&language=en&since=2020-01-01&search=harbor'],
        ['story report (remembered)', `/api/stories/${accord.id}/report`],
        ['story page (member list)', `/api/stories/${accord.id}`],
      ];
      for (const [name, path] of targets) {
        const r = await autocannon({ url: `${base}${path}`, connections: 10, duration, workers: 1 });
        const bad = r.non2xx + r.errors + r.timeouts;
        log(`${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests${bad > 0 ? `, ${bad} failed` : ''}`);
        figures.push({ name: `${name}: requests/s`, value: r.requests.average, unit: 'req/s' });
        figures.push({ name: `${name}: p99 latency`, value: r.latency.p99, unit: 'ms', target: { op: '<=', value: 500 } });
        if (bad > 0) figures.push({ name: `${name}: failed requests`, value: bad, unit: 'requests', target: { op: '<=', value: 0 } });
      }

      // The story list's p99 idle, then while heavy work runs (each started just before its run).
      let nextId = 0;
      const answers = new Map<number, (a: LoadAnswer) => void>();
      client.on('message', (a: LoadAnswer) => answers.get(a.id)?.(a));
      const send = (m: { url: string; files?: string[] }) => {
        const id = nextId++;
        const at = performance.now();
        const answer = new Promise<LoadAnswer & { at: number }>((resolve) => answers.set(id, (a) => resolve({ ...a, at: performance.now() - at })));
        client.send({ id, ...m });
        return { answer, at };
      };
      // Readers at a steady pace (not as fast as the server can answer, where p99 is only the
      // depth of the queue the client itself builds), the same idle and under load.
      const loadDuration = quick ? 5 : 10;
      const listP99 = async (): Promise<ReaderLatency & { end: number }> => ({ ...(await steadyReaders(`${base}/api/stories?limit=50`, READERS_PER_SECOND, loadDuration)), end: performance.now() });
      // A first run settles the server after the throughput runs (their garbage, their sockets): its
      // p99 is printed, not compared.
      const settle = await steadyReaders(`${base}/api/stories?limit=50`, READERS_PER_SECOND, 5);
      log(`story list settling after the throughput runs: p99 ${settle.p99} ms, max ${settle.max} ms (not compared)`);
      const cpuIdle0 = mainThreadCpu(server.pid);
      const tIdle0 = performance.now();
      const idle = await listP99();
      log(`server's request thread busy ${busy(cpuIdle0, tIdle0)} while the idle list is measured`);
      log(`story list idle (${READERS_PER_SECOND} requests/s, evenly spaced): p50 ${idle.p50} ms, p99 ${idle.p99} ms, max ${idle.max} ms`);
      figures.push({ name: 'story list p99, idle', value: idle.p99, unit: 'ms' });
      // What the machine itself allows: the same readers beside a process that only spins, at the
      // workers' priority (idle class, nice 19), sharing nothing with the server but the CPUs.
      if (process.platform === 'linux') {
        const spinner = spawn('chrt', ['--idle', '0', 'nice', '-n', '19', process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' });
        let started = true;
        spinner.on('error', () => (started = false));
        try {
          const beside = await listP99();
          if (started) log(`story list beside an idle-class CPU spinner: p50 ${beside.p50} ms, p99 ${beside.p99} ms (${(beside.p99 / Math.max(1, idle.p99)).toFixed(2)}× idle: the machine's own floor for the ratios below)`);
          if (started) figures.push({ name: 'story list p99 beside an idle-class CPU spinner / idle', value: beside.p99 / Math.max(1, idle.p99), unit: '×' });
        } finally {
          spinner.kill('SIGKILL');
        }
      }
      const loads: [string, () => ReturnType<typeof send>[]][] = [
        ['a 50-article story report (first)', () => [send({ url: `${base}/api/stories/sty_bench_fifty_0001/report` })]],
        [`who said what in a ${quotes.length}-article story (~20,000 quotes)`, () => [send({ url: `${base}/api/stories/sty_bench_quotes_001/quotes` })]],
        [`${UPLOADS} uploads of 50 MB, received and ingested`, () => uploads.map((files) => send({ url: `${base}/api/ingest`, files }))],
      ];
      let worst = 0;
      const pending: Promise<unknown>[] = [];
      for (const [name, start] of loads) {
        const started = start();
        const t0 = performance.now();
        const cpu0 = mainThreadCpu(server.pid);
        const loaded = await listP99();
        const threadBusy = busy(cpu0, t0);
        const states = await Promise.all(started.map((s) => Promise.race([s.answer.then((a) => `${a.status} in ${(a.ms / 1000).toFixed(1)} s`), new Promise<string>((r) => setTimeout(() => r('still running'), 0))])));
        pending.push(...started.map((s) => s.answer));
        const ratio = loaded.p99 / Math.max(1, idle.p99);
        worst = Math.max(worst, ratio);
        log(`story list while ${name}: p50 ${loaded.p50} ms, p99 ${loaded.p99} ms, max ${loaded.max} ms (${ratio.toFixed(2)}× idle${loaded.bad > 0 ? `, ${loaded.bad} failed` : ''}; request thread busy ${threadBusy}); the load after ${((loaded.end - t0) / 1000).toFixed(1)} s: ${states.join(', ')}`);
        figures.push({ name: `story list p99 while ${name}`, value: loaded.p99, unit: 'ms' });
        figures.push({ name: `story list p99 while ${name} / idle`, value: ratio, unit: '×', target: { op: '<=', value: 1.2 } });
        if (loaded.bad > 0) figures.push({ name: `story list while ${name}: failed requests`, value: loaded.bad, unit: 'requests', target: { op: '<=', value: 0 } });
      }
      figures.push({ name: 'story list p99 under the worst load / idle', value: worst, unit: '×', target: { op: '<=', value: 1.2 } });
      // The uploads were accepted (202) once received; what is left of the work is stopped with the server.
      const accepted = await Promise.all(pending.slice(2).map((p) => Promise.race([p.then((a) => (a as LoadAnswer).status), new Promise<number>((r) => setTimeout(() => r(0), 120_000))])));
      log(`uploads answered: ${accepted.join(', ')}`);
      return figures;
    } finally {
      if (server && server.exitCode === null) {
        const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
        server.kill('SIGTERM');
        const timer = setTimeout(() => server!.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      client.kill();
      if (storeOpen) await store.close();
    }
  },
};

export default suite;
