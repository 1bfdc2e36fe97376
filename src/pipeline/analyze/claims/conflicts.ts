/**
 * Conflicts: numbers, dates and names that differ between the renderings of one claim.
 *
 * Conservative by design: a value conflicts only when both renderings fill the same slot (a
 * number after or before the same content word; a name between the same neighbouring words; a
 * day each rendering names exactly once) with different values, and neither rendering also gives
 * the other's value. A rendering that leaves a number, date or name out is not a conflict, and
 * two spellings of one name (Ibrahim/Ebrahim) are not either.
 */
import * as chrono from 'chrono-node';
import { stemmer } from 'stemmer';
import type { Conflict } from '../../../model/claim.js';
import type { Span } from '../../../model/message.js';
import { analyseSentence, SPELLED_NUMBERS, spelledNumber } from '../paraphrase/features.js';
import { TIME_LEXICON } from '../time/index.js';
import type { AnalysedUnit } from './align.js';
import { RULES } from './rules.js';

type Kind = Conflict['kind'];

interface Found {
  readonly kind: Kind;
  /** What the value fills, e.g. `number:left=kill`. */
  readonly slot: string;
  readonly a: { readonly unit: AnalysedUnit; readonly value: string };
  readonly b: { readonly unit: AnalysedUnit; readonly value: string };
}

/**
 * Numbers that differ in one slot. Not a bound or an estimate ('more than 4,000'), and not a
 * figure the other article gives too (an article giving both tells a change, not a disagreement).
 */
function numberConflicts(a: AnalysedUnit, b: AnalysedUnit, articleNumbers: (u: AnalysedUnit) => ReadonlySet<string>): Found[] {
  const out: Found[] = [];
  const boundA = boundedValues(a.text);
  const boundB = boundedValues(b.text);
  for (const x of a.analysed.numberSlots) {
    if (b.analysed.numbers.has(x.value) || boundA.has(x.value) || articleNumbers(b).has(x.value)) continue;
    for (const y of b.analysed.numberSlots) {
      if (x.value === y.value || a.analysed.numbers.has(y.value) || boundB.has(y.value) || articleNumbers(a).has(y.value)) continue;
      const left = x.left !== '' && x.left === y.left && a.analysed.content.has(x.left);
      const right = x.right !== '' && x.right === y.right && a.analysed.content.has(x.right);
      if (!left && !right) continue;
      out.push({ kind: 'number', slot: left ? `number:left=${x.left}` : `number:right=${x.right}`, a: { unit: a, value: x.value }, b: { unit: b, value: y.value } });
    }
  }
  return out;
}

const NAME_TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;

