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
 *
 * Units with the same text (and quoting) in different articles — reposts, and the sentences
 * near-identical tellings share — are compared as one representative ({@link Rep}) carrying its
 * units: every pair of them would link as copies, and each of them links to another sentence
 * exactly as the others do. Candidates, the judge, statement links, grouping and merging work on
 * representatives and count their units, so a story of 2,000 near-identical articles costs its
 * distinct sentences' pairs, not its 24,000 units' squared, and gives the claims the unit-by-unit
 * comparison gave.
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
  /** Its representative (index into {@link Alignment.reps}). */
  readonly rep: number;
}

/**
 * Units with the same text and quoting, each in a different article (a second occurrence in one
 * article has a representative of its own), compared once for all of them.
 */
export interface Rep {
  readonly index: number;
  /** Its units, ascending. */
  readonly members: readonly number[];
  readonly analysed: AnalysedSentence;
  readonly tokens: ReadonlySet<string>;
  readonly weight: number;
  /** True when its units link to one another as copies (they hold enough tokens to be compared). */
  readonly twins: boolean;
}

/**
 * How one member of a claim relates to the claim's own unit: says the same (`equivalent`), says
 * it and more (`contains`), or says a part of it (`part`).
 */
export type Relation = 'self' | 'equivalent' | 'contains' | 'part';

/** A claim before it gets its text: units with their relation and similarity to the claim's unit. */
export interface Group {
  readonly center: number;
  /** `core`: linked to the centre by their shared core alone (no near-copy, containment or judge's yes). */
  readonly members: readonly { readonly unit: number; readonly relation: Relation; readonly similarity: number; readonly core?: boolean }[];
}

/** Two representatives the alignment kept apart although the words matched, for a message. */
export interface Split {
  readonly a: number;
  readonly b: number;
  /** `negation`: one is negated; otherwise the judge's veto that fired (e.g. `number-swapped`). */
  readonly reason: string;
  /** The first pair of units (in story order) it was found on. */
  readonly first: readonly [number, number];
  /** True when every pair of their units in different articles is kept apart and said (negation); else only `first` was judged. */
  readonly everyPair: boolean;
}

/** A statement whose renderings were too many to compare every pair (see `rules.json`, `statements.maxRenderings`). */
export interface CappedStatement {
  /** Its distinct renderings. */
  readonly renderings: number;
  /** How many of them each rendering was compared with. */
  readonly compared: number;
  /** A unit of its first rendering, to place the message. */
  readonly unit: number;
}

