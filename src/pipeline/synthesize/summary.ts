/**
 * The neutral headline and summary of a story: extractive sentences taken from the claims that the
 * most independent sources (families) carry, compressed only by deleting words (datelines,
 * parenthetical asides, trailing clauses of the headline) and neutralised only by putting a
 * neutral name in place of a loaded term outside quotation marks. Every sentence carries the
 * source spans it rests on, and every sentence is checked against them
 * ({@link checkFaithfulness}) before it is kept.
 */
import { readFileSync } from 'node:fs';
import type { Claim } from '../../model/claim.js';
import type { Message, Span } from '../../model/message.js';
import type { SourceSpan, SummarySentence } from '../../model/report.js';
import type { StoryArticle, StoryInput } from '../analyze/input.js';

interface Rule<T> {
  readonly value: T;
  readonly reason: string;
}

/** Thresholds and patterns of the summary (`rules.json`), each with its reason. */
export interface SummaryRules {
  readonly maxSentences: Rule<number>;
  readonly minSentences: Rule<number>;
  readonly minWords: Rule<number>;
  readonly maxWords: Rule<number>;
  readonly redundancy: Rule<number>;
  readonly headlineWords: Rule<number>;
  readonly headlineMinWords: Rule<number>;
  readonly quotedShare: Rule<number>;
  readonly headlineCuts: Rule<readonly string[]>;
  readonly headlineAside: Rule<number>;
  readonly stopwords: Rule<readonly string[]>;
  readonly dateline: Rule<string>;
  readonly parenthetical: Rule<string>;
  readonly wordBudget: Rule<number>;
  readonly titleKickers: Rule<readonly string[]>;
  readonly opinionKickers: Rule<readonly string[]>;
  readonly reportLanguage: Rule<string>;
  readonly positionDecay: Rule<number>;
  readonly centralityWeight: Rule<number>;
  readonly furniture: Rule<string>;
  readonly dependentOpeners: Rule<readonly string[]>;
  readonly titleSpans: Rule<number>;
  readonly firstPerson: Rule<readonly string[]>;
  readonly titleWeight: Rule<number>;
}

export const SUMMARY_RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as SummaryRules;

/** A loaded term found in a text with the neutral name to put in its place (the naming analysis's `findLoadedTerms`). */
export interface LoadedTermMatch {
  readonly span: Span;
  readonly term: string;
  readonly neutral: string;
  readonly namingId: string;
  /** `honorific` terms (titles such as "Ayatollah") cost less than loaded words when choosing a rendering. */
  readonly tone?: string;
}

/** Finds the loaded terms of a text; the summary replaces those outside quotation marks. */
export type FindLoadedTerms = (text: string) => readonly LoadedTermMatch[];

export interface SummaryOptions {
  readonly rules?: SummaryRules;
  readonly findLoadedTerms?: FindLoadedTerms;
}

/** A story's headline and summary with the messages of what was dropped or replaced. */
export interface Summary {
  readonly headline: SummarySentence;
  readonly summary: readonly SummarySentence[];
  readonly messages: readonly Message[];
}

/** The result of checking one sentence against its cited spans. */
export interface Faithfulness {
  /** True when every word of the sentence occurs in its cited spans (or in a neutral replacement it records). */
  readonly ok: boolean;
  readonly words: number;
  /** Words found in the cited spans. */
  readonly found: number;
  /** Words found nowhere in the cited spans nor the replacements, in sentence order. */
  readonly missing: readonly string[];
  /**
   * True when the sentence is one cited span with words deleted: its words, the neutral names of
   * its replacements aside, occur in that order in one span.
   */
  readonly ordered: boolean;
}

/** A sentence opening on a pronoun or a bare title leaves its subject to the sentence before. */
const PRONOUN = /^(?:he|she|they|it|this|these|those|his|her|their|its|the (?:leader|president|minister|prime minister|official|spokesman|spokeswoman))\b/i;

/** Words in single quotation marks ("says accord 'changes nothing'"): headlines quote with them. */
const SINGLE_QUOTED = /(?:^|\s)['‘][^'‘’]+['’](?=[\s,.;:!?]|$)/u;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of a text, lower-cased, apostrophes made straight. */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.toLowerCase().replace(/’/g, "'"));
}

