/**
 * Alignment: which units of different articles state the same claim, and the grouping of units
 * into claims.
 *
 * Candidate pairs come from an inverted index of content-word stems and numbers (never all pairs).
 * Each candidate gets a cheap idf-weighted overlap; near-copies are linked on overlap alone, a
 * shorter sentence whose content lies almost wholly inside a longer one is *contained* by it (the
 * longer carries the claim and says more), and the ambiguous middle goes to the sentence-
 * equivalence judge, best first, within a budget. Pairs whose negation differs are never linked.
 *
 * Grouping is greedy from the most supported unit (the one whose equivalent and containing units
 * span the most families): a claim is that unit plus, from each other article, its best
 * equivalent unit still free, plus the best containing unit of each other article. Every member
 * links directly to the claim's own unit, so a chain of weak matches cannot glue unrelated
 * sentences. A unit is the equivalent member of one claim only; a containing sentence may
 * support several claims (one for each part of what it says).
 */
import type { AnalysedSentence, ParaphraseJudge } from '../paraphrase/index.js';
import { analyseSentence } from '../paraphrase/index.js';
import { RULES } from './rules.js';
import type { Unit } from './units.js';

/** A unit with its tokens and weights, ready for comparison. */
export interface AnalysedUnit extends Unit {
  readonly index: number;
  readonly analysed: AnalysedSentence;
  /** Content stems and numbers (numbers prefixed `#`). */
  readonly tokens: ReadonlySet<string>;
  /** Sum of the idf weights of `tokens`. */
  readonly weight: number;
}

/** How one member of a claim relates to the claim's own unit. */
export type Relation = 'self' | 'equivalent' | 'contains';

/** A claim before it gets its text: units with their relation and similarity to the claim's unit. */
export interface Group {
  readonly center: number;
  readonly members: readonly { readonly unit: number; readonly relation: Relation; readonly similarity: number }[];
}

/** A pair the alignment kept apart although the words matched, for a message. */
export interface Split {
  readonly a: number;
  readonly b: number;
  readonly reason: 'negation';
}

export interface Alignment {
  readonly units: readonly AnalysedUnit[];
  readonly groups: readonly Group[];
  readonly splits: readonly Split[];
  /** Similarity of two units (known link, else weighted overlap). */
  similarity(a: number, b: number): number;
  /** Number of pairs sent to the judge. */
  readonly judged: number;
}

interface Link {
  readonly other: number;
  readonly similarity: number;
}

function pairKey(a: number, b: number): number {
  return a < b ? a * 1_000_003 + b : b * 1_000_003 + a;
}

/** Align the units of a story's articles and group them into claims. */
export function align(units: readonly Unit[], judge: ParaphraseJudge, maxJudgedPairs: number): Alignment {
  // Tokens and idf weights over articles.
  const analysedAll = units.map((u) => analyseSentence(u.text));
  const tokenSets = analysedAll.map((a) => new Set<string>([...a.content, ...[...a.numbers].map((n) => `#${n}`)]));
  const df = new Map<string, Set<number>>();
  units.forEach((u, i) => {
    for (const t of tokenSets[i]!) {
      let s = df.get(t);
      if (!s) df.set(t, (s = new Set()));
      s.add(u.articleIndex);
    }
  });
  const articleCount = new Set(units.map((u) => u.articleIndex)).size;
  const idf = new Map<string, number>();
  for (const [t, s] of df) idf.set(t, Math.log(1 + articleCount / s.size));
  const analysed: AnalysedUnit[] = units.map((u, i) => {
    let weight = 0;
    for (const t of tokenSets[i]!) weight += idf.get(t)!;
    return { ...u, index: i, analysed: analysedAll[i]!, tokens: tokenSets[i]!, weight };
  });

  const overlap = (a: AnalysedUnit, b: AnalysedUnit): number => {
    const [small, large] = a.tokens.size <= b.tokens.size ? [a, b] : [b, a];
    let shared = 0;
    for (const t of small.tokens) if (large.tokens.has(t)) shared += idf.get(t)!;
    return shared;
  };
  const dice = (a: AnalysedUnit, b: AnalysedUnit): number => (a.weight + b.weight === 0 ? 0 : (2 * overlap(a, b)) / (a.weight + b.weight));

  // Candidate pairs from the inverted index.
  const postings = new Map<string, number[]>();
  for (const u of analysed) {
    for (const t of u.tokens) {
      let p = postings.get(t);
      if (!p) postings.set(t, (p = []));
      p.push(u.index);
    }
  }
  const equivalent: Link[][] = analysed.map(() => []);
  const containers: Link[][] = analysed.map(() => []);
  const known = new Map<number, number>();
  const splits: Split[] = [];
  const ambiguous: { a: number; b: number; dice: number }[] = [];
  const link = (a: number, b: number, similarity: number): void => {
    equivalent[a]!.push({ other: b, similarity });
    equivalent[b]!.push({ other: a, similarity });
    known.set(pairKey(a, b), similarity);
  };
  const minShared = RULES.candidate.minSharedTokens.value;
  for (const a of analysed) {
    const shared = new Map<number, number>();
    for (const t of a.tokens) {
      for (const b of postings.get(t)!) {
        if (b <= a.index || analysed[b]!.articleIndex === a.articleIndex) continue;
        shared.set(b, (shared.get(b) ?? 0) + 1);
      }
    }
    for (const [bi, count] of shared) {
      if (count < minShared) continue;
      const b = analysed[bi]!;
      const sharedWeight = overlap(a, b);
      const d = (2 * sharedWeight) / (a.weight + b.weight);
      const aInB = sharedWeight / Math.max(1e-9, a.weight);
      const bInA = sharedWeight / Math.max(1e-9, b.weight);
      if (a.analysed.negated !== b.analysed.negated) {
        if (d >= RULES.link.fallbackDice.value) splits.push({ a: a.index, b: bi, reason: 'negation' });
        continue;
      }
      const partial = RULES.link.partial.value;
      const minWords = RULES.link.partialMinContentWords.value;
      const aPart = aInB >= partial && a.analysed.content.size >= minWords;
      const bPart = bInA >= partial && b.analysed.content.size >= minWords;
      if (d >= RULES.link.copyDice.value || (aPart && bPart)) {
        link(a.index, bi, d);
      } else if (aPart || bPart) {
        // One sentence carries (part of) the other's claim and says more besides.
        if (aPart) containers[a.index]!.push({ other: bi, similarity: aInB });
        if (bPart) containers[bi]!.push({ other: a.index, similarity: bInA });
        known.set(pairKey(a.index, bi), Math.max(aInB, bInA));
      } else if (d >= RULES.candidate.minDice.value) {
        ambiguous.push({ a: a.index, b: bi, dice: d });
      }
    }
  }

  // The ambiguous middle: the judge, best first, within the budget; the rest on overlap alone.
  ambiguous.sort((x, y) => y.dice - x.dice || x.a - y.a || x.b - y.b);
  const memo = new Map<string, number>();
  let judged = 0;
  for (const pair of ambiguous) {
    const a = analysed[pair.a]!;
    const b = analysed[pair.b]!;
    const key = a.analysed.flat < b.analysed.flat ? `${a.analysed.flat}\u0000${b.analysed.flat}` : `${b.analysed.flat}\u0000${a.analysed.flat}`;
    let p = memo.get(key);
    if (p === undefined && judged < maxJudgedPairs) {
      const score = judge.scoreAnalysed(a.analysed, b.analysed);
      judged++;
      p = score.equivalent ? score.probability : 0;
      memo.set(key, p);
    }
    if (p === undefined) {
      if (pair.dice >= RULES.link.fallbackDice.value) link(pair.a, pair.b, pair.dice);
    } else if (p > 0) {
      link(pair.a, pair.b, p);
    }
  }

  const groups = group(analysed, equivalent, containers);
  return {
    units: analysed,
    groups,
    splits,
    judged,
    similarity: (a, b) => (a === b ? 1 : (known.get(pairKey(a, b)) ?? dice(analysed[a]!, analysed[b]!))),
  };
}

