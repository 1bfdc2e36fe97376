/**
 * Quotes in Arabic text. News Arabic puts the reporting verb first: "وقال روفيتش: «…»" (direct,
 * after a colon), "أعلن الوزير أنسلم روفيتش يوم الجمعة أن …" (indirect, after the complementizer
 * أن/إن), "«…»، قالت دوفال" (the cue after the quotation), and source frames "بحسب X", "وفقا لـ X".
 * The speaker is the phrase after the verb up to a time adverb, an addressee, the occasion, a colon,
 * a comma or the complementizer; a verb with no phrase after it ("وأضاف: «…»", the subject dropped
 * as Arabic does) goes on with the last speaker when near and of the same grammatical gender. A
 * quotation with no cue in its sentence continues a quote of the sentence just before it in its
 * paragraph, else stays unattributed. Arabic has no capitals: which words of the phrase name the
 * speaker is left to the resolver, which matches them to the story's people across scripts.
 * Every word list is data in `languages/ar.json`, each with its reason.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import { segmentSentences, spanIndexAt } from '../../text/sentences.js';
import type { AttributionRule, FoundQuote } from './find.js';
import { findQuoted, MOSTLY_QUOTED, quotationIndex, quotedShare } from './marks.js';

interface ArabicRules {
  readonly verbs: { readonly forms: readonly string[] };
  readonly feminine: { readonly forms: readonly string[] };
  readonly complementizers: { readonly words: readonly string[] };
  readonly frames: { readonly before: readonly string[] };
  readonly speakerStops: { readonly words: readonly string[] };
  readonly maxSpeakerWords: { readonly value: number };
}

const RAW = JSON.parse(readFileSync(new URL('./languages/ar.json', import.meta.url), 'utf8')) as ArabicRules;

/** A word as compared: without short vowels, shadda, tatweel or superscript alef. */
export function plainArabic(word: string): string {
  return word.replace(/[\u064b-\u065f\u0670\u0640]/gu, '');
}

const VERBS = new Set(RAW.verbs.forms.map(plainArabic));
const FEMININE = new Set(RAW.feminine.forms.map(plainArabic));
const COMPLEMENTIZERS = new Set(RAW.complementizers.words.map(plainArabic));
const FRAMES = RAW.frames.before.map((f) => f.split(/\s+/u).map(plainArabic)).sort((a, b) => b.length - a.length);
const STOPS = RAW.speakerStops.words.map((f) => f.split(/\s+/u).map(plainArabic)).sort((a, b) => b.length - a.length);
const MAX_SPEAKER = RAW.maxSpeakerWords.value;
/** How far (characters) a dropped subject reaches back for the last speaker. */
const DROPPED_REACH = 1500;

interface Tok {
  readonly start: number;
  readonly end: number;
  /** The word as compared ({@link plainArabic}), or the mark. */
  readonly w: string;
  readonly quoted: boolean;
}

