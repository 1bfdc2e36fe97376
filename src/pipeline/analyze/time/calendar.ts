/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so that no local time zone shifts a day.
 */

/** A calendar day: year, month 1–12, day 1–31. */
export interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The day an ISO date or datetime names, as written (its local date, whatever its offset). */
export function dayOf(iso: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const toUtc = (day: Day): Date => new Date(Date.UTC(day.y, day.m - 1, day.d));
const fromUtc = (t: Date): Day => ({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });

/** The day `n` days after (before, when negative) `day`. */
export function addDays(day: Day, n: number): Day {
  const t = toUtc(day);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/** The month `n` months after `day`'s month, as year and month. */
export function addMonths(day: Day, n: number): { y: number; m: number } {
  const k = day.y * 12 + (day.m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12) + 1 };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(day: Day): number {
  const w = toUtc(day).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO week-numbering year and week of a day. */
export function isoWeek(day: Day): { y: number; w: number } {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = toUtc({ y: thursday.y, m: 1, d: 1 });
  const w = Math.floor((toUtc(thursday).getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
  return { y: thursday.y, w };
}

export const formatDay = (day: Day): string => `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
export const formatMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`;
export function formatWeek(day: Day): string {
  const { y, w } = isoWeek(day);
  return `${pad(y, 4)}-W${pad(w)}`;
}
export const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;

/** The last day of a month. */
export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The calendar range a TIMEX3 DATE value covers (`2023`, `2023-11`, `2023-11-06`, `2023-W45`, `2023-Q3`), when it is one. */
export function rangeOfValue(value: string): { start: string; end: string } | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return { start: m[0], end: m[0] };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { start: `${m[0]}-01`, end: formatDay({ y, m: mo, d: lastDayOfMonth(y, mo) }) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { start: formatDay({ y, m: q * 3 - 2, d: 1 }), end: formatDay({ y, m: q * 3, d: lastDayOfMonth(y, q * 3) }) };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    const jan4: Day = { y, m: 1, d: 4 };
    const monday = addDays(jan4, 1 - weekday(jan4) + (w - 1) * 7);
    return { start: formatDay(monday), end: formatDay(addDays(monday, 6)) };
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return undefined;
}
