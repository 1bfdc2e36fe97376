/**
 * What the story analyses read: a story's articles with their clean text, sentences, outlet and
 * family (independent source). Every analysis of a story (quotes, time and place, claims, naming,
 * citations) takes this one shape, so a story is loaded once and analysed by pure functions.
 */
import type { Credit } from '../../model/article.js';
import type { Span } from '../../model/message.js';
import type { Derivation } from '../../model/story.js';

/** One article of a story as the analyses read it. Offsets are into `text` (the clean text). */
export interface StoryArticle {
  readonly id: string;
  readonly text: string;
  readonly paragraphs: readonly Span[];
  readonly sentences: readonly Span[];
  /**
   * The outlet as a reader knows it: site name, else host; a text without either is named by the
   * outlet it is recognised as, else "Unknown outlet N" (never its file name: see `fileLabel`).
   */
  readonly site: string;
  /** For a text without URL or site name: the file (or input) name it came from, which `site` replaced. */
  readonly fileLabel?: string;
  /** The family (independent source) the article belongs to; copies share their original's. */
  readonly familyId: string;
  readonly derivation: Derivation;
  readonly title?: string;
  readonly url?: string;
  /** Publication date as resolved by the text stage (ISO date or datetime), when known. */
  readonly published?: string;
  /** ISO 639-1 language code (`und` when unknown). */
  readonly language: string;
  /** Credits found by the clean stage ("Source » X", agency datelines, photo credits). */
  readonly credits: readonly Credit[];
}

/** A story ready for analysis: its articles in reading order (by publication date, then id). */
export interface StoryInput {
  readonly storyId: string;
  readonly title: string;
  readonly articles: readonly StoryArticle[];
}
