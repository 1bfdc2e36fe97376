/**
 * Alignment: which units of different articles state the same claim, and the grouping of units
 * into claims.
 *
 * Candidate pairs come from an inverted index of content-word stems and numbers (never all pairs).
 * Each candidate gets a cheap idf-weighted overlap (rare words weigh more). Near-copies, and pairs
 * each carrying most of the other, are *equivalent* on overlap alone. When most of one sentence's
 * weighted words are in the other but not the reverse, the longer one *contains* the shorter's
 * claim (partial containment: it supports that claim and says more). The ambiguous middle goes to
 * the sentence-equivalence judge, best first, within a budget; past the budget a pair is decided
 * on overlap alone. Pairs whose negation differs are never linked (and reported).
 *
 * Grouping is greedy from the most supported unit (the one whose linked units span the most
 * families). A claim is that unit plus, from each other article, the linked unit with most words
 * in common with it: an equivalent or a part still free (then taken), or any sentence containing
 * its claim (which may support several claims, one per part of what it says). Every member links
 * directly to the claim's own unit, so a chain of weak matches cannot glue unrelated sentences;
 * a second rendering of the centre's statement (statements analysis) in an article already
 * represented joins too. A unit already supporting a
 * claim as a longer sentence forms no claim of its own when all it would gather comes from that
 * claim's families. Renderings of one statement (from the statements analysis) are linked.
 *
 * Then claims that state one fact under two centres merge when their members link on average
 * (see {@link merge}).
 */
import type { AnalysedSentence, ParaphraseJudge } from '../paraphrase/index.js';
import { analyseSentence } from '../paraphrase/index.js';
import { RULES } from './rules.js';
import type { Unit } from './units.js';
import TinyQueue from 'tinyqueue';

/** A unit with its tokens and weights, ready for comparison. */
export interface AnalysedUnit extends Unit {
  readonly index: number;
  readonly analysed: AnalysedSentence;
  /** Content stems and numbers (numbers prefixed `#`). */
  readonly tokens: ReadonlySet<string>;
  /** Sum of the idf weights of `tokens`. */
  readonly weight: number;
}

/**
 * How one member of a claim relates to the claim's own unit: says the same (`equivalent`), says
 * it and more (`contains`), or says a part of it (`part`).
 */
export type Relation = 'self' | 'equivalent' | 'contains' | 'part';

/** A claim before it gets its text: units with their relation and similarity to the claim's unit. */
export interface Group {
  readonly center: number;
  readonly members: readonly { readonly unit: number; readonly relation: Relation; readonly similarity: number }[];
}

/** A pair the alignment kept apart although the words matched, for a message. */
export interface Split {
  readonly a: number;
  readonly b: number;
  /** `negation`: one is negated; otherwise the judge's veto that fired (e.g. `number-swapped`). */
  readonly reason: string;
}

export interface Alignment {
  readonly units: readonly AnalysedUnit[];
  readonly groups: readonly Group[];
  readonly splits: readonly Split[];
  /** Similarity of two units (known link, else weighted overlap). */
  similarity(a: number, b: number): number;
  /** Number of pairs sent to the judge. */
  readonly judged: number;
  /** Units linked to `u` as equivalent, or as containing or contained (whichever way). */
  linked(u: number): readonly number[];
}

interface Link {
  readonly other: number;
  readonly similarity: number;
  /** Weighted overlap (Dice) of the two units: ranks rival members on one scale. */
  readonly overlap: number;
}

function pairKey(a: number, b: number): number {
  return a < b ? a * 1_000_003 + b : b * 1_000_003 + a;
}

/**
 * Align the units of a story's articles and group them into claims. `statements` are groups of
 * unit sets: each group is one statement (from the statements analysis), each set the units
 * inside one of its renderings; renderings of one statement state the same proposition.
 */
