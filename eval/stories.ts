/**
 * Story grouping measured through the path a user takes: the evaluation articles are written as
 * JSON Lines with the fields a user has (title, text, url, published, outlet), ingested into a
 * fresh SQLite store by `runIngest` and grouped by `runStories` — exactly what `parallax ingest`
 * does — and the stories are read back from the store. Each set runs in several arrival orders
 * (publication order, shuffled, reversed as a backfill, and two halves ingested apart); floors are
 * set on the worst. A plain single-pass TF-IDF grouping in date order is computed beside it as
 * the baseline to beat.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runIngest } from '../src/pipeline/run.js';
import { runStories } from '../src/pipeline/stories.js';
import { openStore } from '../src/store/index.js';
import { prng } from '../test/support/prng.js';

/** One evaluation article: what a user would have, and the gold story kept apart. */
export interface EvalArticle {
  readonly id: string;
  readonly gold: string;
  readonly title?: string;
  readonly text: string;
  readonly url?: string;
  /** ISO date or datetime. */
  readonly published?: string;
  readonly outlet?: string;
}

/** An arrival order: the batches a user ingests, one `parallax ingest` run each. */
export interface Order {
  readonly name: string;
  readonly batches: readonly (readonly EvalArticle[])[];
}

/** `{ articleId: label }`. */
export type Assignment = Record<string, string>;

function comb2(n: number): number {
  return (n * (n - 1)) / 2;
}

/**
 * B-cubed P/R/F1, pairwise P/R/F1 and ARI over the gold articles, as `clustering_score.py`
 * computes them (missing predictions are singletons).
 */
export function scoreClustering(gold: Readonly<Assignment>, pred: Readonly<Assignment>): Record<string, number> {
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
  const pairP = sb === 0 ? 1 : sij / sb;
  const pairR = sa === 0 ? 1 : sij / sa;
  const pairF = pairP + pairR > 0 ? (2 * pairP * pairR) / (pairP + pairR) : 0;
  return { b3_p: P, b3_r: R, b3_f1: F, pair_p: pairP, pair_r: pairR, pair_f1: pairF, ari, pred_clusters: pSize.size, gold_clusters: gSize.size };
}

/** Gold stories whose articles all share one predicted story and no other article does. */
export function wholeStories(gold: Readonly<Assignment>, pred: Readonly<Assignment>): number {
  const byGold = new Map<string, string[]>();
  const byPred = new Map<string, number>();
  for (const [id, g] of Object.entries(gold)) {
    const list = byGold.get(g) ?? [];
    list.push(id);
    byGold.set(g, list);
    const p = pred[id] ?? `__missing__${id}`;
    byPred.set(p, (byPred.get(p) ?? 0) + 1);
  }
  let whole = 0;
  for (const ids of byGold.values()) {
    const labels = new Set(ids.map((i) => pred[i] ?? `__missing__${i}`));
    if (labels.size === 1 && byPred.get([...labels][0]!) === ids.length) whole++;
  }
  return whole;
}

/** Publication order: dated articles oldest first, undated ones after them in their given order. */
export function byPublication(articles: readonly EvalArticle[]): EvalArticle[] {
  return articles
    .map((a, i) => [a, i] as const)
    .sort(([x, i], [y, j]) => {
      const dx = x.published ?? '\uffff';
      const dy = y.published ?? '\uffff';
      return dx < dy ? -1 : dx > dy ? 1 : i - j;
    })
    .map(([a]) => a);
}

/**
 * The arrival orders every story-level evaluation runs: all at once in publication order; all at
 * once shuffled; newest first in batches of `batch` (a backfill into a database of newer
 * articles); and the shuffled articles in two halves ingested apart.
 */
export function arrivalOrders(articles: readonly EvalArticle[], batch = 100, seed = 7): Order[] {
  const published = byPublication(articles);
  const random = prng(seed);
  const shuffled = [...articles];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const reversed = [...published].reverse();
  const backfill: EvalArticle[][] = [];
  for (let i = 0; i < reversed.length; i += batch) backfill.push(reversed.slice(i, i + batch));
  const half = Math.ceil(shuffled.length / 2);
  return [
    { name: 'publication', batches: [published] },
    { name: 'shuffled', batches: [shuffled] },
    { name: 'backfill', batches: backfill },
    { name: 'halves', batches: [shuffled.slice(0, half), shuffled.slice(half)] },
  ];
}

