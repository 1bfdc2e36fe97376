/**
 * The fuzz runner: `npm run fuzz -- --cases 3000 --seed 7`.
 *
 * Cases run in worker processes (`--jobs`, default 1), each case through the product path into a
 * fresh SQLite store; a case still running after the hang limit has its worker killed and counts
 * as a hang, a worker that dies counts as a crash. Writes `summary.json` and `summary.txt` to
 * `--out` (default `.scratch-fuzz/`): cases, failures by kind with the ids to replay, slowest cases.
 *
 * Options: `--cases N` `--seed N` `--from N` (first case index) `--kind html,zip` (only those input
 * kinds) `--jobs N` `--out DIR`; `--replay SEED:INDEX` runs one case in this process and prints it;
 * `--rerun DIR/summary.json` runs again the cases that failed in an earlier run (after a fix).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INPUT_KINDS, generateCase, type InputKind } from './cases.js';
import { fuzzLimits, knownCause, runCase, type CaseResult } from './check.js';
import type { WorkRequest } from './worker.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    from: { type: 'string', default: '0' },
    kind: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    out: { type: 'string', default: '.scratch-fuzz' },
    replay: { type: 'string' },
    rerun: { type: 'string' },
  },
});

const write = (line: string) => process.stdout.write(`${line}\n`);

const kinds = (values.kind?.split(',').map((k) => k.trim()) ?? [...INPUT_KINDS]) as InputKind[];
const unknown = kinds.filter((k) => !(INPUT_KINDS as readonly string[]).includes(k));
if (unknown.length > 0) {
  process.stderr.write(`Unknown input kind(s): ${unknown.join(', ')}. Known: ${INPUT_KINDS.join(', ')}.\n`);
  process.exit(2);
}

if (values.replay !== undefined) {
  const [seed, index] = values.replay.split(':').map(Number);
  const c = generateCase(seed!, index!, kinds);
  write(`case ${c.id}: ${c.kind} / ${c.mutation}`);
  for (const f of c.files) write(`  file ${f.name}: ${f.bytes.byteLength} bytes`);
  write(`  canaries ${c.canaries.map((k) => `${k.locator} (${k.marker})`).join(', ')}; hostile ${c.hostile.prefix}${c.hostile.each ? ` ${c.hostile.each.join(' ')}` : ''}`);
  const r = await runCase(c);
  write(`  ${Math.round(r.ms)} ms; hostile: ${r.outcome.join(', ') || '(nothing)'}`);
  for (const f of r.failures) write(`  FAIL ${f.kind}: ${f.detail}`);
  process.exit(r.failures.length === 0 ? 0 : 1);
}

/** The failed cases of an earlier run, when asked to run them again. */
const earlier =
  values.rerun === undefined ? undefined : (JSON.parse(readFileSync(values.rerun, 'utf8')) as { runSeed: number; results: CaseResult[] });
const rerun = earlier?.results.filter((r) => r.failures.length > 0).map((r) => Number(r.id.split(':')[1]));
const runSeed = earlier?.runSeed ?? Number(values.seed);
const from = rerun === undefined ? Number(values.from) : 0;
const total = rerun?.length ?? Number(values.cases);
const jobs = Math.max(1, Number(values.jobs));
const hangMs = fuzzLimits.hangMs.value;
const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));
const results: CaseResult[] = [];
const startedAt = Date.now();

/** A case that never reported back: its worker hung or died. */
function lost(index: number, kind: 'hang' | 'crash', detail: string, started?: { kind: string; mutation: string }): CaseResult {
  return { id: `${runSeed}:${index}`, kind: started?.kind ?? '?', mutation: started?.mutation ?? '?', ms: kind === 'hang' ? hangMs : 0, bytes: 0, outcome: [], failures: [{ kind, detail }] };
}