function tokens(text: string): string[] {
  return text.match(NAME_TOKEN) ?? [];
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** True when two names are spellings of one (Ibrahim/Ebrahim): few letters differ. */
function isVariant(x: string, y: string): boolean {
  return editDistance(x.toLowerCase(), y.toLowerCase()) / Math.max(x.length, y.length) <= RULES.nameVariantDistance.value;
}

/** A unit's name tokens and their lower-case set, computed once per unit rather than once per pair. */
interface NameTokens {
  readonly tokens: readonly string[];
  readonly lower: ReadonlySet<string>;
  /** Each token lower-cased, and whether it is capitalised. */
  readonly lowered: readonly string[];
  readonly capital: readonly boolean[];
}

function nameTokens(unit: AnalysedUnit, cache: Map<number, NameTokens>): NameTokens {
  let hit = cache.get(unit.index);
  if (!hit) {
    const t = tokens(unit.text);
    const lowered = t.map((x) => x.toLowerCase());
    cache.set(unit.index, (hit = { tokens: t, lower: new Set(lowered), lowered, capital: t.map((x) => /^\p{Lu}/u.test(x)) }));
  }
  return hit;
}

function nameConflicts(a: AnalysedUnit, b: AnalysedUnit, cache: Map<number, NameTokens>): Found[] {
  const { tokens: ta, lower: lowerA, lowered: la, capital: ca } = nameTokens(a, cache);
  const { tokens: tb, lower: lowerB, lowered: lb, capital: cb } = nameTokens(b, cache);
  const out: Found[] = [];
  for (let i = 1; i + 1 < ta.length; i++) {
    const x = ta[i]!;
    if (!ca[i] || lowerB.has(la[i]!)) continue;
    for (let j = 1; j + 1 < tb.length; j++) {
      const y = tb[j]!;
      if (!cb[j] || lowerA.has(lb[j]!)) continue;
      if (la[i - 1] !== lb[j - 1] || la[i + 1] !== lb[j + 1]) continue;
      // A name sits in a run of capitalised words (a title or the other half of a name); a lone
      // capitalised adjective between common words ("the Zionist regime") is a word choice.
      if (!(ca[i - 1] && cb[j - 1]) && !(ca[i + 1] && cb[j + 1])) continue;
      if (isVariant(x, y)) continue;
      out.push({ kind: 'name', slot: `name:${la[i - 1]!}_${la[i + 1]!}`, a: { unit: a, value: x }, b: { unit: b, value: y } });
    }
  }
  return out;
}

const DAY_WORDS = new RegExp(RULES.dayWords.pattern, 'iu');

function timezoneOf(published: string): number {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(published);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The days a unit names, resolved against its article's publication date (none when undated). */
function daysOf(unit: AnalysedUnit, cache: Map<number, string[]>): string[] {
  const hit = cache.get(unit.index);
  if (hit) return hit;
  const published = unit.article.published;
  const days: string[] = [];
  // chrono is slow (a few hundred µs a sentence): only sentences naming a day are parsed.
  if (published !== undefined && !Number.isNaN(Date.parse(published)) && DAY_WORDS.test(unit.text)) {
    const ref = { instant: new Date(published), timezone: timezoneOf(published) };
    for (const r of chrono.parse(unit.text, ref)) {
      if (!(r.start.isCertain('day') || r.start.isCertain('weekday')) || !DAY_WORDS.test(r.text)) continue;
      const pad = (n: number | null): string => String(n ?? 0).padStart(2, '0');
      days.push(`${r.start.get('year')}-${pad(r.start.get('month'))}-${pad(r.start.get('day'))}`);
    }
  }
  cache.set(unit.index, days);
  return days;
}

function dateConflicts(a: AnalysedUnit, b: AnalysedUnit, cache: Map<number, string[]>): Found[] {
  const da = daysOf(a, cache);
  const db = daysOf(b, cache);
  if (da.length !== 1 || db.length !== 1 || da[0] === db[0]) return [];
  return [{ kind: 'date', slot: 'date', a: { unit: a, value: da[0]! }, b: { unit: b, value: db[0]! } }];
}

/** Renderings of a claim compared once for all: the same text and the same days named. */
interface Telling {
  readonly unit: AnalysedUnit;
  /** Positions (in the claim's renderings) of its renderings, ascending. */
  readonly positions: number[];
}

/** A finding between two tellings, as values (the units are those of the pair it is read on). */
interface Finding {
  readonly kind: Kind;
  readonly slot: string;
  readonly a: string;
  readonly b: string;
}

/** When, in the pair-by-pair reading of the renderings, a value was first given by a rendering. */
type Time = readonly [i: number, j: number, finding: number, side: number];

const earlier = (x: Time, y: Time): boolean => {
  for (let k = 0; k < 4; k++) if (x[k] !== y[k]) return x[k]! < y[k]!;
  return false;
};

/**
 * The conflicts among the renderings of one claim (units of different families that state it,
 * not the longer sentences that contain it). Each conflict lists every value with the articles
 * and spans that give it, in the order a reading of every pair of renderings meets them.
 * Renderings with the same text naming the same days are compared once; past
 * `maxConflictRenderings` such tellings, each is compared with the first ones only (`capped`).
 */
export function findConflicts(
  renderings: readonly AnalysedUnit[],
  dayCache: Map<number, string[]>,
  numberCache: Map<string, ReadonlySet<string>> = new Map(),
): { conflicts: Conflict[]; capped?: { renderings: number; compared: number } } {
  const tellings: Telling[] = [];
  const byKey = new Map<string, Telling>();
  renderings.forEach((u, p) => {
    const key = `${u.text}\u0000${daysOf(u, dayCache).join(',')}`;
    let t = byKey.get(key);
    if (!t) {
      byKey.set(key, (t = { unit: u, positions: [] }));
      tellings.push(t);
    }
    t.positions.push(p);
  });
  // The most common tellings first: past the cap, each telling is compared with these.
  if (tellings.length > RULES.maxConflictRenderings.value) tellings.sort((a, b) => b.positions.length - a.positions.length);
  const family = renderings.map((u) => u.article.familyId);
  const names = new Map<number, NameTokens>();
  const articleNumbers = (u: AnalysedUnit): ReadonlySet<string> => {
    let hit = numberCache.get(u.article.id);
    if (!hit) numberCache.set(u.article.id, (hit = analyseSentence(u.article.text).numbers));
    return hit;
  };
  const max = RULES.maxConflictRenderings.value;
  /** The first value each rendering gives for each slot, and when. */
  const first = new Map<string, { kind: Kind; slot: string; value: string; position: number; time: Time }>();
  const note = (f: Finding, side: 0 | 1, position: number, time: Time): void => {
    const value = side === 0 ? f.a : f.b;
    const key = `${f.slot}\u0000${value}\u0000${position}`;
    const hit = first.get(key);
    if (!hit || earlier(time, hit.time)) first.set(key, { kind: f.kind, slot: f.slot, value, position, time });
  };
  /** The first position in `list` after `after` (or, when `before`, the first one before it) of another family. */
  const partner = (list: readonly number[], p: number, before: boolean): number | undefined => {
    if (before) {
      for (const q of list) {
        if (q >= p) return undefined;
        if (family[q] !== family[p]) return q;
      }
      return undefined;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < list.length; k++) if (family[list[k]!] !== family[p]) return list[k];
    return undefined;
  };
  for (let x = 0; x < tellings.length; x++) {
    for (let y = 0; y < tellings.length; y++) {
      if (x === y || (x >= max && y >= max)) continue;
      // Pairs read with a rendering of `x` first and one of `y` second.
      const tx = tellings[x]!;
      const ty = tellings[y]!;
      const a = tx.unit;
      const b = ty.unit;
      // The same words cannot give two figures or two names (a weekday may still name two days).
      const found = [...(a.text === b.text ? [] : [...numberConflicts(a, b, articleNumbers), ...nameConflicts(a, b, names)]), ...dateConflicts(a, b, dayCache)];
      if (found.length === 0) continue;
      const findings: Finding[] = found.map((f) => ({ kind: f.kind, slot: f.slot, a: f.a.value, b: f.b.value }));
      for (const p of tx.positions) {
        const q = partner(ty.positions, p, false);
        if (q !== undefined) findings.forEach((f, k) => note(f, 0, p, [p, q, k, 0]));
      }
      for (const q of ty.positions) {
        const p = partner(tx.positions, q, true);
        if (p !== undefined) findings.forEach((f, k) => note(f, 1, q, [p, q, k, 1]));
      }
    }
  }
  const bySlot = new Map<string, { kind: Kind; values: Map<string, { articleIds: string[]; spans: Span[]; seen: Set<string> }> }>();
  for (const e of [...first.values()].sort((x, y) => (earlier(x.time, y.time) ? -1 : earlier(y.time, x.time) ? 1 : 0))) {
    let slot = bySlot.get(e.slot);
    if (!slot) bySlot.set(e.slot, (slot = { kind: e.kind, values: new Map() }));
    // Spellings of one name (Renko/Renkko) are one value, under the first spelling met.
    const key = e.kind === 'name' ? ([...slot.values.keys()].find((k) => isVariant(k, e.value)) ?? e.value) : e.value;
    let v = slot.values.get(key);
    if (!v) slot.values.set(key, (v = { articleIds: [], spans: [], seen: new Set() }));
    const unit = renderings[e.position]!;
    if (!v.seen.has(unit.article.id)) {
      v.seen.add(unit.article.id);
      v.articleIds.push(unit.article.id);
      v.spans.push(unit.span);
    }
  }
  const conflicts = [...bySlot.values()].map((s) => ({
    kind: s.kind,
    values: [...s.values.entries()].map(([value, v]) => ({ value, articleIds: v.articleIds, spans: v.spans })),
  }));
  return tellings.length > max ? { conflicts, capped: { renderings: tellings.length, compared: max } } : { conflicts };
}

/** A figure with the words that say what it counts ("3,000 jobs", "the number of permanent jobs at about 900"). */
interface Count {
  readonly value: string;
  readonly nouns: ReadonlySet<string>;
}

const DISPUTE = new RegExp(RULES.dispute.cues, 'iu');
const COUNT_AFTER = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion|thousand))?\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/giu;
const NUMBER_OF = /\bnumber\s+of\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)[^.;:]*?\b(?:at|to|as)\s+(?:about|around|some|roughly|nearly|almost|only|just|more\s+than|fewer\s+than|under|over)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)/giu;