/**
 * Check that a summary sentence says nothing its sources do not: each word of `sentence.text`
 * must occur in the text of one of its cited spans, or in the neutral name of a replacement the
 * sentence records.
 */
export function checkFaithfulness(sentence: SummarySentence): Faithfulness {
  return faithfulness().check(sentence);
}

/**
 * The faithfulness check with the words of each text read once and the words its sources allow
 * gathered once per list of sources (a claim carried by 2,000 articles has 2,000 sources, and the
 * headline tries each distinct rendering against them). `ok` is the check without the word order.
 */
function faithfulness(): { check: (sentence: SummarySentence) => Faithfulness; ok: (sentence: SummarySentence) => boolean } {
  const wordMemo = new Map<string, string[]>();
  const words = (text: string): string[] => {
    let hit = wordMemo.get(text);
    if (!hit) wordMemo.set(text, (hit = wordsOf(text)));
    return hit;
  };
  const sourceMemo = new WeakMap<readonly SourceSpan[], { allowed: Set<string>; texts: string[] }>();
  const ofSources = (sources: readonly SourceSpan[]): { allowed: Set<string>; texts: string[] } => {
    let hit = sourceMemo.get(sources);
    if (!hit) {
      const texts = [...new Set(sources.map((s) => s.text))];
      const allowed = new Set<string>();
      for (const t of texts) for (const w of words(t)) allowed.add(w);
      sourceMemo.set(sources, (hit = { allowed, texts }));
    }
    return hit;
  };
  const missingOf = (sentence: SummarySentence): { words: string[]; missing: string[] } => {
    const { allowed } = ofSources(sentence.sources);
    const extra = new Set((sentence.replacements ?? []).flatMap((r) => words(r.to)));
    const ws = words(sentence.text);
    return { words: ws, missing: ws.filter((w) => !allowed.has(w) && !extra.has(w)) };
  };
  return {
    ok: (sentence) => {
      const { words: ws, missing } = missingOf(sentence);
      return ws.length > 0 && missing.length === 0;
    },
    check: (sentence) => {
      const { words: ws, missing } = missingOf(sentence);
      const inserted = new Set((sentence.replacements ?? []).flatMap((r) => words(r.to)));
      const kept = ws.filter((w) => !inserted.has(w));
      const ordered = ofSources(sentence.sources).texts.some((t) => isSubsequence(kept, words(t)));
      return { ok: ws.length > 0 && missing.length === 0, words: ws.length, found: ws.length - missing.length, missing, ordered };
    },
  };
}

function isSubsequence(needle: readonly string[], hay: readonly string[]): boolean {
  let i = 0;
  for (const w of hay) if (i < needle.length && w === needle[i]) i++;
  return i === needle.length;
}

interface Candidate {
  readonly claimId?: string;
  /** The renderings the sentence may be taken from, best first (the claim's own text, then own voice before quotes). */
  readonly renderings: readonly SourceSpan[];
  readonly sources: readonly SourceSpan[];
  readonly sourceCount: number;
  /** Lowest sentence index of the supports in their articles (the lead comes first). */
  readonly position: number;
  /** Families that carry it in an article's first two sentences: how much it is the story's lead. */
  readonly leadFamilies: number;
}

/**
 * Build the headline and summary of `story` from its `claims` (see the module comment). With no
 * claims, each family's lead sentences stand in for them, each carried by one source.
 */
