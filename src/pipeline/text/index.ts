/**
 * Text stage: a clean article in, a stored Article out — stable id, sentences, language, word
 * count and the publication date the engine settles on. Sentence spans and tokens point into the
 * clean text; tokens are not stored, since {@link tokenize} recomputes them identically.
 */
import { createHash } from 'node:crypto';
import type { Article, CleanArticle } from '../../model/article.js';
import { advance, isFailed, type Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import { resolvePublished } from './date.js';
import { identifyLanguage } from './language.js';
import { segmentSentences } from './sentences.js';
import { countWords } from './tokenize.js';

export { tokenize, countWords, type Token } from './tokenize.js';
export { segmentSentences } from './sentences.js';
export { identifyLanguage, toIso6391 } from './language.js';

export interface TextOptions {
  /** Fewest letters needed to detect the language; shorter text takes the declared language (default from languages.json). */
  readonly minLanguageChars?: number;
  /** Detections less sure than this (0..1) give way to the declared language (default from languages.json). */
  readonly minLanguageConfidence?: number;
  /** ISO 639-3 codes the language identifier may answer with (default: the news languages of languages.json). */
  readonly languages?: readonly string[];
}

/** One clean article in, one Article out. */
export type TextStage = (env: Envelope<CleanArticle>) => Envelope<Article>;

/** The stable article id: `art_` + the first 16 hex digits of sha256(`documentId:part`). */
export function articleId(documentId: string, part: number): string {
  return `art_${createHash('sha256').update(`${documentId}:${part}`).digest('hex').slice(0, 16)}`;
}

/**
 * Create the text stage. An input that already failed passes through with its id and empty
 * analysis (undetermined language, no sentences), so its messages still reach the user.
 */
export function createText(options: TextOptions = {}): TextStage {
  const settings = {
    minChars: options.minLanguageChars,
    minConfidence: options.minLanguageConfidence,
    candidates: options.languages,
  };
  return (env) => {
    const a = env.value;
    const id = articleId(a.documentId, a.part);
    if (isFailed(env)) {
      return advance(env, { ...a, id, language: { code: 'und', confidence: 0, source: 'detected' }, sentences: [], wordCount: 0 });
    }
    const messages: Message[] = [];
    const language = identifyLanguage(a.text, a.declaredLanguage, settings);
    if (language.source === 'declared') {
      messages.push({
        stage: 'text',
        ruleId: 'language-declared',
        reason: `The text is too short or unclear to identify its language; using the declared language "${language.code}".`,
        severity: 'info',
      });
    } else if (language.code === 'und') {
      messages.push({
        stage: 'text',
        ruleId: 'language-undetermined',
        reason: 'The text is too short to identify its language and the page declares none.',
        severity: 'warning',
      });
    }
    const date = resolvePublished(a, language.code);
    messages.push(date.message);
    const article: Article = {
      ...a,
      id,
      language,
      sentences: segmentSentences(a.text, a.paragraphs),
      publishedResolved: date.value,
      wordCount: countWords(a.text),
    };
    return advance(env, article, messages);
  };
}
