/**
 * Date strings as pages, feeds and JSON Lines dumps write them, turned into {@link DateValue}s: ISO
 * 8601 and its common variants (`2019-11-20 04:00:00`, `+0600` offsets, `20191120`), RFC 2822
 * (`Tue, 19 Nov 2019 09:30:00 GMT`) and written-out dates (`November 20, 2019, 7:47 PM EST`), read
 * with chrono-node. Shared by the ingest stage (feed and JSONL hints) and the extract stage (page
 * metadata, bylines and datelines); pure: nothing here depends on the machine's time zone.
 *
 * A time keeps the writer's own offset (`2019-11-19T19:47:00-05:00`, not the UTC reading), so the
 * calendar day stays the page's. A zone abbreviation counts only when `zones.json` gives it one
 * offset; a time without a usable zone is kept as `localTime` on a day-precision value.
 */
import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import type { DateValue, MetaSource } from '../model/article.js';
import type ZonesFile from './zones.json';

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{1,5}(?:[+-]\d{2}(?::?\d{2})?)?)?)?$/i;
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

interface ZoneRule {
  readonly offset?: string | null;
  readonly standard?: string;
  readonly daylight?: string;
  readonly rule?: 'us';
  readonly reason: string;
}

// Read at run time rather than imported: JSON modules are still experimental (and warn) on Node 20.
const zonesJson = JSON.parse(readFileSync(new URL('./zones.json', import.meta.url), 'utf8')) as typeof ZonesFile;
const ZONES: ReadonlyMap<string, ZoneRule> = new Map(Object.entries(zonesJson.zones as Record<string, ZoneRule>));

