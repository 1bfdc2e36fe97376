/**
 * Statements: who said what in a story, with each outlet's rendering of it aligned.
 *
 * `createStatements(options)` takes a story's articles (clean text plus the outlet's name), finds
 * their quotes and resolves the speakers with one resolver over the whole story (so "Harbi" in
 * one article and "Omar al-Harbi" in another are one person), then groups the quotes of
 * each person that render one statement — translations, trimmed quotes, indirect speech — into
 * {@link StatementView}s. Grouping is greedy from the most complete rendering down: a quote joins
 * the statement whose most complete rendering it resembles most, if the score reaches the
 * threshold in `rules.json`, else it starts a statement of its own. Every rendering carries a
 * word-level alignment against the statement's most complete rendering.
 *
 * A quote with no resolved speaker joins no speaker's statement: it is listed in `unattributed`
 * (an info message, `statement-no-speaker`, says so), and the unattributed quotes are grouped the
 * same way among themselves into `unattributedStatements` (speaker `null`), so a statement no
 * speaker was found for still reaches the report, once however many outlets carry it.
 */
import { createHash } from 'node:crypto';
import type { Envelope } from '../../../model/envelope.js';
import type { Message } from '../../../model/message.js';
import type { Entity, Quote, Statement } from '../../../model/quote.js';
import { createQuotes, type ArticleQuotes, type QuoteInput, type QuotesOptions } from '../quotes/index.js';
import { alignWords, type AlignedWord } from './align.js';
import { analyse, baseLanguage, RULES, similarity, type Analysed, type StatementRules } from './similarity.js';
import { bridge, gloss, type Glossed } from './translate.js';
import { installedLexicon, type Lexicon } from '../../text/lexicon/index.js';

export { alignWords, type AlignedWord } from './align.js';
export { mergePeople, type PersonAcrossStories } from './people.js';
export { bridge, gloss, type Bridged, type Glossed } from './translate.js';
export { analyse, baseLanguage, lcsLength, similarity, stem, words, RULES, type Analysed, type Similarity, type StatementRules, type Word } from './similarity.js';

/** One article of the story: its clean text and the outlet that published it. */
export interface StatementArticle extends QuoteInput {
  /** The outlet's name as shown to a reader (site name, else host, else file name). */
  readonly site: string;
}

/** A story's articles, in the order they should be read (e.g. by publication). */
export interface StoryInput {
  readonly storyId: string;
  readonly articles: readonly StatementArticle[];
}

/** One outlet's rendering of a statement. */
export interface Rendering {
  readonly quote: Quote;
  readonly site: string;
  /** The quoted words; the pieces of an interrupted quote joined by " … ". */
  readonly text: string;
  /** True for the statement's most complete rendering, which the others are aligned against. */
  readonly anchor: boolean;
  /** Similarity to the anchor (1 for the anchor itself). */
  readonly similarity: number;
  /** `partial` when this rendering (or the anchor) is scored as a trimmed part of the other. */
  readonly match: 'whole' | 'partial';
  /** Set when the rendering joined through a closer rendering of the statement rather than the anchor: that quote and the score. */
  readonly via?: { readonly quoteId: string; readonly score: number };
  /** Word-level alignment against the anchor (all `same` for the anchor). */
  readonly alignment: readonly AlignedWord[];
  /**
   * Set when the rendering is in another language than the anchor (ISO 639-1): it was compared
   * through the lexicon, and its alignment's `same` words carry the anchor's word as `gloss`
   * where they matched by translation rather than as written.
   */
  readonly language?: string;
}

/** A statement with its renderings, the anchor first (`personId` null when no speaker was resolved). */
export interface StatementView extends Statement {
  readonly renderings: readonly Rendering[];
  /** Distinct articles and outlets rendering it. */
  readonly articleIds: readonly string[];
  readonly sites: readonly string[];
}

/** A statement of a resolved speaker. */
export interface AttributedStatementView extends StatementView {
  readonly personId: string;
}

/** A person (or organisation) of the story: how often the articles mention it and quote it. */
export interface PersonView {
  readonly entity: Entity;
  /** Articles with at least one resolved mention of it (or a quote attributed to it). */
  readonly articleIds: readonly string[];
  readonly mentions: number;
  readonly quotes: number;
}

