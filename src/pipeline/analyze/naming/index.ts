/**
 * Naming and framing: for each referent of a story, the words each outlet uses for it, in its own
 * voice and inside quotes.
 *
 * Two sources of referents: the term families of `terms.json` (listed loaded/neutral/honorific terms
 * and general patterns such as "the X regime") and the entities the resolver joins across articles
 * (the forms, with titles, that each outlet writes for one person). A family is reported when two
 * outlets use different words for it, or when one outlet uses a loaded term; the most telling first.
 */
import type { Naming, Occurrence, TermUse } from '../../../model/framing.js';
import type { Span } from '../../../model/message.js';
import type { Entity } from '../../../model/quote.js';
import type { MentionLink } from '../entities/index.js';
import type { StoryArticle, StoryInput } from '../input.js';
import { createQuotes, findQuoted, type QuotesOptions } from '../quotes/index.js';
import { FORM_NOISE, isNotForm, isReportedNaming, matchTerms, type Tone } from './terms.js';
import { isQuoted, quotedFromAnalysis, quotedFromContext, type QuotedSpans } from './voice.js';

export { isReportedNaming, matchTerms, type TermMatch, type TermFamily, type Tone } from './terms.js';

/** A loaded (or honorific) term in a text, with the neutral name to put in its place. */
export interface LoadedTerm {
  /** The term's place; for a title to drop (`neutral` ""), the span includes the space after it. */
  readonly span: Span;
  readonly term: string;
  readonly neutral: string;
  readonly namingId: string;
  readonly tone: 'loaded' | 'honorific';
}

/**
 * The loaded and honorific terms of `text`, in text order, each with its neutral replacement
 * (e.g. "the Zionist regime" → "Israel"; "His Excellency " → ""), in the writer's own words only:
 * not between quotation marks, not a label the sentence attributes ("which X calls a blockade"). Terms the data file marks `keep`
 * ("blockade": also the plain description in many stories) are left out.
 */
export function findLoadedTerms(text: string): LoadedTerm[] {
  const out: LoadedTerm[] = [];
  // Only the writer's own words get a neutral name: words between quotation marks are someone else's.
  const quoted = findQuoted(text, [{ start: 0, end: text.length }]).flatMap((q) => q.pieces);
  for (const m of matchTerms(text)) {
    if (m.tone === 'neutral' || m.keep) continue;
    if (quoted.some((q) => q.start <= m.span.start && m.span.end <= q.end) || isReportedNaming(text, m.span.start)) continue;
    let end = m.span.end;
    if (m.neutral === '') while (end < text.length && (text[end] === ' ' || text[end] === ',')) end++;
    // Keep a sentence-initial capital: "The Leader said" → "The leader said", "Massacre" → "Killings".
    const capital = /^\p{Lu}/u.test(text[m.span.start]!) && /^\p{Ll}/u.test(m.neutral);
    const neutral = capital ? m.neutral[0]!.toUpperCase() + m.neutral.slice(1) : m.neutral;
    out.push({ span: { start: m.span.start, end }, term: m.term, neutral, namingId: m.namingId, tone: m.tone });
  }
  return out;
}

/** What the caller may already have: the story's quotes (content spans per article) and entities. */
export interface NamingContext {
  readonly quotes?: readonly { articleId: string; spans: readonly Span[] }[];
  readonly entities?: readonly Entity[];
}

export interface NamingOptions extends QuotesOptions {
  /** Most entity namings to report (default 8): the rest differ least. */
  readonly maxEntities?: number;
}

export type NamingStage = (story: StoryInput, context?: NamingContext) => Naming[];

interface Use {
  readonly site: string;
  readonly term: string;
  readonly voice: 'own' | 'quoted';
  readonly tone?: Tone;
  readonly occurrence: Occurrence;
  plain?: string;
}

interface Word {
  readonly w: string;
  readonly start: number;
  readonly end: number;
}

