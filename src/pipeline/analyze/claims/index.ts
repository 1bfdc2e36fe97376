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
import type { Claim, OutletCoverage, Support } from '../../../model/claim.js';
import type { Envelope } from '../../../model/envelope.js';
import type { Message, Span } from '../../../model/message.js';
import { createError } from '../../../errors.js';
import type { StoryInput } from '../input.js';
import { createParaphraseJudge, type ParaphraseJudge } from '../paraphrase/index.js';
import { align, type AnalysedUnit, type Group } from './align.js';
import { findConflicts } from './conflicts.js';
import { RULES } from './rules.js';
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
 * the other families' renderings, then the earliest.
 */
function textUnit(group: Group, units: readonly AnalysedUnit[], similarity: (a: number, b: number) => number): number {
  const renderings = group.members.filter((m) => m.relation === 'self' || m.relation === 'equivalent').map((m) => m.unit);
  const ownVoice = renderings.filter((u) => !units[u]!.quoted);
  const pool = ownVoice.length > 0 ? ownVoice : renderings;
  let best = pool[0]!;
  let bestScore = -1;
  for (const u of pool) {
    const others = group.members.filter((m) => units[m.unit]!.article.familyId !== units[u]!.article.familyId);
    const score = others.length === 0 ? 0 : others.reduce((s, m) => s + similarity(u, m.unit), 0) / others.length;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && u < best)) {
      best = u;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Each outlet's coverage. `near[i]` are the families with a sentence linked to a rendering of
 * claim `i` without being one of its supports (the grouping put it in another claim): such a
 * family is not said to leave the claim out, nor is the claim said to be the outlet's alone when
 * another family has such a sentence. Omissions are judged per family, so a repost gets its
 * original's omissions.
 */
function coverageOf(story: StoryInput, claims: readonly Claim[], near: readonly ReadonlySet<string>[]): OutletCoverage[] {
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
      if (!familyCarries && others >= 2) missing.push(c.id);
      const othersNear = near[i]!.size > ownNear;
      if (own && others === 0 && !othersNear) alone.push(c.id);
    });
    return { site, articleIds: s.articleIds, familyIds: [...s.familyIds], carried, missing, alone };
  });
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
    for (const split of alignment.splits) {
      const a = all[split.a]!;
      const b = all[split.b]!;
      messages.push({
        stage: 'analyze',
        ruleId: split.reason === 'negation' ? 'claim-split-negation' : 'claim-split-conflict',
        reason:
          split.reason === 'negation'
            ? `Kept as two claims: the sentence shares its words with one in ${b.article.site} but one of them is negated.`
            : `Kept as two claims: the sentence nearly repeats one in ${b.article.site} but they differ where a claim turns on it (${split.reason}).`,
        severity: 'info',
        span: a.span,
        layer: 'text',
        excerpt: excerpt(a.text),
        data: { articleId: a.article.id, otherArticleId: b.article.id, otherSpan: { start: b.span.start, end: b.span.end }, cause: split.reason },
      });
    }
    const dayCache = new Map<number, string[]>();
    const claims: (Claim & { order: [number, number]; near: ReadonlySet<string> })[] = alignment.groups.map((g) => {
      const t = textUnit(g, all, alignment.similarity);
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
      const conflicts = families.size > 1 ? findConflicts(renderings, dayCache) : [];
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
        near: new Set(renderings.flatMap((r) => alignment.linked(r.index).map((u) => all[u]!.article.familyId))),
      };
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
    const out: Claim[] = claims.map(({ order: _order, near: _near, ...c }) => c);
    return { value: { claims: out, coverage: coverageOf(story, out, claims.map((c) => c.near)) }, messages };
  };
}