/** A counted noun reduced to its singular, lower-cased. */
function countNoun(word: string): string {
  const w = word.toLowerCase();
  return w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

function countsOf(text: string): Count[] {
  const out: Count[] = [];
  for (const m of text.matchAll(COUNT_AFTER)) out.push({ value: m[1]!, nouns: new Set([m[2], m[3]].filter((w): w is string => w !== undefined).map(countNoun)) });
  for (const m of text.matchAll(NUMBER_OF)) out.push({ value: m[2]!, nouns: new Set(m[1]!.trim().split(/\s+/u).map(countNoun)) });
  return out;
}

/**
 * Attributed disputes inside one article: a sentence giving a figure for something ("the
 * government says … some 3,000 jobs") and the same or the next sentence disputing it with another
 * figure for the same counted thing ("… calls that figure inflated … put the number of permanent
 * jobs at about 900"; rules.json `dispute.cues`). `units` are one article's units in order; each
 * dispute is given on the unit that states the first figure.
 */
export function attributedDisputes(units: readonly AnalysedUnit[]): Map<number, Conflict[]> {
  const out = new Map<number, Conflict[]>();
  for (let i = 0; i < units.length; i++) {
    const a = units[i]!;
    const first = countsOf(a.text);
    if (first.length === 0) continue;
    for (const b of [a, units[i + 1]].filter((u): u is AnalysedUnit => u !== undefined && u.articleIndex === a.articleIndex)) {
      // The cue must follow the first figure (in the same sentence) or open the next one's dispute.
      const tail = b === a ? '' : b.text;
      if (b !== a && !DISPUTE.test(tail)) continue;
      for (const x of first) {
        const rest = b === a ? a.text.slice(a.text.indexOf(x.value) + x.value.length) : b.text;
        if (b === a && !DISPUTE.test(rest)) continue;
        const y = countsOf(rest).find((c) => c.value !== x.value && [...c.nouns].some((n) => x.nouns.has(n) && !STOP_NOUNS.has(n)));
        if (!y) continue;
        const conflict: Conflict = {
          kind: 'number',
          values: [
            { value: x.value, articleIds: [a.article.id], spans: [a.span] },
            { value: y.value, articleIds: [b.article.id], spans: [b.span] },
          ],
        };
        out.set(a.index, [...(out.get(a.index) ?? []), conflict]);
        break;
      }
    }
  }
  return out;
}

const STOP_NOUNS = new Set(RULES.dispute.notCounted);

/** A figure of a sentence with the noun it counts and the content word after that noun ('448-page report': 448, page, report). */
interface Figure {
  readonly value: string;
  readonly noun: string;
  readonly next: string;
  /** Joined to its noun by a hyphen: the pair describes the next word ('a 448-page report', 'a 30-homer season'). */
  readonly modifier: boolean;
  /** The outcomes named just around it (what happened to what it counts: 'injured two people', 'killing three people'). */
  readonly outcomes: ReadonlySet<string>;
}

// A figure in digits or a small number spelled out (never any word: pairs of words would hide a 'seven' behind them).
const SPELLED = SPELLED_NUMBERS.filter((w) => Number(spelledNumber(w)) < 100)
  .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)])
  .join('|');
