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
  /** Weight (0..1) a link keeps when both articles give numbers and share none. */
  readonly numberConflictWeight: number;
  /** Words and numbers from which an article is long: its figures beyond the lead count as background. */
  readonly longArticleTokens: number;
  /** Weight (0..1) a link to an undated article keeps when the two leads name days of the week more than a day apart. */
  readonly weekdayConflictWeight: number;
  /** Similarity (0..1) from which a link keeps its weight whatever days the leads name. */
  readonly weekdayStrongLink: number;
  /** Time-weighted similarity (0..1) at which two articles are linked in the graph. */
  readonly edgeThreshold: number;
  /** Mean link weight (0..1) at which two groups of articles are one story (average linkage). */
  readonly linkThreshold: number;
  /** Two groups merge only when their mean link is at least this share (0..1) of the looser group's mean link inside; 0: no such check. */
  readonly cohesionRatio: number;
  /** After agglomeration, a group of at most this many articles… */
  readonly attachMaxSize: number;
  /** …joins the larger group it links to best when its mean link weight (0..1) reaches this. */
  readonly attachThreshold: number;
  /** …or when its strongest link into the larger group reaches this (0..1). */
  readonly attachLinkThreshold: number;
  /** Days between two articles that cost nothing. */
  readonly graceDays: number;
  /** Past the grace days, a link's weight halves for each this many days. */
  readonly halfLifeDays: number;
  /** The weight (0..1) a link keeps however long the gap, within `windowDays`. */
  readonly longGapWeight: number;
  /** The weight (0..1) of a link when either article is undated (its closeness in time is unknown). */
  readonly undatedWeight: number;
  /** Articles more than this many days apart are never linked. */
  readonly windowDays: number;
  /** Number of an article's most telling terms (and names) it is indexed and looked up under. */
  readonly queryTerms: number;
  /** Maximum number of earlier articles compared in full with a new one. */
  readonly maxCandidates: number;
  /** Number of an article's most telling terms kept in its vector. */
  readonly vectorTerms: number;
  /** Number of shared terms kept as evidence. */
  readonly evidenceTerms: number;
  /** Capitalised tokens shorter than this are initials, not names on their own. */
  readonly minNameLength: number;
  /** The first this many sentences of the body are its lead (who, where, when). */
  readonly leadSentences: number;
  /** Each occurrence in the lead counts this many times. */
  readonly leadWeight: number;
  /** Language-neutral similarity (0..1, time-weighted) at which two articles in different languages are linked. */
  readonly crossEdgeThreshold: number;
  /** Mean language-neutral link (0..1) at which two groups sharing no language are one story. */
  readonly crossLinkThreshold: number;
  /** Two articles in different languages are compared only when they share at least this many neutral terms, one a name. */
  readonly crossMinShared: number;
  /** Number of an article's most telling language-neutral terms kept. */
  readonly neutralTerms: number;
  /** Only the first this many words of an article's body are read. */
  readonly maxWords: number;
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

const UNIT = new Set<keyof ClusterSettings>(['nameWeight', 'numberWeight', 'edgeThreshold', 'linkThreshold', 'longGapWeight', 'attachThreshold', 'cohesionRatio', 'numberConflictWeight', 'attachLinkThreshold', 'undatedWeight', 'crossEdgeThreshold', 'crossLinkThreshold', 'weekdayConflictWeight', 'weekdayStrongLink']);
const COUNTS = new Set<keyof ClusterSettings>(['queryTerms', 'maxCandidates', 'attachMaxSize', 'vectorTerms', 'evidenceTerms', 'minNameLength', 'leadSentences', 'maxStoryEvents', 'maxWords', 'crossMinShared', 'neutralTerms', 'longArticleTokens']);

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
  if (out.edgeThreshold > out.linkThreshold) {
    throw createError('CLUSTER_OPTIONS_INVALID', { option: 'edgeThreshold (above linkThreshold)', value: String(out.edgeThreshold) });
  }
  if (out.crossEdgeThreshold > out.crossLinkThreshold) {
    throw createError('CLUSTER_OPTIONS_INVALID', { option: 'crossEdgeThreshold (above crossLinkThreshold)', value: String(out.crossEdgeThreshold) });
  }
  if (out.nameWeight + out.numberWeight > 1) {
    throw createError('CLUSTER_OPTIONS_INVALID', { option: 'nameWeight + numberWeight', value: String(out.nameWeight + out.numberWeight) });
  }
  return out;
}
