/**
 * Claims: the statements of a story aligned across its articles, with the independent sources
 * (families) that carry each, the numbers, dates and names on which the renderings disagree, and
 * per outlet what it leaves out that others carry and what it alone adds.
 *
 * `createClaims(options)` returns a pure function over a {@link StoryInput}. Units are the
 * articles' sentences (and the propositions of quotes holding several sentences); headline-like
 * fragments and very short sentences are left out with an info message. Units are aligned across
 * articles (see `align.ts`: inverted-index candidates, weighted overlap, partial containment and
 * the sentence-equivalence judge) and grouped into claims. Copies within one family count once:
 * `sourceCount` is the number of distinct families.
 */
import { createHash } from 'node:crypto';
import type { Claim, Conflict, OutletCoverage, Support } from '../../../model/claim.js';
import type { Envelope } from '../../../model/envelope.js';
import type { Message, Span } from '../../../model/message.js';
import { createError } from '../../../errors.js';
import type { StoryInput } from '../input.js';
import { createParaphraseJudge, type ParaphraseJudge } from '../paraphrase/index.js';
import { align, type Alignment, type AnalysedUnit, type Group } from './align.js';
import { attributedDisputes, figureDisagreements, findConflicts } from './conflicts.js';
import { RULES } from './rules.js';
import { alignFeatures, alignProbability } from './similarity.js';
import { articleUnits, type Unit } from './units.js';

export { RULES as CLAIM_RULES, type ClaimRules } from './rules.js';

export interface ClaimsOptions {
  /** Sentence-equivalence judge; defaults to the shipped model. Share one across stories. */
  readonly judge?: ParaphraseJudge;
  /** Most ambiguous pairs sent to the judge per story (default from `rules.json`). */
  readonly maxJudgedPairs?: number;
}

/** What the quotes analysis found, so claims need not look for quotation marks again. */
export interface ClaimsContext {
  readonly quotes?: readonly { readonly articleId: string; readonly spans: readonly Span[] }[];
  /**
   * Statements rendered by several outlets (from the statements analysis): each entry the quote
   * spans (content spans; the segments of an interrupted quote each given) that render one
   * statement. Sentences inside the renderings of one statement state the same proposition, so
   * they support one claim.
   */
  readonly statements?: readonly { readonly quoteSpans: readonly { readonly articleId: string; readonly span: Span }[] }[];
}

/** The result: claims (most sources first) and each outlet's coverage. */
export interface ClaimsResult {
  readonly claims: Claim[];
  readonly coverage: OutletCoverage[];
}

export type ClaimsStage = (story: StoryInput, context?: ClaimsContext) => Envelope<ClaimsResult>;

