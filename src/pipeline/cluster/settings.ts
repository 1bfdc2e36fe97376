/**
 * The clusterer's thresholds and weights: defaults read once from `settings.json` beside this file
 * (each with its reason), overridable per clusterer and validated at creation.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../errors.js';

interface Setting {
  readonly value: number;
  readonly reason: string;
}

/** Thresholds and weights of the clusterer. Every field is optional in {@link ClusterOptions}. */
export interface ClusterSettings {
  /** Each headline occurrence of a word counts as this many body occurrences. */
  readonly titleWeight: number;
  /** Share (0..1) of the similarity given to shared names. */
  readonly nameWeight: number;
  /** Share (0..1) of the similarity given to shared numbers; word stems get the rest. */
  readonly numberWeight: number;
  /** Combined similarity (0..1) an article needs to join a story; below it, it starts one. */
  readonly joinThreshold: number;
  /** Centroid similarity (0..1) at which two stories are merged. */
  readonly mergeThreshold: number;
  /** Centroid similarity (0..1) at which `consolidate()` merges two stories. */
  readonly consolidateThreshold: number;
  /** In `consolidate()`, a story of at most this many articles… */
  readonly attachMaxSize: number;
  /** …joins its most similar larger story when their similarity (0..1) reaches this. */
  readonly attachThreshold: number;
  /** Days without articles after which a dated story no longer takes dated articles. */
  readonly windowDays: number;
  /** Similarity halves for each this many days between an article and its story's date range. */
  readonly halfLifeDays: number;
  /** Number of an article's most telling terms (and names) used to look up candidate stories. */
  readonly queryTerms: number;
  /** Maximum number of candidate stories scored in full per article. */
  readonly maxCandidates: number;
  /** Maximum number of close stories checked for a merge (per article, and per story in `consolidate()`). */
  readonly mergeCandidates: number;
  /** Maximum number of terms a story centroid keeps (the heaviest). */
  readonly maxCentroidTerms: number;
  /** Number of shared terms kept as evidence. */
  readonly evidenceTerms: number;
  /** Capitalised tokens shorter than this are initials, not names on their own. */
  readonly minNameLength: number;
  /** The first this many sentences of the body are its lead (who, where, when). */
  readonly leadSentences: number;
  /** Each occurrence in the lead counts this many times. */
  readonly leadWeight: number;
  /** In `consolidate()`, a changed story whose best two halves are less similar (0..1) than this is split; 0: never. */
  readonly splitThreshold: number;
  /** Each half of a split has at least this many articles. */
  readonly splitMinSize: number;
  /** Stories of at most this many articles keep per-article vectors and can be split. */
  readonly splitMaxSize: number;
  /** Number of an article's most telling terms kept in its vector for splitting. */
  readonly splitVectorTerms: number;
  /** Maximum number of events kept in a story's log (its creation and the latest ones). */
  readonly maxStoryEvents: number;
}

/** Overrides of the defaults in `settings.json`. */
export type ClusterOptions = Partial<ClusterSettings>;

type SettingsFile = { readonly [K in keyof ClusterSettings]: Setting };

const FILE = JSON.parse(readFileSync(new URL('./settings.json', import.meta.url), 'utf8')) as SettingsFile;

/** The defaults, from `settings.json`. */
export const DEFAULT_SETTINGS: ClusterSettings = Object.freeze(
  Object.fromEntries(Object.entries(FILE).map(([k, s]) => [k, s.value])) as unknown as ClusterSettings,
);

const UNIT = new Set<keyof ClusterSettings>(['nameWeight', 'numberWeight', 'joinThreshold', 'mergeThreshold', 'consolidateThreshold', 'attachThreshold', 'splitThreshold']);
const COUNTS = new Set<keyof ClusterSettings>(['queryTerms', 'maxCandidates', 'mergeCandidates', 'maxCentroidTerms', 'evidenceTerms', 'minNameLength', 'leadSentences', 'attachMaxSize', 'splitMinSize', 'splitMaxSize', 'splitVectorTerms', 'maxStoryEvents']);

/** Defaults overridden by `options`; CLUSTER_OPTIONS_INVALID when a value is out of range. */
export function resolveSettings(options: ClusterOptions = {}): ClusterSettings {
  const out = { ...DEFAULT_SETTINGS, ...options } as ClusterSettings;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof ClusterSettings)[]) {
    const v = out[key];
    const bad =
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < 0 ||
      (UNIT.has(key) && v > 1) ||
      (COUNTS.has(key) && (!Number.isInteger(v) || v < 1)) ||
      ((key === 'windowDays' || key === 'halfLifeDays' || key === 'titleWeight' || key === 'leadWeight') && v <= 0);
    if (bad) throw createError('CLUSTER_OPTIONS_INVALID', { option: key, value: String(v) });
  }
  if (out.nameWeight + out.numberWeight > 1) {
    throw createError('CLUSTER_OPTIONS_INVALID', { option: 'nameWeight + numberWeight', value: String(out.nameWeight + out.numberWeight) });
  }
  return out;
}
