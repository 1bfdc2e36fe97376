/**
 * Credits: the outlets and agencies an article says its text comes from.
 *
 * Two scopes. An **article** credit says the whole text is another outlet's: the clean stage's
 * source, agency and dateline credits ("Source » X", "Tehran (IRNA)-"), and the patterns of
 * `credits.json` (a dateline "(AFP) -", a trailer "— Reuters", "The Associated Press contributed
 * to this report", "© 2024 The Associated Press"). A **passage** credit attributes part of it
 * ("according to the BBC", "Reuters reported", "told CNN"), from the attribution patterns of
 * `params.json`. A name counts only when it resolves to a listed outlet or, for the story's own
 * outlets, through {@link creditNames} and `namesOutlet`; a clean-stage source credit counts as
 * written. An outlet crediting itself is no credit.
 *
 * Families use them twice: a rewrite that credits an outlet of the story joins that outlet's
 * family on less shared text than an uncredited one (see `families.ts`), and a family whose
 * articles credit an outlet outside it is labelled with it ({@link familyCredit}): a wire story
 * relayed by several rewrites is the wire's.
 */
import { readFileSync } from 'node:fs';
import type { Family, FamilyCredit, Outlet } from '../../model/story.js';
import type { DedupInput } from './input.js';
import { identifyOutlet, namesOutlet, normaliseName, type OutletRegistry } from './outlets.js';
import type { DedupParams } from './params.js';

/** One credit found in an article. */
export interface FoundCredit {
  /** The name as written ("the BBC", "AP", "Reuters news agency"). */
  readonly name: string;
  /** The listed outlet it names, when the registry knows it. */
  readonly outlet?: Outlet;
  /** `article`: the whole text is credited; `passage`: a statement or passage is attributed. */
  readonly scope: 'article' | 'passage';
  /** Which rule found it: `credit:<role>` for the clean stage's credits, else the pattern id. */
  readonly rule: string;
  /** The words that carry the credit, as written. */
  readonly text: string;
  /** True for an article credit that covers part of the text ("The Associated Press contributed to this report"). */
  readonly partial?: boolean;
}

interface PatternEntry {
  readonly id: string;
  readonly where: 'start' | 'end' | 'anywhere';
  readonly pattern: string;
  readonly flags: string;
  readonly reason: string;
  readonly partial?: boolean;
}

interface CreditsFile {
  readonly wholeArticle: readonly PatternEntry[];
  readonly startChars: { readonly value: number };
  readonly endChars: { readonly value: number };
  readonly edgeChars: { readonly value: number };
}

const FILE = JSON.parse(readFileSync(new URL('./credits.json', import.meta.url), 'utf8')) as CreditsFile;
const WHOLE = FILE.wholeArticle.map((e) => ({ id: e.id, where: e.where, partial: e.partial === true, regex: new RegExp(e.pattern, e.flags.includes('g') ? e.flags : `${e.flags}g`) }));
const ARTICLE_ROLES = new Set(['source', 'agency', 'dateline']);

/** The name and its shorter prefixes, longest first: "Reuters news agency" → "Reuters news agency", "Reuters news", "Reuters". */
export function creditNames(name: string): string[] {
  const words = name.replace(/^(?:the)\s+/i, '').replace(/['’]s$/u, '').split(/\s+/).filter((w) => w.length > 0);
  const out: string[] = [];
  for (let n = words.length; n >= 1; n--) out.push(words.slice(0, n).join(' ').replace(/[.,;:]+$/, ''));
  return out;
}

/** The listed outlet a credited name refers to, trying shorter prefixes. */
function resolve(name: string, reg: OutletRegistry): Outlet | undefined {
  for (const cand of creditNames(name)) {
    const o = reg.byName(cand);
    if (o) return o;
  }
  return undefined;
}

/** True when a credited name refers to `outlet` (the name or one of its prefixes). */
export function creditNamesOutlet(name: string, outlet: Outlet, reg: OutletRegistry): boolean {
  return creditNames(name).some((cand) => namesOutlet(cand, outlet, reg));
}

/**
 * Every credit of an article, article credits first, in the order they stand. Credits naming the
 * article's own outlet are left out. `scope: 'article'` reads only the whole-article credits (the
 * clean stage's and the start and end patterns), which is all a family's label needs: the passage
 * patterns scan the whole text, the costly part on a long article.
 */
export function findCredits(article: DedupInput, reg: OutletRegistry, p: DedupParams, scope: 'article' | 'all' = 'all'): FoundCredit[] {
  const own = identifyOutlet(article, reg);
  const isOwn = (name: string): boolean => own !== undefined && creditNamesOutlet(name, own, reg);
  const out: FoundCredit[] = [];
  const seen = new Set<string>();
  const push = (c: FoundCredit): void => {
    const key = `${c.scope}\u0000${c.rule}\u0000${normaliseName(c.name)}`;
    if (seen.has(key) || isOwn(c.name)) return;
    seen.add(key);
    out.push(c);
  };
  for (const c of article.credits) {
    if (!ARTICLE_ROLES.has(c.role)) continue;
    const outlet = resolve(c.name, reg);
    push({ name: c.name, ...(outlet ? { outlet } : {}), scope: 'article', rule: `credit:${c.role}`, text: c.name });
  }
  const text = article.text;
  for (const { id, where, partial, regex } of WHOLE) {
    const offset = where === 'end' ? Math.max(0, text.length - FILE.endChars.value) : 0;
    const edge = FILE.edgeChars.value;
    const slice =
      where === 'start' ? text.slice(0, FILE.startChars.value) : where === 'end' ? text.slice(offset) : text.length > 2 * edge ? `${text.slice(0, edge)}\n${text.slice(-edge)}` : text;
    regex.lastIndex = 0;
    for (const m of slice.matchAll(regex)) {
      const name = m.groups?.name;
      if (!name) continue;
      const outlet = resolve(name, reg);
      // A pattern match only counts when the name is a known outlet; the story's outlets are matched later.
      push({ name, ...(outlet ? { outlet } : {}), scope: 'article', rule: id, text: m[0].trim(), ...(partial ? { partial } : {}) });
    }
  }
  if (scope === 'article') return out;
  for (const { id, regex } of p.attributions) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) {
      const name = m.groups?.name;
      if (!name) continue;
      const outlet = resolve(name, reg);
      push({ name, ...(outlet ? { outlet } : {}), scope: 'passage', rule: id, text: m[0].trim() });
    }
  }
  return out;
}

