/**
 * Claim units: the statements of one article a claim can be built from. A unit is a sentence of
 * the clean text, or — when a quote inside a sentence holds several sentences — one of those
 * quoted propositions. Headline-like fragments and very short sentences are not units; each one
 * left out is reported as an info message.
 */
import type { Message, Span } from '../../../model/message.js';
import type { StoryArticle } from '../input.js';
import { findQuoted } from '../quotes/index.js';
import { RULES } from './rules.js';
import { segmentSentences } from '../../text/sentences.js';

/** One statement of one article. */
export interface Unit {
  readonly articleIndex: number;
  readonly article: StoryArticle;
  /** Offsets into the article's clean text. */
  readonly span: Span;
  readonly text: string;
  /** True when most of the unit lies between quotation marks. */
  readonly quoted: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Running text ends with one of these, possibly followed by closing marks or brackets. */
const TERMINAL = /[.!?…:;,]["”’»)\]]*\s*$/u;

const CAPTIONS = RULES.captionPatterns.patterns.map((p) => new RegExp(p, 'iu'));

function flat(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function wordCount(text: string): number {
  return (text.match(WORD) ?? []).length;
}

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function insideShare(span: Span, quoted: readonly Span[]): number {
  let inside = 0;
  for (const q of quoted) {
    const lo = Math.max(span.start, q.start);
    const hi = Math.min(span.end, q.end);
    if (hi > lo) inside += hi - lo;
  }
  return inside / Math.max(1, span.end - span.start);
}

/** Cut points inside the sentence where a quote holding several sentences has a sentence boundary. */
function quoteCuts(text: string, sentence: Span, quoted: readonly Span[]): number[] {
  const cuts: number[] = [];
  for (const q of quoted) {
    const lo = Math.max(sentence.start, q.start);
    const hi = Math.min(sentence.end, q.end);
    if (hi <= lo) continue;
    // The quote's sentences as the text stage cuts them (titles, initials and acronyms such as
    // 'Sen.' and 'U.S.' do not end a sentence there): each one after the first starts a piece.
    const inner = segmentSentences(text, [{ start: lo, end: hi }]);
    for (const s of inner.slice(1)) cuts.push(s.start);
  }
  // Keep only cuts that leave pieces long enough on both sides.
  const min = RULES.quotePropositionMinWords.value;
  const kept: number[] = [];
  let from = sentence.start;
  for (const c of cuts.sort((a, b) => a - b)) {
    if (wordCount(text.slice(from, c)) >= min && wordCount(text.slice(c, sentence.end)) >= min) {
      kept.push(c);
      from = c;
    }
  }
  return kept;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * The units of one article, and a message for each sentence left out. `quoted` are the spans of
 * quote content in the article's text (from the quotes analysis); when not given, quotation
 * marks are found here.
 */
export function articleUnits(article: StoryArticle, articleIndex: number, quoted?: readonly Span[]): { units: Unit[]; messages: Message[] } {
  const text = article.text;
  const quotes = quoted ?? findQuoted(text, article.paragraphs).flatMap((q) => q.pieces);
  const title = flat(article.title ?? '');
  const units: Unit[] = [];
  const messages: Message[] = [];
  for (const sentence of article.sentences) {
    const whole = text.slice(sentence.start, sentence.end);
    const words = wordCount(whole);
    // Why a sentence is not compared across outlets, if it is not.
    const skip: readonly [ruleId: string, reason: string] | undefined =
      words < RULES.minWords.value
        ? ['claim-unit-too-short', `Not compared across outlets: a sentence of ${words} word(s) (under ${RULES.minWords.value}) carries no checkable claim.`]
        : CAPTIONS.some((c) => c.test(whole))
          ? ['claim-unit-caption', 'Not compared across outlets: a photo caption or credit, not a statement of the article.']
          : (words <= RULES.headlineMaxWords.value && !TERMINAL.test(whole)) || (title !== '' && flat(whole) === title)
            ? ['claim-unit-headline', 'Not compared across outlets: the headline repeated, or a line without closing punctuation (a headline, crosshead or label).']
            : undefined;
    if (skip) {
      messages.push({ stage: 'analyze', ruleId: skip[0], reason: skip[1], severity: 'info', span: sentence, layer: 'text', excerpt: excerpt(whole), data: { articleId: article.id } });
      continue;
    }
    const cuts = quoteCuts(text, sentence, quotes);
    const bounds = [sentence.start, ...cuts, sentence.end];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const span = trimSpan(text, bounds[i]!, bounds[i + 1]!);
      if (span.end <= span.start) continue;
      units.push({
        articleIndex,
        article,
        span,
        text: text.slice(span.start, span.end),
        quoted: insideShare(span, quotes) >= RULES.quotedShare.value,
      });
    }
    if (cuts.length > 0) {
      messages.push({
        stage: 'analyze',
        ruleId: 'claim-unit-quote-split',
        reason: `A quote in this sentence holds ${cuts.length + 1} sentences: each is compared across outlets as its own proposition.`,
        severity: 'info',
        span: sentence,
        layer: 'text',
        excerpt: excerpt(whole),
        data: { articleId: article.id },
      });
    }
  }
  return { units, messages };
}
