/**
 * Claims: sentence-level statements aligned across a story's articles, with the independent
 * sources (families) that carry each.
 */
import type { Span } from './message.js';

/** Where one article states a claim. */
export interface Support {
  readonly articleId: string;
  readonly familyId: string;
  readonly span: Span;
}

export interface Claim {
  readonly id: string;
  readonly storyId: string;
  /** The most neutral, complete rendering, taken verbatim from one of the supports. */
  readonly text: string;
  readonly supports: readonly Support[];
  /** Number of distinct families among the supports. */
  readonly sourceCount: number;
  /** Numbers, dates or names that differ between supports. */
  readonly conflicts: readonly { readonly kind: 'number' | 'date' | 'name'; readonly values: readonly string[] }[];
}
