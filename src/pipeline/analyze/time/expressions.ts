/**
 * Temporal expressions: find dates, times, durations and recurrences in an article's text and
 * normalise them to TIMEX3 values against the article's publication date (the anchor).
 *
 * Own rules (word lists in `lexicon.json`) cover what newswire writes most: weekdays resolved
 * past-leaning unless the clause points forward, "yesterday", "last week", "this year", quarters,
 * "three days ago", durations ("the past three months" = P3M with its calendar range), generic
 * references ("now", "recently") and recurrences ("daily"). chrono-node adds explicit calendar dates
 * the rules do not write out ("2023-11-06", "11/06/2023", "Nov 6th"); where a rule and chrono-node
 * overlap, the longer match wins (the rule at equal length).
 */
import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import type { TimeExpression, TimexType } from '../../../model/time.js';
import {
  addDays,
  addMonths,
  dayOf,
  formatDay,
  formatMonth,
  formatWeek,
  lastDayOfMonth,
  quarterOf,
  rangeOfValue,
  weekday,
  type Day,
} from './calendar.js';

interface WordList<T> {
  readonly reason: string;
  readonly values: T;
}

/** The word lists behind the rules. */
export interface TimeLexicon {
  readonly numbers: WordList<Readonly<Record<string, number>>>;
  readonly vagueCounts: WordList<readonly string[]>;
  readonly units: WordList<Readonly<Record<string, string>>>;
  readonly weekdays: WordList<Readonly<Record<string, number>>>;
  readonly months: WordList<Readonly<Record<string, number>>>;
  readonly seasons: WordList<Readonly<Record<string, string>>>;
  readonly partsOfDay: WordList<Readonly<Record<string, string>>>;
  readonly ordinals: WordList<Readonly<Record<string, number>>>;
  readonly generic: WordList<Readonly<Record<string, string>>>;
  readonly genericGuards: WordList<readonly string[]>;
  readonly sets: WordList<Readonly<Record<string, string>>>;
  readonly futureCues: WordList<readonly string[]>;
  readonly openingFutureCues: WordList<readonly string[]>;
  readonly perUnit: WordList<readonly string[]>;
  readonly spelledYears: WordList<Readonly<Record<string, number>>>;
  readonly modifiers: WordList<readonly string[]>;
  readonly durationLeads: WordList<readonly string[]>;
  readonly monthAbbreviations: WordList<readonly string[]>;
  readonly ambiguousMonths: WordList<readonly string[]>;
  readonly holidays: WordList<Readonly<Record<string, string | { readonly month: number; readonly weekday: number; readonly nth: number }>>>;
}

/** The shipped word lists. */
export const TIME_LEXICON = JSON.parse(readFileSync(new URL('./lexicon.json', import.meta.url), 'utf8')) as TimeLexicon;

export interface TimeExpressionOptions {
  /** Word lists (defaults to the shipped {@link TIME_LEXICON}). */
  readonly lexicon?: TimeLexicon;
  /** Add chrono-node's matches where no rule matched (default true). */
  readonly chrono?: boolean;
}

/** Finds and normalises the temporal expressions of one text; `anchor` is its publication date (ISO date or datetime). */
export type TimeExpressionFinder = (text: string, anchor?: string) => TimeExpression[];

interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  rule: string;
  range?: { start: string; end: string };
  /** Resolved in document order against the last quarter mentioned. */
  quarter?: 'same' | 'year-earlier' | 'of-year';
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map(esc).join('|');

