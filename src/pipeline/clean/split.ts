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
  // Topic vectors of body paragraphs, computed once; non-body paragraphs count as empty.
  const vectors = paras.map((p) => (isBody(p.text, rules) ? topicVector([p.text], rules) : undefined));
  const bodyCount = (from: number, to: number): number => vectors.slice(from, to).filter((v) => v !== undefined).length;
  let partStart = 0;
  for (let i = 1; i < paras.length; i++) {
    const line = paras[i]!.text;
    if (!isHeadlineLike(line, rules, false)) continue;
    if (bodyCount(partStart, i) < rules.split.minBodyParagraphs) continue;
    if (bodyCount(i + 1, paras.length) < rules.split.minBodyParagraphs) continue;
    const key = sameLineKey(line);
    const block = paras
      .slice(i + 1, i + 1 + rules.split.blockWindow)
      .some((p) => matchCaption(p.text, rules) !== undefined || isWidget(p.text, rules) || sameLineKey(p.text) === key);
    const titleCase = isHeadlineLike(line, rules, true);
    if (!block && !titleCase) continue;
    const overlap = cosine(sum(vectors.slice(partStart, i)), sum(vectors.slice(i + 1)));
    const cut = (block && overlap <= rules.split.maxOverlapWithBlock) || (titleCase && overlap <= rules.split.maxOverlapWithoutBlock);
    if (!cut) continue;
    cuts.push({ index: i, overlap, block });
    partStart = i;
  }
  return cuts;
}

function sum(vectors: readonly (ReadonlyMap<string, number> | undefined)[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const v of vectors) if (v) for (const [w, n] of v) total.set(w, (total.get(w) ?? 0) + n);
  return total;
}
