/**
 * Speaker mentions: the noun phrase that names who is speaking, read next to a reporting verb —
 * the subject before it ("Officials in Baghdad said"), or the name after it ("…,” said Jones).
 * The mention is returned as written (a name, a pronoun, a role); resolving it is a later step.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import { isHonorific, NAMES } from '../entities/recognize.js';
import { knownGivenName } from '../entities/gender.js';

interface Terms {
  readonly terms: readonly string[];
  readonly reason: string;
}
interface SpeakersFile {
  readonly pronouns: Terms;
  readonly determiners: Terms;
  readonly skip: Terms;
  readonly time: Terms;
  readonly boundaries: Terms;
  readonly leading: Terms;
  readonly afterStops: Terms;
  readonly adjuncts: Terms;
  readonly openers: Terms;
  readonly labels: Terms;
  readonly postModifiers: Terms;
  readonly unnamedHeads: Terms;
  readonly addresseeVerbs: Terms;
  readonly documentNouns: Terms;
  readonly titleModifiers: Terms;
  readonly personDescriptions: Terms;
  readonly organisationDescriptions: Terms;
  readonly orgPronouns: Terms;
  readonly genderedPronouns: { readonly reason: string; readonly female: readonly string[]; readonly male: readonly string[] };
  readonly nameSuffixes: Terms;
  readonly subjectRunStops: Terms;
  readonly notNameWords: Terms;
  readonly placeAbbreviations: Terms;
}

const FILE = JSON.parse(readFileSync(new URL('./speakers.json', import.meta.url), 'utf8')) as SpeakersFile;
const set = (t: Terms): ReadonlySet<string> => new Set(t.terms.map((s) => s.toLowerCase()));
export const PRONOUNS = set(FILE.pronouns);
const DETERMINERS = set(FILE.determiners);
const SKIP = set(FILE.skip);
const TIME = set(FILE.time);
const BOUNDARIES = set(FILE.boundaries);
const LEADING = set(FILE.leading);
const AFTER_STOPS = set(FILE.afterStops);
export const ADJUNCTS = set(FILE.adjuncts);
/** Relative pronouns opening a clause inserted between a subject and its verb. */
const RELATIVE = new Set(['who', 'whose', 'which']);
/** A US party-and-state label written after a lawmaker's name: "R-Utah", "D-Calif.", "I-Vt.". */
const PARTY_LABEL = /^[RDI]-\p{Lu}[\p{L}.]*$/u;
const PLACE_ABBREVIATIONS = new Set(FILE.placeAbbreviations.terms);
/** "N.J.", "D.C.", "Calif.": a state or district abbreviated after a place. */
const placeAbbreviation = (t: string): boolean => PLACE_ABBREVIATIONS.has(t) || /^(?:\p{Lu}\.){2,}$/u.test(t);
const OPENERS = set(FILE.openers);
const LABELS = set(FILE.labels);
const POST_MODIFIERS = set(FILE.postModifiers);
const UNNAMED_HEADS = set(FILE.unnamedHeads);
export const ADDRESSEE_VERBS = set(FILE.addresseeVerbs);

const DOCUMENT_NOUNS = set(FILE.documentNouns);

