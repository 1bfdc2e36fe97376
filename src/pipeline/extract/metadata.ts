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
import { readFileSync } from 'node:fs';
import { HtmlElement, HtmlText, rawText, type HtmlTree } from './dom.js';
import { atOffset, dateFromUrl, daysInText, mostPrecise, parseDate, valueOffset, type WrittenDay } from './dates.js';

interface MetadataRules {
  readonly dateContainers: { readonly value: readonly string[] };
  readonly abbrDateClasses: { readonly value: readonly string[] };
  readonly updatedWords: { readonly value: readonly string[] };
  readonly publishedWords: { readonly value: readonly string[] };
  readonly bylinePrefixes: { readonly value: readonly string[] };
  readonly bylineContainers: { readonly value: readonly string[] };
  readonly bylineStopWords: { readonly value: readonly string[] };
  readonly metaDateKeys: { readonly value: readonly string[] };
  readonly weekdays: { readonly value: readonly string[] };
  readonly pageTextMinRepeats: { readonly value: number };
  readonly nearHeadline: { readonly value: { readonly elements: number; readonly textChars: number; readonly lineChars: number } };
  readonly urlDateLeadDays: { readonly value: number };
  readonly feedMinDays: { readonly value: number };
}

// Read at run time rather than imported: JSON modules are still experimental (and warn) on Node 20.
const RULES = JSON.parse(readFileSync(new URL('./rules/metadata.json', import.meta.url), 'utf8')) as MetadataRules;
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DATE_CONTAINER = new RegExp(RULES.dateContainers.value.map(escape).join('|'));
const ABBR_CLASSES = new Set(RULES.abbrDateClasses.value);
/** `<meta>` keys in a page's own vocabulary that end like a publication date's (`five:uploaded`, `x_publish_date`). */
const META_DATE_KEY = new RegExp(`(?:^|[:._-])(?:${RULES.metaDateKeys.value.map(escape).join('|')})$`, 'i');
const BYLINE_CONTAINER = new RegExp(RULES.bylineContainers.value.map(escape).join('|'));
const DATE_LABEL = 1;
const FURNITURE_LABEL = 2;
const BYLINE_LABEL = 4;
const NOT_BYLINE_LABEL = 8;
/** What a class, id, itemprop or rel value names, as bits (cached: pages repeat the same few values on thousands of elements). */
const labelKinds = new Map<string, number>();

function labelKind(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  let kind = labelKinds.get(value);
  if (kind === undefined) {
    const v = value.toLowerCase();
    kind =
      (DATE_CONTAINER.test(v) ? DATE_LABEL : 0) |
      (/(?:^|[\s_-])(?:footer|comment)/.test(v) ? FURNITURE_LABEL : 0) |
      (BYLINE_CONTAINER.test(v) ? BYLINE_LABEL : 0) |
      (/avatar|image|photo|bio\b|description|authority/.test(v) ? NOT_BYLINE_LABEL : 0);
    if (labelKinds.size >= 20_000) labelKinds.clear();
    labelKinds.set(value, kind);
  }
  return kind;
}

/** Elements whose first text may be a byline label ('Written by:', 'Author', 'By'). */
const LABEL_TAGS = new Set(['p', 'em', 'i', 'strong', 'b', 'span', 'div', 'li', 'dt', 'small', 'address', 'cite']);
/** A text that is only a byline label. */
const BYLINE_LABEL_ONLY = new RegExp(`^\\s*(?:${[...RULES.bylinePrefixes.value].sort((a, b) => b.length - a.length).map(escape).join('|')})\\s*:?\\s*$`, 'iu');

/** Elements never read as a date line or a byline. */
const UNLABELLED_TAGS = new Set(['script', 'style', 'meta', 'link']);
const BYLINE_PREFIX = new RegExp(`^(?:${[...RULES.bylinePrefixes.value].sort((a, b) => b.length - a.length).map(escape).join('|')})(?:\\s*:)?\\s+`, 'iu');
const BYLINE_STOP = new RegExp(`(?:,\\s*|\\s+|^)(?:${RULES.bylineStopWords.value.map(escape).join('|')})\\b`, 'iu');
/** A publication label right before a date: `Published: `, `Datum `, `Veröffentlicht am `. */
const PUBLISHED_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${RULES.publishedWords.value.map(escape).join('|')})\\s*:?\\s*(?:\\p{L}+,?\\s+){0,2}$`, 'iu');
/** A weekday left at the end of a byline once its date is cut: `Tove Ekdahl Tue,`. */
const TRAILING_WEEKDAY = new RegExp(`[\\s,]+(?:on\\s+)?(?:${RULES.weekdays.value.map(escape).join('|')})\\.?[\\s,]*$`, 'iu');
/** An update label anywhere in a line. */
const UPDATED_WORD = new RegExp(`(?:${RULES.updatedWords.value.map(escape).join('|')})`, 'iu');
/** An update label right before a date: `Updated: `, `Aktualisiert am `. */
/** A line that opens with an update label: `Updated:`, `Last modified on`, `Stand:`. */
const UPDATED_LABEL = new RegExp(`^\\s*(?:${RULES.updatedWords.value.map(escape).join('|')})(?:\\s*:|\\s+(?:on|am|le|el|il|em|op)\\s|\\s*(?=\\d))`, 'iu');
const UPDATED_BEFORE = new RegExp(`(?:${RULES.updatedWords.value.map(escape).join('|')})\\W{0,3}(?:\\p{L}+\\W{1,3}){0,2}$`, 'iu');

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

/** Named character references JSON-LD strings carry when a CMS escapes HTML into them. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' };

/**
 * HTML character references left in a JSON-LD string (`&#8216;The Medium&#8217;`, `&amp;`): a script's
 * text is not decoded by the parser, and many CMSs write their HTML-escaped titles into it.
 */
