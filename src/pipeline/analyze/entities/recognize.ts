/**
 * Entity mentions in one text: people, organisations and places, each with its span, the name
 * inside it, and the titles, honorifics and roles written around the name. Rules find titled
 * names ("Iraqi Prime Minister X", "Ayatollah X", "President X") and role phrases ("the Leader",
 * "the PM"); the compromise NLP library classifies the remaining capitalised names.
 */
import nlp from 'compromise';
import type { Span } from '../../../model/message.js';
import { firstAtLeast } from '../../text/sentences.js';
import { knownGivenName } from './gender.js';
import { NAMES } from './names.js';

/** The name data (honorifics, roles, particles, transliterations) shared with resolution. */
export { NAMES };

const strip = (s: string): string => s.replace(/\.$/u, '').toLowerCase();
const HONORIFICS = new Set(NAMES.honorifics.terms.map(strip));

/** True when the word is an honorific ('Mr', 'Sen.', 'Dr'), with or without its full stop, any case. */
export function isHonorific(word: string): boolean {
  return HONORIFICS.has(strip(word));
}
const ROLES = new Set(NAMES.roles.terms.map((s) => s.toLowerCase()));
const ABBREVIATIONS = new Map(Object.entries(NAMES.roleAbbreviations.map).map(([k, v]) => [strip(k), v]));
const PARTICLES = new Set(NAMES.particles.terms.map((s) => s.replace(/-$/u, '')));
const ORG_HEADS = new Set(NAMES.orgHeads.terms);
const NOT_NAMES = new Set(NAMES.notNames.terms);
const DESCRIPTION_HEADS = new Set(NAMES.descriptionHeads.terms);
const ACRONYM_JOINERS = new Set(NAMES.acronymJoiners.terms);
const NAME_ABBREVIATIONS = new Set(NAMES.nameAbbreviations.terms);
const PLACE_INITIALS = new Set(NAMES.placeInitials.terms);
/** "Cameron St. Andrew", "Jill St. John": a given name before a surname that opens with "St." (a place to the library). */
const saintSurname = (name: string): boolean => {
  const w = name.split(/\s+/u);
  return w.length === 3 && knownGivenName(w[0]!) && NAME_ABBREVIATIONS.has(w[1]!.replace(/\.$/u, ''));
};
/** "H.R. McMaster", "J. K. Rowling": dotted initials (not a place's, see names.json placeInitials) before a capitalised surname. */
const initialsName = (name: string): boolean => {
  const m = /^((?:\p{Lu}\.\s?){1,3})\s*\p{Lu}\p{Ll}[\p{L}'’-]*$/u.exec(name);
  return m !== null && !PLACE_INITIALS.has(m[1]!.replace(/\s/gu, ''));
};
const MAX_TITLE_WORDS = Math.max(...[...HONORIFICS, ...ROLES].map((t) => t.split(' ').length));

export type EntityKind = 'person' | 'organization' | 'place';

/** One mention of an entity in one text. */
export interface Mention {
  readonly kind: EntityKind;
  /** The whole mention, titles included ("Kavrani Prime Minister Omar al-Harbi"). */
  readonly span: Span;
  readonly text: string;
  /** The name inside the mention ("Omar al-Harbi"); absent for role phrases ("the Leader"). */
  readonly name?: string;
  readonly nameSpan?: Span;
  /** Honorifics written before the name ("Ayatollah", "Seyyed"). */
  readonly honorifics: readonly string[];
  /** Roles written with the name ("Iraqi Prime Minister", "Leader of the Islamic Revolution"). */
  readonly roles: readonly string[];
  /** For a role phrase without a name ("the PM"): the role it names, normalised ("prime minister"). */
  readonly roleOnly?: string;
  /** For an acronym its text defines ("the Department of Justice (DOJ)"): the full name it stands for. */
  readonly expands?: string;
}

export interface RecognizeOptions {
  /** Classify untitled names with the compromise library (default true). Without it, only titled names, role phrases and names with an organisation word are found. */
  readonly useLibrary?: boolean;
}

/** Mentions of one text, as {@link recognizeMentions} gives them. */
export type MentionRecognizer = (text: string) => Mention[];

/**
 * A recogniser that remembers the mentions of the last `capacity` lines it read (oldest forgotten
 * first). Recognition reads one line at a time (a name, a role phrase and the library's sentences
 * never run across a line break), so the analyses of one story that each need the mentions
 * (quotes, the event's place) recognise each line once, and so do articles repeating one another's
 * paragraphs (reposts, near-identical tellings): recognition is most of a long story's analysis
 * time. Each call returns its own array.
 */
export function createMentionRecognizer(options: RecognizeOptions = {}, capacity = 4096): MentionRecognizer {
  const memo = new Map<string, LineMentions>();
  const line = (text: string): LineMentions => {
    let hit = memo.get(text);
    if (hit === undefined) {
      hit = lineMentions(text);
      memo.set(text, hit);
      while (memo.size > capacity) memo.delete(memo.keys().next().value as string);
    }
    return hit;
  };
  return (text) => mentionsByLine(text, options, line);
}

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’ʼ.-]*/gu;