const FIGURE = new RegExp(`(?<![\\p{L}\\d.,-])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|(?:${SPELLED})(?![\\p{L}-]))(?:\\s+(million|billion|thousand))?(-|\\s+)((?:\\p{Lu}[\\p{L}-]*\\s+)?)([\\p{L}][\\p{L}-]*)(?:\\s+([\\p{L}][\\p{L}-]*))?`, 'gu');
const YEAR = /^(?:1[89]|20)\d\d$/u;
const SAME_COUNTED = new Map(Object.entries(RULES.figures.sameCounted.map));
const BOUND = new RegExp(`\\b(?:${RULES.figures.bounds.terms.join('|')})\\s*$`, 'iu');
const NOT_NEXT = new Set(RULES.figures.notNext.terms);
const NOT_FIGURE_NOUNS = new Set(RULES.figures.notCounted.terms);
const OUTCOMES = Object.entries(RULES.figures.outcomes.map);

/** The outcomes (dead, injured, arrested, …) whose word stems occur among `stems`. */
function outcomesOf(stems: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [outcome, prefixes] of OUTCOMES) if ([...stems].some((w) => prefixes.some((p) => w.startsWith(p)))) out.add(outcome);
  return out;
}

/** A currency sign or code just before a figure: an amount of money, of which a story has many. */
const MONEY_BEFORE = /(?:[$€£¥]|\b(?:us|usd|eur|gbp)\s*)$/iu;

