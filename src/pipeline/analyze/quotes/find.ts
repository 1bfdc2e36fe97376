/**
 * Quote finding over plain text with offsets: direct quotes between quotation marks, indirect
 * speech after or before a reporting verb, and mixed quotes, each with its cue and speaker mention.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import type { QuoteType } from '../../../model/quote.js';
import { firstAtLeast, segmentSentences, spanIndexAt } from '../../text/sentences.js';
import { TITLE_SMALL_WORDS } from '../entities/recognize.js';
import { findQuoted, quotationIndex, type Quoted } from './marks.js';
import { ADDRESSEE_VERBS, ADJUNCTS, afterOpeners, determinerBefore, isDocumentPhrase, isLabel, isPronoun, subjectAfter, subjectBefore } from './speaker.js';

interface CuesFile {
  readonly verbs: readonly { readonly group: string; readonly reason: string; readonly forms: readonly string[] }[];
  readonly objectVerbs: { readonly reason: string; readonly forms: readonly string[] };
  readonly thatOnly: { readonly reason: string; readonly forms: readonly string[] };
  readonly quotationOnly: { readonly reason: string; readonly forms: readonly string[] };
  readonly infinitiveVerbs: { readonly reason: string; readonly forms: readonly string[] };
  readonly participles: { readonly reason: string; readonly forms: readonly string[] };
  readonly according: { readonly reason: string; readonly phrases: readonly string[] };
  readonly oneWordObject: { readonly reason: string; readonly groups: readonly string[] };
  readonly finite: { readonly reason: string; readonly forms: readonly string[] };
  readonly relayVerbs: { readonly reason: string; readonly forms: readonly string[] };
  readonly verbLikeWords: { readonly reason: string; readonly forms: readonly string[] };
  readonly ingPrepositions: { readonly reason: string; readonly forms: readonly string[] };
  readonly complements: {
    readonly reason: string;
    readonly nounsThat: readonly string[];
    readonly nounsTo: readonly string[];
    readonly adjectivesThat: readonly string[];
    readonly adjectivesTo: readonly string[];
    readonly copulas: readonly string[];
    readonly prepositional: readonly string[];
  };
}

const CUES = JSON.parse(readFileSync(new URL('./cues.json', import.meta.url), 'utf8')) as CuesFile;
const GROUP = new Map<string, string>();
for (const g of CUES.verbs) for (const f of g.forms) GROUP.set(f, g.group);
const OBJECT = new Set(CUES.objectVerbs.forms);
const THAT_ONLY = new Set(CUES.thatOnly.forms);
const QUOTATION_ONLY = new Set(CUES.quotationOnly.forms);
const VERB_LIKE = new Set(CUES.verbLikeWords.forms);
const ING_PREPOSITIONS = new Set(CUES.ingPrepositions.forms);
/** "with Kremlin spokesman Dmitry Peskov": "with" and a phrase ending in a capitalised name (group 1), the subject of an absolute clause. */
const WITH_NAME = String.raw`with\s+([^,;:()“”"]{2,80}?\p{Lu}[\p{L}.'’-]*)`;
const ABSOLUTE_BEFORE_CUE = new RegExp(String.raw`\b${WITH_NAME}\s+$`, 'u');
const ABSOLUTE_CLAUSE = new RegExp(String.raw`,\s+${WITH_NAME}\s+([a-z]+)\b`, 'gu');
const INFINITIVE = new Set(CUES.infinitiveVerbs.forms);
const PARTICIPLE = new Set(CUES.participles.forms);
const ACCORDING = new Set(CUES.according.phrases);
const ONE_WORD = new Set(CUES.oneWordObject.groups);
const FINITE = new Set(CUES.finite.forms);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).map((w) => escape(w)).join('|');
/** "his claim that", "her plan to", "confident that", "willing to": a complement cue and the word opening its content. */
const COMPLEMENT = new RegExp(
  `(?<![\\p{L}'’-])(?:(${alternation(CUES.complements.nounsThat)})(?=\\s+that\\s)|(${alternation(CUES.complements.nounsTo)})(?=\\s+to\\s+\\p{Ll})|(${alternation(CUES.complements.adjectivesThat)})(?=\\s+that\\s)|(${alternation(CUES.complements.adjectivesTo)})(?=\\s+to\\s+\\p{Ll})|(${alternation(CUES.complements.prepositional)})(?=\\s+[\\p{L}\\p{N}“"‘']))`,
  'gu',
);
/** A copula (or "made it") closing the text before a predicative adjective, adverbs allowed between. */
const COPULA_BEFORE = new RegExp(`(?<![\\p{L}'’-])(?:${alternation(CUES.complements.copulas)})(?:\\s+(?:not|very|so|more|less|increasingly|also|still|now|quite|fairly|all|too|even|equally|particularly|deeply|absolutely|entirely|fully|completely))*\\s+$`, 'iu');
/** A verb form that agrees with a singular subject: -s, -ed, or an irregular past. */
const agreesWithSingular = (form: string): boolean => /(?:s|ed)(?:\s+\p{L}+)?$/u.test(form) || FINITE.has(form);
/** Cue forms by their first word (lower case), longest first: "point out", "according to", "said". */
const BY_FIRST = new Map<string, string[][]>();
for (const f of [...GROUP.keys(), ...ACCORDING]) {
  const words = f.split(' ');
  const list = BY_FIRST.get(words[0]!) ?? [];
  list.push(words);
  BY_FIRST.set(words[0]!, list.sort((a, b) => b.length - a.length));
}
const WORD_RE = /(?<![\p{L}\p{N}'’-])\p{L}+(?![\p{L}\p{N}-])/gu;

/** One reporting-verb match: `0` is the text as written, `index` its offset in the searched slice. */
interface CueMatch {
  readonly 0: string;
  readonly index: number;
}

/** Reporting verbs and cue phrases in `slice`, in order (a word lookup, not one huge regex). */
function cueMatches(slice: string): CueMatch[] {
  const out: CueMatch[] = [];
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(slice)) !== null) {
    const options = BY_FIRST.get(m[0].toLowerCase());
    if (!options) continue;
    for (const words of options) {
      if (words.length === 1) {
        out.push({ 0: m[0], index: m.index });
        break;
      }
      const rest = new RegExp(`^${words.slice(1).map((w) => `\\s+${escape(w)}`).join('')}(?![\\p{L}\\p{N}-])`, 'iu').exec(slice.slice(m.index + m[0].length));
      if (rest) {
        out.push({ 0: slice.slice(m.index, m.index + m[0].length + rest[0].length), index: m.index });
        WORD_RE.lastIndex = m.index + m[0].length + rest[0].length;
        break;
      }
    }
  }
  return out;
}

/** How a speaker was found, kept as evidence on each quote. */
export type AttributionRule =
  | 'subject-before-cue'
  | 'name-after-cue'
  | 'according-to'
  | 'participle-main-subject'
  | 'previous-quote'
  | 'colon-introduction'
  | 'previous-paragraph-subject'
  | 'complement-possessive'
  | 'complement-subject'
  | 'embedded-post'
  | 'none';

/** A quote found in one text; spans are UTF-16 offsets into that text. */
export interface FoundQuote {
  readonly type: QuoteType;
  /** Hull of the content: from the first segment's start to the last one's end. */
  readonly span: Span;
  /** The content pieces when the quote is interrupted ("X," he said. "Y.") or runs over paragraphs. */
  readonly segments: readonly Span[];
  readonly cue?: Span;
  readonly speakerMention?: Span;
  /** The speaker mention as written. */
  readonly speaker?: string;
  readonly attribution: AttributionRule;
  /** The quotation mark was never closed (the quote runs to its paragraph's end). */
  readonly unclosed?: boolean;
}

interface Draft {
  segments: Span[];
  /** Set when the finder knows the type whatever the quotation marks (an embedded post is its author's own words). */
  type?: QuoteType;
  cue?: Span;
  speaker?: Span;
  attribution: AttributionRule;
  paragraph: number;
  unclosed?: boolean;
}

/** Paragraph spans of a text with one paragraph per non-blank line. */
export function lineParagraphs(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    let s = m.index;
    let e = s + m[0].length;
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

const TRIM_END = /[\s.,;:]+$/u;

function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && /[\s,;:—–-]/u.test(text[s]!)) s++;
  const tail = TRIM_END.exec(text.slice(s, e));
  if (tail) e -= tail[0].length;
  return { start: s, end: Math.max(s, e) };
}

