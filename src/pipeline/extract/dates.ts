/**
 * Dates as pages write them, turned into {@link DateValue}s: page metadata strings through the shared
 * {@link parseDate} (`../dates.ts`, also used by ingest for feed and JSONL hints), dates in URL paths
 * (`/2019/11/20/`), and dates in a page's bylines and datelines, read with chrono-node in the page's
 * language.
 *
 * A time keeps the page's own offset (`2019-11-19T19:47:00-05:00`, not the UTC reading), so the
 * calendar day stays the page's. A zone abbreviation counts only when `../zones.json` gives it
 * one offset; a time without a usable zone is kept as `localTime` on a day-precision value.
 */
import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import type { DateValue } from '../../model/article.js';
import { readWritten, validDay } from '../dates.js';

export { parseDate, zoneOffset } from '../dates.js';

/**
 * The first date of `candidates` (in order of trust), made as precise as the others allow: when it
 * is a day and a later candidate gives a time on that same written day (JSON-LD `2019-11-19`, then
 * OpenGraph `2019-11-19T07:09:00Z`), the timed one is taken, a time with its zone before one without.
 */
export function mostPrecise(candidates: readonly (DateValue | undefined)[]): DateValue | undefined {
  const dates = candidates.filter((c): c is DateValue => c !== undefined);
  const first = dates[0];
  if (!first || first.precision === 'datetime') return first;
  const sameDay = dates.filter((c) => c.value.slice(0, 10) === first.value);
  return sameDay.find((c) => c.precision === 'datetime') ?? (first.localTime ? first : sameDay.find((c) => c.localTime !== undefined)) ?? first;
}

