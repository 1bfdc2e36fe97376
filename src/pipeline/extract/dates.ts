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