export interface Alignment {
  readonly units: readonly AnalysedUnit[];
  readonly reps: readonly Rep[];
  readonly groups: readonly Group[];
  readonly splits: readonly Split[];
  readonly capped: readonly CappedStatement[];
  /** Sentences linked to more other sentences than `link.maxLinks`, kept to their closest ones: how many, the most links one had, and a unit of it. */
  readonly linksCapped?: { readonly reps: number; readonly most: number; readonly unit: number };
  /** Words in more sentences than `candidate.maxPostings` (found no pairs of their own), and sentences whose candidates were cut to `candidate.maxCandidates`: a story too large to compare every sentence sharing common words. */
  readonly pairsCapped?: { readonly commonWords: readonly string[]; readonly commonCount: number; readonly cutReps: number; readonly unit: number };
  /** Similarity of two units (known link, else weighted overlap). */
  similarity(a: number, b: number): number;
  /** Similarity of the units of two representatives in different articles (known link, else weighted overlap). */
  repSimilarity(a: number, b: number): number;
  /** Number of pairs sent to the judge. */
  readonly judged: number;
  /** Other representatives linked to `rep` as equivalent, or as containing or contained (whichever way); its own units link to one another when it has `twins`. */
  linkedReps(rep: number): readonly number[];
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

/** What grouping and merging read of the representatives. */
interface Reps {
  readonly reps: readonly Rep[];
  readonly repOf: Int32Array;
  readonly articleOf: Int32Array;
  readonly familyOf: Int32Array;
  readonly familyCount: number;
  /** Per representative, its unit in each article. */
  readonly memberIn: readonly ReadonlyMap<number, number>[];
}

/** The representatives of `units`: one per text and quoting, a second occurrence in one article in another. */
function representatives(units: readonly Unit[]): { members: number[][]; repOf: Int32Array } {
  const repOf = new Int32Array(units.length);
  const members: number[][] = [];
  const articles: Set<number>[] = [];
  const byKey = new Map<string, number[]>();
  units.forEach((u, i) => {
    const key = `${u.quoted ? 1 : 0}${u.text}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    let r = list.find((x) => !articles[x]!.has(u.articleIndex));
    if (r === undefined) {
      r = members.length;
      members.push([]);
      articles.push(new Set());
      list.push(r);
    }
    members[r]!.push(i);
    articles[r]!.add(u.articleIndex);
    repOf[i] = r;
  });
  return { members, repOf };
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
  const { members, repOf } = representatives(units);
  const articleOf = Int32Array.from(units, (u) => u.articleIndex);
  const families = new Map<string, number>();
  const familyOf = Int32Array.from(units, (u) => {
    let f = families.get(u.article.familyId);
    if (f === undefined) families.set(u.article.familyId, (f = families.size));
    return f;
  });
  // Tokens and idf weights over articles.
  const analysedReps = members.map((m) => analyseSentence(units[m[0]!]!.text));
  const tokenSets = analysedReps.map((a) => new Set<string>([...a.content, ...[...a.numbers].map((n) => `#${n}`)]));
  const df = new Map<string, Set<number>>();
  members.forEach((m, r) => {
    for (const t of tokenSets[r]!) {
      let s = df.get(t);
      if (!s) df.set(t, (s = new Set()));
      for (const u of m) s.add(articleOf[u]!);
    }
  });
  const articleCount = new Set(articleOf).size;
  const idf = new Map<string, number>();
  for (const [t, s] of df) idf.set(t, Math.log(1 + articleCount / s.size));
  const minShared = RULES.candidate.minSharedTokens.value;
  const reps: Rep[] = members.map((m, r) => {
    let weight = 0;
    for (const t of tokenSets[r]!) weight += idf.get(t)!;
    return { index: r, members: m, analysed: analysedReps[r]!, tokens: tokenSets[r]!, weight, twins: m.length > 1 && tokenSets[r]!.size >= minShared };
  });
  const analysed: AnalysedUnit[] = units.map((u, i) => {
    const r = reps[repOf[i]!]!;
    return { ...u, index: i, analysed: r.analysed, tokens: r.tokens, weight: r.weight, rep: r.index };
  });

  const overlap = (a: Rep, b: Rep): number => {
    const [small, large] = a.tokens.size <= b.tokens.size ? [a, b] : [b, a];
    let shared = 0;
    for (const t of small.tokens) if (large.tokens.has(t)) shared += idf.get(t)!;
    return shared;
  };
  const dice = (a: Rep, b: Rep): number => (a.weight + b.weight === 0 ? 0 : (2 * overlap(a, b)) / (a.weight + b.weight));
  /** The article of a representative's only unit, or -1: two such in one article are never compared. */
  const single = Int32Array.from(reps, (r) => (r.members.length === 1 ? articleOf[r.members[0]!]! : -1));
  const apart = (a: number, b: number): boolean => single[a] !== -1 && single[a] === single[b];
  /** The first pair of units (in story order) of two representatives in different articles. */
  const firstPair = (a: number, b: number): [number, number] => {
    let best: [number, number] | undefined;
    for (const x of reps[a]!.members.slice(0, 2)) {
      for (const y of reps[b]!.members.slice(0, 2)) {
        if (articleOf[x] === articleOf[y]) continue;
        const p: [number, number] = x < y ? [x, y] : [y, x];
        if (!best || p[0] < best[0] || (p[0] === best[0] && p[1] < best[1])) best = p;
      }
    }
    return best!;
  };

  // Candidate pairs from the inverted index (tokens as integer ids, postings in representative order).
  const ids = new Map<string, number>();
  const repTokens = reps.map((r) => Int32Array.from(r.tokens, (t) => {
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    return id;
  }));
  const tokenWeight = new Float64Array(ids.size);
  for (const [t, id] of ids) tokenWeight[id] = idf.get(t)!;
  // Rarity within the story by sentence (a name in every other sentence weighs little, a figure
  // told once per outlet much): the weights of a proposition's core.
  const unitDf = new Float64Array(ids.size);
  repTokens.forEach((toks, r) => {
    for (const t of toks) unitDf[t]! += reps[r]!.members.length;
  });
  const coreWeight = Float64Array.from(unitDf, (n) => Math.log(Math.max(1, units.length) / Math.max(1, n)));
  const coreTotal = Float64Array.from(repTokens, (toks) => toks.reduce((sum, t) => sum + coreWeight[t]!, 0));
  /** Candidate core pairs (each other's best match between their articles is checked after). */
  const core: { a: number; b: number; dice: number }[] = [];
  const coreMin = RULES.core.minDice.value;
  /** Per representative, its closest core match in each other article (by the article of the match's first unit). */
  const bucket = (r: number): number => articleOf[reps[r]!.members[0]!]!;
  const bestIn: Map<number, { other: number; dice: number }>[] = reps.map(() => new Map());
  const consider = (r: number, other: number, d: number): void => {
    const hit = bestIn[r]!.get(bucket(other));
    if (!hit || d > hit.dice || (d === hit.dice && other < hit.other)) bestIn[r]!.set(bucket(other), { other, dice: d });
  };
  const postingLists: number[][] = Array.from({ length: ids.size }, () => []);
  repTokens.forEach((toks, i) => {
    for (const t of toks) postingLists[t]!.push(i);
  });
  const postings = postingLists.map((p) => Int32Array.from(p));
  const cursor = new Int32Array(ids.size);
  const equivalent: Link[][] = reps.map(() => []);
  const containers: Link[][] = reps.map(() => []);
  const containedBy: Link[][] = reps.map(() => []);
  const known = new Map<number, number>();
  const splits: Split[] = [];
  const ambiguous: { a: number; b: number; dice: number; first: [number, number] }[] = [];
  // A sentence worded a little differently by each of thousands of outlets links to every other
  // wording: each keeps its `link.maxLinks` closest (most words in common; ties to equivalents,
  // then to the earlier link), so grouping and merging cost outlets x cap, not outlets squared;
  // the report says when this applies. Lists are cut as they grow past twice the cap (what is cut
  // could never come back into the closest) and once more at the end.
  const maxLinks = RULES.link.maxLinks.value;
  const linkCount = new Int32Array(reps.length);
  const prune = (r: number): void => {
    const lists = [equivalent[r]!, containers[r]!, containedBy[r]!];
    const floor = lists
      .flat()
      .map((l) => l.overlap)
      .sort((a, b) => b - a)[maxLinks - 1]!;
    let room = maxLinks - lists.flat().filter((l) => l.overlap > floor).length;
    for (const list of lists) {
      const kept = list.filter((l) => l.overlap > floor || (l.overlap === floor && room-- > 0));
      list.length = 0;
      list.push(...kept);
    }
  };
  const added = (r: number): void => {
    linkCount[r]!++;
    if (equivalent[r]!.length + containers[r]!.length + containedBy[r]!.length > 2 * maxLinks) prune(r);
  };
  const link = (a: number, b: number, similarity: number, overlap: number): void => {
    equivalent[a]!.push({ other: b, similarity, overlap });
    equivalent[b]!.push({ other: a, similarity, overlap });
    known.set(pairKey(a, b), similarity);
    added(a);
    added(b);
  };
  // Scratch accumulators (shared token count and weight per other representative), reset after each one.
  const sharedCount = new Int32Array(reps.length);
  const sharedWeightOf = new Float64Array(reps.length);
  const sharedCoreOf = new Float64Array(reps.length);
  const touched: number[] = [];
  // A story of thousands of articles on one subject has words in most of its sentences: pairs
  // found through them alone would be its sentences squared. Such words find no pairs (they
  // still count in the overlap of pairs found through rarer ones), and each sentence keeps its
  // `candidate.maxCandidates` candidates with most rare weight in common. Never in a story of
  // ordinary size (see rules.json); the report says when it applies.
  const maxPostings = RULES.candidate.maxPostings.value;
  const maxCandidates = RULES.candidate.maxCandidates.value;
  const common = new Uint8Array(ids.size);
  let commonCount = 0;
  postings.forEach((p, t) => {
    if (p.length > maxPostings) {
      common[t] = 1;
      commonCount++;
    }
  });
  const repTokenSets = commonCount > 0 ? repTokens.map((toks) => new Set(toks)) : [];
  let cutReps = 0;
  let cutUnit = -1;
  for (const a of reps) {
    const frequent: number[] = [];
    for (const t of repTokens[a.index]!) {
      if (common[t]) {
        frequent.push(t);
        continue;
      }
      const w = tokenWeight[t]!;
      const list = postings[t]!;
      // Representatives come in order, so this one is at the token's cursor; only later ones follow.
      const from = ++cursor[t]!;
      for (let k = from; k < list.length; k++) {
        const b = list[k]!;
        if (apart(a.index, b)) continue;
        if (sharedCount[b] === 0) touched.push(b);
        sharedCount[b]! += 1;
        sharedWeightOf[b]! += w;
        sharedCoreOf[b]! += coreWeight[t]!;
      }
    }
    if (touched.length > maxCandidates) {
      touched.sort((x, y) => sharedWeightOf[y]! - sharedWeightOf[x]! || x - y);
      for (const b of touched.splice(maxCandidates)) {
        sharedCount[b] = 0;
        sharedWeightOf[b] = 0;
        sharedCoreOf[b] = 0;
      }
      if (cutReps++ === 0) cutUnit = a.members[0]!;
    }
    // The common words the candidates share with this one count in their overlap.
    for (const t of frequent) {
      for (const b of touched) {
        if (!repTokenSets[b]!.has(t)) continue;
        sharedCount[b]! += 1;
        sharedWeightOf[b]! += tokenWeight[t]!;
        sharedCoreOf[b]! += coreWeight[t]!;
      }
    }
    for (const bi of touched) {
      const count = sharedCount[bi]!;
      const sharedWeight = sharedWeightOf[bi]!;
      const sharedCore = sharedCoreOf[bi]!;
      sharedCount[bi] = 0;
      sharedWeightOf[bi] = 0;
      sharedCoreOf[bi] = 0;
      if (count < minShared) continue;
      const coreDice = (2 * sharedCore) / Math.max(1e-9, coreTotal[a.index]! + coreTotal[bi]!);
      const isCore = coreDice >= coreMin && sharedCore >= RULES.core.minWeight.value && count >= RULES.core.minSharedTokens.value && a.analysed.negated === reps[bi]!.analysed.negated;
      if (isCore) {
        consider(a.index, bi, coreDice);
        consider(bi, a.index, coreDice);
      }
      const b = reps[bi]!;
      const d = (2 * sharedWeight) / (a.weight + b.weight);
      const aInB = sharedWeight / Math.max(1e-9, a.weight);
      const bInA = sharedWeight / Math.max(1e-9, b.weight);
      const partial = RULES.link.partial.value;
      const minWords = RULES.link.partialMinContentWords.value;
      const aInside = aInB >= partial && a.tokens.size >= minWords;
      const bInside = bInA >= partial && b.tokens.size >= minWords;
      if (a.analysed.negated !== b.analysed.negated && (d >= RULES.link.copyDice.value || (aInside && bInside))) {
        // Nearly the same words, one side negated: opposite statements, kept apart.
        splits.push({ a: a.index, b: bi, reason: 'negation', first: firstPair(a.index, bi), everyPair: true });
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
        added(a.index);
        added(bi);
        known.set(pairKey(a.index, bi), Math.max(aInB, bInA));
      } else if (d >= RULES.candidate.minDice.value) {
        ambiguous.push({ a: a.index, b: bi, dice: d, first: firstPair(a.index, bi) });
      }
      if (isCore && !known.has(pairKey(a.index, bi))) core.push({ a: a.index, b: bi, dice: coreDice });
    }
    touched.length = 0;
  }

  // The ambiguous middle: the judge, best first (ties in story order of their first units), within the budget; the rest on overlap alone.
  ambiguous.sort((x, y) => y.dice - x.dice || x.first[0] - y.first[0] || x.first[1] - y.first[1]);
  const memo = new Map<string, number>();
  let judged = 0;
  for (const pair of ambiguous) {
    const a = reps[pair.a]!;
    const b = reps[pair.b]!;
    const key = a.analysed.flat < b.analysed.flat ? `${a.analysed.flat}\u0000${b.analysed.flat}` : `${b.analysed.flat}\u0000${a.analysed.flat}`;
    let p = memo.get(key);
    if (p === undefined && judged < maxJudgedPairs) {
      const score = judge.scoreAnalysed(analysed[pair.first[0]]!.rep === pair.a ? a.analysed : b.analysed, analysed[pair.first[0]]!.rep === pair.a ? b.analysed : a.analysed);
      judged++;
      p = score.equivalent ? score.probability : 0;
      // A near-copy the judge vetoed for a swapped number states the same claim with another
      // figure: kept together so the conflict is reported with who gives which value. Any other
      // veto keeps the two apart, and the reader is told.
      const veto = Object.keys(score.features).find((f) => f.startsWith('veto:'));
      if (veto === 'veto:number-swapped') p = pair.dice;
      else if (veto !== undefined) splits.push({ a: pair.a, b: pair.b, reason: veto.slice('veto:'.length), first: pair.first, everyPair: false });
      memo.set(key, p);
    }
    if (p === undefined) {
      if (pair.dice >= RULES.link.fallbackDice.value && a.analysed.negated === b.analysed.negated) link(pair.a, pair.b, pair.dice, pair.dice);
    } else if (p > 0) {
      link(pair.a, pair.b, p, pair.dice);
    }
  }

  // Shared core: two sentences of different articles that are each other's closest in the other's
  // article by the rare words they share (names, figures, rare content words, weighted by rarity
  // among the story's sentences) state one proposition, though each outlet words it its own way.
  const vetoed = new Set(splits.map((x) => pairKey(x.a, x.b)));
  const cores: Link[][] = reps.map(() => []);
  let coreJudged = 0;
  for (const c of core) {
    if (vetoed.has(pairKey(c.a, c.b)) || known.has(pairKey(c.a, c.b))) continue;
    const ab = bestIn[c.a]!.get(bucket(c.b))!;
    const ba = bestIn[c.b]!.get(bucket(c.a))!;
    const near = (x: { dice: number }): boolean => c.dice >= RULES.core.nearBest.value * x.dice;
    if (!near(ab) || !near(ba)) continue;
    // The judge must not rule it out: a shared core between two sentences it finds unrelated is
    // often one outlet's background meeting another's news. Within its own budget only.
    if (coreJudged >= RULES.core.maxJudgedPairs.value) continue;
    coreJudged++;
    judged++;
    if (judge.scoreAnalysed(reps[c.a]!.analysed, reps[c.b]!.analysed).probability < RULES.core.minProbability.value) continue;
    const similarity = Math.max(c.dice, RULES.core.similarity.value);
    const overlap = dice(reps[c.a]!, reps[c.b]!);
    cores[c.a]!.push({ other: c.b, similarity, overlap });
    cores[c.b]!.push({ other: c.a, similarity, overlap });
    known.set(pairKey(c.a, c.b), similarity);
  }

  // Renderings of one statement: within each pair of renderings, the units that are each
  // other's best match state the same proposition (a rendering may hold several sentences).
  // Renderings with the same sentences are compared once; past `statements.maxRenderings`
  // distinct renderings, each is compared with the first ones only (and the report says so).
  const sameStatement = new Set<number>();
  const capped: CappedStatement[] = [];
  const maxRenderings = RULES.statements.maxRenderings.value;
  for (const renderings of statements) {
    const distinct: number[][] = [];
    const seen = new Set<string>();
    for (const r of renderings) {
      const rs = r.map((u) => repOf[u]!);
      const key = rs.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      distinct.push(rs);
    }
    if (distinct.length > maxRenderings) capped.push({ renderings: distinct.length, compared: maxRenderings, unit: renderings[0]![0]! });
    for (let i = 0; i < Math.min(distinct.length, maxRenderings); i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        for (const [x, y] of mutualBest(distinct[i]!, distinct[j]!, (x, y) => dice(reps[x]!, reps[y]!))) {
          if (x === y || apart(x, y) || known.has(pairKey(x, y))) continue;
          const rx = reps[x]!;
          const ry = reps[y]!;
          if (rx.analysed.negated !== ry.analysed.negated) continue;
          const d = dice(rx, ry);
          if (d < RULES.statements.minDice.value) continue;
          link(x, y, Math.max(d, RULES.statements.similarity.value), d);
          sameStatement.add(pairKey(x, y));
        }
      }
    }
  }

  let cappedReps = 0;
  let most = 0;
  let cappedUnit = -1;
  for (const r of reps) {
    if (linkCount[r.index]! <= maxLinks) continue;
    cappedReps++;
    if (linkCount[r.index]! > most) {
      most = linkCount[r.index]!;
      cappedUnit = r.members[0]!;
    }
    prune(r.index);
  }
  const memberIn = reps.map((r) => new Map(r.members.map((u) => [articleOf[u]!, u] as const)));
  const view: Reps = { reps, repOf, articleOf, familyOf, familyCount: families.size, memberIn };
  const grouped = group(view, equivalent, containers, containedBy, sameStatement, cores);
  const linkSimilarity = new Map<number, number>();
  const repLinkSimilarity = (a: number, b: number): number => {
    if (a === b) return reps[a]!.twins ? 1 : 0;
    const key = pairKey(a, b);
    let s = linkSimilarity.get(key);
    if (s === undefined) {
      s = equivalent[a]!.find((l) => l.other === b)?.similarity ?? containers[a]!.find((l) => l.other === b)?.similarity ?? containedBy[a]!.find((l) => l.other === b)?.similarity ?? cores[a]!.find((l) => l.other === b)?.similarity ?? cores[b]!.find((l) => l.other === a)?.similarity ?? 0;
      linkSimilarity.set(key, s);
    }
    return s;
  };
  const linkedReps = (r: number): number[] => [...new Set([...equivalent[r]!, ...containers[r]!, ...containedBy[r]!, ...cores[r]!].map((l) => l.other))];
  const groups = merge(view, grouped, linkedReps, repLinkSimilarity);
  return {
    units: analysed,
    reps,
    groups,
    splits,
    capped,
    ...(cappedReps > 0 ? { linksCapped: { reps: cappedReps, most, unit: cappedUnit } } : {}),
    ...(commonCount > 0 || cutReps > 0
      ? {
          pairsCapped: {
            commonWords: [...ids].filter(([, id]) => common[id]).sort((x, y) => postings[y[1]]!.length - postings[x[1]]!.length).slice(0, 5).map(([t]) => t),
            commonCount,
            cutReps,
            unit: cutUnit >= 0 ? cutUnit : reps[0]!.members[0]!,
          },
        }
      : {}),
    judged,
    linkedReps,
    repSimilarity: (a, b) => (a === b ? dice(reps[a]!, reps[b]!) : (known.get(pairKey(a, b)) ?? dice(reps[a]!, reps[b]!))),
    similarity: (a, b) => {
      if (a === b) return 1;
      const ra = repOf[a]!;
      const rb = repOf[b]!;
      if (articleOf[a] === articleOf[b] || ra === rb) return dice(reps[ra]!, reps[rb]!);
      return known.get(pairKey(ra, rb)) ?? dice(reps[ra]!, reps[rb]!);
    },
  };
}

type Key = [families: number, total: number, unit: number];

/** Greedy grouping from the most supported unit; see the module comment. */
function group(view: Reps, equivalent: readonly Link[][], containers: readonly Link[][], containedBy: readonly Link[][], sameStatement: ReadonlySet<number>, cores: readonly Link[][]): Group[] {
  const { reps, articleOf, familyOf, memberIn } = view;
  const assigned = new Uint8Array(articleOf.length);
  const stamp = new Int32Array(view.familyCount);
  let stampId = 0;
  const better = (x: Key, y: Key): boolean => (x[0] !== y[0] ? x[0] > y[0] : x[1] !== y[1] ? x[1] > y[1] : x[2] < y[2]);
  /**
   * The most supported free unit of representative `r` and its support: the families its linked
   * units span (free equivalents and parts, any container) and their summed similarity. Every
   * unit of `r` links to the same units but those in its own article.
   */
  const support = (r: number): Key | undefined => {
    const rep = reps[r]!;
    const free = rep.members.filter((m) => !assigned[m]);
    if (free.length === 0) return undefined;
    stampId++;
    let count = 0;
    const mark = (f: number): void => {
      if (stamp[f] !== stampId) {
        stamp[f] = stampId;
        count++;
      }
    };
    let base = 0;
    if (rep.twins) {
      for (const m of free) mark(familyOf[m]!);
      base += free.length - 1;
    }
    const parts: { readonly other: number; readonly similarity: number; readonly freeOnly: boolean }[] = [];
    const add = (links: readonly Link[], freeOnly: boolean): void => {
      for (const l of links) {
        let n = 0;
        for (const m of reps[l.other]!.members) {
          if (freeOnly && assigned[m]) continue;
          n++;
          mark(familyOf[m]!);
        }
        if (n === 0) continue;
        base += n * l.similarity;
        parts.push({ other: l.other, similarity: l.similarity, freeOnly });
      }
    };
    add(equivalent[r]!, true);
    add(containers[r]!, false);
    add(containedBy[r]!, true);
    add(cores[r]!, true);
    let best: Key | undefined;
    for (const u of free) {
      let total = base;
      for (const p of parts) {
        const m = memberIn[p.other]!.get(articleOf[u]!);
        if (m !== undefined && (!p.freeOnly || !assigned[m])) total -= p.similarity;
      }
      const key: Key = [count + (stamp[familyOf[u]!] === stampId ? 0 : 1), total, u];
      if (!best || better(key, best)) best = key;
    }
    return best;
  };
  // Lazy max-heap of representatives on their best unit's (families, total similarity, -index): scores only fall as units get assigned.
  const heap = new TinyQueue<{ rep: number; key: Key }>([], (a, b) => (better(a.key, b.key) ? -1 : better(b.key, a.key) ? 1 : 0));
  for (const r of reps) {
    const key = support(r.index);
    if (key) heap.push({ rep: r.index, key });
  }

  const groups: Group[] = [];
  const inGroups = new Map<number, number[]>();
  const groupFamilies: Set<number>[] = [];
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    const r = top.rep;
    const now = support(r);
    if (!now) continue;
    if (now[0] !== top.key[0] || now[1] !== top.key[1] || now[2] !== top.key[2]) {
      heap.push({ rep: r, key: now });
      continue;
    }
    const c = now[2];
    assigned[c] = 1;
    formGroup(c);
    const next = support(r);
    if (next) heap.push({ rep: r, key: next });
  }
  return groups;

  function formGroup(c: number): void {
    const r = view.repOf[c]!;
    const home = articleOf[c]!;
    // From each other article, the linked unit with most words in common with the centre: an
    // equivalent or a part still free, or any sentence containing the centre's claim.
    const candidates: { readonly other: number; readonly link: Link; readonly relation: Relation; readonly free: boolean; readonly core?: boolean }[] = [];
    if (reps[r]!.twins) candidates.push({ other: r, link: { other: r, similarity: 1, overlap: 1 }, relation: 'equivalent', free: true });
    for (const l of equivalent[r]!) candidates.push({ other: l.other, link: l, relation: 'equivalent', free: true });
    for (const l of containedBy[r]!) candidates.push({ other: l.other, link: l, relation: 'part', free: true });
    for (const l of containers[r]!) candidates.push({ other: l.other, link: l, relation: 'contains', free: false });
    for (const l of cores[r]!) candidates.push({ other: l.other, link: l, relation: 'equivalent', free: true, core: true });
    candidates.sort((a, b) => b.link.overlap - a.link.overlap);
    const best = new Map<number, { unit: number; link: Link; relation: Relation; core: boolean }>();
    for (const cand of candidates) {
      for (const m of reps[cand.other]!.members) {
        const art = articleOf[m]!;
        if (art === home || best.has(art) || (cand.free && assigned[m])) continue;
        best.set(art, { unit: m, link: cand.link, relation: cand.relation, core: cand.core === true });
      }
    }
    // A unit already supporting a claim as a longer sentence makes no claim of its own when
    // everything it would gather comes from families of a claim it already supports.
    const families = new Set([familyOf[c]!, ...[...best.values()].map((b) => familyOf[b.unit]!)]);
    if ((inGroups.get(c) ?? []).some((g) => [...families].every((f) => groupFamilies[g]!.has(f)))) return;
    const members: { unit: number; relation: Relation; similarity: number; core?: boolean }[] = [{ unit: c, relation: 'self', similarity: 1 }];
    for (const { unit, link, relation, core } of best.values()) {
      if (relation !== 'contains') assigned[unit] = 1;
      members.push(core ? { unit, relation, similarity: link.similarity, core } : { unit, relation, similarity: link.similarity });
    }
    // An article that renders the centre's statement twice (a lede and a later paragraph) gives
    // both, when the statements analysis aligned them.
    for (const l of equivalent[r]!) {
      if (!sameStatement.has(pairKey(r, l.other))) continue;
      for (const m of reps[l.other]!.members) {
        if (assigned[m] || articleOf[m] === home) continue;
        assigned[m] = 1;
        members.push({ unit: m, relation: 'equivalent', similarity: l.similarity });
      }
    }
    for (const m of members) {
      let list = inGroups.get(m.unit);
      if (!list) inGroups.set(m.unit, (list = []));
      list.push(groups.length);
    }
    groupFamilies.push(families);
    members.sort((a, b) => a.unit - b.unit);
    groups.push({ center: c, members });
  }
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

/** A group's units by representative, each with its count per family. */
interface Profile {
  readonly rep: number;
  readonly count: number;
  readonly families: ReadonlyMap<number, number>;
}

/**
 * Merge claims that state one fact under two centres: two groups merge when their centres are
 * linked at `merge.minCentre` or more and the links between their members (units of different
 * families), averaged over all such pairs with an unlinked pair counting 0, reach
 * `merge.minAverage`. Best pair first, repeated until none qualifies; a single strong link
 * between large groups averages low, so no chain of weak links merges. Pairs are counted by
 * representative: the units of one representative in one group link alike.
 */
function merge(view: Reps, groups: readonly Group[], linkedReps: (rep: number) => readonly number[], similarity: (a: number, b: number) => number): Group[] {
  const { reps, repOf, articleOf, familyOf } = view;
  const live: (Group | undefined)[] = [...groups];
  /** Bumped when a group changes: a queued pair scored before that is stale. */
  const version: number[] = groups.map(() => 0);
  const owner = new Map<number, Set<number>>();
  const profiles = new Map<number, { version: number; profile: Profile[] }>();
  const own = (g: Group, i: number): void => {
    for (const m of g.members) {
      const r = repOf[m.unit]!;
      let s = owner.get(r);
      if (!s) owner.set(r, (s = new Set()));
      s.add(i);
    }
  };
  live.forEach((g, i) => own(g!, i));
  const profileOf = (i: number): Profile[] => {
    const hit = profiles.get(i);
    if (hit && hit.version === version[i]) return hit.profile;
    const byRep = new Map<number, { count: number; families: Map<number, number> }>();
    for (const u of new Set(live[i]!.members.map((m) => m.unit))) {
      const r = repOf[u]!;
      let p = byRep.get(r);
      if (!p) byRep.set(r, (p = { count: 0, families: new Map() }));
      p.count++;
      p.families.set(familyOf[u]!, (p.families.get(familyOf[u]!) ?? 0) + 1);
    }
    const profile = [...byRep].map(([rep, p]) => ({ rep, ...p }));
    profiles.set(i, { version: version[i]!, profile });
    return profile;
  };
  const familyCount = (g: Group): number => new Set(g.members.map((m) => familyOf[m.unit]!)).size;
  const average = (i: number, j: number): number => {
    let sum = 0;
    let pairs = 0;
    const pj = profileOf(j);
    for (const a of profileOf(i)) {
      for (const b of pj) {
        const [small, large] = a.families.size <= b.families.size ? [a.families, b.families] : [b.families, a.families];
        let same = 0;
        for (const [f, n] of small) same += n * (large.get(f) ?? 0);
        const cross = a.count * b.count - same;
        if (cross === 0) continue;
        pairs += cross;
        sum += cross * similarity(a.rep, b.rep);
      }
    }
    return pairs === 0 ? 0 : sum / pairs;
  };
  /** Link similarity of two centre units (none within one article). */
  const centres = (u: number, v: number): number => (articleOf[u] === articleOf[v] ? 0 : similarity(repOf[u]!, repOf[v]!));
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
    const neighbours = new Set<number>();
    for (const p of profileOf(i)) {
      const linked = reps[p.rep]!.twins ? [p.rep, ...linkedReps(p.rep)] : linkedReps(p.rep);
      for (const v of linked) for (const j of owner.get(v) ?? []) if (j !== i && live[j] && (!above || j > i)) neighbours.add(j);
    }
    for (const j of neighbours) {
      const [a, b] = i < j ? [i, j] : [j, i];
      if (centres(live[a]!.center, live[b]!.center) < minCentre) continue;
      const score = average(a, b);
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
    const [keep, drop] = familyCount(g) >= familyCount(h) ? [g, h] : [h, g];
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