/** `/2019/11/20/`, `/2019-11-20-title`, `/2017/7/12/` (separated: one or two digits), `/20191120/` (run together: two). */
const URL_DATE = /\/((?:19|20)\d{2})(?:([/-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?=[/\-_.]|$)/;

/** A date written in a URL path (`/2019/11/20/`, `/2019-11-20-title`, `/2017/7/12/`, `/20191120/`). */
export function dateFromUrl(url: string | undefined): DateValue | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = URL_DATE.exec(path);
  if (!m) return undefined;
  const y = m[1]!;
  const mo = (m[3] ?? m[5]!).padStart(2, '0');
  const d = (m[4] ?? m[6]!).padStart(2, '0');
  if (!validDay(Number(y), Number(mo), Number(d))) return undefined;
  return { value: `${y}-${mo}-${d}`, precision: 'day', source: 'url', raw: m[0].slice(1) };
}

/** chrono-node's strict parsers by language (strict: no "today" or "last Friday"). */
const CHRONO_BY_LANGUAGE: Readonly<Record<string, { parse: typeof chrono.strict.parse }>> = {
  en: chrono.strict,
  de: chrono.de.strict,
  es: chrono.es.strict,
  fr: chrono.fr.strict,
  it: chrono.it.strict,
  ja: chrono.ja.strict,
  nl: chrono.nl.strict,
  pt: chrono.pt.strict,
  ru: chrono.ru.strict,
  sv: chrono.sv.strict,
  uk: chrono.uk.strict,
  zh: chrono.zh.strict,
};

/**
 * A date written in the page's furniture ("Published 4:00 am CST, Wednesday, November 20, 2019"):
 * the first of the given lines with a full calendar date (year, month and day all written).
 * Precision is `datetime` only when the time and a known zone are both written; a time alone is
 * kept as `localTime`.
 */
export function dateFromText(lines: readonly string[], language: string | undefined): DateValue | undefined {
  const parsers = language && language !== 'en' && CHRONO_BY_LANGUAGE[language] ? [CHRONO_BY_LANGUAGE[language]!, chrono.strict] : [chrono.strict];
  for (const line of lines) {
    const found = readWritten(line.slice(0, 300), parsers, 'text');
    if (found) return found;
  }
  return undefined;
}

/** A calendar day found in visible text, with where it starts in that text. */
export interface WrittenDay {
  readonly value: string;
  readonly index: number;
  readonly raw: string;
}

interface MonthTable {
  readonly pattern: string;
  readonly byName: ReadonlyMap<string, number>;
}

let monthTable: MonthTable | undefined;

/** Month names of the main news languages (`rules/metadata.json`), as one alternation, longest first. */
function months(): MonthTable {
  if (monthTable) return monthTable;
  const rules = JSON.parse(readFileSync(new URL('./rules/metadata.json', import.meta.url), 'utf8')) as { months: { value: Record<string, string[][]> } };
  const byName = new Map<string, number>();
  for (const list of Object.values(rules.months.value)) list.forEach((names, i) => names.forEach((n) => byName.has(n) || byName.set(n, i + 1)));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  monthTable = { pattern: names.join('|'), byName };
  return monthTable;
}

let dayPatterns: RegExp | undefined;

/**
 * Every calendar day written in a text, in order: ISO (`2019-11-20`, `2019/11/20`), day-first numbers
 * (`20.11.2019`, `20. 11. 2019`, `20/11/2019`; month-first `11/20/2019` only where the day-first
 * reading is impossible or the page is English), and written months in the main news languages
 * (`20 November 2019`, `20. November 2019`, `November 20, 2019`, `20 de noviembre de 2019`).
 */
export function daysInText(text: string, language?: string): WrittenDay[] {
  // Every form has a four-digit year: most texts have none and cost one cheap scan.
  if (!/(?:19|20)\d{2}/.test(text)) return [];
  const m = months();
  dayPatterns ??= new RegExp(
    [
      String.raw`(?<![\p{L}\d.])(?<iy>(?:19|20)\d{2})(?<is>[-/.])(?<im>0?[1-9]|1[0-2])\k<is>(?<id>0?[1-9]|[12]\d|3[01])(?![\d])`,
      String.raw`(?<![\p{L}\d.,/])(?<nd>0?[1-9]|[12]\d|3[01])(?<ns>\.\s?|/|-)(?<nm>0?[1-9]|[12]\d|3[01])\k<ns>(?<ny>(?:19|20)\d{2})(?!\d)`,
      String.raw`(?<![\p{L}\d])(?<wd>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?(?<wm>${m.pattern})\.?,?\s+(?:de\s+)?(?<wy>(?:19|20)\d{2})(?!\d)`,
      String.raw`(?<![\p{L}])(?<mm>${m.pattern})\.?\s+(?<md>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?<my>(?:19|20)\d{2})(?!\d)`,
    ].join('|'),
    'giu',
  );
  const out: WrittenDay[] = [];
  for (const x of text.matchAll(dayPatterns)) {
    const g = x.groups!;
    let y: number;
    let mo: number;
    let d: number;
    if (g['iy']) [y, mo, d] = [Number(g['iy']), Number(g['im']), Number(g['id'])];
    else if (g['ny']) {
      [y, mo, d] = [Number(g['ny']), Number(g['nm']), Number(g['nd'])];
      if (g['ns'] === '/' && language === 'en') [mo, d] = [d, mo];
    } else if (g['wy']) [y, mo, d] = [Number(g['wy']), m.byName.get(g['wm']!.toLowerCase()) ?? 0, Number(g['wd'])];
    else [y, mo, d] = [Number(g['my']), m.byName.get(g['mm']!.toLowerCase()) ?? 0, Number(g['md'])];
    if (!validDay(y, mo, d)) {
      // `11/20/2019`: month first where day first is impossible.
      if (g['ns'] === '/' && validDay(y, d, mo)) [mo, d] = [d, mo];
      else continue;
    }
    out.push({ value: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, index: x.index, raw: x[0] });
  }
  return out;
}

/** Minutes east of UTC of a datetime value (`…+02:00` → 120, `…Z` → 0); undefined for a day. */
export function valueOffset(value: string): number | undefined {
  if (value.length <= 10) return undefined;
  if (value.endsWith('Z')) return 0;
  const m = /([+-])(\d{2}):(\d{2})$/.exec(value);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** The same instant written at another offset: `2019-11-20T03:00:00Z` at -300 → `2019-11-19T22:00:00-05:00`. */
export function atOffset(date: DateValue, offset: number): DateValue {
  if (date.precision !== 'datetime') return date;
  const ms = Date.parse(date.value);
  if (Number.isNaN(ms)) return date;
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const { zone: _dropped, ...rest } = date;
  return { ...rest, value: `${local}${zone}` };
}
