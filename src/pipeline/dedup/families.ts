/**
 * Families: an original and the articles copied from it. Candidate pairs (from the index) are
 * verified exactly, labelled (verbatim / partial / rewrite) and directed; every article then
 * takes as parent the article it copies most, strongest pairs first, never closing a cycle, so
 * families are trees rooted at their originals. A page that copies two unrelated originals joins
 * the family it copies most.
 */
import { createHash } from 'node:crypto';
import type { Alignment, Derivation, Family, Outlet } from '../../model/story.js';
import { analyse, compare, type Analysed, type Comparison } from './align.js';
import { creditsTo, describeCredit, familyCredit, findCredits, type FoundCredit } from './credits.js';
import { decideDirection } from './direction.js';
import type { DedupInput, Match } from './input.js';
import { createDedupIndex } from './lsh.js';
import { createOutletRegistry, identifyOutlet, type OutletRegistry } from './outlets.js';
import { resolveParams, type DedupParamOverrides, type DedupParams } from './params.js';

/** Options shared by {@link relateArticles}, {@link alignPassages} and {@link buildFamilies}. */
export interface RelateOptions {
  readonly params?: DedupParamOverrides;
  /** Outlets to recognise in URLs and credits (default: the starter list of `outlets.json`). */
  readonly outlets?: OutletRegistry;
}

/** Options of {@link buildFamilies}. */
export interface FamilyOptions extends RelateOptions {
  /** Story the families belong to; part of each family id (default `''`). */
  readonly storyId?: string;
}

/** How a copy relates to its original, verified on the full texts. */
export interface Relation {
  readonly originalId: string;
  readonly copyId: string;
  readonly derivation: Exclude<Derivation, 'original'>;
  /** Share of the copy's words reused from the original (0..1). */
  readonly reuse: number;
  /** Share of the original's words reproduced in the copy (0..1). */
  readonly coverage: number;
  /** Passages of the copy taken from the original, with spans on both sides. */
  readonly alignments: readonly Alignment[];
  /** Why the two were joined and why this one is the original. */
  readonly evidence: readonly string[];
}

const DEFAULT_REGISTRY = createOutletRegistry();

interface Oriented {
  readonly wordsO: number;
  readonly wordsC: number;
  readonly matchedO: number;
  readonly matchedC: number;
}

function orient(cmp: Comparison, originalIsA: boolean): Oriented {
  return originalIsA
    ? { wordsO: cmp.wordsA, wordsC: cmp.wordsB, matchedO: cmp.matchedA, matchedC: cmp.matchedB }
    : { wordsO: cmp.wordsB, wordsC: cmp.wordsA, matchedO: cmp.matchedB, matchedC: cmp.matchedA };
}

function isRelated(cmp: Comparison, p: DedupParams): boolean {
  if (cmp.wordsA > 0 && cmp.jaccard === 1 && cmp.wordsA === cmp.wordsB) return true;
  const matched = Math.min(cmp.matchedA, cmp.matchedB);
  const share = Math.max(cmp.matchedA / Math.max(1, cmp.wordsA), cmp.matchedB / Math.max(1, cmp.wordsB));
  return matched >= Math.min(p.minMatchedWords, Math.min(cmp.wordsA, cmp.wordsB)) && share >= p.minReuseShare;
}

/**
 * A pair whose one article credits the other's outlet shares enough text on the lower credited
 * thresholds: the credit says where the text came from, so a heavy rewrite counts.
 */
function isCreditedRelated(cmp: Comparison, p: DedupParams): boolean {
  const matched = Math.min(cmp.matchedA, cmp.matchedB);
  const share = Math.max(cmp.matchedA / Math.max(1, cmp.wordsA), cmp.matchedB / Math.max(1, cmp.wordsB));
  return matched >= p.creditedMinMatchedWords && share >= p.creditedMinReuseShare;
}

/** One article crediting the outlet of the other. */
interface CreditLink {
  readonly citingId: string;
  readonly citedId: string;
  readonly outletName: string;
  readonly credit: FoundCredit;
}

/** The credit `x` gives to `y`'s outlet (article credits first), when it gives one and they are not one outlet. */
function creditLinkOf(x: DedupInput, y: DedupInput, creditsOfX: readonly FoundCredit[], reg: OutletRegistry): CreditLink | undefined {
  const oy = identifyOutlet(y, reg);
  if (!oy) return undefined;
  const ox = identifyOutlet(x, reg);
  if (ox && ox.key === oy.key) return undefined;
  const c = creditsTo(creditsOfX, oy, reg)[0];
  return c ? { citingId: x.id, citedId: y.id, outletName: oy.name, credit: c } : undefined;
}