export function align(
  units: readonly Unit[],
  judge: ParaphraseJudge,
  maxJudgedPairs: number,
  statements: readonly (readonly (readonly number[])[])[] = [],
): Alignment {
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

  // Candidate pairs from the inverted index (tokens as integer ids, postings in unit order).
  const ids = new Map<string, number>();
  const unitTokens = analysed.map((u) => Int32Array.from(u.tokens, (t) => {
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    return id;
  }));
  const tokenWeight = new Float64Array(ids.size);
  for (const [t, id] of ids) tokenWeight[id] = idf.get(t)!;
  const postingLists: number[][] = Array.from({ length: ids.size }, () => []);
  unitTokens.forEach((toks, i) => {
    for (const t of toks) postingLists[t]!.push(i);
  });
  const postings = postingLists.map((p) => Int32Array.from(p));
  const cursor = new Int32Array(ids.size);
  const articleOf = Int32Array.from(analysed, (u) => u.articleIndex);
  const equivalent: Link[][] = analysed.map(() => []);
  const containers: Link[][] = analysed.map(() => []);
  const containedBy: Link[][] = analysed.map(() => []);
  const known = new Map<number, number>();
  const splits: Split[] = [];
  const ambiguous: { a: number; b: number; dice: number }[] = [];
  const link = (a: number, b: number, similarity: number, overlap: number): void => {
    equivalent[a]!.push({ other: b, similarity, overlap });
    equivalent[b]!.push({ other: a, similarity, overlap });
    known.set(pairKey(a, b), similarity);
  };
  const minShared = RULES.candidate.minSharedTokens.value;
  // Scratch accumulators (shared token count and weight per other unit), reset after each unit.
  const sharedCount = new Int32Array(analysed.length);
  const sharedWeightOf = new Float64Array(analysed.length);
  const touched: number[] = [];
  for (const a of analysed) {
    const art = articleOf[a.index]!;
    for (const t of unitTokens[a.index]!) {
      const w = tokenWeight[t]!;
      const list = postings[t]!;
      // Units come in order, so this unit is at the token's cursor; only later units follow.
      const from = ++cursor[t]!;
      for (let k = from; k < list.length; k++) {
        const b = list[k]!;
        if (articleOf[b] === art) continue;
        if (sharedCount[b] === 0) touched.push(b);
        sharedCount[b]! += 1;
        sharedWeightOf[b]! += w;
      }
    }
    for (const bi of touched) {
      const count = sharedCount[bi]!;
      const sharedWeight = sharedWeightOf[bi]!;
      sharedCount[bi] = 0;
      sharedWeightOf[bi] = 0;
      if (count < minShared) continue;
      const b = analysed[bi]!;
      const d = (2 * sharedWeight) / (a.weight + b.weight);
      const aInB = sharedWeight / Math.max(1e-9, a.weight);
      const bInA = sharedWeight / Math.max(1e-9, b.weight);
      const partial = RULES.link.partial.value;
      const minWords = RULES.link.partialMinContentWords.value;
      const aInside = aInB >= partial && a.tokens.size >= minWords;
      const bInside = bInA >= partial && b.tokens.size >= minWords;
      if (a.analysed.negated !== b.analysed.negated && (d >= RULES.link.copyDice.value || (aInside && bInside))) {
        // Nearly the same words, one side negated: opposite statements, kept apart.
        splits.push({ a: a.index, b: bi, reason: 'negation' });
        continue;
      }
      // A longer sentence carries a claim unless the claim is negated where the longer one is
      // not; a negation in the longer sentence may sit in what it says besides.
      const aPart = aInside && !(a.analysed.negated && !b.analysed.negated);
      const bPart = bInside && !(b.analysed.negated && !a.analysed.negated);
      if (d >= RULES.link.copyDice.value || (aPart && bPart)) {
        link(a.index, bi, d, d);
      } else if (aPart || bPart) {
        // One sentence carries (part of) the other's claim and says more besides.
        if (aPart) {
          containers[a.index]!.push({ other: bi, similarity: aInB, overlap: d });
          containedBy[bi]!.push({ other: a.index, similarity: aInB, overlap: d });
        }
        if (bPart) {
          containers[bi]!.push({ other: a.index, similarity: bInA, overlap: d });
          containedBy[a.index]!.push({ other: bi, similarity: bInA, overlap: d });
        }
        known.set(pairKey(a.index, bi), Math.max(aInB, bInA));
      } else if (d >= RULES.candidate.minDice.value) {
        ambiguous.push({ a: a.index, b: bi, dice: d });
      }
    }
    touched.length = 0;
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
      // A near-copy the judge vetoed for a swapped number states the same claim with another
      // figure: kept together so the conflict is reported with who gives which value. Any other
      // veto keeps the two apart, and the reader is told.
      const veto = Object.keys(score.features).find((f) => f.startsWith('veto:'));
      if (veto === 'veto:number-swapped') p = pair.dice;
      else if (veto !== undefined) splits.push({ a: pair.a, b: pair.b, reason: veto.slice('veto:'.length) });
      memo.set(key, p);
    }
    if (p === undefined) {
      if (pair.dice >= RULES.link.fallbackDice.value && a.analysed.negated === b.analysed.negated) link(pair.a, pair.b, pair.dice, pair.dice);
    } else if (p > 0) {
      link(pair.a, pair.b, p, pair.dice);
    }
  }

  // Renderings of one statement: within each pair of renderings, the units that are each
  // other's best match state the same proposition (a rendering may hold several sentences).
  const sameStatement = new Set<number>();
  for (const renderings of statements) {
    for (let i = 0; i < renderings.length; i++) {
      for (let j = i + 1; j < renderings.length; j++) {
        for (const [x, y] of mutualBest(renderings[i]!, renderings[j]!, (x, y) => dice(analysed[x]!, analysed[y]!))) {
          if (articleOf[x] === articleOf[y] || known.has(pairKey(x, y))) continue;
          const ux = analysed[x]!;
          const uy = analysed[y]!;
          if (ux.analysed.negated !== uy.analysed.negated) continue;
          const d = dice(ux, uy);
          if (d < RULES.statements.minDice.value) continue;
          link(x, y, Math.max(d, RULES.statements.similarity.value), d);
          sameStatement.add(pairKey(x, y));
        }
      }
    }
  }

  const grouped = group(analysed, equivalent, containers, containedBy, sameStatement);
  const linkSimilarity = (a: number, b: number): number => {
    for (const l of equivalent[a]!) if (l.other === b) return l.similarity;
    for (const l of containers[a]!) if (l.other === b) return l.similarity;
    for (const l of containedBy[a]!) if (l.other === b) return l.similarity;
    return 0;
  };
  const groups = merge(analysed, grouped, (u) => [...equivalent[u]!, ...containers[u]!, ...containedBy[u]!].map((l) => l.other), linkSimilarity);
  return {
    units: analysed,
    groups,
    splits,
    judged,
    linked: (u) => {
      const out = new Set<number>();
      for (const l of equivalent[u]!) out.add(l.other);
      for (const l of containers[u]!) out.add(l.other);
      for (const l of containedBy[u]!) out.add(l.other);
      return [...out];
    },
    similarity: (a, b) => (a === b ? 1 : (known.get(pairKey(a, b)) ?? dice(analysed[a]!, analysed[b]!))),
  };
}

