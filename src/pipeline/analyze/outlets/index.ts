/**
 * Which outlet each article of a story comes from, and the story's distinct outlets with their
 * kind, country and language (the report's `outlets`). Pure: the same story and registry give the
 * same answer.
 *
 * Each article is resolved by the first of these that names an outlet:
 * 1. its URL's domain (`domain`), else the page's site name when it is one (not a file name);
 * 2. its own credits as the clean stage found them: a site label fused to its first lines
 *    (`site-label`), a "Source: X" or "— AFP" credit (`credit`), an agency dateline such as
 *    "Tehran (IP)-" or "(Reuters) -" (`dateline`), a listed outlet first; photo credits never count
 *    (a picture bought from an agency says nothing about the text);
 * 3. its family: a copy of a text whose other copy names its outlet shares that outlet (`credit`,
 *    the copy named in the evidence);
 * otherwise it is `unknown`. An entry of the user's outlets file gives the basis `user`.
 *
 * An unknown article that relays exactly one listed outlet ("Khamenei.ir reported") says so in the
 * evidence of the unknown entry, but is not taken to be that outlet: on 500 real articles stripped
 * of their URL, that guess named the wrong outlet every time it was tried (24 of 24: "CNN reported"
 * in The Hill, "New York Times reported" in the BBC).
 */
import type { CitationGraph } from '../../../model/framing.js';
import type { OutletBasis, OutletRecord, ReportOutlet } from '../../../model/outlet.js';
import { hostOf, normaliseName, type OutletRegistry } from '../../dedup/outlets.js';
import type { StoryArticle } from '../input.js';

/**
 * What the resolver reads of an article. `fileLabel`: the file name a text without URL or site
 * name was read from, when the loader has put the outlet's name in `site` instead
 * ({@link nameFileLabels}); the resolver reads the article as it was, so the name it was given
 * never counts as a site name the article states.
 */
export type OutletArticle = Pick<StoryArticle, 'id' | 'site' | 'familyId' | 'credits'> & { readonly url?: string; readonly derivation?: StoryArticle['derivation']; readonly fileLabel?: string };

/** One article's outlet as resolved. */
export interface ResolvedOutlet {
  readonly articleId: string;
  readonly key: string;
  readonly name: string;
  readonly record?: OutletRecord;
  readonly basis: OutletBasis;
  readonly evidence?: string;
}

/** Key of the entry gathering the articles whose outlet is not known. */
export const UNKNOWN_OUTLET = 'unknown';

