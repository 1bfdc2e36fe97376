/**
 * Streaming story clustering: a generated stream (10k and 100k articles; `--quick` 10k only) fed
 * one article at a time to the clusterer, then one consolidation pass. Reports articles/s (adding
 * only, by wall and by CPU time; generating the text is not timed), peak RSS and B-cubed F1
 * against the generator's stories.
 */
import { scoreClustering } from '../../eval/sets/clustering.js';
import { createClusterer } from '../../src/pipeline/cluster/index.js';
import { storyCorpus } from '../story-corpus.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const suite: BenchSuite = {
  name: 'cluster',
  description: 'streaming story clustering of a generated news stream: articles/s, peak RSS, B-cubed F1',
  async run({ log, quick }) {
    const figures: BenchFigure[] = [];
    for (const size of quick ? [10_000] : [10_000, 100_000]) {
      const clusterer = createClusterer();
      const gold: Record<string, string> = {};
      let ms = 0;
      let cpuUs = 0;
      let peak = process.memoryUsage().rss;
      let i = 0;
      for (const a of storyCorpus(size)) {
        gold[a.id] = String(a.story);
        const t = performance.now();
        const cpu = process.cpuUsage();
        clusterer.add(a);
        const used = process.cpuUsage(cpu);
        cpuUs += used.user + used.system;
        ms += performance.now() - t;
        if (++i % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
      }
      const t = performance.now();
      clusterer.consolidate();
      const consolidateMs = performance.now() - t;
      peak = Math.max(peak, process.memoryUsage().rss);
      const pred: Record<string, string> = {};
      for (const id of Object.keys(gold)) pred[id] = clusterer.storyOf(id) ?? id;
      const s = scoreClustering(gold, pred);
      log(`${size} articles: ${s.gold_clusters} stories generated, ${s.pred_clusters} found; add ${(ms / 1000).toFixed(1)} s, consolidate ${(consolidateMs / 1000).toFixed(1)} s`);
      const label = size >= 1000 ? `${size / 1000}k` : String(size);
      figures.push(
        { name: `add, ${label} articles`, value: (size * 1000) / ms, unit: 'articles/s' },
        // On a shared machine wall time depends on the neighbours; CPU time does not, so the target is on it.
        { name: `add, ${label} articles, per CPU second`, value: (size * 1e6) / cpuUs, unit: 'articles/s', target: { op: '>=', value: 1000 } },
        { name: `add + consolidate, ${label} articles`, value: (size * 1000) / (ms + consolidateMs), unit: 'articles/s' },
        { name: `peak RSS, ${label} articles`, value: peak / 2 ** 20, unit: 'MiB' },
        { name: `B-cubed F1 vs generated stories, ${label}`, value: s.b3_f1!, unit: '' },
      );
    }
    return figures;
  },
};

export default suite;
