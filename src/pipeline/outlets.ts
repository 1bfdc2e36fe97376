/**
 * Outlets across stories: which outlets a database holds (`parallax outlets`) and one outlet's
 * profile (`parallax outlet NAME`), computed from the stories' STORED reports (see `analyses.ts`):
 * each report names its articles' outlets (`report.outlets`, `articles[].outletKey`), families and
 * derivations, citations, naming and coverage. Nothing is re-analysed here; a story not analysed
 * yet is counted as such. Kind, country and language come from the registry in use (so a user's
 * outlets file applies at once), else from the report.
 *
 * Every figure carries its evidence: story ids, article ids, claim ids.
 */
import { createError } from '../errors.js';
import type { OutletKind, ReportOutlet } from '../model/outlet.js';
import type { StoryReport } from '../model/report.js';
import type { Store } from '../store/store.js';
import { firstReports } from './analyze/first-reports.js';
import { UNKNOWN_OUTLET } from './analyze/outlets/index.js';
import { hostOf, normaliseName, type OutletRegistry } from './dedup/outlets.js';

/** One stored report as the profiles read it. */
export interface ReportRow {
  readonly storyId: string;
  readonly report: StoryReport;
}

/** An outlet of the database, for the list. */
export interface OutletSummary {
  readonly key: string;
  readonly name: string;
  readonly kind: OutletKind | null;
  readonly country: string | null;
  readonly language: string | null;
  /** Whether the registry lists it (else it is named by its domain, site name or a credit only). */
  readonly listed: boolean;
  readonly articles: number;
  readonly stories: number;
  /** How its articles were recognised, with counts. */
  readonly basis: Readonly<Record<string, number>>;
}

/** Ids that back a figure. */
export interface Evidence {
  readonly stories: readonly string[];
  readonly articles: readonly string[];
  readonly claims?: readonly string[];
}

/** Another outlet related to this one (copied from, copying it, cited). */
export interface RelatedOutlet {
  readonly key: string;
  readonly name: string;
  readonly count: number;
  readonly evidence: Evidence;
}

export interface OutletProfile extends OutletSummary {
  readonly owner: string | null;
  readonly reason: string | null;
  readonly source: string | null;
  /** Stories with at least one of its articles, per ISO week (Monday) of the article's publication; `undated` last. */
  readonly weeks: readonly { readonly week: string; readonly stories: number; readonly articles: number; readonly evidence: Evidence }[];
  /** Share of its articles that are copies (derivation verbatim, partial or rewrite) and whose originals they copy. */
  readonly copies: { readonly count: number; readonly share: number; readonly evidence: Evidence; readonly of: readonly RelatedOutlet[] };
  /** Other outlets' articles that copy one of its articles (it holds their family's original). */
  readonly copiedBy: readonly RelatedOutlet[];
  /** Sources its articles cite ("reported AFP", "according to IRNA", credits), with the citing articles. */
  readonly cites: readonly { readonly name: string; readonly count: number; readonly evidence: Evidence }[];
  /** Of the stories where at least two outlets are dated, how often it is (among) the first to report. */
  readonly first: { readonly ranked: number; readonly first: number; readonly rate: number | null; readonly evidence: Evidence };
  /** Loaded terms in its own voice for a referent that another outlet of the same story names with a plain term. */
  readonly loadedTerms: readonly { readonly term: string; readonly referent: string; readonly count: number; readonly othersPlain: readonly string[]; readonly evidence: Evidence }[];
  /** Claims only its family carries, over the claims it carries. */
  readonly alone: { readonly count: number; readonly carried: number; readonly rate: number | null; readonly evidence: Evidence };
  /** Claims carried by at least two other families that it leaves out, over all claims carried by at least two other families. */
  readonly leavesOut: { readonly count: number; readonly widelyCarried: number; readonly rate: number | null; readonly evidence: Evidence };
  /** Languages of its articles. */
  readonly languages: readonly { readonly language: string; readonly articles: number; readonly evidence: Evidence }[];
}

