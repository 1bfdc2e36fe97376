/**
 * Term families: the words for one referent with their tone, from `terms.json`. Listed terms match
 * as whole words; pattern terms match any capitalised name in place of `{NAME}` (up to three words)
 * or `{NAME1}` (one word), so "the X regime" is found for any X.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';

export type Tone = 'loaded' | 'neutral' | 'honorific';

interface TermEntry {
  readonly term: string;
  readonly tone: Tone;
  readonly reason: string;
  /** Replacement for this term when it differs from the family's neutral name. */
  readonly neutral?: string;
  /** True when summaries should leave the term alone (it is also the plain description in many stories). */
  readonly keep?: boolean;
  /** The family the term belongs to when the story never mentions this family's context ("occupying regime" with no Israel in sight). */
  readonly otherwise?: { readonly id: string; readonly neutral: string; readonly reason: string };
}

interface PatternEntry {
  /** A regular expression; `{NAME}` / `{NAME1}` stand for a capitalised name. */
  readonly pattern: string;
  readonly tone: Tone;
  readonly reason: string;
  /** How the match is counted, `{name}` standing for the captured name ("the {name} regime"); the text as written when absent. */
  readonly key?: string;
  readonly neutral?: string;
  readonly keep?: boolean;
}

interface FamilyEntry {
  readonly id: string;
  /** The neutral name; `{name}` is filled from the match in a per-name family. */
  readonly neutral: string;
  readonly reason: string;
  /** True when each captured name is its own referent ("the Brask regime" and "the Selm regime" differ). */
  readonly perName?: boolean;
  /** Words that must occur in the story for an ambiguous term to be taken for this family's referent. */
  readonly context?: string;
  readonly terms?: readonly TermEntry[];
  readonly patterns?: readonly PatternEntry[];
}

interface TermsFile {
  readonly families: readonly FamilyEntry[];
  /** What, written right before a term, attributes the word to someone else ("which X calls"). */
  readonly reportedNaming: { readonly pattern: string };
  /** Sentence-initial words a name recogniser may glue to a name ("Yesterday Mr X"). */
  readonly formNoise: { readonly words: readonly string[]; readonly notForms: { readonly starts: readonly string[]; readonly inside: readonly string[] } };
}

const TERMS = JSON.parse(readFileSync(new URL('./terms.json', import.meta.url), 'utf8')) as TermsFile;

/** Matches a sentence-initial word glued to the start of a name form, with the space after it. */
export const FORM_NOISE = new RegExp(`^(?:${TERMS.formNoise.words.join('|')})\\s+(?=\\p{Lu})`, 'u');

const either = (w: string): string => `[${w[0]!.toUpperCase()}${w[0]!.toLowerCase()}]${w.slice(1)}`;
// A possessive start counts only before a lower-case word: "its chief", not "His Excellency".
const NOT_FORM = new RegExp(
  `^(?:${TERMS.formNoise.notForms.starts.map(either).join('|')})\\s+\\p{Ll}|\\s(?:${TERMS.formNoise.notForms.inside.join('|')})\\s`,
  'u',
);

/** True when a mention is a phrase around a name rather than a way of naming someone ("its chief"). */
export function isNotForm(form: string): boolean {
  return NOT_FORM.test(form);
}

const REPORTED = new RegExp(TERMS.reportedNaming.pattern, 'u');

/**
 * True when the words right before `start` attribute the term there to someone else in the outlet's
 * own sentence ("which Kavron describes as a blockade", "has called the checks a siege").
 */
export function isReportedNaming(text: string, start: number): boolean {
  return REPORTED.test(text.slice(Math.max(0, start - 80), start));
}

/** One family as the naming analysis reports it. */
export interface TermFamily {
  readonly id: string;
  readonly neutral: string;
  readonly reason: string;
}

/** One occurrence of a listed or patterned term in a text. */
export interface TermMatch {
  readonly span: Span;
  /** The term as counted: the listed term, or the pattern's key with the name filled in. */
  readonly term: string;
  readonly tone: Tone;
  /** The referent: the family id, plus `:` and the name for a per-name family. */
  readonly namingId: string;
  readonly family: TermFamily;
  /** The neutral name to put in the term's place ("" to drop a title). */
  readonly neutral: string;
  /** True when summaries should leave the term as written. */
  readonly keep: boolean;
}

const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}-]*";
const NAME = `(?<name>${NAME_WORD}(?:\\s+${NAME_WORD}){0,2})`;
const NAME1 = `(?<name>${NAME_WORD})`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Compiled {
  readonly re: RegExp;
  readonly family: FamilyEntry;
  readonly tone: Tone;
  readonly key?: string;
  readonly term?: string;
  readonly neutral?: string;
  readonly otherwise?: TermEntry['otherwise'];
  readonly keep: boolean;
  /** Listed terms win ties against patterns. */
  readonly listed: boolean;
  /** For a listed term: its first word in lower case, which a text must contain for the term to match. */
  readonly needle?: string;
}

/**
 * A listed term as a regex: whole words, any white space between words; a lower-case first letter
 * also matches capitalised (sentence start), a capital only itself (names and titles).
 */