function spawnWorker(): ChildProcess {
  return fork(workerPath, [], { execArgv: [...process.execArgv, '--max-old-space-size=3072'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** Run cases `next()` hands out on one worker, replacing the worker after a hang or a crash. */
async function lane(next: () => number | undefined): Promise<void> {
  let worker = spawnWorker();
  let stderr = '';
  const listen = (w: ChildProcess) => w.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  listen(worker);
  for (let index = next(); index !== undefined; index = next()) {
    stderr = '';
    const request: WorkRequest = { runSeed, index, kinds };
    let started: { kind: string; mutation: string } | undefined;
    const result = await new Promise<CaseResult>((resolve) => {
      const timer = setTimeout(() => {
        worker.kill('SIGKILL');
        resolve(lost(index, 'hang', `still running after ${hangMs} ms; worker killed`, started));
      }, hangMs);
      const onMessage = (m: { started?: string; kind?: string; mutation?: string; result?: CaseResult }) => {
        if (m.started !== undefined) started = { kind: m.kind!, mutation: m.mutation! };
        if (m.result === undefined) return;
        done();
        resolve(m.result);
      };
      const onExit = (code: number | null, signal: string | null) => {
        done();
        resolve(lost(index, 'crash', `worker exited (code ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`, started));
      };
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.send(request);
    });
    results.push(result);
    const failed = result.failures.map((f) => f.kind).join(',');
    write(`${result.id} ${result.kind} ${result.mutation} ${Math.round(result.ms)} ms${failed ? ` FAIL ${failed}` : ''}`);
    if (result.failures.some((f) => f.kind === 'hang' || f.kind === 'crash')) {
      worker.kill('SIGKILL');
      worker = spawnWorker();
      listen(worker);
    }
    if (results.length % 50 === 0) writeSummary();
  }
  worker.kill();
}

function writeSummary(): string {
  const failures = results.filter((r) => r.failures.length > 0);
  const byKind = new Map<string, string[]>();
  for (const r of failures) for (const f of r.failures) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), r.id]);
  const byInput = new Map<string, { cases: number; failed: number }>();
  for (const r of results) {
    const e = byInput.get(r.kind) ?? { cases: 0, failed: 0 };
    e.cases++;
    if (r.failures.length > 0) e.failed++;
    byInput.set(r.kind, e);
  }
  const slowest = [...results].sort((x, y) => y.ms - x.ms).slice(0, 10);
  const canariesLost = results.reduce((n, r) => n + r.failures.filter((f) => f.kind === 'canary-lost').length, 0);
  const lines = [
    `fuzz run: seed ${runSeed}, ${earlier === undefined ? `cases ${from}..${from + total - 1}` : `the ${total} failed cases of ${values.rerun}`}, ${results.length} done in ${Math.round((Date.now() - startedAt) / 1000)} s`,
    `cases failed: ${failures.length} (${failures.filter((r) => r.failures.every((f) => knownCause(f) !== undefined)).length} only of known causes, test/fuzz/known.json); canaries lost: ${canariesLost}; over ${fuzzLimits.caseMs.value} ms: ${results.filter((r) => r.ms > fuzzLimits.caseMs.value).length}`,
    '',
    'failures by kind (replay: npm run fuzz -- --replay ID):',
    ...[...byKind].map(([k, ids]) => `  ${k}: ${ids.length} — ${ids.slice(0, 20).join(' ')}${ids.length > 20 ? ' …' : ''}`),
    '',
    'by input kind (cases / failed):',
    ...[...byInput].sort().map(([k, e]) => `  ${k}: ${e.cases} / ${e.failed}`),
    '',
    'slowest cases:',
    ...slowest.map((r) => `  ${r.id} ${r.kind} ${r.mutation}: ${Math.round(r.ms)} ms, ${r.bytes} bytes`),
    '',
    'failed cases:',
    ...failures.flatMap((r) => [`  ${r.id} ${r.kind} ${r.mutation}`, ...r.failures.map((f) => `    ${f.kind}: ${f.detail}${knownCause(f) === undefined ? '' : ' [known, see test/fuzz/known.json]'}`)]),
  ];
  const text = lines.join('\n');
  mkdirSync(values.out!, { recursive: true });
  writeFileSync(join(values.out!, 'summary.txt'), `${text}\n`);
  writeFileSync(join(values.out!, 'summary.json'), `${JSON.stringify({ runSeed, from, total, results }, null, 1)}\n`);
  return text;
}

let cursor = from;
const next = () => (rerun !== undefined ? rerun.shift() : cursor < from + total ? cursor++ : undefined);
await Promise.all(Array.from({ length: jobs }, () => lane(next)));
const text = writeSummary();
write('');
write(text.split('\n\nfailed cases:')[0]!);
write(`\nfull summary: ${join(values.out!, 'summary.txt')}`);
process.exit(results.some((r) => r.failures.length > 0) ? 1 : 0);
