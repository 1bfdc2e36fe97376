/**
 * The clean stage's rules, read once from `rules.json` beside this file and compiled into regular
 * expressions and word sets. The data file holds every pattern, word list and threshold, each with
 * its reason; this module only gives them types.
 */
import { readFileSync } from 'node:fs';

interface PatternEntry {
  readonly id?: string;
  readonly pattern: string;
  readonly flags: string;
  /** Longest line the pattern may apply to, when it is only safe on short lines. */
  readonly maxChars?: number;
  readonly reason: string;
}
interface Terms {
  readonly terms: readonly string[];
  readonly reason: string;
}
interface Threshold {
  readonly value: number;
  readonly reason: string;
}

/** The shape of `rules.json`. */
export interface RulesFile {
  readonly captions: {
    readonly patterns: readonly PatternEntry[];
    readonly nonAgencyWords: Terms;
    readonly positionMarker: PatternEntry & { readonly minCount: number };
  };
  readonly widgets: {
    readonly loneToken: PatternEntry;
    readonly counters: readonly PatternEntry[];
    readonly words: readonly Terms[];
    readonly navSeparators: PatternEntry;
    readonly barMaxChars: { readonly value: number; readonly reason: string };
  };
  readonly boilerplate: readonly PatternEntry[];
  readonly bylines: PatternEntry & { readonly window: number };
  readonly trailers: readonly PatternEntry[];
  readonly tailCredits: {
    readonly window: Threshold;
    readonly acronymMidText: Threshold;
    readonly source: readonly PatternEntry[];
    readonly agencyLine: PatternEntry;
    readonly knownAgencies: Terms;
  };
  readonly publicationDate: readonly PatternEntry[];
  readonly datelines: readonly PatternEntry[];
  readonly siteLabels: { readonly words: Terms; readonly separators: { readonly pattern: string; readonly reason: string }; readonly maxWords: Threshold };
  readonly headline: {
    readonly maxChars: Threshold;
    readonly notHeadline: PatternEntry;
    readonly minWords: Threshold;
    readonly maxWords: Threshold;
    readonly minTitleCaseRatio: Threshold;
    readonly minTitleSimilarity: Threshold;
    readonly kickerMaxWords: Threshold;
    readonly smallWords: Terms;
  };
  readonly split: {
    readonly minBodyParagraphs: Threshold;
    readonly minBodyChars: Threshold;
    readonly blockWindow: Threshold;
    readonly maxOverlapWithBlock: Threshold;
    readonly minShiftBodyParagraphs: Threshold;
    readonly maxOverlapTopicShift: Threshold;
    readonly minWordLength: Threshold;
    readonly stemChars: Threshold;
    readonly stopwords: Terms;
  };
  readonly repeatMaxGap: Threshold;
  readonly excerptChars: Threshold;
}

/** A compiled pattern with the reason a message quotes. */
export interface Rule {
  readonly id: string;
  readonly re: RegExp;
  /** Longest line the rule applies to (Infinity when unlimited). */
  readonly maxChars: number;
  readonly reason: string;
}

/** Rules ready to apply. Regular expressions here never carry the `g` or `y` flag (no shared lastIndex). */
export interface CleanRules {
  readonly captions: readonly Rule[];
  /** Lower-cased words that, on one side of an `X/Y` photo credit, mark the other side as the supplier. */
  readonly nonAgencyWords: ReadonlySet<string>;
  readonly positionMarker: { readonly source: string; readonly flags: string; readonly minCount: number; readonly reason: string };
  readonly loneToken: Rule;
  readonly counters: readonly Rule[];
  readonly widgetWords: ReadonlySet<string>;
  readonly widgetReason: string;
  readonly navSeparators: RegExp;
  /** Longest line that can be a widget bar (see rules.json). */
  readonly widgetBarMaxChars: number;
  readonly boilerplate: readonly Rule[];
  readonly byline: Rule & { readonly window: number };
  readonly trailers: readonly Rule[];
  readonly tailWindow: number;
  readonly acronymMidText: number;
  readonly sourceCredits: readonly Rule[];
  readonly agencyLine: Rule;
  readonly knownAgencies: ReadonlySet<string>;
  readonly knownAgencyReason: string;
  readonly publicationDate: readonly Rule[];
  readonly datelines: readonly Rule[];
  /** Last words of outlet names ("Press", "News"), as written. */
  readonly siteWords: ReadonlySet<string>;
  /** `Label News:` at a paragraph start (label ends in a site word, then a colon, bar or dash). */
  readonly siteLabelColon: Rule;
  /** `Label Press` glued to the next word with no space (`PressThe`). */
  readonly siteLabelGlued: Rule;
  readonly headline: {
    readonly maxChars: number;
    /** Short lines that are not headlines though shaped like them (bylines). */
    readonly notHeadline: RegExp;
    readonly minWords: number;
    readonly maxWords: number;
    readonly minTitleCaseRatio: number;
    readonly minTitleSimilarity: number;
    readonly kickerMaxWords: number;
    readonly smallWords: ReadonlySet<string>;
  };
  readonly split: {
    readonly minBodyParagraphs: number;
    readonly minBodyChars: number;
    readonly blockWindow: number;
    readonly maxOverlapWithBlock: number;
    readonly minShiftBodyParagraphs: number;
    readonly maxOverlapTopicShift: number;
    readonly minWordLength: number;
    /** Topic words are compared on their first this-many letters. */
    readonly stemChars: number;
    readonly stopwords: ReadonlySet<string>;
  };
  /** Furthest apart (in paragraphs) two copies of a paragraph may stand to count as a repeat. */
  readonly repeatMaxGap: number;
  readonly excerptChars: number;
}

