/**
 * Page metadata: title, byline, site name, dates, language and canonical URL.
 *
 * Each field is read from the most trusted place that has it, in this order:
 * JSON-LD (schema.org Article and kin) → OpenGraph / `article:` properties → other `<meta>` names
 * → the page itself (`<time>`, `<title>`, `<h1>`, `rel=author`) → the URL → the document's hints
 * (feed or JSONL fields). Dates keep where they came from in {@link DateValue.source}.
 */
import type { DateValue } from '../../model/article.js';
import type { DocumentHints } from '../../model/document.js';
import { HtmlElement, HtmlText, rawText, type HtmlTree } from './dom.js';
import { dateFromUrl, mostPrecise, parseDate } from './dates.js';

export interface PageMetadata {
  readonly title?: string;
  readonly byline?: string;
  readonly siteName?: string;
  readonly published?: DateValue;
  readonly modified?: DateValue;
  readonly declaredLanguage?: string;
  readonly canonicalUrl?: string;
}

/** schema.org types whose fields describe the article on the page. */
const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'reviewnewsarticle',
  'backgroundnewsarticle', 'askpublicnewsarticle', 'blogposting', 'liveblogposting', 'socialmediaposting', 'scholarlyarticle',
  'techarticle', 'report', 'review', 'creativework', 'webpage', 'itempage', 'medicalwebpage', 'videoobject', 'recipe',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
}

/** Every object in a JSON-LD block, through arrays and `@graph`. */
function collectObjects(v: Json, out: JsonObject[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(v)) for (const x of v) collectObjects(x, out, depth + 1);
  else if (isObject(v)) {
    out.push(v);
    const graph = v['@graph'];
    if (graph !== undefined) collectObjects(graph, out, depth + 1);
  }
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') {
    const s = clean(v);
    return s === '' ? undefined : s;
  }
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

/** Names from a schema.org author/publisher value: a string, a Person/Organization, or a list. */
function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return isNameLike(v) ? [clean(v)] : [];
  if (Array.isArray(v)) return v.flatMap((x) => names(x));
  if (isObject(v)) {
    const n = str(v['name']);
    return n !== undefined && isNameLike(n) ? [n] : [];
  }
  return [];
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A byline, not a URL or an id. */
function isNameLike(s: string): boolean {
  const t = s.trim();
  return t !== '' && t.length <= 200 && !/^https?:\/\//i.test(t) && !/^[\w.-]+@[\w.-]+$/.test(t);
}

/** How well a JSON-LD object describes the article: 3 for an Article, 2 for other creative works, 1 for the web page, 0 for anything else. */
function rankArticle(o: JsonObject): number {
  const ts = types(o);
  if (ts.some((t) => t.endsWith('newsarticle') || t === 'article' || t === 'blogposting' || t === 'liveblogposting' || t === 'report')) return 3;
  if (ts.some((t) => ARTICLE_TYPES.has(t) && t !== 'webpage' && t !== 'itempage')) return 2;
  if (ts.includes('webpage') || ts.includes('itempage')) return 1;
  return 0;
}

interface PageFacts {
  readonly meta: Map<string, string>;
  readonly jsonLd: JsonObject[];
  readonly titleText?: string;
  readonly h1?: string;
  readonly htmlLang?: string;
  readonly canonical?: string;
  readonly relAuthor?: string;
  readonly itempropAuthor?: string;
  readonly timePublished?: string;
  readonly timeModified?: string;
  readonly timeFirst?: string;
}

