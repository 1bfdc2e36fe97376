/**
 * Story clustering on ECB+ (development part): articles are fed one at a time, in file order, to
 * the streaming clusterer (title and text only: the README explains why url, source and date leak
 * the answer), then one `consolidate()` pass; predictions `{article_id: story_id}` are scored with
 * B-cubed precision/recall/F1 and the adjusted Rand index, computed exactly as
 * `shared/scorers/clustering_score.py` does.
 */
import { writeFileSync } from 'node:fs';
import { createClusterer, type ClusterOptions } from '../../src/pipeline/cluster/index.js';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';

/** One article of the set, as the clusterer may see it, with its gold label kept apart. */
export interface LabelledArticle {
  readonly id: string;
  readonly title?: string;
  readonly text: string;
  readonly gold: string;
}

/** Read `articles.jsonl.gz` from the data folder; EVAL_DATA_MISSING when absent. */
export function loadArticles(dataDir: string): LabelledArticle[] {
  return readJsonlGz<{ id: string; title: string | null; text: string | null; cluster: string }>(dataDir, 'articles.jsonl.gz').map((r) => ({
    id: r.id,
    text: r.text ?? '',
    gold: r.cluster,
    ...(r.title ? { title: r.title } : {}),
  }));
}

/** Stream the articles (in the given order) through a clusterer, consolidate, and return `{id: storyId}`. */
export function predict(articles: readonly LabelledArticle[], options?: ClusterOptions): Record<string, string> {
  const clusterer = createClusterer(options);
  for (const a of articles) clusterer.add({ id: a.id, text: a.text, ...(a.title !== undefined ? { title: a.title } : {}) });
  clusterer.consolidate();
  const out: Record<string, string> = {};
  for (const a of articles) out[a.id] = clusterer.storyOf(a.id) ?? `missing-${a.id}`;
  return out;
}

function comb2(n: number): number {
  return (n * (n - 1)) / 2;
}

/** B-cubed P/R/F1 and ARI over the gold articles, as `clustering_score.py` computes them (missing predictions are singletons). */
export function scoreClustering(gold: Readonly<Record<string, string>>, pred: Readonly<Record<string, string>>): Record<string, number> {
  const ids = Object.keys(gold).sort();
  const n = ids.length;
  const labP = new Map(ids.map((i) => [i, pred[i] ?? `__missing__${i}`]));
  const gSize = new Map<string, number>();
  const pSize = new Map<string, number>();
  const cont = new Map<string, number>();
  const key = (g: string, p: string): string => `${g}\u0000${p}`;
  for (const i of ids) {
    const g = gold[i]!;
    const p = labP.get(i)!;
    gSize.set(g, (gSize.get(g) ?? 0) + 1);
    pSize.set(p, (pSize.get(p) ?? 0) + 1);
    cont.set(key(g, p), (cont.get(key(g, p)) ?? 0) + 1);
  }
  let P = 0;
  let R = 0;
  for (const i of ids) {
    const g = gold[i]!;
    const p = labP.get(i)!;
    const c = cont.get(key(g, p))!;
    P += c / pSize.get(p)!;
    R += c / gSize.get(g)!;
  }
  P /= n;
  R /= n;
  const F = P + R > 0 ? (2 * P * R) / (P + R) : 0;
  let sij = 0;
  for (const c of cont.values()) sij += comb2(c);
  let sa = 0;
  for (const c of gSize.values()) sa += comb2(c);
  let sb = 0;
  for (const c of pSize.values()) sb += comb2(c);
  const tot = comb2(n);
  const exp = tot > 0 ? (sa * sb) / tot : 0;
  const mx = (sa + sb) / 2;
  const ari = mx === exp ? 1 : (sij - exp) / (mx - exp);
  return { b3_p: P, b3_r: R, b3_f1: F, ari, pred_clusters: pSize.size, gold_clusters: gSize.size };
}

const set: EvalSet = {
  name: 'clustering',
  dataFolder: 'story-clustering',
  description: 'streaming story clustering on ECB+ (two similar events per topic): B-cubed F1 and ARI',
  async run({ dataDir, outFile, log }) {
    const articles = loadArticles(dataDir);
    const started = performance.now();
    const pred = predict(articles);
    const seconds = (performance.now() - started) / 1000;
    if (outFile !== undefined) writeFileSync(outFile, `${JSON.stringify(pred, null, 1)}\n`);
    const gold = Object.fromEntries(articles.map((a) => [a.id, a.gold]));
    const s = scoreClustering(gold, pred);
    log(`${articles.length} articles, ${s.gold_clusters} gold stories, ${s.pred_clusters} predicted, ${(articles.length / seconds).toFixed(0)} articles/s`);
    return {
      figures: { b3_precision: s.b3_p!, b3_recall: s.b3_r!, b3_f1: s.b3_f1!, ari: s.ari! },
      // Measured (title + text, file order, default settings): P 0.9261, R 0.9773, F1 0.9510, ARI 0.9202.
      // Floors sit a little below; six shuffled arrival orders score F1 0.945–0.955.
      floors: { b3_precision: 0.91, b3_recall: 0.96, b3_f1: 0.935, ari: 0.9 },
    };
  },
};

export default set;