/** Greedy grouping from the most supported unit; see the module comment. */
function group(units: readonly AnalysedUnit[], equivalent: readonly Link[][], containers: readonly Link[][]): Group[] {
  const assigned = new Uint8Array(units.length);
  const support = (u: number): [number, number] => {
    const families = new Set<string>([units[u]!.article.familyId]);
    let total = 0;
    for (const l of equivalent[u]!) {
      if (assigned[l.other]) continue;
      families.add(units[l.other]!.article.familyId);
      total += l.similarity;
    }
    for (const l of containers[u]!) {
      families.add(units[l.other]!.article.familyId);
      total += l.similarity;
    }
    return [families.size, total];
  };
  const better = (x: [number, number, number], y: [number, number, number]): boolean =>
    x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] < y[2];
  // Lazy max-heap on (families, total similarity, -index): scores only fall as units get assigned.
  const heap: [number, number, number][] = units.map((u) => [...support(u.index), u.index]);
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && better(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && better(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const pop = (): [number, number, number] | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  const push = (x: [number, number, number]): void => {
    heap.push(x);
    up(heap.length - 1);
  };

  const groups: Group[] = [];
  const inGroups = new Map<number, number[]>();
  const groupFamilies: Set<string>[] = [];
  for (;;) {
    const top = pop();
    if (!top) break;
    const c = top[2];
    if (assigned[c]) continue;
    const now = support(c);
    if (now[0] !== top[0] || now[1] !== top[1]) {
      push([...now, c]);
      continue;
    }
    assigned[c] = 1;
    const center = units[c]!;
    const bestPerArticle = new Map<number, Link>();
    for (const l of equivalent[c]!) {
      if (assigned[l.other]) continue;
      const art = units[l.other]!.articleIndex;
      const cur = bestPerArticle.get(art);
      if (!cur || l.similarity > cur.similarity) bestPerArticle.set(art, l);
    }
    const containerPerArticle = new Map<number, Link>();
    for (const l of containers[c]!) {
      const art = units[l.other]!.articleIndex;
      if (art === center.articleIndex || bestPerArticle.has(art)) continue;
      const cur = containerPerArticle.get(art);
      if (!cur || l.similarity > cur.similarity) containerPerArticle.set(art, l);
    }
    // A unit already supporting a claim as a longer sentence makes no claim of its own when
    // everything it would gather comes from families of a claim it already supports.
    const families = new Set([center.article.familyId, ...[...bestPerArticle.values(), ...containerPerArticle.values()].map((l) => units[l.other]!.article.familyId)]);
    if ((inGroups.get(c) ?? []).some((g) => [...families].every((f) => groupFamilies[g]!.has(f)))) continue;
    const members: { unit: number; relation: Relation; similarity: number }[] = [{ unit: c, relation: 'self', similarity: 1 }];
    for (const l of bestPerArticle.values()) {
      assigned[l.other] = 1;
      members.push({ unit: l.other, relation: 'equivalent', similarity: l.similarity });
    }
    for (const l of containerPerArticle.values()) members.push({ unit: l.other, relation: 'contains', similarity: l.similarity });
    for (const m of members) inGroups.set(m.unit, [...(inGroups.get(m.unit) ?? []), groups.length]);
    groupFamilies.push(families);
    members.sort((a, b) => a.unit - b.unit);
    groups.push({ center: c, members });
  }
  return groups;
}
