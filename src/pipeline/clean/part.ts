/**
 * Cleaning one article's paragraphs: every furniture rule in turn, each removal recorded as an
 * `info` message whose span points into the extracted text. Paragraphs are only dropped or cut at
 * the front, so every kept paragraph is still one contiguous span of the extracted text.
 */
import type { Credit, DateValue } from '../../model/article.js';
import type { Message, Span } from '../../model/message.js';
import { isBody, isHeadlineLike, isWidget, matchCaption, sameLineKey, type Para } from './paragraphs.js';
import type { CleanRules, Rule } from './rules.js';

/** What cleaning one article's paragraphs produced. */
export interface PartResult {
  readonly kept: readonly Para[];
  readonly credits: readonly Credit[];
  readonly messages: readonly Message[];
  /** The headline found at the top, when there was one. */
  readonly headline?: string;
  /** The name from a "By Name" line near the top. */
  readonly byline?: string;
  /** The date read from page furniture ("date 2023-11-07"). */
  readonly furnitureDate?: DateValue;
}

interface Work {
  start: number;
  end: number;
  dropped: boolean;
}

/** Clean the paragraphs of one article (all spans in `extracted`). */
export function cleanPart(extracted: string, paras: readonly Para[], rules: CleanRules, knownTitle?: string): PartResult {
  const work: Work[] = paras.map((p) => ({ start: p.start, end: p.end, dropped: false }));
  const messages: Message[] = [];
  const credits: Credit[] = [];
  const textOf = (w: Work): string => extracted.slice(w.start, w.end);
  const live = (): Work[] => work.filter((w) => !w.dropped);

  const note = (ruleId: string, reason: string, span: Span, data?: Record<string, unknown>): void => {
    const excerpt = extracted.slice(span.start, span.end).slice(0, rules.excerptChars);
    messages.push({ stage: 'clean', ruleId, reason, severity: 'info', span, layer: 'extracted', excerpt, ...(data ? { data } : {}) });
  };
  const drop = (w: Work, ruleId: string, reason: string, data?: Record<string, unknown>): void => {
    note(ruleId, reason, { start: w.start, end: w.end }, data);
    w.dropped = true;
  };
  /** Cut `length` characters (plus following spaces) off the front of a paragraph. */
  const cutFront = (w: Work, length: number, ruleId: string, reason: string, data?: Record<string, unknown>): void => {
    let cut = w.start + length;
    while (cut < w.end && /\s/.test(extracted[cut]!)) cut++;
    note(ruleId, reason, { start: w.start, end: cut }, data);
    w.start = cut;
    if (w.start >= w.end) w.dropped = true;
  };
  const credit = (name: string, role: Credit['role'], span: Span): void => {
    if (!credits.some((c) => c.role === role && c.name.toLowerCase() === name.toLowerCase())) credits.push({ name, role, span });
  };

  // A date field fused to the front of the first paragraph.
  let furnitureDate: DateValue | undefined;
  const first = live()[0];
  if (first) {
    for (const rule of rules.publicationDate) {
      const m = rule.re.exec(textOf(first));
      const date = m?.groups?.date;
      if (!m || !date || !isCalendarDate(date)) continue;
      furnitureDate = { value: date, precision: 'day', source: 'furniture', raw: m[0].trim() };
      cutFront(first, m[0].length, 'furniture-date', `${rule.reason} Kept as the publication date.`, { date });
      break;
    }
  }

  // Section kickers: one- or two-word lines leading the article (widgets among them are left for later).
  for (const w of live()) {
    const t = textOf(w);
    if (isWidget(t, rules) || loneLabel(t, rules)) continue;
    if (t.split(/\s+/).length > rules.headline.kickerMaxWords || !/^[\p{L}\p{N}][\p{L}\p{N}\s&'’-]*$/u.test(t)) break;
    drop(w, 'section-kicker', 'A one- or two-word label above the article is the section it is filed under, not text.');
  }

  // A "By Name" line near the top.
  let byline: string | undefined;
  for (const w of live().slice(0, rules.byline.window)) {
    const t = textOf(w);
    const m = t.length <= 100 ? rules.byline.re.exec(t) : null;
    if (!m?.groups?.name) continue;
    byline = m.groups.name.trim();
    drop(w, 'byline', rules.byline.reason, { byline });
    break;
  }

  // The headline at the top, its repetitions, and copies glued to the next paragraph.
  let headline: string | undefined;
  const top = live().find((w) => !isWidget(textOf(w), rules));
  if (top && live().length > 1) {
    const line = textOf(top);
    const key = sameLineKey(line);
    const others = live().filter((w) => w !== top);
    const recurs = others.some((w) => sameLineKey(textOf(w)) === key || gluedRest(textOf(w), line) !== undefined);
    // The first paragraph after it that is not furniture (captions, buttons, lone labels).
    const next = others.find((w) => w.start > top.start && !isFurnitureLine(textOf(w), rules));
    const leadsBody = next !== undefined && isBody(textOf(next), rules);
    // When the page already named its title, only a line that restates it is the headline; any
    // other short line at the top is the article's own (a subheading, a list title).
    // Headline shape first: it bounds the line's length, so a huge paragraph is never compared word by word.
    const fitsTitle = () => knownTitle === undefined || knownTitle.trim() === '' || similarWords(line, knownTitle) >= rules.headline.minTitleSimilarity;
    if (isHeadlineLike(line, rules, false) && fitsTitle() && (recurs || leadsBody || isHeadlineLike(line, rules, true))) {
      headline = line;
      drop(top, 'headline', 'The short title line at the top is the headline: kept as the title, not as text.');
      for (const w of others) {
        if (sameLineKey(textOf(w)) === key) drop(w, 'duplicate-headline', 'The headline was repeated in the text.');
        else if (gluedRest(textOf(w), line) !== undefined) {
          cutFront(w, line.length, 'glued-headline', 'The headline was fused to the front of this paragraph; the paragraph after it is kept.');
        }
      }
    }
  }

  // A title known from page metadata, repeated in the text or fused to a paragraph.
  if (headline === undefined && knownTitle !== undefined && knownTitle.trim() !== '') {
    const title = knownTitle.trim();
    const key = sameLineKey(title);
    for (const w of live()) {
      if (sameLineKey(textOf(w)) === key) drop(w, 'duplicate-headline', 'The page title was repeated in the text.');
      else if (gluedRest(textOf(w), title) !== undefined) {
        cutFront(w, title.length, 'glued-headline', 'The page title was fused to the front of this paragraph; the paragraph after it is kept.');
      }
    }
  }

  // Credit lines at the end: "Source » X", a lone agency name.
  const tail = live().slice(-rules.tailWindow).reverse();
  for (const w of tail) {
    const t = textOf(w);
    // End-of-copy markers ("ENDS") are widgets, not agencies; other widgets are left for step 5.
    if (rules.widgetWords.has(t.toLowerCase())) continue;
    const source = firstMatch(rules.sourceCredits, t);
    if (source?.m.groups?.name) {
      const name = source.m.groups.name.trim();
      const at = w.start + source.m[0].lastIndexOf(source.m.groups.name);
      credit(name, 'source', { start: at, end: at + name.length });
      drop(w, 'source-credit', `${source.rule.reason} Kept as a source credit.`, { credit: name });
      continue;
    }
    const agency = rules.agencyLine.re.exec(t);
    const agencyName = agency?.groups?.name ?? (rules.knownAgencies.has(t.toLowerCase()) ? t : undefined);
    if (agencyName) {
      const at = w.start + t.indexOf(agencyName);
      credit(agencyName, 'agency', { start: at, end: at + agencyName.length });
      drop(w, 'agency-credit', `${agency ? rules.agencyLine.reason : rules.knownAgencyReason} Kept as an agency credit.`, { credit: agencyName });
      continue;
    }
    if (isWidget(t, rules)) continue;
    break;
  }

  // "Read more:" / "Related:" trailers and the link titles after them.
  const rest = live();
  for (let i = 1; i < rest.length; i++) {
    const w = rest[i]!;
    if (w.dropped) continue;
    const t = textOf(w);
    const trailer = matchTrailer(t, rules.trailers);
    if (!trailer) continue;
    const links: Work[] = [];
    let j = i + 1;
    while (j < rest.length && isLinkTitle(textOf(rest[j]!), rules)) links.push(rest[j++]!);
    const toEnd = j >= rest.length;
    drop(w, 'related-links-trailer', trailer.reason, { links: links.length, toEnd });
    for (const link of links) drop(link, 'related-link', 'A link title listed under a "Read more"/"Related" label points to another article.');
  }

  // Captions, widget residue and repeated paragraphs.
  const seen = new Map<string, number>();
  const seenCaptions = new Set<string>();
  const labelLines: { w: Work; label: string }[] = [];
  for (const w of live()) {
    const t = textOf(w);
    const key = sameLineKey(t);
    const caption = matchCaption(t, rules);
    if (caption) {
      if (caption.credit) credit(caption.credit.name, 'photo', { start: w.start + caption.credit.start, end: w.start + caption.credit.end });
      if (seenCaptions.has(key)) drop(w, 'duplicate-caption', 'The same photo caption was repeated.', { rule: caption.rule.id });
      else {
        drop(w, 'photo-caption', `${caption.rule.reason}${caption.credit ? ' Its photo credit is kept.' : ''}`, {
          rule: caption.rule.id,
          ...(caption.credit ? { credit: caption.credit.name } : {}),
        });
      }
      seenCaptions.add(key);
      continue;
    }
    if (isWidget(t, rules)) {
      drop(w, 'widget-residue', 'A lone button label, counter or navigation line left by the page, not article text.');
      continue;
    }
    const boilerplate = rules.boilerplate.find((r) => t.length <= r.maxChars && r.re.test(t));
    if (boilerplate) {
      drop(w, 'boilerplate', boilerplate.reason);
      continue;
    }
    const label = loneLabel(t, rules);
    if (label) {
      // Decided once every other credit is known (a lone "GPS" in a list is text).
      labelLines.push({ w, label });
      continue;
    }
    // Only whole paragraphs repeated close together count: short lines (list items, sub-headings)
    // and passages far apart (a menu for each day, the same question to each guest) recur legitimately.
    const at = work.indexOf(w);
    const before = seen.get(key);
    if (before !== undefined && at - before <= rules.repeatMaxGap && t.length >= rules.split.minBodyChars) {
      drop(w, 'duplicate-paragraph', 'The same paragraph appeared just before it in the article.');
      continue;
    }
    seen.set(key, at);
  }

  // Site labels fused to the front of a paragraph ("X PressY News: …").
  for (const w of live()) {
    for (let guard = 0; guard < 3 && !w.dropped; guard++) {
      const t = textOf(w);
      const m = rules.siteLabelGlued.re.exec(t) ?? rules.siteLabelColon.re.exec(t);
      const label = m?.groups?.label;
      if (!m || !label || m[0].length >= t.length) break;
      credit(label, 'site-label', { start: w.start, end: w.start + label.length });
      cutFront(w, m[0].length, 'site-label', `${rules.siteLabelGlued.reason} A site label fused to the paragraph is removed and kept as a credit.`, { credit: label });
    }
  }

  // A dateline at the start of the first paragraph.
  const pendingLabels = new Set(labelLines.map((l) => l.w));
  const lead = live().find((w) => !pendingLabels.has(w));
  if (lead) {
    const t = textOf(lead);
    const hit = firstMatch(rules.datelines, t);
    if (hit && hit.m[0].length < t.length) {
      const agency = hit.m.groups?.agency;
      const place = hit.m.groups?.place ?? '';
      const name = agency ?? place;
      const at = lead.start + (agency ? t.indexOf(`(${agency})`) + 1 : 0);
      credit(name, 'dateline', { start: at, end: at + name.length });
      cutFront(lead, hit.m[0].length, 'dateline', hit.rule.reason, { place, ...(agency ? { credit: agency } : {}) });
    }
  }

  // Lone acronym lines: a site or agency label when the article credits the same name elsewhere.
  const credited = new Set(credits.map((c) => c.name.toLowerCase()));
  for (const { w, label } of labelLines) {
    if (!credited.has(label.toLowerCase()) && !rules.knownAgencies.has(label.toLowerCase())) continue;
    credit(label, 'site-label', { start: w.start, end: w.end });
    drop(w, 'site-label-line', `${rules.agencyLine.reason} Standing among the paragraphs, it labels the site or agency; kept as a site-label credit.`, { credit: label });
  }

  const kept = live().map((w) => ({ start: w.start, end: w.end, text: textOf(w) }));
  return { kept, credits, messages: messages.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0)), headline, byline, furnitureDate };
}

