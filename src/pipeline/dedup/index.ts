/**
 * Dedup stage: exact duplicates, near-duplicates, partial reuse and syndication families.
 *
 * - {@link createDedupIndex}: incremental MinHash/LSH index; `add(article)` returns candidate
 *   earlier articles with estimated Jaccard and containment (exact duplicates flagged).
 * - {@link relateArticles} / {@link alignPassages}: exact verification of a pair, derivation
 *   label, direction with evidence, and aligned passages with spans on both sides.
 * - {@link buildFamilies}: families (original + copies) over a set of articles; the number of
 *   families is the number of independent sources.
 * - {@link identifyOutlet}, {@link createOutletRegistry}, {@link parseOutlets},
 *   {@link readOutletsFile}: outlets from domains, site names and credits (`outlets.json`, plus a
 *   user's file of the same shape).
 * - {@link findCredits}, {@link familyCredit}, {@link labelFamilies}: the outlets an article
 *   credits for its whole text or a passage (`credits.json`, plus the attribution patterns), and the
 *   outlet a family's text is credited to (a wire relayed by rewrites).
 * - {@link createDedup}: the stage over envelopes, recording verified copies as messages.
 *
 * Parameters live in `params.json`. Re-exports only.
 */
export type { DedupInput, Match } from './input.js';
export { createDedupIndex, type DedupIndex, type DedupIndexOptions, type IndexStats } from './lsh.js';
export { relateArticles, alignPassages, buildFamilies, type Relation, type RelateOptions, type FamilyOptions } from './families.js';
export { findCredits, familyCredit, labelFamilies, creditNames, creditNamesOutlet, creditsTo, describeCredit, type FoundCredit } from './credits.js';
export { identifyOutlet, createOutletRegistry, parseOutlets, readOutletsFile, namesOutlet, hostOf, DEFAULT_OUTLETS, type OutletEntry, type OutletRegistry } from './outlets.js';
export { createDedup, toDedupInput, type Dedup, type DedupOptions, type DedupRecord } from './stage.js';
export { DEFAULT_PARAMS, type DedupParams, type DedupParamOverrides } from './params.js';
export { tokenize } from './tokens.js';
