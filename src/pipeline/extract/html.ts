/**
 * HTML pages: parse once, read the metadata, find the main text, and say what was left out.
 */
import type { Document } from '../../model/document.js';
import type { ExtractedArticle } from '../../model/article.js';
import type { Message, Span } from '../../model/message.js';
import { createError } from '../../errors.js';
import { parseHtml } from './dom.js';
import { extractContent } from './content.js';
import { extractMetadata } from './metadata.js';
import { dateFromText, mostPrecise } from './dates.js';

/** Rules whose left-out blocks may carry the publication date (bylines, datelines, article meta lines). */
const DATE_LINE_RULES = new Set(['byline-credit', 'dateline', 'byline', 'article-meta']);

export interface HtmlExtractSettings {
  readonly maxDepth: number;
  readonly refuseTooDeep: boolean;
  readonly maxElements: number;
  readonly maxRemovedMessages: number;
}

export interface HtmlExtraction {
  readonly article: ExtractedArticle;
  readonly messages: readonly Message[];
}

/** Extract one HTML document. Never throws on malformed input. */
export function extractHtml(doc: Document, settings: HtmlExtractSettings): HtmlExtraction {
  const messages: Message[] = [];
  const tree = parseHtml(doc.content, { maxDepth: settings.maxDepth, maxElements: settings.maxElements });
  const meta = extractMetadata(tree, doc.hints);
  const base: ExtractedArticle = {
    documentId: doc.id,
    url: doc.hints.url ?? meta.canonicalUrl,
    canonicalUrl: meta.canonicalUrl,
    title: meta.title,
    byline: meta.byline,
    siteName: meta.siteName,
    published: meta.published,
    modified: meta.modified,
    declaredLanguage: meta.declaredLanguage,
    text: '',
    paragraphs: [],
  };

  if (tree.flattened > 0) {
    if (settings.refuseTooDeep) {
      messages.push({
        stage: 'extract',
        ruleId: 'html-too-deep',
        severity: 'error',
        reason: createError('HTML_TOO_DEEP', { input: doc.origin.locator, depth: tree.maxDepthSeen, limit: settings.maxDepth }).message,
        data: { depth: tree.maxDepthSeen, limit: settings.maxDepth },
      });
      return { article: base, messages };
    }
    messages.push({
      stage: 'extract',
      ruleId: 'html-too-deep',
      severity: 'warning',
      reason: `Elements nest ${tree.maxDepthSeen} deep, past the limit of ${settings.maxDepth}: ${tree.flattened} deeper elements were read as siblings, as browsers do, so the paragraph layout may be off.`,
      data: { depth: tree.maxDepthSeen, limit: settings.maxDepth, flattened: tree.flattened },
    });
  }

  if (tree.ignored > 0) {
    messages.push({
      stage: 'extract',
      ruleId: 'html-too-many-elements',
      severity: 'warning',
      reason: `The page has more than ${settings.maxElements} elements: the ${tree.ignored} tags past that were ignored and only their text was kept, so the end of the page may be extracted poorly.`,
      data: { limit: settings.maxElements, ignored: tree.ignored },
    });
  }

  const content = extractContent(tree, { title: meta.title, url: doc.hints.url ?? meta.canonicalUrl, maxReported: settings.maxRemovedMessages });
  // Past the limit, the last listed slot goes to a count of the rest: the cap holds, nothing goes unsaid.
  const overflow = content.unreported > 0 && settings.maxRemovedMessages > 0;
  const listed = overflow ? content.removed.slice(0, settings.maxRemovedMessages - 1) : content.removed;
  const unreported = overflow ? content.unreported + content.removed.length - listed.length : 0;
  for (const r of listed) {
    messages.push({
      stage: 'extract',
      ruleId: r.ruleId,
      severity: 'info',
      reason: `Left out of the article: ${r.reason}.`,
      span: { start: r.start, end: r.end },
      layer: 'source',
      excerpt: r.excerpt,
    });
  }

  if (unreported > 0) {
    messages.push({
      stage: 'extract',
      ruleId: 'removed-not-listed',
      severity: 'info',
      reason: `${unreported} more block(s) were left out of the article than could be listed one by one (maxRemovedMessages ${settings.maxRemovedMessages}).`,
      data: { count: unreported, limit: settings.maxRemovedMessages },
    });
  }

  // No date in the metadata or the URL, or only its day: read one from the byline or dateline that was
  // left out (a dateline's time on the metadata's day makes the day an instant).
  let published = meta.published;
  if (published === undefined || published.source === 'hint' || (published.precision === 'day' && published.localTime === undefined)) {
    const lines = content.removed.filter((r) => DATE_LINE_RULES.has(r.ruleId)).map((r) => r.excerpt);
    const written = lines.length > 0 ? dateFromText(lines, meta.declaredLanguage) : undefined;
    published = published === undefined || published.source === 'hint' ? (written ?? published) : mostPrecise([published, written]);
  }

  let text = '';
  const paragraphs: Span[] = [];
  for (const p of content.paragraphs) {
    if (text.length > 0) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + p.length });
    text += p;
  }
  if (published === undefined) {
    messages.push({ stage: 'extract', ruleId: 'no-published-date', severity: 'warning', reason: 'No publication date was found in the page, its URL or the document hints.' });
  }
  return { article: { ...base, published, text, paragraphs }, messages };
}