function words(text: string): Tok[] {
  const out: Tok[] = [];
  for (const whole of text.matchAll(WORD)) {
    // Words glued by a lost line break ("MassacreThe") are two words.
    const parts = whole[0].split(/(?<=\p{Ll}{3})(?=\p{Lu}\p{Ll})/u);
    let offset = whole.index;
    for (const part of parts) {
      out.push(...word(part, offset));
      offset += part.length;
    }
  }
  return out;
}

function word(raw: string, at: number): Tok[] {
  const out: Tok[] = [];
  for (const m of [{ 0: raw, index: at }]) {
    let t = m[0];
    // Keep abbreviation periods ("Mr.", "U.S."), drop sentence periods and trailing apostrophes.
    const abbreviation = /^(?:\p{L}\.)+$/u.test(t) || (t.endsWith('.') && (HONORIFICS.has(strip(t)) || ABBREVIATIONS.has(strip(t))));
    if (!abbreviation) t = t.replace(/['’ʼ.-]+$/u, '');
    out.push({ start: m.index, end: m.index + t.length, text: t });
  }
  return out;
}

const isCap = (t: string): boolean => /^\p{Lu}/u.test(t);
/** A name word: capitalised, or an "al-Harbi" type prefixed word. */
const isNameWord = (t: string): boolean => isCap(t) || /^(?:al|el|ul|as|ash|ad|an|ar|at|az)-\p{Lu}/u.test(t);
/** "Harbi’s" → "Harbi". */
const bare = (t: string): string => t.replace(/['’ʼ]s$/u, '');

/** The normalised role a role phrase names: "PM" → "prime minister", "Supreme Leader" → "leader". */
export function roleKey(role: string): string {
  const words = role.trim().split(/\s+/u);
  const expanded = words.map((w) => ABBREVIATIONS.get(strip(w)) ?? w).join(' ').toLowerCase();
  // Drop qualifiers before the title ("iraqi prime minister" → "prime minister") and "of …" after it.
  const base = expanded.replace(/\s+of\s+.*$/u, '');
  let best = '';
  for (const r of ROLES) if ((base === r || base.endsWith(` ${r}`)) && r.length > best.length) best = r;
  const key = best || base;
  return NAMES.roleHeads.map[key] ?? key;
}

/** Match a title (honorific or role) of up to MAX_TITLE_WORDS words at token `i`; returns its length in tokens. */
function titleAt(toks: readonly Tok[], i: number, set: ReadonlySet<string>): number {
  for (let n = Math.min(MAX_TITLE_WORDS, toks.length - i); n >= 1; n--) {
    const phrase = toks.slice(i, i + n).map((t) => strip(t.text)).join(' ');
    if (set.has(phrase)) return n;
  }
  return 0;
}

function isRoleAt(toks: readonly Tok[], i: number): number {
  const n = titleAt(toks, i, ROLES);
  if (n > 0) return n;
  return ABBREVIATIONS.has(strip(toks[i]!.text)) && /^\p{Lu}{2,}/u.test(toks[i]!.text) ? 1 : 0;
}

/**
 * Mentions of people, organisations and places in `text`, in text order, not overlapping.
 */
export function recognizeMentions(text: string, options: RecognizeOptions = {}): Mention[] {
  return mentionsByLine(text, options, lineMentions);
}

/** A tag the library gave a stretch of text. */
interface Tagged {
  readonly kind: EntityKind;
  readonly start: number;
  readonly end: number;
}

/**
 * What one line holds before the names are judged against the whole text: the mentions the rules
 * find, and the library's tags of the line, computed on first need (the library is most of the
 * recognition time, and a line whose names are all titled, organisations or in a headline never
 * needs it).
 */
interface LineMentions {
  readonly mentions: readonly Mention[];
  readonly text: string;
  tagged?: readonly Tagged[];
}

function tagsOf(line: LineMentions): readonly Tagged[] {
  return (line.tagged ??= libraryTags(line.text));
}

const shift = <T extends { readonly span: Span; readonly nameSpan?: Span }>(m: T, by: number): T =>
  by === 0 ? m : { ...m, span: { start: m.span.start + by, end: m.span.end + by }, ...(m.nameSpan ? { nameSpan: { start: m.nameSpan.start + by, end: m.nameSpan.end + by } } : {}) };

/** The mentions of `text` from those of each of its lines (read by `line`), judged against the whole text. */
function mentionsByLine(text: string, options: RecognizeOptions, line: (text: string) => LineMentions): Mention[] {
  const out: Mention[] = [];
  // Each mention's line (as read, and where it starts in `text`): a mention never crosses a line, nor does a tag.
  const lines: { readonly found: LineMentions; readonly at: number }[] = [];
  const lineOf: number[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) {
    const found = line(m[0]);
    for (const x of found.mentions) {
      out.push(shift(x, m.index));
      lineOf.push(lines.length);
    }
    lines.push({ found, at: m.index });
  }
  if (options.useLibrary !== false) {
    classifyWithLibrary(text, out, (i) => {
      const { found, at } = lines[lineOf[i]!]!;
      return { tagged: tagsOf(found), at };
    });
  } else keepSurnamesOnly(out);
  return defineAcronyms(text, out).sort((a, b) => a.span.start - b.span.start);
}

// A name defined with its acronym: "the Department of Justice (DOJ)", "U.S. Customs and Border Protection (CBP)".
const ACRONYM_DEFINITION = /\(\s*(\p{Lu}{2,8})\s*\)/gu;
const ACRONYM_WORD = /[\p{L}.'’-]+/gu;
const ACRONYM_USE = /(?<![\p{L}\p{N}])\p{Lu}{2,8}(?![\p{L}\p{N}])/gu;

/**
 * The words before `at` whose initials spell `acronym` (capitalised words give their initial, and
 * "of", "and", "for", "the" between them may give theirs or not), as the span of the full name; the
 * run may start with a country ("U.S.") the acronym leaves out.
 */
function acronymSource(text: string, at: number, acronym: string): Span | undefined {
  const before = text.slice(Math.max(0, at - 120), at);
  const base = at - before.length;
  const toks = [...before.matchAll(ACRONYM_WORD)].map((m) => ({ text: m[0], start: base + m.index, end: base + m.index + m[0].length }));
  if (toks.length === 0 || text.slice(toks[toks.length - 1]!.end, at).trim() !== '') return undefined;
  // Read the acronym backwards against the words before it.
  let k = acronym.length - 1;
  let i = toks.length - 1;
  let first = -1;
  while (i >= 0 && k >= 0) {
    const w = toks[i]!.text;
    const initial = w.charAt(0);
    if (/^\p{Lu}/u.test(w) && initial === acronym.charAt(k)) {
      first = i;
      k--;
      i--;
    } else if (ACRONYM_JOINERS.has(w)) {
      if (initial.toUpperCase() === acronym.charAt(k) && k > 0) k--;
      i--;
    } else break;
  }
  if (k >= 0 || first < 0 || !/^\p{Lu}/u.test(toks[first]!.text)) return undefined;
  // "U.S. Customs …": a country abbreviation just before belongs to the name.
  const prev = toks[first - 1];
  const start = prev && /^(?:\p{Lu}\.){2,}$/u.test(prev.text) && text.slice(prev.end, toks[first]!.start).trim() === '' ? prev.start : toks[first]!.start;
  return { start, end: toks[toks.length - 1]!.end };
}

/**
 * Names an article defines with their acronym ("the Department of Justice (DOJ)"): the full name is
 * one organisation mention (replacing the pieces the run scan cut it into, "U.S. Customs" and
 * "Border Protection"), and the acronym in the brackets and every later bare use of it ("CBP added
 * that …") a mention whose name is the acronym and whose `expands` is the full name (the entities
 * stage joins the two: `acronym-defined`).
 */
function defineAcronyms(text: string, mentions: Mention[]): Mention[] {
  // Mentions never overlap one another: by start, only the one before a position can reach into it.
  const sorted = [...mentions].sort((a, b) => a.span.start - b.span.start);
  /** Index of the first mention starting at or after `at`. */
  const firstFrom = (at: number): number => firstAtLeast(sorted.length, (i) => sorted[i]!.span.start >= at);
  /** Acronym → where its definition opens and the full name it stands for. */
  const defined = new Map<string, { readonly at: number; readonly name: string }>();
  const removed = new Set<Mention>();
  const added: Mention[] = [];
  for (const m of text.matchAll(ACRONYM_DEFINITION)) {
    const acronym = m[1]!;
    if (defined.has(acronym)) continue;
    const full = acronymSource(text, m.index, acronym);
    if (!full) continue;
    // The mentions inside the full name; none may cross its edges, and a person's name with initials in brackets is no organisation.
    const from = firstFrom(full.start);
    const before = sorted[from - 1];
    if (before && before.span.end > full.start) continue;
    const inside: Mention[] = [];
    let k = from;
    for (; k < sorted.length && sorted[k]!.span.start < full.end; k++) inside.push(sorted[k]!);
    if (inside.some((x) => x.span.end > full.end || (x.kind === 'person' && x.span.start === full.start && x.span.end === full.end))) continue;
    for (const x of inside) removed.add(x);
    const name = text.slice(full.start, full.end);
    added.push({ kind: 'organization', span: full, text: name, name, nameSpan: full, honorifics: [], roles: [] });
    defined.set(acronym, { at: m.index, name });
  }
  if (defined.size === 0) return mentions;
  // The acronym in the brackets and its later bare uses: mentions that say what they stand for,
  // whether the recogniser found them (a tagged "DOJ") or not.
  const uses = new Map<number, Mention>();
  for (const m of text.matchAll(ACRONYM_USE)) {
    const def = defined.get(m[0]);
    if (def === undefined || m.index <= def.at) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    const i = firstFrom(span.start);
    const next = sorted[i];
    const prev = sorted[i - 1];
    if (next && next.span.start === span.start && next.span.end === span.end) {
      uses.set(i, { ...next, expands: def.name });
      continue;
    }
    if ((next && next.span.start < span.end) || (prev && prev.span.end > span.start)) continue;
    added.push({ kind: 'organization', span, text: m[0], name: m[0], nameSpan: span, honorifics: [], roles: [], expands: def.name });
  }
  return [...sorted.flatMap((x, i) => (removed.has(x) ? [] : [uses.get(i) ?? x])), ...added];
}

/** The mentions the rules find in one line (the library's tags are read later, when needed). */
function lineMentions(text: string): LineMentions {
  const toks = words(text);
  const out: Mention[] = [];
  // Runs of name words, allowing particles and "of (the)" inside, never across punctuation.
  let i = 0;
  while (i < toks.length) {
    if (!isNameWord(toks[i]!.text) || (NOT_NAMES.has(toks[i]!.text) && !isRoleAt(toks, i) && !titleAt(toks, i, HONORIFICS))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < toks.length) {
      const gap = text.slice(toks[j - 1]!.end, toks[j]!.start);
      // "St. Louis": the full stop of a name-internal abbreviation does not end the run.
      const inside = gap.startsWith('.') && NAME_ABBREVIATIONS.has(toks[j - 1]!.text) && isNameWord(toks[j]!.text);
      if (!/^['’ʼ]?\s+$/u.test(inside ? gap.slice(1) : gap) || /\n/u.test(gap)) break;
      const w = toks[j]!.text;
      // In a Title Case headline a capitalised verb ends the name ("Smith Says …").
      if (isNameWord(w) && /s$/u.test(w) && titleCaseLine(text, toks[j]!.start) && looksLikeVerb(w)) break;
      if (isNameWord(w) && !NOT_NAMES.has(w)) {
        j++;
        continue;
      }
      // "Union leader Idris Mbeki": a lower-case role word between capitalised words.
      if (ROLES.has(w) && toks[j + 1] && isNameWord(toks[j + 1]!.text) && !NOT_NAMES.has(toks[j + 1]!.text)) {
        j++;
        continue;
      }
      if (PARTICLES.has(w.toLowerCase()) && toks[j + 1] && isNameWord(toks[j + 1]!.text)) {
        j++;
        continue;
      }
      if (w === 'of' && toks[j + 1] && (isNameWord(toks[j + 1]!.text) || (toks[j + 1]!.text === 'the' && toks[j + 2] && isNameWord(toks[j + 2]!.text)))) {
        j += toks[j + 1]!.text === 'the' ? 2 : 1;
        continue;
      }
      break;
    }
    const m = parseRun(text, toks.slice(i, j));
    if (m) out.push(...m);
    i = j;
  }
  const phrases = rolePhrases(text, out);
  // "The council's chairwoman, Lena Ostrova, …": the role phrase gives the name after it its role.
  // The apposition must close after the name: in "a news conference with the PM, Raisi accused …"
  // the comma ends a clause and the name starts the next one.
  for (let k = 0; k < out.length; k++) {
    const m = out[k]!;
    if (!m.name || m.kind !== 'person') continue;
    if (!/^\s*[,;:)–—]/u.test(text.slice(m.span.end, m.span.end + 4))) continue;
    const p = phrases.find((x) => /^,\s*$/u.test(text.slice(x.span.end, m.span.start)));
    if (p) out[k] = { ...m, roles: [...m.roles, p.roles[0]!] };
  }
  // A role phrase ("the Leader") replaces the bare role word the run scan found inside it.
  const kept = out.filter((m) => !((m.roleOnly || (m.roles.length === 0 && m.honorifics.length === 0)) && phrases.some((p) => p.span.start <= m.span.start && m.span.end <= p.span.end)));
  out.length = 0;
  out.push(...kept.filter((m) => !phrases.some((p) => m.roleOnly && p.span.start < m.span.end && m.span.start < p.span.end)), ...phrases);
  return { mentions: out, text };
}

/** Split one capitalised run into qualifiers, role, honorifics and name. */
function parseRun(text: string, run: readonly Tok[]): Mention[] | undefined {
  let a = 0;
  while (a < run.length && NOT_NAMES.has(run[a]!.text) && !isRoleAt(run, a) && !titleAt(run, a, HONORIFICS)) a++;
  const toks = run.slice(a);
  if (toks.length === 0) return undefined;
  // Websites and handles ("leader.ir") are not names.
  if (toks.some((t) => /\.\p{Ll}{2,}$/u.test(t.text))) return undefined;
  const roles: string[] = [];
  const honorifics: string[] = [];
  let k = 0;
  let roleStart = -1;
  let roleEnd = -1;
  // Qualifiers and titles: scan to the last role or honorific.
  for (let p = 0; p < toks.length; p++) {
    const r = isRoleAt(toks, p);
    if (r > 0) {
      if (roleStart < 0) roleStart = 0;
      roleEnd = p + r;
      p += r - 1;
      k = p + 1;
      continue;
    }
    const h = titleAt(toks, p, HONORIFICS);
    if (h > 0 && p + h < toks.length) {
      if (roleStart >= 0 && roleEnd < p) roleEnd = p;
      honorifics.push(toks.slice(p, p + h).map((t) => t.text).join(' '));
      p += h - 1;
      k = p + 1;
      continue;
    }
    if (toks[p]!.text === 'of' && roleEnd === p) {
      // "Leader of the Islamic Revolution Ayatollah X": the role runs to the next honorific, if any.
      let q = p + 1;
      while (q < toks.length && !titleAt(toks, q, HONORIFICS)) q++;
      if (q < toks.length) {
        roleEnd = q;
        p = q - 1;
        k = q;
        continue;
      }
      // No honorific: the last two words are the name ("Secretary of State Antony Blinken").
      const nameFrom = Math.max(p + 2, toks.length - 2);
      if (toks.length - (p + 1) >= 4) {
        roleEnd = nameFrom;
        k = nameFrom;
      } else {
        roleEnd = toks.length;
        k = toks.length;
      }
      break;
    }
  }
  if (roleStart >= 0 && roleEnd > 0) roles.push(toks.slice(0, roleEnd).filter((t) => !titleAt([t], 0, HONORIFICS) || isRoleAt([t], 0)).map((t) => t.text).join(' '));
  const nameToks = toks.slice(k);
  const first = toks[0]!;
  const last = toks[toks.length - 1]!;
  const span = { start: first.start, end: bare(last.text) === last.text ? last.end : last.end - 2 };
  if (nameToks.length === 0) {
    if (roles.length === 0) return undefined;
    // A titled role without a name ("Iraqi Prime Minister arrived …").
    return [{ kind: 'person', span, text: text.slice(span.start, span.end), honorifics, roles, roleOnly: roleKey(roles[0]!) }];
  }
  // "Leader Urges Mounting Pressure": in a headline, what follows a role may be a verb, not a name.
  if (roles.length > 0 && honorifics.length === 0 && looksLikeVerb(nameToks[0]!.text)) {
    const roleSpan = { start: first.start, end: nameToks[0]!.start };
    const roleText = text.slice(roleSpan.start, roleSpan.end).trimEnd();
    return [{ kind: 'person', span: { start: roleSpan.start, end: roleSpan.start + roleText.length }, text: roleText, honorifics, roles, roleOnly: roleKey(roles[0]!) }];
  }
  const nameStart = nameToks[0]!.start;
  const nameEnd = span.end;
  const name = text.slice(nameStart, nameEnd);
  const titled = roles.length > 0 || honorifics.length > 0;
  const orgLike = nameToks.some((t) => ORG_HEADS.has(t.text)) && !titled;
  const kind: EntityKind = orgLike ? 'organization' : 'person';
  if (!titled && !orgLike && nameToks.length === 1 && NOT_NAMES.has(nameToks[0]!.text)) return undefined;
  // "the Hawaii Democrat", "Republicans": a description of someone named elsewhere, not a name.
  if (!titled && !orgLike && DESCRIPTION_HEADS.has(bare(nameToks[nameToks.length - 1]!.text))) return undefined;
  return [{ kind, span, text: text.slice(span.start, span.end), name, nameSpan: { start: nameStart, end: nameEnd }, honorifics, roles }];
}

/** True when the library reads a capitalised word as a verb ("Urges", "Says"). */
function looksLikeVerb(word: string): boolean {
  return /s$/u.test(word) && nlp(word.toLowerCase()).has('#Verb') && !nlp(word).has('#Person');
}

/** "the Leader", "the PM", "the Iraqi prime minister", "the prime minister of Iraq": a role standing for its holder. */
function rolePhrases(text: string, found: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  const re = rolePhraseRe();
  for (const m of text.matchAll(re)) {
    const role = m[1]!;
    // Abbreviations only in capitals ("the PM", not "the pm").
    if (ABBREVIATIONS.has(role.toLowerCase()) && role !== role.toUpperCase()) continue;
    const span = { start: m.index, end: m.index + m[0].length };
    // A titled name overlapping the phrase wins ("the Iraqi Prime Minister Mohammed …"); a bare capitalised word inside it does not.
    if (found.some((f) => f.span.start < span.end && span.start < f.span.end && f.name && (f.roles.length > 0 || f.honorifics.length > 0 || f.span.end > span.end))) continue;
    const words = m[0].split(/\s+/u);
    out.push({ kind: 'person', span, text: m[0], honorifics: [], roles: [words.slice(1).join(' ')], roleOnly: roleKey(words.slice(1).join(' ')) });
  }
  return out;
}

let ROLE_RE: RegExp | undefined;
/** The role-phrase pattern, built once: a determiner, up to three words, a role in any common casing, an optional "of X". */
function rolePhraseRe(): RegExp {
  if (ROLE_RE) return new RegExp(ROLE_RE.source, ROLE_RE.flags);
  const cased = (r: string): string[] => [r, r.toLowerCase(), r.replace(/\b\p{L}/gu, (c) => c.toUpperCase())];
  const alternatives = [...new Set([...NAMES.roles.terms.flatMap(cased), ...Object.keys(NAMES.roleAbbreviations.map).filter((k) => /^\p{Lu}{2,}$/u.test(k))])]
    .sort((a, b) => b.length - a.length)
    .map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  ROLE_RE = new RegExp(`\\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\\s+(?:[\\p{L}’'-]+\\s+){0,3}?(${alternatives.join('|')})\\b(?:\\s+of\\s+(?:the\\s+)?\\p{Lu}[\\p{L}-]*(?:\\s+\\p{Lu}[\\p{L}-]*)*)?`, 'gu');
  return new RegExp(ROLE_RE.source, ROLE_RE.flags);
}

/**
 * The library's steps for tagging: all it runs on a text but the last, its chunker, which marks
 * phrase chunks and no tags (people, organisations and places read tags alone): a tenth of the
 * library's time. The first steps run again after its tokeniser's, as `nlp(text)` runs them.
 */
const TAGGING = (nlp.world() as { readonly hooks: readonly string[] }).hooks.filter((h) => h !== 'chunks');

/** The library's person, organisation and place tags in one line. */
function libraryTags(text: string): Tagged[] {
  const doc = nlp.tokenize(text);
  doc.compute([...TAGGING]);
  const tagged: Tagged[] = [];
  // Offsets computed once for the whole text and read off each match's first and last term: the
  // library's json({ offset: true }) grows with matches × text (11 s for a 60,000-word article).
  doc.compute('offset');
  type Term = { readonly offset: { readonly start: number; readonly length: number } };
  const take = (kind: EntityKind, view: { readonly docs: readonly (readonly Term[])[] }): void => {
    for (const terms of view.docs) {
      const first = terms[0];
      const last = terms[terms.length - 1];
      if (first && last) tagged.push({ kind, start: first.offset.start, end: last.offset.start + last.offset.length });
    }
  };
  take('person', doc.people() as unknown as { docs: Term[][] });
  take('organization', doc.organizations() as unknown as { docs: Term[][] });
  take('place', doc.places() as unknown as { docs: Term[][] });
  return tagged;
}

/**
 * Re-label untitled name mentions with the library's person/organisation/place tags; `tagsFor(i)`
 * gives the tags of mention `i`'s line (offsets in the line) and where that line starts.
 */
function classifyWithLibrary(text: string, mentions: Mention[], tagsFor: (i: number) => { readonly tagged: readonly Tagged[]; readonly at: number }): void {
  const surnames = new Set(mentions.filter((m) => m.kind === 'person' && m.name && /\s/u.test(m.name)).map((m) => lastWord(m.name!)));
  // "Den Hollander" after "Roy Den Hollander": the last words of a person's full name are that person's surname.
  const tails = new Set(
    mentions.flatMap((m) => {
      const w = m.kind === 'person' && m.name ? m.name.split(/\s+/u) : [];
      return w.length >= 3 && knownGivenName(w[0]!) ? w.slice(1, -1).map((_, k) => w.slice(k + 1).join(' ')) : [];
    }),
  );
  // From the last: removing mention i leaves the indices before it (and their lines) as they were.
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i]!;
    if (m.roles.length > 0 || m.honorifics.length > 0 || m.roleOnly) continue;
    const single = !/\s/u.test(m.name ?? '');
    if ((single && surnames.has(lastWord(m.name ?? ''))) || (!single && m.kind !== 'organization' && tails.has(m.name ?? ''))) mentions[i] = { ...m, kind: 'person' };
    else if (m.kind === 'organization') continue;
    // In a Title Case headline an untitled name is dropped whatever the library says.
    else if (titleCaseLine(text, m.span.start)) mentions.splice(i, 1);
    else {
      // An untitled name is kept only when the library tags it; a single word only as a place or organisation.
      const { tagged, at } = tagsFor(i);
      const hit = tagged.find((t) => t.start + at < m.span.end && m.span.start < t.end + at);
      // A person's initials before a surname ("H.R. McMaster") name a person whatever the library says.
      if (!single && (initialsName(m.name ?? m.text) || saintSurname(m.name ?? m.text))) mentions[i] = { ...m, kind: 'person' };
      else if (!hit || (single && hit.kind === 'person')) mentions.splice(i, 1);
      else mentions[i] = { ...m, kind: hit.kind };
    }
  }
}

/** Words a Title Case line leaves in lower case ("Mayor of the Harbour", "Talks in Selm"). */
export const TITLE_SMALL_WORDS = /^(?:a|an|the|of|in|on|to|for|and|or|at|by|with|from|as)$/u;

/** True when the line holding `at` is a Title Case headline (its capitals say nothing about names). */
function titleCaseLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end);
  const ws = line.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (ws.length < 4) return false;
  const caps = ws.filter((w) => /^\p{Lu}/u.test(w) || TITLE_SMALL_WORDS.test(w)).length;
  return caps / ws.length >= 0.85;
}

/** Without the library: of the untitled names, keep organisations and the surnames of people named in full. */
function keepSurnamesOnly(mentions: Mention[]): void {
  const untitled = (m: Mention): boolean => m.roles.length === 0 && m.honorifics.length === 0 && !m.roleOnly && m.kind !== 'organization';
  const surnames = new Set(mentions.filter((m) => m.kind === 'person' && m.name && /\s/u.test(m.name)).map((m) => lastWord(m.name!)));
  // Surnames vouched for: of a titled person, or written alone as well as in full.
  const vouched = new Set(mentions.filter((m) => m.kind === 'person' && m.name && (!untitled(m) || !/\s/u.test(m.name))).map((m) => lastWord(m.name!)));
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i]!;
    if (!untitled(m)) continue;
    const multi = /\s/u.test(m.name ?? '');
    if (multi ? !vouched.has(lastWord(m.name ?? '')) : !surnames.has(lastWord(m.name ?? ''))) mentions.splice(i, 1);
  }
}

function lastWord(name: string): string {
  return bare(name.split(/\s+/u).pop() ?? '').replace(/^(?:al|el)-/iu, '').toLowerCase();
}
