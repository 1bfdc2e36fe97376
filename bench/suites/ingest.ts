/**
 * Ingest throughput: a generated JSONL corpus (100k articles; 10k with --quick) through the whole
 * pipeline (ingest → extract → clean → text) into a fresh SQLite file. Baseline in the same
 * process: the raw cost of reading and JSON-parsing the same file, so the ratio shows what the
 * pipeline and store add.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { openStore } from '../../src/store/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import type { BenchSuite } from '../types.js';
import { writeJsonlCorpus } from '../corpus.js';

async function readBaseline(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (line) {
      JSON.parse(line);
      n++;
    }
  }
  return n;
}

const suite: BenchSuite = {
  name: 'ingest',
  description: 'generated JSONL corpus → full pipeline → SQLite: articles/s and peak RSS',
  async run({ log, scratchDir, quick }) {
    const count = quick ? 10_000 : 100_000;
    const corpus = path.join(scratchDir, 'corpus.jsonl');
    const bytes = await writeJsonlCorpus(corpus, count);
    log(`corpus: ${count} articles, ${(bytes / 1e6).toFixed(1)} MB`);

    let t = performance.now();
    await readBaseline(corpus);
    const baselineSeconds = (performance.now() - t) / 1000;

    const store = await openStore(path.join(scratchDir, 'bench.db'));
    let peak = process.memoryUsage().rss;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 100);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const summary = await runIngest({ inputs: [corpus], store, batchSize: 500 });
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    const stored = await store.articles.count();
    await store.close();
    log(`stored ${stored} articles (${summary.failures.length} failures) in ${seconds.toFixed(1)} s`);

    t = performance.now();
    const store2 = await openStore(path.join(scratchDir, 'bench.db'));
    const again = await runIngest({ inputs: [corpus], store: store2, batchSize: 500 });
    const rerunSeconds = (performance.now() - t) / 1000;
    await store2.close();
    log(`re-ingest of the same corpus added ${again.added} documents`);

    return [
      { name: 'ingest articles/s (wall clock)', value: stored / seconds, unit: 'articles/s', target: { op: '>=', value: 2000 } },
      { name: 'ingest articles per CPU second', value: stored / cpuSeconds, unit: 'articles/s' },
      { name: 'peak RSS', value: peak / 2 ** 20, unit: 'MiB' },
      { name: 'pipeline time / read+parse baseline', value: seconds / baselineSeconds, unit: 'x' },
      { name: 're-ingest (all skipped) articles/s', value: count / rerunSeconds, unit: 'articles/s' },
    ];
  },
};

export default suite;
