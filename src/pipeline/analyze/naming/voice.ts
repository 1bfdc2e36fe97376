/**
 * Voice: which parts of an article are someone else's words (inside a quote) and which are the
 * outlet's own. Indirect speech counts as the outlet's own voice (the outlet chose those words)
 * unless the caller hands its content spans in as quoted; an embedded post (a tweet with its
 * signature) is its poster's words.
 */
import type { Span } from '../../../model/message.js';
import { findQuoted, type QuoteAnalysis } from '../quotes/index.js';
import type { StoryArticle } from '../input.js';

/** Quoted spans of one article, sorted, for `inside` look-ups. */
export interface QuotedSpans {
  readonly spans: readonly Span[];
}

/** True when `span` lies wholly inside one of the quoted spans. */
export function isQuoted(q: QuotedSpans, span: Span): boolean {
  return q.spans.some((s) => s.start <= span.start && span.end <= s.end);
}

/**
 * An embedded social-media post: its signature ("— Name (@handle) March 16, 2019"), a picture link
 * or a shortened link of the platform. The paragraph holding one is the poster's words, not the outlet's.
 */
const EMBEDDED_POST = /[—–-]\s*[^\n()]{1,60}\(@\w{1,30}\)|\bpic\.twitter\.com\/|https?:\/\/t\.co\//u;

/** Paragraphs of `article` that are embedded posts (see {@link EMBEDDED_POST}). */
function embeddedPosts(article: StoryArticle): Span[] {
  return article.paragraphs.filter((p) => EMBEDDED_POST.test(article.text.slice(p.start, p.end)));
}

/**
 * The quoted spans given by a caller, per article id, joined with every stretch of the article
 * between quotation marks (a scare-quoted or unattributed quoted phrase is someone else's words too)
 * and the paragraphs that are embedded posts.
 */
export function quotedFromContext(quotes: readonly { articleId: string; spans: readonly Span[] }[], articles: readonly StoryArticle[] = []): Map<string, QuotedSpans> {
  const by = new Map<string, Span[]>();
  for (const q of quotes) by.set(q.articleId, [...(by.get(q.articleId) ?? []), ...q.spans]);
  for (const a of articles) {
    const spans = by.get(a.id) ?? [];
    for (const m of findQuoted(a.text, a.paragraphs)) spans.push(...m.pieces);
    spans.push(...embeddedPosts(a));
    by.set(a.id, spans);
  }
  return new Map([...by].map(([id, spans]) => [id, { spans: spans.sort((a, b) => a.start - b.start) }] as const));
}

/**
 * The quoted spans found by the quotes stage (direct and mixed quotes' content), joined with every
 * stretch of text between quotation marks (a scare-quoted term is someone else's word too).
 */
export function quotedFromAnalysis(articles: readonly StoryArticle[], analysis: QuoteAnalysis): Map<string, QuotedSpans> {
  const out = new Map<string, QuotedSpans>();
  for (const a of articles) {
    const found = analysis.articles.find((e) => e.value.articleId === a.id)?.value.quotes ?? [];
    const spans: Span[] = [];
    for (const q of found) if (q.type !== 'indirect') spans.push(...(q.segments ?? [q.span]));
    for (const m of findQuoted(a.text, a.paragraphs)) spans.push(...m.pieces);
    spans.push(...embeddedPosts(a));
    out.set(a.id, { spans: spans.sort((x, y) => x.start - y.start) });
  }
  return out;
}
