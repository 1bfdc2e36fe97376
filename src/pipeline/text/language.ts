/**
 * Language identification with franc over a list of news languages, answered in ISO 639-1 where
 * one exists, with a confidence from franc's lead over the next language, weighed by the letters read.
 * Short or unsure text falls back to the language the page declared.
 */
import { readFileSync } from 'node:fs';
import { francAll } from 'franc';
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

  const ranked = francAll(sample, { only: [...(settings.candidates ?? FILE.candidates.terms)], minLength: 1 });
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