export function summarise(story: StoryInput, claims: readonly Claim[], options: SummaryOptions = {}): Summary {
  const rules = options.rules ?? SUMMARY_RULES;
  const byId = new Map(story.articles.map((a) => [a.id, a] as const));
  // The summary speaks one language (see `summaryLanguage`): renderings in another are cited as sources, never shown.
  const language = summaryLanguage(story, rules.reportLanguage.value);
  const speaks = (articleId: string): boolean => {
    const l = byId.get(articleId)?.language ?? 'und';
    return language === undefined || l === 'und' || l === language;
  };
  const candidates = (claims.length > 0 ? fromClaims(claims, byId) : fromLeads(story))
    .map((c) => ({ ...c, renderings: c.renderings.filter((r) => speaks(r.articleId)) }))
    .filter((c) => c.renderings.length > 0);
  const stop = new Set(rules.stopwords.value);
  const furniture = new RegExp(rules.furniture.value, 'iu');
  const openers = new Set(rules.dependentOpeners.value);
  const dependent = (text: string): boolean => openers.has(wordsOf(text)[0] ?? '');
  // First-person words outside quotation marks: someone's speech printed without its speaker.
  const firstPersonWords = new Set(rules.firstPerson.value);
  const firstPerson = (text: string): boolean => {
    const q = quotedRanges(text);
    let own = '';
    let at = 0;
    for (const r of q) {
      own += text.slice(at, r.start) + ' ';
      at = r.end;
    }
    own += text.slice(at);
    // "US" in capitals is the country.
    own = own.replace(/\bUS\b/g, ' ');
    return wordsOf(own).some((w) => firstPersonWords.has(w));
  };
  // How central each candidate is to the story: the share of its content words the other families'
  // articles also use, weighted by how early it comes (outlets put the news first). Claims are
  // mostly carried by one source, so counting sources alone would pick near-random sentences.
  const score = centrality(story, candidates, stop, rules);
  candidates.sort((a, b) => score.get(b)! - score.get(a)! || b.sourceCount - a.sourceCount || a.position - b.position || a.renderings[0]!.articleId.localeCompare(b.renderings[0]!.articleId) || a.renderings[0]!.span.start - b.renderings[0]!.span.start);

  const dateline = new RegExp(rules.dateline.value, 'u');
  const parenthetical = new RegExp(rules.parenthetical.value, 'gu');
  const messages: Message[] = [];
  const chosen: { sentence: SummarySentence; content: Set<string>; position: number; alternatives: string[] }[] = [];
  const faithful = faithfulness();
  // Each distinct rendering compressed and judged once (a claim of a large story repeats its renderings).
  const compressedMemo = new Map<string, string>();
  const compressed = (text: string): string => {
    let hit = compressedMemo.get(text);
    if (hit === undefined) compressedMemo.set(text, (hit = compress(text, dateline, parenthetical)));
    return hit;
  };
  const usableMemo = new Map<string, boolean>();
  const usable = (text: string): boolean => {
    let hit = usableMemo.get(text);
    if (hit === undefined) usableMemo.set(text, (hit = usableText(text)));
    return hit;
  };
  const usableText = (text: string): boolean => {
    const n = wordsOf(text).length;
    if (n < rules.minWords.value || n > rules.maxWords.value) return false;
    if (/\?\s*["”’»]?$/.test(text)) return false;
    if (furniture.test(text) || dependent(text) || firstPerson(text)) return false;
    // A fragment of a quote (an unmatched mark) or a sentence mostly inside quotes is someone's words.
    return countMarks(text) === 2 * quotedRanges(text).length && quotedShare(text) <= rules.quotedShare.value;
  };
  // The story opens with its lead: the claim that the most families carry in their articles' first
  // two sentences (then the best supported), renderable with a named subject.
  const named = (c: Candidate): boolean => c.renderings.some((r) => { const t = compressed(r.text); return usable(t) && !PRONOUN.test(t); });
  const leadAt = candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.leadFamilies > 0 && named(c))
    .sort((a, b) => b.c.leadFamilies - a.c.leadFamilies || a.i - b.i)[0]?.i;
  if (leadAt !== undefined && leadAt > 0) candidates.unshift(...candidates.splice(leadAt, 1));
  let budget = 0;
  let next = 0;
  // Take candidates in order until `enough` (or none is left).
  const fill = (enough: () => boolean): void => {
  for (; next < candidates.length; next++) {
    const c = candidates[next]!;
    if (enough()) break;
    // The usable rendering with the fewest loaded terms: a neutral outlet's words beat a loaded
    // outlet's words with names replaced. Ties keep the renderings' order.
    let base: SourceSpan | undefined;
    let baseText = '';
    let fewest = Infinity;
    const tried = new Set<string>();
    for (const r of c.renderings) {
      // A rendering with the same words as one tried costs the same and cannot beat it.
      if (tried.has(r.text)) continue;
      tried.add(r.text);
      const t = compressed(r.text);
      if (!usable(t)) continue;
      const loaded = renderingCost(t, options.findLoadedTerms);
      if (loaded < fewest) {
        base = r;
        baseText = t;
        fewest = loaded;
      }
      if (loaded === 0) break;
    }
    if (base === undefined) continue;
    const content = new Set(wordsOf(baseText).filter((w) => !stop.has(w)));
    if (chosen.some((s) => overlap(s.content, content) > rules.redundancy.value)) continue;
    const { text, replacements } = neutralise(baseText, options.findLoadedTerms);
    const sentence: SummarySentence = {
      text,
      ...(c.claimId !== undefined ? { claimId: c.claimId } : {}),
      sources: c.sources,
      ...(replacements.length > 0 ? { replacements } : {}),
      sourceCount: c.sourceCount,
    };
    const check = faithful.check(sentence);
    if (!check.ok) {
      messages.push(message('summary-unfaithful', 'warning', `A summary sentence was dropped: its words ${check.missing.map((w) => `"${w}"`).join(', ')} are not in the spans it cites.`, base, { missing: check.missing }));
      continue;
    }
    for (const r of replacements) {
      messages.push(message('summary-neutral-name', 'info', `"${r.from}" is a loaded term; the summary says "${r.to}" instead (naming ${r.namingId}).`, base, { ...r }));
    }
    // Other usable renderings of the same claim, shortest first: the headline may take one.
    const lengths = new Map<string, number>();
    for (const r of c.renderings) {
      const t = compressed(r.text);
      if (!lengths.has(t) && usable(t)) lengths.set(t, wordsOf(t).length);
    }
    const alternatives = [...lengths.keys()].sort((a, b) => lengths.get(a)! - lengths.get(b)!);
    chosen.push({ sentence, content, position: c.position, alternatives });
    budget += wordsOf(text).length;
  }
  };
  fill(() => chosen.length >= rules.maxSentences.value || (budget >= rules.wordBudget.value && chosen.length >= rules.minSentences.value));
  // The headline renders the most central sentence that names its subject (no pronoun first), else the top sentence.
  const lead = chosen.find((c) => !PRONOUN.test(c.sentence.text)) ?? chosen[0];
  const summary = [...(lead ? [lead] : []), ...chosen.filter((c) => c !== lead)].map((c) => c.sentence);
  let headline: SummarySentence = { text: story.title, sources: [], sourceCount: 0 };
  if (lead) {
    // The fullest rendering of the lead claim that fits the headline length, else of the next sentences, else the lead cut as well as it can be.
    const fits = (h: SummarySentence): boolean => wordsOf(h.text).length <= rules.headlineWords.value && faithful.ok(h);
    for (const c of [lead, ...chosen.filter((x) => x !== lead && !PRONOUN.test(x.sentence.text))]) {
      const { claimId, sources, sourceCount } = c.sentence;
      const found = c.alternatives
        .filter((t) => !PRONOUN.test(t))
        .map((t) => {
          const { text, replacements } = neutralise(t, options.findLoadedTerms);
          return headlineOf({ text, ...(claimId !== undefined ? { claimId } : {}), sources, sourceCount, ...(replacements.length > 0 ? { replacements } : {}) }, rules);
        })
        .filter(fits)
        .map((h) => ({ h, n: wordsOf(h.text).length }))
        .sort((a, b) => b.n - a.n)[0]?.h;
      if (found) {
        headline = found;
        break;
      }
    }
    if (headline.sources.length === 0) headline = headlineOf(lead.sentence, rules);
  }
  // An outlet's own title, when every word of it is in the story's sentences (cited as its spans):
  // titles are written to say the news in a line, which a cut lead sentence rarely does.
  const titled = titleHeadline({ ...story, articles: story.articles.filter((a) => speaks(a.id)) }, stop, rules, lead?.content ?? new Set(), options.findLoadedTerms, (t) => usable(t) || (wordsOf(t).length >= rules.headlineMinWords.value && wordsOf(t).length < rules.minWords.value && usable(`${t} ${t}`)), faithful.ok);
  if (titled) headline = titled;
  // The summary does not say its headline again: a sentence the headline renders whole (the same
  // words) is left out of it, the headline standing for it, when the headline and the sentences
  // left still make `minSentences` statements (a short story keeps its one or two sentences).
  const said = wordsOf(headline.text).join(' ');
  const again = summary.findIndex((x) => wordsOf(x.text).join(' ') === said);
  if (again >= 0 && summary.length >= rules.minSentences.value) {
    summary.splice(again, 1);
    // Still `minSentences` sentences when the story has more to give.
    const had = chosen.length;
    fill(() => summary.length + chosen.length - had >= rules.minSentences.value);
    summary.push(...chosen.slice(had).map((c) => c.sentence));
    // The summary still opens on a sentence that names its subject ("He made the remarks…" never first).
    const opener = summary.findIndex((x) => !PRONOUN.test(x.text));
    if (opener > 0) summary.unshift(...summary.splice(opener, 1));
  }
  if (summary.length === 0) {
    messages.push({ stage: 'synthesize', ruleId: 'summary-empty', severity: 'warning', reason: 'No sentence of the story could be summarised faithfully; the headline is the story title, with no sources.' });
  }
  return { headline, summary, messages };
}

/**
 * How far a rendering is from a neutral, self-standing sentence: each loaded term 1, each
 * honorific a quarter (deleting a title is harmless), and an opening pronoun or role ("He said…",
 * "The Leader…"), which reads badly out of its article, 1.5.
 */
function renderingCost(text: string, find: FindLoadedTerms | undefined): number {
  const terms = find ? find(text) : [];
  return terms.reduce((n, t) => n + (t.tone === 'honorific' ? 0.25 : 1), 0) + (PRONOUN.test(text) ? 1.5 : 0);
}

function message(ruleId: string, severity: 'info' | 'warning', reason: string, base: SourceSpan, data: Record<string, unknown>): Message {
  return { stage: 'synthesize', ruleId, severity, reason, span: base.span, layer: 'text', excerpt: base.text.slice(0, 200), data: { articleId: base.articleId, ...data } };
}

function sourceOf(article: StoryArticle, span: Span): SourceSpan {
  return { articleId: article.id, site: article.site, span: { start: span.start, end: span.end }, text: article.text.slice(span.start, span.end) };
}

function sentenceIndex(article: StoryArticle, at: number): number {
  const i = article.sentences.findIndex((s) => s.end > at);
  return i < 0 ? article.sentences.length : i;
}

/**
 * Each candidate's centrality (see `summarise`): the mean, over the story's other families, of
 * the share of its content words found in that family's articles, mixed (`titleWeight`) with the
 * share found in the story's titles, times `positionDecay` to the power of its sentence index.
 * With one family there is nothing to compare with but the titles.
 */
function centrality(story: StoryInput, candidates: readonly Candidate[], stop: ReadonlySet<string>, rules: SummaryRules): Map<Candidate, number> {
  const familyWords = new Map<string, Set<string>>();
  const familyOf = new Map<string, string>();
  for (const a of story.articles) {
    familyOf.set(a.id, a.familyId);
    let set = familyWords.get(a.familyId);
    if (!set) familyWords.set(a.familyId, (set = new Set()));
    for (const w of wordsOf(a.text)) if (!stop.has(w)) set.add(w);
  }
  const titleWords = new Set(story.articles.flatMap((a) => wordsOf(a.title ?? '')).filter((w) => !stop.has(w)));
  const out = new Map<Candidate, number>();
  for (const c of candidates) {
    const r = c.renderings[0]!;
    const families = new Set(c.sources.map((s) => familyOf.get(s.articleId)));
    const own = [...new Set(wordsOf(r.text).filter((w) => !stop.has(w)))];
    const others = [...familyWords.entries()].filter(([f]) => !families.has(f)).map(([, ws]) => ws);
    let shared = 1;
    if (others.length > 0 && own.length > 0) shared = others.reduce((n, ws) => n + own.filter((w) => ws.has(w)).length / own.length, 0) / others.length;
    // A claim several families carry is central by that alone.
    const carried = (families.size - 1) / Math.max(1, familyWords.size - 1);
    // The share of its words the story's titles use: a title says the news in a line.
    const titled = own.length === 0 ? 0 : own.filter((w) => titleWords.has(w)).length / own.length;
    const central = (1 - rules.titleWeight.value) * Math.max(shared, carried) + rules.titleWeight.value * titled;
    out.set(c, (rules.centralityWeight.value * central + (1 - rules.centralityWeight.value)) * Math.pow(rules.positionDecay.value, c.position));
  }
  return out;
}

/**
* The headline from the story's titles: each family's first title, cut at an outlet tag (" | Site"),
 * kept when it fits the headline length, reads on its own and carries no loaded term that frames
 * it. A title is its own source (cited as the article's title); the sentences that carry its words
 * are cited beside it, up to `titleSpans`. The title with the fewest loaded terms, then the most
 * central wins: the share of its words the other families' titles use (outlets title the same news
 * alike; their texts share background words with any title), plus its agreement with the summary's
 * lead sentence.
 */
function titleHeadline(story: StoryInput, stop: ReadonlySet<string>, rules: SummaryRules, lead: ReadonlySet<string>, find: FindLoadedTerms | undefined, usable: (text: string) => boolean, ok: (s: SummarySentence) => boolean): SummarySentence | undefined {
  const titleWords = new Map<string, Set<string>>();
  for (const a of story.articles) {
    if (!a.title) continue;
    let set = titleWords.get(a.familyId);
    if (!set) titleWords.set(a.familyId, (set = new Set()));
    for (const w of wordsOf(a.title)) if (!stop.has(w)) set.add(w);
  }
  const kickers = new Set(rules.titleKickers.value);
  const opinion = new Set(rules.opinionKickers.value);
  const seen = new Set<string>();
  let best: { sentence: SummarySentence; cost: number; central: number } | undefined;
  for (const a of story.articles) {
    if (seen.has(a.familyId) || !a.title) continue;
    seen.add(a.familyId);
    let title = a.title.split(/\s+[|]\s+/u)[0]!.replace(/\s+/g, ' ').trim();
    const kicker = /^([\p{L}][\p{L}'’ -]{0,20}?)\s*:\s+/u.exec(title);
    if (kicker && opinion.has(kicker[1]!.toLowerCase())) continue;
    if (kicker && kickers.has(kicker[1]!.toLowerCase())) title = title.slice(kicker[0].length);
    const n = wordsOf(title).length;
    // A title with quotation marks gives someone's words, not the news in the outlet's voice.
    if (n < rules.headlineMinWords.value || n > rules.headlineWords.value || countMarks(title) > 0 || SINGLE_QUOTED.test(title) || !usable(title)) continue;
    // A title in loaded words frames the news in its outlet's voice, and one whose opening words
    // a neutral rendering deletes ("Leader of ... opens ...") loses its subject: the headline then
    // comes from a sentence.
    if (find && find(title).some((t) => t.tone !== 'honorific' || (t.neutral === '' && title.slice(0, t.span.start).trim() === ''))) continue;
    // A Title Case headline capitalises its loaded words too ("… to Stop Gaza Massacre"): read in lower case as well.
    if (find && find(title.toLowerCase()).some((t) => t.tone === 'loaded')) continue;
    const { text, replacements } = neutralise(title, find);
    const at = a.title.indexOf(title);
    const own: SourceSpan = { articleId: a.id, site: a.site, field: 'title', span: { start: Math.max(0, at), end: Math.max(0, at) + title.length }, text: at >= 0 ? title : a.title };
    // The sentences that carry the title's words, its own article's first, each cited for a word it adds.
    const need = new Set(wordsOf(text).filter((w) => !stop.has(w) && !replacements.some((r) => wordsOf(r.to).includes(w))));
    const sources: SourceSpan[] = [own];
    for (const b of [a, ...story.articles.filter((x) => x !== a)]) {
      for (const sp of b.sentences) {
        if (need.size === 0 || sources.length > rules.titleSpans.value) break;
        const ws = wordsOf(b.text.slice(sp.start, sp.end));
        if (!ws.some((w) => need.has(w))) continue;
        sources.push(sourceOf(b, sp));
        for (const w of ws) need.delete(w);
      }
    }
    const sentence: SummarySentence = { text: text.replace(/[.。]\s*$/, ''), sources, ...(replacements.length > 0 ? { replacements } : {}), sourceCount: new Set(sources.map((x) => story.articles.find((b) => b.id === x.articleId)?.familyId)).size };
    if (!ok(sentence)) continue;
    const content = [...new Set(wordsOf(text).filter((w) => !stop.has(w)))];
    const others = [...titleWords.entries()].filter(([f]) => f !== a.familyId).map(([, ws]) => ws);
    const shared = others.length === 0 || content.length === 0 ? 0 : others.reduce((m, ws) => m + content.filter((w) => ws.has(w)).length / content.length, 0) / others.length;
    const central = shared + (content.length === 0 ? 0 : content.filter((w) => lead.has(w)).length / content.length);
    const cost = renderingCost(text, find);
    if (!best || cost < best.cost || (cost === best.cost && central > best.central)) best = { sentence, cost, central };
  }
  return best?.sentence;
}

/**
 * The language a story's summary is written in: the one most of its families' first articles are
 * in (articles of unknown language aside), ties to `preferred`, then to the earliest article's.
 * Undefined when no article's language is known.
 */
function summaryLanguage(story: StoryInput, preferred: string): string | undefined {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const a of story.articles) {
    if (seen.has(a.familyId)) continue;
    seen.add(a.familyId);
    if (a.language === 'und') continue;
    counts.set(a.language, (counts.get(a.language) ?? 0) + 1);
  }
  const top = Math.max(0, ...counts.values());
  const tied = [...counts].filter(([, n]) => n === top).map(([l]) => l);
  if (tied.length === 0) return undefined;
  return tied.includes(preferred) ? preferred : tied[0];
}

function fromClaims(claims: readonly Claim[], byId: ReadonlyMap<string, StoryArticle>): Candidate[] {
  const out: Candidate[] = [];
  for (const claim of claims) {
    const supports = claim.supports.filter((s) => {
      const a = byId.get(s.articleId);
      return a !== undefined && s.span.end <= a.text.length && s.span.start < s.span.end;
    });
    if (supports.length === 0) continue;
    const sources = supports.map((s) => sourceOf(byId.get(s.articleId)!, s.span));
    // Own voice before quotes, then the claim's own text, then the most similar rendering.
    const order = supports
      .map((s, i) => ({ i, quoted: s.quoted === true ? 1 : 0, own: sources[i]!.text === claim.text ? 0 : 1, similarity: s.similarity }))
      .sort((a, b) => a.quoted - b.quoted || a.own - b.own || b.similarity - a.similarity || a.i - b.i);
    const at = supports.map((s) => sentenceIndex(byId.get(s.articleId)!, s.span.start));
    const position = Math.min(...at);
    const leadFamilies = new Set(supports.filter((_, i) => at[i]! <= 1).map((s) => s.familyId)).size;
    out.push({ claimId: claim.id, renderings: order.map((o) => sources[o.i]!), sources, sourceCount: claim.sourceCount, position, leadFamilies });
  }
  return out;
}

function fromLeads(story: StoryInput): Candidate[] {
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const article of story.articles) {
    if (seen.has(article.familyId)) continue;
    seen.add(article.familyId);
    article.sentences.forEach((s, i) => {
      const source = sourceOf(article, s);
      out.push({ renderings: [source], sources: [source], sourceCount: 1, position: i, leadFamilies: i <= 1 ? 1 : 0 });
    });
  }
  return out;
}

/** Delete a leading dateline and parenthetical asides; collapse the white space left behind. */
function compress(text: string, dateline: RegExp, parenthetical: RegExp): string {
  let out = text.replace(/\s+/g, ' ').trim();
  const cut = out.replace(dateline, '');
  if (wordsOf(cut).length >= 3) out = cut;
  out = out.replace(parenthetical, '').replace(/\s+([,.;:])/g, '$1').trim();
  return out.length > 0 ? out[0]!.toUpperCase() + out.slice(1) : out;
}

const OPEN = new Map([
  ['“', '”'],
  ['«', '»'],
  ['"', '"'],
  ['„', '“'],
]);

/** Ranges of `text` inside quotation marks. */
function quotedRanges(text: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    const close = OPEN.get(text[i]!);
    if (close === undefined) continue;
    const j = text.indexOf(close, i + 1);
    if (j < 0) break;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}

function quotedShare(text: string): number {
  const inside = quotedRanges(text).reduce((n, r) => n + (r.end - r.start), 0);
  return text.length === 0 ? 0 : inside / text.length;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of b) if (a.has(w)) n++;
  return n / Math.min(a.size, b.size);
}

