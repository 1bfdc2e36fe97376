/**
 * Claims: sentence-level statements aligned across a story's articles, with the independent
 * sources (families) that carry each, what disagrees between them, and what each outlet leaves out.
 */
import type { Span } from './message.js';

/** Where one article states a claim. */
export interface Support {
  readonly articleId: string;
  readonly familyId: string;
  /** The outlet's name as shown to a reader. */
  readonly site: string;
  /** The sentence (or the proposition inside a quote) in the article's clean text. */
  readonly span: Span;
  /** The supporting text itself (`text.slice(span.start, span.end)`). */
  readonly text: string;
  /** Similarity to the claim's text (1 for the rendering the claim's text was taken from). */
  readonly similarity: number;
  /** True when the claim is carried inside a quote rather than in the outlet's own voice. */
  readonly quoted?: boolean;
}

/** A number, date or name that differs between the supports of one claim. */
export interface Conflict {
  readonly kind: 'number' | 'date' | 'name';
  /** Each distinct value with the supports (by article id and span) that give it. */
  readonly values: readonly { readonly value: string; readonly articleIds: readonly string[]; readonly spans: readonly Span[] }[];
}

export interface Claim {
  /** `clm_` + 16 hex digits, stable for the same supports. */
  readonly id: string;
  readonly storyId: string;
  /** The most neutral, complete rendering, taken verbatim from one of the supports. */
  readonly text: string;
  readonly supports: readonly Support[];
  /** Number of distinct families among the supports. */
  readonly sourceCount: number;
  /** True when one family (one independent source, however many copies) carries it. */
  readonly singleSource: boolean;
  /** Numbers, dates or names that differ between supports. */
  readonly conflicts: readonly Conflict[];
}

/** One outlet's coverage of a story: what it leaves out that others carry, and what it alone adds. */
export interface OutletCoverage {
  /** The outlet's name as shown to a reader. */
  readonly site: string;
  readonly articleIds: readonly string[];
  readonly familyIds: readonly string[];
  /** Claims it carries. */
  readonly carried: readonly string[];
  /** Claims carried by at least two other families that this outlet leaves out. */
  readonly missing: readonly string[];
  /** Claims that only this outlet's family carries. */
  readonly alone: readonly string[];
}