const wordsOf = (text: string): Word[] => [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].map((m) => ({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

/**
 * The plain alternatives of a story: for each slot (two words before, one after), the one or two
 * words each outlet writes there in its own voice. A loaded word whose slot another outlet fills
 * with other words, none of them loaded, gets those words as its plain alternative.
 */
function plainAlternatives(articles: readonly StoryArticle[], uses: readonly Use[], isOwn: (a: StoryArticle, span: Span) => boolean): void {
  const wanted = uses.filter((u) => u.voice === 'own' && u.tone === 'loaded');
  if (wanted.length === 0) return;
  const slots = new Map<string, { site: string; text: string }[]>();
  const words = new Map(articles.map((a) => [a.id, wordsOf(a.text)] as const));
  for (const a of articles) {
    const ws = words.get(a.id)!;
    for (let i = 2; i < ws.length; i++)
      for (let n = 1; n <= 2 && i + n < ws.length; n++) {
        const span = { start: ws[i]!.start, end: ws[i + n - 1]!.end };
        if (!isOwn(a, span)) continue;
        const key = `${ws[i - 2]!.w} ${ws[i - 1]!.w} _ ${ws[i + n]!.w}`;
        const list = slots.get(key);
        const slot = { site: a.site, text: a.text.slice(span.start, span.end) };
        if (list) list.push(slot);
        else slots.set(key, [slot]);
      }
  }
  const byId = new Map(articles.map((a) => [a.id, a] as const));
  for (const u of wanted) {
    const a = byId.get(u.occurrence.articleId);
    if (!a) continue;
    const ws = words.get(a.id)!;
    const first = ws.findIndex((w) => w.start >= u.occurrence.span.start);
    const after = ws.findIndex((w) => w.start >= u.occurrence.span.end);
    if (first < 2 || after < 0) continue;
    const key = `${ws[first - 2]!.w} ${ws[first - 1]!.w} _ ${ws[after]!.w}`;
    const other = (slots.get(key) ?? []).find(
      (s) => s.site !== u.site && s.text.toLowerCase() !== u.occurrence.text.toLowerCase() && !matchTerms(s.text).some((m) => m.tone !== 'neutral'),
    );
    if (other) u.plain = other.text;
  }
}

interface Referent {
  readonly id: string;
  readonly neutral: string;
  readonly reason: string;
  readonly from: Naming['from'];
  readonly uses: Use[];
}

/** Group uses outlet by outlet, term by term (own voice before quoted, most used first). */
function toNaming(r: Referent): Naming {
  const sites = [...new Set(r.uses.map((u) => u.site))];
  return {
    id: r.id,
    neutral: r.neutral,
    reason: r.reason,
    from: r.from,
    outlets: sites.map((site) => {
      const byTerm = new Map<string, Use[]>();
      for (const u of r.uses) if (u.site === site) byTerm.set(`${u.voice}\u0000${u.term}`, [...(byTerm.get(`${u.voice}\u0000${u.term}`) ?? []), u]);
      const uses: TermUse[] = [...byTerm.values()]
        .map((list) => ({
          term: list[0]!.term,
          voice: list[0]!.voice,
          count: list.length,
          occurrences: list.map((u) => u.occurrence),
          ...(list[0]!.tone ? { tone: list[0]!.tone } : {}),
          ...(list.find((u) => u.plain) ? { plain: list.find((u) => u.plain)!.plain! } : {}),
        }))
        .sort((a, b) => Number(a.voice === 'quoted') - Number(b.voice === 'quoted') || b.count - a.count || a.term.localeCompare(b.term));
      return { site, uses };
    }),
  };
}

/** How telling a referent is: outlets using loaded words in their own voice weigh most. */
function score(r: Referent): number {
  const sites = new Set(r.uses.map((u) => u.site));
  const ownLoaded = new Set(r.uses.filter((u) => u.voice === 'own' && u.tone !== undefined && u.tone !== 'neutral').map((u) => u.site));
  const quotedLoaded = new Set(r.uses.filter((u) => u.voice === 'quoted' && u.tone !== undefined && u.tone !== 'neutral').map((u) => u.site));
  const terms = new Set(r.uses.map((u) => u.term.toLowerCase()));
  const contrast = ownLoaded.size > 0 && ownLoaded.size < sites.size ? 5 : 0;
  return ownLoaded.size * 10 + quotedLoaded.size * 3 + contrast + terms.size + (r.from === 'term-list' ? 0.5 : 0);
}

/**
 * True when two outlets write different words for the referent, or (for a term family) one writes a
 * loaded one. Entity forms are compared without their voice: an outlet quoting a name is no framing.
 */
function differs(r: Referent): boolean {
  if (r.from === 'term-list' && r.uses.some((u) => u.tone === 'loaded')) return true;
  const sites = [...new Set(r.uses.map((u) => u.site))];
  if (sites.length < 2) return false;
  const key = (u: Use): string => (r.from === 'entity' ? u.term.toLowerCase() : `${u.voice}:${u.term.toLowerCase()}`);
  const sig = (site: string): string => [...new Set(r.uses.filter((u) => u.site === site).map(key))].sort().join('|');
  return new Set(sites.map(sig)).size > 1;
}

/** A form as counted: white space collapsed, a sentence-initial "The" lower-cased. */
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim().replace(/^The /, 'the ');

/**
 * A mention's span as a form: widened to a title the mention cut in half ("His" before
 * "Excellency President …"), narrowed past a sentence-initial word glued to the name ("Yesterday
 * Mr X"); undefined when nothing is left or the mention is a phrase around a name ("its chief").
 */
function formSpan(text: string, span: Span): Span | undefined {
  let { start } = span;
  const around = Math.max(0, start - 24);
  for (const m of matchTerms(text.slice(around, span.end))) {
    const s = around + m.span.start;
    if (s < start && around + m.span.end > start) start = s;
  }
  const glued = FORM_NOISE.exec(text.slice(start, span.end));
  if (glued) start += glued[0].length;
  if (start >= span.end || isNotForm(text.slice(start, span.end))) return undefined;
  return { start, end: span.end };
}

/**
 * Mentions of each entity found by searching its forms in the text (when the caller gave entities
 * but no links): whole-word occurrences, a longer form before any shorter one it overlaps (forms
 * longest first, then in entity order). The forms are indexed by their first three characters and
 * each article is read once, so a story of thousands of articles and forms costs its text, not
 * articles x forms (a regular expression per form and article took 80 s on 2,650 articles).
 */
function linksFromForms(articles: readonly StoryArticle[], entities: readonly Entity[]): MentionLink[] {
  const forms = entities
    .flatMap((e) => e.forms.map((f) => ({ f, id: e.id })))
    .filter((x) => x.f.length >= 3)
    .sort((a, b) => b.f.length - a.f.length) // stable: entity order among forms of one length
    .map((x, rank) => ({ ...x, rank }));
  const byHead = new Map<string, (typeof forms)[number][]>();
  for (const x of forms) {
    const head = x.f.slice(0, 3);
    let list = byHead.get(head);
    if (!list) byHead.set(head, (list = []));
    list.push(x);
  }
  const out: MentionLink[] = [];
  for (const a of articles) {
    const text = a.text;
    const found: { start: number; end: number; rank: number; id: string }[] = [];
    for (let i = 0; i + 3 <= text.length; i++) {
      const list = byHead.get(text.slice(i, i + 3));
      if (!list || wordCharBefore(text, i)) continue;
      for (const x of list) {
        const end = i + x.f.length;
        if (text.startsWith(x.f, i) && !wordCharAt(text, end)) found.push({ start: i, end, rank: x.rank, id: x.id });
      }
    }
    // Longer forms first (then entity order, then position): a match overlapping one taken is dropped.
    found.sort((p, q) => p.rank - q.rank || p.start - q.start);
    const taken: Span[] = [];
    for (const m of found) {
      if (taken.some((t) => m.start < t.end && t.start < m.end)) continue;
      taken.push({ start: m.start, end: m.end });
      out.push({ articleId: a.id, span: { start: m.start, end: m.end }, entityId: m.id, rule: 'form-search' });
    }
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit ends just before `i` (a whole code point, surrogate pairs included). */
function wordCharBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const low = text.charCodeAt(i - 1);
  const from = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(from)!));
}

/** A letter or digit starts at `i`. */
function wordCharAt(text: string, i: number): boolean {
  return i < text.length && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** Make the naming analysis. */
export function createNaming(options: NamingOptions = {}): NamingStage {
  const quotesStage = createQuotes(options);
  const maxEntities = options.maxEntities ?? 8;
  return (story, context = {}) => {
    const articles = story.articles;
    const needAnalysis = context.quotes === undefined || context.entities === undefined;
    const analysis = needAnalysis
      ? quotesStage(articles.map((a) => ({ value: { id: a.id, text: a.text, paragraphs: a.paragraphs }, messages: [] })))
      : undefined;
    const quoted: Map<string, QuotedSpans> = context.quotes ? quotedFromContext(context.quotes, articles) : quotedFromAnalysis(articles, analysis!);
    const voiceOf = (articleId: string, span: Span): 'own' | 'quoted' => (isQuoted(quoted.get(articleId) ?? { spans: [] }, span) ? 'quoted' : 'own');
    // A term the outlet attributes in its own sentence ("which X calls a blockade") is reported, not adopted.
    const termVoice = (a: StoryArticle, span: Span): 'own' | 'quoted' => (voiceOf(a.id, span) === 'quoted' || isReportedNaming(a.text, span.start) ? 'quoted' : 'own');

    // a. Term families.
    const families = new Map<string, Referent>();
    const storyText = articles.map((a) => a.text).join('\n\n');
    for (const a of articles) {
      for (const m of matchTerms(a.text, storyText)) {
        let r = families.get(m.namingId);
        if (!r) families.set(m.namingId, (r = { id: m.namingId, neutral: m.family.neutral, reason: m.family.reason, from: 'term-list', uses: [] }));
        const text = a.text.slice(m.span.start, m.span.end);
        r.uses.push({ site: a.site, term: m.term, voice: termVoice(a, m.span), tone: m.tone, occurrence: { articleId: a.id, span: m.span, text } });
      }
    }

    plainAlternatives(articles, [...families.values()].flatMap((r) => r.uses), (a, span) => voiceOf(a.id, span) === 'own');

    // b. Resolved entities: the forms each outlet writes for one person or organisation.
    const entities = context.entities ?? analysis?.entities ?? [];
    const links = context.entities ? linksFromForms(articles, context.entities) : (analysis?.links ?? []);
    const byId = new Map(articles.map((a) => [a.id, a] as const));
    const people = new Map<string, Referent>();
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      const rules = [...new Set((e.evidence ?? []).map((ev) => ev.rule))];
      people.set(e.id, {
        id: e.id,
        neutral: e.name,
        reason: `Forms the entity resolver joined for one ${e.kind}${rules.length > 0 ? ` (rules: ${rules.join(', ')})` : ''}; each outlet's titles and name forms differ.`,
        from: 'entity',
        uses: [],
      });
    }
    for (const l of links) {
      const r = people.get(l.entityId);
      const a = byId.get(l.articleId);
      if (!r || !a) continue;
      const span = formSpan(a.text, l.span);
      if (!span) continue;
      const text = a.text.slice(span.start, span.end);
      const tones = matchTerms(text).map((m) => m.tone);
      const tone: Tone | undefined = tones.includes('loaded') ? 'loaded' : tones.includes('honorific') ? 'honorific' : undefined;
      r.uses.push({ site: a.site, term: clean(text), voice: voiceOf(a.id, span), ...(tone ? { tone } : {}), occurrence: { articleId: a.id, span, text } });
    }
    const entityNamings = [...people.values()]
      .filter((r) => new Set(r.uses.map((u) => u.site)).size >= 2 && differs(r))
      .sort((x, y) => score(y) - score(x) || x.id.localeCompare(y.id))
      .slice(0, maxEntities);

    const termNamings = [...families.values()].filter(differs);
    return [...termNamings, ...entityNamings]
      .sort((x, y) => score(y) - score(x) || x.id.localeCompare(y.id))
      .map(toNaming);
  };
}
