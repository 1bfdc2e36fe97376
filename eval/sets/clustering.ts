/**
 * Story grouping on ECB+ (development part), through the path a user takes: the articles, with
 * title, text, url and publication date where ECB+ has them, are ingested into a store and grouped
 * by the stories run, in four arrival orders (eval/stories.ts); B-cubed and pairwise F1 per order,
 * floors on the worst. The single-pass TF-IDF baseline, tuned on this very set, is printed beside
 * it. The clusterer alone (title and text, file order, no dates) is kept as a diagnostic line.
 */
import { writeFileSync } from 'node:fs';
import { createClusterer, type ClusterOptions } from '../../src/pipeline/cluster/index.js';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';
import { evaluateOrders, scoreClustering, tunedBaseline, worst, type EvalArticle } from '../stories.js';

export { scoreClustering } from '../stories.js';

/** One article of the set, as the clusterer may see it, with its gold label kept apart. */
export interface LabelledArticle {
  readonly id: string;
  readonly title?: string;
  readonly text: string;
  readonly gold: string;
}

interface Row {
  id: string;
  title: string | null;
  text: string | null;
  cluster: string;
  date: string | null;
  url: string | null;
}

/** Read `articles.jsonl.gz` from the data folder (title and text only); EVAL_DATA_MISSING when absent. */
export function loadArticles(dataDir: string): LabelledArticle[] {
  return readJsonlGz<Row>(dataDir, 'articles.jsonl.gz').map((r) => ({
    id: r.id,
    text: r.text ?? '',
    gold: r.cluster,
    ...(r.title ? { title: r.title } : {}),
  }));
}

/** The articles with every field a user would have: title, text, url and publication date where known. */
export function loadUserArticles(dataDir: string): EvalArticle[] {
  return readJsonlGz<Row>(dataDir, 'articles.jsonl.gz').map((r) => ({
    id: r.id,
    gold: r.cluster,
    text: r.text ?? '',
    ...(r.title ? { title: r.title } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.date ? { published: r.date } : {}),
  }));
}

/** Diagnostic: the clusterer alone, articles in the given order, then one `consolidate()`; `{id: storyId}`. */
export function predict(articles: readonly LabelledArticle[], options?: ClusterOptions): Record<string, string> {
  const clusterer = createClusterer(options);
  for (const a of articles) clusterer.add({ id: a.id, text: a.text, ...(a.title !== undefined ? { title: a.title } : {}) });
  clusterer.consolidate();
  const out: Record<string, string> = {};
  for (const a of articles) out[a.id] = clusterer.storyOf(a.id) ?? `missing-${a.id}`;
  return out;
}

const set: EvalSet = {
  name: 'clustering',
  dataFolder: 'story-clustering',
  description: 'stories on ECB+ (two similar events per topic) through ingest → stories, in four arrival orders: B-cubed and pairwise F1',
  async run({ dataDir, outFile, log }) {
    const articles = loadUserArticles(dataDir);
    const gold = Object.fromEntries(articles.map((a) => [a.id, a.gold]));
    const { results } = await evaluateOrders(articles, log);
    const base = tunedBaseline(articles);
    log(`baseline     single-pass TF-IDF in date order, best threshold ${base.threshold.toFixed(4)}: B3 F1 ${base.scores.b3_f1!.toFixed(4)}  pairwise F1 ${base.scores.pair_f1!.toFixed(4)}`);
    const component = scoreClustering(gold, predict(loadArticles(dataDir)));
    log(`diagnostic   clusterer alone (title + text, file order, no dates): B3 F1 ${component.b3_f1!.toFixed(4)}`);
    if (outFile !== undefined) writeFileSync(outFile, `${JSON.stringify(results, null, 1)}\n`);
    const byOrder = Object.fromEntries(results.map((r) => [`b3_f1_${r.order}`, r.scores.b3_f1!]));
    return {
      figures: {
        b3_f1_worst: worst(results, 'b3_f1'),
        b3_precision_worst: worst(results, 'b3_p'),
        b3_recall_worst: worst(results, 'b3_r'),
        pairwise_f1_worst: worst(results, 'pair_f1'),
        ...byOrder,
        baseline_b3_f1: base.scores.b3_f1!,
        worst_minus_baseline: worst(results, 'b3_f1') - base.scores.b3_f1!,
      },
      // Measured (default settings, through ingest → stories): F1 publication 0.939, shuffled 0.938,
      // backfill 0.939, halves 0.935 (worst precision 0.982, recall 0.892; 0.933–0.937 before days of
      // the week in undated leads and figures beyond the lead of long articles were read apart);
      // baseline 0.861. The target is 0.95; floors sit a little below the measured worst and require beating
      // the baseline.
      floors: { b3_f1_worst: 0.925, pairwise_f1_worst: 0.92, worst_minus_baseline: 0.06 },
    };
  },
};

export default set;
