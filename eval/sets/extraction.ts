/**
 * Article-body extraction on real news and blog pages (the article-extraction benchmark's dev part).
 *
 * Every page goes through the extract stage as an HTML Document; its main text is compared with the
 * hand-made article body by the benchmark's measure (`../shared/data/article-extraction/README.md`,
 * reference implementation `../shared/scorers/extraction_f1.py`): per page, the multisets of
 * 4-token shingles (`\w+` tokens) of truth and prediction give tp, fp and fn; precision and recall
 * are averaged over the pages where they are defined, and F1 is the harmonic mean of the averages.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createError } from '../../src/errors.js';
import type { Document } from '../../src/model/document.js';
import { createExtract } from '../../src/pipeline/extract/index.js';
import type { EvalResult, EvalRunOptions, EvalSet } from '../types.js';

interface Truth {
  readonly articleBody: string;
  readonly url?: string;
}

/** Python's `\w` on text: letters, digits and other numbers, and the underscore. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** The 4-token shingles of a text as a multiset (shingle → count). */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  const count = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < count; i++) {
    const slice = tokens.slice(i, i + n);
    if (slice.length === 0) continue;
    const key = slice.join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** One page's (tp, fp, fn), each divided by their sum, as the benchmark scores a page. */
/** Matched, extra and missing `n`-token shingles of `prediction` against `truth` (bags: counts matter). */
export function bagCounts(truth: string, prediction: string, n = 4): { tp: number; fp: number; fn: number } {
  const a = shingles(truth, n);
  const b = shingles(prediction, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, na] of a) {
    const nb = b.get(k) ?? 0;
    tp += Math.min(na, nb);
    fn += Math.max(0, na - nb);
  }
  for (const [k, nb] of b) fp += Math.max(0, nb - (a.get(k) ?? 0));
  return { tp, fp, fn };
}

export function pageCounts(truth: string, prediction: string): { tp: number; fp: number; fn: number } {
  const { tp, fp, fn } = bagCounts(truth, prediction);
  const s = tp + fp + fn;
  return s === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / s, fp: fp / s, fn: fn / s };
}

export interface PageScore {
  readonly id: string;
  /** Undefined where the benchmark leaves it out of the average (empty prediction; empty truth). */
  readonly precision?: number;
  readonly recall?: number;
}

/** Per-page precision and recall exactly as the reference scorer defines them. */
export function scorePage(id: string, truth: string, prediction: string): PageScore {
  const { tp, fp, fn } = pageCounts(truth, prediction);
  const perfect = fp === 0 && fn === 0;
  return {
    id,
    precision: tp + fp > 0 ? (perfect ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp)) : undefined,
    recall: tp + fn > 0 ? (perfect ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn)) : undefined,
  };
}

/** Averages over pages and their harmonic mean. */
export function aggregate(pages: readonly PageScore[]): { precision: number; recall: number; f1: number } {
  const ps = pages.flatMap((p) => (p.precision === undefined ? [] : [p.precision]));
  const rs = pages.flatMap((p) => (p.recall === undefined ? [] : [p.recall]));
  const precision = ps.length > 0 ? ps.reduce((x, y) => x + y, 0) / ps.length : 0;
  const recall = rs.length > 0 ? rs.reduce((x, y) => x + y, 0) / rs.length : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** A Document for one benchmark page, as ingest would make it (the crawl URL as its hint). */
export function benchmarkDocument(id: string, html: string, url: string | undefined, dataDir: string): Document {
  const contentHash = createHash('sha256').update(html.normalize('NFC')).digest('hex');
  return {
    id: `doc_${contentHash.slice(0, 16)}`,
    contentHash,
    origin: { kind: 'file', locator: `html/${id}.html.gz`, input: dataDir },
    mediaType: 'text/html',
    content: html,
    encoding: { name: 'utf-8', source: 'declared' },
    byteLength: Buffer.byteLength(html),
    hints: url === undefined ? {} : { url },
    ingestedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** Load the benchmark: ids with their truth and decoded HTML. */
export function loadPages(dataDir: string): { id: string; truth: Truth; html: string }[] {
  const truthFile = path.join(dataDir, 'ground-truth.json');
  if (!existsSync(truthFile)) throw createError('EVAL_DATA_MISSING', { dir: dataDir, detail: 'ground-truth.json is missing' });
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, Truth>;
  return Object.entries(truth).map(([id, t]) => {
    const file = path.join(dataDir, 'html', `${id}.html.gz`);
    if (!existsSync(file)) throw createError('EVAL_DATA_MISSING', { dir: dataDir, detail: `html/${id}.html.gz is missing` });
    return { id, truth: t, html: gunzipSync(readFileSync(file)).toString('utf8') };
  });
}

/**
 * Floors: the figures measured on the dev pages when the extractor was last tuned
 * (P 0.988, R 0.982, F1 0.985; the reference scorer agrees), less about 0.007, so that harmless changes
 * pass and a real regression (one badly broken page costs about 0.005) does not.
 */
const FLOORS = { precision: 0.98, recall: 0.975, f1: 0.978 };

const extraction: EvalSet = {
  name: 'extraction',
  dataFolder: 'article-extraction',
  description: 'article-body extraction from news HTML: shingle precision, recall and F1 against hand-made bodies',
  async run(options: EvalRunOptions): Promise<EvalResult> {
    const pages = loadPages(options.dataDir);
    const extract = createExtract();
    const predictions: Record<string, { articleBody: string }> = {};
    const scores: PageScore[] = [];
    const started = performance.now();
    for (const page of pages) {
      const doc = benchmarkDocument(page.id, page.html, page.truth.url, options.dataDir);
      const out = extract({ value: doc, messages: [] });
      predictions[page.id] = { articleBody: out.value.text };
      scores.push(scorePage(page.id, page.truth.articleBody, out.value.text));
    }
    const seconds = (performance.now() - started) / 1000;
    options.log(`${pages.length} pages extracted in ${seconds.toFixed(1)} s`);
    const worst = [...scores]
      .sort((x, y) => Math.min(x.precision ?? 0, x.recall ?? 0) - Math.min(y.precision ?? 0, y.recall ?? 0))
      .slice(0, 5);
    for (const w of worst) options.log(`worst: ${w.id.slice(0, 12)}  P ${(w.precision ?? 0).toFixed(3)}  R ${(w.recall ?? 0).toFixed(3)}`);
    if (options.outFile) {
      writeFileSync(options.outFile, JSON.stringify(predictions, null, 1));
      options.log(`predictions written to ${options.outFile}`);
    }
    return { figures: aggregate(scores), floors: FLOORS };
  },
};

export default extraction;