/** True when `phrase` is a definite document ("the statement", "its website", "the new version"): it speaks for whoever last issued it. */
export function isDocumentPhrase(phrase: string): boolean {
  const w = phrase.toLowerCase().split(/\s+/u);
  return w.length >= 2 && w.length <= 3 && /^(?:the|this|that|its|his|her|their)$/u.test(w[0]!) && DOCUMENT_NOUNS.has(w[w.length - 1]!) && w[w.length - 1] !== 'office' && w[w.length - 1] !== 'campaign';
}
const TITLE_MODIFIERS = set(FILE.titleModifiers);
const PERSON_DESCRIPTIONS = set(FILE.personDescriptions);
const ORGANISATION_DESCRIPTIONS = set(FILE.organisationDescriptions);
export const ORG_PRONOUNS = set(FILE.orgPronouns);
/** Pronouns that say the speaker is a woman ('she', 'elle') or a man ('he', 'il'): see `speakers.json` genderedPronouns. */
export const FEMALE_PRONOUNS: ReadonlySet<string> = new Set(FILE.genderedPronouns.female);
export const MALE_PRONOUNS: ReadonlySet<string> = new Set(FILE.genderedPronouns.male);
/** Words that end a full name after its surname ("Jr", "of Maryland"): see `speakers.json` nameSuffixes. */
export const NAME_SUFFIXES = set(FILE.nameSuffixes);
const SUBJECT_RUN_STOPS = set(FILE.subjectRunStops);
/** Each capitalised word of an office title ('Committee', 'Chairman', 'Secretary'): a run holding one names a person's office. */
const ROLE_WORDS = new Set(NAMES.roles.terms.flatMap((r) => r.split(/\s+/u)).filter((w) => /^\p{Lu}/u.test(w)));
export const NOT_NAME_TERMS = set(FILE.notNameWords);

/**
 * True when the name at `name` is its sentence's subject: the main clause (after opening adverbials,
 * see `afterOpeners`) starts with it or with a short run of titles and descriptions before it
 * ("Florida Sen. Marco Rubio", "Trump's outgoing national security adviser H.R. McMaster"), with no
 * preposition, verb or comma between (`speakers.json` subjectRunStops).
 */