/** The credits of `article` that name `outlet`, article credits first. */
export function creditsTo(credits: readonly FoundCredit[], outlet: Outlet, reg: OutletRegistry): FoundCredit[] {
  return credits.filter((c) => (c.outlet ? c.outlet.key === outlet.key : creditNamesOutlet(c.name, outlet, reg)));
}

/** How a credit reads in evidence: `"(AFP) -" (dateline-credit)`. */
export function describeCredit(c: FoundCredit): string {
  return `"${c.text.length > 80 ? `${c.text.slice(0, 77)}…` : c.text}" (${c.rule})`;
}

/**
 * The outlet a family's text is credited to, when its articles credit one that publishes none of
 * them: the outlet most of its members credit as the author of their whole text (a listed outlet,
 * or a clean-stage source credit as written), ties to the one the original credits. A partial
 * credit ("X contributed to this report") does not count. Undefined when no member credits an
 * outlet outside the family.
 */
export function familyCredit(family: Pick<Family, 'originalId' | 'members'>, articles: ReadonlyMap<string, DedupInput>, reg: OutletRegistry, p: DedupParams, found?: ReadonlyMap<string, readonly FoundCredit[]>): FamilyCredit | undefined {
  const members = family.members.map((m) => articles.get(m.articleId)).filter((a): a is DedupInput => a !== undefined);
  const ownOutlets = members.map((a) => identifyOutlet(a, reg)).filter((o): o is Outlet => o !== undefined);
  const tally = new Map<string, { outlet: Outlet; articles: Set<string>; evidence: string[]; original: boolean }>();
  for (const a of members) {
    const credits = found?.get(a.id) ?? findCredits(a, reg, p, 'article');
    for (const c of credits) {
      if (c.scope !== 'article' || c.partial) continue;
      const outlet: Outlet | undefined = c.outlet ?? (c.rule === 'credit:source' ? { key: normaliseName(c.name), name: c.name, aliases: [c.name], kind: 'outlet' } : undefined);
      if (!outlet) continue;
      if (ownOutlets.some((o) => o.key === outlet.key || creditNamesOutlet(c.name, o, reg))) continue;
      const t = tally.get(outlet.key) ?? { outlet, articles: new Set<string>(), evidence: [], original: false };
      if (!t.articles.has(a.id)) t.evidence.push(`${a.id} credits its text to ${outlet.name}: ${describeCredit(c)}`);
      t.articles.add(a.id);
      if (a.id === family.originalId) t.original = true;
      tally.set(outlet.key, t);
    }
  }
  const best = [...tally.values()].sort((x, y) => y.articles.size - x.articles.size || Number(y.original) - Number(x.original) || x.outlet.key.localeCompare(y.outlet.key))[0];
  if (!best) return undefined;
  return {
    key: best.outlet.key,
    name: best.outlet.name,
    kind: best.outlet.kind,
    articleIds: [...best.articles],
    evidence: [
      ...best.evidence,
      `${best.articles.size} of ${members.length} article(s) credit ${best.outlet.name}, which publishes none of them: the family is ${best.outlet.name}'s ${best.outlet.kind === 'agency' || best.outlet.kind === 'state-media' ? 'wire copy' : 'text'}`,
    ],
  };
}

/**
 * Label families with the outlet their text is credited to ({@link familyCredit}). Families read
 * back from a store lack the label (it is recomputed from the articles' credits); pass them here.
 */
export function labelFamilies(families: readonly Family[], articles: readonly DedupInput[], reg: OutletRegistry, p: DedupParams): Family[] {
  const byId = new Map(articles.map((a) => [a.id, a] as const));
  return families.map((f) => {
    const credit = familyCredit(f, byId, reg, p);
    const plain: Family = { id: f.id, storyId: f.storyId, originalId: f.originalId, members: f.members };
    return credit ? { ...plain, creditedTo: credit } : plain;
  });
}
