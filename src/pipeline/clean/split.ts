/**
 * Finding where a page that holds several unrelated articles should be cut.
 *
 * A later article announces itself with a headline-shaped line after the earlier article's body,
 * usually followed by its own caption/widget block. The cut is made only when the text on either
 * side also shares little vocabulary, so a crosshead inside one story never splits it.
 */
import { isBody, isHeadlineLike, isWidget, matchCaption, sameLineKey, topicVector, type Para } from './paragraphs.js';
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
  // Topic vectors of body paragraphs, computed once; other paragraphs have none.
  const vectors = paras.map((p) => (isBody(p.text, rules) ? topicVector([p.text], rules) : undefined));
  const bodiesBefore = [0];
  for (const v of vectors) bodiesBefore.push(bodiesBefore.at(-1)! + (v ? 1 : 0));
  const bodyCount = (from: number, to: number): number => bodiesBefore[to]! - bodiesBefore[from]!;

  // Running topic vectors of the current part before the candidate line and of everything after
  // it, with their dot product and squared norms kept up to date as the line moves down.
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  let dot = 0;
  let beforeNorm = 0;
  let afterNorm = 0;
  const move = (v: ReadonlyMap<string, number> | undefined, sign: 1 | -1, toBefore: boolean): void => {
    if (!v) return;
    for (const [w, n] of v) {
      const c = sign * n;
      const b = before.get(w) ?? 0;
      const a = after.get(w) ?? 0;
      if (toBefore) {
        dot += c * a;
        beforeNorm += 2 * b * c + c * c;
        before.set(w, b + c);
      } else {
        dot += c * b;
        afterNorm += 2 * a * c + c * c;
        after.set(w, a + c);
      }
    }
  };
  for (const v of vectors.slice(1)) move(v, 1, false);
  move(vectors[0], 1, true);

  let partStart = 0;
  for (let i = 1; i < paras.length; i++) {
    move(vectors[i], -1, false);
    const cut = evaluate(i);
    if (cut) {
      cuts.push(cut);
      partStart = i;
      before.clear();
      dot = 0;
      beforeNorm = 0;
    }
    move(vectors[i], 1, true);
  }
  return cuts;

  function evaluate(i: number): SplitPoint | undefined {
    const line = paras[i]!.text;
    if (!isHeadlineLike(line, rules, false)) return undefined;
    if (bodyCount(partStart, i) < rules.split.minBodyParagraphs) return undefined;
    if (bodyCount(i + 1, paras.length) < rules.split.minBodyParagraphs) return undefined;
    const key = sameLineKey(line);
    const block = paras
      .slice(i + 1, i + 1 + rules.split.blockWindow)
      .some((p) => matchCaption(p.text, rules) !== undefined || isWidget(p.text, rules) || sameLineKey(p.text) === key);
    const titleCase = isHeadlineLike(line, rules, true);
    if (!block && !titleCase) return undefined;
    const overlap = beforeNorm <= 0 || afterNorm <= 0 ? 0 : dot / Math.sqrt(beforeNorm * afterNorm);
    const cut = (block && overlap <= rules.split.maxOverlapWithBlock) || (titleCase && overlap <= rules.split.maxOverlapWithoutBlock);
    return cut ? { index: i, overlap, block } : undefined;
  }
}