function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') {
    const s = clean(decodeReferences(v));
    return s === '' ? undefined : s;
  }
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

/** Names from a schema.org author/publisher value: a string, a Person/Organization, or a list. */
function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return isNameLike(v) ? [clean(decodeReferences(v))] : [];
  if (Array.isArray(v)) return v.flatMap((x) => names(x));
  if (isObject(v)) {
    const n = str(v['name']);
    return n !== undefined && isNameLike(n) ? [n] : [];
  }
  return [];
}

/** Authors from a schema.org value, each with whether it is an organisation rather than a person. */
function authorsOf(v: Json | undefined): { name: string; organisation: boolean }[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return isNameLike(v) ? [{ name: clean(v), organisation: false }] : [];
  if (Array.isArray(v)) return v.flatMap((x) => authorsOf(x));
  if (isObject(v)) {
    const n = str(v['name']);
    const organisation = types(v).some((t) => t.includes('organization') || t === 'newsmediaorganization' || t === 'corporation');
    return n !== undefined && isNameLike(n) ? [{ name: n, organisation }] : [];
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
  /** The first `<abbr>` outside furniture whose title is a date (`<abbr title="Friday, 6 October 2017">`). */
  readonly abbrAny?: string;
  /** The days of the `<abbr title>` dates outside furniture (up to 50): on a page of posts, each post's. */
  readonly abbrDays: readonly string[];
  /** Where the `<time>` of {@link timePublished} is (element index; -1 when none). */
  readonly timePublishedIndex: number;
  /** A `<meta>` in the page's own vocabulary whose key ends like a publication date's. */
  readonly ownMetaDate?: string;
  /** The title or text of an `<abbr class="published">` (Blogger, hAtom). */
  readonly abbrDate?: string;
  /** Short texts of elements whose class or id names a date or meta line, in page order. */
  readonly dateTexts: readonly DateLine[];
  /** The text of the first short line that opens with an update label ('Updated: …', 'Stand: …'), outside lists of other pages. */
  readonly updatedLine?: string;
  /** `<time>` elements outside furniture, in page order (their datetime, or the day they show when it differs). */
  readonly times: readonly { readonly el: HtmlElement; readonly dt: string; readonly index: number }[];
  /** Where the first headline outside furniture opens (element index), if any. */
  readonly h1Index?: number;
  /** The first `<h2>`s outside furniture, before any `<h1>` (a page without one may show its headline as an `<h2>`). */
  readonly h2s: readonly { readonly index: number; readonly text: string }[];
  /** Names read from elements whose class, id or rel names an author or byline, in page order. */
  readonly bylineEls: readonly HtmlElement[];
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
  let timePublishedIndex = -1;
  let abbrAny: string | undefined;
  const abbrDays: string[] = [];
  let ownMetaDate: string | undefined;
  let timeModified: string | undefined;
  let timeFirst: string | undefined;
  let abbrDate: string | undefined;
  let updatedLine: string | undefined;
  const dateTexts: DateLine[] = [];
  const times: { el: HtmlElement; dt: string; index: number }[] = [];
  const bylineEls: HtmlElement[] = [];
  const h2s: { index: number; text: string }[] = [];
  let h1Index: number | undefined;
  for (const el of tree.elements) {
    const a = el.attrs;
    switch (el.tag) {
      case 'meta': {
        const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? a['http-equiv'])?.trim().toLowerCase();
        const content = a['content'];
        if (key && content !== undefined && content.trim() !== '' && !meta.has(key)) meta.set(key, content.trim());
        if (ownMetaDate === undefined && key && content !== undefined && META_DATE_KEY.test(key) && !/modif|updat/.test(key)) ownMetaDate = content.trim();
        break;
      }
      case 'script':
        if ((a['type'] ?? '').trim().toLowerCase() === 'application/ld+json') {
          const parsed = parseLooseJson(rawText(el));
          if (parsed !== undefined) collectObjects(parsed, jsonLd);
        }
        break;
      case 'title':
        if (titleText === undefined && !insideForeign(el)) titleText = clean(rawText(el));
        break;
      case 'h1': {
        const text = h1 === undefined || h1Index === undefined ? clean(visibleText(el)) : '';
        if (h1 === undefined) h1 = text || undefined;
        // A headline has words: an <h1> holding only the site's logo image is not one.
        if (h1Index === undefined && text !== '' && !insideTeaserList(el) && !/logo|brand|site/i.test(`${a['class'] ?? ''} ${a['id'] ?? ''}`)) h1Index = el.index;
        break;
      }
      case 'h2':
        // A headline the page's og:title repeats is the page's own, even in a wrapper classed as a teaser ('teaser-body').
        if (h1Index === undefined && h2s.length < 10) {
          const text = clean(visibleText(el));
          const own = meta.get('og:title') ?? titleText;
          if (!insideTeaserList(el) || (own !== undefined && text.length >= 12 && overlap(text, own) >= 0.8)) h2s.push({ index: el.index, text });
        }
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
        if (relAuthor === undefined && a['rel'] !== undefined && a['rel'].toLowerCase().split(/\s+/).includes('author') && !insideFurniture(el)) relAuthor = cleanByline(boundedText(el, 120));
        break;
      case 'abbr': {
        const cls = (a['class'] ?? '').toLowerCase().split(/\s+/);
        if (a['title'] !== undefined && abbrDays.length < 50 && /\d{4}/.test(a['title']) && !insideFurniture(el)) {
          const day = daysInText(a['title'])[0];
          if (day !== undefined) {
            abbrAny ??= a['title'];
            abbrDays.push(day.value);
          }
        }
        if (abbrDate === undefined && cls.some((c) => ABBR_CLASSES.has(c))) {
          const written = [a['title'], boundedText(el, 200)].find((x) => x !== undefined && (parseDate(x, 'time-element') ?? daysInText(x)[0]) !== undefined);
          if (written !== undefined) abbrDate = written;
        }
        break;
      }
      case 'time': {
        const dt = a['datetime'] ?? a['content'] ?? boundedText(el, 100);
        if (dt === undefined) break;
        const prop = (a['itemprop'] ?? '').toLowerCase();
        const cls = (a['class'] ?? '').toLowerCase();
        if ((timePublished === undefined || (h1Index !== undefined && timePublishedIndex < h1Index)) && !insideFurniture(el) && (prop === 'datepublished' || a['pubdate'] !== undefined || /publish|posted|pubdate/.test(cls))) {
          timePublished = stampOf(el, dt);
          timePublishedIndex = el.index;
        }
        if (timeModified === undefined && (prop === 'datemodified' || /modif|updated/.test(cls))) timeModified = dt;
        if (times.length < 50 && !insideFurniture(el)) {
          times.push({ el, dt, index: el.index });
          timeFirst ??= stampOf(el, dt);
        }
        break;
      }
    }
    // Class, id, itemprop and rel are read once, and only elements that have one of them are tested.
    const cls = a['class'];
    const id = a['id'];
    const itemprop = a['itemprop'];
    const rel = a['rel'];
    // A visible label opens a byline whatever the class: `<p>Written by: <a>Name</a></p>`, `<li><strong>Author</strong> Name</li>`.
    if (bylineEls.length < 20 && LABEL_TAGS.has(el.tag)) {
      const first = el.children[0];
      if (first instanceof HtmlText && first.data.length <= 40 && BYLINE_LABEL_ONLY.test(first.data) && !insideOtherArticles(el) && !insideTeaserList(el)) {
        const target = el.children.length === 1 && el.parent !== null ? el.parent : el;
        if (!bylineEls.includes(target)) bylineEls.push(target);
      }
    }
    if (updatedLine === undefined && LABEL_TAGS.has(el.tag)) {
      const first = el.children[0];
      if (first instanceof HtmlText && first.data.length <= 80 && UPDATED_LABEL.test(first.data) && !insideOtherArticles(el)) {
        const text = boundedText(el, 150);
        if (text !== undefined && /\d{4}/.test(text)) updatedLine = text;
      }
    }
    if ((cls === undefined && id === undefined && itemprop === undefined && rel === undefined) || UNLABELLED_TAGS.has(el.tag)) continue;
    const label = labelKind(cls) | labelKind(id) | labelKind(itemprop);
    if (dateTexts.length < 60 && (label & DATE_LABEL) !== 0) dateTexts.push(new DateLine(el, (label & FURNITURE_LABEL) !== 0));
    if (bylineEls.length < 20 && el.tag !== 'img') {
      const withRel = label | labelKind(rel);
      if ((withRel & BYLINE_LABEL) !== 0 && (withRel & NOT_BYLINE_LABEL) === 0 && !insideOtherArticles(el)) bylineEls.push(el);
    }
    if (itempropAuthor === undefined && itemprop !== undefined && itemprop.toLowerCase() === 'author' && el.tag !== 'meta') {
      const nameEl = el.children.find((c): c is HtmlElement => c instanceof HtmlElement && (c.attrs['itemprop'] ?? '').toLowerCase() === 'name');
      itempropAuthor = cleanByline(boundedText(nameEl ?? el, 150));
    }
  }
  return { meta, jsonLd, titleText, h1, htmlLang, canonical, relAuthor, itempropAuthor, timePublished, timeModified, timeFirst, timePublishedIndex, abbrDate, abbrAny, abbrDays, ownMetaDate, dateTexts, updatedLine, times, h1Index, h2s, bylineEls };
}