const TOKEN = /[\p{L}\p{N}\u064b-\u065f\u0670\u0640]+|[،,:؛;«»“”"]/gu;

function tokens(text: string, s: Span, inside: Int32Array): Tok[] {
  const out: Tok[] = [];
  for (const m of text.slice(s.start, s.end).matchAll(TOKEN)) {
    const start = s.start + m.index;
    out.push({ start, end: start + m[0].length, w: plainArabic(m[0]), quoted: inside[start]! >= 0 });
  }
  return out;
}

const isWord = (t: Tok | undefined): t is Tok => t !== undefined && /^[\p{L}\p{N}]/u.test(t.w);
const isMark = (t: Tok | undefined): boolean => t !== undefined && /^[«»“”"]$/u.test(t.w);
const isComma = (t: Tok | undefined): boolean => t !== undefined && (t.w === '،' || t.w === ',');

/** The reporting verb a token is, with a glued و or ف stripped: its gender, or undefined. */
function verbOf(t: Tok | undefined): { feminine: boolean } | undefined {
  if (!isWord(t) || t.quoted) return undefined;
  for (const w of [t.w, /^[وف]/u.test(t.w) && t.w.length > 3 ? t.w.slice(1) : '']) if (w !== '' && VERBS.has(w)) return { feminine: FEMININE.has(w) };
  return undefined;
}

const isComplementizer = (t: Tok | undefined): boolean => isWord(t) && !t.quoted && COMPLEMENTIZERS.has(t.w);

/** Whether a stop phrase starts at token `i`. */
function stopAt(toks: readonly Tok[], i: number): boolean {
  return STOPS.some((words) => words.every((w, k) => toks[i + k] !== undefined && toks[i + k]!.w === w));
}

/** A speaker's phrase from token `i` (after a verb or a frame): words up to a stop, a mark, a comma, a colon or `that`. */
function phraseAfter(toks: readonly Tok[], i: number): { span?: Span; next: number } {
  let j = i;
  while (j < toks.length && j - i < MAX_SPEAKER + 1) {
    const t = toks[j]!;
    if (!isWord(t) || t.quoted || isComplementizer(t) || stopAt(toks, j) || verbOf(t)) break;
    j++;
  }
  if (j === i || j - i > MAX_SPEAKER) return { next: i };
  return { span: { start: toks[i]!.start, end: toks[j - 1]!.end }, next: j };
}

/** Trim spaces, Arabic and Latin commas, colons and a final full stop off a span. */
function trim(text: string, s: number, e: number): Span {
  while (s < e && /[\s\u00a0،,:؛;.]/u.test(text[s]!)) s++;
  while (e > s && /[\s\u00a0،,:؛;.]/u.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

interface Draft {
  type: FoundQuote['type'];
  segments: Span[];
  cue?: Span;
  speaker?: Span;
  attribution: AttributionRule;
  /** The cue's verb was feminine (for a dropped subject going on with the last speaker). */
  feminine?: boolean;
  /** The cue has a verb but no subject phrase: the last speaker goes on. */
  dropped?: boolean;
  sentence: number;
  paragraph: number;
}

/** Every quote in an Arabic `text`, in text order. */
export function findArabicQuotes(text: string, paragraphs: readonly Span[]): FoundQuote[] {
  const quoted = findQuoted(text, paragraphs);
  const inside = quotationIndex(text, quoted);
  const sentences = segmentSentences(text, paragraphs);
  const paraOf = (at: number): number => spanIndexAt(paragraphs, at);
  const sentenceOf = (at: number): number => spanIndexAt(sentences, at);
  const drafts: Draft[] = [];
  /** Per sentence: the cue before its quotations ("وقال X:"), and a cue right after a closing mark ("«…»، قالت X"). */
  const frame: (Omit<Draft, 'type' | 'segments' | 'sentence' | 'paragraph'> | undefined)[] = [];
  const after: (Omit<Draft, 'type' | 'segments' | 'sentence' | 'paragraph'> | undefined)[] = [];
  sentences.forEach((s, si) => {
    const toks = tokens(text, s, inside);
    const clauseEnd = (k: number): number => toks.slice(k).find((t) => t.w === '؛' || t.w === ';')?.start ?? s.end;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.quoted || !isWord(t)) continue;
      // Source frames: "بحسب X" / "وفقا لـ X" / "وفقا للوزارة" (the preposition glued to the source).
      const f = FRAMES.find((words) =>
        words.every((w, k) => {
          const u = toks[i + k];
          if (!isWord(u) || u.quoted) return false;
          return u.w === w || (k === words.length - 1 && w === 'ل' && u.w.startsWith('ل') && u.w.length > 2);
        }),
      );
      if (f) {
        const glued = toks[i + f.length - 1]!.w !== 'ل' && f[f.length - 1] === 'ل';
        const from = glued ? i + f.length - 1 : i + f.length;
        const np = phraseAfter(toks, from);
        if (!np.span) continue;
        const speaker = glued ? { start: np.span.start + 1, end: np.span.end } : np.span;
        const cue: Span = { start: t.start, end: toks[i + f.length - 1]!.end };
        const segs = [trim(text, s.start, t.start), trim(text, toks[np.next]?.start ?? s.end, s.end)].filter((g) => g.end > g.start && /[\p{L}\p{N}]/u.test(text.slice(g.start, g.end)));
        frame[si] ??= { speaker, cue, attribution: 'according-to' };
        if (segs.length > 0) drafts.push({ type: 'indirect', segments: segs, cue, speaker, attribution: 'according-to', sentence: si, paragraph: paraOf(s.start) });
        break;
      }
      const verb = verbOf(t);
      if (!verb) continue;
      const cue: Span = { start: t.start, end: t.end };
      const prev = toks[i - 1];
      const np = phraseAfter(toks, i + 1);
      // "«…»، قالت دوفال" / "«…» قال روفيتش": the cue follows a quotation.
      if (prev && (isMark(prev) || prev.quoted || (isComma(prev) && (isMark(toks[i - 2]) || toks[i - 2]?.quoted)))) {
        after[si] ??= { ...(np.span ? { speaker: np.span } : { dropped: true }), cue, attribution: 'name-after-cue', feminine: verb.feminine };
        continue;
      }
      // A time adverb or the occasion may stand between the speaker and what is said ("… روفيتش يوم الجمعة أن").
      let k = np.next;
      while (k < toks.length && k - np.next < 6 && isWord(toks[k]) && !toks[k]!.quoted && !isComplementizer(toks[k])) k++;
      const next = toks[k];
      const dropped = np.span === undefined;
      const who = { ...(np.span ? { speaker: np.span } : { dropped }), cue, feminine: verb.feminine };
      if (next && (next.w === ':' || isMark(next) || next.quoted)) {
        frame[si] ??= { ...who, attribution: 'colon-introduction' };
      } else if (isComplementizer(next)) {
        // "قال X إن …" / "وأضاف أن …": the reported claim runs to the clause end.
        frame[si] ??= { ...who, attribution: 'subject-before-cue' };
        const content = trim(text, toks[k + 1]?.start ?? s.end, clauseEnd(k + 1));
        if (content.end > content.start) drafts.push({ type: 'indirect', segments: [content], ...who, attribution: 'subject-before-cue', sentence: si, paragraph: paraOf(s.start) });
      } else continue;
      i = toks.length;
    }
  });
  // Direct quotes: every quotation of two words or more, its speaker from its sentence's cue before it or the cue right after it.
  // An indirect quote enclosing a quotation is one of its sentence's.
  const indirectIn = new Map<number, Draft[]>();
  for (const d of drafts) indirectIn.set(d.sentence, [...(indirectIn.get(d.sentence) ?? []), d]);
  for (const q of quoted) {
    const segments = q.pieces.map((p) => trim(text, p.start, p.end)).filter((p) => p.end > p.start);
    if (segments.length === 0 || q.words < 2) continue;
    const si = sentenceOf(q.open);
    const d: Draft = { type: 'direct', segments, attribution: 'none', sentence: si, paragraph: paraOf(q.open) };
    const closing = sentenceOf(Math.max(q.open, q.close - 1));
    const cueAfter = closing >= 0 ? after[closing] : undefined;
    const before = si >= 0 ? frame[si] : undefined;
    const enclosing = (indirectIn.get(si) ?? []).find((x) => x.segments.some((g) => g.start <= q.open && q.close <= g.end + 2));
    const source = enclosing ?? (cueAfter?.cue && cueAfter.cue.start >= q.close ? cueAfter : undefined) ?? (before?.cue && before.cue.start < q.open ? before : undefined);
    if (source) {
      if (source.speaker) d.speaker = source.speaker;
      if (source.cue) d.cue = source.cue;
      d.attribution = source.attribution;
      if (source.dropped) d.dropped = true;
      if (source.feminine !== undefined) d.feminine = source.feminine;
    }
    drafts.push(d);
  }
  // An indirect draft that is mostly one quotation is that quotation.
  const kept = drafts.filter((d) => {
    if (d.type === 'direct') return true;
    const share = quotedShare(text, d.segments, inside);
    return share !== undefined && share < MOSTLY_QUOTED;
  });
  const all = kept.sort((a, b) => a.segments[0]!.start - b.segments[0]!.start || (a.type === 'direct' ? 1 : -1));
  // The last quote with a speaker, kept as the loop goes (a text of 20,000 quotations stays linear).
  let prev: Draft | undefined;
  for (const d of all) {
    if (d.speaker) {
      prev = d;
      continue;
    }
    if (!prev) continue;
    if (d.dropped) {
      // "وأضاف: «…»": the subject Arabic drops is the last speaker, near and of the cue's gender.
      if (d.segments[0]!.start - prev.segments[prev.segments.length - 1]!.end < DROPPED_REACH && (prev.feminine === undefined || d.feminine === undefined || prev.feminine === d.feminine)) {
        d.speaker = prev.speaker;
        d.attribution = 'previous-quote';
      }
    } else if (d.attribution === 'none' && prev.paragraph === d.paragraph && d.sentence - prev.sentence <= 1) {
      d.speaker = prev.speaker;
      d.attribution = 'previous-quote';
    }
    if (d.speaker) prev = d;
  }
  return all.map((d) => ({
    type: d.type,
    span: { start: d.segments[0]!.start, end: d.segments[d.segments.length - 1]!.end },
    segments: d.segments,
    ...(d.cue ? { cue: d.cue } : {}),
    ...(d.speaker ? { speakerMention: d.speaker, speaker: text.slice(d.speaker.start, d.speaker.end) } : {}),
    attribution: d.speaker ? d.attribution : 'none',
  }));
}
