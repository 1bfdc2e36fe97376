/** The data types of every pipeline state. Re-exports only. */
export type { Stage, Severity, TextLayer, Span, Message } from './message.js';
export type { Origin, MediaType, DocumentHints, Document } from './document.js';
export type { MetaSource, DateValue, Credit, ExtractedArticle, CleanArticle, LanguageValue, Article } from './article.js';
export type { Envelope } from './envelope.js';
export { isFailed, advance } from './envelope.js';
export type { Membership, StoryEvent, Story, Derivation, Alignment, Family, FamilyCredit, Outlet } from './story.js';
export type { PrimarySourceKind, SourceEvidence, PrimarySource, FamilyBasis, ClaimBasis, PrimarySources } from './sources.js';
export type { QuoteType, Quote, Entity, EntityEvidence, Statement } from './quote.js';
export type { Support, Conflict, Claim, OutletCoverage } from './claim.js';
export type { TimexType, TimeExpression, TimePlaceEvidence, Voted, EventTime, EventPlace } from './time.js';
export type { Occurrence, TermUse, Naming, CitationGraph, CitationEdge } from './framing.js';
export type { SourceSpan, SummarySentence, TimelineEntry, ReportArticle, ReportRendering, ReportStatement, StoryReport } from './report.js';
export type { OutletKind, OutletRecord, OutletBasis, ReportOutlet } from './outlet.js';
export { OUTLET_KINDS } from './outlet.js';
