/**
 * Finding where a page that holds several unrelated articles should be cut.
 *
 * A later article announces itself with a headline-shaped line after the earlier article's body,
 * usually followed by its own caption/widget block. The cut is made only when the text on either
 * side also shares little vocabulary, so a crosshead inside one story never splits it.
 */
import { cosine, isBody, isHeadlineLike, isWidget, matchCaption, sameLineKey, topicVector, type Para } from './paragraphs.js';
import type { CleanRules } from './rules.js';

/** One cut: the paragraph index where the next article starts, and the evidence. */
export interface SplitPoint {
  readonly index: number;
  /** Topic similarity (cosine) of the body text before and after the cut. */
  readonly overlap: number;
  /** Whether a caption, widget or repeated headline followed the headline line. */
  readonly block: boolean;
}

/** Paragraph indices where a new, unrelated article begins (empty when the page is one article). */
export function findSplitPoints(paras: readonly Para[], rules: CleanRules): SplitPoint[] {
  const cuts: SplitPoint[] = [];
  let partStart = 0;
  for (let i = 1; i < paras.length; i++) {
    const line = paras[i]!.text;
    if (!isHeadlineLike(line, rules, false)) continue;
    const before = paras.slice(partStart, i).map((p) => p.text).filter((t) => isBody(t, rules));
    if (before.length < rules.split.minBodyParagraphs) continue;
    const after = paras.slice(i + 1).map((p) => p.text).filter((t) => isBody(t, rules));
    if (after.length < rules.split.minBodyParagraphs) continue;
    const key = sameLineKey(line);
    const block = paras
      .slice(i + 1, i + 1 + rules.split.blockWindow)
      .some((p) => matchCaption(p.text, rules) !== undefined || isWidget(p.text, rules) || sameLineKey(p.text) === key);
    const overlap = cosine(topicVector(before, rules), topicVector(after, rules));
    const cut =
      (block && overlap <= rules.split.maxOverlapWithBlock) ||
      (isHeadlineLike(line, rules, true) && overlap <= rules.split.maxOverlapWithoutBlock);
    if (!cut) continue;
    cuts.push({ index: i, overlap, block });
    partStart = i;
  }
  return cuts;
}
