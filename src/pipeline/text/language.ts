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

/** Identify the language of `text`, falling back to `declared` when the text is too short or unclear. */
export function identifyLanguage(text: string, declared: string | undefined, settings: LanguageSettings = {}): LanguageValue {
  const minChars = settings.minChars ?? FILE.minChars.value;
  const minConfidence = settings.minConfidence ?? FILE.minConfidence.value;
  const sample = text.length > FILE.sampleChars.value ? text.slice(0, text.lastIndexOf(' ', FILE.sampleChars.value) + 1 || FILE.sampleChars.value) : text;
  const letters = sample.replace(NON_LETTER, '').length;
  const fallback = (): LanguageValue =>
    declared ? { code: declared.toLowerCase(), confidence: FILE.declaredConfidence.value, source: 'declared' } : { code: 'und', confidence: 0, source: 'detected' };
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
