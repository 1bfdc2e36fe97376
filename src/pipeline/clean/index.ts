/**
 * Clean stage: extracted text in, clean articles out.
 *
 * Removes the furniture that main-text extraction leaves behind (photo captions and their repeats,
 * button and counter residue, "Read more" link lists, credit lines, datelines, fused site labels,
 * repeated headlines), keeping what it says as credits, title and date, and splits a page that
 * carries several unrelated articles. Every removal and split is an `info` message whose span
 * points into the extracted text. Rules and thresholds live in `rules.json`.
 */
import type { CleanArticle, ExtractedArticle } from '../../model/article.js';
import { advance, isFailed, type Envelope } from '../../model/envelope.js';
import type { Message, Span } from '../../model/message.js';
import { createError } from '../../errors.js';
import type { Para } from './paragraphs.js';
import { cleanPart, type PartResult } from './part.js';
import { compileRules, DEFAULT_RULES, type RuleAdditions } from './rules.js';
import { findSplitPoints } from './split.js';

export interface CleanOptions {
  /** Extra widget labels and agency names, added to those of `rules.json`. */
  readonly add?: RuleAdditions;
  /** Split pages that carry several unrelated articles (default true). */
  readonly split?: boolean;
}

/** One extracted page in, its clean article(s) out: usually one, two or more when a page glues unrelated articles. */
export type Clean = (env: Envelope<ExtractedArticle>) => Envelope<CleanArticle>[];

/**
 * Create the clean stage.
 *
 * Each returned envelope carries the input's messages followed by the clean messages for that
 * part. A page left with no text gets one envelope with an `error` message (`no-article-text`);
 * an input that already failed passes through unchanged (as part 0, without cleaning).
 */
export function createClean(options: CleanOptions = {}): Clean {
  const rules = options.add ? compileRules(undefined, options.add) : DEFAULT_RULES;
  const split = options.split ?? true;
  return (env) => {
    const src = env.value;
    const paras: Para[] = src.paragraphs.map((p) => ({ start: p.start, end: p.end, text: src.text.slice(p.start, p.end) }));
    if (isFailed(env)) return [advance(env, build(src, 0, { kept: paras, credits: [], messages: [] }))];

    const found = split ? findSplitPoints(paras, rules) : [];
    // A record that declares one article (its own title in a JSONL line or feed item) is kept
    // whole: on 8,263 real single-article records of multi-outlet, every cut found (13: list
    // items, an opinion piece's subheading, in-text "Read more" teasers) fell inside one article.
    const cuts = src.declaredOneArticle ? [] : found;
    const declined: Message[] = src.declaredOneArticle
      ? found.map((cut) => ({
          stage: 'clean',
          ruleId: 'split-declined',
          reason: `The text could start another article here (topic overlap ${cut.overlap.toFixed(2)}), but its record gives it one title, so it is kept as one article.`,
          severity: 'info',
          span: { start: paras[cut.index]!.start, end: paras[cut.index]!.end },
          layer: 'extracted',
          excerpt: paras[cut.index]!.text.slice(0, rules.excerptChars),
          data: { overlap: Number(cut.overlap.toFixed(3)), signal: cut.signal },
        }))
      : [];
    const bounds = [0, ...cuts.map((c) => c.index), paras.length];
    const out: Envelope<CleanArticle>[] = [];
    for (let part = 0; part + 1 < bounds.length; part++) {
      const result = cleanPart(src.text, paras.slice(bounds[part], bounds[part + 1]), rules, part === 0 ? src.title : undefined);
      const messages: Message[] = [...declined];
      // Every part of a split page says where the page was cut.
      for (const cut of cuts) {
        const at = paras[cut.index]!;
        const evidence =
          cut.signal === 'topic-shift'
            ? 'The text before and after this paragraph shares almost no vocabulary'
            : 'A second headline with its own caption block starts an unrelated article here';
        messages.push({
          stage: 'clean',
          ruleId: 'split-second-article',
          reason: `${evidence} (topic overlap ${cut.overlap.toFixed(2)}), so the page was split into ${bounds.length - 1} articles.`,
          severity: 'info',
          span: { start: at.start, end: at.end },
          layer: 'extracted',
          excerpt: at.text.slice(0, rules.excerptChars),
          data: { part, parts: bounds.length - 1, overlap: Number(cut.overlap.toFixed(3)), signal: cut.signal },
        });
      }
      messages.push(...result.messages);
      if (result.kept.length === 0) {
        messages.push({
          stage: 'clean',
          ruleId: 'no-article-text',
          reason: createError('CLEAN_NO_CONTENT', { input: src.url ?? src.documentId }).message,
          severity: 'error',
        });
      }
      out.push(advance(env, build(src, part, result), messages));
    }
    return out;
  };
}

/**
 * Assemble a CleanArticle from kept paragraphs. Page metadata that belongs to the page's first
 * article (title, byline, dates) is kept on part 0 only; later parts get what their own text says.
 */
function build(src: ExtractedArticle, part: number, result: PartResult): CleanArticle {
  const { kept, credits, headline, furnitureDate } = result;
  const paragraphs: Span[] = [];
  const sourceMap: { text: Span; extracted: Span }[] = [];
  let text = '';
  for (const p of kept) {
    if (text.length > 0) text += '\n\n';
    const span = { start: text.length, end: text.length + p.text.length };
    paragraphs.push(span);
    sourceMap.push({ text: span, extracted: { start: p.start, end: p.end } });
    text += p.text;
  }
  const first = part === 0;
  return {
    documentId: src.documentId,
    url: src.url,
    canonicalUrl: src.canonicalUrl,
    title: (first ? src.title : undefined) ?? headline,
    byline: (first ? src.byline : undefined) ?? result.byline,
    siteName: src.siteName,
    published: (first ? src.published : undefined) ?? furnitureDate,
    modified: first ? src.modified : undefined,
    declaredLanguage: src.declaredLanguage,
    text,
    paragraphs,
    part,
    extractedText: src.text,
    sourceMap,
    credits,
  };
}
