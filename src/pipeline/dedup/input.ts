/**
 * What the dedup stage reads from an article, and what its index reports.
 */
import type { Credit } from '../../model/article.js';

/**
 * The parts of an article the dedup stage uses. An {@link Article} fits as is (pass
 * `published: article.publishedResolved?.value`, `credits: article.credits`).
 */
export interface DedupInput {
  readonly id: string;
  /** Clean text; alignment spans are offsets into it. */
  readonly text: string;
  readonly title?: string;
  readonly url?: string;
  readonly siteName?: string;
  /** ISO 8601 date or datetime. */
  readonly published?: string;
  readonly credits: readonly Credit[];
}

/** A candidate pair found by the index: an earlier article that may share text with the new one. */
export interface Match {
  /** The article just added. */
  readonly queryId: string;
  /** The earlier article it may share text with. */
  readonly id: string;
  /** True when both texts have the same normalised words in the same order. */
  readonly exact: boolean;
  /** Estimated Jaccard similarity of their shingle sets (0..1). */
  readonly jaccard: number;
  /** Estimated share of the new article's shingles found in the earlier one. */
  readonly containment: number;
  /** Estimated share of the earlier article's shingles found in the new one. */
  readonly containedBy: number;
}