/** An element whose class or id names a date or meta line; its text is read only when a date is looked for there. */
class DateLine {
  readonly index: number;
  private read?: { text?: string; furniture: boolean };
  constructor(
    private readonly el: HtmlElement,
    private readonly labelledFurniture: boolean,
  ) {
    this.index = el.index;
  }

  private get facts(): { text?: string; furniture: boolean } {
    if (!this.read) {
      const text = boundedText(this.el, 300);
      this.read = { text: text !== undefined && /\d/.test(text) ? text : undefined, furniture: this.labelledFurniture || insideFurniture(this.el) };
    }
    return this.read;
  }

  /**
   * Inside a list of other pages (a widget, a sidebar, the site's footer) that does not hold the
   * headline: its dates are theirs. A line the page marks up as the publication date
   * (`itemprop="datePublished"`) is the article's wherever it sits.
   */
  foreign(headline: HtmlElement | undefined): boolean {
    return (this.el.attrs['itemprop'] ?? '').toLowerCase() !== 'datepublished' && insideListOfOthers(this.el, headline);
  }

  get text(): string | undefined {
    return this.facts.text;
  }

  get furniture(): boolean {
    return this.facts.furniture;
  }
}

/** A `<time>`'s datetime, or the day it shows when that contradicts it (the reader sees the written one). */
function stampOf(el: HtmlElement, dt: string): string {
  const shown = el.attrs['datetime'] !== undefined ? boundedText(el, 100) : undefined;
  const shownDay = shown !== undefined ? daysInText(shown)[0]?.value : undefined;
  return shownDay !== undefined && !dt.startsWith(shownDay) ? shownDay : dt;
}