/** The outlets of a database, and how many stored stories had no outlets to read. */
export interface OutletList {
  readonly outlets: readonly OutletSummary[];
  /** Stories whose report is stored with outlets. */
  readonly stories: number;
  /** Stories with a stored report from before reports named outlets (run `parallax analyze --story …` again). */
  readonly withoutOutlets: readonly string[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Every stored report, page by page (fresh or stale: a story's last analysis). */
export async function readStoredReports(store: Store): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.analysis.page('report', after, 100);
    if (page.length === 0) break;
    for (const row of page) rows.push({ storyId: row.storyId, report: JSON.parse(row.body) as StoryReport });
    after = page[page.length - 1]!.storyId;
  }
  return rows;
}

/** Registry fields of an outlet when listed, else the report's. */
function describe(key: string, fromReport: ReportOutlet | undefined, registry: OutletRegistry): Pick<OutletProfile, 'name' | 'kind' | 'country' | 'language' | 'listed' | 'owner' | 'reason' | 'source'> {
  const r = registry.record(key);
  return {
    name: r?.name ?? fromReport?.name ?? key,
    kind: r?.kind ?? fromReport?.kind ?? null,
    country: r?.country ?? fromReport?.country ?? null,
    language: r?.language ?? fromReport?.language ?? null,
    listed: r !== undefined,
    owner: r?.owner ?? null,
    reason: r?.reason ?? null,
    source: r?.source ?? null,
  };
}

/** The outlets of the stored reports: articles and stories each, most articles first. The unknown entry is left out. */
export function listOutlets(rows: readonly ReportRow[], registry: OutletRegistry): OutletList {
  const acc = new Map<string, { outlet: ReportOutlet; articles: Set<string>; stories: Set<string>; basis: Record<string, number> }>();
  const withoutOutlets: string[] = [];
  for (const { storyId, report } of rows) {
    if (!Array.isArray(report.outlets)) {
      withoutOutlets.push(storyId);
      continue;
    }
    for (const o of report.outlets) {
      if (o.key === UNKNOWN_OUTLET) continue;
      const e = acc.get(o.key) ?? { outlet: o, articles: new Set<string>(), stories: new Set<string>(), basis: {} as Record<string, number> };
      for (const a of o.articles) e.articles.add(a);
      e.stories.add(storyId);
      e.basis[o.basis] = (e.basis[o.basis] ?? 0) + o.articles.length;
      acc.set(o.key, e);
    }
  }
  const outlets = [...acc.entries()].map(([key, e]): OutletSummary => {
    const d = describe(key, e.outlet, registry);
    return { key, name: d.name, kind: d.kind, country: d.country, language: d.language, listed: d.listed, articles: e.articles.size, stories: e.stories.size, basis: e.basis };
  });
  outlets.sort((a, b) => b.articles - a.articles || b.stories - a.stories || a.name.localeCompare(b.name));
  return { outlets, stories: rows.length - withoutOutlets.length, withoutOutlets };
}

/**
 * The key of the outlet `name` means: a key or domain, a registry name or alias, or the name an
 * outlet of the stored reports goes by. Undefined when none matches.
 */
export function findOutletKey(name: string, rows: readonly ReportRow[], registry: OutletRegistry): string | undefined {
  const q = name.trim();
  const present = new Map<string, string>();
  for (const { report } of rows) for (const o of report.outlets ?? []) if (o.key !== UNKNOWN_OUTLET) present.set(o.key, o.name);
  if (present.has(q.toLowerCase())) return q.toLowerCase();
  const host = hostOf(q.includes('://') ? q : `https://${q}`);
  const byHost = host !== undefined && q.includes('.') ? registry.byHost(host) : undefined;
  if (byHost) return byHost.key;
  const byName = registry.byName(q);
  if (byName) return byName.key;
  const n = normaliseName(q);
  for (const [key, shown] of present) if (normaliseName(shown) === n || normaliseName(key) === n) return key;
  return undefined;
}

/** ISO date of the Monday of the week of an ISO date or datetime; undefined when it is no date. */
function weekOf(published: string | undefined): string | undefined {
  const m = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null;
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return undefined;
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

class Tally {
  private readonly m = new Map<string, { name: string; stories: Set<string>; articles: Set<string>; claims: Set<string>; count: number }>();
  add(key: string, name: string, storyId: string, articles: readonly string[], claims: readonly string[] = [], count = 1): void {
    const e = this.m.get(key) ?? { name, stories: new Set<string>(), articles: new Set<string>(), claims: new Set<string>(), count: 0 };
    e.stories.add(storyId);
    for (const a of articles) e.articles.add(a);
    for (const c of claims) e.claims.add(c);
    e.count += count;
    this.m.set(key, e);
  }
  list(): RelatedOutlet[] {
    return [...this.m.entries()]
      .map(([key, e]) => ({ key, name: e.name, count: e.count, evidence: { stories: uniq(e.stories), articles: uniq(e.articles), ...(e.claims.size > 0 ? { claims: uniq(e.claims) } : {}) } }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }
}

/**
 * The profile of outlet `key` over the stored reports (see {@link OutletProfile} and README
 * "Outlet profiles" for what each figure means). Undefined when no stored report names it.
 */
export function outletProfile(rows: readonly ReportRow[], key: string, registry: OutletRegistry): OutletProfile | undefined {
  let seen: ReportOutlet | undefined;
  const basis: Record<string, number> = {};
  const myArticles = new Set<string>();
  const myStories = new Set<string>();
  const weeks = new Map<string, { stories: Set<string>; articles: Set<string> }>();
  const copyArticles: string[] = [];
  const copyStories = new Set<string>();
  const copiesOf = new Tally();
  const copiedBy = new Tally();
  const cites = new Tally();
  const firstStories: string[] = [];
  const rankedStories: string[] = [];
  const firstArticles: string[] = [];
  const loaded = new Map<string, { term: string; referent: string; count: number; plain: Set<string>; stories: Set<string>; articles: Set<string> }>();
  const alone = { claims: new Set<string>(), carried: new Set<string>(), stories: new Set<string>(), articles: new Set<string>() };
  const leaves = { claims: new Set<string>(), widely: new Set<string>(), stories: new Set<string>() };
  const languages = new Map<string, { stories: Set<string>; articles: Set<string> }>();

  for (const { storyId, report } of rows) {
    const outlets = report.outlets ?? [];
    const mine = outlets.find((o) => o.key === key);
    if (!mine) continue;
    seen ??= mine;
    basis[mine.basis] = (basis[mine.basis] ?? 0) + mine.articles.length;
    myStories.add(storyId);
    const outletOf = new Map<string, ReportOutlet>();
    for (const o of outlets) for (const a of o.articles) outletOf.set(a, o);
    const mineIds = new Set(mine.articles);
    const articles = report.articles.filter((a) => mineIds.has(a.id));
    for (const a of articles) {
      myArticles.add(a.id);
      const w = weekOf(a.published) ?? 'undated';
      const we = weeks.get(w) ?? { stories: new Set<string>(), articles: new Set<string>() };
      we.stories.add(storyId);
      we.articles.add(a.id);
      weeks.set(w, we);
      const lang = a.language ?? 'und';
      const le = languages.get(lang) ?? { stories: new Set<string>(), articles: new Set<string>() };
      le.stories.add(storyId);
      le.articles.add(a.id);
      languages.set(lang, le);
    }
    // Copies: its articles derived from a family's original, and others' copies of its originals.
    const originals = new Map<string, string>();
    for (const a of report.articles) if (a.derivation === 'original') originals.set(a.familyId, a.id);
    for (const a of articles) {
      if (a.derivation === 'original') continue;
      copyArticles.push(a.id);
      copyStories.add(storyId);
      const orig = originals.get(a.familyId);
      const o = orig !== undefined ? outletOf.get(orig) : undefined;
      if (orig !== undefined && o) copiesOf.add(o.key, o.name, storyId, [a.id, orig]);
    }
    for (const a of report.articles) {
      if (a.derivation === 'original' || mineIds.has(a.id)) continue;
      const orig = originals.get(a.familyId);
      if (orig === undefined || !mineIds.has(orig)) continue;
      const o = outletOf.get(a.id);
      if (o) copiedBy.add(o.key, o.name, storyId, [a.id, orig]);
    }
    // Citations: edges whose evidence lies in its articles.
    for (const e of report.citations.edges) {
      const node = report.citations.nodes.find((n) => n.id === e.to);
      const inMine = e.evidence.filter((ev) => mineIds.has(ev.articleId));
      if (inMine.length === 0) continue;
      const name = node?.name ?? e.to;
      const listedKey = registry.byName(name)?.key;
      if (listedKey === key) continue;
      cites.add(listedKey ?? `name:${normaliseName(name)}`, name, storyId, inMine.map((ev) => ev.articleId), [], inMine.length);
    }
    // First report: the story's outlets ordered by their earliest dated article.
    const order = firstReports(report.articles.flatMap((a) => {
      const o = outletOf.get(a.id);
      return o && o.key !== UNKNOWN_OUTLET ? [{ id: a.id, site: o.key, ...(a.published !== undefined ? { published: a.published } : {}) }] : [];
    }));
    const dated = order.filter((e) => e.rank !== undefined);
    if (dated.length >= 2 && dated.some((e) => e.site === key)) {
      rankedStories.push(storyId);
      const me = dated.find((e) => e.site === key)!;
      if (me.rank === 1) {
        firstStories.push(storyId);
        firstArticles.push(me.articleId);
      }
    }
    // Loaded terms in its own voice, where another outlet names the referent plainly.
    for (const n of report.naming) {
      const uses = n.outlets.flatMap((o) => o.uses.map((u) => ({ site: o.site, u })));
      const ofUse = (u: (typeof uses)[number]): string | undefined => outletOf.get(u.u.occurrences[0]?.articleId ?? '')?.key;
      const plainByOthers = uniq(uses.filter((x) => x.u.voice === 'own' && x.u.tone !== 'loaded' && ofUse(x) !== key).map((x) => x.u.term));
      if (plainByOthers.length === 0) continue;
      for (const x of uses) {
        if (x.u.voice !== 'own' || x.u.tone !== 'loaded') continue;
        const occ = x.u.occurrences.filter((o) => mineIds.has(o.articleId));
        if (occ.length === 0) continue;
        const id = `${n.neutral}\u0000${x.u.term}`;
        const e = loaded.get(id) ?? { term: x.u.term, referent: n.neutral, count: 0, plain: new Set<string>(), stories: new Set<string>(), articles: new Set<string>() };
        e.count += occ.length;
        for (const p of plainByOthers) e.plain.add(p);
        e.stories.add(storyId);
        for (const o of occ) e.articles.add(o.articleId);
        loaded.set(id, e);
      }
    }
    // Coverage: claims only its family carries; claims carried by two other families that it leaves out.
    const myFamilies = new Set(articles.map((a) => a.familyId));
    for (const c of report.coverage) {
      if (!c.articleIds.some((id) => mineIds.has(id))) continue;
      for (const id of c.carried) alone.carried.add(id);
      for (const id of c.alone) alone.claims.add(id);
      if (c.alone.length > 0) alone.stories.add(storyId);
      for (const id of c.articleIds) if (mineIds.has(id)) alone.articles.add(id);
    }
    const carriedByMe = new Set(report.coverage.filter((c) => c.articleIds.some((id) => mineIds.has(id))).flatMap((c) => c.carried));
    for (const claim of report.claims) {
      const others = new Set(claim.supports.filter((s) => !myFamilies.has(s.familyId)).map((s) => s.familyId));
      if (others.size < 2) continue;
      leaves.widely.add(claim.id);
      if (!carriedByMe.has(claim.id) && !claim.supports.some((s) => mineIds.has(s.articleId))) {
        leaves.claims.add(claim.id);
        leaves.stories.add(storyId);
      }
    }
  }
  if (!seen) return undefined;
  const d = describe(key, seen, registry);
  const weekList = [...weeks.entries()]
    .sort(([a], [b]) => (a === 'undated' ? 1 : b === 'undated' ? -1 : a.localeCompare(b)))
    .map(([week, e]) => ({ week, stories: e.stories.size, articles: e.articles.size, evidence: { stories: uniq(e.stories), articles: uniq(e.articles) } }));
  return {
    key,
    ...d,
    articles: myArticles.size,
    stories: myStories.size,
    basis,
    weeks: weekList,
    copies: { count: copyArticles.length, share: ratio(copyArticles.length, myArticles.size) ?? 0, evidence: { stories: uniq(copyStories), articles: uniq(copyArticles) }, of: copiesOf.list() },
    copiedBy: copiedBy.list(),
    cites: cites.list().map((c) => ({ name: c.name, count: c.count, evidence: c.evidence })),
    first: { ranked: rankedStories.length, first: firstStories.length, rate: ratio(firstStories.length, rankedStories.length), evidence: { stories: uniq(firstStories), articles: uniq(firstArticles) } },
    loadedTerms: [...loaded.values()]
      .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
      .map((e) => ({ term: e.term, referent: e.referent, count: e.count, othersPlain: uniq(e.plain), evidence: { stories: uniq(e.stories), articles: uniq(e.articles) } })),
    alone: { count: alone.claims.size, carried: alone.carried.size, rate: ratio(alone.claims.size, alone.carried.size), evidence: { stories: uniq(alone.stories), articles: uniq(alone.articles), claims: uniq(alone.claims) } },
    leavesOut: { count: leaves.claims.size, widelyCarried: leaves.widely.size, rate: ratio(leaves.claims.size, leaves.widely.size), evidence: { stories: uniq(leaves.stories), articles: [], claims: uniq(leaves.claims) } },
    languages: [...languages.entries()]
      .sort((a, b) => b[1].articles.size - a[1].articles.size || a[0].localeCompare(b[0]))
      .map(([language, e]) => ({ language, articles: e.articles.size, evidence: { stories: uniq(e.stories), articles: uniq(e.articles) } })),
  };
}

/** The outlets of a store's stored reports (see {@link listOutlets}). */
export async function storeOutlets(store: Store, registry: OutletRegistry): Promise<OutletList> {
  return listOutlets(await readStoredReports(store), registry);
}

/**
 * The profile of outlet `name` (key, domain, name or alias) from a store's stored reports. Throws
 * `OUTLET_NOT_FOUND` naming `location` when no stored report names such an outlet.
 */
export async function storeOutletProfile(store: Store, name: string, registry: OutletRegistry, location: string): Promise<OutletProfile> {
  const rows = await readStoredReports(store);
  const key = findOutletKey(name, rows, registry);
  const profile = key !== undefined ? outletProfile(rows, key, registry) : undefined;
  if (!profile) throw createError('OUTLET_NOT_FOUND', { name, db: location });
  return profile;
}
