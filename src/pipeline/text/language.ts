/**
 * Language identification with franc over a list of news languages, answered in ISO 639-1 where
 * one exists, with a confidence from franc's lead over the next language, weighed by the letters read.
 * Short or unsure text falls back to the language the page declared.
 */
import { readFileSync } from 'node:fs';
import { francAll } from 'franc';
import { data as FRANC_DATA } from 'franc/data.js';
import { expressions as FRANC_SCRIPTS } from 'franc/expressions.js';
import type { LanguageValue } from '../../model/article.js';

interface Threshold {
  readonly value: number;
  readonly reason: string;
}
interface LanguagesFile {
  readonly candidates: { readonly terms: readonly string[]; readonly reason: string };
  readonly toIso6391: { readonly map: Readonly<Record<string, string>>; readonly reason: string };
  readonly minChars: Threshold;
  readonly sampleChars: Threshold;
  readonly lettersRead: Threshold;
  readonly saturatingEvidence: Threshold;
  readonly minConfidence: Threshold;
  readonly declaredConfidence: Threshold;
  readonly cjk: {
    readonly minChars: Threshold;
    readonly minShare: Threshold;
    readonly minKanaShare: Threshold;
    readonly saturatingChars: Threshold;
  };
}

const NON_LETTER = /\P{L}+/gu;

const FILE = JSON.parse(readFileSync(new URL('./languages.json', import.meta.url), 'utf8')) as LanguagesFile;

/** Settings for {@link identifyLanguage}; each defaults to `languages.json`. */
export interface LanguageSettings {
  /** Fewest letters to attempt detection. */
  readonly minChars?: number;
  /** Detections below this confidence yield to the declared language. */
  readonly minConfidence?: number;
  /** ISO 639-3 codes franc may answer with. */
  readonly candidates?: readonly string[];
}

/** ISO 639-1 for an ISO 639-3 code when one exists, else the code itself. */
export function toIso6391(code: string): string {
  return FILE.toIso6391.map[code] ?? code;
}

/**
 * The start of the text given to franc: up to `sampleChars`, cut at a space near the end so no
 * word is split. Text written without spaces (Chinese, Japanese) is cut at the limit, not at an
 * early space after a date or a name (a 500-character Chinese article was cut to its first line).
 */
function sampleOf(text: string): string {
  const limit = FILE.sampleChars.value;
  if (text.length <= limit) return text;
  const space = text.lastIndexOf(' ', limit);
  return text.slice(0, space >= limit / 2 ? space + 1 : limit);
}

/** franc's penalty for a trigram a language's model lacks. */
const MAX_DIFFERENCE = 300;

/**
 * A script's candidate languages as one table: for each trigram of any of their models, its rank
 * in each language's model (-1 when absent), so a sample's trigrams are looked up once for all
 * languages instead of once per language.
 */
interface ScriptModels {
  readonly languages: readonly string[];
  /** Each trigram's row in `ranks`. */
  readonly rows: ReadonlyMap<string, number>;
  /** Row-major: `ranks[row * languages.length + l]` is the trigram's rank in language l's model, -1 when absent. */
  readonly ranks: Int16Array;
}

const modelCache = new Map<string, ScriptModels | null>();

function scriptModels(script: string, candidates: readonly string[]): ScriptModels | null {
  const key = `${script}|${candidates.join(',')}`;
  const cached = modelCache.get(key);
  if (cached !== undefined) return cached;
  const models = (FRANC_DATA as Record<string, Record<string, string> | undefined>)[script];
  let made: ScriptModels | null = null;
  if (models !== undefined) {
    // franc's order: the languages of the script as its data lists them, kept when a candidate.
    const languages = Object.keys(models).filter((l) => candidates.includes(l));
    const L = languages.length;
    const lists = languages.map((l) => models[l]!.split('|'));
    const rows = new Map<string, number>();
    for (const list of lists) for (const t of list) if (!rows.has(t)) rows.set(t, rows.size);
    const ranks = new Int16Array(rows.size * L).fill(-1);
    lists.forEach((model, li) => {
      // As franc builds its dictionaries: a trigram listed twice keeps its first rank.
      for (let weight = model.length - 1; weight >= 0; weight--) ranks[rows.get(model[weight]!)! * L + li] = weight;
    });
    made = L > 0 ? { languages, rows, ranks } : null;
  }
  modelCache.set(key, made);
  return made;
}

const LATIN = FRANC_SCRIPTS.Latin!;

/** franc's most frequent script of a text: the first expression with the most matches. */
function topScript(value: string): string | undefined {
  // Latin shares no character with another script's expression: past half the text it leads.
  if ((value.match(LATIN)?.length ?? 0) * 2 > value.length) return 'Latin';
  let top: string | undefined;
  let topCount = -1;
  for (const [script, expression] of Object.entries(FRANC_SCRIPTS)) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return top;
}

