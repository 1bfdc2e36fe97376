/**
 * Finding where a page that holds several unrelated articles should be cut.
 *
 * A later article announces itself with a headline-shaped line after the earlier article's body,
 * followed by its own caption block (or its own repetition). The cut is made only when the text on
 * either side also shares little vocabulary, so a captioned crosshead inside one story never splits it. When the
 * headline is gone (an extractor dropped it), a page is still cut where its vocabulary changes
 * almost completely between two long runs of body text.
 */
import { isBody, isHeadlineLike, matchCaption, sameLineKey, TopicVocabulary, type Para } from './paragraphs.js';
import type { CleanRules } from './rules.js';

/** One cut: the paragraph index where the next article starts, and the evidence. */
export interface SplitPoint {
  readonly index: number;
  /** Topic similarity (cosine) of the body text before and after the cut. */
  readonly overlap: number;
  /** What announced the cut: a headline line with its own caption block, or only the change of topic. */
  readonly signal: 'headline-block' | 'topic-shift';
}

/** A paragraph's topic words: (vocabulary id, count) pairs ({@link TopicVocabulary}). */
type Vector = Int32Array;

/**
 * Topic vectors of the text before and after a moving cut, with their cosine kept up to date as
 * paragraphs move from after to before: linear in the page, not quadratic. Counts are integers,
 * so the sums are exact whatever the order they are added in.
 */
function overlapTracker(vectors: readonly (Vector | undefined)[], size: number) {
  const before = new Float64Array(size);
  const after = new Float64Array(size);
  // Ids counted before the cut since the last reset (to clear them alone).
  const touched: number[] = [];
  let dot = 0;
  let beforeNorm = 0;
  let afterNorm = 0;
  const add = (v: Vector | undefined, sign: 1 | -1, toBefore: boolean): void => {
    if (!v) return;
    for (let k = 0; k < v.length; k += 2) {
      const w = v[k]!;
      const c = sign * v[k + 1]!;
      const b = before[w]!;
      const a = after[w]!;
      if (toBefore) {
        dot += c * a;
        beforeNorm += 2 * b * c + c * c;
        if (b === 0) touched.push(w);
        before[w] = b + c;
      } else {
        dot += c * b;
        afterNorm += 2 * a * c + c * c;
        after[w] = a + c;
      }
    }
  };
  for (const v of vectors) add(v, 1, false);
  return {
    /** Take paragraph `i` out of the text after the cut. */
    leaveAfter: (i: number): void => add(vectors[i], -1, false),
    /** Count paragraph `i` in the text before the cut. */
    joinBefore: (i: number): void => add(vectors[i], 1, true),
    /** Start a new part: nothing before the cut any more. */
    resetBefore: (): void => {
      for (const w of touched) before[w] = 0;
      touched.length = 0;
      dot = 0;
      beforeNorm = 0;
    },
    overlap: (): number => (beforeNorm <= 0 || afterNorm <= 0 ? 0 : dot / Math.sqrt(beforeNorm * afterNorm)),
  };
}

/** The paragraphs' topic vectors (undefined for those that are not body text) and their vocabulary's size. */
interface Topics {
  readonly vectors: readonly (Vector | undefined)[];
  readonly size: number;
}

/**
 * Paragraph indices where a new, unrelated article begins (empty when the page is one article).
 * Topic vectors are read only when a cut is possible: a page with a headline-shaped line that
 * passes every other test of a headline cut, or with enough body text on both sides for a topic
 * shift; most pages have neither.
 */
