/**
 * Quotes in French and Spanish text: direct quotes between « … » (with the narrow or no-break
 * spaces inside), “ … ”, ‹ › and dash dialogue (a paragraph opening with "—"), indirect speech
 * after a reporting verb ("a déclaré que …", "dijo que …"), and clauses under a source frame
 * ("selon X", "d'après X", "según X"). The speaker is the subject before the verb ("X a déclaré
 * que"), the noun phrase or joined pronoun after it when the cue follows the quote ("», a déclaré
 * X", "», a-t-il déclaré", "», dijo el ministro"), or the frame's noun phrase. A quote with no
 * speaker in its sentence takes the speaker of a quote in the sentence just before it in the same
 * paragraph (a quotation going on), else stays unattributed: nothing is guessed from farther away.
 * Every word list is data in `languages/fr.json` and `languages/es.json`, each with its reason.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import { segmentSentences, spanIndexAt } from '../../text/sentences.js';
import type { FoundQuote } from './find.js';
import { findQuoted, MOSTLY_QUOTED, quotationIndex, quotedShare } from './marks.js';

interface Words {
  readonly reason: string;
  readonly words: readonly string[];
}

interface RomanceRules {
  readonly language: string;
  readonly verbs: { readonly reason: string; readonly forms: readonly string[]; readonly auxiliaries: readonly string[] };
  readonly content: Words;
  readonly inversion: { readonly reason: string; readonly pronouns: readonly string[] };
  readonly pronouns: Words;
  readonly frames: { readonly reason: string; readonly before: readonly string[] };
  readonly determiners: Words;
  readonly speakerStops: Words;
  readonly titleNouns: Words;
  readonly infinitive: { readonly reason: string; readonly endings: readonly string[] };
  readonly honorifics: Words;
}

interface Rules {
  readonly verbs: ReadonlySet<string>;
  readonly aux: ReadonlySet<string>;
  readonly content: ReadonlySet<string>;
  readonly inversion: ReadonlySet<string>;
  readonly pronouns: ReadonlySet<string>;
  readonly frames: readonly (readonly string[])[];
  readonly determiners: ReadonlySet<string>;
  readonly stops: ReadonlySet<string>;
  readonly titleNouns: ReadonlySet<string>;
  readonly infinitive: RegExp;
  readonly honorifics: ReadonlySet<string>;
}

function load(file: string): Rules {
  const r = JSON.parse(readFileSync(new URL(`./languages/${file}`, import.meta.url), 'utf8')) as RomanceRules;
  const set = (xs: readonly string[]): ReadonlySet<string> => new Set(xs.map((x) => x.toLowerCase()));
  return {
    verbs: set(r.verbs.forms),
    aux: set(r.verbs.auxiliaries),
    content: set(r.content.words),
    inversion: set(r.inversion.pronouns),
    pronouns: set(r.pronouns.words),
    frames: [...r.frames.before].sort((a, b) => b.length - a.length).map((f) => f.toLowerCase().split(' ')),
    determiners: set(r.determiners.words),
    stops: set(r.speakerStops.words),
    titleNouns: set(r.titleNouns.words),
    honorifics: set(r.honorifics.words),
    infinitive: new RegExp(`^\\p{Ll}{2,}(?:${r.infinitive.endings.join('|')})$`, 'u'),
  };
}

const RULES: Readonly<Record<string, Rules>> = { fr: load('fr.json'), es: load('es.json') };

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly w: string;
  readonly lower: string;
  /** Inside quotation marks. */
  readonly quoted: boolean;
}

// Words keep their apostrophes and hyphens ("l'accord", "a-t-il"); "d'après" is one token.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[,;:()–—]|[«»“”"‹›„]/gu;

function tokens(text: string, s: Span, inside: Int32Array): Tok[] {
  const out: Tok[] = [];
  for (const m of text.slice(s.start, s.end).matchAll(TOKEN)) {
    const start = s.start + m.index;
    out.push({ start, end: start + m[0].length, w: m[0], lower: m[0].toLowerCase().replace(/’/gu, "'"), quoted: inside[start]! >= 0 });
  }
  return out;
}