const PUNCTUATION_DIGITS = /[\u0021-\u0040]+/g;
const WHITE_SPACE = /\s+/g;

/** A text's trigrams with their counts, as franc's trigram-utils reads them (punctuation and digits dropped, lower-cased, padded). */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${value.replace(PUNCTUATION_DIGITS, ' ').replace(WHITE_SPACE, ' ').trim().toLowerCase()} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const t = padded.slice(i, i + 3);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/**
 * franc's ranking (`francAll(value, { only: candidates, minLength: 1 })`, the same languages,
 * scores and order) computed with one model lookup per trigram for all languages of the script
 * at once rather than one per trigram and language, which made franc most of the text stage's
 * time. A script franc does not model by trigrams is left to franc itself.
 */
export function rankLanguages(value: string, candidates: readonly string[]): [string, number][] {
  const sample = value.slice(0, 2048);
  const script = sample.length === 0 ? undefined : topScript(sample);
  const models = script === undefined ? null : scriptModels(script, candidates);
  if (models === null) return francAll(value, { only: [...candidates], minLength: 1 });
  const { languages, rows, ranks } = models;
  const L = languages.length;
  const distances = new Int32Array(L);
  let missing = 0;
  for (const [trigram, count] of trigramCounts(sample)) {
    const row = rows.get(trigram);
    if (row === undefined) {
      missing++;
      continue;
    }
    for (let l = 0, o = row * L; l < L; l++, o++) {
      const rank = ranks[o]!;
      const d = count - rank - 1;
      distances[l]! += rank < 0 ? MAX_DIFFERENCE : d < 0 ? -d : d;
    }
  }
  for (let l = 0; l < L; l++) distances[l]! += missing * MAX_DIFFERENCE;
  const ranked: [string, number][] = languages.map((l, i) => [l, distances[i]!]);
  ranked.sort((a, b) => a[1] - b[1]);
  const min = ranked[0]![1];
  const max = sample.length * MAX_DIFFERENCE - min;
  for (const r of ranked) r[1] = 1 - (r[1] - min) / max || 0;
  return ranked;
}

const HANGUL = /\p{Script=Hangul}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN = /\p{Script=Han}/gu;

/**
 * Chinese, Japanese and Korean told apart by their scripts, which identify them from a short line
 * (franc needs far more letters): mostly Hangul is Korean; Han with kana is Japanese; Han alone is Chinese.
 */
function cjkByScript(sample: string, letters: number): LanguageValue | undefined {
  const c = FILE.cjk;
  if (letters === 0) return undefined;
  const hangul = sample.match(HANGUL)?.length ?? 0;
  const kana = sample.match(KANA)?.length ?? 0;
  const han = sample.match(HAN)?.length ?? 0;
  const cjk = hangul + kana + han;
  if (cjk < c.minChars.value || cjk / letters < c.minShare.value) return undefined;
  const code = hangul / cjk >= c.minShare.value ? 'ko' : kana / cjk >= c.minKanaShare.value ? 'ja' : han / cjk >= c.minShare.value ? 'zh' : undefined;
  if (code === undefined) return undefined;
  const confidence = Math.min(1, cjk / c.saturatingChars.value);
  return { code, confidence: Math.round(confidence * 1000) / 1000, source: 'detected' };
}

/** Identify the language of `text`, falling back to `declared` when the text is too short or unclear. */
export function identifyLanguage(text: string, declared: string | undefined, settings: LanguageSettings = {}): LanguageValue {
  const minChars = settings.minChars ?? FILE.minChars.value;
  const minConfidence = settings.minConfidence ?? FILE.minConfidence.value;
  const sample = sampleOf(text);
  const letters = sample.replace(NON_LETTER, '').length;
  const fallback = (): LanguageValue =>
    declared ? { code: declared.toLowerCase(), confidence: FILE.declaredConfidence.value, source: 'declared' } : { code: 'und', confidence: 0, source: 'detected' };
  const byScript = cjkByScript(sample, letters);
  if (byScript) return byScript;
  if (letters < minChars) return fallback();

  const ranked = rankLanguages(sample, settings.candidates ?? FILE.candidates.terms);
  const top = ranked[0];
  if (!top || top[0] === 'und') return fallback();
  const code = toIso6391(top[0]);
  // The lead over the best-ranked candidate that is a different language (not a sibling sharing the code).
  const rival = ranked.find(([c]) => toIso6391(c) !== code);
  const margin = rival ? top[1] - rival[1] : 1;
  // franc's normalised lead shrinks as text grows, so weigh it by the letters franc actually read.
  const confidence = Math.min(1, (margin * Math.min(letters, FILE.lettersRead.value)) / FILE.saturatingEvidence.value);
  const detected: LanguageValue = { code, confidence: Math.round(confidence * 1000) / 1000, source: 'detected' };
  return confidence < minConfidence && declared ? fallback() : detected;
}
