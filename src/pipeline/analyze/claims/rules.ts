/**
 * The thresholds of the claims analysis, loaded once from `rules.json` beside this module (each
 * with the reason it has the value it has).
 */
import { readFileSync } from 'node:fs';

interface Value {
  readonly value: number;
  readonly reason: string;
}

/** The shape of `rules.json`. */
export interface ClaimRules {
  readonly minWords: Value;
  readonly headlineMaxWords: Value;
  readonly quotedShare: Value;
  readonly quotePropositionMinWords: Value;
  readonly candidate: { readonly minSharedTokens: Value; readonly minDice: Value; readonly maxPostings: Value; readonly maxCandidates: Value };
  readonly link: {
    readonly copyDice: Value;
    readonly partial: Value;
    readonly partialMinContentWords: Value;
    readonly maxJudgedPairs: Value;
    readonly fallbackDice: Value;
    readonly maxLinks: Value;
  };
  readonly statements: { readonly minInside: Value; readonly minDice: Value; readonly similarity: Value; readonly maxRenderings: Value };
  readonly core: { readonly minDice: Value; readonly minWeight: Value; readonly minSharedTokens: Value; readonly nearBest: Value; readonly minProbability: Value; readonly maxJudgedPairs: Value; readonly similarity: Value };
  readonly omission: { readonly coreShare: Value; readonly minSharedTokens: Value; readonly rarePerArticle: Value; readonly minRareShared: Value; readonly rareShare: Value; readonly minProbability: Value };
  readonly maxSplitMessages: Value;
  readonly maxConflictRenderings: Value;
  readonly merge: { readonly minAverage: Value; readonly minCentre: Value };
  readonly nameVariantDistance: Value;
  readonly dispute: { readonly reason: string; readonly cues: string; readonly notCounted: readonly string[] };
  readonly figures: {
    readonly reason: string;
    readonly minShared: Value;
    readonly maxSentencesPerNoun: Value;
    readonly maxFigures: Value;
    readonly aroundChars: Value;
    readonly outcomes: { readonly reason: string; readonly map: Readonly<Record<string, readonly string[]>> };
    readonly bounds: { readonly reason: string; readonly terms: readonly string[] };
    readonly notNext: { readonly reason: string; readonly terms: readonly string[] };
    readonly notCounted: { readonly reason: string; readonly terms: readonly string[] };
    readonly sameCounted: { readonly reason: string; readonly map: Readonly<Record<string, string>> };
  };
  readonly dayWords: { readonly reason: string; readonly pattern: string };
  readonly captionPatterns: { readonly reason: string; readonly patterns: readonly string[] };
}

/** The shipped rules. */
export const RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as ClaimRules;
