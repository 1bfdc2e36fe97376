/**
 * Sentence alignment score: the probability that two sentences of one story state one fact,
 * from a few features read with the story's own word rarity (idf over its sentences): the share
 * of each sentence's weighted content words the other holds, the names they share, figures and
 * negation that disagree, and how much weighted content is left unmatched. The weights are a
 * logistic regression fitted offline (`scripts/fit-align.ts`) on the MSRP and STS-B
 * news training pairs plus unrelated pairs; they live in `align-model.json` beside this module
 * with the figures they were fitted to.
 */
import { readFileSync } from 'node:fs';
import type { AnalysedSentence } from '../paraphrase/index.js';
import type { ParaphraseModel } from '../paraphrase/model.js';

export const ALIGN_FEATURES = ['weightedMin', 'weightedMax', 'weightedProduct', 'namesShared', 'nameOnlyOne', 'numberMismatch', 'numberShared', 'negationMismatch', 'unmatchedLog', 'sharedLog'] as const;

/** The alignment model file (`align-model.json`): a logistic regression of the paraphrase judge's shape. */
export type AlignModel = ParaphraseModel;

export const ALIGN_MODEL = JSON.parse(readFileSync(new URL('./align-model.json', import.meta.url), 'utf8')) as AlignModel;

/** The features of a pair; `idf(token)` weighs a content stem or `#number` by its rarity. */
export function alignFeatures(a: AnalysedSentence, b: AnalysedSentence, idf: (token: string) => number): number[] {
  let wa = 0;
  let wb = 0;
  let shared = 0;
  let count = 0;
  for (const t of a.content) {
    const w = idf(t);
    wa += w;
    if (b.content.has(t)) {
      shared += w;
      count++;
    }
  }
  for (const t of b.content) wb += idf(t);
  const inA = wa > 0 ? shared / wa : 0;
  const inB = wb > 0 ? shared / wb : 0;
  let names = 0;
  for (const n of a.names) if (b.names.has(n)) names++;
  const nameUnion = a.names.size + b.names.size - names;
  let numbersShared = 0;
  for (const n of a.numbers) if (b.numbers.has(n)) numbersShared++;
  const numberMismatch = a.numbers.size > 0 && b.numbers.size > 0 && numbersShared === 0 ? 1 : 0;
  const unmatched = wa + wb - 2 * shared;
  return [
    Math.min(inA, inB),
    Math.max(inA, inB),
    inA * inB,
    nameUnion > 0 ? names / nameUnion : 0,
    (a.names.size === 0) !== (b.names.size === 0) ? 1 : 0,
    numberMismatch,
    numbersShared > 0 ? 1 : 0,
    a.negated !== b.negated ? 1 : 0,
    Math.log1p(Math.max(0, unmatched)),
    Math.log1p(count),
  ];
}

/** Probability that the pair states one fact under `model`. */
export function alignProbability(x: readonly number[], model: AlignModel = ALIGN_MODEL): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return 1 / (1 + Math.exp(-z));
}