export function isSentenceSubject(text: string, name: Span): boolean {
  const window = text.slice(Math.max(0, name.start - 160), name.start);
  const cut = Math.max(window.search(/[^.!?”"\n]*$/u), 0);
  // A boundary inside a title ("Sen.", "St.") is no sentence end: look past abbreviations of one or two letters or a title.
  let start = name.start - window.length + cut;
  while (/(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|St|Jr|Sr|Gen|Lt|Col|Rev|Sgt|Capt|Gov)|\b\p{Lu})\.$/u.test(text.slice(Math.max(0, start - 6), start))) {
    const prior = text.slice(Math.max(0, start - 160), start - 1);
    const c = prior.search(/[^.!?”"\n]*$/u);
    if (c <= 0) break;
    start = start - 1 - prior.length + c;
  }
  const from = afterOpeners(text, start, name.start);
  let run = text.slice(from, name.start);
  // An apposed name is the subject its description opens ("The mayor of Kesh, Irene Duval, welcomed …",
  // "La maire de Kesh, Irene Duval, a salué …").
  if (/^[^,;:()“”"]+,\s*$/u.test(run) && /^\s*,/u.test(text.slice(name.end, name.end + 3))) run = run.replace(/,\s*$/u, ' ');
  if (/[,;:()“”"]/u.test(run)) return false;
  const words = run.split(/\s+/u).filter((w) => w !== '');
  return words.length <= 6 && words.every((w) => !SUBJECT_RUN_STOPS.has(w.toLowerCase())) && !/(?:['’]s?|s['’])$/u.test(words.at(-1) ?? '');
}

/**
 * What a definite description written as a speaker stands for: "the Massachusetts Democrat", "the
 * Republican from Kentucky" (a person named earlier), "the department", "the paramilitary group" (an
 * organisation named earlier); undefined for anything else (a name, a pronoun, "a source", a document).
 * The head is the last word before a post-modifier ("from Kentucky", "of the party").
 */
export function descriptionKind(phrase: string): 'person' | 'organization' | undefined {
  const w = phrase.split(/\s+/u).filter((x) => x !== '');
  if (w.length < 2 || w.length > 5 || !/^(?:the|this|that)$/iu.test(w[0]!)) return undefined;
  let end = w.length;
  for (let k = 2; k < w.length; k++) {
    if (POST_MODIFIERS.has(w[k]!.toLowerCase()) || /^(?:from|of|in|at|for|with)$/u.test(w[k]!)) {
      end = k;
      break;
    }
  }
  const head = w[end - 1]!.toLowerCase().replace(/[^\p{L}-]/gu, '');
  if (isDocumentPhrase(phrase)) return undefined;
  // "the Libertarian Party's official website": a phrase that names its owner points to the owner, not back
  // ("the city's police department" names none).
  if (w.slice(1, end - 1).some((x) => /^\p{Lu}.*['’]s?$/u.test(x))) return undefined;
  // "the White House official", "the Chinese official": someone unnamed described by whom they speak for, not a pointer back.
  if (UNNAMED_HEADS.has(head) && w.slice(1, end - 1).some((x) => /^\p{Lu}/u.test(x))) return undefined;
  if (PERSON_DESCRIPTIONS.has(head)) return 'person';
  if (ORGANISATION_DESCRIPTIONS.has(head)) return 'organization';
  return undefined;
}
const DESCRIPTION_HEADS = set(NAMES.descriptionHeads);

/**
 * True when the name at `name` inside the speaker phrase `m` is not its head, so the phrase names
 * someone else or no one: a possessor of anything but a document or a proper name ("Facebook's
 * stock", "Trump's legal team", "NBC's"), or a name after a post-modifier ("a spokesperson for
 * Obama", "one of Sanders' aides", "a source familiar with Obama's thinking").
 */
export function notHead(text: string, m: Span, name: Span): boolean {
  // What follows the name, past the phrase's end: "the Union's statement said" has the phrase "the Union's".
  const after = text.slice(name.end, Math.max(name.end, m.end) + 40);
  const pos = /^(?:['’]s?|s['’])(?:\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?)?/u.exec(after);
  if (pos) {
    const next = pos[1];
    if (next === undefined) return true;
    if (!/^\p{Lu}/u.test(next) && !DOCUMENT_NOUNS.has(next.toLowerCase()) && !DOCUMENT_NOUNS.has((pos[2] ?? '').toLowerCase())) return true;
  }
  // "A DHS spokesperson", "a White House official": a name before the noun of someone unnamed speaking for a body only modifies it.
  // Capitalised words between ("a Chinese Consulate-General spokesperson") do not change that.
  const next = /^(?:\s+\p{Lu}[\p{L}.-]*)*\s+(\p{Ll}[\p{L}-]*)/u.exec(text.slice(name.end, m.end))?.[1];
  if (next !== undefined && UNNAMED_HEADS.has(next)) return true;
  const before = tokens(text, m.start, Math.min(name.start, m.end));
  return before.some((t, k) => k > 0 && t.word && !isCap(t) && POST_MODIFIERS.has(t.text.toLowerCase()));
}

/** True when `phrase` is a paragraph label ("Update", "Editor's note") rather than a speaker's name. */
export function isLabel(phrase: string): boolean {
  return phrase.toLowerCase().split(/[\s'’]+/u).some((w) => LABELS.has(w));
}

/** A word or a punctuation mark with its offsets. */
interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly word: boolean;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-%]*|[^\s\p{L}\p{N}]/gu;

/** Word and punctuation tokens of `text[from, to)`; trailing periods of words are split off unless abbreviations. */
export function tokens(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(TOKEN)) {
    let t = m[0];
    const s = from + m.index;
    const word = /^[\p{L}\p{N}]/u.test(t);
    if (word) {
      // "said." → "said" + "."; keep "Mr." "U.S." "Jr." as one token.
      const isAbbrev = /^(?:\p{Lu}[\p{Ll}]{0,3}|(?:\p{L}\.)+\p{L}?)\.$/u.test(t);
      let cut = t.length;
      while (cut > 0 && /['’.-]/u.test(t[cut - 1]!) && !(isAbbrev && t[cut - 1] === '.' && cut === t.length)) cut--;
      // Keep a possessive apostrophe on plurals ("leaders’") out of the word.
      if (cut < t.length) {
        out.push({ start: s, end: s + cut, text: t.slice(0, cut), word: true });
        for (let k = cut; k < t.length; k++) out.push({ start: s + k, end: s + k + 1, text: t[k]!, word: false });
        continue;
      }
      t = t.slice(0, cut);
    }
    out.push({ start: s, end: s + t.length, text: t, word });
  }
  return out;
}

const isCap = (t: Tok): boolean => /^\p{Lu}/u.test(t.text);
const lower = (t: Tok): string => t.text.toLowerCase().replace(/['’]s$/u, '');

function span(toks: readonly Tok[], a: number, b: number): Span {
  return { start: toks[a]!.start, end: toks[b]!.end };
}

/**
 * The subject noun phrase that ends right before a reporting verb at `end`, looking no further
 * left than `lo`. Auxiliaries, adverbs and time words between subject and verb are skipped;
 * sentence openers ("But", "In Baghdad,") are left out. Undefined when no plausible subject.
 */
export function subjectBefore(text: string, lo: number, end: number): Span | undefined {
  const toks = tokens(text, Math.max(lo, end - 240), end);
  let i = toks.length - 1;
  // "Gov. Phil Bryant (R) said": skip a parenthesis right before the verb.
  if (i >= 0 && toks[i]!.text === ')') {
    let k = i;
    while (k >= 0 && toks[k]!.text !== '(' && i - k < 12) k--;
    if (k > 0 && toks[k]!.text === '(') i = k - 1;
  }
  // Skip auxiliaries, adverbs and "on Monday"-type time adjuncts.
  const unskipped = i;
  while (i >= 0 && toks[i]!.word && (SKIP.has(lower(toks[i]!)) || (TIME.has(lower(toks[i]!)) && !isCap(toks[i]!)) || /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/iu.test(toks[i]!.text) || /ly$/u.test(toks[i]!.text) && !isCap(toks[i]!))) i--;
  // "the statement said": a determiner before the skipped words makes them the subject, not an adjunct ("Smith in a statement said").
  if (i >= 0 && i < unskipped && toks[i]!.word && DETERMINERS.has(lower(toks[i]!)) && !TIME.has(lower(toks[i]!))) i = unskipped;
  // ", R-Utah," or ", 70," closing at comma `c`: a party label or an age between commas after a name.
  const labelAt = (c: number, age: boolean): boolean =>
    c >= 3 && toks[c]!.text === ',' && toks[c - 2]!.text === ',' && (PARTY_LABEL.test(toks[c - 1]!.text) || (age && /^\d{1,3}$/u.test(toks[c - 1]!.text)));
  // "Romney, R-Utah, whose views have shifted, said", "Hurrell, 70, who owns a kiosk, said": a party
  // label or an age, and a relative clause after it, describe the name before them.
  if (i >= 0 && toks[i]!.text === ',') {
    let k = i - 1;
    while (k >= 0 && toks[k]!.text !== ',' && i - k < 30) k--;
    if (k >= 0 && toks[k]!.text === ',' && RELATIVE.has(lower(toks[k + 1]!)) && labelAt(k, true)) i = k - 3;
  }
  // "Romney, R-Utah, said".
  if (labelAt(i, false)) i -= 3;
  // "Smith, in a statement, said": skip a comma-enclosed adjunct.
  if (i >= 0 && toks[i]!.text === ',') {
    // "Smith, in a statement, said" or "Smith, the party's spokesman, said": the name before the inserted phrase.
    let k = i - 1;
    while (k >= 0 && toks[k]!.text !== ',' && i - k < 30) k--;
    if (k < 1 || toks[k]!.text !== ',' || k >= i - 1) return undefined;
    const first = toks[k + 1]!;
    // "The FBI in Newark, N.J., tweeted": a state after a place is part of the subject's place, not a name.
    if (k === i - 2 && placeAbbreviation(first.text) && isCap(toks[k - 1]!)) return subjectBefore(text, lo, toks[k]!.start);
    // "Grassley, R-Iowa, chairman of the committee, said": the party label belongs to the name before it.
    if (labelAt(k, false)) k -= 2;
    const inserted = ADJUNCTS.has(lower(first)) && i - k <= 7;
    // "the press secretary, Josh Earnest, said": the name inserted between the commas.
    // "Sen. Brian Schatz, Hawaii Democrat, tweeted": a capitalised description is an appositive, not the name.
    const description = DESCRIPTION_HEADS.has(lower(toks[i - 1]!)) && k > 0 && isCap(toks[k - 1]!);
    // "his rival, Sen. Kirsten Gillibrand of New York, signaled": "of" and a place may close the name.
    if (!description && toks.slice(k + 1, i).every((t, x, all) => t.word && (isCap(t) || /^(?:de|al|bin|van|von|da|del|la|le|ibn)$/u.test(t.text) || (t.text === 'of' && x > 0 && all[x + 1] !== undefined && isCap(all[x + 1]!))))) {
      return span(toks, k + 1, i - 1);
    }
    const appositive = isCap(toks[k - 1]!) || description;
    if (!inserted && !appositive) return undefined;
    if (!toks[k - 1]!.word) return undefined;
    if (appositive && !inserted) {
      // The phrase before the appositive must be a name.
      let a = k - 1;
      while (a > 0 && toks[a - 1]!.word && isCap(toks[a - 1]!) && !LEADING.has(lower(toks[a - 1]!))) a--;
      if (!isCap(toks[k - 1]!)) return undefined;
      while (a > 0 && toks[a - 1]!.word && TITLE_MODIFIERS.has(toks[a - 1]!.text.toLowerCase()) && a < k - 1) a--;
      if (a > 0 && toks[a - 1]!.word && !BOUNDARIES.has(lower(toks[a - 1]!)) && !LEADING.has(lower(toks[a - 1]!))) return undefined;
      return span(toks, a, k - 1);
    }
    i = k - 1;
  }
  if (i < 0 || !toks[i]!.word) return undefined;
  while (i >= 0 && toks[i]!.text === ')') {
    let k = i;
    while (k >= 0 && toks[k]!.text !== '(' && i - k < 12) k--;
    if (k <= 0) break;
    i = k - 1;
  }
  if (i < 0 || !toks[i]!.word) return undefined;
  const last = i;
  const w = lower(toks[last]!);
  if (PRONOUNS.has(w)) return span(toks, last, last);
  if (BOUNDARIES.has(w) || DETERMINERS.has(w)) return undefined;
  let first = last;
  let n = 1;
  for (let k = last - 1; k >= 0 && n < 9; k--) {
    const t = toks[k]!;
    if (!t.word) {
      // Possessive apostrophes and hyphens stay inside the phrase.
      if ((t.text === '’' || t.text === "'" || t.text === '-') && k > 0 && toks[k - 1]!.end === t.start) continue;
      break;
    }
    const lw = lower(t);
    if (BOUNDARIES.has(lw) && !(isCap(t) && k > 0 && toks[k - 1]!.word)) break;
    if (PRONOUNS.has(lw) && !/^(?:his|her|its|their)$/u.test(lw)) break;
    first = k;
    n++;
    if (DETERMINERS.has(lw) && !(k > 0 && toks[k - 1]!.word && /^(?:of|for|at|from|with|in|on|to|by)$/iu.test(toks[k - 1]!.text))) break;
  }
  // "Katie Hill, a spokesperson for Obama told ABC News": an appositive left unclosed before the verb describes the name before its comma.
  if (first >= 2 && /^(?:a|an)$/iu.test(toks[first]!.text) && toks[first - 1]!.text === ',' && toks[first - 2]!.word && isCap(toks[first - 2]!) && toks.slice(first, last + 1).every((t) => t.word)) {
    let a = first - 2;
    while (a > 0 && toks[a - 1]!.word && isCap(toks[a - 1]!) && !LEADING.has(lower(toks[a - 1]!)) && first - 2 - a < 5) a--;
    // The name must open its sentence ("In response to The Post, an NBC spokesman said", "In September, a columnist claimed" are no appositions).
    if ((a === 0 || /^[.!?;:”"]$/u.test(toks[a - 1]!.text)) && !TIME.has(lower(toks[a]!)) && !ADJUNCTS.has(lower(toks[a]!))) return span(toks, a, first - 2);
  }
  // Leave out sentence openers and prepositions at the left edge.
  while (first < last && LEADING.has(lower(toks[first]!))) first++;
  if (LEADING.has(lower(toks[first]!)) && first === last) return undefined;
  // A long run without a boundary is a clause, not a subject: keep its capitalised tail only.
  if (n >= 9) {
    let k = last;
    while (k > first && isCap(toks[k - 1]!)) k--;
    if (!isCap(toks[last]!) && !isCap(toks[k]!)) return undefined;
    first = k;
  }
  return jointFirst(toks, first, last) ?? span(toks, first, last);
}

/**
 * The first-named of a joint subject ending at a capitalised phrase that starts at token `first`
 * ("Leader Mitch McConnell (R-KY) and House Minority Leader Kevin McCarthy (R-CA) said"): a joint
 * statement is given to the first of its authors. Undefined when the phrase is not the second of
 * two capitalised names joined by "and".
 */
function jointFirst(toks: readonly Tok[], first: number, last: number): Span | undefined {
  if (!isCap(toks[first]!) || first < 2 || lower(toks[first - 1]!) !== 'and') return undefined;
  let end = first - 2;
  // "Mitch McConnell (R-KY) and …": the party and state are part of the name.
  if (toks[end]!.text === ')') {
    let k = end;
    while (k > 0 && toks[k]!.text !== '(' && end - k < 12) k--;
    if (toks[k]!.text !== '(') return undefined;
    end = k - 1;
  }
  if (end < 0 || !toks[end]!.word || !isCap(toks[end]!)) return undefined;
  let start = end;
  while (start > 0 && toks[start - 1]!.word && isCap(toks[start - 1]!) && !LEADING.has(lower(toks[start - 1]!)) && end - start < 6) start--;
  // "Chamber of Commerce President and CEO Thomas Donohue", "Ways and Means Committee Chairman
  // Kevin Brady", "Citizenship and Immigration Services Director Ken Cuccinelli": titles or a body's
  // name joined by "and" before one person's title, not two people. Two people each carry a name
  // (or a title) of their own before the "and".
  const roleIn = (a: number, b: number): boolean => toks.slice(a, b + 1).some((t) => ROLE_WORDS.has(t.text));
  if (ROLE_WORDS.has(toks[end]!.text) || (titleAhead(toks, first) && !roleIn(start, end) && end - start < 2)) return undefined;
  // Each side names a person: a title or honorific, or a known given name ("U.S. Customs and Border
  // Protection said" is one agency).
  // Two names ("Both Democrats and Republicans" is no joint author): the first of at least two
  // capitalised words after no determiner, the second at least two capitalised words too.
  if (end - start < 1 || DETERMINERS.has(lower(toks[start]!)) || /^(?:both|either|neither|all)$/u.test(lower(toks[start]!))) return undefined;
  if (!(toks[first + 1]?.word && isCap(toks[first + 1]!))) return undefined;
  const person = (a: number, b: number): boolean => roleIn(a, b) || toks.slice(a, b + 1).some((t) => isHonorific(t.text)) || knownGivenName(toks[a]!.text);
  if (!person(start, end) || !person(first, last)) return undefined;
  return span(toks, start, end);
}

/**
 * The speaker named right after a reporting verb ("…,” said Jones, the spokesman): a pronoun, or a
 * phrase up to the next punctuation or adjunct word. Undefined when none.
 */
export function subjectAfter(text: string, start: number, hi: number): Span | undefined {
  const toks = tokens(text, start, Math.min(hi, start + 200));
  if (toks.length === 0 || !toks[0]!.word) return undefined;
  const w0 = lower(toks[0]!);
  if (PRONOUNS.has(w0)) return w0 === 'who' ? undefined : span(toks, 0, 0);
  // Capitalised, "Will" and "May" are names, not verbs.
  if (!isCap(toks[0]!) && (AFTER_STOPS.has(w0) || BOUNDARIES.has(w0))) return undefined;
  let last = 0;
  for (let k = 1; k < toks.length && k < 9; k++) {
    const t = toks[k]!;
    if (!t.word) {
      if ((t.text === '’' || t.text === "'" || t.text === '-') && toks[k - 1]!.end === t.start) continue;
      break;
    }
    const lw = lower(t);
    // "Ways and Means Committee Chairman Richard Neal": "and" between capitalised words of a body
    // named before an office title is inside the phrase ("Smith and Jones" stays two subjects).
    if (lw === 'and' && isCap(toks[k - 1]!) && titleAhead(toks, k + 1)) continue;
    if (!isCap(t) && (AFTER_STOPS.has(lw) || (BOUNDARIES.has(lw) && lw !== 'of'))) break;
    last = k;
  }
  return span(toks, 0, last);
}

/** True when the capitalised run starting at token `from` holds an office title ("… Committee Chairman Richard Neal"). */
function titleAhead(toks: readonly Tok[], from: number): boolean {
  for (let k = from; k < toks.length && k < from + 6; k++) {
    const t = toks[k]!;
    if (!t.word || !/^\p{Lu}/u.test(t.text)) return false;
    if (ROLE_WORDS.has(t.text)) return true;
  }
  return false;
}

/** True when `word` (any case) is a pronoun that can name a speaker. */
export function isPronoun(word: string): boolean {
  return PRONOUNS.has(word.toLowerCase());
}

/** True when the word right before `at` is a determiner (the cue is then a noun: "the report", "his plans"). */
export function determinerBefore(text: string, at: number): boolean {
  const m = /([\p{L}’']+)\s+$/u.exec(text.slice(Math.max(0, at - 30), at));
  return m !== null && (DETERMINERS.has(m[1]!.toLowerCase()) || /['’]s$/u.test(m[1]!) || /^(?:to|new|such|latest|recent|whose|public|own|first|final|in|of|for|with|by|on|at|from|into)$/iu.test(m[1]!));
}

/**
 * Where the subject of the sentence starting at `start` begins: after any opening adverbial
 * phrases closed by a comma ("During the debate, Smith …", "Later on Sunday, Jones …").
 */
export function afterOpeners(text: string, start: number, end: number): number {
  let at = start;
  for (let k = 0; k < 3; k++) {
    const m = /^\s*([\p{L}]+)(?:[^,;:.!?“”"]|(?<=\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|St|Jr|Sr|Gen|Lt|Col|U\.S|D\.C))\.){0,120},\s*/u.exec(text.slice(at, end));
    // "Hours later, …", "The day before, …", "Here in Ohio, …": a short phrase ending in (or opening with) a time or place adverb.
    const adverbial = m && /^(?:\S+\s+){0,4}(?:later|earlier|before|after|ago|afterward|afterwards|here|there|since|then|now|meanwhile|today|yesterday|tonight)(?:\s+in\s+[^,]{1,30})?,\s*$/iu.test(m[0]);
    if (m && (OPENERS.has(m[1]!.toLowerCase()) || adverbial || /^(?:here|there)$/iu.test(m[1]!))) {
      at += m[0].length;
      continue;
    }
    // "And Smith said …", "But officials …": a conjunction opening the sentence is no part of its subject.
    const conj = /^\s*(and|but|so|yet|still|also|then|now|indeed|or)\s+/iu.exec(text.slice(at, end));
    if (!conj) break;
    at += conj[0].length;
  }
  return at;
}