function wordCount(text: string, s: Span): number {
  return text.slice(s.start, s.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/**
 * Find every quote in `text`. `paragraphs` default to one per non-blank line. Quotes are returned
 * in text order.
 */
export function findQuotes(text: string, paragraphs: readonly Span[] = lineParagraphs(text)): FoundQuote[] {
  const quoted = findQuoted(text, paragraphs);
  // For each offset inside a quotation, the quotation (to skip cues inside quotes and to widen content).
  const inside = quotationIndex(text, quoted);
  const paraOf = new Int32Array(text.length).fill(-1);
  paragraphs.forEach((p, pi) => paraOf.fill(pi, p.start, p.end));
  const sentences = segmentSentences(text, paragraphs);
  const drafts: Draft[] = [];

  for (const s of sentences) {
    const pi = paraOf[s.start] ?? -1;
    let mainSubject: Span | undefined;
    const sText = text.slice(s.start, s.end);
    for (const m of cueMatches(sText)) {
      const cs = s.start + m.index;
      const ce = cs + m[0].length;
      if (inside[cs]! >= 0) continue;
      const form = m[0].toLowerCase().replace(/\s+/g, ' ');
      // A capitalised cue mid-sentence is a name ("Washington Post", "Fox Report").
      if (/^\p{Lu}/u.test(m[0]) && cs > s.start && !/[“"‘'(]\s*$/u.test(text.slice(s.start, cs)) && !titleCase(sText)) continue;
      if (determinerBefore(text, cs)) continue;
      const d = ACCORDING.has(form)
        ? accordingTo(text, s, cs, ce, inside, quoted)
        : verbCue(text, s, cs, ce, form, inside, quoted, mainSubject);
      if (!d) continue;
      d.paragraph = pi;
      if (!mainSubject && d.speaker && (d.attribution === 'subject-before-cue' || d.attribution === 'name-after-cue')) mainSubject = d.speaker;
      drafts.push(d);
    }
  }
  // Complement clauses of report nouns and attitude adjectives ("his claim that …", "she is confident that …").
  for (const s of sentences) {
    for (const d of complementCues(text, s, inside, quoted)) {
      if (drafts.some((x) => x.segments.some((g) => d.segments.some((h) => g.start < h.end && h.start < g.end)))) continue;
      d.paragraph = paraOf[s.start] ?? -1;
      drafts.push(d);
    }
  }
  // Embedded posts ("… — Elizabeth Warren (@ewarren) April 19, 2019"): the paragraph is its author's
  // own words; a cue inside it ("demands that …") is part of the post, not a report of its own.
  const posts = embeddedPosts(text, paragraphs);
  const inPost = (at: number): boolean => posts.some((d) => d.segments[0]!.start <= at && at < d.segments[0]!.end);
  // "“…,” said Gen. Dzhabarov, according to a report in the Moscow Times": the report only sources the
  // quote its verb gave a speaker; its own draft of the same words, naming no one ("a report"), goes.
  const spoken = drafts.filter((d) => d.speaker && d.attribution !== 'according-to' && !inPost(d.segments[0]!.start));
  const sourced = (d: Draft): boolean =>
    d.attribution === 'according-to' &&
    (!d.speaker || /^(?:a|an)\s+\p{Ll}/u.test(text.slice(d.speaker.start, d.speaker.end))) &&
    spoken.some((x) => x.cue !== undefined && d.cue !== undefined && x.cue.end <= d.cue.start && d.cue.start - x.cue.end < 200 && holdsReport(d.segments, x));
  drafts.splice(0, drafts.length, ...drafts.filter((d) => !inPost(d.cue?.start ?? d.segments[0]!.start) && !inPost(d.segments[0]!.start) && !sourced(d)), ...posts);
  drafts.sort((a, b) => a.segments[0]!.start - b.segments[0]!.start);
  /** Whether paragraph `k` is a heading line, each judged once. */
  const headings = new Map<number, boolean>();
  const heading = (k: number): boolean => {
    let h = headings.get(k);
    if (h === undefined) headings.set(k, (h = headingLine(text, paragraphs[k]!)));
    return h;
  };
  let lowerText: string | undefined;
  const lower = (): string => (lowerText ??= text.toLowerCase());

  // Quotations no cue claimed: join them to the quote they continue, or keep them on their own.
  // The drafts' segments as disjoint intervals in text order, and the offsets of their empty ones: a
  // quotation is claimed when it overlaps an interval or holds such an offset strictly inside (a quotation
  // joined to a draft below lies in no other quotation, so both stay right while the loop runs).
  const covered: Span[] = [];
  for (const g of drafts.flatMap((d) => d.segments.filter((x) => x.end > x.start)).sort((a, b) => a.start - b.start)) {
    const last = covered[covered.length - 1];
    if (last && g.start <= last.end) covered[covered.length - 1] = { start: last.start, end: Math.max(last.end, g.end) };
    else covered.push({ start: g.start, end: g.end });
  }
  const points = drafts.flatMap((d) => d.segments.filter((x) => x.end === x.start).map((x) => x.start)).sort((a, b) => a - b);
  const claimed = (q: Quoted): boolean => {
    const g = covered[firstAtLeast(covered.length, (i) => covered[i]!.end > q.open)];
    const p = points[firstAtLeast(points.length, (i) => points[i]! > q.open)];
    return (g !== undefined && g.start < q.close) || (p !== undefined && p < q.close);
  };
  /** Each paragraph's drafts, for the quotation a later one in the paragraph continues. */
  const draftsIn = new Map<number, Draft[]>();
  for (const d of drafts) draftsIn.set(d.paragraph, [...(draftsIn.get(d.paragraph) ?? []), d]);
  const loose: Draft[] = [];
  for (const q of quoted) {
    if (claimed(q)) continue;
    const pi = paraOf[q.open] ?? -1;
    const pieces = q.pieces.map((p) => trimSpan(text, p.start, p.end)).filter((p) => p.end > p.start);
    if (pieces.length === 0) continue;
    const host = lastQuotation(draftsIn.get(pi) ?? [], inside, pi, q.open);
    const paraStart = paragraphs[pi]?.start ?? q.open;
    const wholeParagraph = q.open === paraStart;
    // A quotation that opens a sentence (or follows a comma or colon) can be speech; one inside a clause is a title or a scare quote.
    const opensSentence = wholeParagraph || /(?:[.!?:,;—–]['"”’]*|[”"’])\s*$/u.test(text.slice(Math.max(paraStart, q.open - 4), q.open));
    if (host && opensSentence && continuesQuote(text, host, q)) {
      host.segments.push(...pieces);
      continue;
    }
    if (!opensSentence && q.words < 8) continue;
    if (q.words < 3 && !wholeParagraph) continue;
    // "'A stunning betrayal'" as a crosshead: a paragraph that is only a short quotation the body repeats is a heading, not a quote.
    if (wholeParagraph && crossheadQuote(text, lower, paragraphs[pi], pieces)) continue;
    const d: Draft = { segments: pieces, attribution: 'none', paragraph: pi, unclosed: !q.closed || undefined };
    /** The last quote with a speaker before this quotation, looked for only when nothing nearer names one. */
    let spoken: Draft | undefined;
    const prevPara = pi > 0 ? paragraphs[pi - 1] : undefined;
    const intro = wholeParagraph && prevPara ? colonIntroduction(text, prevPara.start, prevPara.end) : colonIntroduction(text, paraStart, q.open);
    const own = cueInSentence(text, sentences, q, inside) ?? trailingCue(text, q, paragraphs[pi]?.end ?? text.length, inside);
    if (intro) {
      d.speaker = intro;
      d.attribution = 'colon-introduction';
    } else if (own) {
      d.speaker = own.speaker;
      d.cue = own.cue;
      d.attribution = own.rule;
    } else {
      // "Jones interjected: “…”", "A footnote makes that clear: “…”": the subject of the sentence the colon closes.
      const colonAt = wholeParagraph && prevPara ? prevPara.end : q.open;
      const colon = /:\s*$/u.exec(text.slice(Math.max(0, colonAt - 4), colonAt)) ? sentences.find((x) => x.start < colonAt && colonAt <= x.end + 4) : undefined;
      const subject = colon ? sentenceSubject(text, { start: colon.start, end: colonAt }) : undefined;
      const comma = !subject && wholeParagraph && prevPara ? commaIntroduction(text, prevPara) : undefined;
      if (subject && !/^(?:it|this|that|there)$/iu.test(text.slice(subject.start, subject.end))) {
        d.speaker = subject;
        d.attribution = 'colon-introduction';
      } else if (comma) {
        // "To which she replied," then the quotation as a paragraph of its own.
        d.speaker = comma.speaker;
        d.cue = comma.cue;
        d.attribution = 'colon-introduction';
      } else if ((spoken = lastBefore(drafts, loose, q.open, (x) => x.paragraph >= 0 && heading(x.paragraph))) && spoken.speaker && pi >= spoken.paragraph && onlyHeadingsBetween(spoken.paragraph, pi, heading)) {
        d.speaker = spoken.speaker;
        d.attribution = 'previous-quote';
      } else if (wholeParagraph && prevPara) {
        // A quotation paragraph after one that introduces someone ("Smith took to Twitter on Monday."): that sentence's subject.
        // A crosshead or teaser line between ("Story Continued Below") is passed over.
        const told = paragraphs[lastTextParagraph(pi, heading)] ?? prevPara;
        const last = sentences.filter((x) => x.start >= told.start && x.end <= told.end + 1).pop();
        const subject = last ? sentenceSubject(text, last) : undefined;
        if (subject && !/^(?:it|this|that|there|i|we|you)$/iu.test(text.slice(subject.start, subject.end))) {
          d.speaker = subject;
          d.attribution = 'previous-paragraph-subject';
        }
      }
    }
    loose.push(d);
  }
  // "Mayor Velin: Harbour Will Reopen in Spring.": a headline naming its speaker before a colon.
  for (const [pi, p] of paragraphs.entries()) {
    const m = /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{Ll}.'’-]+):\s+(?=\S)/u.exec(text.slice(p.start, p.end));
    if (!m || isLabel(m[1]!) || GROUP.has(m[1]!.split(/\s+/u).pop()!.toLowerCase())) continue;
    const seg = trimSpan(text, p.start + m[0].length, p.end);
    if (wordCount(text, seg) < 3 || [...drafts, ...loose].some((d) => d.segments.some((g) => g.start < seg.end && seg.start < g.end))) continue;
    loose.push({ segments: [seg], speaker: { start: p.start, end: p.start + m[1]!.length }, attribution: 'colon-introduction', paragraph: pi });
  }
  const all = [...drafts, ...loose].sort((a, b) => a.segments[0]!.start - b.segments[0]!.start);

  const out: FoundQuote[] = [];
  const seen = new Set<string>();
  /** Quotations never closed (few, usually none): a quote overlapping one is marked unclosed. */
  const unclosed = quoted.filter((x) => !x.closed);
  for (const d of all) {
    const segs = d.segments.filter((g) => g.end > g.start).sort((a, b) => a.start - b.start);
    if (segs.length === 0) continue;
    const span = { start: segs[0]!.start, end: segs[segs.length - 1]!.end };
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const q: FoundQuote = {
      type: d.type ?? quoteType(text, segs, inside),
      span,
      segments: segs,
      attribution: d.speaker ? d.attribution : 'none',
      ...(d.cue ? { cue: d.cue } : {}),
      ...(d.speaker ? { speakerMention: d.speaker, speaker: text.slice(d.speaker.start, d.speaker.end) } : {}),
      ...(d.unclosed || unclosed.some((x) => segs.some((g) => g.start < x.close && x.open < g.end)) ? { unclosed: true } : {}),
    };
    out.push(q);
  }
  return dropNested(out);
}

/** True when `content` holds the whole of another report: its words and its reporting verb ("“…,” said X, … according to a report"). */
function holdsReport(content: readonly Span[], x: Draft): boolean {
  const start = content[0]!.start;
  const end = content[content.length - 1]!.end;
  return x.cue !== undefined && start <= x.cue.start && x.cue.end <= end && x.segments.every((g) => start <= g.start && g.end <= end);
}

/** The signature an embed leaves in extracted text: "— Name (@handle) Month D, YYYY" at a paragraph's end. */
const POST_SIGNATURE = /\s*[—–-]\s*([^\n()@—–]{2,60}?)\s*\(@\w{1,30}\)\s*\p{L}{3,9}\.?\s+\d{1,2},\s+\d{4}\s*$/u;
/** Links a post ends with before its signature (a picture, a shortened link). */
const POST_LINKS = /(?:\s*(?:pic\.twitter\.com\/\S+|https?:\/\/\S+))+\s*$/u;

/**
 * Paragraphs that are embedded social-media posts, as drafts: the text before the signature (less
 * its trailing links) is the author's own words, a direct quote whose speaker is the signature's name.
 */
function embeddedPosts(text: string, paragraphs: readonly Span[]): Draft[] {
  const out: Draft[] = [];
  paragraphs.forEach((p, pi) => {
    const para = text.slice(p.start, p.end);
    if (!para.includes('(@')) return;
    const m = POST_SIGNATURE.exec(para);
    if (!m) return;
    const body = para.slice(0, m.index).replace(POST_LINKS, '');
    const content = trimSpan(text, p.start, p.start + body.length);
    if (wordCount(text, content) < 2) return;
    const nameAt = p.start + m.index + m[0].indexOf(m[1]!);
    out.push({ segments: [content], type: 'direct', speaker: { start: nameAt, end: nameAt + m[1]!.length }, attribution: 'embedded-post', paragraph: pi });
  });
  return out;
}

/**
 * A reported report ("X said Y believes Z") is one quote: the outer content already carries the
 * inner one, so an indirect or mixed quote inside another quote's span is not kept on its own.
 * Direct quotations inside a longer quote stay (they are the speaker's own words).
 */
function dropNested(quotes: readonly FoundQuote[]): FoundQuote[] {
  // By start, the longer first: a quote lies inside a longer one exactly when some quote before it in
  // this order reaches as far (spans are distinct, so reaching as far from no later start is longer).
  const order = quotes.map((_, i) => i).sort((a, b) => quotes[a]!.span.start - quotes[b]!.span.start || quotes[b]!.span.end - quotes[a]!.span.end);
  const nested = new Uint8Array(quotes.length);
  let reach = -1;
  for (const i of order) {
    const q = quotes[i]!;
    if (reach >= q.span.end) nested[i] = 1;
    if (q.span.end > reach) reach = q.span.end;
  }
  return quotes.filter((q, i) => q.type === 'direct' || nested[i] === 0);
}

/**
 * A quotation no cue claimed whose sentence still holds a reporting verb outside the marks
 * ("“…,” Smith told the program “Inside Edition.”"): that verb's subject, or the name after it.
 * The nearest such verb after the quotation wins, then the nearest before it.
 */
function cueInSentence(text: string, sentences: readonly Span[], q: Quoted, inside: Int32Array): { speaker: Span; cue: Span; rule: AttributionRule } | undefined {
  const s = sentences[spanIndexAt(sentences, q.close)] ?? sentences[spanIndexAt(sentences, q.open)];
  if (!s) return undefined;
  const found: { speaker: Span; cue: Span; rule: AttributionRule; distance: number }[] = [];
  for (const m of cueMatches(text.slice(s.start, s.end))) {
    const cs = s.start + m.index;
    const ce = cs + m[0].length;
    if (inside[cs]! >= 0 || !/^\p{Ll}/u.test(m[0]) || determinerBefore(text, cs) || ACCORDING.has(m[0].toLowerCase())) continue;
    const subj = trimSubject(text, subjectBefore(text, cs >= q.close ? q.close : s.start, cs));
    const after = subj || ADDRESSEE_VERBS.has(m[0].toLowerCase()) ? undefined : cs >= q.close && /^[\s”"’',]*$/u.test(text.slice(q.close, cs)) ? subjectAfter(text, ce + 1, s.end) : undefined;
    const speaker = subj ?? after;
    if (!speaker || /^(?:it|this|that|there|which|who)$/iu.test(text.slice(speaker.start, speaker.end))) continue;
    found.push({ speaker, cue: { start: cs, end: ce }, rule: subj ? 'subject-before-cue' : 'name-after-cue', distance: cs >= q.close ? cs - q.close : 1e6 + q.open - ce });
  }
  found.sort((a, b) => a.distance - b.distance);
  const best = found[0];
  return best ? { speaker: best.speaker, cue: best.cue, rule: best.rule } : undefined;
}

const RELAY_VERBS = new Set(CUES.relayVerbs.forms);
const RELAYED = /^\s+([^.;:!?"“”\n]{1,100}?),?\s+(?:as\s+)?saying\b/u;
const NAME_RUN = /(?:\p{Lu}[\p{L}.'’-]*\s+){0,4}\p{Lu}[\p{L}'’-]+/gu;

/**
 * "X reported Courtney saying", "X quoted Kavron's transport minister, Timur Kessa, as saying": the
 * one reported as saying it, named between the relaying verb `verb` (ending at `end`) and "saying"
 * (the last run of capitalised words there: the name after a description in apposition), and
 * where "saying" ends.
 */
function reportedSaying(text: string, verb: string, end: number): { readonly speaker: Span; readonly saying: number } | undefined {
  if (!RELAY_VERBS.has(verb.toLowerCase())) return undefined;
  const m = RELAYED.exec(text.slice(end, end + 120));
  // "Menendez was quoted by the Globe as saying": a passive names the relaying outlet after "by"; the subject speaks.
  if (!m || /^by\s/iu.test(m[1]!)) return undefined;
  const at = end + m[0].indexOf(m[1]!);
  const name = [...m[1]!.matchAll(NAME_RUN)].at(-1);
  if (!name) return undefined;
  const start = at + name.index;
  return { speaker: { start, end: start + name[0].replace(/['’]s$/u, '').length }, saying: end + m[0].length };
}

/**
 * The reporting clause right after a quotation's closing mark when the sentence split left it
 * outside the quotation's sentence ("“Why are you ignoring your state?” Pelosi said.", "“…!” she
 * said.") or a cue heard only after a quotation ("“…,” the statement continued."): a short subject
 * then a reporting verb, or a reporting verb then a name, closing the sentence or followed by an adjunct.
 */
function trailingCue(text: string, q: Quoted, paraEnd: number, inside: Int32Array): { speaker: Span; cue: Span; rule: AttributionRule } | undefined {
  const from = q.close + 1;
  const lead = /^[\s,”"’»]*/u.exec(text.slice(from, paraEnd))![0];
  const at = from + lead.length;
  const window = text.slice(at, Math.min(paraEnd, at + 160));
  // The clause ends at a sentence mark, not at the stop of a title or an initial ("Rep. Frank Pallone (D-N.J.), chairman …").
  const stop = window.search(/[!?;:“"]|(?<!\b(?:\p{Lu}\p{Ll}{0,3}|\p{Lu}))\./u);
  const clause = stop < 0 ? window : window.slice(0, stop);
  for (const m of cueMatches(clause)) {
    const cs = at + m.index;
    const ce = cs + m[0].length;
    if (!/^\p{Ll}/u.test(m[0]) || ACCORDING.has(m[0].toLowerCase()) || inside[cs]! >= 0 || determinerBefore(text, cs)) continue;
    const before = text.slice(at, cs);
    if (before.trim().split(/\s+/u).filter((w) => w !== '').length > 16) return undefined;
    // "Rep. Frank Pallone (D-N.J.), chairman of the committee, said": a name, then its appositive, then the verb.
    const named = /^((?:\p{Lu}[\p{L}.'’-]*\s+){0,5}\p{Lu}[\p{L}'’-]+)\s*(?:\([^)]{1,20}\)\s*)?,[^,]{3,80},\s*$/u.exec(before);
    // "Governor Mehdi Irannejad was quoted as saying": the subject before the passive frame.
    const frame = /\s+(?:was|were|is|are)\s+(?:quoted|heard|reported)\s+as\s*$/u.exec(before);
    // "The Oregonian reported Courtney saying": the one reported as saying it is the speaker, not the outlet.
    const relayed = reportedSaying(text, m[0], ce);
    if (relayed) return { speaker: relayed.speaker, cue: { start: cs, end: ce }, rule: 'name-after-cue' };
    const verbAt = frame ? at + frame.index : cs;
    const subj = before.trim() === '' ? undefined : (trimSubject(text, subjectBefore(text, at, verbAt)) ?? (named ? { start: at, end: at + named[1]!.length } : undefined));
    const speaker = subj ?? (before.trim() === '' && !ADDRESSEE_VERBS.has(m[0].toLowerCase()) ? subjectAfter(text, ce + 1, at + clause.length) : undefined);
    if (!speaker || /^(?:it|this|that|there|which|who)$/iu.test(text.slice(speaker.start, speaker.end))) continue;
    return { speaker, cue: { start: cs, end: ce }, rule: subj ? 'subject-before-cue' : 'name-after-cue' };
  }
  return undefined;
}

/** The last draft with a speaker ending at or before `at`, of either list, leaving out those `skip` rejects. */
function lastBefore(a: readonly Draft[], b: readonly Draft[], at: number, skip: (d: Draft) => boolean = () => false): Draft | undefined {
  let best: Draft | undefined;
  for (const list of [a, b]) {
    for (const d of list) {
      if (!d.speaker || skip(d)) continue;
      const end = d.segments[d.segments.length - 1]!.end;
      if (end <= at && (!best || end > best.segments[best.segments.length - 1]!.end)) best = d;
    }
  }
  return best;
}

/** The noun phrase opening a sentence ("He appreciated …" → "He"), when it looks like a subject. */
function sentenceSubject(text: string, s: Span): Span | undefined {
  const subj = subjectAfter(text, afterOpeners(text, s.start, s.end), s.end);
  if (!subj) return undefined;
  const t = text.slice(subj.start, subj.end);
  if (!/^(?:\p{Lu}|(?:he|she|they|we|i)$)/u.test(t)) return undefined;
  // "Mara Velin made a call …": a name ends where its capitalised words do ("and" between two of
  // them is inside: "Ways and Means Committee Chairman Richard Neal detailed …").
  const name = /^(?!(?:The|A|An|His|Her|Their|Its|Our|This|These|Those|Some|Many|Most|Several|All|Both)\s)\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|of|de|al|bin|van|von|da|del|la|le|and(?=\s+\p{Lu})))*/u.exec(t);
  if (!name || name[0].length >= t.length || !/^\s+\p{Ll}/u.test(t.slice(name[0].length))) return subj;
  // "CNN moderator Abby Phillip opened …", "Trump's outgoing national security adviser H.R. McMaster used …": a
  // description of at most four lower-case words (no verb) between a body and a full name is inside the phrase.
  const described = /^\s+((?:\p{Ll}[\p{L}-]*\s+){1,4})(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)+)/u.exec(t.slice(name[0].length));
  if (described && described[1]!.trim().split(/\s+/u).every((w) => !VERB_LIKE.has(w) && !/ed$/u.test(w) && cueMatches(w).length === 0)) {
    return { start: subj.start, end: subj.start + name[0].length + described[0].length };
  }
  return { start: subj.start, end: subj.start + name[0].replace(/\s+(?:of|de|al|bin|van|von|da|del|la|le)$/u, '').length };
}

/** After a clause ending at `from`: the subject of ", NP verb" that follows it. */
function subjectOfNextClause(text: string, s: Span, from: number): Span | undefined {
  const rest = text.slice(from, s.end);
  const comma = /^[\s”"’]*,\s*/u.exec(rest);
  if (!comma) return undefined;
  const m = cueMatches(rest.slice(comma[0].length))[0];
  if (!m) return undefined;
  return subjectBefore(text, from + comma[0].length, from + comma[0].length + m.index);
}

/** A subject cut after any reporting verb inside it ("believed Putin" → "Putin"). */
function trimSubject(text: string, subj: Span | undefined): Span | undefined {
  if (!subj) return undefined;
  const words = [...text.slice(subj.start, subj.end).matchAll(/\p{L}+/gu)];
  for (let k = words.length - 2; k >= 0; k--) {
    const w = words[k]!;
    if (/^\p{Ll}/u.test(w[0]) && GROUP.has(w[0]) && /(?:ed|s)$/u.test(w[0])) {
      const start = subj.start + w.index + w[0].length;
      const rest = text.slice(start, subj.end);
      const lead = rest.length - rest.trimStart().length;
      return { start: start + lead, end: subj.end };
    }
  }
  return subj;
}

/** True for a headline written in Title Case, where verbs are capitalised too ("Mayor Says Bridge Will Close"). */
function titleCase(sentence: string): boolean {
  const words = sentence.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w) || /^(?:a|an|the|of|in|on|to|for|and|or|at|by|with|from|as)$/u.test(w)).length;
  return caps / words.length >= 0.9;
}

/** True when a reporting verb stands in `text[from, to)` outside quotation marks (the stretch is itself a reporting clause). */
function hasCue(text: string, from: number, to: number, inside: Int32Array): boolean {
  for (const m of cueMatches(text.slice(from, to))) {
    const at = from + m.index;
    if (inside[at]! < 0 && !determinerBefore(text, at) && /^\p{Ll}/u.test(m[0]) && !THAT_ONLY.has(m[0].toLowerCase())) return true;
  }
  return false;
}

/** "Former Mayor Jane Doe: “…”" — a short name phrase and a colon right before a quotation name its speaker. */
function colonIntroduction(text: string, paraStart: number, open: number): Span | undefined {
  const m = /^((?:\p{Lu}[\p{L}.'’-]*\s+|(?:of|the|de|al|bin|van|von)\s+|\p{Ll}+\s+){0,7}\p{Lu}[\p{L}.'’-]*)\s*:\s*$/u.exec(text.slice(paraStart, open));
  if (!m || m.index !== 0) return undefined;
  const name = m[1]!;
  if ((name.match(/\p{Lu}/gu)?.length ?? 0) < 2 || GROUP.has(name.split(/\s+/u).pop()!.toLowerCase())) return undefined;
  return { start: paraStart, end: paraStart + name.length };
}

/**
 * A paragraph that ends on a reporting verb and a comma ("To which she replied,", "Smith added,")
 * introduces the quotation paragraph after it: the verb's subject and the verb.
 */
function commaIntroduction(text: string, para: Span): { speaker: Span; cue: Span } | undefined {
  const tail = /,\s*$/u.exec(text.slice(para.start, para.end));
  if (!tail) return undefined;
  const end = para.start + tail.index;
  const from = Math.max(para.start, end - 80);
  const last = cueMatches(text.slice(from, end)).pop();
  if (!last || from + last.index + last[0].length !== end) return undefined;
  const cs = from + last.index;
  const speaker = subjectBefore(text, para.start, cs);
  return speaker ? { speaker, cue: { start: cs, end } } : undefined;
}

/**
 * A crosshead, teaser or label line between paragraphs ("TRUMP OFFERS IMMIGRATION COMPROMISE",
 * "Story Continued Below", "Sens. Mark Warner and Tim Kaine"): at most 12 words, no closing
 * punctuation or quotation mark, and in capitals or Title Case. It tells no one's speech.
 */
function headingLine(text: string, p: Span): boolean {
  const t = text.slice(p.start, p.end).trim();
  if (t === '' || /[.!?:;,"“”'’]$/u.test(t) || /[“”"]/u.test(t)) return false;
  const ws = t.split(/\s+/u);
  if (ws.length > 12) return false;
  return !/\p{Ll}/u.test(t) || ws.every((w) => /^[\p{Lu}\p{N}(]/u.test(w) || TITLE_SMALL_WORDS.test(w));
}

/**
 * A paragraph that holds nothing but a short quotation (at most eight words, no sentence end inside)
 * whose words the text says again elsewhere: a crosshead quoting the body ("'A stunning betrayal'").
 */
function crossheadQuote(text: string, lower: () => string, para: Span | undefined, pieces: readonly Span[]): boolean {
  if (!para || pieces.length !== 1) return false;
  const words = text.slice(pieces[0]!.start, pieces[0]!.end).trim();
  const rest = text.slice(para.start, para.end).replace(/[\s'"‘’“”]/gu, '');
  if (rest.length !== words.replace(/[\s'"‘’“”]/gu, '').length || words.split(/\s+/u).length > 8 || /[.!?]\s/u.test(words)) return false;
  const key = words.toLowerCase().replace(/[.!?,]+$/u, '');
  return key.length >= 8 && (lower().indexOf(key) < para.start || lower().indexOf(key, para.end) >= 0);
}

/** True when every paragraph strictly between `from` and `to` is a heading line (or there is none). */
function onlyHeadingsBetween(from: number, to: number, heading: (k: number) => boolean): boolean {
  for (let k = from + 1; k < to; k++) if (!heading(k)) return false;
  return true;
}

/** The last paragraph before `pi` that is running text, passing over at most two heading lines (-1 when none). */
function lastTextParagraph(pi: number, heading: (k: number) => boolean): number {
  for (let k = pi - 1; k >= 0 && k >= pi - 3; k--) if (!heading(k)) return k;
  return -1;
}

/** The last quote in paragraph `pi` before `at` whose content is a quotation. */
function lastQuotation(drafts: readonly Draft[], inside: Int32Array, pi: number, at: number): Draft | undefined {
  let best: Draft | undefined;
  for (const d of drafts) {
    const last = d.segments[d.segments.length - 1]!;
    if (d.paragraph !== pi || last.end > at || inside[last.start]! < 0) continue;
    if (!best || last.end > best.segments[best.segments.length - 1]!.end) best = d;
  }
  return best;
}

/**
 * `"X," he said. "Y."`: a quotation following a quote in the same paragraph, with only that
 * quote's own reporting clause (one sentence at most) between them, continues it.
 */
function continuesQuote(text: string, prev: Draft, q: Quoted): boolean {
  const end = prev.segments[prev.segments.length - 1]!.end;
  const gap = text.slice(end, q.open);
  if (gap.length > 320 || /\n/u.test(gap)) return false;
  if (!prev.cue || prev.cue.start < end) return /^[\s”"’»'.,:;—–-]*$/u.test(gap);
  if (prev.cue.end > q.open) return false;
  // Only the reporting clause's own sentence may end inside the gap.
  const ends = gap.slice(prev.cue.end - end).match(/(?<!\b(?:Mrs?|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Col))(?:[\p{Ll}\p{N}]{2}|[)\]])[.!?]['"”’]*\s+(?=[\p{Lu}“"‘'])/gu)?.length ?? 0;
  return ends === 0 || (ends === 1 && /[.!?:,]['"”’]*\s*$/u.test(gap));
}

/** direct: ≥95% of the content's non-space characters inside quotation marks; mixed: some; indirect: none. */
function quoteType(text: string, segs: readonly Span[], inside: Int32Array): QuoteType {
  let n = 0;
  let q = 0;
  for (const g of segs) {
    for (let k = g.start; k < g.end; k++) {
      if (/\s/u.test(text[k]!)) continue;
      n++;
      if (inside[k]! >= 0) q++;
    }
  }
  if (n === 0 || q === 0) return 'indirect';
  return q / n >= 0.95 ? 'direct' : 'mixed';
}

/** The end of content that starts at `from`: the sentence end, or the close of a quotation opened inside. */
function contentEnd(text: string, s: Span, from: number, inside: Int32Array, quoted: readonly Quoted[]): number {
  let end = s.end;
  const qi = inside[Math.max(from, Math.min(end - 1, text.length - 1))]!;
  if (qi >= 0 && quoted[qi]!.close > end) end = quoted[qi]!.close;
  // Stop before a participle clause that reports more ("…, saying …"), or a cue that introduces a quotation.
  const rest = text.slice(from, end);
  for (const m of cueMatches(rest)) {
    if (m.index < 3 || inside[from + m.index]! >= 0 || determinerBefore(text, from + m.index)) continue;
    // "… and warned that …": a second reporting verb of the same subject starts its own report.
    const coordinated = /\s(?:and|but)\s+$/u.exec(rest.slice(0, m.index));
    if (coordinated && /^\p{Ll}/u.test(m[0]) && !THAT_ONLY.has(m[0].toLowerCase())) return from + coordinated.index;
    const subj = subjectBefore(text, from, from + m.index);
    if (/^\s*[:,]?\s*(?:[“"«„]|'')/u.test(rest.slice(m.index + m[0].length))) return subj ? subj.start : from + m.index;
    // "Asked if …, Clinton said …": a new subject and verb after a comma start another report.
    if (subj && /^\p{Lu}|^(?:he|she|they|we|i)$|^the\s/u.test(text.slice(subj.start, subj.end)) && /,\s*$/u.test(text.slice(from, subj.start))) {
      return from + text.slice(from, subj.start).search(/,\s*$/u);
    }
  }
  for (const m of rest.matchAll(/,\s+([a-z]+(?:\s+(?:to|out))?)\b/gu)) {
    if (PARTICIPLE.has(m[1]!) && inside[from + m.index]! < 0) return from + m.index;
  }
  // "…, with Kremlin spokesman Dmitry Peskov saying …": a participle with a subject of its own reports another speaker.
  for (const m of rest.matchAll(ABSOLUTE_CLAUSE)) {
    if (PARTICIPLE.has(m[2]!) && inside[from + m.index]! < 0) return from + m.index;
  }
  // "… who have endorsed him in the past week during an appearance in Flint: “…”": a colon after a
  // clause of its own introduces a quotation of the sentence's subject, not more of this content.
  const colon = /:\s*(?:[“"«„]|'')/u.exec(rest);
  if (colon && inside[from + colon.index]! < 0 && wordCount(text, { start: from, end: from + colon.index }) >= COLON_CLAUSE_WORDS) return from + colon.index;
  return end;
}

/** Words after a cue before a colon that make a clause of their own ("told reporters:" does not). */
const COLON_CLAUSE_WORDS = 8;

/** Content spans as segments, with any quotation fully inside taken as one piece (multi-paragraph quotes split per paragraph). */
function segmentsOf(text: string, from: number, to: number, inside: Int32Array, quoted: readonly Quoted[]): Span[] {
  const qi = inside[from]!;
  // Content that is exactly one quotation: its pieces, inside the marks.
  if (qi >= 0 && from <= quoted[qi]!.pieces[0]!.start && quoted[qi]!.close >= to - 1 && /^[\s.,;:!?]*$/u.test(text.slice(quoted[qi]!.close, Math.max(to, quoted[qi]!.close)))) {
    return quoted[qi]!.pieces.map((p) => trimSpan(text, p.start, p.end)).filter((p) => p.end > p.start);
  }
  const t = trimSpan(text, from, to);
  return t.end > t.start ? [t] : [];
}

/** Start of the content that ends at `end` before a reporting clause: the sentence start, or the opening of the quotation it closes. */
function contentStart(s: Span, end: number, inside: Int32Array, quoted: readonly Quoted[], text: string): number {
  let k = end - 1;
  while (k > s.start && /[\s,]/u.test(text[k]!)) k--;
  const qi = inside[k]!;
  if (qi >= 0 && quoted[qi]!.open < s.start) return quoted[qi]!.open;
  const qs = inside[s.start]!;
  if (qs >= 0 && quoted[qs]!.open < s.start) return quoted[qs]!.open;
  // "Yet, “…,” he said": a quotation after a word or two of lead-in starts the content.
  if (qi >= 0 && quoted[qi]!.open > s.start) {
    const lead = text.slice(s.start, quoted[qi]!.open);
    if (wordCount(text, { start: s.start, end: quoted[qi]!.open }) <= 2 || /[,:]\s*$/u.test(lead)) return quoted[qi]!.open;
  }
  return s.start;
}

function accordingTo(text: string, s: Span, cs: number, ce: number, inside: Int32Array, quoted: readonly Quoted[]): Draft | undefined {
  const speaker = subjectAfter(text, ce + 1, s.end);
  if (!speaker) return undefined;
  const lead = text.slice(s.start, cs);
  if (/^\s*(?:\p{L}+\s*){0,3},?\s*$/u.test(lead)) {
    // "According to X, …": content after the comma that closes the source phrase.
    const comma = text.indexOf(',', speaker.end);
    if (comma < 0 || comma >= s.end) return undefined;
    const end = contentEnd(text, s, comma + 1, inside, quoted);
    const segs = segmentsOf(text, comma + 1, end, inside, quoted);
    if (segs.length === 0 || wordCount(text, segs[0]!) < 2) return undefined;
    return { segments: segs, cue: { start: cs, end: ce }, speaker, attribution: 'according-to', paragraph: -1 };
  }
  // "…, according to X."
  const before = text.slice(s.start, cs);
  let comma = before.search(/[,—–(]['"”’]*\s*$/u);
  if (comma < 0) {
    // "… 46 percent to 39 percent according to the poll."
    if (wordCount(text, { start: s.start, end: cs }) < 5) return undefined;
    comma = before.trimEnd().length;
  }
  const end = s.start + comma;
  const start = contentStart(s, end, inside, quoted, text);
  const segs = segmentsOf(text, start, end, inside, quoted);
  if (segs.length === 0 || wordCount(text, segs[0]!) < 2) return undefined;
  return { segments: segs, cue: { start: cs, end: ce }, speaker, attribution: 'according-to', paragraph: -1 };
}

const END_OR_ADJUNCT = (text: string, at: number, sEnd: number): boolean => {
  // "said Jane Doe (D-Ohio) in an interview.": a parenthesis after the speaker is part of the name.
  const paren = /^\s*\([^()]{1,40}\)/u.exec(text.slice(at, sEnd));
  if (paren) at += paren[0].length;
  const rest = text.slice(at, sEnd);
  if (/^[\s.!?”"’»')]*$/u.test(rest)) return true;
  if (/^\s*[,;—–-]/u.test(rest)) return true;
  const w = /^\s+([\p{L}]+)/u.exec(rest)?.[1]?.toLowerCase();
  // "said here.", "wrote Tuesday night.": up to three words closing the sentence.
  if (/^\s+(?:[\p{L}\p{N}'’.-]+\s+){0,2}[\p{L}\p{N}'’-]+[.!?]?["”’)]*\s*$/u.test(rest) && !/\bthat\b/u.test(rest)) return true;
  return w !== undefined && ADJUNCTS.has(w) && !/^\s+\p{L}+\s+that\b/u.test(rest) && !/\bthat\s/u.test(rest.slice(0, 40));
};

function verbCue(
  text: string,
  s: Span,
  cs: number,
  ce: number,
  form: string,
  inside: Int32Array,
  quoted: readonly Quoted[],
  mainSubject: Span | undefined,
): Draft | undefined {
  const cue = { start: cs, end: ce };
  const pre = text.slice(s.start, cs);
  // 1a. "…, with Kremlin spokesman Dmitry Peskov saying …": the participle's own subject after "with".
  const absolute = PARTICIPLE.has(form) ? ABSOLUTE_BEFORE_CUE.exec(pre) : null;
  if (absolute) {
    const at = s.start + absolute.index + absolute[0].indexOf(absolute[1]!);
    const d = contentAfter(text, s, ce, form, inside, quoted, true);
    if (d) return { segments: d, cue, speaker: { start: at, end: at + absolute[1]!.length }, attribution: 'subject-before-cue', paragraph: -1 };
  }
  // 1b. "Trump replied with a tweet urging Apple: …": a document the subject issued speaks for the subject.
  const issued = PARTICIPLE.has(form) && /\bwith\s+(?:a|an|his|her|its|their)\s+(?:[\p{Ll}-]+\s+)?([\p{Ll}]+)\s+$/u.exec(pre);
  if (issued && isDocumentPhrase(`the ${issued[1]!}`)) {
    const speaker = mainSubject ?? sentenceSubject(text, s);
    const d = contentAfter(text, s, ce, form, inside, quoted, true);
    if (d && speaker) return { segments: d, cue, speaker, attribution: 'participle-main-subject', paragraph: -1 };
  }
  // 1. Participle after a comma: more speech by the main clause's subject, or by the subject of an
  // absolute clause before it ("…, with Pelosi remaining optimistic, saying …").
  if (PARTICIPLE.has(form) && /[,—–]\s*$/u.test(pre)) {
    const clause = /\bwith\s+([^,;:()“”"]{0,60}?\p{Lu}[\p{L}.'’-]*)\s+(\p{Ll}+ing)\b[^;:“”"]*$/u.exec(pre);
    const ruling = clause && !ING_PREPOSITIONS.has(clause[2]!) ? clause : null;
    const at = ruling ? s.start + ruling.index + ruling[0].indexOf(ruling[1]!) : -1;
    const speaker = ruling ? { start: at, end: at + ruling[1]!.length } : (mainSubject ?? sentenceSubject(text, s));
    const d = contentAfter(text, s, ce, form, inside, quoted, true);
    if (!d) return undefined;
    return { segments: d, cue, ...(speaker ? { speaker } : {}), attribution: 'participle-main-subject', paragraph: -1 };
  }
  const subj = trimSubject(text, subjectBefore(text, s.start, cs));
  // "the Paris attacks, …", "the Benghazi claims of …": a plural after "the" and a name, closing its phrase, is a noun.
  if (subj && /s$/u.test(form) && /^the\s+\p{Lu}/u.test(text.slice(subj.start, subj.end)) && /^(?:\s*[,.;)]|\s+(?:in|on|of|at|against|by|for|from|with)\b)/u.test(text.slice(ce, ce + 12))) return undefined;
  // "a fundraising call": a base form right after "a/an + word" is a noun, not a verb.
  if (subj && /^(?:a|an)\s/iu.test(text.slice(subj.start, subj.end)) && !agreesWithSingular(form)) return undefined;
  // 2. Content before: "…, Smith said." / "…,” he said, “…" / "…,” said Smith.
  const beforeSubj = subj ? text.slice(s.start, subj.start) : pre;
  const closesBefore = /(?:[,;—–]|[”"’»'“›«‘])\s*$/u.test(beforeSubj) && /\S/u.test(beforeSubj);
  if (closesBefore) {
    let speaker = subj;
    let afterEnd = ce;
    let rule: AttributionRule = 'subject-before-cue';
    // "…,” The Oregonian reported Courtney saying: the one reported as saying it speaks, not the outlet relaying it.
    const relayed = reportedSaying(text, form, ce);
    if (relayed) {
      speaker = relayed.speaker;
      afterEnd = relayed.saying;
      rule = 'name-after-cue';
    } else if (!speaker && !ADDRESSEE_VERBS.has(form)) {
      // "…,” Smith told NBC's show: the name after "told" is the addressee, never an inverted speaker.
      speaker = subjectAfter(text, ce + 1, s.end);
      if (speaker) {
        afterEnd = speaker.end;
        rule = 'name-after-cue';
      }
    } else if (speaker && isPronoun(text.slice(speaker.start, speaker.end)) && text.slice(speaker.start, speaker.end).toLowerCase() === 'who') {
      speaker = undefined;
    }
    const end = s.start + beforeSubj.replace(/[\s,;—–]+$/u, '').length;
    const start = contentStart(s, end, inside, quoted, text);
    const isQuotation = inside[Math.max(start, end - 1)]! >= 0 && inside[start]! >= 0;
    const restAfter = text.slice(afterEnd, s.end);
    const quoteFollows = /^\s*[,:]\s*[“"‘«„]|^\s*[,:]\s*''/u.test(restAfter);
    // "…,” she told the program “Inside Edition” after the show, which …: an addressee up to the clause's comma.
    const objectClause = restAfter.slice(0, Math.max(0, restAfter.search(/,\s|$/u)));
    const objectOnly = OBJECT.has(form) && !/\bthat\b|:/u.test(objectClause) && !quoteFollows && wordCount(text, { start: afterEnd, end: afterEnd + objectClause.length }) <= 12;
    // A quotation closed by its reporting clause ("“…,” Smith said by phone from Ohio's capital.") takes any clause that opens no new content.
    const closesQuotation = isQuotation && !quoteFollows && !/\bthat\b|:/u.test(restAfter);
    if (speaker && (END_OR_ADJUNCT(text, afterEnd, s.end) || objectOnly || closesQuotation) && (isQuotation || !quoteFollows) && !hasCue(text, start, end, inside)) {
      const segs = segmentsOf(text, start, end, inside, quoted);
      const interrupted = /^\s*,\s*\p{Ll}/u.test(restAfter) && !/^\s*,\s*\p{Ll}+ing\b/u.test(restAfter);
      if (segs.length > 0 && wordCount(text, segs[0]!) >= (isQuotation || interrupted ? 1 : 4)) {
        // "“X,” he said, “Y.”" / "The plan, he said, will fail.": the rest of the sentence continues the content.
        const rest = /^(?:\s+(?:in|on|at|during|after)\b[^,“"]{0,60})?\s*,\s*/u.exec(restAfter);
        if (rest) {
          const from = afterEnd + rest[0].length;
          const word = /^[\p{L}]+/u.exec(text.slice(from))?.[0]?.toLowerCase() ?? '';
          const opensQuote = inside[from]! >= 0;
          const ok = isQuotation ? opensQuote : !/ing$/u.test(word) && !ADJUNCTS.has(word) && !/^(?:who|which|whose|where|when|a|an)$/u.test(word) && !/^\p{Lu}/u.test(text.slice(from, from + 1));
          if (from < s.end && ok) {
            const end2 = contentEnd(text, s, from, inside, quoted);
            segs.push(...segmentsOf(text, from, end2, inside, quoted));
          }
        }
        return { segments: segs, cue, speaker, attribution: rule, paragraph: -1 };
      }
    }
  }
  // 3. Content after: "Smith said (that) …", "Smith told reporters: “…”".
  if (!subj) {
    // "Weingarten, who has visited …, said she …": the subject opens the sentence, before an inserted clause.
    if (/,\s*$/u.test(pre)) {
      const first = /^([^,]{1,60}),/u.exec(pre);
      const speaker = first ? subjectAfter(text, s.start, s.start + first[1]!.length) : undefined;
      const segs = speaker ? contentAfter(text, s, ce, form, inside, quoted, false) : undefined;
      if (segs && speaker && /^\p{Lu}/u.test(text.slice(speaker.start, speaker.end))) return { segments: segs, cue, speaker, attribution: 'subject-before-cue', paragraph: -1 };
      return undefined;
    }
    // "… and said …", "When asked whether …", "Asked if …": content with the sentence's subject, if any.
    const lead = /(?:^|\b(and|but|or|when|while|after|before|if|who|which|then|also))\s*$/iu.exec(pre.trimEnd() === '' ? '' : pre);
    if (!lead && pre.trim() !== '') return undefined;
    const segs = contentAfter(text, s, ce, form, inside, quoted, false);
    if (!segs) return undefined;
    // "Referring to …, the Leader added": an opening participle's subject follows its clause.
    const speaker = mainSubject ?? (pre.trim() !== '' ? sentenceSubject(text, s) : subjectOfNextClause(text, s, segs[segs.length - 1]!.end));
    return { segments: segs, cue, ...(speaker ? { speaker } : {}), attribution: 'participle-main-subject', paragraph: -1 };
  }
  const sp = text.slice(subj.start, subj.end).toLowerCase();
  let speaker: Span | undefined = subj;
  // "The Courier quoted Mayor Ostrova as saying that …": the content follows "saying", and she is its speaker.
  const relayed = reportedSaying(text, form, ce);
  if (relayed) {
    const segs = contentAfter(text, s, relayed.saying, 'saying', inside, quoted, false);
    return segs ? { segments: segs, cue, speaker: relayed.speaker, attribution: 'name-after-cue', paragraph: -1 } : undefined;
  }
  if (sp === 'who' || sp === 'which' || sp === 'that') {
    const m = /,\s*$/u.exec(text.slice(s.start, subj.start));
    speaker = m ? subjectBefore(text, s.start, s.start + m.index) : undefined;
  }
  const segs = contentAfter(text, s, ce, form, inside, quoted, false);
  if (!segs) return undefined;
  return { segments: segs, cue, ...(speaker ? { speaker } : {}), attribution: 'subject-before-cue', paragraph: -1 };
}

/**
 * Quotes opened by a report noun or an attitude adjective in sentence `s`: the content is the
 * "that" or "to" clause; the speaker is the possessor of the noun ("Smith's claim", "her plan")
 * or the subject of the copula before the adjective ("officials are confident", "he made it clear").
 */
function complementCues(text: string, s: Span, inside: Int32Array, quoted: readonly Quoted[]): Draft[] {
  const out: Draft[] = [];
  const sText = text.slice(s.start, s.end);
  COMPLEMENT.lastIndex = 0;
  for (const m of sText.matchAll(COMPLEMENT)) {
    const cs = s.start + m.index;
    const ce = cs + m[0].length;
    if (inside[cs]! >= 0) continue;
    const from = ce + /^\s+/u.exec(text.slice(ce))![0].length;
    if (from >= s.end) continue;
    const prepositional = m[5] !== undefined;
    let end = contentEnd(text, s, from, inside, quoted);
    if (prepositional) {
      // The object phrase: up to the first clause break outside quotation marks.
      for (let k = from; k < end; k++) {
        if (inside[k]! < 0 && /[,;:—–(]/u.test(text[k]!)) {
          end = k;
          break;
        }
      }
    }
    const segs = segmentsOf(text, from, end, inside, quoted);
    if (segs.length === 0 || wordCount(text, segs[0]!) < (prepositional ? 1 : 3)) continue;
    // The 160 characters before the cue are enough for a possessor or a copula (and keep the end-anchored patterns linear).
    const base = Math.max(s.start, cs - 160);
    const before = text.slice(base, cs);
    let speaker: Span | undefined;
    let rule: AttributionRule = 'none';
    if (prepositional) {
      // "Smith's attacks on …" / "Smith railed against …" / "Smith is critical of …": possessor, else the subject before the phrase.
      const pos = /(?:((?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*)['’]s?|\b(his|her|their|its|our|my))\s+(?:[\p{L}-]+\s+){0,2}$/u.exec(before);
      const cop = COPULA_BEFORE.exec(before);
      const subj = subjectBefore(text, s.start, cop ? base + cop.index : cs);
      const opens = afterOpeners(text, s.start, cs);
      const main = sentenceSubject(text, s);
      const impersonal = (x: Span): boolean => /^(?:it|this|that|there|these|those|which|who)$/iu.test(text.slice(x.start, x.end));
      if (pos && (!main || main.end > base + pos.index)) {
        const at = base + pos.index;
        speaker = { start: at, end: at + (pos[1] ?? pos[2]!).length };
        rule = 'complement-possessive';
      } else if (subj && subj.start <= opens + 1 && !impersonal(subj)) {
        // The whole clause before the phrase is its subject: "a woman asked for …", "Republican senators are split on …".
        speaker = subj;
        rule = 'complement-subject';
      } else if (main && main.end <= cs && !impersonal(main)) {
        speaker = main;
        rule = 'complement-subject';
      }
    } else if (m[1] !== undefined || m[2] !== undefined) {
      // "Smith's (new) claim", "his (repeated) claim": the possessor, at most two words before the noun.
      const pos = /(?:((?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*)['’]s?|\b(his|her|their|its|our|my))\s+(?:[\p{L}-]+\s+){0,2}$/u.exec(before);
      const main = sentenceSubject(text, s);
      if (pos && (!main || main.end > base + pos.index)) {
        const at = base + pos.index;
        const word = pos[1] ?? pos[2]!;
        speaker = { start: at, end: at + word.length };
        rule = 'complement-possessive';
      } else if (main && main.end <= cs && !/^(?:it|this|that|there|these|those)$/iu.test(text.slice(main.start, main.end))) {
        // "Jones attacked the plan to …", "None of them laid out a plan to …": the clause's subject holds the view.
        speaker = main;
        rule = 'complement-subject';
      }
    } else {
      const cop = COPULA_BEFORE.exec(before);
      if (!cop) continue;
      const subj = subjectBefore(text, s.start, base + cop.index);
      if (subj && text.slice(subj.start, subj.end).toLowerCase() !== 'it') {
        speaker = subj;
        rule = 'complement-subject';
      }
    }
    // A prepositional phrase with no one to hold the view is a description, not a report ("the flood of voters showing up to vote for …").
    if (!speaker && prepositional) continue;
    out.push({ segments: segs, cue: { start: cs, end: ce }, ...(speaker ? { speaker } : {}), attribution: speaker ? rule : 'none', paragraph: -1 });
  }
  return out;
}

/** Content following the cue at `ce`, or undefined when what follows is no content. */
function contentAfter(text: string, s: Span, ce: number, form: string, inside: Int32Array, quoted: readonly Quoted[], participle: boolean): Span[] | undefined {
  let at = ce;
  const rest = (): string => text.slice(at, s.end);
  // Addressee or object before the content: "told reporters that", "warned Congress:".
  if (OBJECT.has(form) && !participle) {
    const m = /^\s+(?:[\p{L}\p{N}'’.-]+\s+){0,8}?[\p{L}\p{N}'’.-]+(?=:)/u.exec(rest()) ?? /^\s+(?:[\p{L}\p{N}'’.-]+,?\s+){0,12}?(?=that\b|[:“"‘«]|to\s|whether\b|if\b|about\b|what\b|how\b|why\b|when\b)/u.exec(rest());
    if (m) at += m[0].length;
    else if (!/^\s*[:,]?\s*(?:[“"‘«]|that\b|whether\b|if\b|to\s|about\b)/u.test(rest())) return undefined;
  }
  // Short adjuncts before "that" or a colon: "said on Monday that", "said in a statement:".
  const addressee = /^\s+to\s+(?:me|us|him|her|them|reporters|journalists|supporters|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,3})(?=\s+that\b)/u.exec(text.slice(at, s.end));
  if (addressee) at += addressee[0].length;
  const adj = /^\s+(?:on|in|at|during|last|this|earlier|later|late|repeatedly|again|publicly|privately|recently|afterward|also|then|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;:“"]{0,50}?(?=\s+that\b|\s*[:,]\s*[“"‘«])/u.exec(rest());
  if (adj) at += adj[0].length;
  const r = rest();
  const lead = /^\s*(?:[:,]\s*)?/u.exec(r)![0];
  const from = at + lead.length;
  const next = text.slice(from, Math.min(s.end, from + 40));
  const startsQuote = inside[from]! >= 0;
  const that = /^that\b/u.test(next);
  const colon = lead.includes(':');
  const inf = /^to\s+\p{L}/u.test(next) && INFINITIVE.has(form);
  const wh = /^(?:whether|if|why|how|what|who|when|where)\b/u.test(next);
  if (QUOTATION_ONLY.has(form) && !(startsQuote || colon)) return undefined;
  if (!(startsQuote || that || colon || inf || wh)) {
    if (INFINITIVE.has(form) && /^to\b/u.test(next)) return undefined;
    // A clause without "that": "polls show he leads", "said, the media considered him …".
    const long = wordCount(text, { start: from, end: s.end }) >= 5;
    const clause = /^(?:he|she|they|it|we|i|you|there|the|a|an|his|her|their|its|this|these|those|\p{Lu}\p{L}+)\b/u.test(next) && long;
    if (THAT_ONLY.has(form) && !clause) return undefined;
    // Bare content: "said the plan would fail", "called him a liar".
    if (lead.includes(',') && !participle && !clause) return undefined;
    const w = /^[\p{L}\p{N}]+/u.exec(next)?.[0]?.toLowerCase();
    if (!w || ADJUNCTS.has(w) || /ing$/u.test(w) || /^(?:so|yes|no|nothing|something|anything|goodbye|hello|more|much|little|to|with|by|as|from|into|up|out|off|down|away|back|over|of)$/u.test(w)) return undefined;
  }
  if (from >= s.end) {
    // "X told the assembly:" closing a paragraph: the quotation opening the next one is the content.
    if (!colon) return undefined;
    const next = quoted.find((q) => q.open >= from);
    if (!next || !/^\s*$/u.test(text.slice(from, next.open)) || !/\n/u.test(text.slice(from, next.open))) return undefined;
    return next.pieces.map((p) => trimSpan(text, p.start, p.end)).filter((p) => p.end > p.start);
  }
  const end = contentEnd(text, s, from, inside, quoted);
  const segs = segmentsOf(text, from, end, inside, quoted);
  // A judgement verb reports its object even when it is one word ("attacked Smith").
  const minWords = ONE_WORD.has(GROUP.get(form) ?? '') ? 1 : 2;
  if (segs.length === 0 || wordCount(text, segs[0]!) < minWords) return undefined;
  return segs;
}

