/**
 * Outlets as the pages name and count them: each article's outlet by name (the report's resolved
 * outlets where present, else the site label, else the page's host; never a file path), and the
 * story's sources by kind and country as a compact stacked bar with a line of text.
 */
import { h } from './dom.js';
import type { StoryReport } from './api.js';
import type { OutletKind, ReportOutlet } from '../model/outlet.js';

/** What kind of outlet an outlet is (the outlet registry's kinds). */
export type OutletKindView = OutletKind;

/** One outlet of a story as the report gives it (`report.outlets`); read defensively, since an analysis stored by an older version has none. */
export type OutletView = ReportOutlet;

/** How each kind reads on the page, in the order the bar draws them. */
export const KIND_LABEL: Readonly<Record<OutletKindView | 'unknown', string>> = {
  state: 'state',
  'public-broadcaster': 'public broadcaster',
  agency: 'agency',
  private: 'private',
  aggregator: 'aggregator',
  unknown: 'kind unknown',
};
const KIND_ORDER = Object.keys(KIND_LABEL) as (OutletKindView | 'unknown')[];

/** The report's outlets when it has them and they look right; an empty list otherwise. */
export function reportOutlets(r: StoryReport | undefined): OutletView[] {
  const list = (r as { outlets?: unknown } | undefined)?.outlets;
  if (!Array.isArray(list)) return [];
  return list.filter((o): o is OutletView => {
    const x = o as Partial<OutletView> | null;
    return typeof x === 'object' && x !== null && typeof x.name === 'string' && typeof x.key === 'string' && Array.isArray(x.articles);
  }).map((o) => ({ ...o, kind: o.kind && o.kind in KIND_LABEL ? o.kind : null, country: typeof o.country === 'string' && o.country !== '' ? o.country : null }));
}

