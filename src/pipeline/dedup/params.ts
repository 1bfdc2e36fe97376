/**
 * The dedup stage's parameters (`params.json`): shingling, MinHash/LSH shape, alignment and
 * derivation thresholds, direction weights and attribution patterns. Loaded once; callers may
 * override any number with {@link DedupParamOverrides}.
 */
import { readFileSync } from 'node:fs';

interface Valued {
  readonly value: number;
  readonly reason: string;
}

interface AttributionPattern {
  readonly id: string;
  readonly pattern: string;
  readonly flags: string;
  readonly reason: string;
}

interface ParamsFile {
  readonly shingleSize: Valued;
  readonly permutations: Valued;
  readonly bands: Valued;
  readonly rows: Valued;
  readonly maxBucketScan: Valued;
  readonly anchorModulus: Valued;
  readonly maxAnchors: Valued;
  readonly minSharedAnchors: Valued;
  readonly candidateJaccard: Valued;
  readonly candidateContainment: Valued;
  readonly maxCandidates: Valued;
  readonly maxUnitTokens: Valued;
  readonly minUnitTokens: Valued;
  readonly unitCandidates: Valued;
  readonly unitMatchDice: Valued;
  readonly minMatchedWords: Valued;
  readonly minReuseShare: Valued;
  readonly creditedMinReuseShare: Valued;
  readonly creditedMinMatchedWords: Valued;
  readonly rewriteIdentity: Valued;
  readonly verbatimCover: Valued;
  readonly minEdgeExtraWords: Valued;
  readonly excerptShare: Valued;
  readonly centralityMargin: Valued;
  readonly timeGapMinutes: Valued;
  readonly weights: { readonly credit: number; readonly attribution: number; readonly time: number; readonly agency: number; readonly containment: number };
  readonly attributions: { readonly patterns: readonly AttributionPattern[] };
}

/** Numeric parameters of the stage, flattened (see `params.json` for what each means and why). */
export interface DedupParams {
  readonly shingleSize: number;
  readonly permutations: number;
  readonly bands: number;
  readonly rows: number;
  readonly maxBucketScan: number;
  readonly anchorModulus: number;
  readonly maxAnchors: number;
  readonly minSharedAnchors: number;
  readonly candidateJaccard: number;
  readonly candidateContainment: number;
  /** Most earlier articles returned as candidates for one article (exact duplicates come on top). */
  readonly maxCandidates: number;
  readonly maxUnitTokens: number;
  readonly minUnitTokens: number;
  readonly unitCandidates: number;
  readonly unitMatchDice: number;
  readonly minMatchedWords: number;
  readonly minReuseShare: number;
  /** Least share of either text aligned for an article crediting the other's outlet to join its family. */
  readonly creditedMinReuseShare: number;
  /** Least aligned words for a credited rewrite. */
  readonly creditedMinMatchedWords: number;
  readonly rewriteIdentity: number;
  readonly verbatimCover: number;
  readonly minEdgeExtraWords: number;
  readonly excerptShare: number;
  readonly centralityMargin: number;
  readonly timeGapMinutes: number;
  readonly weights: ParamsFile['weights'];
  readonly attributions: readonly { readonly id: string; readonly regex: RegExp }[];
}

/** Numbers to change from the defaults, e.g. `{ shingleSize: 5 }`. */
export type DedupParamOverrides = Partial<Omit<DedupParams, 'attributions'>>;

const file = JSON.parse(readFileSync(new URL('./params.json', import.meta.url), 'utf8')) as ParamsFile;

/** The defaults of `params.json`. */
export const DEFAULT_PARAMS: DedupParams = {
  shingleSize: file.shingleSize.value,
  permutations: file.permutations.value,
  bands: file.bands.value,
  rows: file.rows.value,
  maxBucketScan: file.maxBucketScan.value,
  anchorModulus: file.anchorModulus.value,
  maxAnchors: file.maxAnchors.value,
  minSharedAnchors: file.minSharedAnchors.value,
  candidateJaccard: file.candidateJaccard.value,
  candidateContainment: file.candidateContainment.value,
  maxCandidates: file.maxCandidates.value,
  maxUnitTokens: file.maxUnitTokens.value,
  minUnitTokens: file.minUnitTokens.value,
  unitCandidates: file.unitCandidates.value,
  unitMatchDice: file.unitMatchDice.value,
  minMatchedWords: file.minMatchedWords.value,
  minReuseShare: file.minReuseShare.value,
  creditedMinReuseShare: file.creditedMinReuseShare.value,
  creditedMinMatchedWords: file.creditedMinMatchedWords.value,
  rewriteIdentity: file.rewriteIdentity.value,
  verbatimCover: file.verbatimCover.value,
  minEdgeExtraWords: file.minEdgeExtraWords.value,
  excerptShare: file.excerptShare.value,
  centralityMargin: file.centralityMargin.value,
  timeGapMinutes: file.timeGapMinutes.value,
  weights: file.weights,
  attributions: file.attributions.patterns.map((p) => ({ id: p.id, regex: new RegExp(p.pattern, p.flags) })),
};

/** Defaults with overrides applied. */
export function resolveParams(overrides?: DedupParamOverrides): DedupParams {
  return overrides ? { ...DEFAULT_PARAMS, ...overrides } : DEFAULT_PARAMS;
}
