/**
 * Quotes, people and statements: who said what, and how each outlet rendered it.
 */
import type { Span } from './message.js';

export type QuoteType = 'direct' | 'indirect' | 'mixed';

/** A reported utterance in one article; all spans are offsets into that article's clean text. */
export interface Quote {
  readonly id: string;
  readonly articleId: string;
  readonly type: QuoteType;
  /** The quoted content (inside the marks for direct quotes). */
  readonly span: Span;
  /** The reporting verb or phrase ("said", "according to"). */
  readonly cue?: Span;
  /** The mention of the speaker nearest the quote (a name, a pronoun, a role). */
  readonly speakerMention?: Span;
  /** The resolved person, when attribution succeeded. */
  readonly personId?: string;
}

/** A person (or organisation or place) resolved across articles, with every form of its name seen. */
export interface Entity {
  readonly id: string;
  readonly kind: 'person' | 'organization' | 'place';
  /** The most complete name form seen. */
  readonly name: string;
  readonly forms: readonly string[];
  /** Roles from the text, e.g. "Iraqi Prime Minister". */
  readonly roles: readonly string[];
}

/** One statement by one speaker, rendered by several outlets (translations, trims, indirect speech). */
export interface Statement {
  readonly id: string;
  readonly storyId: string;
  readonly personId: string;
  readonly quoteIds: readonly string[];
  /** Pairwise similarity of the renderings to the statement's most complete one (0..1). */
  readonly similarity: number;
}
