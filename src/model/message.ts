/**
 * Messages: what a stage did to a record, and why.
 *
 * Every stage that drops, repairs, splits or doubts something records a {@link Message} on the
 * record's envelope instead of acting silently. A user reading `parallax show ID` sees the same
 * messages, in the same form, as the web UI and the JSON export. Modelled on vfile-message.
 */

/** The stage that wrote a message; stages run in this order. */
export type Stage =
  | 'ingest'
  | 'extract'
  | 'clean'
  | 'text'
  | 'dedup'
  | 'cluster'
  | 'analyze'
  | 'synthesize'
  | 'store';

/**
 * How serious a message is.
 * - `error`: the record could not be processed (it is kept out of later stages).
 * - `warning`: the record was processed but something is doubtful (bad encoding, no date found).
 * - `info`: a normal, explained action (furniture removed, article split, date taken from metadata).
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Which text a {@link Span} points into.
 * - `source`: the decoded document content (HTML or plain text) as ingested.
 * - `extracted`: the main text produced by the extract stage, before cleaning.
 * - `text`: the article's final clean text ({@link Article.text}).
 */
export type TextLayer = 'source' | 'extracted' | 'text';

/** A half-open range `[start, end)` of UTF-16 code-unit offsets into one text layer. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One explained action or problem. Plain data: safe to serialise, store and compare. */
export interface Message {
  /** Stage that wrote it. */
  readonly stage: Stage;
  /** Stable rule identifier, `kebab-case`, e.g. `duplicate-caption`, `split-second-article`. */
  readonly ruleId: string;
  /** One human sentence: what was done and why. */
  readonly reason: string;
  readonly severity: Severity;
  /** The affected range, when the message concerns part of a text. */
  readonly span?: Span;
  /** Which text {@link span} points into; required when span is set. */
  readonly layer?: TextLayer;
  /** The affected text itself (truncated to a few hundred characters), so a reader need not look it up. */
  readonly excerpt?: string;
  /** Structured extras a rule wants to keep (e.g. `{ credit: "aawsat" }`). Values must be JSON. */
  readonly data?: Readonly<Record<string, unknown>>;
}
