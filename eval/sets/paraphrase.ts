/**
 * Sentence equivalence on the development part of `../shared/data/paraphrase/` (see its README):
 * the MSRP training split (4,076 news sentence pairs labelled equivalent or not) and the STS-B
 * news rows (3,087 pairs scored 0–5).
 *
 * Figures:
 * - `cvAccuracy`, `cvF1`: 5-fold cross-validation on MSRP (folds by row position modulo 5; the
 *   judge's logistic regression is refitted on 4 folds and decides the 5th, its threshold chosen
 *   on the 4 as the shipped one was, `SHIPPED_FIT_OPTIONS`), with the judge's vetoes (rules.json) applied as the shipped judge applies them.
 *   These are the honest figures: no pair is judged by a model that saw it.
 * - `accuracy`, `f1`, `precision`, `recall`: the shipped model on MSRP. It was fitted on these
 *   very pairs, so these are training figures (an upper bound), kept to catch a broken model file.
 * - `stsPearson`: Pearson r between the shipped model's probability and the STS-B news scores
 *   (the model never saw the scores; some MSRpar rows share sentences with MSRP train).
 *
 * With `--out FILE`: one JSON object `{id: 0|1}` for MSRP pairs (shipped model) and `{id:
 * probability}` for STS pairs, the format `shared/scorers/paraphrase_score.py` reads (it ignores
 * ids of the other file).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  FEATURE_NAMES,
  SHIPPED_FIT_OPTIONS,
  analyseSentence,
  binaryFigures,
  createParaphraseJudge,
  crossValidate,
  pairFeatures,
  type TrainingRow,
} from '../../src/pipeline/analyze/paraphrase/index.js';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';

interface MsrpPair {
  readonly id: string;
  readonly s1: string;
  readonly s2: string;
  readonly label: 0 | 1;
}

interface StsPair {
  readonly id: string;
  readonly s1: string;
  readonly s2: string;
  readonly score: number;
}

function readJsonl<T>(file: string): T[] {
  return readJsonlGz<T>(path.dirname(file), path.basename(file));
}

/** Pearson correlation of two equal-length series (NaN when either is constant). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const round = (v: number): number => Math.round(v * 10000) / 10000;

const paraphrase: EvalSet = {
  name: 'paraphrase',
  dataFolder: 'paraphrase',
  description: 'Sentence equivalence: MSRP train accuracy/F1 (5-fold cross-validated) and STS-B news Pearson r.',
  run({ dataDir, outFile, log }) {
    const msrp = readJsonl<MsrpPair>(path.join(dataDir, 'msrp-dev.jsonl.gz'));
    const sts = readJsonl<StsPair>(path.join(dataDir, 'stsb-news-dev.jsonl.gz'));
    const judge = createParaphraseJudge();
    const gold = msrp.map((p) => p.label);

    const rows: TrainingRow[] = [];
    const shipped: (0 | 1)[] = [];
    const vetoed: boolean[] = [];
    const predictions: Record<string, number> = {};
    for (const p of msrp) {
      const a = analyseSentence(p.s1);
      const b = analyseSentence(p.s2);
      const f = pairFeatures(a, b, judge.synonyms);
      rows.push({ x: FEATURE_NAMES.map((n) => f[n]), label: p.label });
      const judged = judge.scoreAnalysed(a, b);
      const decision = judged.equivalent ? 1 : 0;
      vetoed.push(Object.keys(judged.features).some((k) => k.startsWith('veto:')));
      shipped.push(decision);
      predictions[p.id] = decision;
    }
    const folds = crossValidate(rows, FEATURE_NAMES, 5, SHIPPED_FIT_OPTIONS).predicted;
    const cv = binaryFigures(folds.map((p, i) => (vetoed[i] ? 0 : p)), gold);
    const train = binaryFigures(shipped, gold);

    const stsScores = sts.map((p) => {
      const probability = judge.score(p.s1, p.s2).probability;
      predictions[p.id] = round(probability);
      return probability;
    });
    const stsPearson = pearson(stsScores, sts.map((p) => p.score));

    const figures = {
      cvAccuracy: round(cv.accuracy),
      cvF1: round(cv.f1),
      cvPrecision: round(cv.precision),
      cvRecall: round(cv.recall),
      accuracy: round(train.accuracy),
      f1: round(train.f1),
      precision: round(train.precision),
      recall: round(train.recall),
      stsPearson: round(stsPearson),
    };
    log(`MSRP train, ${msrp.length} pairs, 5-fold cross-validated: accuracy ${figures.cvAccuracy} F1 ${figures.cvF1} (P ${figures.cvPrecision} R ${figures.cvRecall})`);
    log(`MSRP train, shipped model (fitted on these pairs): accuracy ${figures.accuracy} F1 ${figures.f1}`);
    log(`STS-B news, ${sts.length} pairs: Pearson r ${figures.stsPearson}`);
    if (outFile !== undefined) writeFileSync(outFile, `${JSON.stringify(predictions)}\n`);
    return Promise.resolve({ figures, floors: FLOORS });
  },
};

/** Measured figures minus a small margin. */
const FLOORS: Readonly<Record<string, number>> = {
  cvAccuracy: 0.768,
  cvF1: 0.837,
  accuracy: 0.772,
  f1: 0.84,
  stsPearson: 0.545,
};

export default paraphrase;