/** A site label that is really a file's name or path (text inputs): never shown as an outlet. */
export function looksLikePath(site: string): boolean {
  return (/[\\/]/.test(site) && !/^https?:/i.test(site)) || /\.(txt|html?|xhtml|md|json|jsonl|xml|warc|gz|zip|eml|text)$/i.test(site.trim());
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

/** An article as the namer needs it. */
export interface NamedArticle {
  readonly id: string;
  readonly site?: string;
  readonly url?: string;
}

/**
 * Outlet names by article id and by the raw site labels the report uses: the report's outlet for
 * the article, else the site label unless it is a path, else the page's host, else "Unknown outlet
 * N" (one number per distinct raw label, so different unknown outlets stay apart).
 */
export class OutletNames {
  private readonly byArticle = new Map<string, string>();
  private readonly bySite = new Map<string, string>();
  private readonly siteOf = new Map<string, string>();
  private unknown = 0;

  constructor(articles: readonly NamedArticle[], outlets: readonly OutletView[]) {
    const outletOf = new Map<string, OutletView>();
    for (const o of outlets) for (const a of o.articles) outletOf.set(a, o);
    const labels = new Map<string, number>();
    for (const a of articles) {
      const raw = a.site ?? '';
      if (raw !== '') this.siteOf.set(a.id, raw);
      const outlet = outletOf.get(a.id);
      // An outlet the report could not recognise keeps the page's own site label when it has one.
      const name = (outlet && outlet.basis !== 'unknown' ? outlet.name : undefined) ?? this.bySite.get(raw) ?? (outlet && (raw.trim() === '' || looksLikePath(raw)) && !hostOf(a.url) ? outlet.name : this.plain(raw, a.url));
      this.byArticle.set(a.id, name);
      if (raw === '' || this.bySite.has(raw)) continue;
      // Two labels the report keeps apart (its rows, its chart's lines) stay apart when they name one outlet.
      const n = (labels.get(name) ?? 0) + 1;
      labels.set(name, n);
      this.bySite.set(raw, n === 1 ? name : raw !== name && !looksLikePath(raw) ? raw : `${name} (${n})`);
    }
  }

  private plain(site: string, url: string | undefined): string {
    if (site.trim() !== '' && !looksLikePath(site)) return site;
    return hostOf(url) ?? `Unknown outlet ${++this.unknown}`;
  }

  /** The outlet of article `id`, or the name for raw label `site` when the article is not known. */
  name(site: string, articleId?: string): string {
    // Where the report labels this article apart from another of the same outlet, the page does too.
    const label = articleId === undefined ? undefined : this.siteOf.get(articleId);
    if (label !== undefined && this.bySite.has(label)) return this.bySite.get(label)!;
    const byId = articleId === undefined ? undefined : this.byArticle.get(articleId);
    if (byId !== undefined) return byId;
    const known = this.bySite.get(site);
    if (known !== undefined) return known;
    const name = this.plain(site, undefined);
    this.bySite.set(site, name);
    return name;
  }

  /**
   * A copy of `value` with every `site` (and outlet `name`) that is a raw label of this story put
   * as the outlet's name, so charts and lists drawn from it name outlets the same way.
   */
  relabel<T>(value: T): T {
    const paths = [...this.bySite].filter(([raw]) => looksLikePath(raw)).sort((a, b) => b[0].length - a[0].length);
    const walk = (v: unknown, key?: string): unknown => {
      if (Array.isArray(v)) return v.map((x) => walk(x));
      if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
      if (typeof v !== 'string') return v;
      if ((key === 'site' || key === 'name') && this.bySite.has(v)) return this.bySite.get(v);
      // Labels and reasons the report composed around a site label that is a file's name ("x.txt's report").
      if (key === 'label' || key === 'reason') return paths.reduce((text, [raw, name]) => text.split(raw).join(name), v);
      return v;
    };
    return walk(value) as T;
  }
}

/** A region's English name for an ISO 3166-1 alpha-2 code, the code when the browser has none. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

interface KindGroup {
  readonly kind: OutletKindView | 'unknown';
  readonly outlets: OutletView[];
}

function groups(outlets: readonly OutletView[]): KindGroup[] {
  const by = new Map<OutletKindView | 'unknown', OutletView[]>();
  for (const o of outlets) {
    const k = o.kind ?? 'unknown';
    by.set(k, [...(by.get(k) ?? []), o]);
  }
  return KIND_ORDER.filter((k) => by.has(k)).map((kind) => ({ kind, outlets: by.get(kind)! }));
}

function countries(outlets: readonly OutletView[]): string[] {
  return [...new Set(outlets.map((o) => o.country).filter((c): c is string => c !== null))];
}

/** "4 outlets: 3 state · IR, 1 private · GB". */
export function outletLine(outlets: readonly OutletView[]): string {
  const parts = groups(outlets).map((g) => {
    const where = countries(g.outlets);
    return `${g.outlets.length} ${KIND_LABEL[g.kind]}${where.length > 0 ? ` · ${where.join('/')}` : ''}`;
  });
  return `${outlets.length} ${outlets.length === 1 ? 'outlet' : 'outlets'}: ${parts.join(', ')}`;
}

/**
 * The sources by kind and country: the line of text, a stacked bar (one segment per kind, sized by
 * its outlets, titled with their names), and the outlets listed with kind, country and articles.
 * Without resolved outlets, the story's outlets by name, their kind not known.
 */
export function outletsView(outlets: readonly OutletView[]): HTMLElement {
  const total = Math.max(1, outlets.length);
  const bar = h('div', { class: 'outlet-bar', role: 'img', aria: { label: outletLine(outlets) } },
    ...groups(outlets).map((g) => {
      const where = countries(g.outlets);
      const seg = h('span', {
        class: `seg kind-${g.kind}`,
        data: { kind: g.kind, count: String(g.outlets.length), countries: where.join(' ') },
        title: `${g.outlets.length} ${KIND_LABEL[g.kind]}${where.length > 0 ? ` (${where.map(countryName).join(', ')})` : ''}: ${g.outlets.map((o) => o.name).join(', ')}`,
      }, `${g.outlets.length} ${KIND_LABEL[g.kind]}${where.length > 0 ? ` · ${where.join('/')}` : ''}`);
      // Set through the CSSOM (not a style attribute): the segment's share of the bar.
      seg.style.flexGrow = String(g.outlets.length / total);
      return seg;
    }));
  return h('div', { class: 'outlets-view' },
    h('p', { class: 'outlet-line' }, outletLine(outlets)),
    bar,
    h('ul', { class: 'outlet-list' }, ...outlets.map((o) =>
      h('li', { data: { outlet: o.key, kind: o.kind ?? 'unknown' } },
        h('span', { class: `dot kind-${o.kind ?? 'unknown'}` }), ' ',
        h('strong', {}, o.name),
        h('span', { class: 'muted' }, ` — ${KIND_LABEL[o.kind ?? 'unknown']}${o.country ? `, ${countryName(o.country)}` : ''}${o.language ? `, ${o.language}` : ''} · ${o.articles.length} ${o.articles.length === 1 ? 'article' : 'articles'}`),
        o.evidence ? h('span', { class: 'muted basis', title: `Named from its ${o.basis}` }, ` (${o.basis}: “${o.evidence}”)`) : o.basis && o.basis !== 'unknown' ? h('span', { class: 'muted basis' }, ` (${o.basis})`) : null))));
}

/** Outlets for the bar when the report has none resolved: one per outlet name, kind unknown. */
export function outletsFromArticles(articles: readonly { readonly id: string }[], names: OutletNames): OutletView[] {
  const by = new Map<string, string[]>();
  for (const a of articles) {
    const n = names.name('', a.id);
    by.set(n, [...(by.get(n) ?? []), a.id]);
  }
  return [...by].map(([name, ids]) => ({ key: name, name, kind: null, country: null, language: null, articles: ids, basis: 'site-label' as const }));
}
