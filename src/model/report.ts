/**
 * A story's report: what happened (neutral headline and summary, when and where, timeline), who
 * said what, who agrees (claims by independent sources), how each outlet differs (omissions,
 * naming, citations). Every synthesized sentence carries the source spans that support it.
 */
import type { Claim, OutletCoverage } from './claim.js';
import type { CitationGraph, Naming } from './framing.js';
import type { Span } from './message.js';
import type { Entity, QuoteType } from './quote.js';
import type { ReportOutlet } from './outlet.js';
import type { PrimarySources } from './sources.js';
import type { Derivation } from './story.js';
import type { EventPlace, EventTime } from './time.js';

/** A passage of one article that a synthesized sentence rests on. */
export interface SourceSpan {
  readonly articleId: string;
  readonly site: string;
  /** Where the span lies: `title` for the article's own title (a headline taken from it); else its text. */
  readonly field?: 'title';
  /** Character offsets in the article's text, or in its title when `field` is `title`. */
  readonly span: Span;
  /** The words at the span, as written. */
  readonly text: string;
}

/** One sentence of a summary (or the headline): its words come from its spans, never from elsewhere. */
export interface SummarySentence {
  readonly text: string;
  /** The claim it renders, when it renders one. */
  readonly claimId?: string;
  readonly sources: readonly SourceSpan[];
  /** Loaded terms replaced by neutral names in this sentence, with the naming family that says so. */
  readonly replacements?: readonly { readonly from: string; readonly to: string; readonly namingId: string }[];
  /** Independent sources (families) behind it. */
  readonly sourceCount: number;
}

/** A dated event of the story, oldest first. */
export interface TimelineEntry {
  /** ISO date, or datetime when the time of day is known. */
  readonly date: string;
  readonly text: string;
  readonly sources: readonly SourceSpan[];
}

/** An article of the story as the report lists it. */
export interface ReportArticle {
  readonly id: string;
  readonly site: string;
  readonly title: string;
  readonly url?: string;
  readonly published?: string;
  readonly language?: string;
  readonly familyId: string;
  readonly derivation: Derivation;
  /** Key of its outlet in `StoryReport.outlets`. */
  readonly outletKey?: string;
}

/** One outlet's rendering of a statement in the report. */
export interface ReportRendering {
  readonly articleId: string;
  readonly site: string;
  readonly type: QuoteType;
  readonly text: string;
  readonly span: Span;
  readonly anchor: boolean;
  readonly similarity: number;
  /**
   * Word-level alignment against the anchor: `same`, `added` (only here), `missing` (only in the
   * anchor). In a rendering in another language, a `same` word matched through the dictionaries
   * carries the anchor's word it translates as `gloss` ("mer" → "sea").
   */
  readonly alignment: readonly { readonly op: 'same' | 'missing' | 'added'; readonly word: string; readonly gloss?: string }[];
  /** Set when the rendering is in another language than the anchor (ISO 639-1): a translation, aligned through the dictionaries. */
  readonly language?: string;
}

/** One statement of a speaker with every outlet's rendering. */
export interface ReportStatement {
  readonly id: string;
  /** The speaker's entity (see `people`); `null` for quotes whose speaker was not found or not named. */
  readonly personId: string | null;
  /** The speaker's name; `null` when no speaker was resolved (an unnamed source, a quote with no reporting clause). */
  readonly speaker: string | null;
  readonly renderings: readonly ReportRendering[];
}

/** Everything `parallax report` shows for one story. Plain JSON; deterministic for the same store. */
export interface StoryReport {
  readonly storyId: string;
  readonly headline: SummarySentence;
  readonly summary: readonly SummarySentence[];
  readonly when?: EventTime;
  readonly where?: EventPlace;
  readonly articles: readonly ReportArticle[];
  /** The story's distinct outlets (kind, country, language) and how each was recognised. */
  readonly outlets: readonly ReportOutlet[];
  /** Independent sources: number of families. */
  readonly sourceCount: number;
  /** What the families rest on: "4 independent sources, resting on 2 primary sources", per family and per claim, with the evidence. */
  readonly primarySources?: PrimarySources;
  readonly statements: readonly ReportStatement[];
  readonly people: readonly Entity[];
  readonly claims: readonly Claim[];
  readonly coverage: readonly OutletCoverage[];
  readonly naming: readonly Naming[];
  readonly citations: CitationGraph;
  readonly timeline: readonly TimelineEntry[];
  /** Where the analyses did less than all their work because the story is very large (caps in their rules), each in words a reader can act on. Absent when none applied. */
  readonly limits?: readonly ReportLimit[];
}

/** A cap an analysis applied to this story: what it is (the analysis's rule id) and what it means for the reader. */
export interface ReportLimit {
  readonly ruleId: string;
  readonly text: string;
}