/** `clm_` + 16 hex digits from the supports' article ids and spans. */
function claimId(supports: readonly Support[]): string {
  const key = supports.map((s) => `${s.articleId}:${s.span.start}-${s.span.end}`).sort().join('|');
  return `clm_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * The unit whose text becomes the claim's: among the renderings (not the longer sentences that
 * contain the claim), own-voice ones before quoted ones, then the one with most in common with
 * the other families' renderings, then the earliest. The members are counted by representative
 * and family, so a claim of 2,000 renderings costs renderings x representatives, not its square.
 */
function textUnit(group: Group, alignment: Alignment): number {
  const units = alignment.units;
  const renderings = group.members.filter((m) => m.relation === 'self' || m.relation === 'equivalent').map((m) => m.unit);
  const ownVoice = renderings.filter((u) => !units[u]!.quoted);
  const pool = ownVoice.length > 0 ? ownVoice : renderings;
  const byRep = new Map<number, { count: number; families: Map<string, number> }>();
  const families = new Map<string, number>();
  for (const m of group.members) {
    const u = units[m.unit]!;
    let r = byRep.get(u.rep);
    if (!r) byRep.set(u.rep, (r = { count: 0, families: new Map() }));
    r.count++;
    r.families.set(u.article.familyId, (r.families.get(u.article.familyId) ?? 0) + 1);
    families.set(u.article.familyId, (families.get(u.article.familyId) ?? 0) + 1);
  }
  let best = pool[0]!;
  let bestScore = -1;
  for (const u of pool) {
    const family = units[u]!.article.familyId;
    const others = group.members.length - (families.get(family) ?? 0);
    let sum = 0;
    if (others > 0) for (const [rep, r] of byRep) sum += alignment.repSimilarity(units[u]!.rep, rep) * (r.count - (r.families.get(family) ?? 0));
    const score = others === 0 ? 0 : sum / others;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && u < best)) {
      best = u;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The families with a sentence linked to one of a claim's renderings: the units of every
 * representative linked to a rendering's, and the rendering's copies in other articles. (A linked
 * unit in the rendering's own article is of the rendering's family, one of the claim's, which
 * the coverage reads the same whether near or not.)
 */
function nearFamilies(renderings: readonly AnalysedUnit[], alignment: Alignment, cache: Map<number, ReadonlySet<string>>): Set<string> {
  const familiesOf = (rep: number): ReadonlySet<string> => {
    let hit = cache.get(rep);
    if (!hit) cache.set(rep, (hit = new Set(alignment.reps[rep]!.members.map((u) => alignment.units[u]!.article.familyId))));
    return hit;
  };
  const near = new Set<string>();
  for (const rep of new Set(renderings.map((r) => r.rep))) {
    const linked = alignment.reps[rep]!.twins ? [rep, ...alignment.linkedReps(rep)] : alignment.linkedReps(rep);
    for (const other of linked) for (const f of familiesOf(other)) near.add(f);
  }
  return near;
}

/**
 * Each outlet's coverage. `near[i]` are the families with a sentence linked to a rendering of
 * claim `i` without being one of its supports (the grouping put it in another claim): such a
 * family is not said to leave the claim out, nor is the claim said to be the outlet's alone when
 * another family has such a sentence. Omissions are judged per family, so a repost gets its
 * original's omissions.
 */
function coverageOf(
  story: StoryInput,
  claims: readonly Claim[],
  near: readonly ReadonlySet<string>[],
  strong: readonly ReadonlySet<string>[],
  carriesCore: (claim: number, familyIds: ReadonlySet<string>) => boolean = () => false,
): OutletCoverage[] {
  const sites = new Map<string, { articleIds: string[]; familyIds: Set<string> }>();
  for (const a of story.articles) {
    let s = sites.get(a.site);
    if (!s) sites.set(a.site, (s = { articleIds: [], familyIds: new Set() }));
    s.articleIds.push(a.id);
    s.familyIds.add(a.familyId);
  }
  const claimFamilies = claims.map((c) => new Set(c.supports.map((s) => s.familyId)));
  // Counted from the outlet's side (its few families), not the claim's (all of a large story's).
  const claimSites = claims.map((c) => new Set(c.supports.map((s) => s.site)));
  return [...sites.entries()].map(([site, s]) => {
    const carried: string[] = [];
    const missing: string[] = [];
    const alone: string[] = [];
    claims.forEach((c, i) => {
      const families = claimFamilies[i]!;
      const own = claimSites[i]!.has(site);
      if (own) carried.push(c.id);
      let ownCarrying = 0;
      let ownNear = 0;
      for (const f of s.familyIds) {
        if (families.has(f)) ownCarrying++;
        if (near[i]!.has(f)) ownNear++;
      }
      const familyCarries = [...s.familyIds].some((f) => families.has(f) || near[i]!.has(f));
      const others = families.size - ownCarrying;
      let strongOthers = 0;
      for (const f of strong[i]!) if (!s.familyIds.has(f)) strongOthers++;
      if (!familyCarries && strongOthers >= 2 && !carriesCore(i, s.familyIds)) missing.push(c.id);
      const othersNear = near[i]!.size > ownNear;
      if (own && others === 0 && !othersNear) alone.push(c.id);
    });
    return { site, articleIds: s.articleIds, familyIds: [...s.familyIds], carried, missing, alone };
  });
}

/**
 * Whether an outlet's own sentences carry a claim's core although the grouping put none of them
 * in the claim: some sentence of its families holds `omission.coreShare` of the weighted content
 * words and numbers (rare ones weigh more) of one of the claim's sentences, sharing at least
 * `omission.minSharedTokens` of them, or the fitted alignment score ({@link alignProbability})
 * gives the two sentences at least `omission.minProbability`. Outlets word one fact their own
 * way, so a claim they state in other words is not one they leave out.
 */
function coreCarrier(alignment: Alignment, supportUnits: readonly (readonly number[])[]): (claim: number, familyIds: ReadonlySet<string>) => boolean {
  const units = alignment.units;
  const df = new Map<string, Set<number>>();
  for (const u of units) {
    for (const t of u.tokens) {
      let s = df.get(t);
      if (!s) df.set(t, (s = new Set()));
      s.add(u.articleIndex);
    }
  }
  const articleCount = new Set(units.map((u) => u.articleIndex)).size;
  const idf = (t: string): number => Math.log(1 + articleCount / (df.get(t)?.size ?? 1));
  // A word of few sentences (a fact's own word or figure, not the story's running names).
  const sentences = new Map<string, number>();
  for (const u of units) for (const t of u.tokens) sentences.set(t, (sentences.get(t) ?? 0) + 1);
  const rareAt = RULES.omission.rarePerArticle.value * articleCount;
  const rare = (t: string): boolean => (sentences.get(t) ?? 0) <= rareAt;
  const sentenceIdf = (t: string): number => Math.log(Math.max(1, units.length) / Math.max(1, sentences.get(t) ?? 1));
  const byFamily = new Map<string, number[]>();
  for (const u of units) {
    const list = byFamily.get(u.article.familyId);
    if (list) {
      if (!list.some((x) => units[x]!.rep === u.rep)) list.push(u.index);
    } else byFamily.set(u.article.familyId, [u.index]);
  }
  const share = RULES.omission.coreShare.value;
  const minShared = RULES.omission.minSharedTokens.value;
  const memo = new Map<string, boolean>();
  const holds = (r: number, u: number): boolean => {
    const key = `${units[r]!.rep}:${units[u]!.rep}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      const a = units[r]!;
      const b = units[u]!;
      let shared = 0;
      let count = 0;
      let total = 0;
      let rareShared = 0;
      for (const t of a.tokens) {
        const w = idf(t);
        total += w;
        if (b.tokens.has(t)) {
          shared += w;
          count++;
          if (rare(t)) rareShared++;
        }
      }
      hit = count >= minShared && total > 0 && (shared / total >= share || (rareShared >= RULES.omission.minRareShared.value && shared / total >= RULES.omission.rareShare.value));
      // Or the fitted alignment score (similarity.ts, word rarity over the story's sentences) finds them one fact at its lower omission threshold.
      if (!hit && count > 0) hit = alignProbability(alignFeatures(a.analysed, b.analysed, sentenceIdf)) >= RULES.omission.minProbability.value;
      memo.set(key, hit);
    }
    return hit;
  };
  return (claim, familyIds) => {
    const reps = new Map<number, number>();
    for (const u of supportUnits[claim]!) if (!reps.has(units[u]!.rep)) reps.set(units[u]!.rep, u);
    for (const f of familyIds) for (const u of byFamily.get(f) ?? []) for (const r of reps.values()) if (holds(r, u)) return true;
    return false;
  };
}

