/**
 * Articles: the three states of one news article as it moves through extract → clean → text.
 *
 * One Document yields zero or more articles: a page with no article body yields none (and says
 * why), a page that glues two unrelated articles together yields two. Every state keeps the id of
 * the document it came from and its position (`part`) in it.
 */
import type { Span } from './message.js';

/** Where a metadata value was read from, in rough order of trust. */
export type MetaSource =
  | 'json-ld'
  | 'opengraph'
  | 'meta'
  | 'time-element'
  | 'byline'
  | 'hint'
  | 'furniture'
  | 'url'
  | 'text'
  | 'document';

/**
 * A date or datetime with its provenance. Compare and show it through `readPublished` and
 * `showPublished` (`model/published.ts`), never as a string: offsets differ from page to page.
 */
export interface DateValue {
  /**
   * ISO 8601 as the page wrote it: `2023-11-07` (day precision) or `2023-11-07T14:09:00+03:30`
   * (datetime: to the minute, seconds when given, with the page's own UTC offset; `Z` for UTC).
   * A datetime always has a zone: a time written without one stays a day (see {@link localTime}).
   */
  readonly value: string;
  readonly precision: 'day' | 'datetime';
  readonly source: MetaSource;
  /** The raw string it was read from, e.g. `Tue, 07 Nov 2023 09:30:00 GMT`. */
  readonly raw?: string;
  /**
   * Day precision only: a time of day the page wrote without a zone (`14:09`), local to a zone
   * nobody stated. Shown as written; comparisons stay at day precision. Absent on older records.
   */
  readonly localTime?: string;
  /** Datetime only: the zone abbreviation the offset was read from (`EST`, `IRST`), when the page wrote one. */
  readonly zone?: string;
}

/**
 * A credit found in the page: the outlet or agency an article says it comes from or cites as
 * its origin ("Source » aawsat", a trailing "IRNA", "(Photo by AFP)"). The stories stage uses
 * these to find who copied whom.
 */
export interface Credit {
  /** The credited name as written, e.g. `aawsat`, `IRNA`, `AFP`. */
  readonly name: string;
  /** What the credit says about the article. */
  readonly role: 'source' | 'agency' | 'photo' | 'dateline' | 'site-label';
  /** Where the credit stood, in the extracted text (before cleaning). */
  readonly span: Span;
}

/** Output of the extract stage: one page's main text and metadata. */
export interface ExtractedArticle {
  readonly documentId: string;
  readonly url?: string;
  readonly canonicalUrl?: string;
  readonly title?: string;
  readonly byline?: string;
  /** Publisher or site name as the page states it (og:site_name, JSON-LD publisher). */
  readonly siteName?: string;
  readonly published?: DateValue;
  readonly modified?: DateValue;
  /** Language declared by the page (`<html lang>`, og:locale), BCP 47 primary subtag. */
  readonly declaredLanguage?: string;
  /** Main text, paragraphs separated by a blank line (`\n\n`). */
  readonly text: string;
  /** Paragraph spans into {@link text}. */
  readonly paragraphs: readonly Span[];
  /**
   * True when the container declares the document one article with its own title (a JSONL record
   * or feed item with a `title`): the clean stage then never cuts it into several articles.
   */
  readonly declaredOneArticle?: boolean;
}

/** Output of the clean stage: furniture removed, split into separate articles where needed. */
export interface CleanArticle extends ExtractedArticle {
  /** 0 for the first (or only) article of the document, 1 for the next, … */
  readonly part: number;
  /** The extracted text this article was cut from, unchanged; message spans of the clean stage point here. */
  readonly extractedText: string;
  /**
   * For each paragraph of {@link text}: the span in {@link extractedText} it was taken from, so any
   * offset in the clean text maps back to the extracted text.
   */
  readonly sourceMap: readonly { readonly text: Span; readonly extracted: Span }[];
  readonly credits: readonly Credit[];
}

/** Language identified from the text, with how sure the identifier is. */
export interface LanguageValue {
  /** ISO 639-1 where one exists (`en`, `ar`, `fa`), else ISO 639-3; `und` when undetermined. */
  readonly code: string;
  /** 0..1. */
  readonly confidence: number;
  readonly source: 'detected' | 'declared' | 'hint';
}

/**
 * A stored article: clean text segmented with offsets, language and resolved publication date.
 * Later stages point into {@link text} only by offsets; tokens are recomputed on demand by the
 * text stage's `tokenize`, which is deterministic.
 */
export interface Article extends CleanArticle {
  /** `art_` + 16 hex digits, derived from the document id and {@link part}: stable across runs. */
  readonly id: string;
  readonly language: LanguageValue;
  /** Sentence spans into {@link text}, in order, never crossing a paragraph boundary. */
  readonly sentences: readonly Span[];
  /** The publication date the engine settled on (metadata first, then text, then the document). */
  readonly publishedResolved?: DateValue;
  /** Number of word tokens in {@link text}. */
  readonly wordCount: number;
}