/**
 * A byline as a list of names: leading "By", "Von", "Par", "View all posts by" dropped; cut where a
 * date, a handle, a role or a bio starts; undefined when what is left does not look like names.
 */
export function cleanByline(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let t = clean(raw);
  for (let i = 0; i < 3; i++) {
    const m = BYLINE_PREFIX.exec(t);
    if (!m) break;
    t = t.slice(m[0].length);
  }
  const day = daysInText(t)[0];
  if (day) t = t.slice(0, day.index).replace(TRAILING_WEEKDAY, '');
  const stop = BYLINE_STOP.exec(t);
  if (stop) t = t.slice(0, stop.index);
  t = t.replace(/\s+,/g, ',').replace(/\s*(?:[|•·@–—]|\s-\s|\bon\s*$|\bam\s*$|\ble\s*$|\bel\s*$).*$/iu, '').replace(/^[\s,:;.-]+|[\s,:;.-]+$/g, '');
  if (t === '' || t.length > 120 || /\d|https?:|www\.|\.com\b/i.test(t) || BYLINE_LABEL_ONLY.test(t)) return undefined;
  const parts = t.split(/\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*/iu).filter((x) => x !== '');
  if (parts.length === 0 || parts.length > 8) return undefined;
  for (const p of parts) {
    // A parenthesis (a handle, "(with …)") does not count.
    const words = p.replace(/\([^)]*\)?/g, ' ').trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    if (words.length > 5) return undefined;
    // Names are capitalised words (or written in a script without case); particles such as "de", "van", "al" aside.
    if (!words.every((w, i) => /^[\p{Lu}\p{Lo}]/u.test(w) || (i > 0 && w.length <= 3 && /^\p{Ll}+$/u.test(w)))) return undefined;
  }
  return t;
}

/**
 * JSON-LD as pages write it: inside `<![CDATA[ ]]>` or HTML comments, with `//` and block comments,
 * trailing commas, raw line breaks in strings, or several objects one after another.
 */
export function parseLooseJson(source: string): Json | undefined {
  const text = source
    .trim()
    .replace(/^(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>$/g, '')
    .replace(/^\s*<!--|-->\s*$/g, '')
    .trim();
  try {
    return JSON.parse(text) as Json;
  } catch {
    // Repaired below.
  }
  // Outside strings: drop comments and trailing commas; inside: escape raw control characters.
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
      } else if (c === '"') {
        inString = false;
        out += c;
      } else if (c === '\n' || c === '\r' || c === '\t') out += ' ';
      else out += c;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  out = out.replace(/,(\s*[}\]])/g, '$1').trim();
  try {
    return JSON.parse(out) as Json;
  } catch {
    // Several top-level values one after another: `{…}{…}` or `{…}\n{…}`.
    try {
      return JSON.parse(`[${out.replace(/}\s*{/g, '},{')}]`) as Json;
    } catch {
      return undefined;
    }
  }
}

/** An element's visible text, white space collapsed; undefined when longer than `limit` characters. */
function boundedText(el: HtmlElement, limit: number): string | undefined {
  let out = '';
  const stack: (HtmlElement | HtmlText)[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n instanceof HtmlText) {
      out += n.data;
      if (out.length > limit * 3 && clean(out).length > limit) return undefined;
    } else if (n.tag !== 'script' && n.tag !== 'style' && n.tag !== 'noscript') {
      if (n.tag === 'br' || n.tag === 'p' || n.tag === 'div' || n.tag === 'li') out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  const t = clean(out);
  return t.length > limit ? undefined : t;
}

function insideForeign(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'svg' || p.tag === 'math') return true;
  return false;
}

/** Inside parts of the page that list other articles (their dates are not this article's). */
function insideFurniture(el: HtmlElement, headline?: HtmlElement): boolean {
  for (let p = el.parent; p && p.tag !== 'body'; p = p.parent) {
    // A wrapper that holds the headline too is the article's own, whatever its class says ('teaser-body').
    if (headline !== undefined && p.start <= headline.start && headline.end <= p.end) return false;
    if (p.tag === 'aside' || p.tag === 'nav' || p.tag === 'footer' || p.tag === 'li' || p.tag === 'blockquote') return true;
    const c = `${p.attrs['class'] ?? ''} ${p.attrs['id'] ?? ''}`.toLowerCase();
    if (/(?:^|[\s_-])(?:related|sidebar|comment|recommend|widget|teaser|promo(?!ted)|forum)/.test(c)) return true;
  }
  return false;
}

/** Inside a list of other pages: an `<aside>` or `<nav>`, a widget, sidebar or related list, or the site's own footer. */
function insideListOfOthers(el: HtmlElement, headline: HtmlElement | undefined): boolean {
  const layout = layoutSpan(el);
  for (let p = el.parent; p && p.tag !== 'body'; p = p.parent) {
    // A wrapper holding the headline too, or half the page, is the page's layout, not a list of other pages.
    if (headline !== undefined && p.start <= headline.start && headline.end <= p.end) return false;
    if (p.tag === 'aside' || p.tag === 'nav') return true;
    if (p.end - p.start >= layout) continue;
    const id = (p.attrs['id'] ?? '').toLowerCase();
    const c = `${p.attrs['class'] ?? ''} ${id}`.toLowerCase();
    if (id === 'footer' || /(?:^|[\s_-])(?:widget|sidebar|related|recent|teaser|promo(?!ted)|recommend|comment)/.test(c)) return true;
  }
  return false;
}

/**
 * Two fifths of the body's source length: an element spanning more is the page's layout, whatever its
 * class says ('mainwrap sidebar'); a sidebar or a list of teasers is a small part of a page.
 */