/** Compiled patterns for one lexicon. */
function compile(lex: TimeLexicon) {
  const units = Object.keys(lex.units.values);
  const unitAlt = `(?:${alt([...units, 'hr', 'min', 'yr'])})(?:e?s)?`;
  const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  const ones = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const numWord = `(?:(?:${tens.join('|')})[- ](?:${ones.join('|')})|${alt(Object.keys(lex.numbers.values))})`;
  const count = `(?:\\d+(?:\\.\\d+)?(?:\\s+1/2)?|${numWord}|${alt(lex.vagueCounts.values)})`;
  const modifier = `(?:(?:${alt(lex.modifiers.values)})\\s+)`;
  const lead = `(?:(?:the\\s+)?(?:${alt(lex.durationLeads.values)})\\s+|the\\s+)`;
  const monthAlt = alt(Object.keys(lex.months.values));
  return {
    unitAlt,
    count,
    duration: new RegExp(`\\b${modifier}?${lead}?(${count})(\\s+|-)(${unitAlt})\\b(?!-old|\\s+old\\b)`, 'gi'),
    ago: new RegExp(`\\b${modifier}?(${count})[\\s-]+(${unitAlt})\\s+(ago|earlier|before|later|after|from\\s+now|hence)\\b`, 'gi'),
    bareUnits: /\b(?:for|over|in|within|past|coming)\s+(?:the\s+)?((?:years|months|weeks|decades|centuries|days))\b/gi,
    recentUnits: /\brecent\s+(?:years|months|weeks|days|decades)\b/gi,
    relUnit: new RegExp(
      `\\b((?:(?:early|late|mid|later|earlier)[\\s-]+)?)(last|this|next|past|coming|previous|current|the\\s+past|the\\s+current|the\\s+coming|the\\s+previous|the\\s+next)\\s+(week|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)\\b`,
      'gi',
    ),
    weekend: /\b(?:the|this|last|next)\s+weekend\b/gi,
    quarter: new RegExp(
      `\\b(?:the\\s+)?(?:(\\d{4})\\s+|(this|last|next)\\s+year's\\s+)?(?:fiscal\\s+)?(${alt(Object.keys(lex.ordinals.values))})([\\s-]+)(quarter|half)(?:\\s+of\\s+(\\d{4}))?\\b`,
      'gi',
    ),
    quarterRef: /\b(?:the\s+(?:(latest|current|most\s+recent|same|year-earlier|year-ago|year-before|comparable|previous|prior)[\s-]+)?|(latest|year-earlier|year-ago)\s+)(quarter|period)\b(?!-)/gi,
    yearEarlier: /\b(year-earlier|year-ago)\b(?!\s+(?:quarter|period))/gi,
    yearPeriod: /\bthe\s+((?:1[6-9]|20)\d\d)\s+(?:period|quarter|fiscal\s+year|year)\b/gi,
    theYear: /\bthe\s+(?:full\s+|fiscal\s+|current\s+|current\s+fiscal\s+)?year\b(?![-'’])/gi,
    yearEnd: /\b(?:(since|from|after)\s+)?(year-end|year's\s+end|the\s+end\s+of\s+the\s+year)\b/gi,
    spelledYear: new RegExp(
      `\\b(?:the\\s+year\\s+)?(nineteen|eighteen)[\\s-]+(${tens.join('|')})(?:[\\s-]+(${ones.join('|')}))?\\b|\\bthe\\s+year\\s+two\\s+thousand\\b`,
      'gi',
    ),
    perUnit: new RegExp(`(?:\\d[\\d,.]*|\\b(?:${alt(lex.perUnit.values)}))\\s+$`, 'i'),
    days: /\b((?:early|late)\s+)?(the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(morning|afternoon|evening|night))?\b/gi,
    weekdays: new RegExp(
      `\\b(?:(last|this|next|past|coming|early|late)\\s+)?(${alt(Object.keys(lex.weekdays.values))})(?:\\s+(${alt(Object.keys(lex.partsOfDay.values))}))?\\b`,
      'gi',
    ),
    monthDay: new RegExp(
      `\\b(?:(early|late|mid|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+middle\\s+of|last|this|next)[\\s-]+)?(${monthAlt})(\\.?)(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b)?(?:,?\\s+(\\d{4})\\b|\\s+(this|last|next)\\s+year\\b)?`,
      'gi',
    ),
    dayMonth: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${monthAlt})\\.?(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    year: /\b((?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|fiscal)[\s-]+)?)((?:1[6-9]|20)\d\d)\b(?![,.]?\d|\s*%|\s+percent)/gi,
    decade: /\b((?:the\s+)?(?:(?:early|late|mid)[\s-]+)?)((?:1[6-9]|20)\d)0'?s\b/gi,
    season: new RegExp(`\\b(?:(?:early|late|mid)[\\s-]+)?(?:the\\s+)?(${alt(Object.keys(lex.seasons.values))})\\s+(?:of\\s+)?((?:1[6-9]|20)\\d\\d)\\b`, 'gi'),
    clock: /\b(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(noon|midnight)\b|\b([01]?\d|2[0-3]):([0-5]\d)\b/gi,
    generic: new RegExp(`\\b(${alt(Object.keys(lex.generic.values))})\\b`, 'gi'),
    sets: new RegExp(`\\b(${alt(Object.keys(lex.sets.values))})\\b`, 'gi'),
    holiday: new RegExp(`\\b(?:(last|this|next)\\s+)?(${alt(Object.keys(lex.holidays.values)).replace(/'/g, "['’]")})(?:,?\\s+((?:1[6-9]|20)\\d\\d))?(?![\\w'’])`, 'gi'),
    openingFutureCue: new RegExp(`\\b(?:${alt(lex.openingFutureCues.values)})\\b`, 'i'),
    futureCue: new RegExp(`\\b(?:${alt(lex.futureCues.values)})\\b|'ll\\b`, 'i'),
  };
}

type Patterns = ReturnType<typeof compile>;

/** A count as a number, or `X` when the text gives none ("several"). */
function countOf(lex: TimeLexicon, raw: string): number | 'X' {
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d/.test(s)) return s.endsWith(' 1/2') ? Number(s.slice(0, -4)) + 0.5 : Number(s);
  const direct = lex.numbers.values[s];
  if (direct !== undefined) return direct;
  const m = /^(\w+)[- ](\w+)$/.exec(s);
  if (m) {
    const a = lex.numbers.values[m[1]!];
    const b = lex.numbers.values[m[2]!];
    if (a !== undefined && b !== undefined) return a + b;
  }
  return 'X';
}

/** The ISO unit code of a unit word ("hours" → TH, "years" → Y). */
function unitOf(lex: TimeLexicon, raw: string): string {
  const w = raw.toLowerCase();
  const short: Record<string, string> = { hr: 'hour', hrs: 'hour', min: 'minute', mins: 'minute', yr: 'year', yrs: 'year' };
  for (const form of [w, short[w], w.replace(/s$/, ''), w.replace(/ies$/, 'y'), w.replace(/es$/, '')]) {
    if (form !== undefined && lex.units.values[form] !== undefined) return lex.units.values[form];
  }
  return 'D';
}

/** `P3D`, `PT24H`, `PXY`, `P10Y`, `P2DE`. */
function durationValue(n: number | 'X', unit: string): string {
  if (unit === '2W') return n === 'X' ? 'PXW' : `P${n * 2}W`;
  const time = unit.startsWith('T');
  const u = time ? unit.slice(1) : unit;
  if (n !== 'X' && !Number.isInteger(n)) {
    // A half in the next smaller unit: "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M, "half an hour" = PT30M.
    const smaller: Record<string, [string, number]> = { Y: ['M', 12], M: ['D', 30], D: ['H', 24], TH: ['M', 60], TM: ['S', 60], W: ['D', 7] };
    const sm = smaller[unit];
    if (sm) {
      const whole = Math.floor(n);
      const part = Math.round((n - whole) * sm[1]);
      const big = whole > 0 ? `${whole}${unit.replace(/^T/, '')}` : '';
      const timePart = unit.startsWith('T') || sm[0] === 'H';
      return unit.startsWith('T') ? `PT${big}${part}${sm[0]}` : `P${big}${timePart ? 'T' : ''}${part}${sm[0]}`;
    }
  }
  // Decades are written in years, as TimeBank does ("two decades" = P20Y).
  if (unit === 'DE' && n !== 'X') return `P${n * 10}Y`;
  return `P${time ? 'T' : ''}${n === 'X' ? 'X' : n}${u}`;
}

/** The day `n` units before (negative) or after `anchor`, as a DATE value at the unit's precision. */
function shiftedValue(anchor: Day, n: number, unit: string): string {
  switch (unit) {
    case 'Y':
      return String(anchor.y + n);
    case 'DE':
      return String(Math.floor((anchor.y + n * 10) / 10));
    case 'CE':
      return String(Math.floor((anchor.y + n * 100) / 100));
    case 'Q': {
      const { y, m } = addMonths(anchor, n * 3);
      return `${y}-Q${quarterOf(m)}`;
    }
    case 'M': {
      const { y, m } = addMonths(anchor, n);
      return formatMonth(y, m);
    }
    case 'W':
      return formatWeek(addDays(anchor, n * 7));
    case '2W':
      return formatWeek(addDays(anchor, n * 14));
    case 'D':
      return formatDay(addDays(anchor, n));
    default:
      return formatDay(anchor);
  }
}

/** The calendar range of a duration ending (or starting) at the anchor. */
function durationRange(anchor: Day, n: number, unit: string, forward: boolean): { start: string; end: string } | undefined {
  const days: Record<string, number> = { D: 1, W: 7, '2W': 14, M: 30, Q: 91, Y: 365, DE: 3652, TH: 1 / 24 };
  const perUnit = days[unit];
  if (perUnit === undefined) return undefined;
  const span = Math.ceil(n * perUnit);
  return forward
    ? { start: formatDay(anchor), end: formatDay(addDays(anchor, span)) }
    : { start: formatDay(addDays(anchor, -span)), end: formatDay(anchor) };
}

const PAST_AFTER_CUE = /\b(?!(?:scheduled|expected|planned|needed|based)\b)[a-z]{3,}ed\b|\b(?:said|was|were|had|did|told|met|began|came|went|took)\b/i;

/**
 * True when the clause before `at` points forward ("will meet on …", "next …") and no past-tense verb
 * follows the cue; or, for an expression that opens its sentence ("On Tuesday, the vote could …", `end`
 * given), when the clause after it does.
 */
function pointsForward(p: Patterns, text: string, at: number, end?: number): boolean {
  if (end !== undefined) {
    const pre = text.slice(Math.max(0, at - 40), at);
    const opening = (at <= 40 && /^\s*(?:[Oo]n\s+)?$/.test(pre)) || /[.!?\n]\s*(?:[Oo]n\s+)?$/.test(pre);
    if (opening) {
      const after = text.slice(end, end + 80);
      const stop = after.search(/[.;!?\n]/);
      const clause = stop >= 0 ? after.slice(0, stop) : after;
      const cue = p.futureCue.exec(clause) ?? p.openingFutureCue.exec(clause);
      if (cue && !PAST_AFTER_CUE.test(clause.slice(0, cue.index))) return true;
    }
  }
  let from = Math.max(0, at - 80);
  const before = text.slice(from, at);
  const stop = Math.max(before.lastIndexOf('.'), before.lastIndexOf(';'), before.lastIndexOf(','), before.lastIndexOf('\n'), before.lastIndexOf('?'), before.lastIndexOf('!'));
  if (stop >= 0) from += stop + 1;
  const clause = text.slice(from, at);
  const cue = p.futureCue.exec(clause);
  if (!cue) return false;
  const rest = clause.slice(cue.index + cue[0].length);
  return !PAST_AFTER_CUE.test(rest);
}

/** The year of a month (and day) with no year: the nearest such date to the anchor, leaning to the past unless the clause points forward. */
function yearFor(anchor: Day, month: number, day: number | undefined, forward: boolean): number {
  const a = anchor.y * 372 + (anchor.m - 1) * 31 + anchor.d;
  const candidates = [anchor.y - 1, anchor.y, anchor.y + 1];
  let best = anchor.y;
  let bestCost = Infinity;
  for (const y of candidates) {
    const t = y * 372 + (month - 1) * 31 + (day ?? 15);
    const diff = t - a;
    // The nearest date, past-leaning (a bare month much more than a day: news recalls months gone by); forward clauses prefer the future.
    const cost = forward ? (diff >= -15 ? Math.abs(diff) : 400 - diff) : diff <= 0 ? -diff : diff * (day === undefined ? 2 : 1.5);
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

/** Build the finder. */
export function createTimeExpressions(options: TimeExpressionOptions = {}): TimeExpressionFinder {
  const lex = options.lexicon ?? TIME_LEXICON;
  const p = compile(lex);
  const useChrono = options.chrono ?? true;
  const genericGuards = new Set(lex.genericGuards.values);
  const abbreviations = new Set(lex.monthAbbreviations.values);
  const ambiguousMonths = new Set(lex.ambiguousMonths.values);

  return (text, anchorIso) => {
    const anchor = anchorIso ? dayOf(anchorIso) : undefined;
    const out: Candidate[] = [];
    const add = (c: Candidate): void => {
      if (c.end > c.start) out.push(c);
    };
    const each = (re: RegExp, f: (m: RegExpExecArray) => void): void => {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) f(m);
    };

    // Durations: "three days", "the past two months", "10-year", "nearly forty years".
    each(p.duration, (m) => {
      const whole = m[0];
      if (/^(?:1[6-9]|20)\d\d$/.test(m[1]!)) return; // "the 1988 quarter" names a year, not 1988 quarters
      const n = countOf(lex, m[1]!);
      const unit = unitOf(lex, m[3]!);
      const hyphen = m[2] === '-';
      const lower = whole.toLowerCase();
      // "less than 24 hours after the signing": the reported moment is taken as the anchor, so the
      // duration runs back from it ("before" runs forward to the coming event).
      const relation = /^\s+(after|before)\b/i.exec(text.slice(m.index + whole.length, m.index + whole.length + 8))?.[1]?.toLowerCase();
      const backward = /\b(past|last|previous)\b/.test(lower) || relation === 'after';
      const forward = /\b(next|coming|following)\b/.test(lower) || relation === 'before';
      const range = anchor && n !== 'X' && (backward || forward) ? durationRange(anchor, n, unit, forward) : undefined;
      // "$500 million a year", "four flights a week": a rate, not a duration.
      // TimeBank leaves rates untagged, so they are not reported at all.
      if (/^an?\s/i.test(whole) && p.perUnit.test(text.slice(Math.max(0, m.index - 30), m.index))) return;
      const article = hyphen ? (/^the\s+/i.exec(whole)?.[0].length ?? 0) : 0;
      add({
        start: m.index + article,
        end: m.index + whole.length,
        type: 'DURATION',
        value: durationValue(n, unit),
        rule: hyphen ? 'duration-adjective' : backward || forward ? 'duration-anchored' : 'duration',
        ...(range ? { range } : {}),
      });
    });

    // "in recent years", "recent days": the recent past.
    each(p.recentUnits, (m) => add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: 'PAST_REF', rule: 'recent-past' }));

    // "for years", "over months": a vague duration.
    each(p.bareUnits, (m) => {
      const word = m[1]!;
      const start = m.index + m[0].length - word.length;
      const unit = unitOf(lex, word.replace(/^the\s+/i, ''));
      add({ start, end: start + word.length, type: 'DURATION', value: durationValue('X', unit), rule: 'duration-vague' });
    });

    // "three days ago", "a year earlier", "two weeks later".
    each(p.ago, (m) => {
      const n = countOf(lex, m[1]!);
      const unit = unitOf(lex, m[2]!);
      const dir = m[3]!.toLowerCase();
      if (dir === 'before' || dir === 'after') {
        // "less than 24 hours after": a duration relative to another event, not to the anchor.
        return;
      }
      const sign = dir === 'ago' || dir === 'earlier' ? -1 : 1;
      const relativeToText = dir === 'earlier' || dir === 'later';
      // Hours and minutes move the day only by whole days ("36 hours ago" is the day before).
      const perDay: Record<string, number> = { TH: 24, TM: 1440, TS: 86_400 };
      const steps = n === 'X' ? 0 : unit.startsWith('T') ? Math.floor(n / (perDay[unit] ?? 1)) : n;
      const value = !anchor || n === 'X' ? (sign < 0 ? 'PAST_REF' : 'FUTURE_REF') : shiftedValue(anchor, sign * steps, unit.startsWith('T') ? 'D' : unit);
      add({
        start: m.index,
        end: m.index + m[0].length,
        type: 'DATE',
        value,
        rule: relativeToText ? 'relative-earlier-later' : 'relative-ago',
        ...(unit === 'Y' && n === 1 ? { quarter: 'year-earlier' as const } : {}),
      });
    });

    // "last week", "this year", "earlier this month", "next quarter", "this summer".
    each(p.relUnit, (m) => {
      const which = m[2]!.toLowerCase().replace(/^the\s+/, '');
      const unitWord = m[3]!.toLowerCase();
      const start = m.index;
      // "earlier this month" keeps its modifier; "the past week" is a date for the week before.
      const delta = which === 'last' || which === 'past' || which === 'previous' ? -1 : which === 'next' || which === 'coming' ? 1 : 0;
      if (!anchor) {
        add({ start, end: m.index + m[0].length, type: 'DATE', value: delta < 0 ? 'PAST_REF' : delta > 0 ? 'FUTURE_REF' : 'PRESENT_REF', rule: 'relative-unit' });
        return;
      }
      let value: string;
      const season = lex.seasons.values[unitWord];
      if (season) {
        value = `${anchor.y + delta}-${season}`;
      } else {
        const unit = unitOf(lex, unitWord);
        value = shiftedValue(anchor, delta, unit);
      }
      add({ start, end: m.index + m[0].length, type: 'DATE', value, rule: 'relative-unit' });
    });

    // "the weekend", "over the weekend": the most recent weekend.
    each(p.weekend, (m) => {
      if (!anchor) return;
      const w = weekday(anchor);
      const word = m[0].split(/\s+/)[0]!.toLowerCase();
      const forward = word === 'next' || (word !== 'last' && pointsForward(p, text, m.index));
      const sat = forward ? addDays(anchor, ((6 - w + 7) % 7)) : w >= 6 ? addDays(anchor, 6 - w) : addDays(anchor, -(w + 1));
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: `${formatWeek(sat)}-WE`, rule: 'weekend' });
    });

    // Quarters and halves: "the third quarter", "fourth-quarter", "the first half of 1998".
    each(p.quarter, (m) => {
      const n = lex.ordinals.values[m[3]!.toLowerCase()]!;
      const half = m[5]!.toLowerCase() === 'half';
      if (half ? n > 2 : n > 4) return;
      const explicit = m[1] ?? m[6];
      const rel = m[2]?.toLowerCase();
      let year: number | undefined = explicit ? Number(explicit) : rel && anchor ? anchor.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0) : undefined;
      // "the third-quarter results": the hyphenated adjective is tagged without its article.
      const start = m[4] === '-' && !explicit && !rel ? m.index + (/^the\s+/i.exec(m[0])?.[0].length ?? 0) : m.index;
      if (year === undefined && anchor) {
        const current = half ? (anchor.m <= 6 ? 1 : 2) : quarterOf(anchor.m);
        year = n <= current || pointsForward(p, text, m.index) ? anchor.y : anchor.y - 1;
      }
      const value = year === undefined ? `XXXX-${half ? 'H' : 'Q'}${n}` : `${year}-${half ? 'H' : 'Q'}${n}`;
      add({ start, end: m.index + m[0].length, type: 'DATE', value, rule: half ? 'half-year' : 'quarter' });
    });

    // "the quarter", "the latest quarter", "the year-earlier quarter": the quarter in view.
    each(p.quarterRef, (m) => {
      const which = (m[1] ?? m[2] ?? '').toLowerCase();
      const noun = m[3]!.toLowerCase();
      if (noun === 'period' && which === '') return;
      const yearEarlier = /year|comparable/.test(which);
      if (!anchor) return;
      const prev = addMonths(anchor, -3);
      // "the latest quarter" is the last one reported; bare "the quarter" and "the year-earlier quarter" follow the quarter in view.
      const latest = /latest|current|recent/.test(which);
      add({
        start: m.index,
        end: m.index + m[0].length,
        type: 'DATE',
        value: `${prev.y - (yearEarlier ? 1 : 0)}-Q${quarterOf(prev.m)}`,
        rule: 'quarter-in-view',
        ...(latest ? {} : { quarter: yearEarlier ? ('year-earlier' as const) : ('same' as const) }),
      });
    });
    each(p.yearEarlier, (m) => {
      if (!anchor) return;
      const prev = addMonths(anchor, -3);
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: `${prev.y - 1}-Q${quarterOf(prev.m)}`, rule: 'year-earlier', quarter: 'year-earlier' });
    });

    // "the 1988 period", "the year", "the fiscal year", "year-end", "nineteen ninety-six".
    // "the 1988 quarter" is the quarter in view, in 1988.
    each(p.yearPeriod, (m) =>
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: m[1]!, rule: 'year-period', ...(/quarter$/i.test(m[0]) ? { quarter: 'of-year' as const } : {}) }),
    );
    each(p.theYear, (m) => {
      // "the year ended March 31" is a twelve-month period, not the calendar year.
      if (/^\s+(?:ended|ending|to)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) {
        add({ start: m.index, end: m.index + m[0].length, type: 'DURATION', value: 'P1Y', rule: 'the-year' });
      } else if (anchor) add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: String(anchor.y), rule: 'the-year' });
    });
    each(p.yearEnd, (m) => {
      if (!anchor) return;
      const past = m[1] !== undefined;
      const start = m.index + (m[1] ? m[0].length - m[2]!.length : 0);
      const y = anchor.y - (past ? 1 : 0);
      add({ start, end: m.index + m[0].length, type: 'DATE', value: /end$/i.test(m[2]!) && !/the end of/i.test(m[2]!) ? `${y}-12-31` : String(y), rule: 'year-end' });
    });
    each(p.spelledYear, (m) => {
      let value: number;
      if (!m[1]) value = 2000;
      else value = lex.spelledYears.values[m[1].toLowerCase()]! + (lex.numbers.values[m[2]!.toLowerCase()] ?? 0) + (m[3] ? (lex.numbers.values[m[3].toLowerCase()] ?? 0) : 0);
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: String(value), rule: 'spelled-year' });
    });

    // "today", "yesterday", "tomorrow", "tonight", "this morning", "late yesterday", "yesterday morning".
    each(p.days, (m) => {
      const word = m[2]!.toLowerCase().replace(/\s+/g, ' ');
      const part = m[3]?.toLowerCase();
      const offsets: Record<string, number> = {
        today: 0, yesterday: -1, tomorrow: 1, tonight: 0, 'last night': -1,
        'the day before yesterday': -2, 'the day after tomorrow': 2,
      };
      let offset = offsets[word] ?? 0;
      let code = part ? lex.partsOfDay.values[part] : undefined;
      if (word === 'tonight' || word === 'last night') code = 'NI';
      const thisPart = /^this (\w+)/.exec(word);
      if (thisPart) {
        code = lex.partsOfDay.values[thisPart[1]!];
        offset = 0;
      }
      const value = anchor ? `${formatDay(addDays(anchor, offset))}${code ? `T${code}` : ''}` : offset === 0 ? 'PRESENT_REF' : offset < 0 ? 'PAST_REF' : 'FUTURE_REF';
      add({ start: m.index, end: m.index + m[0].length, type: code ? 'TIME' : 'DATE', value, rule: 'deictic-day' });
    });

    // Weekdays: "Monday", "last Friday", "Sunday night".
    each(p.weekdays, (m) => {
      const word = m[1]?.toLowerCase();
      const dow = lex.weekdays.values[m[2]!.toLowerCase()]!;
      const part = m[3] ? lex.partsOfDay.values[m[3].toLowerCase()] : undefined;
      let value: string;
      if (!anchor) value = `XXXX-WXX-${dow}`;
      else {
        const w = weekday(anchor);
        let delta: number;
        if (word === 'last' || word === 'past') delta = -(((w - dow + 7) % 7) || 7);
        else if (word === 'next' || word === 'coming') delta = ((dow - w + 7) % 7) || 7;
        else if (word === 'this') delta = dow - w;
        else if (pointsForward(p, text, m.index, m.index + m[0].length)) delta = (dow - w + 7) % 7;
        else delta = -((w - dow + 7) % 7);
        value = formatDay(addDays(anchor, delta));
      }
      add({
        start: m.index,
        end: m.index + m[0].length,
        type: part ? 'TIME' : 'DATE',
        value: part && anchor ? `${value}T${part}` : value,
        rule: part ? 'weekday-part' : 'weekday',
      });
    });

    // Months: "Nov. 25", "Aug. 7, 1998", "July 1997", "late November", "October".
    each(p.monthDay, (m) => {
      const name = m[2]!;
      if (!/^[A-Z]/.test(name)) return;
      const month = lex.months.values[name.toLowerCase()]!;
      const day = m[4] ? Number(m[4]) : undefined;
      const relYear = m[6]?.toLowerCase();
      const explicitYear = m[5] ? Number(m[5]) : relYear && anchor ? anchor.y + (relYear === 'last' ? -1 : relYear === 'next' ? 1 : 0) : undefined;
      const modWord = m[1]?.toLowerCase();
      const abbreviation = abbreviations.has(name.toLowerCase());
      // A period after a full month name ends the sentence; only abbreviations keep theirs ("Dec. 15").
      const period = m[3] === '.' && !abbreviation && day === undefined && explicitYear === undefined ? 1 : 0;
      if (day !== undefined && (day < 1 || day > 31)) return;
      // "May" and "March" are also words: take them bare only after a preposition or with a day or year.
      if (day === undefined && explicitYear === undefined && !modWord) {
        if (abbreviation) return;
        const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
        if (ambiguousMonths.has(name.toLowerCase()) && !/\b(in|since|until|till|by|of|from|through|to|during|before|after|early|late|mid|last|next|this|each|every)\s+$/.test(before)) return;
      }
      const start = m.index;
      let year = explicitYear;
      if (year === undefined && anchor) {
        if (modWord === 'last') year = month < anchor.m || (day !== undefined && month === anchor.m && day < anchor.d) ? anchor.y : anchor.y - 1;
        else if (modWord === 'next') year = month > anchor.m ? anchor.y : anchor.y + 1;
        else if (modWord === 'this') year = anchor.y;
        else year = yearFor(anchor, month, day, pointsForward(p, text, m.index));
      }
      const y = year === undefined ? 'XXXX' : String(year);
      const mm = String(month).padStart(2, '0');
      const value = day !== undefined ? `${y}-${mm}-${String(day).padStart(2, '0')}` : `${y}-${mm}`;
      add({ start, end: m.index + m[0].length - period, type: 'DATE', value, rule: day !== undefined ? 'month-day' : 'month' });
    });
    each(p.dayMonth, (m) => {
      const name = m[2]!;
      if (!/^[A-Z]/.test(name)) return;
      const month = lex.months.values[name.toLowerCase()]!;
      const day = Number(m[1]);
      if (day < 1 || day > 31) return;
      const year = m[3] ? Number(m[3]) : anchor ? yearFor(anchor, month, day, pointsForward(p, text, m.index)) : undefined;
      const value = `${year ?? 'XXXX'}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value, rule: 'day-month' });
    });

    // Holidays: "Thanksgiving Day", "Christmas Eve 1998", "last Christmas".
    each(p.holiday, (m) => {
      const name = m[2]!.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
      if (!/^\p{Lu}/u.test(m[2]!)) return;
      const rule = lex.holidays.values[name]!;
      const dayIn = (y: number): Day => {
        if (typeof rule === 'string') return { y, m: Number(rule.slice(0, 2)), d: Number(rule.slice(3)) };
        if (rule.nth > 0) {
          const first: Day = { y, m: rule.month, d: 1 };
          return addDays(first, ((rule.weekday - weekday(first) + 7) % 7) + (rule.nth - 1) * 7);
        }
        const last: Day = { y, m: rule.month, d: lastDayOfMonth(y, rule.month) };
        return addDays(last, -((weekday(last) - rule.weekday + 7) % 7));
      };
      const which = m[1]?.toLowerCase();
      let y: number | undefined = m[3] ? Number(m[3]) : undefined;
      if (y === undefined && anchor) {
        const a = formatDay(anchor);
        const thisYear = formatDay(dayIn(anchor.y));
        if (which === 'last') y = thisYear < a ? anchor.y : anchor.y - 1;
        else if (which === 'next') y = thisYear > a ? anchor.y : anchor.y + 1;
        else if (which === 'this') y = anchor.y;
        else {
          const day = dayIn(anchor.y);
          y = yearFor(anchor, day.m, day.d, pointsForward(p, text, m.index));
        }
      }
      const value = y === undefined ? `XXXX-${typeof rule === 'string' ? rule : 'XX-XX'}` : formatDay(dayIn(y));
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value, rule: 'holiday' });
    });

    // Years and decades: "1998", "fiscal 1989", "the 1990s".
    each(p.year, (m) => {
      const before = text.slice(Math.max(0, m.index - 2), m.index);
      if (/[$#£€\d]\s?$/.test(before) || /[-/]$/.test(before)) return;
      const mod = m[1]!;
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: m[2]!, rule: mod === '' ? 'year' : 'year-modified' });
    });
    each(p.decade, (m) => {
      // "the 1960s" is tagged without its article; "early 1990s" keeps its modifier.
      const article = /^the\s+/i.exec(m[0])?.[0].length ?? 0;
      add({ start: m.index + article, end: m.index + m[0].length, type: 'DATE', value: m[2]!, rule: 'decade' });
    });
    each(p.season, (m) => {
      const code = lex.seasons.values[m[1]!.toLowerCase()]!;
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: `${m[2]}-${code}`, rule: 'season' });
    });

    // Clock times: "2 p.m.", "14:00", "noon".
    each(p.clock, (m) => {
      let h: number;
      let min = 0;
      if (m[4]) h = m[4].toLowerCase() === 'noon' ? 12 : 0;
      else if (m[5]) {
        h = Number(m[5]);
        min = Number(m[6]);
        if (!/^\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|local|hours?|h\b|[A-Z]{2,4}T\b)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) return;
      } else {
        h = Number(m[1]);
        min = m[2] ? Number(m[2]) : 0;
        const pm = /^p/i.test(m[3]!);
        if (h > 12) return;
        if (pm && h < 12) h += 12;
        if (!pm && h === 12) h = 0;
      }
      const hhmm = `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
      add({ start: m.index, end: m.index + m[0].length, type: 'TIME', value: anchor ? `${formatDay(anchor)}T${hhmm}` : `XXXX-XX-XXT${hhmm}`, rule: 'clock' });
    });

    // "now", "recently", "the future".
    each(p.generic, (m) => {
      const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      if (genericGuards.has(word)) {
        // "current" and "future" only as adjectives before a word ("current prices"), never as nouns ("electric current").
        const before = text.slice(Math.max(0, m.index - 4), m.index);
        if (word === 'current' && (!/^\s+[a-z]/.test(after) || /^\s+(account|affairs)\b/i.test(after))) return;
        if (word === 'soon' && (/^\s+(as|after)\b/i.test(after) || /\bas\s+$/i.test(before))) return;
      }
      add({ start: m.index, end: m.index + m[0].length, type: 'DATE', value: lex.generic.values[word]!, rule: 'generic-reference' });
    });

    // "daily", "every week", "annually".
    each(p.sets, (m) => {
      const value = lex.sets.values[m[1]!.toLowerCase().replace(/\s+/g, ' ')]!;
      add({ start: m.index, end: m.index + m[0].length, type: 'SET', value, rule: 'recurrence' });
    });

    if (useChrono && anchor) {
      const ref = new Date(Date.UTC(anchor.y, anchor.m - 1, anchor.d, 12));
      for (const r of chrono.strict.parse(text, { instant: ref, timezone: 0 })) {
        // Only explicit calendar dates: a day with its month and year ("2023-11-06", "11/06/2023"), or a month name with a day.
        if (!/\d/.test(r.text) || /^(?:for|within|in|after|before)\b/i.test(r.text)) continue;
        if (!(r.start.isCertain('day') && r.start.isCertain('month') && (r.start.isCertain('year') || /[a-z]{3}/i.test(r.text)))) continue;
        const lead = /^(?:on|at|in|by|from)\s+/i.exec(r.text)?.[0].length ?? 0;
        const start = r.index + lead;
        const end = r.index + r.text.trimEnd().length;
        const s = r.start;
        const y = s.get('year');
        const mo = s.get('month');
        const d = s.get('day');
        if (y === null || mo === null || d === null) continue;
        const day = formatDay({ y, m: mo, d });
        const value = s.isCertain('hour') ? `${day}T${String(s.get('hour')).padStart(2, '0')}:${String(s.get('minute') ?? 0).padStart(2, '0')}` : s.isCertain('day') ? day : s.isCertain('month') ? day.slice(0, 7) : day.slice(0, 4);
        out.push({ start, end, type: s.isCertain('hour') ? 'TIME' : 'DATE', value, rule: 'chrono' });
      }
    }
    const chosen = selectLongest(out);

    // "10 p.m. Wednesday", "noon Thursday": a clock time followed by its day is one TIME.
    for (let i = 0; i + 1 < chosen.length; i++) {
      const c = chosen[i]!;
      const next = chosen[i + 1]!;
      const day = /^\d{4}-\d{2}-\d{2}$/.exec(next.value)?.[0];
      if (c.rule !== 'clock' || !day || !/^\s{1,2}$/.test(text.slice(c.end, next.start))) continue;
      chosen.splice(i, 2, { start: c.start, end: next.end, type: 'TIME', value: `${day}${c.value.slice(10)}`, rule: 'clock-day' });
    }

    // The quarter in view: "the quarter" after "the third quarter" is that quarter; "a year earlier" is the year before it.
    let inView: string | undefined;
    const result: TimeExpression[] = [];
    for (const c of chosen) {
      let value = c.value;
      if (/^\d{4}-Q\d$/.test(value) && c.rule === 'quarter') inView = value;
      if (c.quarter && inView) {
        const [yy, q] = inView.split('-Q');
        value = c.quarter === 'same' ? inView : c.quarter === 'of-year' ? `${c.value}-Q${q}` : `${Number(yy) - 1}-Q${q}`;
      } else if (c.quarter === 'year-earlier' && c.rule === 'relative-earlier-later' && anchor) {
        value = String(anchor.y - 1);
      }
      let range = c.range ?? (c.type === 'DATE' && /^\d{4}/.test(value) ? rangeOfValue(value) : undefined);
      // "since 2023", "since March": from that date up to the anchor.
      if (range && anchor && /\bsince\s+$/i.test(text.slice(Math.max(0, c.start - 8), c.start)) && range.start <= formatDay(anchor)) {
        range = { start: range.start, end: formatDay(anchor) };
      }
      result.push({
        span: { start: c.start, end: c.end },
        text: text.slice(c.start, c.end),
        type: c.type,
        value,
        ...(range ? { range } : {}),
        rule: c.rule,
      });
    }
    return result;
  };
}

/** Keep the longest candidates that do not overlap, in text order. */
function selectLongest(cands: readonly Candidate[]): Candidate[] {
  // Longest first; at equal length the own rules (pushed before chrono's) win.
  const sorted = cands.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => b.end - b.start - (a.end - a.start) || a.start - b.start || i - j).map(([c]) => c);
  const taken: Candidate[] = [];
  for (const c of sorted) {
    if (taken.some((t) => t.start < c.end && c.start < t.end)) continue;
    taken.push(c);
  }
  return taken.sort((a, b) => a.start - b.start);
}