/** A quote no person could be attributed to. */
export interface UnattributedQuote {
  readonly quote: Quote;
  readonly site: string;
  readonly text: string;
}

/** Everything said in a story, by whom, rendered how. */
export interface StoryStatements {
  readonly storyId: string;
  /** Statements rendered by at least two outlets, most-quoted person first, then most articles. */
  readonly statements: readonly AttributedStatementView[];
  /** Statements rendered by one outlet only ("said only in one outlet"), in the same order. */
  readonly single: readonly AttributedStatementView[];
  /** Every quote with no resolved speaker. */
  readonly unattributed: readonly UnattributedQuote[];
  /** The unattributed quotes grouped into statements (speaker `null`), most articles first, then in reading order. */
  readonly unattributedStatements: readonly StatementView[];
  /** People and organisations, most articles first. */
  readonly people: readonly PersonView[];
  /** Every entity the resolver found (places too). */
  readonly entities: readonly Entity[];
  /** Each article's quotes with the quotes stage's messages. */
  readonly articles: readonly Envelope<ArticleQuotes>[];
}

export interface StatementsOptions extends QuotesOptions {
  /** Rules to use instead of the shipped `rules.json` (thresholds, weights, word lists). */
  readonly rules?: StatementRules;
  /**
   * The bilingual lexicon renderings in other languages are compared through (default: the
   * installed FreeDict dictionaries, each loaded only when a story holds its language; `null`:
   * none, so only names and numbers link languages).
   */
  readonly lexicon?: Lexicon | null;
}

export type StatementsStage = (story: Envelope<StoryInput>) => Envelope<StoryStatements>;

/** `stm_` + 16 hex digits from the story id and the sorted quote ids: stable across runs. */
export function statementId(storyId: string, quoteIds: readonly string[]): string {
  return `stm_${createHash('sha256').update(`${storyId}:${[...quoteIds].sort().join(',')}`).digest('hex').slice(0, 16)}`;
}

interface Item {
  readonly quote: Quote;
  readonly site: string;
  readonly text: string;
  readonly analysed: Analysed;
  readonly order: number;
  /** Base language of the article (ISO 639-1). */
  readonly language: string;
  /** Set when the story holds more than one language. */
  readonly glossed?: Glossed;
}

