/**
 * Language-neutral features of an article, for comparing articles written in different languages:
 * words cannot be compared across languages, but names (people, places, organisations), numbers,
 * dates, times and web addresses can. Names are folded for diacritics and common transliteration
 * variants (a consonant skeleton: "Mohammed"/"Muhammad", "Kavron"/"Qavron"), numbers read with the
 * article's locale ("3 000", "3.000" in German, "3,000" in English are one number; "2,6" in French
 * is "2.6"), dates from month names in six languages ("16 mars", "16. März", "March 16"), times of
 * day ("19:20", "19 h 20", "7.20pm"). Every key starts with `x:` so it never collides with the
 * same-language channels. Word lists live in `neutral.json`.
 */
import { readFileSync } from 'node:fs';
import type { Vector } from './features.js';

interface TermList<T = string> {
  readonly terms: readonly T[];
  readonly reason: string;
}
interface NeutralFile {
  readonly nameStopWords: TermList;
  readonly months: TermList<readonly string[]>;
  readonly pointDecimalLanguages: TermList;
  readonly unmarkedNameLanguages: TermList;
  readonly unknownLanguages: TermList;
}
interface WordsFile {
  readonly nameStopWords: TermList;
  readonly stopWords: TermList;
  readonly weekdays: TermList<readonly string[]>;
}

const FILE = JSON.parse(readFileSync(new URL('./neutral.json', import.meta.url), 'utf8')) as NeutralFile;
const WORDS = JSON.parse(readFileSync(new URL('./words.json', import.meta.url), 'utf8')) as WordsFile;
const NAME_STOP = new Set([...FILE.nameStopWords.terms, ...WORDS.nameStopWords.terms, ...WORDS.stopWords.terms, ...WORDS.weekdays.terms.flat()]);
const MONTH = new Map<string, number>();
FILE.months.terms.forEach((names, i) => {
  for (const n of names) MONTH.set(n, i + 1);
});
const POINT_DECIMAL = new Set(FILE.pointDecimalLanguages.terms);
const UNMARKED_NAMES = new Set(FILE.unmarkedNameLanguages.terms);
const UNKNOWN = new Set(FILE.unknownLanguages.terms);

/** Prefix of every language-neutral feature. */
export const NEUTRAL_PREFIX = 'x:';
/** Prefix of neutral name features (after {@link NEUTRAL_PREFIX}). */
export const NEUTRAL_NAME = 'x:n:';

/** The language code an article is compared under, or undefined when its language is not known. */
export function knownLanguage(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const base = code.toLowerCase().split(/[-_]/)[0]!;
  return UNKNOWN.has(base) ? undefined : base;
}

/** True when capitals do not mark names in this language (every noun is capitalised, or the script has no capitals). */
export function capitalisesNouns(language: string | undefined): boolean {
  return language !== undefined && UNMARKED_NAMES.has(language);
}

// Arabic letters as the Latin letters they are usually transliterated with; long vowels, hamza,
// 'ayn and h-sounds as a vowel (dropped by the skeleton, as Latin spellings drop or vary them).
const ARABIC: Readonly<Record<string, string>> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'a', خ: 'k', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z',
  ع: 'a', غ: 'g', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'a', و: 'o', ي: 'i', ى: 'a', ة: 'a', ا: 'a', أ: 'a', إ: 'a', آ: 'a',
  ء: 'a', ئ: 'a', ؤ: 'a', پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ی: 'i',
};
const ARABIC_WORD = /^[\u0600-\u06ff]/;

/** An Arabic-script word as Latin letters, without its conjunction 'wa-' or article 'al-' (a proper name keeps at least three letters). */
function transliterateArabic(word: string): string {
  let w = word.replace(/[\u064b-\u065f\u0670]/g, '');
  if (w.startsWith('و') && w.length > 4) w = w.slice(1);
  if (w.startsWith('ال') && w.length > 4) w = w.slice(2);
  return [...w].map((c) => ARABIC[c] ?? '').join('');
}

