/**
 * Story grouping on real multi-outlet news (`../shared/data/multi-outlet`, validation split: one
 * event told by a left, a center and a right outlet), through the path a user takes: each article
 * with its title, text, outlet, url and publication date where known is ingested into a store and
 * grouped by the stories run, in four arrival orders (eval/stories.ts). B-cubed and pairwise F1 per
 * order, on all events and on the events whose three texts are full (the rest are leads only);
 * floors on the worst order. The single-pass TF-IDF baseline, tuned on this very split, is printed
 * beside it. `--data DIR` may point at another copy; `MULTI_OUTLET_SPLIT=train` reads the train split.
 */
import { writeFileSync } from 'node:fs';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';
import { evaluateOrders, scoreClustering, tunedBaseline, worst, type EvalArticle } from '../stories.js';

interface Row {
  id: string;
  event_id: string;
  title: string | null;
  text: string | null;
  lead: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
}
interface EventRow {
  event_id: string;
  n_full_text: number;
}

/** An ISO date from the set's `published` (a few are malformed, such as `8/29/18`: a user's dump has those too). */
function isoDate(raw: string | null): string | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(raw.trim());
  if (us) {
    const year = us[3]!.length === 2 ? `20${us[3]}` : us[3]!;
    return `${year}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  }
  return undefined;
}

/** The split's articles with the fields a user has, and the events whose three texts are full. */
export function loadMultiOutlet(dataDir: string, split: string): { articles: EvalArticle[]; fullEvents: Set<string> } {
  const rows = readJsonlGz<Row>(dataDir, `articles.${split}.jsonl.gz`);
  const events = readJsonlGz<EventRow>(dataDir, `events.${split}.jsonl.gz`);
  const articles = rows.map((r): EvalArticle => {
    const published = isoDate(r.published);
    return {
      id: r.id,
      gold: r.event_id,
      text: r.text ?? r.lead ?? '',
      ...(r.title ? { title: r.title } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(published ? { published } : {}),
      ...(r.outlet ? { outlet: r.outlet } : {}),
    };
  });
  return { articles, fullEvents: new Set(events.filter((e) => e.n_full_text === 3).map((e) => e.event_id)) };
}

const set: EvalSet = {
  name: 'multi-outlet',
  dataFolder: 'multi-outlet',
  description: 'stories on real multi-outlet news (left, center, right outlet per event) through ingest → stories, in four arrival orders: B-cubed and pairwise F1',
  async run({ dataDir, outFile, log }) {
    const split = process.env.MULTI_OUTLET_SPLIT ?? 'val';
    const { articles, fullEvents } = loadMultiOutlet(dataDir, split);
    log(`${split} split: ${articles.length} articles, ${new Set(articles.map((a) => a.gold)).size} events (${fullEvents.size} with three full texts)`);
    const full = (a: EvalArticle): boolean => fullEvents.has(a.gold);
    const { results, subsetResults } = await evaluateOrders(articles, log, { 'full-text events': full });
    const base = tunedBaseline(articles);
    const fullArticles = articles.filter(full);
    const baseFull = scoreClustering(
      Object.fromEntries(fullArticles.map((a) => [a.id, a.gold])),
      Object.fromEntries(fullArticles.map((a) => [a.id, base.assignment[a.id]!])),
    );
    log(
      `baseline     single-pass TF-IDF in date order, best threshold ${base.threshold.toFixed(4)}: B3 F1 ${base.scores.b3_f1!.toFixed(4)}  ` +
        `pairwise F1 ${base.scores.pair_f1!.toFixed(4)}; full-text events B3 F1 ${baseFull.b3_f1!.toFixed(4)}`,
    );
    if (outFile !== undefined) writeFileSync(outFile, `${JSON.stringify({ results, subsetResults }, null, 1)}\n`);
    const fullResults = subsetResults['full-text events']!;
    return {
      figures: {
        b3_f1_worst: worst(results, 'b3_f1'),
        pairwise_f1_worst: worst(results, 'pair_f1'),
        ...Object.fromEntries(results.map((r) => [`b3_f1_${r.order}`, r.scores.b3_f1!])),
        full_text_b3_f1_worst: worst(fullResults, 'b3_f1'),
        baseline_b3_f1: base.scores.b3_f1!,
        baseline_full_text_b3_f1: baseFull.b3_f1!,
        worst_minus_baseline: worst(results, 'b3_f1') - base.scores.b3_f1!,
      },
      // Measured (val, default settings, through ingest → stories): F1 publication 0.838, shuffled
      // 0.835, backfill 0.831, halves 0.830 (the worst; 0.816–0.826 before days of the week in
      // undated leads and figures beyond the lead of long articles were read apart, and archive photo
      // captions, picture buttons and update stamps were cut); full-text events 0.914–0.926; baseline 0.800
      // (full-text 0.832). The targets are 0.92 and 0.97 on full-text events; floors sit a little
      // below the measured worst.
      floors: { b3_f1_worst: 0.82, full_text_b3_f1_worst: 0.905, worst_minus_baseline: 0.02 },
    };
  },
};

export default set;