/** Extra terms a caller adds to the data-file defaults. */
export interface RuleAdditions {
  /** More button or navigation labels to drop when alone on a line. */
  readonly widgetWords?: readonly string[];
  /** More agency names to credit when alone on the last line. */
  readonly agencies?: readonly string[];
}

const RULES_FILE = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as RulesFile;

function compile(entry: PatternEntry, fallbackId: string): Rule {
  return {
    id: entry.id ?? fallbackId,
    re: new RegExp(entry.pattern, entry.flags.replace(/[gy]/g, '')),
    maxChars: entry.maxChars ?? Number.POSITIVE_INFINITY,
    reason: entry.reason,
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compile the data-file rules, plus any caller additions. */
export function compileRules(file: RulesFile = RULES_FILE, additions: RuleAdditions = {}): CleanRules {
  const siteWords = file.siteLabels.words.terms.map(escapeRegExp).join('|');
  const extraWords = Math.max(0, file.siteLabels.maxWords.value - 1);
  const labelHead = `(?:\\p{Lu}[\\p{L}\\p{N}.&'’-]* ){0,${extraWords}}`;
  const siteReason = file.siteLabels.words.reason;
  return {
    captions: file.captions.patterns.map((p, i) => compile(p, `caption-${i}`)),
    nonAgencyWords: new Set(file.captions.nonAgencyWords.terms.map((w) => w.toLowerCase())),
    positionMarker: {
      source: file.captions.positionMarker.pattern,
      flags: file.captions.positionMarker.flags.includes('g') ? file.captions.positionMarker.flags : `${file.captions.positionMarker.flags}g`,
      minCount: file.captions.positionMarker.minCount,
      reason: file.captions.positionMarker.reason,
    },
    loneToken: compile(file.widgets.loneToken, 'lone-token'),
    counters: file.widgets.counters.map((p, i) => compile(p, `counter-${i}`)),
    widgetWords: new Set([...file.widgets.words.flatMap((w) => w.terms), ...(additions.widgetWords ?? [])].map((w) => w.toLowerCase())),
    widgetReason: file.widgets.words.map((w) => w.reason).join(' '),
    navSeparators: new RegExp(file.widgets.navSeparators.pattern, file.widgets.navSeparators.flags.replace(/[gy]/g, '')),
    widgetBarMaxChars: file.widgets.barMaxChars.value,
    boilerplate: file.boilerplate.map((p, i) => compile(p, `boilerplate-${i}`)),
    byline: { ...compile(file.bylines, 'byline'), window: file.bylines.window },
    trailers: file.trailers.map((p, i) => compile(p, `trailer-${i}`)),
    tailWindow: file.tailCredits.window.value,
    acronymMidText: file.tailCredits.acronymMidText.value,
    sourceCredits: file.tailCredits.source.map((p, i) => compile(p, `source-${i}`)),
    agencyLine: compile(file.tailCredits.agencyLine, 'agency-line'),
    knownAgencies: new Set([...file.tailCredits.knownAgencies.terms, ...(additions.agencies ?? [])].map((a) => a.toLowerCase())),
    knownAgencyReason: file.tailCredits.knownAgencies.reason,
    publicationDate: file.publicationDate.map((p, i) => compile(p, `date-${i}`)),
    datelines: file.datelines.map((p, i) => compile(p, `dateline-${i}`)),
    siteWords: new Set(file.siteLabels.words.terms),
    siteLabelColon: {
      id: 'site-label-colon',
      re: new RegExp(`^(?<label>${labelHead}(?:${siteWords}))(?:${file.siteLabels.separators.pattern})\\s+(?=[\\p{Lu}"“‘'])`, 'u'),
      maxChars: Number.POSITIVE_INFINITY,
      reason: `${siteReason} ${file.siteLabels.separators.reason}`,
    },
    siteLabelGlued: {
      id: 'site-label-glued',
      re: new RegExp(`^(?<label>${labelHead}(?:${siteWords}))(?=\\p{Lu}\\p{Ll})`, 'u'),
      maxChars: Number.POSITIVE_INFINITY,
      reason: siteReason,
    },
    headline: {
      maxChars: file.headline.maxChars.value,
      notHeadline: compile(file.headline.notHeadline, 'not-headline').re,
      minWords: file.headline.minWords.value,
      maxWords: file.headline.maxWords.value,
      minTitleCaseRatio: file.headline.minTitleCaseRatio.value,
      minTitleSimilarity: file.headline.minTitleSimilarity.value,
      kickerMaxWords: file.headline.kickerMaxWords.value,
      smallWords: new Set(file.headline.smallWords.terms),
    },
    split: {
      minBodyParagraphs: file.split.minBodyParagraphs.value,
      minBodyChars: file.split.minBodyChars.value,
      blockWindow: file.split.blockWindow.value,
      maxOverlapWithBlock: file.split.maxOverlapWithBlock.value,
      minShiftBodyParagraphs: file.split.minShiftBodyParagraphs.value,
      maxOverlapTopicShift: file.split.maxOverlapTopicShift.value,
      minWordLength: file.split.minWordLength.value,
      stemChars: file.split.stemChars.value,
      stopwords: new Set(file.split.stopwords.terms),
    },
    repeatMaxGap: file.repeatMaxGap.value,
    excerptChars: file.excerptChars.value,
  };
}

/** The rules as the data file states them. */
export const DEFAULT_RULES: CleanRules = compileRules();