const isWord = (t: Tok | undefined): boolean => t !== undefined && /^[\p{L}\p{N}]/u.test(t.w);
const isCap = (t: Tok | undefined): boolean => t !== undefined && /^\p{Lu}/u.test(t.w);
const isMark = (t: Tok | undefined): boolean => t !== undefined && /^[«»“”"‹›„]$/u.test(t.w);

/** Trim spaces (the narrow and no-break ones inside guillemets too), commas and dashes off a span; a final period too. */
function trim(text: string, s: number, e: number): Span {
  while (s < e && /[\s\u00a0\u202f,;:.–—-]/u.test(text[s]!)) s++;
  while (e > s && /[\s\u00a0\u202f,;:.–—-]/u.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** The elided article or preposition of a token ("l'opération" → "l"), else the token. */
const head = (t: Tok): string => /^(\p{L}{1,2})['’]/u.exec(t.lower)?.[1] ?? t.lower;

/**
 * A speaker's noun phrase from token `i`: determiners and honorifics, then capitalised words and
 * the lower-case words of a role ("le ministre kavranais des transports"), up to punctuation or a
 * stop word. A joined or bare pronoun is a phrase of its own.
 */
function phraseAfter(r: Rules, toks: readonly Tok[], i: number, max = 9): Span | undefined {
  const first = toks[i];
  if (!first || !isWord(first) || first.quoted) return undefined;
  if (r.pronouns.has(first.lower)) return { start: first.start, end: first.end };
  let j = i;
  let last = -1;
  while (j < toks.length && j - i < max) {
    const t = toks[j]!;
    if (!isWord(t) || t.quoted) break;
    if (j > i && r.stops.has(t.lower)) break;
    if (r.verbs.has(t.lower) || r.aux.has(t.lower)) break;
    if (!r.determiners.has(head(t)) || isCap(t)) last = j;
    j++;
  }
  if (last < i) return undefined;
  // A phrase of determiners and lower-case words only is no speaker unless it names a role ("le ministre").
  return { start: toks[i]!.start, end: toks[last]!.end };
}

/** The subject before a verb group starting at token `v`, back to the clause start `from`. */
function subjectBefore(r: Rules, toks: readonly Tok[], from: number, v: number): Span | undefined {
  let a = from;
  // "Lundi, X a déclaré" / "En conférence de presse, X a dit": a fronted adjunct ends at the last comma.
  for (let k = v - 1; k > from; k--) {
    if (toks[k]!.w === ',' && k < v - 1) {
      a = k + 1;
      break;
    }
  }
  // "X, ministre des transports, a déclaré": the apposition's closing comma stands just before the verb.
  if (a === from && toks[v - 1]?.w === ',') {
    const firstComma = toks.findIndex((t, k) => k >= from && k < v && t.w === ',');
    if (firstComma > from) return { start: toks[from]!.start, end: toks[firstComma - 1]!.end };
  }
  while (a < v && !isWord(toks[a])) a++;
  if (a >= v || v - a > 12) return undefined;
  if (toks.slice(a, v).some((t) => t.quoted)) return undefined;
  const words = toks.slice(a, v).filter(isWord);
  if (words.length === 0) return undefined;
  // A subject is a pronoun or holds a capitalised word or a role noun after a determiner.
  if (words.length === 1 && r.pronouns.has(words[0]!.lower)) return { start: words[0]!.start, end: words[0]!.end };
  if (!words.some((t, k) => isCap(t) || (k > 0 && r.determiners.has(head(words[k - 1]!))) || r.determiners.has(head(t)))) return undefined;
  const lastWord = words[words.length - 1]!;
  return { start: words[0]!.start, end: lastWord.end };
}

/**
 * The mention that names the speaker inside a speaker phrase: the name after a role set off by a
 * comma ("le ministre des transports, Timur Kessa" → "Timur Kessa"), without an honorific before a
 * surname ("M. Varnaq" → "Varnaq"), so that it resolves to the person the article names in full.
 */
function mention(r: Rules, text: string, sp: Span): Span {
  const end = sp.end;
  let start = sp.start;
  const phrase = text.slice(start, end);
  const apposed = /,\s*(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)+)$/u.exec(phrase);
  if (apposed) start = end - apposed[1]!.length;
  // "le préfet Marc Olivier", "la concejala Lucía Ferrer": a role before a full name; the name speaks.
  const named = /\s(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)+)$/u.exec(text.slice(start, end));
  const role = named ? (text.slice(start, end - named[1]!.length).toLowerCase().match(/\p{L}+/gu) ?? []) : [];
  if (!apposed && named && /^\p{Ll}/u.test(text.slice(start, end)) && role.some((w) => !r.determiners.has(w))) start = end - named[1]!.length;
  // "El Sr. Quiroga", "M. Renaud": an article may stand before the honorific.
  const m = /^(?:(\p{L}+)\s+)?(\p{L}+)\.?\s+(?=\p{Lu})/u.exec(text.slice(start, end));
  if (m && r.honorifics.has(m[2]!.toLowerCase()) && (m[1] === undefined || r.determiners.has(m[1].toLowerCase()))) start += m[0].length;
  return { start, end };
}

interface Cue {
  /** First token of the verb group (the auxiliary when there is one). */
  readonly at: number;
  /** Token just past the verb group. */
  readonly end: number;
  /** A pronoun joined to the verb ("a-t-il", "dit-elle"): its span. */
  readonly joined?: Span;
}

/** The verb group at token `i` ("a déclaré", "a-t-il déclaré", "déclare-t-elle", "dijo", "ha dicho"), or undefined. */
function verbGroup(r: Rules, toks: readonly Tok[], i: number): Cue | undefined {
  const t = toks[i];
  if (!t || t.quoted || !isWord(t)) return undefined;
  const split = (w: string): { base: string; pron?: string } => {
    const m = /^(\p{L}+)-(?:t-)?(\p{L}+)$/u.exec(w);
    return m && r.inversion.has(m[2]!) ? { base: m[1]!, pron: m[2]! } : { base: w };
  };
  const joinedSpan = (tok: Tok, pron: string): Span => ({ start: tok.end - pron.length, end: tok.end });
  const a = split(t.lower);
  if (r.aux.has(a.base)) {
    // Adverbs may stand between the auxiliary and the participle ("a aussi déclaré", "ha dicho").
    for (let k = i + 1; k < toks.length && k <= i + 3; k++) {
      const u = toks[k]!;
      if (!isWord(u) || u.quoted) break;
      if (r.verbs.has(u.lower)) return { at: i, end: k + 1, ...(a.pron ? { joined: joinedSpan(t, a.pron) } : {}) };
    }
    return undefined;
  }
  if (r.verbs.has(a.base)) return { at: i, end: i + 1, ...(a.pron ? { joined: joinedSpan(t, a.pron) } : {}) };
  return undefined;
}

interface Draft {
  type: FoundQuote['type'];
  segments: Span[];
  cue?: Span;
  speaker?: Span;
  attribution: FoundQuote['attribution'];
  sentence: number;
  paragraph: number;
}

/** The quoted stretch is a name or a title ("l'opération « Marée stable »"), not speech. */
function isNameOrTitle(r: Rules, text: string, open: number, pieces: readonly Span[], speech: boolean): boolean {
  const words = pieces.flatMap((p) => text.slice(p.start, p.end).match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []);
  if (words.length === 0) return true;
  const before = text.slice(Math.max(0, open - 40), open).toLowerCase().replace(/’/gu, "'").match(/\p{L}+/gu) ?? [];
  if (before.slice(-2).some((w) => r.titleNouns.has(w))) return true;
  const content = text.slice(pieces[0]!.start, pieces[pieces.length - 1]!.end).trim();
  if (/[.!?…]\s*$/u.test(content) && words.length >= 2) return false;
  if (words.length <= 4 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return true;
  // A short capitalised phrase outside speech is a name ("« Marée stable »").
  return !speech && words.length <= 5 && /^\p{Lu}/u.test(words[0]!);
}

/** Every quote in a French or Spanish `text` (`language` 'fr' or 'es'), in text order. */
export function findRomanceQuotes(text: string, paragraphs: readonly Span[], language: string): FoundQuote[] {
  const r = RULES[language] ?? RULES.fr!;
  const quoted = findQuoted(text, paragraphs);
  const inside = quotationIndex(text, quoted);
  /** Every offset outside quotation marks: tokens read without them (one array for the whole text, not one per cue). */
  const outside = new Int32Array(text.length).fill(-1);
  // Dash dialogue: a paragraph opening with a dash is a quotation up to its incise ("— Texte, dit-il." / "—Texto —dijo X—. Más.").
  const dashes: { open: number; pieces: Span[]; incise?: Span }[] = [];
  for (const p of paragraphs) {
    if (!/^[—–]/u.test(text.slice(p.start, p.end))) continue;
    const body = p.start + 1;
    const rest = text.slice(body, p.end);
    const inc = /\s[—–]\s?(\p{Ll}[^—–]*?)(?:[—–]|$)/u.exec(rest);
    const pieces: Span[] = [];
    if (inc) {
      pieces.push({ start: body, end: body + inc.index });
      const after = body + inc.index + inc[0].length;
      if (/[\p{L}\p{N}]/u.test(text.slice(after, p.end))) pieces.push({ start: after, end: p.end });
      dashes.push({ open: p.start, pieces, incise: { start: body + inc.index + inc[0].indexOf(inc[1]!), end: body + inc.index + inc[0].indexOf(inc[1]!) + inc[1]!.length } });
    } else {
      // "— Nous serons prêts, dit le ministre.": a cue after the last comma of the paragraph is the incise.
      const toks = tokens(text, { start: body, end: p.end }, outside);
      let cut = -1;
      for (let k = toks.length - 2; k > 0; k--) {
        if (toks[k]!.w === ',' && verbGroup(r, toks, k + 1)) {
          cut = k;
          break;
        }
      }
      if (cut > 0) {
        pieces.push({ start: body, end: toks[cut]!.start });
        dashes.push({ open: p.start, pieces, incise: { start: toks[cut + 1]!.start, end: p.end } });
      } else dashes.push({ open: p.start, pieces: [{ start: body, end: p.end }] });
    }
    for (const g of pieces.length ? pieces : [{ start: body, end: p.end }]) for (let k = g.start; k < g.end; k++) if (inside[k]! < 0) inside[k] = quoted.length + dashes.length;
  }
  const sentences = segmentSentences(text, paragraphs);
  const paraOf = (at: number): number => spanIndexAt(paragraphs, at);
  const sentenceOf = (at: number): number => spanIndexAt(sentences, at);
  const drafts: Draft[] = [];
  /** Per sentence: the speaker and cue its reporting verb or frame names. */
  const frame: ({ speaker?: Span; cue: Span; attribution: FoundQuote['attribution'] } | undefined)[] = [];
  /** Per sentence: a cue right after a closing mark or comma names a speaker for what stands before it. */
  const inverted: ({ speaker?: Span; cue: Span; at: number } | undefined)[] = [];
  sentences.forEach((s, si) => {
    const toks = tokens(text, s, inside);
    /** Where reported content starting at token `k` ends: a semicolon outside quotation marks, else the sentence end. */
    const clauseEnd = (k: number): number => toks.slice(k).find((t) => t.w === ';' && !t.quoted)?.start ?? s.end;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.quoted || !isWord(t)) continue;
      // Source frames: "Selon X, …" / "…, selon X." / "D'après X, …".
      const f = r.frames.find((words) => words.every((w, k) => toks[i + k] !== undefined && !toks[i + k]!.quoted && toks[i + k]!.lower === w));
      if (f) {
        const np = phraseAfter(r, toks, i + f.length, 12);
        if (!np) continue;
        const cue: Span = { start: t.start, end: toks[i + f.length - 1]!.end };
        let k = i + f.length;
        while (k < toks.length && toks[k]!.start < np.end) k++;
        // "…, selon le ministre, Timur Kessa, les premiers trains …": an apposition after the source.
        let speakerEnd = np.end;
        if (toks[k]?.w === ',' && isCap(toks[k + 1])) {
          let m = k + 1;
          while (m < toks.length && isCap(toks[m])) m++;
          if (toks[m]?.w === ',') {
            speakerEnd = toks[m - 1]!.end;
            k = m;
          }
        }
        const speaker: Span = { start: np.start, end: speakerEnd };
        const segs: Span[] = [];
        if (i > 0) segs.push(trim(text, s.start, t.start));
        if (k < toks.length) segs.push(trim(text, toks[k]!.w === ',' ? toks[k]!.end : toks[k]!.start, s.end));
        const kept = segs.filter((g) => g.end > g.start && /[\p{L}\p{N}]/u.test(text.slice(g.start, g.end)));
        frame[si] ??= { speaker, cue, attribution: 'according-to' };
        if (kept.length > 0) drafts.push({ type: 'indirect', segments: kept, cue, speaker, attribution: 'according-to', sentence: si, paragraph: paraOf(s.start) });
        break;
      }
      const g = verbGroup(r, toks, i);
      if (!g) continue;
      const cue: Span = { start: t.start, end: toks[g.end - 1]!.end };
      const prev = toks[i - 1];
      // "», a déclaré X" / ", a-t-il déclaré" / "», dijo el ministro": the cue follows the quote. After a plain
      // comma, content opening after the verb ("X, maire de Y, a déclaré lundi que …") makes the comma an apposition's.
      let opens = g.end;
      while (opens < toks.length && opens - g.end < 8 && toks[opens]!.w !== ':' && !r.content.has(head(toks[opens]!)) && !toks[opens]!.quoted) opens++;
      const contentAfter = opens < toks.length && opens - g.end < 8 && (toks[opens]!.w === ':' || r.content.has(head(toks[opens]!)) || toks[opens]!.quoted);
      if (prev && (isMark(prev) || prev.quoted || (prev.w === ',' && !contentAfter))) {
        const speaker = g.joined ?? phraseAfter(r, toks, g.end);
        inverted[si] ??= { ...(speaker ? { speaker } : {}), cue, at: i };
        // The reported words before the cue, when they are not (mostly) a quotation of their own.
        const before = trim(text, s.start, prev.w === ',' ? prev.start : prev.end);
        if (before.end > before.start && !toks.slice(0, i).some((u) => u.quoted)) {
          drafts.push({ type: 'indirect', segments: [before], cue, ...(speaker ? { speaker } : {}), attribution: 'name-after-cue', sentence: si, paragraph: paraOf(s.start) });
        }
        i = g.end - 1;
        continue;
      }
      // "X a déclaré que …" / "X a déclaré : « … »" / "X dijo que …".
      let clause = i;
      while (clause > 0 && !/^[;:]$/u.test(toks[clause - 1]!.w) && !toks[clause - 1]!.quoted) clause--;
      const speaker = g.joined ?? subjectBefore(r, toks, clause, i);
      let k = g.end;
      while (k < toks.length && k - g.end < 8 && !toks[k]!.quoted && toks[k]!.w !== ':' && !r.content.has(head(toks[k]!)) && toks[k]!.w !== ',') k++;
      const next = toks[k];
      if (next && (next.w === ':' || next.quoted || isMark(next))) {
        frame[si] ??= { ...(speaker ? { speaker } : {}), cue, attribution: 'colon-introduction' };
      } else if (next && r.content.has(head(next))) {
        frame[si] ??= { ...(speaker ? { speaker } : {}), cue, attribution: 'subject-before-cue' };
        const content = trim(text, next.start, clauseEnd(k));
        if (content.end > content.start) drafts.push({ type: 'indirect', segments: [content], cue, ...(speaker ? { speaker } : {}), attribution: 'subject-before-cue', sentence: si, paragraph: paraOf(s.start) });
      } else if (speaker && toks[g.end] && !toks[g.end]!.quoted && r.infinitive.test(toks[g.end]!.w)) {
        // "Halden affirme lutter contre le trafic d'armes": an infinitive after the verb is the claim.
        frame[si] ??= { speaker, cue, attribution: 'subject-before-cue' };
        const content = trim(text, toks[g.end]!.start, clauseEnd(g.end));
        drafts.push({ type: 'indirect', segments: [content], cue, speaker, attribution: 'subject-before-cue', sentence: si, paragraph: paraOf(s.start) });
      } else continue;
      i = toks.length;
    }
  });
  // Direct quotes: every quotation that is not a name or a title, its speaker from the cue after it or its sentence's frame.
  const direct: Draft[] = [];
  // An indirect quote enclosing a quotation is one of its sentence's (looked up there, not among all).
  const indirectIn = new Map<number, Draft[]>();
  for (const d of drafts) indirectIn.set(d.sentence, [...(indirectIn.get(d.sentence) ?? []), d]);
  const addDirect = (open: number, close: number, pieces: readonly Span[], incise?: Span): void => {
    const si = sentenceOf(open);
    const colon = /:\s*$/u.test(text.slice(Math.max(0, open - 3), open));
    const speech = colon || frame[si] !== undefined || inverted[si] !== undefined || incise !== undefined;
    if (!incise && isNameOrTitle(r, text, open, pieces, speech)) return;
    const segments = pieces.map((p) => trim(text, p.start, p.end)).filter((p) => p.end > p.start);
    if (segments.length === 0) return;
    const d: Draft = { type: 'direct', segments, attribution: 'none', sentence: si, paragraph: paraOf(open) };
    // The cue right after the closing mark (in the sentence the mark closes in), or in a dash incise.
    const closing = sentenceOf(Math.max(open, close - 1));
    const cueSpan = incise ?? (closing >= 0 ? { start: close, end: sentences[closing]!.end } : undefined);
    if (cueSpan) {
      const toks = tokens(text, cueSpan, outside);
      let i = 0;
      if (!incise) {
        if (toks[0]?.w !== ',') i = -1;
        else i = 1;
      }
      const g = i >= 0 ? verbGroup(r, toks, i) : undefined;
      if (g) {
        const sp = g.joined ?? phraseAfter(r, toks, g.end);
        d.cue = { start: toks[i]!.start, end: toks[g.end - 1]!.end };
        if (sp) {
          d.speaker = sp;
          d.attribution = 'name-after-cue';
        }
      } else if (i >= 0) {
        const f = r.frames.find((words) => words.every((w, k) => toks[i + k]?.lower === w));
        const np = f ? phraseAfter(r, toks, i + f.length, 12) : undefined;
        if (f && np) {
          d.cue = { start: toks[i]!.start, end: toks[i + f.length - 1]!.end };
          d.speaker = np;
          d.attribution = 'according-to';
        }
      }
    }
    if (!d.speaker && si >= 0) {
      const fr = frame[si];
      const enclosing = (indirectIn.get(si) ?? []).find((x) => x.speaker && x.segments.some((g) => g.start <= open && close <= g.end + 2));
      if (enclosing?.speaker) {
        d.speaker = enclosing.speaker;
        d.cue = enclosing.cue;
        d.attribution = enclosing.attribution;
      } else if (fr?.speaker) {
        d.speaker = fr.speaker;
        d.cue = fr.cue;
        d.attribution = fr.attribution;
      } else if (inverted[closing]?.speaker) {
        d.speaker = inverted[closing]!.speaker;
        d.cue = inverted[closing]!.cue;
        d.attribution = 'name-after-cue';
      }
    }
    direct.push(d);
  };
  for (const q of quoted) addDirect(q.open, q.close, q.pieces);
  for (const dq of dashes) addDirect(dq.open, dq.pieces[dq.pieces.length - 1]!.end, dq.pieces, dq.incise);
  // An indirect draft that is mostly one quotation is that quotation.
  const kept = drafts.filter((d) => {
    const share = quotedShare(text, d.segments, inside);
    return share !== undefined && share < MOSTLY_QUOTED;
  });
  const all = [...kept, ...direct].sort((a, b) => a.segments[0]!.start - b.segments[0]!.start || (a.type === 'direct' ? 1 : -1));
  // A quote with no speaker continues a quote of the sentence just before it in its paragraph.
  let prev: Draft | undefined;
  for (const d of all) {
    if (d.speaker) {
      prev = d;
      continue;
    }
    if (prev && prev.paragraph === d.paragraph && d.sentence - prev.sentence <= 1) {
      d.speaker = prev.speaker;
      d.attribution = 'previous-quote';
    } else if (prev && d.type === 'direct' && prev.type === 'direct' && d.paragraph - prev.paragraph === 1 && /^\s*[«“]/u.test(text.slice(paragraphs[d.paragraph]!.start, d.segments[0]!.start))) {
      // A quotation opening the paragraph right after a quoted speaker's: the same voice going on.
      d.speaker = prev.speaker;
      d.attribution = 'previous-quote';
    }
    if (d.speaker) prev = d;
  }
  for (const d of all) if (d.speaker) d.speaker = mention(r, text, d.speaker);
  return all.map((d) => ({
    type: d.type,
    span: { start: d.segments[0]!.start, end: d.segments[d.segments.length - 1]!.end },
    segments: d.segments,
    ...(d.cue ? { cue: d.cue } : {}),
    ...(d.speaker ? { speakerMention: d.speaker, speaker: text.slice(d.speaker.start, d.speaker.end) } : {}),
    attribution: d.speaker ? d.attribution : 'none',
  }));
}
