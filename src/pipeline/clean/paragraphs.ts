/**
 * What one paragraph of extracted text looks like: a photo caption, widget residue, a headline,
 * a body paragraph. Pure tests over one line of text, driven by the compiled rules.
 */
import type { CleanRules, Rule } from './rules.js';

/** A paragraph of the extracted text: its span there and its text (always `extracted.slice(start, end)`). */
export interface Para {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Why a line is a caption, and the photo credit it carries, if any. */
export interface CaptionMatch {
  readonly rule: Pick<Rule, 'id' | 'reason'>;
  /** Photo agency or provider named by the caption (`AFP`, `dpa`). */
  readonly credit?: { readonly name: string; readonly start: number; readonly end: number };
}

/** Compare lines ignoring case, spacing and quote style, so a repeated caption matches its twin. */
export function sameLineKey(text: string): string {
  // Most lines are plain ASCII: nothing to fold but spaces and case.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKC').replace(/[“”„«»"]/g, '"').replace(/[‘’‚']/g, "'") : text;
  // Collapsing white space allocates a new string; most lines have nothing to collapse.
  return (ODD_SPACE.test(folded) ? folded.replace(/\s+/g, ' ') : folded).trim().toLowerCase();
}

const NON_ASCII = /[^\t\n\r -~]/;
const ODD_SPACE = /\s\s|[^\S ]/;

/** The photo caption rule a line matches, with the agency it credits. */
export function matchCaption(text: string, rules: CleanRules): CaptionMatch | undefined {
  let found: CaptionMatch | undefined;
  for (const rule of rules.captions) {
    if (text.length > rule.maxChars) continue;
    const m = rule.re.exec(text);
    if (!m) continue;
    const credit = photoCredit(m, rules);
    if (!found) found = { rule, credit };
    else if (!found.credit && credit) found = { rule: found.rule, credit };
    if (found.credit) break;
  }
  if (found) return found;
  const markers = text.match(new RegExp(rules.positionMarker.source, rules.positionMarker.flags));
  if (markers && markers.length >= rules.positionMarker.minCount) {
    return { rule: { id: 'position-markers', reason: rules.positionMarker.reason } };
  }
  return undefined;
}

function photoCredit(m: RegExpExecArray, rules: CleanRules): CaptionMatch['credit'] {
  const groups = m.groups;
  if (!groups?.name) return undefined;
  let name = groups.name.trim();
  let left = groups.provider?.trim();
  const slash = name.lastIndexOf('/');
  if (left === undefined && slash > 0) {
    left = name.slice(0, slash).trim();
    name = name.slice(slash + 1).trim();
  }
  if (left) name = creditedSide(left, name, rules);
  if (name === '') return undefined;
  const at = m.index + m[0].lastIndexOf(name);
  return { name, start: at, end: at + name.length };
}

/**
 * Which side of an `X/Y` photo credit names the agency or outlet: "AP Photo/Jane Doe" and
 * "Agency/Firstname Lastname" put it first, "Provider/agency" and "Photographer/The Outlet" last.
 */
function creditedSide(left: string, right: string, rules: CleanRules): string {
  const agencyPhoto = /^(.+?)\s+(?:Photo|Photos|Images)$/i.exec(left);
  if (agencyPhoto?.[1]) return agencyPhoto[1].trim();
  if (rules.nonAgencyWords.has(right.toLowerCase())) return left;
  if (rules.nonAgencyWords.has(left.toLowerCase())) return right;
  return isPersonName(right, rules) && !isPersonName(left, rules) ? left : right;
}

/** Two or three capitalised words, none of them an outlet word: "Karel Finn", "Ana M. Riel". */
function isPersonName(text: string, rules: CleanRules): boolean {
  const parts = text.split(/\s+/);
  if (parts.length < 2 || parts.length > 3) return false;
  if (parts.some((w) => rules.siteWords.has(w) || rules.headline.smallWords.has(w.toLowerCase()))) return false;
  return parts.every((w) => /^\p{Lu}(?:\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?|\.)$/u.test(w));
}

/** True for a line that is a button label, counter, or bar of share/navigation labels. */
export function isWidget(text: string, rules: CleanRules): boolean {
  if (text.length > rules.widgetBarMaxChars) return false;
  // A label may close with a colon ("ANALYSIS/OPINION:", "Share:").
  const t = text.trim().replace(/\s*:$/u, '');
  if (rules.loneToken.re.test(t)) return true;
  if (rules.counters.some((r) => r.re.test(t))) return true;
  if (rules.widgetWords.has(t.toLowerCase())) return true;
  // A bar: every piece between separators is a widget label.
  const pieces = t.split(rules.navSeparators).filter((p) => p !== '');
  if (pieces.length < 2) return false;
  // Rejoin adjacent words so multi-word labels ("Copy link") still count.
  return coversWithLabels(pieces, rules.widgetWords);
}

function coversWithLabels(words: readonly string[], labels: ReadonlySet<string>): boolean {
  const ok: boolean[] = new Array<boolean>(words.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < words.length; i++) {
    if (!ok[i]) continue;
    for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) {
      if (labels.has(words.slice(i, j).join(' ').toLowerCase())) ok[j] = true;
    }
  }
  return ok[words.length] === true;
}

