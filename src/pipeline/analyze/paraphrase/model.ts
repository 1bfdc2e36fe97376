/**
 * The shape of the judge's model file (`model.json` beside this module): a logistic regression
 * over named, standardised features.
 */
export interface ParaphraseModel {
  /** Why the model exists and what it decides. */
  readonly reason: string;
  /** Where its weights come from: data, split, script, figures. */
  readonly provenance: string;
  /** Feature names, in the order of `mean`, `scale` and `weights`. */
  readonly features: readonly string[];
  /** Per-feature mean used to standardise. */
  readonly mean: readonly number[];
  /** Per-feature standard deviation used to standardise (never 0). */
  readonly scale: readonly number[];
  /** Weight per standardised feature. */
  readonly weights: readonly number[];
  readonly bias: number;
  /** Probability at or above which a pair is judged equivalent. */
  readonly threshold: number;
}
