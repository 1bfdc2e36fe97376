/**
 * Plain text and Markdown: the text already is the article, so extraction only normalises
 * whitespace and finds paragraphs. Every non-blank line is a paragraph (news text files put one
 * paragraph, caption or headline per line); headlines and furniture are the clean stage's work.
 */
import type { Document } from '../../model/document.js';
import type { ExtractedArticle } from '../../model/article.js';
import type { Message, Span } from '../../model/message.js';
import { parseDate } from './dates.js';
import { rules } from './rules.js';

/** Markdown markup that is presentation only: stripped from the start of a line. */
const MARKDOWN_LINE_PREFIX = /^(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S)|\d+[.)]\s+(?=\S))/;

/**
 * A person card a news page shows when a name is hovered, left in scraped text after the name it
 * belongs to: the person's full name glued to the headlines of other articles, closed by "MORE"
 * ("President Trump Donald John TrumpGOP senators balk at … MORE said"). Found by the full name
 * ending in the surname just written (the lookbehind), and its closing "MORE" within 600
 * characters; on 8,263 multi-outlet records it matched 1,054 cards in 284 articles of one outlet's
 * scraped pages and nothing else. Only a line holding "MORE" is searched.
 */
const CARD_NAME = "(?<=(?:^|[^\\p{L}])(\\p{Lu}\\p{Ll}[\\p{L}'’-]*)) (?:\\p{Lu}(?:\\p{Ll}[\\p{L}'’-]*|\\.)(?: \\(\\p{Lu}\\p{Ll}[\\p{L}.'’ -]*\\))? )";
const CARD_REST = "[^\\n]{0,600}?(?<=[\\p{L}\\p{N}.,:;!?'’\")\\]] ?|\\p{L})MORE\\b";
/** The full name glued to the first headline ("Donald John TrumpGOP senators …"), or followed by "MORE" at once. */
const PERSON_CARD = new RegExp(`${CARD_NAME}{1,5}?\\1(?=\\p{Lu}|\\p{N}|MORE\\b)${CARD_REST}`, 'gu');
/** A full name of three words or more spaced from the first headline ("Paul Davis Ryan Retirees should …"). */
const PERSON_CARD_SPACED = new RegExp(`${CARD_NAME}{2,5}?\\1(?= \\p{Lu})${CARD_REST}`, 'gu');
/** Cards cut from one document that are each given a message; the rest are counted in one (`rules/thresholds.json`). */
const MAX_CARD_MESSAGES = rules.thresholds.maxCardMessages;

/** Extract paragraphs from a text or Markdown document; person cards are cut, each with a message. */
export function extractPlain(doc: Document): { article: ExtractedArticle; messages: Message[] } {
  const content = doc.content.replace(/^\uFEFF/, '');
  const bom = doc.content.length - content.length;
  const lines = content.split(/\r\n|\r|\n/);
  const paragraphs: Span[] = [];
  const messages: Message[] = [];
  let cards = 0;
  let text = '';
  let at = bom;
  for (const original of lines) {
    const lineStart = at;
    at += original.length + (content.startsWith('\r\n', at - bom + original.length) ? 2 : 1);
    // Glued cards first; a spaced one counts only where no glued one was found.
    const found: { start: number; end: number }[] = [];
    for (const re of original.includes('MORE') ? [PERSON_CARD, PERSON_CARD_SPACED] : []) {
      for (const m of original.matchAll(re)) {
        const span = { start: m.index, end: m.index + m[0].length };
        if (!found.some((f) => f.start < span.end && span.start < f.end)) found.push(span);
      }
    }
    found.sort((a, b) => a.start - b.start);
    let rawLine = original;
    for (const f of [...found].reverse()) rawLine = rawLine.slice(0, f.start) + rawLine.slice(f.end);
    for (const f of found) {
      cards++;
      if (cards > MAX_CARD_MESSAGES) continue;
      messages.push({
        stage: 'extract',
        ruleId: 'person-card',
        severity: 'info',
        reason: 'Left out of the article: a person card (the full name, headlines of other articles, "MORE") that the page shows beside a name.',
        span: { start: lineStart + f.start, end: lineStart + f.end },
        layer: 'source',
        excerpt: original.slice(f.start, f.end).trim().slice(0, 200),
      });
    }
    let line = rawLine.replace(/[\t\u00A0\u2000-\u200A\u202F\u205F\u3000 ]+/g, ' ').trim();
    if (doc.mediaType === 'text/markdown') line = stripMarkdown(line);
    if (line === '') continue;
    if (text.length > 0) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + line.length });
    text += line;
  }
  if (cards > MAX_CARD_MESSAGES) {
    messages.push({
      stage: 'extract',
      ruleId: 'removed-not-listed',
      severity: 'info',
      reason: `${cards - MAX_CARD_MESSAGES} more person card(s) were left out of the article than are listed one by one.`,
      data: { count: cards - MAX_CARD_MESSAGES, limit: MAX_CARD_MESSAGES },
    });
  }
  const article: ExtractedArticle = {
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
  return { article, messages };
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