/**
 * The figures a sentence gives for counted things: digits or small numbers spelled out, never a
 * year or a day of a month, nor a bound or an estimate ('more than 1.5 million', 'about 100': they
 * agree with many figures). A capitalised word between the figure and its noun is a modifier
 * ('five Honduran asylum-seekers').
 */
function figuresOf(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const raw = m[1]!;
    const digits = /^\d/u.test(raw) ? raw.replace(/,/g, '') : spelledNumber(raw);
    if (digits === undefined || YEAR.test(digits) || (!/^\d/u.test(raw) && Number(digits) >= 100)) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (BOUND.test(before) || MONTH_BEFORE.test(before) || MONEY_BEFORE.test(before)) continue;
    const noun = countNoun(m[5]!);
    if (STOP_NOUNS.has(noun) || NOT_FIGURE_NOUNS.has(noun) || spelledNumber(noun) !== undefined) continue;
    const next = m[6] ? countNoun(m[6]) : '';
    const end = m.index + m[0].length;
    // The noun itself may name the outcome ('two killed', 'five injured').
    const around = new Set(analyseSentence(`${text.slice(Math.max(0, m.index - RULES.figures.aroundChars.value), m.index)} ${text.slice(end - (m[6]?.length ?? 0), end + RULES.figures.aroundChars.value)}`).content);
    around.add(stemmer(noun));
    out.push({ value: m[2] ? `${digits} ${m[2].toLowerCase()}` : digits, noun: SAME_COUNTED.get(noun) ?? noun, next: NOT_NEXT.has(next) || STOP_NOUNS.has(next) ? '' : next, modifier: m[3] === '-', outcomes: outcomesOf(around) });
  }
  return out;
}

/** The figures of a sentence given as a bound or an estimate ('more than 4,000'), as `analyseSentence` normalises them. */
function boundedValues(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(BOUNDED)) out.add(m[1]!.replace(/[$,%]/g, '').replace(/\.0+$/u, ''));
  return out;
}

const BOUNDED = new RegExp(`\\b(?:${RULES.figures.bounds.terms.join('|')})\\s+(\\$?\\d[\\d,]*(?:\\.\\d+)?)`, 'giu');

/** A month name or abbreviation (the time stage's) just before a figure: the figure is a day ('a July 29 deal'). */
const MONTH_BEFORE = new RegExp(`\\b(?:${Object.keys(TIME_LEXICON.months.values).join('|')})\\.?\\s*$`, 'iu');

/**
 * Figures that disagree across outlets: two sentences of different families giving different
 * numbers of one counted thing. One thing is counted when the figure is joined by a hyphen to its
 * noun before the same word ('the 448-page report', 'the 488-page report'), or when the words
 * around both figures name the same outcome (`figures.outcomes`: 'injured two people', 'injuring
 * five people') in sentences sharing `figures.minShared` content words. Never when either article
 * also gives the other's figure (an article that reports both is telling a change, not
 * disagreeing). Pairs joined through a shared telling are one conflict, keyed by its earliest unit.
 */
