/**
 * Quotes in German text: direct quotes between German marks („…“ »…« ‚…‘, and the English ones),
 * indirect speech after a reporting verb ("sagte, er habe …", "teilte mit, dass …"), clauses under
 * a source frame ("laut X", "X zufolge", "nach Angaben von X", "…, so X", "wie X mitteilte",
 * "heißt es"), and free indirect speech (a sentence in Konjunktiv I with no cue of its own
 * continues the previous speaker). Verb-second order decides where the speaker stands: before the
 * finite verb, or after it when an adverbial opens the sentence ("Am Montag sagte der Minister").
 * Every word list is data in `languages/de.json`, each with its reason.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import { segmentSentences, spanIndexAt } from '../../text/sentences.js';
import type { FoundQuote } from './find.js';
import { findQuoted, MOSTLY_QUOTED, quotationIndex, quotedShare, type Quoted } from './marks.js';

interface Words {
  readonly reason: string;
  readonly words: readonly string[];
}

interface GermanRules {
  readonly verbs: { readonly reason: string; readonly forms: readonly string[] };
  readonly separable: { readonly reason: string; readonly pairs: Readonly<Record<string, readonly string[]>>; readonly needsParticle: readonly string[] };
  readonly frames: {
    readonly reason: string;
    readonly before: readonly string[];
    readonly after: readonly string[];
    readonly nach: { readonly reason: string; readonly nounEndings: readonly string[] };
    readonly self: Words;
  };
  readonly heisstEs: { readonly reason: string; readonly forms: readonly string[] };
  readonly subjunctive: { readonly reason: string; readonly forms: readonly string[] };
  readonly evidential: Words;
  readonly subjectStarters: Words;
  readonly subjectStops: Words;
  readonly pronouns: Words;
  readonly titleNouns: Words;
  readonly speakerNouns: { readonly reason: string; readonly endings: readonly string[] };
  readonly subordinators: Words;
  readonly indirectMinWords: { readonly value: number; readonly reason: string };
}

const RULES = JSON.parse(readFileSync(new URL('./languages/de.json', import.meta.url), 'utf8')) as GermanRules;
const VERBS = new Set(RULES.verbs.forms);
const PARTICLES = new Map(Object.entries(RULES.separable.pairs));
const NEEDS_PARTICLE = new Set(RULES.separable.needsParticle);
const SUBJUNCTIVE = new Set([...RULES.subjunctive.forms, ...RULES.evidential.words]);
const STARTERS = new Set(RULES.subjectStarters.words);
const STOPS = new Set(RULES.subjectStops.words);
const PRONOUNS = new Set(RULES.pronouns.words);
const TITLE_NOUNS = new Set(RULES.titleNouns.words);
const FRAME_BEFORE = [...RULES.frames.before].sort((a, b) => b.length - a.length).map((f) => f.split(' '));
const FRAME_AFTER = RULES.frames.after.map((f) => f.split(' '));
const FRAME_SELF = new Set(RULES.frames.self.words);
const SOURCE_NOUN = new RegExp(`(?:${RULES.frames.nach.nounEndings.join('|')})$`, 'u');
const HEISST = RULES.heisstEs.forms.map((f) => f.split(' '));
const MIN_WORDS = RULES.indirectMinWords.value;
const SUBORDINATORS = new Set(RULES.subordinators.words);
const SPEAKER_NOUN = new RegExp(`(?:${RULES.speakerNouns.endings.join('|')})$`, 'u');
const DETERMINERS = new Set(['der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'diese', 'dieser', 'dieses', 'seine', 'seiner', 'ihre', 'ihrer']);

/**
 * A subject that can speak for quotations after it: a pronoun, a name (no article, and a word the
 * text also writes inside a longer name or next to another capitalised word), or a phrase whose
 * nouns name a role or an institution ("der Bundespräsident", "die Polizei").
 */