// Cyrillic letters (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian) as the Latin
// letters news transliterates them with, so "Лавров" meets "Lavrov" and "Зеленский" "Zelensky".
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i',
  є: 'e', ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'ch', џ: 'dzh', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};
const CYRILLIC_WORD = /^[\u0400-\u04ff]/;

/** A Cyrillic-script word as Latin letters. */
function transliterateCyrillic(word: string): string {
  return [...word.toLowerCase()].map((c) => CYRILLIC[c] ?? '').join('');
}

const FOLDED = new Map<string, string>();
const SKELETONS = new Map<string, string>();
/** Memoised per word (names repeat across articles); the caches are emptied when they grow large. */
function memo(cache: Map<string, string>, key: string, make: (k: string) => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (cache.size >= 50_000) cache.clear();
  const out = make(key);
  cache.set(key, out);
  return out;
}

/** Lower case without diacritics or special letters: "Müller" → "muller", "Łódź" → "lodz". */
export function fold(s: string): string {
  return memo(FOLDED, s, foldOnce);
}

function foldOnce(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[øð]/g, (c) => (c === 'ø' ? 'o' : 'd'))
    .replace(/þ/g, 'th')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i');
}

/**
 * A name word's transliteration skeleton: folded, common spelling variants merged (sch/sh,
 * ph/f, kh/k, q/k, c before a/o/u as k, w/v, dj/j, doubled letters), and vowels after the first
 * letter dropped, so "Mohammed", "Muhammad" and "Mohamed" meet, as do "Tchaikovsky" and "Tschaikowski".
 */
export function skeleton(word: string): string {
  return memo(SKELETONS, word, skeletonOnce);
}

function skeletonOnce(word: string): string {
  let s = ARABIC_WORD.test(word) ? transliterateArabic(word) : CYRILLIC_WORD.test(word) ? transliterateCyrillic(word) : fold(word).replace(/[^a-z]/g, '');
  if (s === '') return '';
  // Consonant classes that transliterations swap (v/w/f, p/b, z/s, c/k/q/g, the sh sounds), h-sounds
  // and all vowels dropped: Latin and Arabic spellings of one name meet ("Marsh" and "مارش": mrx).
  s = s
    .replace(/x/g, 'ks')
    .replace(/tsch|tch|sch|ch|sh/g, 'X')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/kh|gh/g, 'k')
    .replace(/dzh|dj|zh/g, 'j')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|c|q|g/g, 'k')
    .replace(/[vw]/g, 'f')
    .replace(/p/g, 'b')
    .replace(/z/g, 's')
    .replace(/[haeiouy]/g, '')
    .replace(/X/g, 'x');
  return s.replace(/(.)\1+/g, '$1');
}