export function figureDisagreements(units: readonly AnalysedUnit[]): Map<number, Conflict[]> {
  const figures = units.map((u) => figuresOf(u.text));
  // What each article says of each counted noun, over all its sentences.
  const stated = new Map<string, Set<string>>();
  units.forEach((u, i) => {
    for (const f of figures[i]!) {
      const key = `${u.article.id}\u0000${f.noun}`;
      let set = stated.get(key);
      if (!set) stated.set(key, (set = new Set()));
      set.add(f.value);
    }
  });
  const says = (articleId: string, noun: string, value: string): boolean => stated.get(`${articleId}\u0000${noun}`)?.has(value) ?? false;
  const byNoun = new Map<string, number[]>();
  figures.forEach((fs, i) => {
    for (const noun of new Set(fs.map((f) => f.noun))) {
      const list = byNoun.get(noun);
      if (list) list.push(i);
      else byNoun.set(noun, [i]);
    }
  });
  // Each disagreeing pair joins its two (sentence, figure) tellings; joined tellings of one noun are one conflict.
  const parent = new Map<string, string>();
  const telling = new Map<string, { readonly unit: AnalysedUnit; readonly value: string; readonly noun: string }>();
  const root = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const node = (unit: AnalysedUnit, f: Figure): string => {
    const id = `${f.noun}\u0000${unit.index}\u0000${f.value}`;
    if (!parent.has(id)) {
      parent.set(id, id);
      telling.set(id, { unit, value: f.value, noun: f.noun });
    }
    return id;
  };
  for (const [noun, list] of byNoun) {
    if (list.length > RULES.figures.maxSentencesPerNoun.value) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = units[list[x]!]!;
        const b = units[list[y]!]!;
        if (a.article.id === b.article.id || a.article.familyId === b.article.familyId) continue;
        // Two sentences each full of figures are tallies of different things (a season's and a month's statistics).
        if (a.analysed.numbers.size > RULES.figures.maxFigures.value && b.analysed.numbers.size > RULES.figures.maxFigures.value) continue;
        for (const fa of figures[list[x]!]!.filter((f) => f.noun === noun)) {
          for (const fb of figures[list[y]!]!.filter((f) => f.noun === noun)) {
            if (fa.value === fb.value || says(a.article.id, noun, fb.value) || says(b.article.id, noun, fa.value)) continue;
            // Either sentence giving both figures ('156 seats of the 338') is not a disagreement.
            if (a.analysed.numbers.has(fb.value.split(' ')[0]!) || b.analysed.numbers.has(fa.value.split(' ')[0]!)) continue;
            // A figure joined to its noun describes the next word: only the same next word is the same thing.
            const sameNext = fa.next !== '' && fa.next === fb.next;
            if ((fa.modifier || fb.modifier) && !sameNext) continue;
            // One thing counted: a hyphened pair before the same word, or sentences about one thing
            // whose words around the two figures name the same outcome ('injured two people', 'injuring five people').
            const shared = [...a.analysed.content].filter((w) => b.analysed.content.has(w) && !w.startsWith(noun.slice(0, 4))).length;
            const sameOutcome = [...fa.outcomes].some((o) => fb.outcomes.has(o));
            if (!(fa.modifier && fb.modifier && sameNext) && !(sameOutcome && shared >= RULES.figures.minShared.value)) continue;
            parent.set(root(node(a, fa)), root(node(b, fb)));
          }
        }
      }
    }
  }
  const components = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    const list = components.get(r);
    if (list) list.push(id);
    else components.set(r, [id]);
  }
  const out = new Map<number, Conflict[]>();
  for (const ids of components.values()) {
    const members = ids.map((id) => telling.get(id)!).sort((x, y) => x.unit.index - y.unit.index);
    const values = new Map<string, { articleIds: string[]; spans: Span[] }>();
    for (const m of members) {
      let v = values.get(m.value);
      if (!v) values.set(m.value, (v = { articleIds: [], spans: [] }));
      if (!v.articleIds.includes(m.unit.article.id)) {
        v.articleIds.push(m.unit.article.id);
        v.spans.push(m.unit.span);
      }
    }
    const conflict: Conflict = { kind: 'number', values: [...values].map(([value, v]) => ({ value: `${value} ${members[0]!.noun}`, articleIds: v.articleIds, spans: v.spans })) };
    const first = members[0]!.unit.index;
    out.set(first, [...(out.get(first) ?? []), conflict]);
  }
  return out;
}