/** Greedy grouping from the most supported unit; see the module comment. */
function group(
  units: readonly AnalysedUnit[],
  equivalent: readonly Link[][],
  containers: readonly Link[][],
  containedBy: readonly Link[][],
  sameStatement: ReadonlySet<number>,
): Group[] {
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
    for (const l of containedBy[u]!) {
      if (assigned[l.other]) continue;
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
    // From each other article, the linked unit with most words in common with the centre: an
    // equivalent or a part still free, or any sentence containing the centre's claim.
    const best = new Map<number, { link: Link; relation: Relation }>();
    const consider = (links: readonly Link[], relation: Relation, free: boolean): void => {
      for (const l of links) {
        if (free && assigned[l.other]) continue;
        const art = units[l.other]!.articleIndex;
        if (art === center.articleIndex) continue;
        const cur = best.get(art);
        if (!cur || l.overlap > cur.link.overlap) best.set(art, { link: l, relation });
      }
    };
    consider(equivalent[c]!, 'equivalent', true);
    consider(containedBy[c]!, 'part', true);
    consider(containers[c]!, 'contains', false);
    // A unit already supporting a claim as a longer sentence makes no claim of its own when
    // everything it would gather comes from families of a claim it already supports.
    const families = new Set([center.article.familyId, ...[...best.values()].map((b) => units[b.link.other]!.article.familyId)]);
    if ((inGroups.get(c) ?? []).some((g) => [...families].every((f) => groupFamilies[g]!.has(f)))) continue;
    const members: { unit: number; relation: Relation; similarity: number }[] = [{ unit: c, relation: 'self', similarity: 1 }];
    for (const { link, relation } of best.values()) {
      if (relation !== 'contains') assigned[link.other] = 1;
      members.push({ unit: link.other, relation, similarity: link.similarity });
    }
    // An article that renders the centre's statement twice (a lede and a later paragraph) gives
    // both, when the statements analysis aligned them.
    for (const l of equivalent[c]!) {
      if (assigned[l.other] || !sameStatement.has(pairKey(c, l.other))) continue;
      assigned[l.other] = 1;
      members.push({ unit: l.other, relation: 'equivalent', similarity: l.similarity });
    }
    for (const m of members) inGroups.set(m.unit, [...(inGroups.get(m.unit) ?? []), groups.length]);
    groupFamilies.push(families);
    members.sort((a, b) => a.unit - b.unit);
    groups.push({ center: c, members });
  }
  return groups;
}