/** Words of a line, with leading and trailing punctuation stripped. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w !== '');
}

/** Share of content words that start with a capital (or digit); small words do not count. */
export function titleCaseRatio(text: string, rules: CleanRules): number {
  const content = words(text).filter((w) => !rules.headline.smallWords.has(w.toLowerCase()));
  if (content.length === 0) return 0;
  const capitalised = content.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
  return capitalised / content.length;
}

/**
 * A line shaped like a headline: short, starts with a capital, no sentence-final punctuation.
 * With `titleCase`, most content words must also be capitalised.
 */
export function isHeadlineLike(text: string, rules: CleanRules, titleCase: boolean): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > rules.headline.maxChars) return false;
  const n = words(t).length;
  if (n < rules.headline.minWords || n > rules.headline.maxWords) return false;
  // A capital, a digit, an opening quote, or a letter of a script without case (Arabic, Persian…).
  if (!/^[\p{Lu}\p{Lo}\p{N}"“‘'«]/u.test(t)) return false;
  if (rules.headline.notHeadline.test(t)) return false;
  if (/[.:;,…۔؛،]["”’»)]?$/u.test(t)) return false;
  if (matchCaption(t, rules) || isWidget(t, rules)) return false;
  return !titleCase || titleCaseRatio(t, rules) >= rules.headline.minTitleCaseRatio;
}

/** A paragraph long enough to be story text (not a label, caption or headline). */
export function isBody(text: string, rules: CleanRules): boolean {
  return text.length >= rules.split.minBodyChars && !matchCaption(text, rules) && !isHeadlineLike(text, rules, false);
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const UNSPACED_PAIR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]{2}$/u;

/**
 * Topic words of texts, as ids of one vocabulary with counts: lower-cased words, long enough, not
 * stopwords nor numbers, compared on their first letters (character pairs in scripts written
 * without spaces). A word is judged once however often it recurs (a long page repeats its
 * vocabulary), and a text's counts come as a flat list of (id, count) pairs rather than a map.
 */
export class TopicVocabulary {
  /** Topic word → id. */
  private readonly ids = new Map<string, number>();
  /** Lower-cased word → the ids of the topic words it gives (none, its stem, or its character pairs). */
  private readonly words = new Map<string, readonly number[]>();
  private counts: number[] = [];
  constructor(private readonly rules: CleanRules) {}

  /** How many distinct topic words have been seen. */
  get size(): number {
    return this.ids.size;
  }

  /** The (id, count) pairs of `text`'s topic words, in first-seen order. */
  vector(text: string): Int32Array {
    const order: number[] = [];
    const counts = this.counts;
    for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      let got = this.words.get(w);
      if (got === undefined) {
        got = this.judge(w);
        this.words.set(w, got);
      }
      for (const id of got) {
        if (counts[id] === undefined || counts[id] === 0) {
          counts[id] = 0;
          order.push(id);
        }
        counts[id]++;
      }
    }
    const out = new Int32Array(order.length * 2);
    for (let k = 0; k < order.length; k++) {
      const id = order[k]!;
      out[2 * k] = id;
      out[2 * k + 1] = counts[id]!;
      counts[id] = 0;
    }
    return out;
  }

  /** The topic words one lower-cased word gives. */
  private judge(w: string): number[] {
    const out: number[] = [];
    // Scripts written without spaces (Chinese, Japanese, Thai) give whole clauses as "words":
    // their topic is read from character pairs instead.
    if (UNSPACED.test(w)) {
      for (let i = 0; i + 1 < w.length; i++) {
        const pair = w.slice(i, i + 2);
        if (UNSPACED_PAIR.test(pair)) out.push(this.id(pair));
      }
      return out;
    }
    const rules = this.rules;
    if (w.length < rules.split.minWordLength || rules.split.stopwords.has(w) || /^\p{N}+$/u.test(w)) return out;
    // Inflected forms of one word (Souček/Součka, court/courts) share their first letters.
    out.push(this.id(w.length > rules.split.stemChars ? w.slice(0, rules.split.stemChars) : w));
    return out;
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }
}