/** Make the statements stage (see the module comment). Pure. */
export function createStatements(options: StatementsOptions = {}): StatementsStage {
  const rules = options.rules ?? RULES;
  const quotesStage = createQuotes(options);
  const lexicon = options.lexicon === null ? undefined : (options.lexicon ?? installedLexicon());
  return (env) => {
    const { storyId, articles } = env.value;
    const languages = [...new Set(articles.map((a) => baseLanguage(a.language === 'und' ? undefined : a.language)))];
    const multilingual = languages.length > 1;
    const lexiconMessages: Message[] = [];
    if (multilingual)
      for (const code of languages) {
        const m = lexicon ? lexicon.missing(code, 'analyze') : undefined;
        if (m) lexiconMessages.push(m);
      }
    const analysis = quotesStage(articles.map((a) => ({ value: a, messages: [] })));
    const byId = new Map(articles.map((a) => [a.id, a] as const));
    const entities = new Map(analysis.entities.map((e) => [e.id, e] as const));
    const messages: Message[] = [...lexiconMessages];
    const items: Item[] = [];
    const unattributed: UnattributedQuote[] = [];
    const unattributedItems: Item[] = [];
    let order = 0;
    for (const aq of analysis.articles) {
      const article = byId.get(aq.value.articleId)!;
      const language = baseLanguage(article.language === 'und' ? undefined : article.language);
      const prepare = (pieces: readonly { text: string; start: number }[]): { analysed: Analysed; language: string; glossed?: Glossed } => {
        const analysed = analyse(pieces, language);
        return { analysed, language, ...(multilingual ? { glossed: gloss(analysed, language, lexicon) } : {}) };
      };
      for (const quote of aq.value.quotes) {
        const pieces = (quote.segments ?? [quote.span]).map((s) => ({ text: article.text.slice(s.start, s.end), start: s.start }));
        const text = pieces.map((p) => p.text.trim()).join(' … ');
        if (!quote.personId || !entities.has(quote.personId)) {
          unattributed.push({ quote, site: article.site, text });
          messages.push({
            stage: 'analyze',
            ruleId: 'statement-no-speaker',
            severity: 'info',
            reason: 'This quote has no resolved speaker, so it was not grouped into any statement.',
            span: quote.span,
            layer: 'text',
            excerpt: text.slice(0, 200),
            data: { articleId: article.id, quoteId: quote.id },
          });
          unattributedItems.push({ quote, site: article.site, text, ...prepare(pieces), order: order++ });
          continue;
        }
        items.push({ quote, site: article.site, text, ...prepare(pieces), order: order++ });
      }
    }

    // A speaker quoted only in other languages, whose surname agrees with one speaker quoted in
    // English ("Mme Solvey" / "Maren Solvey", "Varnaq" / "Idris Varnak"), speaks as that person.
    const alias = multilingual ? speakersAcrossLanguages(items, entities, rules, messages) : new Map<string, string>();
    const speaker = (q: Quote): string => alias.get(q.personId!) ?? q.personId!;
    const groups = groupItems(items, speaker, rules);
    const quoteCount = new Map<string, number>();
    for (const it of items) quoteCount.set(speaker(it.quote), (quoteCount.get(speaker(it.quote)) ?? 0) + 1);
    const views = groups.map((g) => toView(storyId, g, speaker(g.anchor.quote), rules));
    views.sort(
      (a, b) =>
        (quoteCount.get(b.personId) ?? 0) - (quoteCount.get(a.personId) ?? 0) ||
        a.personId.localeCompare(b.personId) ||
        b.articleIds.length - a.articleIds.length ||
        b.renderings.length - a.renderings.length ||
        a.renderings[0]!.quote.id.localeCompare(b.renderings[0]!.quote.id),
    );

    const unattributedStatements = groupItems(unattributedItems, () => null, rules)
      .map((g) => toView(storyId, g, null, rules))
      .sort((a, b) => b.articleIds.length - a.articleIds.length || b.renderings.length - a.renderings.length || a.renderings[0]!.quote.id.localeCompare(b.renderings[0]!.quote.id));
    const people = peopleOf(analysis.entities, analysis.links, items, speaker);
    return {
      value: {
        storyId,
        statements: views.filter((v) => v.sites.length > 1),
        single: views.filter((v) => v.sites.length <= 1),
        unattributed,
        unattributedStatements,
        people,
        entities: analysis.entities,
        articles: analysis.articles,
      },
      messages: [...env.messages, ...messages],
    };
  };
}

/** A surname's comparison key: no diacritics, lower case, transliteration variants folded (`rules.json` crossLanguage.speakers). */
function surnameKey(name: string, rules: StatementRules): string {
  const last = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).pop() ?? '';
  let key = last;
  for (const [from, to] of rules.crossLanguage?.speakers.folds ?? []) key = key.split(from).join(to);
  return key.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Speakers across languages: each person quoted only in articles of other languages than English
 * whose surname key equals that of one person quoted in English is taken for that person (an info
 * message gives both forms). Names written in another script never agree here: the quotes stage
 * has already given such a speaker to the person whose Latin name it transliterates (quotes/scripts.ts).
 */
