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
  /** The quoted content (inside the marks for direct quotes); for an interrupted quote, the hull of its segments. */
  readonly span: Span;
  /**
   * The content pieces, in order, when the quote is interrupted by its reporting clause
   * (`"X," he said. "Y."` is one quote with two segments) or runs over several paragraphs.
   * Absent when the content is one piece (then it equals `span`).
   */
  readonly segments?: readonly Span[];
  /** The reporting verb or phrase ("said", "according to"). */
  readonly cue?: Span;
  /** The mention of the speaker nearest the quote (a name, a pronoun, a role). */
  readonly speakerMention?: Span;
  /** The resolved person, when attribution succeeded. */
  readonly personId?: string;
  /** How the speaker was found and resolved (rule ids, e.g. `name-after-cue`, `pronoun-previous-speaker`). */
  readonly attribution?: readonly string[];
}

/** Why two forms were taken for one entity: the rule and the forms it joined. */
export interface EntityEvidence {
  /** Rule id, e.g. `spelling-variant`, `surname-only`, `title-and-surname`, `role-holder`, `alias-file`. */
  readonly rule: string;
  /** The forms the rule joined (the entity's name first). */
  readonly forms: readonly string[];
  /** Extra detail, e.g. `Ebrahim ≈ Ibrahim` or the article a role was resolved in. */
  readonly detail?: string;
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
  /** Every merge of forms into this entity, with its rule. */
  readonly evidence?: readonly EntityEvidence[];
  /** Set only when the given name marks one gender (entities/gender.ts): "he" is kept off a woman, "she" off a man. */
  readonly gender?: 'female' | 'male';
}

/** One statement by one speaker, rendered by several outlets (translations, trims, indirect speech). */
export interface Statement {
  readonly id: string;
  readonly storyId: string;
  /**
   * The speaker's entity; `null` when the quotes were found but no speaker could be resolved
   * ("a source said", a quote with no reporting clause): such quotes are still grouped into
   * statements (one statement carried by several outlets is one entry), just without a speaker.
   */
  readonly personId: string | null;
  readonly quoteIds: readonly string[];
  /** Pairwise similarity of the renderings to the statement's most complete one (0..1). */
  readonly similarity: number;
}