// A word (letters, marks, inner digits, an inner apostrophe or hyphen).
const WORD = /\p{L}[\p{L}\p{M}\p{N}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const SENTENCE_END = /[.!?\n:;«»"“”„]/;

/** Names: runs of capitalised words, each run and each of its words, as skeletons. */
function addNames(text: string, weight: number, language: string | undefined, v: Vector, surface: Map<string, string>): void {
  let run: { key: string; form: string }[] = [];
  let last = 0;
  let first = true;
  const flush = (): void => {
    const parts = run;
    run = [];
    if (parts.length === 0) return;
    for (const p of parts) put(v, surface, NEUTRAL_NAME + p.key, p.form, weight);
    if (parts.length > 1) put(v, surface, NEUTRAL_NAME + parts.map((p) => p.key).join(' '), parts.map((p) => p.form).join(' '), weight);
  };
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const prevEnd = last;
    last = start + m[0].length;
    const wasFirst = first;
    first = false;
    const c = m[0].charCodeAt(0);
    // Most words are lower case: no slicing for them.
    if (c >= 97 && c <= 122) {
      if (run.length > 0) flush();
      continue;
    }
    if (!/^\p{Lu}/u.test(m[0])) {
      if (run.length > 0) flush();
      // A script without capitals: every longer word is a candidate name, counted only once
      // another language has it (capitalisesNouns).
      if (ARABIC_WORD.test(m[0]) && m[0].length >= 3) {
        const key = skeleton(m[0]);
        if (key.length >= 2) put(v, surface, NEUTRAL_NAME + key, m[0], weight);
      }
      continue;
    }
    const gap = text.slice(prevEnd, start);
    const initial = wasFirst || SENTENCE_END.test(gap);
    const joined = gap === ' ' || gap === '\u00a0';
    if (!joined) flush();
    // Elided articles: "l'Amirauté" → "Amirauté".
    const word = m[0].replace(/^\p{L}['’](?=\p{Lu})/u, '');
    const bare = word.replace(/['’]s$/u, '');
    const folded = fold(bare);
    if (NAME_STOP.has(folded) || folded.length < 2) {
      flush();
      continue;
    }
    // A lone capitalised word opening a sentence may be any word; in a language that capitalises
    // nouns, every noun: both are kept only as the start of a longer run, or (nouns) for matching names seen elsewhere.
    if (initial && run.length === 0 && !capitalisesNouns(language)) {
      const next = text.slice(last, last + 2);
      if (!/^ \p{Lu}/u.test(next)) continue;
    }
    const key = skeleton(bare);
    if (key.length < 2) continue;
    run.push({ key, form: bare });
  }
  flush();
}

function put(v: Vector, surface: Map<string, string>, key: string, form: string, by: number): void {
  v.set(key, (v.get(key) ?? 0) + by);
  if (!surface.has(key)) surface.set(key, form);
}

// A number: digit groups of three after a thousands separator (space, no-break or thin space, point,
// comma, apostrophe), then an optional decimal part; or plain digits with an optional decimal part.
const NUMBER = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:[ \u00a0\u202f\u2009.,’']\d{3})+(?![\p{N}])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\p{L}\p{N}])/gu;

/** The value of a number as written in a language ("3 000" → "3000"; "2,6" → "2.6" in French, "3,000" → "3000" in English). */
export function readNumber(raw: string, language: string | undefined): string | undefined {
  const pointDecimal = language === undefined || POINT_DECIMAL.has(language);
  const dec = pointDecimal ? '.' : ',';
  let s = raw.replace(/[ \u00a0\u202f\u2009’']/g, '');
  const groups = pointDecimal ? /,(\d{3})(?!\d)/g : /\.(\d{3})(?!\d)/g;
  s = s.replace(groups, '$1');
  if (dec === ',') s = s.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) return undefined;
  return String(n);
}

// Month names as written (with or without accents, any case): the date patterns start only at one.
const MONTH_WORD = `(?:${[...MONTH.keys()].sort((a, b) => b.length - a.length).join('|')}|\\p{L}*[\\u00c0-\\u00ff]\\p{L}*)`;
const DAY_MONTH = new RegExp(`(?<!\\p{N})(\\d{1,2})(?:\\.|er|º|th|st|nd|rd)?(?: de)? (${MONTH_WORD})\\.?(?!\\p{L})`, 'giu');
const MONTH_DAY = new RegExp(`(?<!\\p{L})(${MONTH_WORD})\\.? (\\d{1,2})(?:th|st|nd|rd)?(?![\\p{N}:])`, 'giu');
const ISO_DATE = /(?<!\p{N})(\d{4})-(\d{2})-(\d{2})(?!\p{N})/gu;
const TIME = /(?<![\p{N}.,:])(\d{1,2})(?::|\.| ?h ?)(\d{2})(?: ?([ap])\.?m\.?)?(?![\p{N}])/giu;
const WEB_ADDRESS = /https?:\/\/[^\s<>"'«»“”)]+/gu;
const HANDLE = /(?<![\p{L}\p{N}_@])@[A-Za-z0-9_]{2,30}/gu;

function addNumbersDates(text: string, weight: number, language: string | undefined, v: Vector, surface: Map<string, string>): void {
  const hasAddress = text.includes('://');
  if (hasAddress) for (const m of text.matchAll(WEB_ADDRESS)) {
    const url = m[0].replace(/[.,;:!?]+$/u, '').toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
    put(v, surface, `${NEUTRAL_PREFIX}u:${url}`, m[0], weight);
  }
  const plain = hasAddress ? text.replace(WEB_ADDRESS, ' ') : text;
  if (plain.includes('@')) for (const m of plain.matchAll(HANDLE)) put(v, surface, `${NEUTRAL_PREFIX}h:${m[0].toLowerCase()}`, m[0], weight);
  const dates = (month: number | undefined, day: number, form: string): void => {
    if (month === undefined || day < 1 || day > 31) return;
    put(v, surface, `${NEUTRAL_PREFIX}d:${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, form, weight);
  };
  for (const m of plain.matchAll(DAY_MONTH)) dates(MONTH.get(fold(m[2]!)), Number(m[1]), m[0]);
  for (const m of plain.matchAll(MONTH_DAY)) dates(MONTH.get(fold(m[1]!)), Number(m[2]), m[0]);
  for (const m of plain.matchAll(ISO_DATE)) dates(Number(m[2]), Number(m[3]), m[0]);
  const timeSpans: [number, number][] = [];
  for (const m of plain.matchAll(TIME)) {
    let h = Number(m[1]);
    const min = Number(m[2]);
    const ampm = m[3]?.toLowerCase();
    // "2.6" is a number, not a time: a point counts as a time separator only with am/pm or a German/Scandinavian "Uhr" style hour.
    if (m[0].includes('.') && ampm === undefined && !/^\s*(uhr|h\b)/iu.test(plain.slice(m.index + m[0].length, m.index + m[0].length + 5))) continue;
    if (m[0].includes(',')) continue;
    if (ampm === 'p' && h < 12) h += 12;
    if (ampm === 'a' && h === 12) h = 0;
    if (h > 23 || min > 59) continue;
    put(v, surface, `${NEUTRAL_PREFIX}t:${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, m[0], weight);
    timeSpans.push([m.index, m.index + m[0].length]);
  }
  const inTime = (at: number): boolean => timeSpans.some(([s, e]) => at >= s && at < e);
  for (const m of plain.matchAll(NUMBER)) {
    if (inTime(m.index)) continue;
    const value = readNumber(m[1]!, language);
    // Single digits say little (and are often spelt out in one language and not in another).
    if (value === undefined || value.replace('.', '').length < 2) continue;
    put(v, surface, `${NEUTRAL_PREFIX}#${value}`, m[1]!, weight);
  }
}

/** Options of the language-neutral features. */
export interface NeutralOptions {
  readonly titleWeight: number;
  readonly leadSentences: number;
  readonly leadWeight: number;
}

/** Language-neutral features of an article (names, numbers, dates, times, addresses) as sublinear tf, with a readable form of each. */
export function neutralFeatures(title: string | undefined, text: string, language: string | undefined, opts: NeutralOptions): { vector: Vector; surface: Map<string, string> } {
  const v: Vector = new Map();
  const surface = new Map<string, string>();
  const lang = knownLanguage(language);
  if (title !== undefined && title.trim() !== '') {
    addNames(title, opts.titleWeight, lang, v, surface);
    addNumbersDates(title, opts.titleWeight, lang, v, surface);
  }
  // The lead (its first sentences) names the event: weighted like the same-language channels.
  let cut = 0;
  const ends = /[.!?](?=\s)|\n/g;
  for (let i = 0; i < opts.leadSentences; i++) {
    const m = ends.exec(text);
    if (m === null) {
      cut = text.length;
      break;
    }
    cut = m.index + 1;
  }
  const lead = text.slice(0, cut);
  const body = text.slice(cut);
  addNames(lead, opts.leadWeight, lang, v, surface);
  addNumbersDates(lead, opts.leadWeight, lang, v, surface);
  addNames(body, 1, lang, v, surface);
  addNumbersDates(body, 1, lang, v, surface);
  for (const [k, tf] of v) v.set(k, 1 + Math.log(tf));
  return { vector: v, surface };
}
