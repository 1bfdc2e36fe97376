/**
 * The story analyses a report assembles, as one injectable set: the report runs the statements
 * analysis once and hands its quote spans and entities to claims and naming. Tests and callers may
 * replace any analysis; {@link defaultAnalyses} wires the shipped ones.
 */
import type { Claim, OutletCoverage } from '../../model/claim.js';
import type { Envelope } from '../../model/envelope.js';
import type { CitationGraph, Naming } from '../../model/framing.js';
import type { Span } from '../../model/message.js';
import type { Entity } from '../../model/quote.js';
import type { TimelineEntry } from '../../model/report.js';
import type { PrimarySources } from '../../model/sources.js';
import type { EventPlace, EventTime } from '../../model/time.js';
import type { StoryInput } from '../analyze/input.js';
import { createCitations } from '../analyze/citations/index.js';
import { createClaims } from '../analyze/claims/index.js';
import { createNaming, findLoadedTerms } from '../analyze/naming/index.js';
import { createEventPlace } from '../analyze/place/index.js';
import { createPrimarySources, type SourcesContext } from '../analyze/sources/index.js';
import { createEventTime, createTimeline } from '../analyze/time/index.js';
import type { FindLoadedTerms } from './summary.js';
import { createEntityResolver, type MentionRecognizer } from '../analyze/entities/index.js';

/** The quotes of a story as later analyses read them: per article, the content spans of its quotes. */
export interface QuoteSpans {
  readonly articleId: string;
  readonly spans: readonly Span[];
}

/** What the statements analysis hands to claims and naming. */
export interface AnalysisContext {
  readonly quotes: readonly QuoteSpans[];
  readonly entities: readonly Entity[];
  /** Statements rendered by several outlets: the quote content spans of each rendering. */
  readonly statements?: readonly { readonly quoteSpans: readonly { readonly articleId: string; readonly span: Span }[] }[];
}

/** Every analysis the report runs over a story besides statements. */
export interface Analyses {
  readonly claims: (story: StoryInput, context: AnalysisContext) => Envelope<{ claims: readonly Claim[]; coverage: readonly OutletCoverage[] }>;
  readonly eventTime: (story: StoryInput) => EventTime | undefined;
  readonly eventPlace: (story: StoryInput) => EventPlace | undefined;
  readonly timeline: (story: StoryInput) => readonly TimelineEntry[];
  readonly naming: (story: StoryInput, context: AnalysisContext) => readonly Naming[];
  readonly citations: (story: StoryInput) => CitationGraph;
  /** What the families rest on (statements, readouts, wires, credited outlets), from quotes, credits and citations. */
  readonly primarySources: (story: StoryInput, context: SourcesContext) => PrimarySources;
  readonly findLoadedTerms: FindLoadedTerms;
}

/** The shipped analyses; `recognize`, when given, is the mention recogniser they share with the statements analysis. */
export function defaultAnalyses(shared: { readonly recognize?: MentionRecognizer } = {}): Analyses {
  const naming = createNaming();
  const claims = createClaims();
  return {
    claims: (story, context) => claims(story, context),
    eventTime: createEventTime(),
    eventPlace: createEventPlace(shared.recognize ? { entities: createEntityResolver({ recognize: shared.recognize }) } : {}),
    timeline: createTimeline(),
    naming: (story, context) => naming(story, context),
    citations: createCitations(),
    primarySources: createPrimarySources(),
    findLoadedTerms,
  };
}