/** Share of the words of the shorter text found in the other (case-insensitive), 0..1. */
function similarWords(a: string, b: string): number {
  const words = (t: string): Set<string> => new Set(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const wa = words(a);
  const wb = words(b);
  const [small, large] = wa.size <= wb.size ? [wa, wb] : [wb, wa];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.size;
}

/** A lone agency acronym or known agency name standing as a whole line. */
function loneLabel(text: string, rules: CleanRules): string | undefined {
  const t = text.trim();
  if (rules.knownAgencies.has(t.toLowerCase())) return t;
  const m = rules.agencyLine.re.exec(t);
  return m?.groups?.name && m.groups.name.length <= rules.acronymMidText ? m.groups.name : undefined;
}

/** Lines that are furniture whatever their position: captions, widgets, lone labels, boilerplate. */
function isFurnitureLine(text: string, rules: CleanRules): boolean {
  return (
    matchCaption(text, rules) !== undefined ||
    isWidget(text, rules) ||
    loneLabel(text, rules) !== undefined ||
    rules.boilerplate.some((r) => text.length <= r.maxChars && r.re.test(text))
  );
}

function firstMatch(rulesList: readonly Rule[], text: string): { rule: Rule; m: RegExpExecArray } | undefined {
  for (const rule of rulesList) {
    const m = rule.re.exec(text);
    if (m) return { rule, m };
  }
  return undefined;
}

/** A trailer label: the label alone, or the label with an explicit separator before a link title. */
function matchTrailer(text: string, trailers: readonly Rule[]): Rule | undefined {
  const hit = firstMatch(trailers, text);
  if (!hit) return undefined;
  const restText = text.slice(hit.m[0].length).trim();
  return restText === '' || /[:\-–—»]/.test(hit.m[0]) ? hit.rule : undefined;
}

/** A line that reads like the title of a linked article rather than a sentence of this one. */
function isLinkTitle(text: string, rules: CleanRules): boolean {
  const t = text.trim();
  return t.length <= rules.headline.maxChars && !/[.!?…]["”’)]?$/u.test(t) && (isHeadlineLike(t, rules, false) || t.split(/\s+/).length <= rules.headline.maxWords);
}

/** The text after `headline` when a paragraph starts with it fused to a new sentence, else undefined. */
function gluedRest(paragraph: string, headline: string): string | undefined {
  if (paragraph.length <= headline.length || !paragraph.startsWith(headline)) return undefined;
  const rest = paragraph.slice(headline.length);
  return /^\s*[\p{Lu}"“‘«]/u.test(rest) ? rest : undefined;
}

/** True for a real YYYY-MM-DD calendar date. */
function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
