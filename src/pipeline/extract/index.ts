/**
 * Extract stage: a Document in, its main text and metadata out.
 *
 * HTML pages go through main-content extraction; text and Markdown are split into paragraphs.
 * A document with no article text yields an envelope with an `error` message (EXTRACT_NO_CONTENT).
 */
import type { Document } from '../../model/document.js';
import type { ExtractedArticle } from '../../model/article.js';
import { advance, type Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import { createError } from '../../errors.js';
import { extractPlain } from './plain.js';

export interface ExtractOptions {
  /** Reserved for HTML extraction settings. */
  readonly html?: Record<string, never>;
}

export type Extract = (doc: Envelope<Document>) => Envelope<ExtractedArticle>;

/** Create the extract stage. */
export function createExtract(_options: ExtractOptions = {}): Extract {
  return (env) => {
    const doc = env.value;
    const extracted = doc.mediaType === 'text/html' ? extractPlain({ ...doc, mediaType: 'text/plain', content: doc.content.replace(/<[^>]*>/g, ' ') }) : extractPlain(doc);
    const messages: Message[] = [];
    if (extracted.text.trim() === '') {
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
