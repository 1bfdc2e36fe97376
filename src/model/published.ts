/**
 * Publication times read for comparison and display.
 *
 * A stored publication date ({@link DateValue}) keeps the time as the page wrote it, with the page's
 * own UTC offset (`2023-11-07T14:09:00+03:30`). Two such values cannot be compared as strings: the
 * same instant reads `14:42Z` in one feed and `15:42+01:00` on the page. Every comparison, sort and
 * display of publication times goes through {@link readPublished}, which gives the normalised UTC
 * instant beside the calendar day as written. A date without a time, or a time written without a zone,
 * compares at day precision and never pretends to a time.
 */
import type { DateValue } from './article.js';

/** A publication date read for comparison. */
export interface PublishedTime {
  /** The value as stored: `2023-11-07` or `2023-11-07T14:09:00+03:30`. */
  readonly value: string;
  /** `datetime`: an instant (time and zone known); `day`: a calendar day only. */
  readonly precision: 'datetime' | 'day';
  /** The calendar day as written, in the page's own zone: the day "on Monday" is read against. */
  readonly day: string;
  /** The normalised instant, `2023-11-07T10:39:00Z`; datetime only. */
  readonly utc?: string;
  /** The UTC offset as written (`+03:30`, `Z`); datetime only. */
  readonly offset?: string;
  /** A time of day written without a zone (`14:09`): shown, never compared. */
  readonly localTime?: string;
  /**
   * Milliseconds since the epoch to sort by: the instant for a datetime, midnight UTC of the written
   * day for a day (a day-only report may have come before any timed report of that day).
   */
  readonly ms: number;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetOf(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.length > 3 ? digits.slice(3, 5) : '00'}`;
}

/**
 * Read a publication date (a {@link DateValue} or its `value` string, as stored) for comparison.
 * Undefined for no date or one that is not ISO 8601.
 */
export function readPublished(date: DateValue | string | undefined): PublishedTime | undefined {
  if (date === undefined) return undefined;
  const value = typeof date === 'string' ? date : date.value;
  const localTime = typeof date === 'string' ? undefined : date.localTime;
  const d = DAY.exec(value);
  if (d) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    if (Number.isNaN(ms)) return undefined;
    return { value, precision: 'day', day: value, ms, ...(localTime ? { localTime } : {}) };
  }
  const t = DATETIME.exec(value);
  if (!t) return undefined;
  const [, day, hh, mm, ss, zone] = t;
  if (zone === undefined) {
    // A time without a zone (stored before zones were kept apart): a day with its local time.
    const ms = Date.parse(`${day}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : { value, precision: 'day', day: day!, ms, localTime: `${hh}:${mm}${ss && ss !== '00' ? `:${ss}` : ''}` };
  }
  const offset = offsetOf(zone);
  const ms = Date.parse(`${day}T${hh}:${mm}:${ss ?? '00'}${offset}`);
  if (Number.isNaN(ms)) return undefined;
  return { value, precision: 'datetime', day: day!, utc: new Date(ms).toISOString().replace(/\.000Z$/, 'Z'), offset, ms };
}

/**
 * Order two publication dates by their normalised instant (day-only dates at the start of their
 * day), undated last. A sort comparator: negative when `a` comes first.
 */
export function comparePublished(a: DateValue | string | undefined, b: DateValue | string | undefined): number {
  const x = readPublished(a);
  const y = readPublished(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.ms - y.ms;
}

/** How two publication dates stand to each other, at the precision both have. */
export type TimeRelation = 'before' | 'after' | 'same-minute' | 'same-day';

/**
 * Compare at the precision both carry: two instants to the minute; a day-only date against
 * anything by the calendar day as written (`same-day`: which came first is unknown).
 */
export function relatePublished(a: PublishedTime, b: PublishedTime): TimeRelation {
  if (a.precision === 'datetime' && b.precision === 'datetime') {
    const ma = Math.floor(a.ms / 60_000);
    const mb = Math.floor(b.ms / 60_000);
    return ma === mb ? 'same-minute' : ma < mb ? 'before' : 'after';
  }
  return a.day === b.day ? 'same-day' : a.day < b.day ? 'before' : 'after';
}

/** Where a publication time is shown: the reader's zone (default: the process's or browser's), or UTC. */
export interface ShowOptions {
  /** An IANA zone (`Europe/Paris`), `UTC`, or undefined for the local zone of the reader. */
  readonly timeZone?: string;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      ...(timeZone ? { timeZone } : {}),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    FORMATTERS.set(key, f);
  }
  return f;
}

/** The wall-clock parts of instant `ms` in a zone: `2023-11-07`, `14:09`, and its offset (`+03:30`, `Z`). */
export function wallClock(ms: number, options: ShowOptions = {}): { readonly day: string; readonly time: string; readonly offset: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(options.timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const written = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '');
  const offset = written === '' || /^[+-]00:00$/.test(written) ? 'Z' : written;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, offset };
}

/**
 * A publication date for a reader: an instant in the reader's zone with its offset
 * (`2023-11-07 11:39 +01:00`; `2023-11-07 10:39 UTC` in UTC); a day as written (`2023-11-07`);
 * a time without a zone as written and said so (`2023-11-07 14:09 (zone unknown)`).
 */
export function showPublished(date: DateValue | string | undefined, options: ShowOptions = {}): string {
  const p = readPublished(date);
  if (!p) return typeof date === 'string' ? date : (date?.value ?? '');
  if (p.precision === 'day') return p.localTime ? `${p.day} ${p.localTime} (zone unknown)` : p.day;
  const w = wallClock(p.ms, options);
  return `${w.day} ${w.time} ${w.offset === 'Z' ? 'UTC' : w.offset}`;
}
