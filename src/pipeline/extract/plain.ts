/**
 * Plain text and Markdown: the text already is the article, so extraction only normalises
 * whitespace and finds paragraphs. Every non-blank line is a paragraph (news text files put one
 * paragraph, caption or headline per line); headlines and furniture are the clean stage's work.
 */
import type { Document } from '../../model/document.js';
import type { ExtractedArticle } from '../../model/article.js';
import type { Span } from '../../model/message.js';
import { parseDate } from './dates.js';

/** Markdown markup that is presentation only: stripped from the start of a line. */
const MARKDOWN_LINE_PREFIX = /^(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))/;

/** Extract paragraphs from a text or Markdown document. */
export function extractPlain(doc: Document): ExtractedArticle {
  const lines = doc.content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const paragraphs: Span[] = [];
  let text = '';
  for (const rawLine of lines) {
    let line = rawLine.replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000 ]+/g, ' ').trim();
    if (doc.mediaType === 'text/markdown') line = stripMarkdown(line);
    if (line === '') continue;
    if (text.length > 0) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + line.length });
    text += line;
  }
  return {
    documentId: doc.id,
    url: doc.hints.url,
    title: doc.hints.title,
    byline: doc.hints.author,
    siteName: doc.hints.siteName,
    published: parseDate(doc.hints.published, 'hint'),
    declaredLanguage: doc.hints.language,
    text,
    paragraphs,
  };
}

function stripMarkdown(line: string): string {
  return line
    .replace(MARKDOWN_LINE_PREFIX, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}
