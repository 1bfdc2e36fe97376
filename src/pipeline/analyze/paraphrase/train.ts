/**
 * Fitting and checking the judge's logistic regression: standardised features, L2-regularised
 * Newton (IRLS) fit, a decision threshold chosen on the training rows, and k-fold
 * cross-validation for figures on rows the model did not see. Pure: rows in, model out.
 */
import type { ParaphraseModel } from './model.js';

/** One labelled pair as a feature vector (in the order of `featureNames`). */
export interface TrainingRow {
  readonly x: readonly number[];
  readonly label: 0 | 1;
}

/** Options of {@link fitModel}. */
export interface FitOptions {
  /** L2 penalty on the (standardised) weights; the bias is not penalised. Default 1. */
  readonly l2?: number;
  /** Newton iterations. Default 25. */
  readonly iterations?: number;
  /**
   * How the decision threshold is chosen on the training rows. Default: the one maximising
   * accuracy. With this: the one maximising F1 of the positive class, less `penalty` F1 points per
   * accuracy point below `minAccuracy`.
   */
  readonly threshold?: { readonly minAccuracy: number; readonly penalty: number };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Solve A x = b in place by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    [b[c], b[p]] = [b[p]!, b[c]!];
    const d = a[c]![c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / (a[r]![r]! || 1e-12);
  }
  return x;
}

/** Probability of "equivalent" for a raw feature vector under a model. */
export function predictProbability(model: Pick<ParaphraseModel, 'mean' | 'scale' | 'weights' | 'bias'>, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * ((x[i]! - model.mean[i]!) / model.scale[i]!);
  return sigmoid(z);
}

/** The threshold on probability that maximises accuracy on the given rows. */
export function bestThreshold(probabilities: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = probabilities.map((p, i) => [p, labels[i]!] as const).sort((x, y) => x[0] - y[0]);
  // Predict 1 for p >= t. Start with t below everything: correct = number of positives.
  let correct = labels.reduce<number>((s, l) => s + l, 0);
  let best = correct;
  let bestT = 0;
  for (let i = 0; i < order.length; i++) {
    correct += order[i]![1] === 0 ? 1 : -1;
    const next = order[i + 1]?.[0] ?? 1;
    if (correct > best && next > order[i]![0]) {
      best = correct;
      bestT = (order[i]![0] + next) / 2;
    }
  }
  return bestT;
}

/**
 * The threshold on probability maximising `F1 - penalty * max(0, minAccuracy - accuracy)` on the
 * given rows (predicting 1 for p >= threshold).
 */
export function f1Threshold(probabilities: readonly number[], labels: readonly (0 | 1)[], minAccuracy: number, penalty: number): number {
  const order = probabilities.map((p, i) => [p, labels[i]!] as const).sort((x, y) => x[0] - y[0]);
  const n = order.length;
  const positives = labels.reduce<number>((s, l) => s + l, 0);
  // Threshold below everything: all predicted 1.
  let tp = positives;
  let fp = n - positives;
  const objective = (): number => {
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (positives - tp));
    const accuracy = (tp + (n - positives - fp)) / Math.max(1, n);
    return f1 - penalty * Math.max(0, minAccuracy - accuracy);
  };
  let best = objective();
  let bestT = 0;
  for (let i = 0; i < n; i++) {
    if (order[i]![1] === 1) tp--;
    else fp--;
    const next = order[i + 1]?.[0] ?? 1;
    if (next <= order[i]![0]) continue;
    const v = objective();
    if (v > best) {
      best = v;
      bestT = (order[i]![0] + next) / 2;
    }
  }
  return bestT;
}

/**
 * Fit a logistic regression on the rows. `featureNames` names the columns; the returned model's
 * threshold is chosen on the training rows as `options.threshold` says (default: maximising accuracy). `reason` and `provenance` are copied into the model.
 */
export function fitModel(
  rows: readonly TrainingRow[],
  featureNames: readonly string[],
  meta: { reason: string; provenance: string },
  options: FitOptions = {},
): ParaphraseModel {
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 25;
  const d = featureNames.length;
  const n = rows.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r.x[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) scale[j]! += (r.x[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = rows.map((r) => [1, ...r.x.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let s = 0;
      for (let j = 0; j <= d; j++) s += w[j]! * zi[j]!;
      const p = sigmoid(s);
      const g = p - rows[i]!.label;
      const h = p * (1 - p);
      for (let j = 0; j <= d; j++) {
        grad[j]! += g * zi[j]!;
        const hz = h * zi[j]!;
        const row = hess[j]!;
        for (let k = j; k <= d; k++) row[k]! += hz * zi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    for (let j = 1; j <= d; j++) {
      grad[j]! += l2 * w[j]!;
      hess[j]![j]! += l2;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j <= d; j++) {
      w[j]! -= step[j]!;
      moved = Math.max(moved, Math.abs(step[j]!));
    }
    if (moved < 1e-8) break;
  }
  const model: ParaphraseModel = {
    reason: meta.reason,
    provenance: meta.provenance,
    features: [...featureNames],
    mean,
    scale,
    weights: w.slice(1),
    bias: w[0]!,
    threshold: 0.5,
  };
  const probs = rows.map((r) => predictProbability(model, r.x));
  const labels = rows.map((r) => r.label);
  const t = options.threshold;
  return { ...model, threshold: t ? f1Threshold(probs, labels, t.minAccuracy, t.penalty) : bestThreshold(probs, labels) };
}

/** Binary figures for the positive class. */
export interface BinaryFigures {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Accuracy and precision/recall/F1 of the positive class. */
export function binaryFigures(predicted: readonly (0 | 1)[], gold: readonly (0 | 1)[]): BinaryFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const p = predicted[i]!;
    const g = gold[i]!;
    if (p === g) correct++;
    if (p === 1 && g === 1) tp++;
    else if (p === 1) fp++;
    else if (g === 1) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { accuracy: gold.length === 0 ? 0 : correct / gold.length, precision, recall, f1 };
}

/**
 * k-fold cross-validation: rows are split into `k` folds by position modulo `k` (deterministic),
 * each fold is predicted by a model fitted on the others. Returns the out-of-fold decisions and
 * probabilities, in row order.
 */
export function crossValidate(
  rows: readonly TrainingRow[],
  featureNames: readonly string[],
  k = 5,
  options: FitOptions = {},
): { predicted: (0 | 1)[]; probabilities: number[] } {
  const predicted = new Array<0 | 1>(rows.length).fill(0);
  const probabilities = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => i % k !== f);
    const model = fitModel(train, featureNames, { reason: 'cross-validation fold', provenance: '' }, options);
    rows.forEach((r, i) => {
      if (i % k !== f) return;
      const p = predictProbability(model, r.x);
      probabilities[i] = p;
      predicted[i] = p >= model.threshold ? 1 : 0;
    });
  }
  return { predicted, probabilities };
}