/** Pairs (one from each list) that are each other's best match by `score`. */
function mutualBest(xs: readonly number[], ys: readonly number[], score: (x: number, y: number) => number): [number, number][] {
  const bestOf = (u: number, pool: readonly number[], s: (v: number) => number): number | undefined => {
    let best: number | undefined;
    let bestScore = -1;
    for (const v of pool) {
      const sc = s(v);
      if (sc > bestScore) {
        best = v;
        bestScore = sc;
      }
    }
    return best;
  };
  const out: [number, number][] = [];
  for (const x of xs) {
    const y = bestOf(x, ys, (v) => score(x, v));
    if (y !== undefined && bestOf(y, xs, (v) => score(v, y)) === x) out.push([x, y]);
  }
  return out;
}

/**
 * Merge claims that state one fact under two centres: two groups merge when their centres are
 * linked at `merge.minCentre` or more and the links between their members (units of different
 * families), averaged over all such pairs with an unlinked pair counting 0, reach
 * `merge.minAverage`. Best pair first, repeated until none qualifies; a single strong link
 * between large groups averages low, so no chain of weak links merges.
 */
function merge(
  units: readonly AnalysedUnit[],
  groups: readonly Group[],
  linked: (u: number) => readonly number[],
  similarity: (a: number, b: number) => number,
): Group[] {
  const live: (Group | undefined)[] = [...groups];
  /** Bumped when a group changes: a queued pair scored before that is stale. */
  const version: number[] = groups.map(() => 0);
  const owner = new Map<number, Set<number>>();
  const own = (g: Group, i: number): void => {
    for (const m of g.members) {
      let s = owner.get(m.unit);
      if (!s) owner.set(m.unit, (s = new Set()));
      s.add(i);
    }
  };
  live.forEach((g, i) => own(g!, i));
  const families = (g: Group): number => new Set(g.members.map((m) => units[m.unit]!.article.familyId)).size;
  const average = (g: Group, h: Group): number => {
    let sum = 0;
    let pairs = 0;
    const hs = [...new Set(h.members.map((m) => m.unit))];
    for (const u of new Set(g.members.map((m) => m.unit))) {
      for (const v of hs) {
        if (u === v || units[u]!.article.familyId === units[v]!.article.familyId) continue;
        pairs++;
        sum += similarity(u, v);
      }
    }
    return pairs === 0 ? 0 : sum / pairs;
  };
  const min = RULES.merge.minAverage.value;
  const minCentre = RULES.merge.minCentre.value;
  /**
   * Candidate merges, best first (ties to the smaller indices). Each pair is scored once and again
   * only when one of its groups changed (a stale entry is skipped when it surfaces), so merging costs
   * the new group's pairs rather than every pair again: a long article of near-repeated sentences
   * took minutes where it now takes a second.
   */
  const queue = new TinyQueue<Candidate>([], (a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  /** Queue the merges of group `i` with its linked neighbours (those above `i` only, when `above`). */
  const consider = (i: number, above: boolean): void => {
    const g = live[i]!;
    const neighbours = new Set<number>();
    for (const m of g.members) for (const v of linked(m.unit)) for (const j of owner.get(v) ?? []) if (j !== i && live[j] && (!above || j > i)) neighbours.add(j);
    for (const j of neighbours) {
      const [a, b] = i < j ? [i, j] : [j, i];
      const ga = live[a]!;
      const gb = live[b]!;
      if (similarity(ga.center, gb.center) < minCentre) continue;
      const score = average(ga, gb);
      if (score >= min) queue.push({ i: a, j: b, score, vi: version[a]!, vj: version[b]! });
    }
  };
  // Initially every pair once, from its smaller side.
  live.forEach((_, i) => consider(i, true));
  for (;;) {
    const best = queue.pop();
    if (best === undefined) break;
    if (!live[best.i] || !live[best.j] || version[best.i] !== best.vi || version[best.j] !== best.vj) continue;
    const g = live[best.i]!;
    const h = live[best.j]!;
    const [keep, drop] = families(g) >= families(h) ? [g, h] : [h, g];
    const members = new Map(keep.members.map((m) => [m.unit, m] as const));
    for (const m of drop.members) if (!members.has(m.unit)) members.set(m.unit, m.relation === 'self' ? { ...m, relation: 'equivalent' } : m);
    const merged: Group = { center: keep.center, members: [...members.values()].sort((a, b) => a.unit - b.unit) };
    live[best.i] = merged;
    live[best.j] = undefined;
    version[best.i]!++;
    own(merged, best.i);
    consider(best.i, false);
  }
  return live.filter((g): g is Group => g !== undefined);
}

/** A queued merge of groups `i` < `j`, scored when their versions were `vi` and `vj`. */
interface Candidate {
  readonly i: number;
  readonly j: number;
  readonly score: number;
  readonly vi: number;
  readonly vj: number;
}