/** Replace loaded terms outside quotation marks by their neutral names (inside a quote they are someone's words). */
function neutralise(text: string, find: FindLoadedTerms | undefined): { text: string; replacements: { from: string; to: string; namingId: string }[] } {
  if (!find) return { text, replacements: [] };
  const quoted = quotedRanges(text);
  const matches = find(text)
    .filter((m) => !quoted.some((q) => m.span.start < q.end && m.span.end > q.start))
    .sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let at = 0;
  const replacements: { from: string; to: string; namingId: string }[] = [];
  for (const m of matches) {
    if (m.span.start < at) continue;
    const between = text.slice(at, m.span.start);
    // Deleting a word must not leave a wrong article ("a historic accord" → "a accord", "an illegal
    // blockade" → "an blockade"): keep the term then.
    if (m.neutral === '') {
      const art = /\b(an?)\s+$/i.exec(between)?.[1]?.toLowerCase();
      const vowel = /^[aeiou]/i.test(text.slice(m.span.end).trimStart());
      if ((art === 'a' && vowel) || (art === 'an' && !vowel)) continue;
    }
    // "the X regime" → "X", not "the X": a proper name takes no article (the article goes with the term).
    const article = /^\p{Lu}/u.test(m.neutral) && !/^the\b/i.test(m.neutral) ? (/\b[Tt]he\s+$/.exec(between)?.[0] ?? '') : '';
    out += between.slice(0, between.length - article.length);
    const from = article + text.slice(m.span.start, m.span.end);
    // Keep the capital of a sentence-initial term.
    const to = m.span.start === 0 && m.neutral.length > 0 ? m.neutral[0]!.toUpperCase() + m.neutral.slice(1) : m.neutral;
    out += to;
    at = m.span.end;
    replacements.push({ from, to: to.length > 0 ? to : '', namingId: m.namingId });
  }
  out += text.slice(at);
  out = out.replace(/\s+/g, ' ').replace(/\s+([,.;:])/g, '$1').trim();
  return { text: out.length > 0 ? out[0]!.toUpperCase() + out.slice(1) : out, replacements };
}