function layoutSpan(el: HtmlElement): number {
  let body: HtmlElement = el;
  for (let p = el.parent; p; p = p.parent) {
    body = p;
    if (p.tag === 'body') break;
  }
  return (body.end - body.start) * 0.4;
}

/** Inside an `<aside>`, `<nav>` or a list of teasers (where a headline is another page's). */
function insideTeaserList(el: HtmlElement): boolean {
  const layout = layoutSpan(el);
  for (let p = el.parent; p && p.tag !== 'body'; p = p.parent) {
    if (p.tag === 'aside' || p.tag === 'nav') return true;
    if (p.end - p.start < layout && /(?:^|[\s_-])(?:widget|sidebar|related|teaser|promo(?!ted)|recommend)/.test(`${p.attrs['class'] ?? ''} ${p.attrs['id'] ?? ''}`.toLowerCase())) return true;
  }
  return false;
}

/** Inside reader comments or lists of other articles (a lighter test than {@link insideFurniture}: a byline may sit in a list or a widget). */
function insideOtherArticles(el: HtmlElement): boolean {
  for (let p = el.parent; p && p.tag !== 'body'; p = p.parent) {
    if (p.tag === 'aside' || p.tag === 'nav') return true;
    const c = `${p.attrs['class'] ?? ''} ${p.attrs['id'] ?? ''}`.toLowerCase();
    if (/(?:^|[\s_-])(?:related|comment|recommend|teaser|promo(?!ted)|forum|more-from|also-read)/.test(c)) return true;
  }
  return false;
}