/**
 * For each statement, per quote span the units inside it: a unit counts when at least
 * `statements.minInside` of it lies inside the span (a sentence that mostly renders the
 * statement, not one quoting a few of its words among other things).
 */
function statementUnits(units: readonly Unit[], story: StoryInput, statements: NonNullable<ClaimsContext['statements']>): number[][][] {
  if (statements.length === 0) return [];
  const byArticle = new Map<string, number[]>();
  units.forEach((u, i) => {
    const id = story.articles[u.articleIndex]!.id;
    byArticle.set(id, [...(byArticle.get(id) ?? []), i]);
  });
  return statements.map((st) =>
    st.quoteSpans
      .map(({ articleId, span }) =>
        (byArticle.get(articleId) ?? []).filter((i) => {
          const u = units[i]!.span;
          const inside = Math.min(u.end, span.end) - Math.max(u.start, span.start);
          return inside > 0 && inside >= RULES.statements.minInside.value * (u.end - u.start);
        }),
      )
      .filter((r) => r.length > 0),
  );
}

/**
 * Make the claims analysis. Throws CLAIMS_OPTIONS_INVALID when `maxJudgedPairs` is not a
 * non-negative integer.
 */
export function createClaims(options: ClaimsOptions = {}): ClaimsStage {
  const maxJudgedPairs = options.maxJudgedPairs ?? RULES.link.maxJudgedPairs.value;
  if (!Number.isInteger(maxJudgedPairs) || maxJudgedPairs < 0) {
    throw createError('CLAIMS_OPTIONS_INVALID', { option: 'maxJudgedPairs', value: String(maxJudgedPairs) });
  }
  const judge = options.judge ?? createParaphraseJudge();
  return (story, context) => {
    const messages: Message[] = [];
    const quoteSpans = new Map<string, Span[]>();
    for (const q of context?.quotes ?? []) quoteSpans.set(q.articleId, [...(quoteSpans.get(q.articleId) ?? []), ...q.spans]);
    const units: Unit[] = [];
    story.articles.forEach((article, i) => {
      const r = articleUnits(article, i, context?.quotes ? (quoteSpans.get(article.id) ?? []) : undefined);
      units.push(...r.units);
      messages.push(...r.messages);
    });
    const alignment = align(units, judge, maxJudgedPairs, statementUnits(units, story, context?.statements ?? []));
    const all = alignment.units;
    const maxSplitMessages = RULES.maxSplitMessages.value;
    const splitMessage = (a: AnalysedUnit, b: AnalysedUnit, reason: string): Message => ({
      stage: 'analyze',
      ruleId: reason === 'negation' ? 'claim-split-negation' : 'claim-split-conflict',
      reason:
        reason === 'negation'
          ? `Kept as two claims: the sentence shares its words with one in ${b.article.site} but one of them is negated.`
          : `Kept as two claims: the sentence nearly repeats one in ${b.article.site} but they differ where a claim turns on it (${reason}).`,
      severity: 'info',
      span: a.span,
      layer: 'text',
      excerpt: excerpt(a.text),
      data: { articleId: a.article.id, otherArticleId: b.article.id, otherSpan: { start: b.span.start, end: b.span.end }, cause: reason },
    });
    // Negation splits first, every pair of articles carrying the two sentences in story order (up
    // to the cap per pair of sentences); then the judge's vetoes, in the order it was asked.
    const negations: [number, number][] = [];
    const cappedSplits: Message[] = [];
    for (const split of alignment.splits) {
      if (!split.everyPair) continue;
      const ra = alignment.reps[split.a]!.members;
      const rb = alignment.reps[split.b]!.members;
      const articles = new Set(ra.map((u) => all[u]!.articleIndex));
      const total = ra.length * rb.length - rb.filter((u) => articles.has(all[u]!.articleIndex)).length;
      let said = 0;
      for (const x of [...ra, ...rb].sort((p, q) => p - q)) {
        if (said >= maxSplitMessages) break;
        const others = all[x]!.rep === split.a ? rb : ra;
        for (const y of others) {
          if (said >= maxSplitMessages) break;
          if (y > x && all[y]!.articleIndex !== all[x]!.articleIndex) {
            negations.push([x, y]);
            said++;
          }
        }
      }
      if (total > said) {
        const a = all[split.first[0]]!;
        cappedSplits.push({
          stage: 'analyze',
          ruleId: 'claim-split-messages-capped',
          reason: `The same two sentences, one negated, are kept apart in ${total - said} more pairs of articles than said (at most ${maxSplitMessages} messages per pair of sentences, rules.json maxSplitMessages).`,
          severity: 'info',
          span: a.span,
          layer: 'text',
          excerpt: excerpt(a.text),
          data: { articleId: a.article.id, pairs: total, said, cap: maxSplitMessages },
        });
      }
    }
    negations.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [x, y] of negations) messages.push(splitMessage(all[x]!, all[y]!, 'negation'));
    messages.push(...cappedSplits);
    for (const split of alignment.splits) if (!split.everyPair) messages.push(splitMessage(all[split.first[0]]!, all[split.first[1]]!, split.reason));
    if (alignment.linksCapped) {
      const u = all[alignment.linksCapped.unit]!;
      messages.push({
        stage: 'analyze',
        ruleId: 'claim-links-capped',
        reason: `${alignment.linksCapped.reps} sentence(s) nearly repeat more than ${RULES.link.maxLinks.value} others (up to ${alignment.linksCapped.most}, as when each outlet words one sentence its own way): each kept its ${RULES.link.maxLinks.value} closest (rules.json link.maxLinks), so their claim may be told as several claims.`,
        severity: 'info',
        span: u.span,
        layer: 'text',
        excerpt: excerpt(u.text),
        data: { articleId: u.article.id, sentences: alignment.linksCapped.reps, most: alignment.linksCapped.most, cap: RULES.link.maxLinks.value },
      });
    }
    if (alignment.pairsCapped) {
      const c = alignment.pairsCapped;
      const u = all[c.unit]!;
      const words = c.commonWords.map((w) => `'${w.replace(/^#/, '')}'`).join(', ');
      const what: string[] = [];
      if (c.commonCount > 0) what.push(`${c.commonCount} word(s) are in more than ${RULES.candidate.maxPostings.value} sentences (${words}${c.commonCount > c.commonWords.length ? ', …' : ''}), and sentences sharing only such words were not compared (rules.json candidate.maxPostings)`);
      if (c.cutReps > 0) what.push(`${c.cutReps} sentence(s) were compared with their ${RULES.candidate.maxCandidates.value} closest only (candidate.maxCandidates)`);
      messages.push({
        stage: 'analyze',
        ruleId: 'claim-pairs-capped',
        reason: `This story is too large to compare every pair of sentences: ${what.join('; ')}. A claim told in common words only may stand as several claims.`,
        severity: 'info',
        span: u.span,
        layer: 'text',
        excerpt: excerpt(u.text),
        data: { articleId: u.article.id, commonWords: c.commonCount, cutSentences: c.cutReps, maxPostings: RULES.candidate.maxPostings.value, maxCandidates: RULES.candidate.maxCandidates.value },
      });
    }
    for (const c of alignment.capped) {
      const u = all[c.unit]!;
      messages.push({
        stage: 'analyze',
        ruleId: 'claim-statement-renderings-capped',
        reason: `A statement rendered ${c.renderings} different ways: each rendering was compared with the first ${c.compared} only (rules.json statements.maxRenderings), so some of its sentences may stand as separate claims.`,
        severity: 'info',
        span: u.span,
        layer: 'text',
        excerpt: excerpt(u.text),
        data: { articleId: u.article.id, renderings: c.renderings, compared: c.compared },
      });
    }
    // Attributed disputes inside one article (a figure, then another figure for the same thing disputing it).
    const byArticle = new Map<number, AnalysedUnit[]>();
    for (const u of all) {
      const list = byArticle.get(u.articleIndex);
      if (list) list.push(u);
      else byArticle.set(u.articleIndex, [u]);
    }
    const disputes = new Map<number, Conflict[]>();
    for (const list of byArticle.values()) for (const [k, v] of attributedDisputes(list)) disputes.set(k, v);
    // Figures that disagree across outlets, on the claim of the sentence that gives the first.
    for (const [k, v] of figureDisagreements(all)) disputes.set(k, [...(disputes.get(k) ?? []), ...v]);
    const dayCache = new Map<number, string[]>();
    // Each article's numbers, read once for every claim it supports.
    const numberCache = new Map<string, ReadonlySet<string>>();
    const repFamilies = new Map<number, ReadonlySet<string>>();
    const claims: (Claim & { order: [number, number]; near: ReadonlySet<string>; strong: ReadonlySet<string>; units: number[] })[] = alignment.groups.map((g) => {
      const t = textUnit(g, alignment);
      const supports: Support[] = g.members.map((m) => {
        const u = all[m.unit]!;
        const support: Support = {
          articleId: u.article.id,
          familyId: u.article.familyId,
          site: u.article.site,
          span: u.span,
          text: u.text,
          similarity: Math.round(alignment.similarity(t, m.unit) * 1000) / 1000,
        };
        return u.quoted ? { ...support, quoted: true } : support;
      });
      const families = new Set(supports.map((s) => s.familyId));
      const renderings = g.members.filter((m) => m.relation === 'self' || m.relation === 'equivalent').map((m) => all[m.unit]!);
      const found = families.size > 1 ? findConflicts(renderings, dayCache, numberCache) : { conflicts: [], capped: undefined };
      const conflicts = [...found.conflicts];
      for (const m of g.members) for (const d of disputes.get(m.unit) ?? []) if (!conflicts.includes(d)) conflicts.push(d);
      const first = g.members.reduce((lo, m) => Math.min(lo, m.unit), Infinity);
      const claim = {
        id: claimId(supports),
        storyId: story.storyId,
        text: all[t]!.text,
        supports,
        sourceCount: families.size,
        singleSource: families.size === 1,
        conflicts,
        order: [all[first]!.articleIndex, all[first]!.span.start] as [number, number],
        near: nearFamilies(renderings, alignment, repFamilies),
        strong: new Set(g.members.filter((m) => !m.core).map((m) => all[m.unit]!.article.familyId)),
        units: g.members.map((m) => m.unit),
      };
      if (found.capped) {
        const u = renderings[0]!;
        messages.push({
          stage: 'analyze',
          ruleId: 'claim-conflicts-capped',
          reason: `This claim is told ${found.capped.renderings} different ways: each was compared for differing numbers, names and days with the first ${found.capped.compared} only (rules.json maxConflictRenderings).`,
          severity: 'info',
          span: u.span,
          layer: 'text',
          excerpt: excerpt(claim.text),
          data: { claimId: claim.id, articleId: u.article.id, renderings: found.capped.renderings, compared: found.capped.compared },
        });
      }
      for (const c of conflicts) {
        const values = c.values.map((v) => `${v.value} (${v.articleIds.length} article${v.articleIds.length === 1 ? '' : 's'})`).join(' vs ');
        messages.push({
          stage: 'analyze',
          ruleId: 'claim-conflict',
          reason: `The outlets carrying one claim disagree on a ${c.kind}: ${values}.`,
          severity: 'info',
          span: c.values[0]!.spans[0]!,
          layer: 'text',
          excerpt: excerpt(claim.text),
          data: { claimId: claim.id, articleId: c.values[0]!.articleIds[0]!, kind: c.kind, values: c.values.map((v) => ({ value: v.value, articleIds: [...v.articleIds] })) },
        });
      }
      return claim;
    });
    claims.sort((a, b) => b.sourceCount - a.sourceCount || a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    const out: Claim[] = claims.map(({ order: _order, near: _near, strong: _strong, units: _units, ...c }) => c);
    const carriesCore = coreCarrier(alignment, claims.map((c) => c.units));
    return { value: { claims: out, coverage: coverageOf(story, out, claims.map((c) => c.near), claims.map((c) => c.strong), carriesCore) }, messages };
  };
}
