/**
 * Dates as pages write them, turned into {@link DateValue}s: ISO 8601 and its common variants
 * (`2019-11-20 04:00:00`, `+0600` offsets, `20191120`), RFC 2822 (`Tue, 19 Nov 2019 09:30:00 GMT`),
 * written-out dates (`November 20, 2019`), dates in URL paths (`/2019/11/20/`), and dates in a
 * page's bylines and datelines, read with chrono-node in the page's language.
 */
import * as chrono from 'chrono-node';
import type { DateValue, MetaSource } from '../../model/article.js';

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const HAS_TIME = /\d{1,2}:\d{2}/;
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Parse a date string from page metadata; undefined when it is not a plausible date. */
export function parseDate(raw: string | undefined, source: MetaSource): DateValue | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s === '' || s.length > 100) return undefined;
  const m = ISO.exec(s);
  if (m) {
    const [, ys, ms, ds, hh, mm, ss, , zone] = m;
    const y = Number(ys);
    const mo = Number(ms);
    const d = Number(ds);
    if (!validDay(y, mo, d)) return undefined;
    const day = `${ys}-${ms}-${ds}`;
    if (hh === undefined || mm === undefined) return { value: day, precision: 'day', source, raw };
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return { value: day, precision: 'day', source, raw };
    let offset = '';
    if (zone) {
      const z = zone.toUpperCase();
      if (z === 'Z' || z === 'UTC' || z === 'GMT') offset = 'Z';
      else {
        const digits = z.replace(':', '');
        offset = `${digits.slice(0, 3)}:${digits.length > 3 ? digits.slice(3, 5) : '00'}`;
      }
    }
    return { value: `${day}T${pad(Number(hh))}:${mm}:${ss ?? '00'}${offset}`, precision: 'datetime', source, raw };
  }
  // RFC 2822 and written-out dates: leave the reading to the JavaScript date parser, which
  // knows month names and zone abbreviations, but only for strings that name a month or a year.
  if (!/[a-z]{3}/i.test(s) || !/\d{4}/.test(s)) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const date = new Date(t);
  if (HAS_TIME.test(s) && /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2}|\b[ECMP][SD]T)\b/i.test(s)) {
    const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const y = date.getUTCFullYear();
    if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
    return { value: iso, precision: 'datetime', source, raw };
  }
  // No zone: the written day is the local reading of what was parsed.
  const y = date.getFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  return { value: `${y}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, precision: 'day', source, raw };
}

const URL_DATE = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)/;

/** A date written in a URL path (`/2019/11/20/`, `/2019-11-20-title`, `/20191120/`). */
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
  const [, y, mo, d] = m;
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
 * Precision is `datetime` only when the time and its zone are both written.
 */
export function dateFromText(lines: readonly string[], language: string | undefined): DateValue | undefined {
  const parsers = language && language !== 'en' && CHRONO_BY_LANGUAGE[language] ? [CHRONO_BY_LANGUAGE[language]!, chrono.strict] : [chrono.strict];
  for (const line of lines) {
    const text = line.slice(0, 300);
    for (const parser of parsers) {
      for (const result of parser.parse(text, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })) {
        const s = result.start;
        if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
        const y = s.get('year')!;
        const mo = s.get('month')!;
        const d = s.get('day')!;
        if (!validDay(y, mo, d)) continue;
        const day = `${y}-${pad(mo)}-${pad(d)}`;
        const offset = s.get('timezoneOffset');
        if (s.isCertain('hour') && s.isCertain('timezoneOffset') && offset !== null) {
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const value = `${day}T${pad(s.get('hour') ?? 0)}:${pad(s.get('minute') ?? 0)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          return { value, precision: 'datetime', source: 'text', raw: result.text };
        }
        return { value: day, precision: 'day', source: 'text', raw: result.text };
      }
    }
  }
  return undefined;
}
