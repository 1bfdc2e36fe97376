/**
 * Dedup: an incremental MinHash/LSH index over a generated stream with stories and reuse
 * (`bench/reuse-corpus.ts`; 10k, 100k and 1M articles, `--quick` 10k only). Reports, per size,
 * articles/s for `index.add` by CPU time and wall clock (generating the text is not timed), peak RSS, index bytes per
 * article and the recall of true sources among the candidates; on 10k, the full path (index +
 * exact verification + families) and the speed ratio to a naive all-pairs comparison of the
 * same MinHash signatures, run in the same process. Anchors: datasketch (Python) ≈ 2,300
 * docs/s for MinHash+LSH; Rensa (Rust) ≈ 120,000 docs/s.
 */
import { streamArticle, type StreamArticle } from '../reuse-corpus.js';
import { buildFamilies, createDedupIndex, DEFAULT_PARAMS, type Match } from '../../src/pipeline/dedup/index.js';
import { estimateJaccard, signature } from '../../src/pipeline/dedup/minhash.js';
import { shingles, tokenize } from '../../src/pipeline/dedup/tokens.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const BATCH = 5000;
const label = (n: number): string => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

function naiveAllPairs(articles: readonly StreamArticle[], threshold: number): { cpuUs: number; pairs: Set<string> } {
  const P = DEFAULT_PARAMS.permutations;
  const c0 = process.cpuUsage();
  const sigs = new Uint32Array(articles.length * P);
  articles.forEach((a, i) => sigs.set(signature(shingles(tokenize(a.text), DEFAULT_PARAMS.shingleSize), P), i * P));
  const pairs = new Set<string>();
  for (let i = 0; i < articles.length; i++) {
    for (let j = 0; j < i; j++) if (estimateJaccard(sigs, i * P, sigs, j * P, P) >= threshold) pairs.add(`${j}:${i}`);
  }
  const c = process.cpuUsage(c0);
  return { cpuUs: c.user + c.system, pairs };
}

const suite: BenchSuite = {
  name: 'dedup',
  description: 'MinHash/LSH dedup index on a generated stream with reuse: articles/s, peak RSS, bytes/article, ratio to all-pairs',
  async run({ log, quick }) {
    const figures: BenchFigure[] = [];
    for (const size of quick ? [10_000] : [10_000, 100_000, 1_000_000]) {
      const index = createDedupIndex({ expected: size });
      const keep: StreamArticle[] = [];
      const allMatches: Match[] = [];
      let ms = 0;
      let cpuUs = 0;
      let derived = 0;
      let found = 0;
      let candidates = 0;
      let peak = process.memoryUsage().rss;
      // Generate a batch (untimed), then time adding it: wall clock and this process's CPU time,
      // since the machine may be shared.
      for (let from = 0; from < size; from += BATCH) {
        const batch: StreamArticle[] = [];
        for (let i = from; i < Math.min(size, from + BATCH); i++) batch.push(streamArticle(i));
        const results: Match[][] = [];
        const c0 = process.cpuUsage();
        const t = performance.now();
        for (const a of batch) results.push(index.add(a));
        ms += performance.now() - t;
        const c = process.cpuUsage(c0);
        cpuUs += c.user + c.system;
        batch.forEach((a, k) => {
          const m = results[k]!;
          candidates += m.length;
          if (a.source !== undefined) {
            derived++;
            if (m.some((x) => x.id === `a${a.source}`)) found++;
          }
          if (size === 10_000) {
            keep.push(a);
            allMatches.push(...m);
          }
        });
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      const s = index.stats();
      log(`${label(size)}: ${derived} derived articles, ${(candidates / size).toFixed(2)} candidates per article, add ${(ms / 1000).toFixed(1)} s`);
      figures.push(
        { name: `index.add, ${label(size)} (CPU time)`, value: size / (cpuUs / 1e6), unit: 'articles/s', target: { op: '>=', value: 20_000 } },
        { name: `index.add, ${label(size)} (wall clock)`, value: (size * 1000) / ms, unit: 'articles/s' },
        { name: `peak RSS, ${label(size)} articles`, value: peak / 2 ** 20, unit: 'MiB' },
        { name: `index bytes/article in use, ${label(size)}`, value: s.bytesUsed / size, unit: 'B', target: { op: '<=', value: 2048 } },
        { name: `index bytes/article allocated, ${label(size)}`, value: s.bytesAllocated / size, unit: 'B' },
        { name: `source among candidates, ${label(size)}`, value: found / Math.max(1, derived), unit: 'recall' },
      );

      if (size === 10_000) {
        const c0 = process.cpuUsage();
        const families = buildFamilies(keep, allMatches);
        const fc = process.cpuUsage(c0);
        const famUs = fc.user + fc.system;
        const rootOf = new Map<string, string>();
        for (const f of families) for (const m of f.members) rootOf.set(m.articleId, f.originalId);
        const right = keep.filter((a) => a.source !== undefined && rootOf.get(a.id) === `a${a.source}`).length;
        figures.push(
          { name: 'index + verify + families, 10k (CPU time)', value: size / ((cpuUs + famUs) / 1e6), unit: 'articles/s' },
          { name: 'derived articles in their source family, 10k', value: right / Math.max(1, derived), unit: '' },
        );
        log(`10k: ${families.length} families for ${keep.filter((a) => a.source === undefined).length} independent articles; families built in ${(famUs / 1e6).toFixed(1)} CPU s`);
        const naive = naiveAllPairs(keep, 0.5);
        const lshPairs = new Set(allMatches.filter((m) => m.jaccard >= 0.5).map((m) => `${m.id.slice(1)}:${m.queryId.slice(1)}`));
        const recall = [...naive.pairs].filter((p) => lshPairs.has(p)).length / Math.max(1, naive.pairs.size);
        log(`all-pairs on 10k: ${(naive.cpuUs / 1e6).toFixed(1)} CPU s, ${naive.pairs.size} pairs with estimated Jaccard >= 0.5, ${(recall * 100).toFixed(1)}% of them found by LSH`);
        figures.push(
          { name: 'naive all-pairs (same signatures), 10k (CPU time)', value: size / (naive.cpuUs / 1e6), unit: 'articles/s' },
          { name: 'LSH index speed / all-pairs speed, 10k', value: naive.cpuUs / cpuUs, unit: 'x' },
          { name: 'LSH recall of all-pairs near-duplicates (J >= 0.5), 10k', value: recall, unit: '' },
        );
      }
    }
    return figures;
  },
};

export default suite;