function speakersAcrossLanguages(items: readonly Item[], entities: ReadonlyMap<string, Entity>, rules: StatementRules, messages: Message[]): Map<string, string> {
  const alias = new Map<string, string>();
  if (!rules.crossLanguage?.speakers) return alias;
  const english = new Set(items.filter((it) => it.language === 'en').map((it) => it.quote.personId!));
  const byKey = new Map<string, string[]>();
  for (const id of english) {
    const e = entities.get(id);
    if (!e || e.kind !== 'person') continue;
    const key = surnameKey(e.name, rules);
    if (key.length >= rules.crossLanguage.speakers.minLength) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  for (const it of items) {
    const id = it.quote.personId!;
    if (english.has(id) || alias.has(id)) continue;
    const e = entities.get(id);
    if (!e || e.kind !== 'person') continue;
    // Several English speakers with the key are one person only when every other name's words
    // are among the longest name's ("Solvey" and "Maren Solvey"); two given names are two people.
    const hits = [...(byKey.get(surnameKey(e.name, rules)) ?? [])].sort((a, b) => entities.get(b)!.name.length - entities.get(a)!.name.length);
    if (hits.length === 0) continue;
    const wordsOf = (x: string): string[] => entities.get(x)!.name.toLowerCase().split(/\s+/u);
    const longest = new Set(wordsOf(hits[0]!));
    if (!hits.every((h) => wordsOf(h).every((w) => longest.has(w)))) continue;
    alias.set(id, hits[0]!);
    messages.push({
      stage: 'analyze',
      ruleId: 'statement-speaker-across-languages',
      severity: 'info',
      reason: `"${e.name}", quoted only in another language, is taken for "${entities.get(hits[0]!)!.name}" quoted in English: their surnames agree.`,
      data: { from: id, to: hits[0]!, forms: [e.name, entities.get(hits[0]!)!.name] },
    });
  }
  return alias;
}

/** Greedy grouping per speaker (`speakerOf`), most complete rendering first (see the module comment). */
function groupItems(items: readonly Item[], speakerOf: (q: Quote) => string | null, rules: StatementRules): Group[] {
  // English renderings first (the report's reader compares against them), then the most complete.
  const sorted = [...items].sort((a, b) => Number(a.language !== 'en') - Number(b.language !== 'en') || b.analysed.content.length - a.analysed.content.length || a.order - b.order);
  const groups: Group[] = [];
  // Quotes with the same words compare alike: each pair of texts is scored once, and a group's
  // members are tried once per distinct text (the first of them, which the strict comparison
  // below would keep anyway), so 2,000 outlets carrying one quote cost its distinct renderings.
  const scores = new Map<string, ReturnType<typeof similarity>>();
  const score = (a: Item, b: Item): ReturnType<typeof similarity> => {
    const key = `${a.text}\u0000${b.text}`;
    let hit = scores.get(key);
    if (!hit) {
      const cross = a.glossed && b.glossed && a.language !== b.language ? rules.crossLanguage : undefined;
      const pair = a.glossed && b.glossed ? bridge(a.glossed, b.glossed, cross?.cognatePrefix ?? 0) : { a: a.analysed, b: b.analysed };
      scores.set(key, (hit = similarity(pair.a, pair.b, cross ? { ...rules, weights: { overlap: cross.overlap, order: cross.order, reason: cross.reason } } : rules)));
    }
    return hit;
  };
  // Renderings in two languages are compared through the lexicon, with their own threshold.
  const threshold = (a: Item, b: Item): number => (a.language !== b.language && rules.crossLanguage ? rules.crossLanguage.threshold : rules.threshold.value);
  const distinct = new Map<Group, { texts: Set<string>; members: Group['members'][number][] }>();
  const join = (g: Group, member: Group['members'][number]): void => {
    g.members.push(member);
    let d = distinct.get(g);
    if (!d) distinct.set(g, (d = { texts: new Set(), members: [] }));
    if (!d.texts.has(member.item.text)) {
      d.texts.add(member.item.text);
      d.members.push(member);
    }
  };
  for (const item of sorted) {
    let best: Group | undefined;
    let bestScore = -1;
    let bestThreshold = rules.threshold.value;
    let anchorScore = 0;
    let bestMatch: 'whole' | 'partial' = 'whole';
    let via: { quoteId: string; score: number } | undefined;
    if (item.analysed.content.length >= rules.minContentWords.value) {
      for (const g of groups) {
        if (speakerOf(g.anchor.quote) !== speakerOf(item.quote) || g.anchor.analysed.content.length < rules.minContentWords.value) continue;
        const s = score(g.anchor, item);
        // A rendering may also join through a closer member (two translations of a trimmed
        // part resemble each other more than the full quote), never below the anchor floor nor
        // against the anchor's numbers.
        for (const m of s.score >= rules.threshold.anchorFloor && s.numbersAgree ? (distinct.get(g)?.members ?? []) : []) {
          const t = score(m.item, item);
          if (t.score > s.score && t.score > bestScore && t.score >= threshold(m.item, item)) {
            bestScore = t.score;
            bestThreshold = threshold(m.item, item);
            best = g;
            bestMatch = s.kind;
            anchorScore = s.score;
            via = { quoteId: m.item.quote.id, score: round(t.score) };
          }
        }
        if (s.score > bestScore) {
          bestScore = s.score;
          bestThreshold = threshold(g.anchor, item);
          best = g;
          bestMatch = s.kind;
          anchorScore = s.score;
          via = undefined;
        }
      }
    }
    if (best && bestScore >= bestThreshold) join(best, { item, score: anchorScore, match: bestMatch, ...(via ? { via } : {}) });
    else groups.push({ anchor: item, members: [] });
  }
  return groups;
}

interface Group {
  readonly anchor: Item;
  readonly members: { item: Item; score: number; match: 'whole' | 'partial'; via?: { quoteId: string; score: number } }[];
}

function toView<P extends string | null>(storyId: string, g: Group, personId: P, rules: StatementRules): StatementView & { readonly personId: P } {
  const members = [...g.members].sort((a, b) => a.item.order - b.item.order);
  const renderings: Rendering[] = [
    {
      quote: g.anchor.quote,
      site: g.anchor.site,
      text: g.anchor.text,
      anchor: true,
      similarity: 1,
      match: 'whole',
      alignment: alignWords(g.anchor.analysed.words, g.anchor.analysed.words),
    },
    ...members.map((m) => ({
      quote: m.item.quote,
      site: m.item.site,
      text: m.item.text,
      anchor: false,
      similarity: round(m.score),
      match: m.match,
      ...(m.via ? { via: m.via } : {}),
      alignment: align(g.anchor, m.item, rules.crossLanguage?.cognatePrefix ?? 0),
      ...(m.item.language !== g.anchor.language ? { language: m.item.language } : {}),
    })),
  ];
  const quoteIds = renderings.map((r) => r.quote.id);
  const sim = members.length === 0 ? 1 : members.reduce((s, m) => s + m.score, 0) / members.length;
  return {
    id: statementId(storyId, quoteIds),
    storyId,
    personId,
    quoteIds,
    similarity: round(sim),
    renderings,
    articleIds: [...new Set(renderings.map((r) => r.quote.articleId))],
    sites: [...new Set(renderings.map((r) => r.site))],
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** Align a rendering against its anchor; across languages through the lexicon, each word matched by translation glossed with the anchor's word. */
function align(anchor: Item, item: Item, cognatePrefix: number): AlignedWord[] {
  if (!anchor.glossed || !item.glossed || anchor.language === item.language) return alignWords(anchor.analysed.words, item.analysed.words);
  const pair = bridge(anchor.glossed, item.glossed, cognatePrefix);
  const anchorWord = new Map(anchor.analysed.words.map((w) => [w.start, w] as const));
  const own = new Map(item.analysed.words.map((w) => [w.start, w] as const));
  return alignWords(pair.a.words, pair.b.words).map((w) => {
    if (w.op !== 'same' || !w.span || !w.anchorSpan) return w;
    const a = anchorWord.get(w.anchorSpan.start);
    const r = own.get(w.span.start);
    return a && r && a.stem !== r.stem ? { ...w, gloss: a.text } : w;
  });
}

/** People and organisations with the articles that mention them, most articles first. */
function peopleOf(
  entities: readonly Entity[],
  links: readonly { readonly articleId: string; readonly entityId: string }[],
  items: readonly Item[],
  speaker: (q: Quote) => string,
): PersonView[] {
  const articleIds = new Map<string, Set<string>>();
  const mentions = new Map<string, number>();
  const quotes = new Map<string, number>();
  for (const l of links) {
    (articleIds.get(l.entityId) ?? articleIds.set(l.entityId, new Set()).get(l.entityId)!).add(l.articleId);
    mentions.set(l.entityId, (mentions.get(l.entityId) ?? 0) + 1);
  }
  for (const it of items) {
    const id = speaker(it.quote);
    (articleIds.get(id) ?? articleIds.set(id, new Set()).get(id)!).add(it.quote.articleId);
    quotes.set(id, (quotes.get(id) ?? 0) + 1);
  }
  return entities
    .filter((e) => e.kind !== 'place')
    .map((entity) => ({
      entity,
      articleIds: [...(articleIds.get(entity.id) ?? [])],
      mentions: mentions.get(entity.id) ?? 0,
      quotes: quotes.get(entity.id) ?? 0,
    }))
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.quotes - a.quotes || b.mentions - a.mentions || a.entity.name.localeCompare(b.entity.name));
}
