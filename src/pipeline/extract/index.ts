/**
 * Extract stage: a Document in, its main text and metadata out.
 *
 * HTML pages go through main-content extraction (`html.ts`: a linear-time tree, metadata from
 * JSON-LD, OpenGraph and `<meta>`, boilerplate removal and Readability-style scoring); text and
 * Markdown are split into paragraphs (`plain.ts`). What was left out of an HTML page is reported
 * as `info` messages. A document with no article text yields an envelope with an `error` message
 * (EXTRACT_NO_CONTENT).
 */
import type { Document } from '../../model/document.js';
import type { ExtractedArticle } from '../../model/article.js';
import { advance, type Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import { createError } from '../../errors.js';
import { extractPlain } from './plain.js';
import { extractHtml } from './html.js';

export interface ExtractOptions {
  /**
   * Deepest element nesting kept as a tree. Elements opened deeper are read as siblings (as
   * browsers do past 512) and a `html-too-deep` warning is recorded. Default 512.
   */
  readonly maxDepth?: number;
  /** Refuse pages nesting past {@link maxDepth} with an HTML_TOO_DEEP error instead of flattening them. Default false. */
  readonly refuseTooDeep?: boolean;
  /**
   * Most elements read from one page (real pages have a few thousand). Past it, further tags are
   * ignored but their text is kept, and a `html-too-many-elements` warning is recorded: this
   * bounds the memory and time a hostile page can take. Default 200,000.
   */
  readonly maxElements?: number;
  /** Most `info` messages about left-out blocks recorded per page. Default 50. */
  readonly maxRemovedMessages?: number;
}

export type Extract = (doc: Envelope<Document>) => Envelope<ExtractedArticle>;

export const EXTRACT_DEFAULTS: Required<ExtractOptions> = {
  maxDepth: 512,
  refuseTooDeep: false,
  maxElements: 200_000,
  maxRemovedMessages: 50,
};

/** Create the extract stage. */
export function createExtract(options: ExtractOptions = {}): Extract {
  const settings = { ...EXTRACT_DEFAULTS, ...options };
  if (!Number.isInteger(settings.maxDepth) || settings.maxDepth < 1) throw createError('USAGE', { detail: `maxDepth must be a positive integer, not ${String(settings.maxDepth)}` });
  if (!Number.isInteger(settings.maxElements) || settings.maxElements < 1) throw createError('USAGE', { detail: `maxElements must be a positive integer, not ${String(settings.maxElements)}` });
  if (!Number.isInteger(settings.maxRemovedMessages) || settings.maxRemovedMessages < 0) {
    throw createError('USAGE', { detail: `maxRemovedMessages must be a non-negative integer, not ${String(settings.maxRemovedMessages)}` });
  }
  return (env) => {
    const doc = env.value;
    let extracted: ExtractedArticle;
    const messages: Message[] = [];
    if (doc.mediaType === 'text/html') {
      const result = extractHtml(doc, settings);
      extracted = result.article;
      messages.push(...result.messages);
    } else {
      const result = extractPlain(doc);
      extracted = result.article;
      messages.push(...result.messages);
    }
    // A record that brings its own title is one article by its container's word (a scraper's
    // JSONL line, a feed item): the clean stage keeps it whole.
    if ((doc.origin.kind === 'jsonl-line' || doc.origin.kind === 'feed-item') && (doc.hints.title ?? '').trim() !== '') extracted = { ...extracted, declaredOneArticle: true };
    if (extracted.text.trim() === '' && !messages.some((m) => m.severity === 'error')) {
      messages.push({
        stage: 'extract',
        ruleId: 'no-content',
        severity: 'error',
        reason: createError('EXTRACT_NO_CONTENT', { input: doc.origin.locator }).message,
      });
    }
    return advance(env, extracted, messages);
  };
}