/** Why a credited pair was joined although it shares less text than an uncredited copy needs. */
function creditedJoin(link: CreditLink, cmp: Comparison): string {
  const citingIsA = link.citingId === cmp.aId;
  const own = citingIsA ? cmp.matchedA / Math.max(1, cmp.wordsA) : cmp.matchedB / Math.max(1, cmp.wordsB);
  const theirs = citingIsA ? cmp.matchedB / Math.max(1, cmp.wordsB) : cmp.matchedA / Math.max(1, cmp.wordsA);
  return `${link.citingId} credits ${link.outletName}, the outlet of ${link.citedId} (${describeCredit(link.credit)}), and they share aligned sentences (${pct(own)} of its words, ${pct(theirs)} of ${link.citedId}'s): a credited rewrite joins its source's family`;
}

function derive(cmp: Comparison, o: Oriented, p: DedupParams): Exclude<Derivation, 'original'> {
  // The same words in the same shingles is a verbatim copy, whatever sentence alignment made of its punctuation.
  if (cmp.jaccard === 1) return 'verbatim';
  if (cmp.identity < p.rewriteIdentity) return 'rewrite';
  return o.matchedO / Math.max(1, o.wordsO) >= p.verbatimCover ? 'verbatim' : 'partial';
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Direct a related pair and label the copy. */
function orientRelation(A: Analysed, B: Analysed, cmp: Comparison, p: DedupParams, reg: OutletRegistry, order: (id: string) => number, centrality?: (id: string) => number): Relation {
  const dir = decideDirection(A, B, cmp, reg, p, order, centrality);
  const originalIsA = dir.originalId === A.input.id;
  // Alignment is driven from the copy's sentences; recompute when B turned out to be the original.
  const oc = originalIsA ? cmp : compare(B, A, p);
  const o = orient(oc, true);
  const derivation = derive(oc, o, p);
  const reuse = o.matchedC / Math.max(1, o.wordsC);
  const coverage = o.matchedO / Math.max(1, o.wordsO);
  const join =
    cmp.jaccard === 1
      ? `${dir.copyId} has the same words as ${dir.originalId} (exact duplicate)`
      : `${dir.copyId} reproduces ${pct(coverage)} of ${dir.originalId} (${derivation}: ${oc.pairs} aligned sentences, ${pct(oc.identity)} word identity, ${pct(reuse)} of its own text reused)`;
  return { originalId: dir.originalId, copyId: dir.copyId, derivation, reuse, coverage, alignments: oc.alignments, evidence: [join, ...dir.evidence] };
}

/** The credit one of the two gives the other's outlet, the first's credit first. */
function linkOf(A: Analysed, B: Analysed, credits: (x: DedupInput) => readonly FoundCredit[], reg: OutletRegistry): CreditLink | undefined {
  return creditLinkOf(A.input, B.input, credits(A.input), reg) ?? creditLinkOf(B.input, A.input, credits(B.input), reg);
}

/** Relate two analysed articles; undefined when they do not share enough text. */
function relateAnalysed(A: Analysed, B: Analysed, p: DedupParams, reg: OutletRegistry, order: (id: string) => number, credits: (x: DedupInput) => readonly FoundCredit[]): Relation | undefined {
  const cmp = compare(A, B, p);
  if (isRelated(cmp, p)) return orientRelation(A, B, cmp, p, reg, order);
  const link = isCreditedRelated(cmp, p) ? linkOf(A, B, credits, reg) : undefined;
  return link ? withJoin(orientRelation(A, B, cmp, p, reg, order), creditedJoin(link, cmp)) : undefined;
}

/** A relation with the reason it was joined on the credited thresholds put first. */
function withJoin(rel: Relation, why: string): Relation {
  return { ...rel, evidence: [why, ...rel.evidence] };
}

/** How much of both texts a comparison shares (0..1). */
function sharedShare(cmp: Comparison): number {
  return (cmp.matchedA + cmp.matchedB) / Math.max(1, cmp.wordsA + cmp.wordsB);
}

/**
 * Compare two articles exactly and, when they share enough text, say which is the original, how
 * the copy was derived and why. Undefined for independent articles. With no evidence of
 * direction, `a` (passed first) is taken as the original.
 */
export function relateArticles(a: DedupInput, b: DedupInput, options: RelateOptions = {}): Relation | undefined {
  const p = resolveParams(options.params);
  const reg = options.outlets ?? DEFAULT_REGISTRY;
  return relateAnalysed(analyse(a, p), analyse(b, p), p, reg, (id) => (id === a.id ? 0 : 1), (x) => findCredits(x, reg, p));
}

/**
 * Passages of `copy` taken from `original`: spans into both texts (`original.text.slice(…)`,
 * `copy.text.slice(…)`) and the share of the copy's words in each passage found in the
 * original's. Empty when no sentence aligns.
 */
export function alignPassages(original: DedupInput, copy: DedupInput, options: RelateOptions = {}): Alignment[] {
  const p = resolveParams(options.params);
  return [...compare(analyse(original, p), analyse(copy, p), p).alignments];
}

function familyId(storyId: string, originalId: string): string {
  return `fam_${createHash('sha256').update(`${storyId}\u0000${originalId}`).digest('hex').slice(0, 16)}`;
}

/**
 * Group articles into families. `matches` are the candidate pairs the index reported as the
 * articles were added; when omitted, a fresh index over `articles` (in order) finds them. Every
 * article ends in exactly one family (alone, as its original, when it copies nothing and nothing
 * copies it); families come in the order of their originals in `articles`.
 */
export function buildFamilies(articles: readonly DedupInput[], matches?: readonly Match[], options: FamilyOptions = {}): Family[] {
  const p = resolveParams(options.params);
  const reg = options.outlets ?? DEFAULT_REGISTRY;
  const storyId = options.storyId ?? '';
  const pos = new Map<string, number>();
  articles.forEach((a, i) => {
    if (!pos.has(a.id)) pos.set(a.id, i);
  });
  const order = (id: string): number => pos.get(id) ?? Number.MAX_SAFE_INTEGER;

  let pairs = matches;
  if (!pairs) {
    const index = createDedupIndex({ params: options.params, expected: articles.length });
    const found: Match[] = [];
    for (const a of articles) found.push(...index.add(a));
    pairs = found;
  }

  const byId = new Map(articles.map((a) => [a.id, a]));
  const creditsFound = new Map<string, readonly FoundCredit[]>();
  const credits = (x: DedupInput): readonly FoundCredit[] => {
    let c = creditsFound.get(x.id);
    if (!c) {
      c = findCredits(x, reg, p);
      creditsFound.set(x.id, c);
    }
    return c;
  };
  // A rewrite that credits an outlet of the story is checked against that outlet's articles even
  // when the index, which looks for shared wording, did not pair them.
  // Credits are matched once per distinct outlet of the story, not once per article.
  const creditPairs: Match[] = [];
  const byOutlet = new Map<string, { outlet: Outlet; ids: string[] }>();
  const outletKey = new Map<string, string>();
  for (const a of articles) {
    const o = identifyOutlet(a, reg);
    if (!o) continue;
    outletKey.set(a.id, o.key);
    const entry = byOutlet.get(o.key) ?? { outlet: o, ids: [] };
    entry.ids.push(a.id);
    byOutlet.set(o.key, entry);
  }
  for (const x of articles) {
    // Only another outlet of the story can be credited: with none, the costly scan is skipped.
    const own = outletKey.get(x.id);
    if (byOutlet.size === 0 || (byOutlet.size === 1 && own !== undefined && byOutlet.has(own))) continue;
    const cx = credits(x);
    if (cx.length === 0) continue;
    for (const [key, { outlet, ids }] of byOutlet) {
      if (key === outletKey.get(x.id) || creditsTo(cx, outlet, reg).length === 0) continue;
      for (const id of ids) creditPairs.push({ queryId: x.id, id, exact: false, jaccard: 0, containment: 0, containedBy: 0 });
    }
  }
  pairs = [...pairs, ...creditPairs];
  const analysed = new Map<string, Analysed>();
  const get = (id: string): Analysed | undefined => {
    let x = analysed.get(id);
    if (!x) {
      const input = byId.get(id);
      if (!input) return undefined;
      x = analyse(input, p);
      analysed.set(id, x);
    }
    return x;
  };

  const related: { A: Analysed; B: Analysed; cmp: Comparison; join?: string }[] = [];
  const done = new Set<string>();
  const central = new Map<string, number>();
  for (const m of pairs) {
    if (m.id === m.queryId) continue;
    const key = m.id < m.queryId ? `${m.id}\u0000${m.queryId}` : `${m.queryId}\u0000${m.id}`;
    if (done.has(key)) continue;
    done.add(key);
    const A = get(m.id);
    const B = get(m.queryId);
    if (!A || !B) continue;
    const cmp = compare(A, B, p);
    let join: string | undefined;
    if (!isRelated(cmp, p)) {
      const link = isCreditedRelated(cmp, p) ? linkOf(A, B, credits, reg) : undefined;
      if (!link) continue;
      join = creditedJoin(link, cmp);
    }
    related.push({ A, B, cmp, ...(join ? { join } : {}) });
    const s = sharedShare(cmp);
    central.set(A.input.id, (central.get(A.input.id) ?? 0) + s);
    central.set(B.input.id, (central.get(B.input.id) ?? 0) + s);
  }
  const centrality = (id: string): number => central.get(id) ?? 0;
  const relations = related.map(({ A, B, cmp, join }) => {
    const rel = orientRelation(A, B, cmp, p, reg, order, centrality);
    return join ? withJoin(rel, join) : rel;
  });

  // Strongest relations first: share of both texts that is shared.
  const strength = (r: Relation): number => r.reuse + r.coverage;
  relations.sort((x, y) => strength(y) - strength(x) || order(x.originalId) - order(y.originalId) || order(x.copyId) - order(y.copyId));
  const parent = new Map<string, Relation>();
  const uf = new Map<string, string>();
  const find = (id: string): string => {
    let r = id;
    while (uf.has(r) && uf.get(r) !== r) r = uf.get(r)!;
    let c = id;
    while (c !== r) {
      const n = uf.get(c)!;
      uf.set(c, r);
      c = n;
    }
    return r;
  };
  for (const rel of relations) {
    if (parent.has(rel.copyId)) continue;
    const rc = find(rel.copyId);
    const ro = find(rel.originalId);
    if (rc === ro) continue;
    parent.set(rel.copyId, rel);
    uf.set(rc, ro);
  }

  const rootOf = (id: string): string => {
    let r = id;
    for (let rel = parent.get(r); rel; rel = parent.get(r)) r = rel.originalId;
    return r;
  };
  const directCopies = new Map<string, Relation[]>();
  for (const rel of parent.values()) directCopies.set(rel.originalId, [...(directCopies.get(rel.originalId) ?? []), rel]);
  const members = new Map<string, Family['members'][number][]>();
  const seen = new Set<string>();
  for (const a of articles) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    const root = rootOf(a.id);
    if (!members.has(root)) members.set(root, []);
  }
  for (const a of [...seen]) {
    const root = rootOf(a);
    const list = members.get(root)!;
    const rel = parent.get(a);
    if (!rel) {
      const copies = directCopies.get(a) ?? [];
      list.push({
        articleId: a,
        derivation: 'original',
        reuse: 1,
        evidence: copies.length === 0 ? ['no other article shares enough text with it'] : [`copied directly by ${copies.map((r) => r.copyId).join(', ')}`],
      });
      continue;
    }
    let member = { derivation: rel.derivation, reuse: rel.reuse, evidence: [...rel.evidence] };
    if (rel.originalId !== root) {
      const direct = relateAnalysed(get(root)!, get(a)!, p, reg, order, credits);
      const via = `joined through ${rel.originalId}, itself a copy in the family of ${root}`;
      member =
        direct && direct.originalId === root
          ? { derivation: direct.derivation, reuse: direct.reuse, evidence: [...direct.evidence, via] }
          : { ...member, evidence: [...member.evidence, via] };
    }
    list.push({ articleId: a, derivation: member.derivation, reuse: Math.round(member.reuse * 1000) / 1000, evidence: member.evidence });
  }
  const families: Family[] = [];
  for (const [root, list] of members) {
    list.sort((x, y) => (x.derivation === 'original' ? -1 : y.derivation === 'original' ? 1 : order(x.articleId) - order(y.articleId)));
    const family: Family = { id: familyId(storyId, root), storyId, originalId: root, members: list };
    const credit = familyCredit(family, byId, reg, p, creditsFound);
    families.push(credit ? { ...family, creditedTo: credit } : family);
  }
  families.sort((x, y) => order(x.originalId) - order(y.originalId));
  return families;
}