/** One walk over the tree collects everything metadata is read from. */
function collectFacts(tree: HtmlTree): PageFacts {
  const meta = new Map<string, string>();
  const jsonLd: JsonObject[] = [];
  let titleText: string | undefined;
  let h1: string | undefined;
  let htmlLang: string | undefined;
  let canonical: string | undefined;
  let relAuthor: string | undefined;
  let itempropAuthor: string | undefined;
  let timePublished: string | undefined;
  let timeModified: string | undefined;
  let timeFirst: string | undefined;
  for (const el of tree.elements) {
    const a = el.attrs;
    switch (el.tag) {
      case 'meta': {
        const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? a['http-equiv'])?.trim().toLowerCase();
        const content = a['content'];
        if (key && content !== undefined && content.trim() !== '' && !meta.has(key)) meta.set(key, content.trim());
        break;
      }
      case 'script':
        if ((a['type'] ?? '').trim().toLowerCase() === 'application/ld+json') {
          try {
            collectObjects(JSON.parse(rawText(el).replace(/^\s*<!--|-->\s*$/g, '')) as Json, jsonLd);
          } catch {
            // Broken JSON-LD is common; the other sources still apply.
          }
        }
        break;
      case 'title':
        if (titleText === undefined && !insideForeign(el)) titleText = clean(rawText(el));
        break;
      case 'h1':
        if (h1 === undefined) h1 = clean(visibleText(el)) || undefined;
        break;
      case 'html':
        if (htmlLang === undefined && a['lang']) htmlLang = a['lang'];
        break;
      case 'link': {
        const rel = (a['rel'] ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical') && canonical === undefined && a['href']) canonical = a['href'].trim();
        break;
      }
      case 'a':
        if (relAuthor === undefined && (a['rel'] ?? '').toLowerCase().split(/\s+/).includes('author')) relAuthor = clean(visibleText(el)) || undefined;
        break;
      case 'time': {
        const dt = a['datetime'] ?? a['content'];
        if (dt === undefined) break;
        const prop = (a['itemprop'] ?? '').toLowerCase();
        const cls = (a['class'] ?? '').toLowerCase();
        if (timePublished === undefined && (prop === 'datepublished' || a['pubdate'] !== undefined || /publish|posted|pubdate/.test(cls))) timePublished = dt;
        if (timeModified === undefined && (prop === 'datemodified' || /modif|updated/.test(cls))) timeModified = dt;
        if (timeFirst === undefined && !insideFurniture(el)) timeFirst = dt;
        break;
      }
    }
    if (itempropAuthor === undefined && (a['itemprop'] ?? '').toLowerCase() === 'author' && el.tag !== 'meta') {
      const nameEl = el.children.find((c): c is HtmlElement => c instanceof HtmlElement && (c.attrs['itemprop'] ?? '').toLowerCase() === 'name');
      itempropAuthor = clean(visibleText(nameEl ?? el)) || undefined;
    }
  }
  return { meta, jsonLd, titleText, h1, htmlLang, canonical, relAuthor, itempropAuthor, timePublished, timeModified, timeFirst };
}

function insideForeign(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'svg' || p.tag === 'math') return true;
  return false;
}

/** Inside parts of the page that list other articles (their dates are not this article's). */
function insideFurniture(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.tag === 'aside' || p.tag === 'nav' || p.tag === 'footer' || p.tag === 'li') return true;
    const c = `${p.attrs['class'] ?? ''} ${p.attrs['id'] ?? ''}`.toLowerCase();
    if (/related|sidebar|comment|recommend|widget|teaser|promo/.test(c)) return true;
  }
  return false;
}

function visibleText(el: HtmlElement): string {
  let out = '';
  const stack: (HtmlElement | HtmlText)[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n instanceof HtmlText) out += n.data;
    else if (n.tag !== 'script' && n.tag !== 'style' && n.tag !== 'noscript') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

function firstMeta(meta: Map<string, string>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = meta.get(k);
    if (v !== undefined && v.trim() !== '') return v;
  }
  return undefined;
}

function firstDate(meta: Map<string, string>, keys: readonly string[], source: DateValue['source']): DateValue | undefined {
  for (const k of keys) {
    const d = parseDate(meta.get(k), source);
    if (d) return d;
  }
  return undefined;
}

const OG_PUBLISHED = ['article:published_time', 'og:article:published_time', 'og:published_time', 'article:published'];
const META_PUBLISHED = [
  'datepublished', 'date.published', 'article.published', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time',
  'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created',
  'date', 'citation_publication_date', 'citation_date', 'cxenseparse:recs:publishtime', 'original-publish-date', 'article_date_original', 'displaydate',
];
const OG_MODIFIED = ['article:modified_time', 'og:updated_time', 'og:article:modified_time', 'article:modified'];
const META_MODIFIED = ['datemodified', 'date.modified', 'article.updated', 'lastmod', 'last-modified', 'dcterms.modified', 'dc.date.modified', 'revised'];