function personLike(text: string, sp: Span): boolean {
  const words = text.slice(sp.start, sp.end).match(/[\p{L}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0) return false;
  const lower = words.map((w) => w.toLowerCase());
  if (words.length === 1 && PRONOUNS.has(lower[0]!)) return true;
  if (lower.some((w) => SPEAKER_NOUN.test(w))) return true;
  if (DETERMINERS.has(lower[0]!)) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w));
  if (caps.length >= 2) return true;
  // One capitalised word: a surname the text also writes after a first name ("Angela Merkel … Merkel sagte").
  const w = caps[0];
  return w !== undefined && new RegExp(`\\p{Lu}\\p{Ll}+\\s+${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text);
}
const ARTICLES = new Set(['der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'von', 'vom', 'und', 'seinem', 'seiner', 'seines', 'ihrem', 'ihrer', 'ihres', 'dessen', 'deren']);
const LEADING = new Set(['sich', 'aber', 'weiterhin', 'jedoch', 'auch', 'dabei', 'nun', 'erneut', 'zudem', 'außerdem', 'allerdings', 'dazu', 'daraufhin', 'gestern', 'heute', 'bereits', 'schon', 'noch', 'damals', 'später', 'zuvor', 'ebenfalls', 'weiter', 'dort']);
/** An addressee may stand between the verb and its content ("sagte der Zeitung, …", "erklärte ihm, …"). */
const DATIVE = new Set(['dem', 'der', 'den', 'ihm', 'ihr', 'ihnen', 'uns', 'mir', 'einem', 'einer', 'reportern', 'journalisten']);
/** Sentence openers that are never a speaker. */
const NOT_SUBJECT = new Set(['es', 'das', 'dies', 'dieser', 'diese', 'dieses', 'man', 'hier', 'dort', 'damit', 'darauf', 'dafür', 'deshalb']);
const AUX = new Set(['hat', 'hatte', 'haben', 'hatten', 'habe', 'wird', 'wurde', 'werden', 'wurden', 'ist', 'war', 'sei', 'soll', 'sollen', 'will', 'wollte', 'kann', 'konnte']);

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly w: string;
  readonly lower: string;
  /** Inside quotation marks. */
  readonly quoted: boolean;
}

const TOKEN = /\p{N}+(?:[:.,]\p{N}+)+|[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[,;:()–—]|[„“”"»«‚‘›‹]/gu;

function tokens(text: string, s: Span, inside: Int32Array): Tok[] {
  const out: Tok[] = [];
  for (const m of text.slice(s.start, s.end).matchAll(TOKEN)) {
    const start = s.start + m.index;
    out.push({ start, end: start + m[0].length, w: m[0], lower: m[0].toLowerCase(), quoted: inside[start]! >= 0 });
  }
  return out;
}

const isWord = (t: Tok | undefined): boolean => t !== undefined && /^[\p{L}\p{N}]/u.test(t.w);
/** Capitalised, or a name with a lower-case particle ("el-Baradei", "ai-Bericht"). */
const isCap = (t: Tok | undefined): boolean => t !== undefined && (/^[\p{Lu}\p{N}]/u.test(t.w) || /^\p{Ll}{1,3}-\p{Lu}/u.test(t.w));
const isClauseEnd = (t: Tok | undefined): boolean => t === undefined || /^[,;:–—]$/u.test(t.w);

function wordsIn(text: string, segs: readonly Span[]): number {
  let n = 0;
  for (const g of segs) n += text.slice(g.start, g.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return n;
}

/** Trim spaces, commas and dashes off a span; a final period too. */
function trim(text: string, s: number, e: number): Span {
  while (s < e && /[\s,;:–—-]/u.test(text[s]!)) s++;
  while (e > s && /[\s,;:.–—-]/u.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/**
 * A short name in quotation marks opening at token `j` („Die Zeit“, „Rundschau am Sonntag“): the
 * index of its closing mark, or -1. At most five words, the first capitalised.
 */
function quotedName(toks: readonly Tok[], j: number): number {
  const t = toks[j];
  if (!t || !t.quoted || !/^[„“»"‚]$/u.test(t.w) || toks[j - 1]?.quoted) return -1;
  let k = j + 1;
  while (k < toks.length && k - j <= 6 && toks[k]!.quoted && isWord(toks[k])) k++;
  if (k === j + 1 || k - j > 6 || !toks[k]?.quoted || !/^[“”«"‘]$/u.test(toks[k]!.w) || !isCap(toks[j + 1])) return -1;
  return k;
}

/** A speaker noun phrase starting at token `i`: capitalised words, articles and adjectives before a noun, stopping at a stop word or punctuation. */
function phraseAfter(toks: readonly Tok[], i: number, max = 10): Span | undefined {
  // "äußerte sich jedoch der Minister": reflexives and adverbs before the subject.
  while (toks[i] && LEADING.has(toks[i]!.lower) && toks[i]!.w === toks[i]!.lower) i++;
  let j = i;
  let last = -1;
  while (j < toks.length && j - i < max) {
    const t = toks[j]!;
    const named = quotedName(toks, j);
    if (named > j) {
      // "die „Rundschau am Sonntag“", "der „Spiegel“": a short name in quotation marks is part of the phrase.
      last = named;
      j = named + 1;
      continue;
    }
    if (!isWord(t) || t.quoted) break;
    if (j === i && PRONOUNS.has(t.lower)) return { start: t.start, end: t.end };
    if (isCap(t)) last = j;
    else if (ARTICLES.has(t.lower) && (isWord(toks[j + 1]) || quotedName(toks, j + 1) > 0)) {
      // "der Sprecher", "von der Polizei": an article belongs to the phrase when a noun or adjective follows.
    } else if (/(?:e|en|er|em|es|ige|igen|ische|ischen)$/u.test(t.lower) && !STOPS.has(t.lower) && (isCap(toks[j + 1]) || quotedName(toks, j + 1) > 0)) {
      // An adjective before its noun: "der ugandische Schriftsteller".
    } else if (/^\d/u.test(t.w) || /-jährige[rn]?$/u.test(t.lower)) {
      last = j;
    } else break;
    j++;
  }
  // "(SPD)" right after the name.
  if (last >= 0 && toks[last + 1]?.w === '(' && toks[last + 3]?.w === ')') last += 3;
  return last >= i ? { start: toks[i]!.start, end: toks[last]!.end } : undefined;
}

/** A noun phrase ending just before token `i` (for "X zufolge"): back to a comma or the sentence start, at most 10 words. */
function phraseBefore(toks: readonly Tok[], i: number): Span | undefined {
  let j = i - 1;
  while (j >= 0 && i - j <= 10 && isWord(toks[j]) && !toks[j]!.quoted) j--;
  const from = j + 1;
  if (from >= i) return undefined;
  // Only the last noun phrase: drop a leading verb or conjunction ("und", "sei").
  let k = from;
  while (k < i - 1 && !isCap(toks[k]) && !ARTICLES.has(toks[k]!.lower)) k++;
  return { start: toks[k]!.start, end: toks[i - 1]!.end };
}

/** Lower-case particles inside personal names ("Karl-Theodor zu Guttenberg", "Ursula von der Leyen"). */
const NAME_PARTICLES = new Set(['zu', 'von', 'van', 'de', 'del', 'da', 'di', 'al', 'el', 'bin', 'ibn']);

/** Relative pronouns opening a clause that describes the noun before it ("X, der … war, sagte"). */
const RELATIVE = new Set(['der', 'die', 'das', 'dessen', 'deren', 'denen', 'welche', 'welcher', 'welches']);

/**
 * The sentence opens with its subject and an apposition or a relative clause set off by commas up
 * to the verb at token `v` ("Der Direktor des Senders, Peter Horrocks, bezeichnet …", "X, der … war,
 * gratulierte …"): the comma before the verb closes the apposition, not reported words, so what
 * follows the verb is its object, not a speaker.
 */
function openingApposition(toks: readonly Tok[], v: number): boolean {
  const first = toks[0];
  if (!first || first.quoted || !isCap(first) || STARTERS.has(first.lower) || NOT_SUBJECT.has(first.lower) || toks[v - 1]?.w !== ',') return false;
  // The opening noun phrase: capitalised words, articles, adjectives and name particles ("Der ehemalige
  // sozialdemokratische Bürgermeister der Gemeinde X", "Karl-Theodor zu Guttenberg") up to the first comma.
  let k = 0;
  while (k < v && (isCap(toks[k]) || ARTICLES.has(toks[k]!.lower) || NAME_PARTICLES.has(toks[k]!.lower) || /^\p{Ll}+(?:e|en|er|es|em)$/u.test(toks[k]!.w)) && !toks[k]!.quoted && !VERBS.has(toks[k]!.lower) && !AUX.has(toks[k]!.lower) && !SUBJUNCTIVE.has(toks[k]!.lower)) k++;
  if (k === 0 || k >= v - 1 || toks[k]!.w !== ',') return false;
  if (RELATIVE.has(toks[k + 1]!.lower)) return true;
  for (let j = k + 1; j < v - 1; j++) {
    const t = toks[j]!;
    if (t.quoted || SUBJUNCTIVE.has(t.lower) || AUX.has(t.lower) || VERBS.has(t.lower)) return false;
  }
  return true;
}

/** The agent of a passive report ("wurde von Minister X als … bezeichnet", "wird von X gefordert"): the phrase after "von". */
function passiveAgent(toks: readonly Tok[], from: number, v: number): Span | undefined {
  // "Von Unionspolitikern wurden seine Äußerungen als geschmacklos bezeichnet": the agent opens the clause.
  let agent: Span | undefined;
  let aux = -1;
  if (toks[from]?.lower === 'von' && isCap(toks[from + 1])) {
    agent = phraseAfter(toks, from + 1);
    let k = from + 1;
    while (agent && k < v && toks[k]!.end <= agent.end) k++;
    if (/^(?:wurde|wurden|wird|werden)$/u.test(toks[k]?.lower ?? '')) aux = k;
  }
  // "X wurde von der Agentur mit den Worten zitiert, …": the one quoted speaks, not the one quoting.
  if (/^zitiert/u.test(toks[v]?.lower ?? '')) {
    if (aux >= 0) return phraseAfter(toks, aux + 1);
    return toks.slice(from, v).some((t) => /^(?:wurde|wurden|wird|werden)$/u.test(t.lower)) ? subjectOf(toks, from, v) : undefined;
  }
  if (agent && aux >= 0) return agent;
  let passive = false;
  for (let k = from; k < v; k++) {
    const w = toks[k]!.lower;
    if (w === 'wurde' || w === 'wurden' || w === 'wird' || w === 'werden') passive = true;
    if (passive && w === 'von' && isCap(toks[k + 1])) return phraseAfter(toks, k + 1);
  }
  return undefined;
}

/**
 * A passive report with no agent ("Der Kommission wird Verschleppung vorgeworfen", "Diese wurden dazu
 * aufgerufen, …"): its subject is the one spoken to or about, not the speaker.
 */
function agentlessPassive(toks: readonly Tok[], from: number, v: number): boolean {
  const cue = toks[v]?.lower ?? '';
  if (/^zitiert/u.test(cue)) return false;
  const participle = /t$/u.test(cue) || /^(?:\p{L}{0,5})ge\p{L}+en$/u.test(cue);
  return toks.slice(from, v).some((t) => /^(?:wurde|wurden)$/u.test(t.lower) || (participle && /^(?:wird|werden)$/u.test(t.lower)));
}

/** The first lower-case word (a finite verb) after the phrase opening tokens `a`..`end`; `end` when there is none. */
function firstLower(toks: readonly Tok[], a: number, end: number): number {
  for (let k = a + 1; k < end; k++) if (isWord(toks[k]) && !isCap(toks[k]) && !ARTICLES.has(toks[k]!.lower) && !toks[k]!.quoted && !isCap(toks[k + 1])) return k;
  return end;
}

/** The subject before a finite verb at token `v` (verb second), or after it when an adverbial opens the clause. */
function subjectOf(toks: readonly Tok[], from: number, v: number): Span | undefined {
  let a = from;
  while (a < v && !isWord(toks[a])) a++;
  if (a >= v) return phraseAfter(toks, v + 1);
  // The finite verb: an auxiliary before the participle ("Der Minister hat in Berlin gesagt"), else the cue.
  let b = v;
  for (let k = a + 1; k < v; k++) {
    if (AUX.has(toks[k]!.lower) && toks[k]!.w === toks[k]!.lower) {
      b = k;
      break;
    }
  }
  // An adverb opening the sentence ("Offiziell", "Bezüglich …", "Glücklicherweise") is no subject either.
  const adverb = b - a <= 3 && /(?:lich|ig|isch|weise|ell|al|bar|los|erseits|züglich)$/u.test(toks[a]!.lower) && !isCap(toks[a + 1]);
  // "Dies bestätigte die Polizei": a demonstrative object first, the subject after the verb.
  const demonstrative = b === a + 1 && /^(?:dies|das|dieses|diese)$/u.test(toks[a]!.lower);
  // "Da es …, hat der Gerichtshof entschieden": a subordinate clause first, the subject after the verb.
  const subordinate = SUBORDINATORS.has(toks[a]!.lower) && toks.slice(a, b).some((t) => t.w === ',');
  // "X nannte … und verwies …": a second verb shares the sentence's subject.
  if (b === v && v - 1 > a && /^(?:und|sowie)$/u.test(toks[v - 1]!.lower)) return subjectOf(toks, a, firstLower(toks, a, v - 1));
  if (STARTERS.has(toks[a]!.lower) || adverb || demonstrative || subordinate || (toks[a]!.lower === 'wie' && a === from)) {
    // "Am Montag sagte der Minister", "Gestern hat der Minister gesagt": the subject follows the (auxiliary) verb.
    if (b < v) return phraseAfter(toks, b + 1);
    return phraseAfter(toks, v + 1);
  }
  if (b - a > 24) return undefined;
  // "Der Direktor, Peter Horrocks, sagte": the comma closing an apposition is not part of the subject.
  const last = b - 1 > a && toks[b - 1]!.w === ',' ? b - 2 : b - 1;
  return { start: toks[a]!.start, end: toks[last]!.end };
}

interface Draft {
  type: FoundQuote['type'];
  segments: Span[];
  cue?: Span;
  speaker?: Span;
  attribution: FoundQuote['attribution'];
  sentence: number;
}

interface Cue {
  /** Token index of the cue's first word. */
  readonly at: number;
  /** Token index just past the cue (past the particle for a separable verb). */
  readonly end: number;
  readonly kind: 'verb' | 'before' | 'nach' | 'self' | 'after' | 'so' | 'heisst';
  /** Token index of the particle of a separable verb. */
  readonly particle?: number;
}

function matchWords(toks: readonly Tok[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => toks[i + k] !== undefined && !toks[i + k]!.quoted && toks[i + k]!.lower === w);
}

/** Cues of one sentence, in order. */
function cuesOf(toks: readonly Tok[]): Cue[] {
  const out: Cue[] = [];
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.w === '(') depth++;
    else if (t.w === ')') depth = Math.max(0, depth - 1);
    // "(Wikinews berichtete)": a cue inside brackets is an aside.
    if (t.quoted || !isWord(t) || depth > 0) continue;
    const frame = FRAME_BEFORE.find((f) => matchWords(toks, i, f));
    if (frame) {
      out.push({ at: i, end: i + frame.length, kind: 'before' });
      i += frame.length - 1;
      continue;
    }
    if (t.lower === 'nach') {
      // "nach Angaben der Polizei", "nach neuesten Erkenntnissen", "Seiner Meinung nach" is not taken (postposition).
      let k = i + 1;
      while (k < toks.length && k - i <= 4 && isWord(toks[k]) && !toks[k]!.quoted && !SOURCE_NOUN.test(toks[k]!.lower)) k++;
      if (k < toks.length && k - i <= 4 && isCap(toks[k]) && SOURCE_NOUN.test(toks[k]!.lower)) {
        out.push({ at: i, end: i + 1, kind: 'nach' });
        continue;
      }
    }
    if (FRAME_SELF.has(t.lower) && (i === 0 || toks[i - 1]!.w === ',')) {
      out.push({ at: i, end: i + 1, kind: 'self' });
      continue;
    }
    const after = FRAME_AFTER.find((f) => matchWords(toks, i, f));
    if (after) {
      out.push({ at: i, end: i + after.length, kind: 'after' });
      continue;
    }
    const heisst = HEISST.find((f) => matchWords(toks, i, f));
    if (heisst) {
      out.push({ at: i, end: i + heisst.length, kind: 'heisst' });
      continue;
    }
    // ", so der Minister." / "“, so X": "so" right after a comma or a closing mark, before a noun phrase closing the clause.
    if (t.lower === 'so' && i > 0 && (toks[i - 1]!.w === ',' || /^[“”"«»‘]$/u.test(toks[i - 1]!.w))) {
      const np = phraseAfter(toks, i + 1);
      if (np) {
        let k = i + 1;
        while (k < toks.length && toks[k]!.start < np.end) k++;
        // Adjuncts may follow ("so der Minister in einem Interview"), up to the clause's end.
        let m = k;
        while (m < toks.length && m - k < 12 && !isClauseEnd(toks[m])) m++;
        if (m >= toks.length || toks[m]!.w === ',') out.push({ at: i, end: k, kind: 'so' });
      }
      continue;
    }
    if (t.w !== t.lower || !VERBS.has(t.lower)) continue;
    if (NEEDS_PARTICLE.has(t.lower) || PARTICLES.has(t.lower)) {
      const parts = PARTICLES.get(t.lower) ?? [];
      let k = i + 1;
      let particle = -1;
      while (k < toks.length && k - i < 14 && !toks[k]!.quoted && !/^[,;:]$/u.test(toks[k]!.w)) {
        if (parts.includes(toks[k]!.lower) && (isClauseEnd(toks[k + 1]) || toks[k + 1]!.lower === 'dass' || !isWord(toks[k + 1]))) particle = k;
        k++;
      }
      if (particle >= 0) {
        out.push({ at: i, end: particle + 1, kind: 'verb', particle });
        continue;
      }
      if (NEEDS_PARTICLE.has(t.lower)) continue;
    }
    out.push({ at: i, end: i + 1, kind: 'verb' });
  }
  return out;
}

/** Words ending in -e that are no verb form after "man"/"er"/"es" ("er ohne", "es keine"). */
const NOT_VERB_E = new Set(['ohne', 'alle', 'gerne', 'eine', 'keine', 'seine', 'ihre', 'diese', 'jene', 'solche', 'welche', 'beide', 'viele', 'einige', 'andere', 'mehrere', 'ganze', 'gleiche', 'erste', 'letzte', 'nahe', 'lange', 'heute', 'ebenfalls', 'bitte', 'jede', 'wieder', 'immer', 'ferne', 'mitte', 'ende', 'gebe']);

/** A Konjunktiv I of a regular verb beside a third-person pronoun: "man rechne", "rechne man", "er plane". */
function konjunktivAfterPronoun(toks: readonly Tok[], i: number): boolean {
  const t = toks[i]!;
  if (t.w.length < 4 || !/\p{Ll}e$/u.test(t.w) || NOT_VERB_E.has(t.lower) || /(?:nde|ige|ische|liche|ere)$/u.test(t.lower)) return false;
  const third = (x: Tok | undefined): boolean => x !== undefined && (x.lower === 'man' || x.lower === 'er' || x.lower === 'es');
  return third(toks[i - 1]) || third(toks[i + 1]);
}

/** The indirect (or framed) quote a cue makes in its sentence, or undefined. */
function quoteOfCue(text: string, s: Span, toks: readonly Tok[], c: Cue): Draft | undefined {
  const startTok = toks[c.at]!;
  const cue: Span = { start: startTok.start, end: c.particle !== undefined ? toks[c.particle]!.end : toks[c.end - 1]!.end };
  const cueSpan = c.particle !== undefined ? { start: startTok.start, end: startTok.end } : cue;
  const make = (segs: Span[], speaker: Span | undefined, attribution: FoundQuote['attribution']): Draft | undefined => {
    const kept = segs.map((g) => trim(text, g.start, g.end)).filter((g) => g.end > g.start);
    if (kept.length === 0 || wordsIn(text, kept) < MIN_WORDS) return undefined;
    return { type: 'indirect', segments: kept, cue: cueSpan, ...(speaker ? { speaker } : {}), attribution, sentence: -1 };
  };
  if (c.kind === 'before') {
    const np = phraseAfter(toks, c.end);
    if (!np) return undefined;
    let after = np.end;
    // "(…)" right after the source, then an optional comma.
    const rest = /^\s*(?:\([^()]{0,80}\))?\s*,?/u.exec(text.slice(after, s.end));
    if (rest) after += rest[0].length;
    return make([{ start: s.start, end: startTok.start }, { start: after, end: s.end }], np, 'according-to');
  }
  if (c.kind === 'nach') {
    const np = phraseAfter(toks, c.end, 14);
    if (!np) return undefined;
    let after = np.end;
    const rest = /^\s*(?:\([^()]{0,80}\))?\s*,?/u.exec(text.slice(after, s.end));
    if (rest) after += rest[0].length;
    return make([{ start: s.start, end: startTok.start }, { start: after, end: s.end }], np, 'according-to');
  }
  if (c.kind === 'self') {
    // "Demnach …": the adverb stands for the source; "…, wonach …": the content is the clause it opens.
    const word = { start: startTok.start, end: startTok.end };
    if (c.at === 0) return make([{ start: startTok.end, end: s.end }], word, 'according-to');
    let k = c.end;
    while (k < toks.length && !/^[;:]$/u.test(toks[k]!.w)) k++;
    return make([{ start: startTok.end, end: k < toks.length ? toks[k]!.start : s.end }], undefined, 'according-to');
  }
  if (c.kind === 'after') {
    const np = phraseBefore(toks, c.at);
    if (!np) return undefined;
    return make([{ start: s.start, end: np.start }, { start: toks[c.end - 1]!.end, end: s.end }], np, 'according-to');
  }
  if (c.kind === 'so') {
    const np = phraseAfter(toks, c.at + 1)!;
    let k = c.end;
    while (k < toks.length && !isClauseEnd(toks[k])) k++;
    const resume = k < toks.length ? toks[k]!.end : s.end;
    return make([{ start: s.start, end: startTok.start }, { start: resume, end: s.end }], np, 'name-after-cue');
  }
  if (c.kind === 'heisst') {
    // "…, heißt es in dem Bericht." / "In dem Bericht heißt es, …" / "Nun heißt es im Abschlussbericht, …".
    const before = text.slice(s.start, startTok.start);
    let k = c.end;
    while (k < toks.length && !isClauseEnd(toks[k])) k++;
    const inX = toks[c.end]?.lower === 'in' || toks[c.end]?.lower === 'im' ? { start: toks[c.end]!.start, end: toks[Math.max(c.end, k - 1)]!.end } : undefined;
    if (/[,“”"«»]\s*$/u.test(before)) return make([{ start: s.start, end: startTok.start }], inX, 'name-after-cue');
    const src = /^\s*(?:In|Im)\s/u.test(before) ? { start: s.start, end: startTok.start } : inX;
    if (k >= toks.length || toks[k]!.w === ';') return undefined;
    return make([{ start: toks[k]!.end, end: s.end }], src, 'subject-before-cue');
  }
  // A reporting verb.
  const v = c.at;
  let clauseStart = v;
  while (clauseStart > 0 && !/^[,;:]$/u.test(toks[clauseStart - 1]!.w)) clauseStart--;
  // "…, wie X mitteilte(,)": the wie-clause is the frame.
  if (toks[clauseStart]?.lower === 'wie') {
    const speaker = subjectOf(toks, clauseStart + 1, v) ?? phraseAfter(toks, clauseStart + 1);
    let k = c.end;
    while (k < toks.length && !isClauseEnd(toks[k])) k++;
    const segs = [{ start: s.start, end: toks[clauseStart]!.start }, { start: k < toks.length ? toks[k]!.end : s.end, end: s.end }];
    return make(segs, speaker, 'subject-before-cue');
  }
  // "X, Leiter von Y, sagte: „…“" / "…, sagte er:": a colon (or a quotation) right after the cue opens the content, whatever stands before.
  // The colon may follow the inverted subject and adjuncts ("sagte der Minister zum Abschluss des Treffens:").
  let ce = c.end;
  for (let k = c.end; k < toks.length && k - c.end < 20 && !toks[k]!.quoted && toks[k]!.w !== ',' && toks[k]!.lower !== 'dass'; k++) {
    if (toks[k]!.w === ':') {
      ce = k;
      break;
    }
  }
  if (toks[ce]?.w === ':' || (toks[ce]?.quoted && clauseStart === v && !(clauseStart > 0 && toks[clauseStart - 1]!.quoted))) {
    const from = toks[ce]!.w === ':' ? toks[ce]!.end : toks[ce]!.start;
    const speaker = clauseStart === v && clauseStart > 0 ? subjectOf(toks, 0, v) : subjectOf(toks, clauseStart, v);
    return make([{ start: from, end: s.end }], speaker, 'colon-introduction');
  }
  const closesBefore = clauseStart > 0 && (toks[clauseStart - 1]!.w === ',' || toks[clauseStart - 1]!.quoted || /^[“”"«»]$/u.test(toks[clauseStart - 1]!.w));
  const opensAfter = toks.slice(c.end).some((t) => !t.quoted && (/^[,:]$/u.test(t.w) || t.lower === 'dass'));
  if (closesBefore && clauseStart === v && (phraseAfter(toks, c.end) || !opensAfter) && !openingApposition(toks, clauseStart)) {
    // "…, sagte der Minister (am Montag)." The content is what comes before the comma.
    const speaker = phraseAfter(toks, c.particle !== undefined ? c.at + 1 : c.end);
    let k = c.end;
    while (k < toks.length && !isClauseEnd(toks[k])) k++;
    const segs = [{ start: s.start, end: toks[clauseStart - 1]!.end }];
    // "„X“, sagte er, „Y“": the content goes on after the frame.
    if (k < toks.length && toks[k]!.w === ',') segs.push({ start: toks[k]!.end, end: s.end });
    return make(segs, speaker, 'name-after-cue');
  }
  // Content after: "X sagte(,) (dass) …", "X erklärte: …", "Am Montag sagte der Minister in Rom, …".
  // With the subject before the verb, only adjuncts may stand between the verb and its content ("kritisierte die Art, wie …" has an object).
  const inverted = clauseStart < v && (STARTERS.has(toks[clauseStart]!.lower) || (clauseStart > 0 && toks[clauseStart - 1]!.w !== ','));
  const next = toks[c.end];
  if (!inverted && next && isWord(next) && !next.quoted && !STOPS.has(next.lower) && !LEADING.has(next.lower) && next.lower !== 'dass' && next.lower !== 'ob' && !DATIVE.has(next.lower) && !(clauseStart === v && isCap(next))) return undefined;
  let k = c.end;
  while (k < toks.length && k - c.end < 14 && !/^[,:;]$/u.test(toks[k]!.w) && toks[k]!.lower !== 'dass' && toks[k]!.lower !== 'ob' && !toks[k]!.quoted) k++;
  if (k >= toks.length || k - c.end >= 14 || toks[k]!.w === ';') return undefined;
  const from = /^[,:]$/u.test(toks[k]!.w) ? toks[k]!.end : toks[k]!.start;
  // "X, Sprecher von Y, sagte, …": words after a comma before the verb are an apposition; the subject opens the sentence.
  const speaker = passiveAgent(toks, clauseStart, v) ?? (agentlessPassive(toks, clauseStart, v) ? undefined : subjectOf(toks, closesBefore ? 0 : clauseStart, v));
  return make([{ start: from, end: s.end }], speaker, 'subject-before-cue');
}

/** The quoted stretch is a name or a title ("das Buch „…“", "„Board of Governors“"), not speech. */
function isNameOrTitle(text: string, q: Quoted, words: string[], speech: boolean): boolean {
  if (words.length === 0) return true;
  const caps = words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || !/^\p{L}/u.test(w));
  const before = text.slice(Math.max(0, q.open - 60), q.open).toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (before.slice(-2).some((w) => TITLE_NOUNS.has(w))) return true;
  const content = text.slice(q.pieces[0]!.start, q.pieces[q.pieces.length - 1]!.end);
  if (/[.!?]\s*$/u.test(content) && words.length >= 2) return false;
  if (caps && words.length <= 6) return true;
  if (/^\p{Lu}/u.test(words[0]!) && words.length <= 6 && !speech) return true;
  if (words.length === 1 && /^\p{Lu}/u.test(words[0]!)) return true;
  return false;
}

/** Every quote in a German `text`, in text order. */
export function findGermanQuotes(text: string, paragraphs: readonly Span[]): FoundQuote[] {
  const quoted = findQuoted(text, paragraphs);
  const inside = quotationIndex(text, quoted);
  const sentences = segmentSentences(text, paragraphs);
  const paraOf = (at: number): number => spanIndexAt(paragraphs, at);
  const drafts: Draft[] = [];
  const sentenceSpeaker: (Span | undefined)[] = [];
  const sentenceCue: boolean[] = [];
  // The named subject opening each sentence ("Sadiq Khan, …, verurteilte …"): who a quotation in the next sentence is likely from.
  const sentenceSubject: (Span | undefined)[] = [];
  sentences.forEach((s, si) => {
    const toks = tokens(text, s, inside);
    const cues = cuesOf(toks);
    const first = toks[0];
    if (first && !first.quoted && isCap(first) && !STARTERS.has(first.lower) && !NOT_SUBJECT.has(first.lower)) {
      const np = phraseAfter(toks, 0, 6);
      const named = np && (PRONOUNS.has(text.slice(np.start, np.end).toLowerCase()) || toks.some((t) => t.start > first.start && t.end <= np.end && isCap(t) && !ARTICLES.has(t.lower)));
      if (np && named && personLike(text, np)) sentenceSubject[si] = np;
    }
    sentenceCue[si] = cues.length > 0;
    const firstVerb = cues.find((c) => c.kind === 'verb');
    if (firstVerb) {
      // The speaker a quotation inside this sentence has even when no clause of speech forms ("nannte die Zahlen „…“").
      let cs = firstVerb.at;
      while (cs > 0 && !/^[,;:]$/u.test(toks[cs - 1]!.w)) cs--;
      sentenceSpeaker[si] = passiveAgent(toks, cs, firstVerb.at) ?? (agentlessPassive(toks, cs, firstVerb.at) ? undefined : cs === firstVerb.at && cs > 0 ? subjectOf(toks, 0, firstVerb.at) : subjectOf(toks, cs, firstVerb.at));
    }
    // Whether this sentence gave a draft (drafts are pushed only while their own sentence is read).
    const drafted = drafts.length;
    for (const c of cues) {
      const d = quoteOfCue(text, s, toks, c);
      if (!d) continue;
      d.sentence = si;
      sentenceSpeaker[si] = d.speaker;
      // Mostly a quotation ("„…“, sagte er."): the direct quote stands for it.
      if ((quotedShare(text, d.segments, inside) ?? 0) >= MOSTLY_QUOTED) {
        d.type = 'direct';
        d.segments = [];
      }
      drafts.push(d);
      break;
    }
    // A reported speech act with no clause of content ("Sie forderte die Gewerkschaft zu neuen Verhandlungen auf."): the sentence is the report.
    const sp = sentenceSpeaker[si];
    if (drafts.length === drafted && firstVerb && sp && personLike(text, sp) && !toks.some((t) => t.quoted) && toks.filter(isWord).length >= 5) {
      drafts.push({ type: 'indirect', segments: [trim(text, s.start, s.end)], cue: { start: toks[firstVerb.at]!.start, end: toks[firstVerb.at]!.end }, speaker: sp, attribution: 'subject-before-cue', sentence: si });
    }
  });
  // Direct quotes: every quotation that is not a name or a title, its speaker from its sentence's frame or the quotes before.
  const sentenceOf = (at: number): number => spanIndexAt(sentences, at);
  const direct: Draft[] = [];
  for (const q of quoted) {
    const words = q.pieces.flatMap((p) => text.slice(p.start, p.end).match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []);
    const si = sentenceOf(q.open);
    const s = sentences[si];
    const colon = /:\s*$/u.test(text.slice(Math.max(0, q.open - 3), q.open));
    const whole = s !== undefined && text.slice(s.start, q.open).trim() === '' && /^[\s.!?]*$/u.test(text.slice(q.close, s.end));
    const speech = colon || whole || (si >= 0 && sentenceCue[si] === true);
    if (isNameOrTitle(text, q, words, speech)) continue;
    const draft: Draft = { type: 'direct', segments: q.pieces.map((p) => trim(text, p.start, p.end)).filter((p) => p.end > p.start), attribution: 'none', sentence: si };
    // "„…“, sagte er" / "„…“, so der Minister": the cue right after the closing mark names this quotation's speaker.
    // A quotation of several sentences: its closing mark and the cue after it stand in a later sentence than its opening.
    const closing = sentences[sentenceOf(Math.max(q.open, q.close - 1))] ?? s;
    if (closing !== undefined && closing.end > q.close) {
      const after = /^\s*,\s*(\p{Ll}+)\s+/u.exec(text.slice(q.close, closing.end));
      if (after && (VERBS.has(after[1]!) || after[1] === 'so')) {
        const toks = tokens(text, { start: q.close + after[0].length, end: closing.end }, inside);
        const sp = phraseAfter(toks, 0);
        if (sp) {
          draft.speaker = sp;
          draft.attribution = 'name-after-cue';
        }
      }
    }
    direct.push(draft);
  }
  // Free indirect speech: a sentence in Konjunktiv I without a cue, after a quote in the same or the previous paragraph.
  const free: Draft[] = [];
  const quotedSentences = new Set([...drafts, ...direct].map((d) => d.sentence));
  let lastQuoteSentence = -10;
  sentences.forEach((s, si) => {
    if (quotedSentences.has(si) || sentenceSpeaker[si]) {
      lastQuoteSentence = si;
      return;
    }
    if (sentenceCue[si]) return;
    const toks = tokens(text, s, inside);
    if (!toks.some((t, i) => !t.quoted && t.w === t.lower && (SUBJUNCTIVE.has(t.lower) || konjunktivAfterPronoun(toks, i)))) return;
    if (si - lastQuoteSentence > 3) return;
    const prev = sentences[lastQuoteSentence];
    if (prev && paraOf(s.start) - paraOf(prev.start) > 1) return;
    const last = free[free.length - 1];
    if (last && last.sentence === si - 1 && paraOf(sentences[si - 1]!.start) === paraOf(s.start)) {
      // Consecutive sentences of free indirect speech are one quotation.
      last.segments = [{ start: last.segments[0]!.start, end: trim(text, s.start, s.end).end }];
      last.sentence = si;
    } else free.push({ type: 'indirect', segments: [trim(text, s.start, s.end)], attribution: 'previous-quote', sentence: si });
    lastQuoteSentence = si;
  });
  // Speakers: a direct quote takes its sentence's frame speaker, else the previous quote's speaker nearby.
  const all = [...drafts.filter((d) => d.segments.length > 0 || d.type === 'direct'), ...direct, ...free];
  const frameDirect = new Map<number, Draft>();
  for (const d of drafts) if (d.type === 'direct' && d.segments.length === 0) frameDirect.set(d.sentence, d);
  const out: Draft[] = [];
  for (const d of all) if (d.segments.length > 0) out.push(d);
  out.sort((a, b) => a.segments[0]!.start - b.segments[0]!.start || (a.type === 'direct' ? 1 : -1));
  let previous: Draft | undefined;
  /** Each sentence's drafts, for its frame (a few per sentence: looked up there, not among all). */
  const draftsIn = new Map<number, Draft[]>();
  for (const x of drafts) draftsIn.set(x.sentence, [...(draftsIn.get(x.sentence) ?? []), x]);
  /** Indirect quotes read so far whose text may still enclose the next quote (the quotes come in text order). */
  const open: Draft[] = [];
  /** A cue sentence between the previous quote's sentence and this one names a newer source. */
  const laterCueSpeaker = (from: number, to: number): boolean => {
    for (let k = from + 1; k < to; k++) if (sentenceSpeaker[k]) return true;
    return false;
  };
  for (const d of out) {
    const start = d.segments[0]!.start;
    for (let k = open.length - 1; k >= 0; k--) if (open[k]!.segments[open[k]!.segments.length - 1]!.end + 2 < start) open.splice(k, 1);
    if (!d.speaker) {
      const frame = frameDirect.get(d.sentence) ?? (draftsIn.get(d.sentence) ?? []).find((x) => x.speaker) ?? (sentenceSpeaker[d.sentence] ? { speaker: sentenceSpeaker[d.sentence], cue: undefined, attribution: 'subject-before-cue' as const } : undefined);
      const enclosing = open.find((x) => x !== d && x.speaker && x.segments.some((g) => g.start <= start && d.segments[0]!.end <= g.end + 2));
      if (frame?.speaker) {
        d.speaker = frame.speaker;
        d.cue = frame.cue;
        d.attribution = frame.attribution;
      } else if (enclosing?.speaker) {
        d.speaker = enclosing.speaker;
        d.attribution = enclosing.attribution;
      } else if (d.type === 'direct' && sentenceSubject[d.sentence] && sentenceSubject[d.sentence]!.end <= d.segments[0]!.start) {
        // The named subject of the quotation's own sentence ("Theo Zwanziger nannte die Bewerbung „sehr respektabel“").
        d.speaker = sentenceSubject[d.sentence];
        d.attribution = 'subject-before-cue';
      } else if (d.type === 'direct' && sentenceSubject[d.sentence - 1] && !sentenceSpeaker[d.sentence - 1] && previous && previous.sentence < d.sentence - 1) {
        // A new subject in the sentence just before ("Sadiq Khan … verurteilte …. „…“") takes over from an older speaker.
        d.speaker = sentenceSubject[d.sentence - 1];
        d.attribution = 'previous-paragraph-subject';
      } else if (previous?.speaker && d.sentence - previous.sentence <= 3 && !laterCueSpeaker(previous.sentence, d.sentence)) {
        d.speaker = previous.speaker;
        d.attribution = 'previous-quote';
      } else if (d.type === 'direct' && sentenceSubject[d.sentence - 1] && !sentenceSpeaker[d.sentence - 1]) {
        d.speaker = sentenceSubject[d.sentence - 1];
        d.attribution = 'previous-paragraph-subject';
      } else {
        // The speaker of a cue in the sentences just before ("Die Polizei teilte mit … . Der Mann sei …").
        for (let k = d.sentence - 1; k >= Math.max(0, d.sentence - 3); k--) {
          if (sentenceSpeaker[k]) {
            d.speaker = sentenceSpeaker[k];
            d.attribution = 'previous-paragraph-subject';
            break;
          }
        }
      }
    }
    if (!d.speaker) {
      // Last resort: the nearest named subject in the sentences before (same or previous paragraph).
      for (let k = d.sentence - 1; k >= Math.max(0, d.sentence - 5); k--) {
        const sp = sentenceSpeaker[k] ?? sentenceSubject[k];
        if (sp && paraOf(sentences[d.sentence]!.start) - paraOf(sentences[k]!.start) <= 1) {
          d.speaker = sp;
          d.attribution = 'previous-paragraph-subject';
          break;
        }
      }
    }
    if (!d.speaker) {
      // "„Ja, es gibt Zumutungen“. Das musste der Minister einräumen.": a cue in the next sentence of the paragraph.
      const next = sentenceSpeaker[d.sentence + 1];
      if (next && sentences[d.sentence + 1] && paraOf(sentences[d.sentence + 1]!.start) === paraOf(sentences[d.sentence]!.start)) {
        d.speaker = next;
        d.attribution = 'name-after-cue';
      }
    }
    if (d.speaker) previous = d;
    if (d.type !== 'direct') open.push(d);
  }
  return out.map((d) => ({
    type: d.type,
    span: { start: d.segments[0]!.start, end: d.segments[d.segments.length - 1]!.end },
    segments: d.segments,
    ...(d.cue ? { cue: d.cue } : {}),
    ...(d.speaker ? { speakerMention: d.speaker, speaker: text.slice(d.speaker.start, d.speaker.end) } : {}),
    attribution: d.speaker ? d.attribution : 'none',
  }));
}