export function findSplitPoints(paras: readonly Para[], rules: CleanRules): SplitPoint[] {
  const body = paras.map((p) => isBody(p.text, rules));
  const bodiesBefore = [0];
  for (const b of body) bodiesBefore.push(bodiesBefore.at(-1)! + (b ? 1 : 0));
  const bodyCount = (from: number, to: number): number => bodiesBefore[to]! - bodiesBefore[from]!;
  let topics: Topics | undefined;
  const topicsOf = (): Topics => {
    if (topics === undefined) {
      const vocabulary = new TopicVocabulary(rules);
      const vectors = paras.map((p, i) => (body[i] ? vocabulary.vector(p.text) : undefined));
      topics = { vectors, size: vocabulary.size };
    }
    return topics;
  };
  const cuts = headlineCuts(paras, topicsOf, bodyCount, rules);
  if (cuts.length > 0) return cuts;
  // Each side of a topic shift needs its own run of body paragraphs.
  if (bodyCount(0, paras.length) < 2 * rules.split.minShiftBodyParagraphs) return [];
  const shift = topicShiftCut(topicsOf(), bodyCount, rules);
  return shift ? [shift] : [];
}

function headlineCuts(paras: readonly Para[], topicsOf: () => Topics, bodyCount: (from: number, to: number) => number, rules: CleanRules): SplitPoint[] {
  let keyCounts: Map<string, number> | undefined;
  const countOf = (key: string): number => {
    if (keyCounts === undefined) {
      keyCounts = new Map<string, number>();
      for (const p of paras) {
        const k = sameLineKey(p.text);
        keyCounts.set(k, (keyCounts.get(k) ?? 0) + 1);
      }
    }
    return keyCounts.get(key) ?? 0;
  };
  // A line that could start a part of its own in a page not cut yet; a later part starts later,
  // with fewer body paragraphs before the line, so a page with no such line has no headline cut.
  const candidate = (i: number, partStart: number): boolean => {
    const line = paras[i]!.text;
    if (!isHeadlineLike(line, rules, false)) return false;
    if (bodyCount(partStart, i) < rules.split.minBodyParagraphs) return false;
    if (bodyCount(i + 1, paras.length) < rules.split.minBodyParagraphs) return false;
    const key = sameLineKey(line);
    // A line that recurs all over the page is a widget label, not a headline.
    if (countOf(key) > 2) return false;
    // The block: the new article's own caption or repeated headline, among its first lines.
    // A headline-shaped line alone is no signal: features, lists and roundups have subheadings.
    return paras.slice(i + 1, i + 1 + rules.split.blockWindow).some((p) => matchCaption(p.text, rules) !== undefined || sameLineKey(p.text) === key);
  };
  const candidates = new Set<number>();
  for (let i = 1; i < paras.length; i++) if (candidate(i, 0)) candidates.add(i);
  if (candidates.size === 0) return [];

  const { vectors, size } = topicsOf();
  const cuts: SplitPoint[] = [];
  const tracker = overlapTracker(vectors, size);
  let partStart = 0;
  for (let i = 0; i < paras.length; i++) {
    tracker.leaveAfter(i);
    const cut = i > 0 ? evaluate(i) : undefined;
    if (cut) {
      cuts.push(cut);
      partStart = i;
      tracker.resetBefore();
    }
    tracker.joinBefore(i);
  }
  return cuts;

  function evaluate(i: number): SplitPoint | undefined {
    if (!candidates.has(i) || !candidate(i, partStart)) return undefined;
    const overlap = tracker.overlap();
    return overlap <= rules.split.maxOverlapWithBlock ? { index: i, overlap, signal: 'headline-block' } : undefined;
  }
}

/** The one place where the vocabulary before and after changes most, if it changes almost completely. */
function topicShiftCut({ vectors, size }: Topics, bodyCount: (from: number, to: number) => number, rules: CleanRules): SplitPoint | undefined {
  const tracker = overlapTracker(vectors, size);
  let best: SplitPoint | undefined;
  for (let i = 0; i < vectors.length; i++) {
    tracker.leaveAfter(i);
    tracker.joinBefore(i);
    const next = i + 1;
    // Cut only in front of a body paragraph, with long runs of body text on both sides.
    if (!vectors[next]) continue;
    if (bodyCount(0, next) < rules.split.minShiftBodyParagraphs || bodyCount(next, vectors.length) < rules.split.minShiftBodyParagraphs) continue;
    const overlap = tracker.overlap();
    if (overlap <= rules.split.maxOverlapTopicShift && (!best || overlap < best.overlap)) best = { index: next, overlap, signal: 'topic-shift' };
  }
  return best;
}