/** The headline: the top sentence, cut at the last clause boundary within the headline length when longer, without its final stop. */
function headlineOf(top: SummarySentence, rules: SummaryRules): SummarySentence {
  let text = top.text;
  const cuts = new Set(rules.headlineCuts.value);
  if (wordsOf(text).length > rules.headlineWords.value) {
    // Delete asides set off by commas that open on a clause word (", as an important country in the region,").
    text = text.replace(/,\s+([\p{L}]+)\b[^,;:"“”«»]*,\s+/gu, (aside, first: string) => (cuts.has(first.toLowerCase()) && wordsOf(aside).length <= rules.headlineAside.value ? ' ' : aside));
  }
  if (wordsOf(text).length > rules.headlineWords.value) {
    let best: string | undefined;
    for (const m of text.matchAll(/\s*(?:[,;:]|\s[–—-])\s+([\p{L}]+)/gu)) {
      if (!cuts.has(m[1]!.toLowerCase())) continue;
      const prefix = text.slice(0, m.index);
      const n = wordsOf(prefix).length;
      if (n > rules.headlineWords.value) break;
      if (n >= rules.headlineMinWords.value && quotedRanges(prefix).length * 2 >= countMarks(prefix)) best = prefix;
    }
    if (best !== undefined) text = best;
  }
  text = text.replace(/[.。]\s*$/, '').trim();
  const replacements = (top.replacements ?? []).filter((r) => r.to === '' || text.includes(r.to));
  return { text, ...(top.claimId !== undefined ? { claimId: top.claimId } : {}), sources: top.sources, ...(replacements.length > 0 ? { replacements } : {}), sourceCount: top.sourceCount };
}

function countMarks(text: string): number {
  return (text.match(/[“”«»"„]/g) ?? []).length;
}