/** Minutes east of UTC for `+03:30`, `-0500`, `+01`; undefined when malformed. */
function offsetMinutes(s: string): number | undefined {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  if (h > 14 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `+03:30`, `-05:00` for minutes east of UTC; UTC itself as `Z`, or `+00:00` when the page wrote it in digits. */
function offsetText(minutes: number, digits = false): string {
  if (minutes === 0 && !digits) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The n-th (1-based; -1 = last) Sunday of a month, as a day of the month. */
function sunday(y: number, month: number, n: number): number {
  if (n > 0) {
    const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (n - 1);
  }
  const lastDay = new Date(Date.UTC(y, month, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

/** US daylight time for a local wall-clock time: 2007 on, second Sunday of March to first Sunday of November; before, first Sunday of April to last Sunday of October. */
function usDaylight(y: number, mo: number, d: number, h: number): boolean {
  const [startMonth, startDay, endMonth, endDay] = y >= 2007 ? [3, sunday(y, 3, 2), 11, sunday(y, 11, 1)] : [4, sunday(y, 4, 1), 10, sunday(y, 10, -1)];
  const key = (m: number, day: number, hour: number): number => (m * 32 + day) * 24 + hour;
  const at = key(mo, d, h);
  return at >= key(startMonth, startDay, 2) && at < key(endMonth, endDay, 2);
}

/** The offset (minutes east of UTC) a zone abbreviation stands for at a local time; undefined when unknown or ambiguous. */
export function zoneOffset(abbr: string, y: number, mo: number, d: number, h: number): number | undefined {
  const rule = ZONES.get(abbr.toUpperCase());
  if (!rule) return undefined;
  if (rule.rule === 'us' && rule.standard && rule.daylight) return offsetMinutes(usDaylight(y, mo, d, h) ? rule.daylight : rule.standard);
  return rule.offset ? offsetMinutes(rule.offset) : undefined;
}

/** Zone offsets for chrono, from the zones file (ambiguous and rule-bound ones are left to our own reading). */
const CHRONO_ZONES: Record<string, number> = Object.fromEntries(
  [...ZONES].flatMap(([abbr, rule]) => {
    const m = rule.offset ? offsetMinutes(rule.offset) : undefined;
    return m === undefined ? [] : [[abbr, m] as const];
  }),
);

export function validDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** Calendar and clock fields as written, and what was written about the zone. */
interface Written {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h?: number;
  readonly mi?: number;
  readonly s?: number;
  /** Minutes east of UTC, when the zone was written and is known. */
  readonly offset?: number;
  /** The abbreviation the offset came from. */
  readonly zone?: string;
  /** The offset was written in digits (`+0000`), not as `Z`, `UTC` or a name. */
  readonly digits?: boolean;
}

/** A DateValue from written fields: a datetime only with a known zone; a time without one is kept as `localTime`. */
function toDateValue(w: Written, source: MetaSource, raw: string): DateValue | undefined {
  if (!validDay(w.y, w.mo, w.d)) return undefined;
  const day = `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
  if (w.h === undefined || w.mi === undefined || w.h > 23 || w.mi > 59 || (w.s ?? 0) > 59) return { value: day, precision: 'day', source, raw };
  const time = `${pad(w.h)}:${pad(w.mi)}`;
  if (w.offset === undefined) return { value: day, precision: 'day', source, raw, localTime: w.s ? `${time}:${pad(w.s)}` : time };
  return {
    value: `${day}T${time}:${pad(w.s ?? 0)}${offsetText(w.offset, w.digits)}`,
    precision: 'datetime',
    source,
    raw,
    ...(w.zone ? { zone: w.zone } : {}),
  };
}

/** The zone written in an ISO-like string's tail: `Z`, `+0530`, `UTC`, `GMT+2`, `EST`. */
function isoZone(zone: string, y: number, mo: number, d: number, h: number): { offset?: number; zone?: string; digits?: boolean } {
  const z = zone.toUpperCase();
  if (z === 'Z') return { offset: 0 };
  if (/^[+-]/.test(z)) return { offset: offsetMinutes(z), digits: true };
  const m = /^([A-Z]+)([+-].+)?$/.exec(z)!;
  if (m[2] !== undefined) return m[1] === 'GMT' || m[1] === 'UTC' ? { offset: offsetMinutes(m[2]), digits: true } : {};
  const offset = zoneOffset(m[1]!, y, mo, d, h);
  return offset === undefined ? {} : { offset, ...(m[1] === 'GMT' || m[1] === 'UTC' ? {} : { zone: m[1] }) };
}

/**
 * The zone a chrono result wrote: a numeric offset (`-0600`, `GMT+0530`) as chrono read it; an
 * abbreviation only when the zones file gives it one offset.
 */
function chronoZone(result: chrono.ParsedResult): { offset?: number; zone?: string; digits?: boolean } {
  const s = result.start;
  if (/(?:^|[\s\dT])[+-]\d{2}:?\d{2}\b/.test(result.text)) {
    const offset = s.get('timezoneOffset');
    return s.isCertain('timezoneOffset') && offset !== null ? { offset, digits: true } : {};
  }
  // The first listed abbreviation in the matched text; one chrono knows but the zones file does not list is not trusted.
  for (const m of result.text.matchAll(/\b([A-Z]{1,5})\b/g)) {
    const abbr = m[1]!;
    if (!ZONES.has(abbr)) continue;
    const offset = zoneOffset(abbr, s.get('year') ?? 0, s.get('month') ?? 0, s.get('day') ?? 0, s.get('hour') ?? 0);
    return offset === undefined ? {} : { offset, ...(abbr === 'GMT' || abbr === 'UTC' || abbr === 'UT' || abbr === 'Z' ? {} : { zone: abbr }) };
  }
  return {};
}

/** The first chrono result in `text` with a full calendar date (year, month and day all written). */
export function readWritten(text: string, parsers: readonly { parse: typeof chrono.strict.parse }[], source: MetaSource, raw?: string): DateValue | undefined {
  for (const parser of parsers) {
    for (const result of parser.parse(text, new Date(Date.UTC(2000, 0, 1)), { forwardDate: false, timezones: CHRONO_ZONES })) {
      const s = result.start;
      if (!s.isCertain('year') || !s.isCertain('month') || !s.isCertain('day')) continue;
      const timed = s.isCertain('hour');
      const w: Written = {
        y: s.get('year')!,
        mo: s.get('month')!,
        d: s.get('day')!,
        ...(timed ? { h: s.get('hour') ?? 0, mi: s.get('minute') ?? 0, s: s.isCertain('second') ? (s.get('second') ?? 0) : 0, ...chronoZone(result) } : {}),
      };
      const value = toDateValue(w, source, raw ?? result.text);
      if (value) return value;
    }
  }
  return undefined;
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
    if (hh === undefined || mm === undefined) return toDateValue({ y, mo, d }, source, raw);
    // `2019-11-20 04:00 PM`: a twelve-hour clock, not a zone.
    const meridiem = zone && /^[ap]m$/i.test(zone) ? zone.toLowerCase() : undefined;
    const h = meridiem ? (Number(hh) % 12) + (meridiem === 'pm' ? 12 : 0) : Number(hh);
    const written = { y, mo, d, h, mi: Number(mm), s: Number(ss ?? 0) };
    return toDateValue(zone && !meridiem ? { ...written, ...isoZone(zone, y, mo, d, h) } : written, source, raw);
  }
  // RFC 2822 and written-out dates, only for strings that name a month or a day and a year.
  if (!/[a-z]{3}/i.test(s) || !/\d{4}/.test(s)) return undefined;
  return readWritten(s, [chrono.strict], source, raw);
}