/** An element's text without scripts and styles (and, with `prose`, without code samples, blocks kept apart). */
function visibleText(el: HtmlElement, prose = false): string {
  let out = '';
  const stack: (HtmlElement | HtmlText)[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n instanceof HtmlText) out += n.data;
    else if (n.tag !== 'script' && n.tag !== 'style' && n.tag !== 'noscript' && !(prose && (n.tag === 'pre' || n.tag === 'code'))) {
      if (prose) out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
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
  // JSON-LD's headline, unless the page's visible headline agrees with its <title> or og:title and not
  // with it (some pages put a description there).
  const headline = str(ld?.['headline']);
  const shownTitles = [firstMeta(meta, ['og:title', 'twitter:title']), facts.titleText].filter((x): x is string => x !== undefined);
  // The page's visible headline: its first <h1>, or without one an <h2> its title repeats.
  const shownHeadline = facts.h1 ?? (facts.h1Index === undefined ? facts.h2s.find((h) => h.text.length >= 12 && shownTitles.some((t) => overlap(h.text, t) >= 0.8))?.text : undefined);
  const h1Confirmed = shownHeadline !== undefined && shownTitles.some((t) => overlap(shownHeadline, t) >= 0.8);
  // The visible headline that <title> or og:title repeats word for word (once site names are cut) is the page's own
  // wording: a JSON-LD headline that differs from it and that neither title repeats (the headline without its kicker)
  // yields; one that a title repeats is kept (pages give og:title a social wording of their own).
  const shownClean = shownTitles.map((t) => squash(cleanTitle(t, siteName, host, shownHeadline) ?? ''));
  const ldUnshown = headline !== undefined && shownHeadline !== undefined && shownClean.includes(squash(shownHeadline)) && !shownClean.some((t) => t.startsWith(squash(headline))) && squash(headline) !== squash(shownHeadline);
  const titles = [
    headline !== undefined && !(h1Confirmed && overlap(headline, shownHeadline!) < 0.5) && !ldUnshown ? headline : undefined,
    firstMeta(meta, ['og:title', 'twitter:title', 'dc.title', 'title', 'sailthru.title', 'parsely-title']),
    facts.titleText,
    shownHeadline,
  ];
  let title: string | undefined;
  for (const candidate of titles) {
    // A title cut short ('… for Hong Kong leader...') gives way to another of the page's titles that is not.
    if (candidate === undefined) continue;
    const cut = /^(.*?)\s*(?:\.\.\.|…)\s*$/.exec(candidate)?.[1];
    if (cut !== undefined && titles.some((o) => o !== undefined && o !== candidate && !/(?:\.\.\.|…)\s*$/.test(o) && squash(o).startsWith(squash(cut)))) continue;
    const cleaned = cleanTitle(candidate, siteName, host, shownHeadline);
    if (cleaned !== undefined && !sameName(cleaned, siteName) && !sameName(cleaned, host)) {
      title = cleaned;
      break;
    }
  }
  title ??= hints.title;

  // People before organisations: JSON-LD persons, then the page's visible byline, then an organisation.
  const ldAuthors = authorsOf(ldAny('author') ?? null);
  const persons = ldAuthors.filter((x) => !x.organisation).map((x) => cleanByline(x.name) ?? x.name);
  const publisher = names(ld?.['publisher'] ?? null)[0];
  const isOrganisation = (n: string | undefined): boolean =>
    n !== undefined && (sameName(n, siteName) || sameName(n, publisher) || sameName(n, host) || /\(?www\.|\.(?:com|org|net)\b/i.test(n) || (siteName !== undefined && squash(siteName).length > 3 && squash(n).includes(squash(siteName))));
  const metaAuthorRaw = firstMeta(meta, ['author', 'article:author', 'og:article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl']);
  const metaAuthor = metaAuthorRaw !== undefined && isNameLike(metaAuthorRaw) && !metaAuthorRaw.startsWith('@') ? cleanByline(metaAuthorRaw) : undefined;
  // The page's visible byline is read only when no named person was found before it.
  // The first after the headline, a person before an organisation; a byline element holding a
  // smaller one ('Ben Silverman Games Editor' around a link 'Ben Silverman') gives way to it.
  const visible = (): string | undefined => {
    const found = facts.bylineEls.map((el) => ({ el, index: el.index, name: cleanByline(boundedText(el, 150)) }));
    const named = found.filter((b) => b.name !== undefined && !found.some((c) => c !== b && c.name !== undefined && c.el.start >= b.el.start && c.el.end <= b.el.end && c.el !== b.el && b.name!.startsWith(c.name) && c.name.length < b.name!.length));
    const after = named.filter((b) => b.index > (facts.h1Index ?? -1));
    return (after.find((b) => !isOrganisation(b.name)) ?? after[0] ?? named.find((b) => !isOrganisation(b.name)) ?? named[0])?.name;
  };
  const people = [persons.length > 0 ? [...new Set(persons)].join(', ') : undefined, metaAuthor, facts.itempropAuthor, facts.relAuthor];
  const person = people.find((n) => n !== undefined && !isOrganisation(n));
  const shown = person === undefined ? visible() : undefined;
  const byline =
    person ??
    (shown !== undefined && !isOrganisation(shown) ? shown : undefined) ??
    people.find((n) => n !== undefined) ??
    shown ??
    (ldAuthors.length > 0 ? [...new Set(ldAuthors.map((x) => x.name))].join(', ') : undefined) ??
    hints.author;
  // `Headline | Author Name`: the writer's name after a separator is a suffix like a site's.
  if (title !== undefined && byline !== undefined && !byline.includes(',')) {
    const tail = /^(.*\S)\s+(?:[|–—·•»-])\s+([^|–—·•»]+)$/.exec(title);
    if (tail && sameName(tail[2]!, byline) && tail[1]!.length >= 10) title = tail[1]!;
  }

  const hinted = hints.published ? parseDate(hints.published, 'hint') : undefined;
  const language = primaryLanguage(facts.htmlLang) ?? primaryLanguage(meta.get('og:locale'));
  const latest = hints.capturedAt?.slice(0, 10);
  const plausible = (d: DateValue | undefined): DateValue | undefined => (d !== undefined && (latest === undefined || d.value.slice(0, 10) <= latest) ? d : undefined);
  const h1 = facts.h1Index ?? -1;
  // The headline: the first <h1>, or else an <h2> the page's title repeats.
  const titleForHeadline = firstMeta(meta, ['og:title', 'twitter:title']) ?? facts.titleText;
  const headlineIndex = facts.h1Index ?? (titleForHeadline !== undefined ? facts.h2s.find((h) => h.text.length >= 12 && overlap(h.text, titleForHeadline) >= 0.8)?.index : undefined);
  const ldPublished = parseDate(str(ldAny('datePublished')) ?? str(ldAny('dateCreated')), 'json-ld');
  const metaDates = [ldPublished, firstDate(meta, OG_PUBLISHED, 'opengraph'), firstDate(meta, META_PUBLISHED, 'meta'), parseDate(facts.ownMetaDate, 'meta')];
  // A timestamp in the page's metadata settles it: the page's date lines are then not read (they cost more than the rest).
  const settled = metaDates.map(plausible).find((d) => d !== undefined)?.precision === 'datetime';
  const written: WrittenDates = settled ? {} : writtenDates(facts.dateTexts.filter((t) => t.index > h1), language);
  let anywhere: WrittenDates | undefined;
  const writtenAnywhere = (): WrittenDates => (anywhere ??= settled ? {} : writtenDates(facts.dateTexts, language, headlineIndex !== undefined ? tree.elements[headlineIndex] : undefined));
  // The first date after the headline, a <time> or a date line, whichever comes first.
  const timeAfterTitle = facts.times.find((t) => t.index > h1);
  const afterTitle = timeAfterTitle !== undefined && (written.index === undefined || timeAfterTitle.index < written.index) ? parseDate(stampOf(timeAfterTitle.el, timeAfterTitle.dt), 'time-element') : undefined;
  const urlDate = dateFromUrl(facts.canonical ?? hints.url) ?? dateFromUrl(hints.url);
  // A <time pubdate> after the headline yields to an earlier date right after it (a teaser list below the article has them too).
  const pubdateFirst = facts.timePublishedIndex <= h1 || ((timeAfterTitle?.index ?? Infinity) >= facts.timePublishedIndex && (written.index ?? Infinity) >= facts.timePublishedIndex);
  // A page of dated posts (several <abbr> dates on different days, as a feed or a blog's front page): its first
  // publication is its oldest post's and its last change its newest's, not the first post listed.
  const feedDays = [...new Set(facts.abbrDays)].sort();
  const feed = feedDays.length >= RULES.feedMinDays.value ? { first: { value: feedDays[0]!, precision: 'day', source: 'time-element' } as DateValue, last: { value: feedDays.at(-1)!, precision: 'day', source: 'time-element' } as DateValue } : undefined;
  // In order of trust; each read only when those before it gave no timestamp (most pages stop at their metadata).
  const sources: readonly (() => DateValue | undefined)[] = [
    ...metaDates.map((d) => () => d),
    () => (pubdateFirst ? parseDate(facts.timePublished, 'time-element') : undefined),
    () => abbrValue(facts.abbrDate),
    () => urlDate,
    () => afterTitle,
    () => written.published,
    () => (settled || headlineIndex === undefined ? undefined : dateNearHeadline(tree, headlineIndex, language)),
    () => parseDate(facts.timePublished, 'time-element'),
    () => parseDate(facts.timeFirst, 'time-element'),
    () => (feed !== undefined ? feed.first : abbrValue(facts.abbrAny)),
    () => dateFromUrl(absolute(meta.get('og:image') ?? meta.get('twitter:image'), hints.url)),
    () => writtenAnywhere().published,
  ];
  const candidates: (DateValue | undefined)[] = [];
  let firstFound: DateValue | undefined;
  for (const read of sources) {
    const d = plausible(read());
    candidates.push(d);
    firstFound ??= d;
    // mostPrecise looks past the first date only to make a day precise.
    if (firstFound?.precision === 'datetime') break;
  }
  const hasPageDate = firstFound !== undefined;
  // The hints come after the page's own dates, but can still make a page's day precise (a feed's time on the URL's day).
  let published = mostPrecise(hasPageDate ? [...candidates, hinted] : [hinted, plausible(written.updated ?? writtenAnywhere().updated), plausible(pageTextDate(tree, language, latest))]);

  const modified = localised(
    parseDate(str(ldAny('dateModified')), 'json-ld') ??
      firstDate(meta, OG_MODIFIED, 'opengraph') ??
      firstDate(meta, META_MODIFIED, 'meta') ??
      parseDate(facts.timeModified, 'time-element') ??
      (hasPageDate ? (written.updated ?? writtenAnywhere().updated) : undefined) ??
      updatedDay(facts.updatedLine, language) ??
      (feed !== undefined && published === feed.first ? feed.last : undefined),
    [...metaDates],
  );
  published = localised(published, [...metaDates, modified], urlDate ?? written.published);
  // A metadata date well after the URL's own day is an update: the URL keeps the original publication.
  if (published !== undefined && urlDate !== undefined && published.source !== 'url' && published.source !== 'hint' && daysBetween(urlDate.value, published.value.slice(0, 10)) > RULES.urlDateLeadDays.value) {
    published = plausible(urlDate) ?? published;
  }

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

/** The day of a labelled update line ('Updated: $Date: 2016/11/18 06:31:41 $'): the first day after the label. */
function updatedDay(line: string | undefined, language: string | undefined): DateValue | undefined {
  if (line === undefined) return undefined;
  const day = daysInText(line, language)[0];
  return day ? dayValue(day) : undefined;
}

/** A date from an `<abbr class="published">`: its title (`2012-12-16T19:05:00+01:00`) or written text. */
function abbrValue(written: string | undefined): DateValue | undefined {
  if (written === undefined) return undefined;
  const parsed = parseDate(written, 'time-element');
  if (parsed) return parsed;
  const day = daysInText(written)[0];
  return day ? { value: day.value, precision: 'day', source: 'time-element', raw: day.raw } : undefined;
}

function dayValue(day: WrittenDay, source: DateValue['source'] = 'text'): DateValue {
  return { value: day.value, precision: 'day', source, raw: day.raw };
}

/**
 * Dates in the page's date and meta lines (`<span class="date">`, `<div class="post-meta">`), in page
 * order, article lines before furniture: the first date not labelled as an update is the published
 * one; the first labelled one ("Updated: …", "Stand: …") the update.
 */
interface WrittenDates {
  readonly published?: DateValue;
  readonly updated?: DateValue;
  readonly index?: number;
}

function writtenDates(texts: readonly DateLine[], language: string | undefined, headline?: HtmlElement): WrittenDates {
  let published: DateValue | undefined;
  let updated: DateValue | undefined;
  let index: number | undefined;
  for (const pass of [false, true]) {
    for (const t of texts) {
      const text = t.text;
      if (text === undefined || t.furniture !== pass || (pass && t.foreign(headline))) continue;
      // Once the published date is found, only an update label is still looked for (a page's "Updated:" line may come later).
      if (published !== undefined && !UPDATED_WORD.test(text)) continue;
      for (const day of daysInText(text, language)) {
        if (UPDATED_BEFORE.test(text.slice(Math.max(0, day.index - 40), day.index))) updated ??= dayValue(day);
        else if (published === undefined) {
          published = dayValue(day);
          index = t.index;
        }
      }
      if (published !== undefined && updated !== undefined) return { published, updated, index };
    }
    if (published !== undefined) return { published, updated, index };
  }
  return { published, updated };
}

/** Days from `a` to `b` (ISO days). */
function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

const NEAR = RULES.nearHeadline.value;
const SKIP_NEAR = new Set(['a', 'script', 'style', 'noscript', 'option', 'select', 'textarea', 'button', 'h1', 'h2', 'h3', 'pre', 'code']);

/**
 * A date written in a short line just under the headline (`<p class="info">10.06.2018 22:00</p>`,
 * `von … am 20.06.2018`, `<h5>23.01.2019</h5>`): the elements after it are read, each by its own
 * text, until the article body has begun; a date labelled as an update is passed over.
 */
function dateNearHeadline(tree: HtmlTree, headline: number, language: string | undefined): DateValue | undefined {
  const els = tree.elements;
  const end = Math.min(els.length, headline + 1 + NEAR.elements);
  let read = 0;
  for (let i = headline + 1; i < end && read < NEAR.textChars; i++) {
    const el = els[i]!;
    if (SKIP_NEAR.has(el.tag)) continue;
    let own = '';
    for (const c of el.children) if (c instanceof HtmlText) own += c.data;
    if (own.trim() === '') continue;
    own = clean(own);
    read += own.length;
    if (own.length > NEAR.lineChars || !/\d{4}/.test(own)) continue;
    if (insideFurniture(el, els[headline]) || insideForeignCode(el)) continue;
    for (const day of daysInText(own, language)) {
      if (!UPDATED_BEFORE.test(own.slice(Math.max(0, day.index - 40), day.index))) return dayValue(day);
    }
  }
  return undefined;
}

function insideForeignCode(el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.tag === 'pre' || p.tag === 'code' || p.tag === 'a') return true;
  return false;
}

/**
 * The last resort, as htmldate's extensive search: every day written in the page's visible text; the
 * most frequent one (the earliest of equally frequent ones), not after the capture day.
 */
const MIN_REPEATS = RULES.pageTextMinRepeats.value;

function pageTextDate(tree: HtmlTree, language: string | undefined, latest: string | undefined): DateValue | undefined {
  const body = tree.elements.find((e) => e.tag === 'body') ?? tree.root;
  const text = visibleText(body, true).slice(0, 300_000);
  const counts = new Map<string, { n: number; day: WrittenDay }>();
  const days = daysInText(text, language).filter((d) => latest === undefined || d.value <= latest);
  // A day the page labels as its publication date ("Datum 12.01.2017", "Published: …") first.
  const labelled = days.find((d) => PUBLISHED_BEFORE.test(text.slice(Math.max(0, d.index - 40), d.index)));
  if (labelled) return dayValue(labelled);
  for (const day of days) {
    const c = counts.get(day.value);
    if (c) c.n++;
    else counts.set(day.value, { n: 1, day });
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n || a.day.value.localeCompare(b.day.value));
  const [best, second] = ranked;
  // Only a day the page clearly repeats: one written once, or tied with another, is as likely a stray date.
  return best && best.n >= MIN_REPEATS && (second === undefined || best.n > second.n) ? dayValue(best.day, 'text') : undefined;
}

/**
 * A UTC timestamp read in the page's own zone, so that an evening article does not move to the next
 * day: the offset of another of the page's timestamps when one has a non-zero offset; else, when the
 * page writes the day itself (URL, date line) one day earlier than the UTC day, that day.
 */
function localised(date: DateValue | undefined, others: readonly (DateValue | undefined)[], writtenDay?: DateValue): DateValue | undefined {
  if (date === undefined || date.precision !== 'datetime' || valueOffset(date.value) !== 0) return date;
  const offset = others.map((o) => (o ? valueOffset(o.value) : undefined)).find((o) => o !== undefined && o !== 0);
  if (offset !== undefined) return atOffset(date, offset);
  if (writtenDay !== undefined && writtenDay.precision === 'day') {
    const previous = new Date(Date.parse(`${date.value.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (writtenDay.value === previous && Number(date.value.slice(11, 13)) < 12) return writtenDay;
  }
  return date;
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

/** Share of `a`'s words found in `b`. */
function overlap(a: string, b: string): number {
  const words = (x: string): string[] => x.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wa = words(a);
  if (wa.length === 0) return 0;
  const wb = new Set(words(b));
  return wa.filter((w) => wb.has(w)).length / wa.length;
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
function cleanTitle(title: string | undefined, siteName: string | undefined, host: string | undefined, h1?: string): string | undefined {
  if (title === undefined) return undefined;
  const t = clean(title);
  if (t === '') return undefined;
  // `Headline | Blog name`, `Blog name | Headline`: the part the page shows as its headline.
  if (h1 !== undefined && squash(h1).length >= 6 && squash(h1) !== squash(t)) {
    // Parts at even places, the separators as written between them.
    const pieces = t.split(/(\s+(?:[|–—·•»~]|-{1,2}|::?)\s+)/);
    const parts = pieces.filter((_, i) => i % 2 === 0);
    if (parts.length > 1) {
      const shown = parts.find((p) => squash(p) === squash(h1));
      // Only when it is the longest part: a page's first <h1> is sometimes the site's own name.
      if (shown !== undefined && parts.every((p) => p === shown || p.length < shown.length)) return shown;
      // The headline followed by its section and site: `Headline - Section - Site`.
      const start = squash(t).indexOf(squash(h1));
      if (start === 0 && squash(parts[0]!) !== squash(h1)) {
        const joined = parts.findIndex((_, i) => squash(parts.slice(0, i + 1).join(' ')) === squash(h1));
        if (joined >= 0) return pieces.slice(0, 2 * joined + 1).join('');
      }
    }
  }
  // `Headline-Site` without spaces after the headline the page shows (`<h1>`): the short rest is the site's name.
  if (h1 !== undefined && squash(h1).length >= 6) {
    const shown = clean(h1);
    const rest = t.startsWith(shown) ? t.slice(shown.length) : '';
    if (/^(?:-|_|｜|\|)[^\s\-_｜|][^-_｜|]{1,29}$/u.test(rest)) return shown;
  }
  // `Headline-Site` without spaces, where the site's name is known.
  const tight = /^(.*[^\s\-_｜|])(?:-|_|｜|\|)([^\s\-_｜|][^-_｜|]{1,29})$/u.exec(t);
  if (tight && siteName !== undefined && sameName(tight[2]!, siteName)) return tight[1]!;
  const isSite = (part: string): boolean => {
    const p = part.trim();
    if (sameName(p, siteName) || sameName(p, host)) return true;
    const site = siteName ? squash(siteName) : '';
    return p.length >= 3 && site !== '' && site.includes(squash(p));
  };
  const tail = /^(.*\S)\s+(?:[|–—·•:»-]|::|--)\s+([^|–—·•»]+)$/.exec(t);
  if (tail && isSite(tail[2]!)) return tail[1]!;
  const head = /^([^|–—·•»]+?)\s+(?:[|–—·•:»-]|::)\s+(\S.*)$/.exec(t);
  if (head && isSite(head[1]!)) return head[2]!;
  return t;
}