/** Read the page's metadata, falling back to the document's hints. */
export function extractMetadata(tree: HtmlTree, hints: DocumentHints): PageMetadata {
  const facts = collectFacts(tree);
  const { meta } = facts;
  const articles = facts.jsonLd.filter((o) => rankArticle(o) > 0).sort((x, y) => rankArticle(y) - rankArticle(x));
  const ld = articles[0];
  const ldAny = (key: string): Json | undefined => {
    for (const o of articles) if (o[key] !== undefined && o[key] !== null) return o[key];
    return undefined;
  };

  const siteName =
    firstMeta(meta, ['og:site_name', 'application-name', 'twitter:app:name:iphone']) ??
    names(ld?.['publisher'] ?? null)[0] ??
    names(facts.jsonLd.find((o) => types(o).some((t) => t === 'organization' || t === 'newsmediaorganization' || t === 'website'))?.['name'] ?? null)[0] ??
    hints.siteName;

  // The first title that is not just the site's name (blogs often title every page with it).
  const host = hostLabel(facts.canonical ?? hints.url);
  const titles = [
    str(ld?.['headline']),
    firstMeta(meta, ['og:title', 'twitter:title', 'dc.title', 'title', 'sailthru.title', 'parsely-title']),
    facts.titleText,
    facts.h1,
  ];
  let title: string | undefined;
  for (const candidate of titles) {
    const cleaned = cleanTitle(candidate, siteName, host);
    if (cleaned !== undefined && !sameName(cleaned, siteName) && !sameName(cleaned, host)) {
      title = cleaned;
      break;
    }
  }
  title ??= hints.title;

  const authorNames = names(ldAny('author') ?? null);
  const metaAuthor = firstMeta(meta, ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'twitter:creator']);
  const byline =
    (authorNames.length > 0 ? [...new Set(authorNames)].join(', ') : undefined) ??
    (metaAuthor !== undefined && isNameLike(metaAuthor) && !metaAuthor.startsWith('@') ? clean(metaAuthor) : undefined) ??
    facts.itempropAuthor ??
    facts.relAuthor ??
    hints.author;

  const hinted = hints.published ? parseDate(hints.published, 'hint') : undefined;
  const published = mostPrecise([
    parseDate(str(ldAny('datePublished')) ?? str(ldAny('dateCreated')), 'json-ld'),
    firstDate(meta, OG_PUBLISHED, 'opengraph'),
    firstDate(meta, META_PUBLISHED, 'meta'),
    parseDate(facts.timePublished, 'time-element'),
    parseDate(facts.timeFirst, 'time-element'),
    dateFromUrl(facts.canonical ?? hints.url),
    dateFromUrl(hints.url),
    hinted,
  ]);

  const modified =
    parseDate(str(ldAny('dateModified')), 'json-ld') ?? firstDate(meta, OG_MODIFIED, 'opengraph') ?? firstDate(meta, META_MODIFIED, 'meta') ?? parseDate(facts.timeModified, 'time-element');

  const declaredLanguage =
    primaryLanguage(facts.htmlLang) ??
    primaryLanguage(meta.get('og:locale')) ??
    primaryLanguage(meta.get('content-language')) ??
    primaryLanguage(meta.get('language')) ??
    primaryLanguage(str(ldAny('inLanguage'))) ??
    primaryLanguage(hints.language);

  const canonicalUrl = absolute(facts.canonical ?? meta.get('og:url'), hints.url);

  return { title, byline, siteName, published, modified, declaredLanguage, canonicalUrl };
}

/** `en-US`, `en_US`, `EN` → `en`; undefined for anything that is not a language tag. */
export function primaryLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*\s*$/i.exec(tag);
  return m ? m[1]!.toLowerCase() : undefined;
}

function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Letters and digits only, lowercased: `The Portside Courier` → `theportsidecourier`. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameName(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = squash(a);
  return x !== '' && (x === squash(b) || x === squash(b).replace(/^the/, ''));
}

/** The distinctive label of a URL's host: `www.riverside-weekly.example` → `riverside-weekly`. */
function hostLabel(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const labels = new URL(url).hostname.replace(/^www\d*\./, '').split('.');
    return labels.length >= 2 ? labels[0] : undefined;
  } catch {
    return undefined;
  }
}

/** Drop a site-name part from a title (`Headline | Site`, `Site - Headline`). */
function cleanTitle(title: string | undefined, siteName: string | undefined, host: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const t = clean(title);
  if (t === '') return undefined;
  const isSite = (part: string): boolean => {
    const p = part.trim();
    if (sameName(p, siteName) || sameName(p, host)) return true;
    const site = siteName ? squash(siteName) : '';
    return p.length >= 3 && site !== '' && site.includes(squash(p));
  };
  const tail = /^(.*\S)\s+(?:[|–—·•:»-]|::)\s+([^|–—·•»]+)$/.exec(t);
  if (tail && isSite(tail[2]!)) return tail[1]!;
  const head = /^([^|–—·•»]+?)\s+(?:[|–—·•:»-]|::)\s+(\S.*)$/.exec(t);
  if (head && isSite(head[1]!)) return head[2]!;
  return t;
}