function termRegex(term: string): RegExp {
  const first = term[0]!;
  const head = first !== first.toUpperCase() ? `[${first.toUpperCase()}${first}]` : escape(first);
  const rest = escape(term.slice(1)).replace(/ +/g, '\\s+').replace(/-/g, '[-‐‑ ]');
  return new RegExp(`(?<![\\p{L}\\p{N}])${head}${rest}(?![\\p{L}\\p{N}])`, 'gu');
}

const COMPILED: readonly Compiled[] = TERMS.families.flatMap((family) => [
  ...(family.terms ?? []).map((t): Compiled => ({ re: termRegex(t.term), family, tone: t.tone, term: t.term, ...(t.neutral !== undefined ? { neutral: t.neutral } : {}), ...(t.otherwise ? { otherwise: t.otherwise } : {}), keep: t.keep === true, listed: true, needle: t.term.toLowerCase().split(/[\s-]/)[0]! })),
  ...(family.patterns ?? []).map(
    (p): Compiled => ({
      re: new RegExp(p.pattern.replace('{NAME1}', NAME1).replace('{NAME}', NAME), 'gud'),
      family,
      tone: p.tone,
      ...(p.key !== undefined ? { key: p.key } : {}),
      ...(p.neutral !== undefined ? { neutral: p.neutral } : {}),
      keep: p.keep === true,
      listed: false,
    }),
  ),
]);

const CONTEXT = new Map(TERMS.families.filter((f) => f.context).map((f) => [f.id, new RegExp(f.context!, 'u')] as const));
const inContext = (f: FamilyEntry, text: string): boolean => CONTEXT.get(f.id)?.test(text) ?? true;

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

const fill = (template: string, name: string | undefined): string => (name === undefined ? template : template.replace(/\{name\}/g, name));

/** What may stand right before a sentence's first word: nothing, an end of sentence, a line break, an opening mark. */
const SENTENCE_START = /(?:^|[.!?:;]['"’”)\]]*\s+|\n\s*|[([“‘"'—–-]\s*)$/u;

/**
 * True when a term listed in lower case is written with a capital inside a sentence: a name or a
 * title then ("the Stonewall Inn", "Operation Rampage"), not the common word.
 */
function isNameUse(text: string, at: number, term: string): boolean {
  const first = term[0]!;
  if (first === first.toUpperCase() || !/^\p{Lu}/u.test(text[at]!)) return false;
  return !SENTENCE_START.test(text.slice(Math.max(0, at - 12), at));
}

/**
 * Every term-family match in `text`, in text order. An ambiguous listed term belongs to its family
 * only when `context` (the whole story; by default `text`) mentions the family's context words. Where listed terms overlap the longest wins, and
 * likewise among patterns.
 */
export function matchTerms(text: string, context: string = text): TermMatch[] {
  interface Raw {
    readonly span: Span;
    readonly c: Compiled;
    readonly name?: string;
    readonly nameSpan?: Span;
  }
  const listed: Raw[] = [];
  const patterned: Raw[] = [];
  const lower = text.toLowerCase();
  for (const c of COMPILED) {
    // A cheap test first: most listed terms are absent from a given text.
    if (c.needle !== undefined && !lower.includes(c.needle)) continue;
    c.re.lastIndex = 0;
    for (const m of text.matchAll(c.re)) {
      if (c.listed && isNameUse(text, m.index, c.term!)) continue;
      const name = m.groups?.['name'];
      const at = m.indices?.groups?.['name'];
      (c.listed ? listed : patterned).push({
        span: { start: m.index, end: m.index + m[0].length },
        c,
        ...(name !== undefined && at ? { name, nameSpan: { start: at[0], end: at[1] } } : {}),
      });
    }
  }
  const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
  const longestFirst = (list: Raw[]): Raw[] => {
    list.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
    const kept: Raw[] = [];
    for (const r of list) if (!kept.some((k) => overlaps(k.span, r.span))) kept.push(r);
    return kept;
  };
  // A pattern beats the listed terms it covers only when they frame its name ("the occupying regime
  // in X" over "occupying regime"); when a listed term is the name's own words ("the Zionist regime"),
  // the listed term wins.
  let kept = longestFirst(listed);
  for (const p of longestFirst(patterned)) {
    const hit = kept.filter((k) => overlaps(k.span, p.span));
    if (hit.some((k) => !p.nameSpan || overlaps(k.span, p.nameSpan) || !(p.span.start <= k.span.start && k.span.end <= p.span.end))) continue;
    kept = [...kept.filter((k) => !hit.includes(k)), p];
  }

  const out: TermMatch[] = [];
  for (const r of kept) {
    const o = r.c.otherwise;
    if (o && !inContext(r.c.family, context)) {
      out.push({ span: r.span, term: r.c.term!, tone: r.c.tone, namingId: o.id, family: { id: o.id, neutral: o.neutral, reason: o.reason }, neutral: o.neutral, keep: r.c.keep });
      continue;
    }
    const f = r.c.family;
    const perName = f.perName === true && r.name !== undefined;
    out.push({
      span: r.span,
      term: r.c.term ?? fill(r.c.key ?? text.slice(r.span.start, r.span.end), r.name),
      tone: r.c.tone,
      namingId: perName ? `${f.id}:${slug(r.name!)}` : f.id,
      family: { id: perName ? `${f.id}:${slug(r.name!)}` : f.id, neutral: fill(f.neutral, r.name), reason: f.reason },
      neutral: fill(r.c.neutral ?? f.neutral, r.name),
      keep: r.c.keep,
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