/** File names (and `file.jsonl#3` lines) the loader falls back to as a site: never an outlet. */
const FILE_NAME = /(?:^|[\\/])[^\\/]*\.(?:txt|text|html?|xhtml|md|markdown|json|jsonl|ndjson|xml|rss|atom|eml|mht|warc|gz|zip)(?:#\d+)?$/i;

/** Whether a site label is the file name a text without site name or URL was read from (`notes.txt`, `feed.jsonl#3`). */
export function isFileLabel(site: string): boolean {
  return FILE_NAME.test(site.trim());
}
/** The credit roles that name the article's own outlet or its text's origin, strongest first. */
const ROLE_ORDER = ['site-label', 'source', 'dateline', 'agency'] as const;
const ROLE_BASIS: Readonly<Record<(typeof ROLE_ORDER)[number], OutletBasis>> = { 'site-label': 'site-label', source: 'credit', dateline: 'dateline', agency: 'credit' };
/** Which basis names an article most directly (an outlet entry takes its articles' most direct one). */
const BASIS_RANK: readonly OutletBasis[] = ['domain', 'site-label', 'user', 'dateline', 'credit', 'unknown'];

function basisOf(record: OutletRecord | undefined, basis: OutletBasis): OutletBasis {
  return record?.origin === 'user' ? 'user' : basis;
}

function listed(registry: OutletRegistry, key: string): OutletRecord | undefined {
  return registry.record(key);
}

/** The site as a name the article states (a page's site name), or undefined when it is a file name or the URL's host. */
function siteName(a: OutletArticle, host: string | undefined): string | undefined {
  const s = a.site.trim();
  if (s.length === 0 || FILE_NAME.test(s)) return undefined;
  if (host !== undefined && s.toLowerCase().replace(/^www\./, '') === host) return undefined;
  return s;
}

/** A site name as pages write it, and without the tagline after a dash or bar ("Yahoo News - Latest News & Headlines"). */
function siteLookup(registry: OutletRegistry, site: string): ReturnType<OutletRegistry['byName']> {
  return registry.byName(site) ?? registry.byName(site.split(/\s+[-|–—:]\s+|\s*\|\s*/u)[0] ?? site);
}

/** Steps 1 and 2: what the article itself says of its outlet. */
function ownOutlet(a: OutletArticle, registry: OutletRegistry): ResolvedOutlet | undefined {
  const host = a.url ? hostOf(a.url) : undefined;
  const site = siteName(a, host);
  if (host !== undefined) {
    const o = registry.byHost(host);
    const record = o ? listed(registry, o.key) : undefined;
    if (o) return { articleId: a.id, key: o.key, name: o.name, ...(record ? { record } : {}), basis: basisOf(record, 'domain'), evidence: host };
    // An unlisted domain still names its outlet: by the page's site name when it gives one that the registry knows.
    const bySite = site !== undefined ? siteLookup(registry, site) : undefined;
    const siteRecord = bySite ? listed(registry, bySite.key) : undefined;
    if (bySite) return { articleId: a.id, key: bySite.key, name: bySite.name, ...(siteRecord ? { record: siteRecord } : {}), basis: basisOf(siteRecord, 'site-label'), evidence: `site name "${site}" (${host})` };
    return { articleId: a.id, key: host, name: site ?? host, basis: 'domain', evidence: host };
  }
  if (site !== undefined) {
    const o = siteLookup(registry, site);
    const record = o ? listed(registry, o.key) : undefined;
    if (o) return { articleId: a.id, key: o.key, name: o.name, ...(record ? { record } : {}), basis: basisOf(record, 'site-label'), evidence: `site name "${site}"` };
  }
  const credits = ROLE_ORDER.flatMap((role) => a.credits.filter((c) => c.role === role));
  for (const c of credits) {
    const o = registry.byName(c.name);
    if (!o) continue;
    const record = listed(registry, o.key);
    return { articleId: a.id, key: o.key, name: o.name, ...(record ? { record } : {}), basis: basisOf(record, ROLE_BASIS[c.role as (typeof ROLE_ORDER)[number]]), evidence: c.name };
  }
  // An unlisted site name, site label or "Source: X" still names an outlet (an abbreviation in a dateline does not).
  if (site !== undefined) return { articleId: a.id, key: normaliseName(site), name: site, basis: 'site-label', evidence: `site name "${site}"` };
  const named = credits.find((c) => (c.role === 'site-label' || c.role === 'source') && normaliseName(c.name).length >= 3);
  if (named) return { articleId: a.id, key: normaliseName(named.name), name: named.name, basis: ROLE_BASIS[named.role as 'site-label' | 'source'], evidence: named.name };
  return undefined;
}

/** The one listed outlet an article relays ("Khamenei.ir reported"), when it cites no other listed outlet. */
function relayedOutlet(a: OutletArticle, citations: CitationGraph | undefined, registry: OutletRegistry): ResolvedOutlet | undefined {
  if (!citations) return undefined;
  const cited = new Map<string, { record: OutletRecord | undefined; name: string; text: string; reported: boolean }>();
  for (const e of citations.edges) {
    for (const ev of e.evidence) {
      if (ev.articleId !== a.id || ev.cue.startsWith('credit:')) continue;
      const node = citations.nodes.find((n) => n.id === e.to);
      const o = registry.byName(node?.name ?? e.to);
      if (!o) continue;
      const prev = cited.get(o.key);
      const reported = /\breport(?:ed|s)\b/i.test(ev.text);
      if (!prev || (!prev.reported && reported)) cited.set(o.key, { record: listed(registry, o.key), name: o.name, text: ev.text, reported });
    }
  }
  if (cited.size !== 1) return undefined;
  const [key, c] = [...cited.entries()][0]!;
  if (!c.reported) return undefined;
  return { articleId: a.id, key, name: c.name, ...(c.record ? { record: c.record } : {}), basis: basisOf(c.record, 'credit'), evidence: c.text };
}

/**
 * Resolve every article's outlet (see the module comment). Returns one entry per article, in the
 * articles' order.
 */
export function resolveArticleOutlets(given: readonly OutletArticle[], registry: OutletRegistry, citations?: CitationGraph): ResolvedOutlet[] {
  const articles = given.map((a) => (a.fileLabel !== undefined ? { ...a, site: a.fileLabel } : a));
  const own = new Map(articles.map((a) => [a.id, ownOutlet(a, registry)] as const));
  return articles.map((a) => {
    const mine = own.get(a.id);
    if (mine) return mine;
    // The family's original first: a copy's text is its original's, whoever else reposted it.
    const kin = articles
      .filter((b) => b.id !== a.id && b.familyId === a.familyId && own.get(b.id) !== undefined)
      .sort((x, y) => Number(y.derivation === 'original') - Number(x.derivation === 'original'))[0];
    const theirs = kin ? own.get(kin.id) : undefined;
    if (kin && theirs) return { ...theirs, articleId: a.id, basis: theirs.basis === 'user' ? 'user' : 'credit', evidence: `same text as ${kin.id} (${theirs.evidence ?? theirs.name})` };
    const relayed = relayedOutlet(a, citations, registry);
    return { articleId: a.id, key: UNKNOWN_OUTLET, name: 'Unknown outlet', basis: 'unknown', ...(relayed ? { evidence: `${a.id} relays ${relayed.name}: "${relayed.evidence ?? ''}"` } : {}) };
  });
}

/** How an article of no known outlet read from a file is named: `Unknown outlet 2`. */
export function unknownOutletLabel(n: number): string {
  return `Unknown outlet ${n}`;
}

/**
 * Name the outlet of every article whose site label is a file name (a text without URL or site
 * name): the outlet it is recognised as (its credits, dateline, or its family's), else
 * `Unknown outlet N` (numbered by file label in reading order), so no file name ever stands for an
 * outlet in the analyses, the JSON or the web UI. The file name is kept as `fileLabel`, which the
 * resolver reads instead of `site`. Other articles are returned as they are.
 */
export function nameFileLabels<T extends OutletArticle>(articles: readonly T[], registry: OutletRegistry): T[] {
  if (!articles.some((a) => isFileLabel(a.site))) return [...articles];
  const resolved = resolveArticleOutlets(articles, registry);
  const unknown = new Map<string, string>();
  return articles.map((a, i) => {
    if (!isFileLabel(a.site)) return a;
    const r = resolved[i]!;
    let name = r.key !== UNKNOWN_OUTLET ? r.name : unknown.get(a.site);
    if (name === undefined) {
      name = unknownOutletLabel(unknown.size + 1);
      unknown.set(a.site, name);
    }
    return { ...a, site: name, fileLabel: a.site };
  });
}

/** The story's distinct outlets from its articles' resolved ones, listed outlets first by number of articles, then by name. */
export function storyOutlets(resolved: readonly ResolvedOutlet[]): ReportOutlet[] {
  const byKey = new Map<string, ResolvedOutlet[]>();
  for (const r of resolved) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const out = [...byKey.entries()].map(([key, rs]): ReportOutlet => {
    const best = [...rs].sort((x, y) => BASIS_RANK.indexOf(x.basis) - BASIS_RANK.indexOf(y.basis))[0]!;
    const record = rs.find((r) => r.record)?.record;
    if (key === UNKNOWN_OUTLET) {
      const relays = rs.flatMap((r) => (r.evidence !== undefined ? [r.evidence] : []));
      return { key, name: best.name, kind: null, country: null, language: null, articles: rs.map((r) => r.articleId), basis: 'unknown', ...(relays.length > 0 ? { evidence: relays.join('; ') } : {}) };
    }
    return {
      key,
      name: record?.name ?? best.name,
      kind: record?.kind ?? null,
      country: record?.country ?? null,
      language: record?.language ?? null,
      articles: rs.map((r) => r.articleId),
      basis: best.basis,
      ...(best.evidence !== undefined ? { evidence: best.evidence } : {}),
    };
  });
  const rank = (o: ReportOutlet): number => (o.key === UNKNOWN_OUTLET ? 2 : o.kind === null ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b) || b.articles.length - a.articles.length || a.name.localeCompare(b.name));
}