/**
 * Ingest the order's batches one `parallax ingest` run at a time (ingest, then stories) into a
 * fresh SQLite file, and read back which story each evaluation article ended in. An article
 * split into parts counts by its first part; an input that yields no article is a singleton.
 */
/**
 * One JSON Lines input line with the fields a user has for an article (an empty or missing field is
 * one the user does not have): what every product-path evaluation ingests.
 */
export function userLine(a: { readonly title?: string | null; readonly text: string; readonly url?: string | null; readonly published?: string | null; readonly outlet?: string | null }): string {
  return JSON.stringify({
    ...(a.title ? { title: a.title } : {}),
    text: a.text,
    ...(a.url ? { url: a.url } : {}),
    ...(a.published ? { published: a.published } : {}),
    ...(a.outlet ? { outlet: a.outlet } : {}),
  });
}

export async function groupThroughProduct(order: Order): Promise<Assignment> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-eval-stories-'));
  const store = await openStore(path.join(dir, 'eval.db'));
  try {
    const byLine = new Map<string, string>();
    for (let b = 0; b < order.batches.length; b++) {
      const file = path.join(dir, `batch-${String(b).padStart(4, '0')}.jsonl`);
      const lines = order.batches[b]!.map((a, i) => {
        byLine.set(`${file}#${i + 1}`, a.id);
        return userLine(a);
      });
      writeFileSync(file, `${lines.join('\n')}\n`);
      await runIngest({ inputs: [file], store });
      await runStories({ store });
    }
    const out: Assignment = {};
    const parts = new Map<string, number>();
    for await (const stored of store.articles.iterate()) {
      const o = stored.document.origin;
      const id = byLine.get(`${o.input}#${o.index ?? 0}`);
      if (id === undefined) continue;
      const part = stored.article.part;
      if ((parts.get(id) ?? Number.POSITIVE_INFINITY) <= part) continue;
      const story = await store.stories.ofArticle(stored.article.id);
      if (story === undefined) continue;
      parts.set(id, part);
      out[id] = story;
    }
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const BASELINE_STOP = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own said same says she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves mr mrs ms one two new`.split(
    /\s+/,
  ),
);

/**
 * The baseline of `shared/scorers/story_clustering_baseline.py` ("single"): title + text, TF-IDF
 * over the set itself, articles in date order (undated after, ties by id), each joins the most
 * similar cluster centroid at `threshold` or opens a new cluster.
 */
export function tfidfSinglePass(articles: readonly EvalArticle[], threshold: number): Assignment {
  const counts = articles.map((a) => {
    const c = new Map<string, number>();
    for (const w of `${a.title ?? ''}\n${a.text}`.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
      if (w.length > 1 && !BASELINE_STOP.has(w)) c.set(w, (c.get(w) ?? 0) + 1);
    }
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const w of c.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = articles.length;
  const vecs = counts.map((c) => {
    const v = new Map<string, number>();
    let sum = 0;
    for (const [w, tf] of c) {
      const x = (1 + Math.log(tf)) * (Math.log((n + 1) / (df.get(w)! + 1)) + 1);
      v.set(w, x);
      sum += x * x;
    }
    const norm = Math.sqrt(sum) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
  const order = articles.map((_, i) => i).sort((i, j) => {
    const di = articles[i]!.published?.slice(0, 10) || '9999';
    const dj = articles[j]!.published?.slice(0, 10) || '9999';
    return di < dj ? -1 : di > dj ? 1 : articles[i]!.id < articles[j]!.id ? -1 : 1;
  });
  const centroids: { v: Map<string, number>; norm: number }[] = [];
  const out: Assignment = {};
  for (const i of order) {
    const v = vecs[i]!;
    let best = -1;
    let bestScore = -1;
    centroids.forEach((c, k) => {
      let dot = 0;
      for (const [w, x] of v) dot += x * (c.v.get(w) ?? 0);
      const s = c.norm > 0 ? dot / c.norm : 0;
      if (s > bestScore) {
        best = k;
        bestScore = s;
      }
    });
    if (best >= 0 && bestScore >= threshold) {
      const c = centroids[best]!;
      for (const [w, x] of v) c.v.set(w, (c.v.get(w) ?? 0) + x);
      let sum = 0;
      for (const x of c.v.values()) sum += x * x;
      c.norm = Math.sqrt(sum);
      out[articles[i]!.id] = `c${best}`;
    } else {
      centroids.push({ v: new Map(v), norm: 1 });
      out[articles[i]!.id] = `c${centroids.length - 1}`;
    }
  }
  return out;
}

/** The baseline at its best threshold on this very set (0.0250 … 0.5000 by 0.0125): an optimistic bar. */
export function tunedBaseline(articles: readonly EvalArticle[]): { threshold: number; scores: Record<string, number>; assignment: Assignment } {
  const gold = Object.fromEntries(articles.map((a) => [a.id, a.gold]));
  let best: { threshold: number; scores: Record<string, number>; assignment: Assignment } | undefined;
  for (let k = 2; k <= 40; k++) {
    const threshold = k * 0.0125;
    const assignment = tfidfSinglePass(articles, threshold);
    const scores = scoreClustering(gold, assignment);
    if (best === undefined || scores.b3_f1! > best.scores.b3_f1!) best = { threshold, scores, assignment };
  }
  return best!;
}

/** Scores of one order, for printing and floors. */
export interface OrderResult {
  readonly order: string;
  readonly scores: Record<string, number>;
  readonly whole: number;
  readonly seconds: number;
}

/** Run every order through the product path and score it; `subsets` scores named parts of the gold too. */
export async function evaluateOrders(
  articles: readonly EvalArticle[],
  log: (line: string) => void,
  subsets: Readonly<Record<string, (a: EvalArticle) => boolean>> = {},
): Promise<{ results: OrderResult[]; subsetResults: Record<string, OrderResult[]> }> {
  const gold = Object.fromEntries(articles.map((a) => [a.id, a.gold]));
  const results: OrderResult[] = [];
  const subsetResults: Record<string, OrderResult[]> = Object.fromEntries(Object.keys(subsets).map((k) => [k, []]));
  for (const order of arrivalOrders(articles)) {
    const started = performance.now();
    const pred = await groupThroughProduct(order);
    const seconds = (performance.now() - started) / 1000;
    const scores = scoreClustering(gold, pred);
    const whole = wholeStories(gold, pred);
    results.push({ order: order.name, scores, whole, seconds });
    log(
      `${order.name.padEnd(12)} B3 P ${scores.b3_p!.toFixed(4)} R ${scores.b3_r!.toFixed(4)} F1 ${scores.b3_f1!.toFixed(4)}  ` +
        `pairwise F1 ${scores.pair_f1!.toFixed(4)}  ${scores.pred_clusters} stories for ${scores.gold_clusters}, ${whole} whole  ` +
        `(${order.batches.length} ingest run${order.batches.length === 1 ? '' : 's'}, ${seconds.toFixed(1)} s)`,
    );
    for (const [name, keep] of Object.entries(subsets)) {
      const ids = articles.filter(keep);
      const g = Object.fromEntries(ids.map((a) => [a.id, a.gold]));
      const p = Object.fromEntries(ids.map((a) => [a.id, pred[a.id] ?? `__missing__${a.id}`]));
      // Articles of the subset, scored against what they were grouped with inside the subset only.
      const s = scoreClustering(g, p);
      subsetResults[name]!.push({ order: order.name, scores: s, whole: wholeStories(g, p), seconds });
      log(`${''.padEnd(12)} ${name}: B3 F1 ${s.b3_f1!.toFixed(4)}  pairwise F1 ${s.pair_f1!.toFixed(4)}  ${wholeStories(g, p)} of ${s.gold_clusters} whole`);
    }
  }
  return { results, subsetResults };
}

/** The worst value of a figure over the orders. */
export function worst(results: readonly OrderResult[], figure: string): number {
  return Math.min(...results.map((r) => r.scores[figure] ?? Number.NaN));
}
