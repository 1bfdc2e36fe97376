/**
 * `node --import tsx bench/analyse-store.ts DB`: every story of the SQLite store at DB analysed once
 * (`runAnalyses`) in this process, as `parallax analyze` does, after reading every story's input
 * (the baseline). Prints one JSON line: `{ stories, articles, stored, failures, seconds, cpuSeconds,
 * readSeconds, maxRssMiB }`; `maxRssMiB` is the process's peak resident memory, start-up and the
 * NLP modules included. The analyses bench runs it in a process of its own so that the peak is the
 * analysis's, not what ingesting the corpus left in the bench's heap.
 */
import { performance } from 'node:perf_hooks';
import { runAnalyses } from '../src/pipeline/analyses.js';
import { loadStoryInput } from '../src/pipeline/story-input.js';
import { openStore } from '../src/store/index.js';

const db = process.argv[2];
if (db === undefined) throw new Error('usage: analyse-store.ts DB');
const store = await openStore(db, { mustExist: true });
try {
  const ids: string[] = [];
  let articles = 0;
  for (let offset = 0; ; offset += 1000) {
    const page = (await store.stories.list({ limit: 1000, offset })).items;
    ids.push(...page.map((s) => s.id));
    articles += page.reduce((n, s) => n + s.articleCount, 0);
    if (page.length < 1000) break;
  }
  let t = performance.now();
  for (const id of ids) await loadStoryInput(store, id, db);
  const readSeconds = (performance.now() - t) / 1000;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const summary = await runAnalyses({ store, location: db });
  const seconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // maxRSS is in KiB on Linux.
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ stories: ids.length, articles, stored: summary.stored, failures: summary.failures.length, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, readSeconds, maxRssMiB })}\n`,
  );
} finally {
  await store.close();
}
