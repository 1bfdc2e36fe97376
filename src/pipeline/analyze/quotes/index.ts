/**
 * Quotes: who said what. Direct, indirect and mixed quotes with their cue and speaker mention,
 * resolved to person entities across articles.
 *
 * `createQuotes(options)` is the analyze-stage entry: articles in (envelopes of `{ id, text,
 * paragraphs? }`), one envelope of quotes per article out, plus the entities they were resolved
 * to. It records a message for every quotation mark left open (`quote-unclosed`) and every quote
 * whose speaker could not be found (`quote-no-speaker`) or resolved (`speaker-unresolved`).
 * The finder alone (`findQuotes`) works on plain text with offsets.
 */
import { createHash } from 'node:crypto';
import type { Envelope } from '../../../model/envelope.js';
import type { Message, Span } from '../../../model/message.js';
import type { Entity, EntityEvidence, Quote } from '../../../model/quote.js';
import { createEntityResolver, type EntityOptions, type MentionLink } from '../entities/index.js';
import { attributeQuotes, type AttributedQuote } from './attribute.js';
import { findQuotes, lineParagraphs, type FoundQuote } from './find.js';
import { findArabicQuotes } from './arabic.js';
import { inOtherScript, matchAcrossScripts } from './scripts.js';
import { findGermanQuotes } from './german.js';
import { findRomanceQuotes } from './romance.js';

export { findQuotes, lineParagraphs, type FoundQuote, type AttributionRule } from './find.js';
export { findGermanQuotes } from './german.js';
export { findRomanceQuotes } from './romance.js';
export { findArabicQuotes } from './arabic.js';
export { findQuoted, type Quoted } from './marks.js';
export { attributeQuotes, type AttributedQuote } from './attribute.js';

/** What the quotes stage reads from an article: its id, clean text and (optionally) paragraph spans. */
export interface QuoteInput {
  readonly id: string;
  readonly text: string;
  /** Paragraph spans into `text`; one paragraph per non-blank line when absent. */
  readonly paragraphs?: readonly Span[];
  /** ISO 639-1 language of the text (the text stage's `article.language`); English rules when absent or unknown. */
  readonly language?: string;
}

/** One article's quotes. */
export interface ArticleQuotes {
  readonly articleId: string;
  readonly quotes: readonly Quote[];
}

export interface QuoteAnalysis {
  /** One envelope per input article, in input order, its messages after the input's. */
  readonly articles: readonly Envelope<ArticleQuotes>[];
  /** The entities (people, organisations, places) the articles mention, resolved across them. */
  readonly entities: readonly Entity[];
  /** Every resolved mention: which article, where, which entity, by which rule. */
  readonly links: readonly MentionLink[];
}

export type QuotesOptions = EntityOptions;

export type QuotesStage = (articles: readonly Envelope<QuoteInput>[]) => QuoteAnalysis;

/** `qte_` + 16 hex digits from the article id and the quote's span: stable across runs. */
export function quoteId(articleId: string, span: Span): string {
  return `qte_${createHash('sha256').update(`${articleId}:${span.start}:${span.end}`).digest('hex').slice(0, 16)}`;
}

/** Quote finders by language (ISO 639-1); English rules for every other language. */
const FINDERS: Readonly<Record<string, (text: string, paragraphs: readonly Span[]) => FoundQuote[]>> = {
  de: findGermanQuotes,
  fr: (text, paragraphs) => findRomanceQuotes(text, paragraphs, 'fr'),
  es: (text, paragraphs) => findRomanceQuotes(text, paragraphs, 'es'),
  ar: findArabicQuotes,
};

/** The finder for an article's language (`de`, `de-AT` …), else the English one. */
export function quoteFinder(language: string | undefined): (text: string, paragraphs: readonly Span[]) => FoundQuote[] {
  const code = (language ?? '').toLowerCase().split(/[-_]/u)[0] ?? '';
  return FINDERS[code] ?? findQuotes;
}

/** Third-person pronouns by language whose speaker the English resolver does not know ("er", "sie", "il", "elle", "él", "ella"). */
const SPEAKER_PRONOUNS: Readonly<Record<string, ReadonlySet<string>>> = { de: new Set(['er', 'sie']), fr: new Set(['il', 'elle']), es: new Set(['él', 'ella']) };

/** How far back (characters) a pronoun may reach for the previous resolved speaker. */
const PRONOUN_REACH = 1500;

/**
 * A quote whose speaker mention is a pronoun of the article's language ("Er sagte, …") and that
 * the resolver left unresolved speaks for the previous quote's resolved person, when near.
 */
function resolvePronouns(text: string, quotes: readonly AttributedQuote[], language: string | undefined): AttributedQuote[] {
  const pronouns = SPEAKER_PRONOUNS[(language ?? '').toLowerCase().split(/[-_]/u)[0] ?? ''];
  if (!pronouns) return [...quotes];
  let previous: { personId: string; at: number } | undefined;
  return quotes.map((q) => {
    let out = q;
    const m = q.speakerMention;
    if (!q.personId && m && pronouns.has(text.slice(m.start, m.end).toLowerCase()) && previous && m.start - previous.at < PRONOUN_REACH) {
      out = { ...q, personId: previous.personId, rules: [...q.rules, 'pronoun-previous-speaker'] };
    }
    if (out.personId) previous = { personId: out.personId, at: out.span.end };
    return out;
  });
}

const excerpt = (text: string, s: Span): string => text.slice(s.start, Math.min(s.end, s.start + 200));

/** Make the quotes stage: find quotes in each article, resolve entities across all, attribute speakers. */
export function createQuotes(options: QuotesOptions = {}): QuotesStage {
  const resolve = createEntityResolver(options);
  return (inputs) => {
    const resolution = resolve(inputs.map((e) => ({ id: e.value.id, text: e.value.text })));
    const entities = new Map(resolution.entities.map((e) => [e.id, e] as const));
    // Each article's mention links, gathered in one pass (filtering every link per article grew with the square of a story's size).
    const linksOf = new Map<string, MentionLink[]>();
    for (const l of resolution.links) {
      let list = linksOf.get(l.articleId);
      if (!list) linksOf.set(l.articleId, (list = []));
      list.push(l);
    }
    // Speakers named in a form the recogniser left unlinked ("Hanage told us") become people of their own, one per name across the story.
    const adopted = new Map<string, Entity>();
    const adopt = (name: string): string | undefined => {
      const key = name.toLowerCase();
      let e = adopted.get(key);
      if (!e) {
        e = { id: `ent_${createHash('sha256').update(`speaker:${key}`).digest('hex').slice(0, 16)}`, kind: 'person', name, forms: [name], roles: [], evidence: [{ rule: 'unlinked-speaker-name', forms: [name] }] };
        adopted.set(key, e);
        entities.set(e.id, e);
      }
      return e.id;
    };
    // Speakers written in Arabic or Cyrillic script, matched to the story's people named in Latin script: the forms each gained.
    const scriptForms = new Map<string, EntityEvidence[]>();
    const people = [...resolution.entities].filter((e) => e.kind === 'person');
    const articles = inputs.map((env): Envelope<ArticleQuotes> => {
      const { id, text } = env.value;
      const found = quoteFinder(env.value.language)(text, env.value.paragraphs ?? lineParagraphs(text));
      const links = linksOf.get(id) ?? [];
      const messages: Message[] = [];
      const attributed = resolvePronouns(text, attributeQuotes(text, found, links, entities, adopt), env.value.language).map((q) => {
        const m = q.speakerMention;
        if (q.personId || !m || !inOtherScript(text.slice(m.start, m.end))) return q;
        const hit = matchAcrossScripts(text.slice(m.start, m.end), people);
        if (!hit) return q;
        const e = entities.get(hit.personId)!;
        const had = scriptForms.get(e.id) ?? [];
        if (!had.some((x) => x.forms[1] === hit.form)) had.push({ rule: 'across-scripts', forms: [e.name, hit.form], detail: `transliteration skeletons agree: ${hit.key}` });
        scriptForms.set(e.id, had);
        messages.push({ stage: 'analyze', ruleId: 'speaker-across-scripts', severity: 'info', reason: `"${hit.form}" is taken for ${e.name}: the name in another script and the Latin one share the transliteration skeleton "${hit.key}".`, span: m, layer: 'text', excerpt: excerpt(text, m), data: { personId: e.id, form: hit.form, key: hit.key } });
        return { ...q, personId: hit.personId, rules: [...q.rules, 'mention-across-scripts'] };
      });
      const quotes: Quote[] = attributed.map((q) => {
        if (q.unclosed) {
          messages.push({ stage: 'analyze', ruleId: 'quote-unclosed', severity: 'warning', reason: 'A quotation mark is never closed: the quote was taken to run to the end of its paragraph.', span: q.span, layer: 'text', excerpt: excerpt(text, q.span) });
        }
        if (!q.speakerMention) {
          messages.push({ stage: 'analyze', ruleId: 'quote-no-speaker', severity: 'info', reason: 'No speaker was found for this quote in its sentence or the ones before it.', span: q.span, layer: 'text', excerpt: excerpt(text, q.span) });
        } else if (!q.personId) {
          messages.push({ stage: 'analyze', ruleId: 'speaker-unresolved', severity: 'info', reason: 'The speaker mention could not be resolved to a person (no name, pronoun or role antecedent fits).', span: q.speakerMention, layer: 'text', excerpt: excerpt(text, q.speakerMention) });
        }
        return {
          id: quoteId(id, q.span),
          articleId: id,
          type: q.type,
          span: q.span,
          ...(q.segments.length > 1 ? { segments: q.segments } : {}),
          ...(q.cue ? { cue: q.cue } : {}),
          ...(q.speakerMention ? { speakerMention: q.speakerMention } : {}),
          ...(q.personId ? { personId: q.personId } : {}),
          attribution: q.rules,
        };
      });
      return { value: { articleId: id, quotes }, messages: [...env.messages, ...messages] };
    });
    const withScripts = (e: Entity): Entity => {
      const extra = scriptForms.get(e.id);
      if (!extra) return e;
      return { ...e, forms: [...e.forms, ...extra.map((x) => x.forms[1]!).filter((f) => !e.forms.includes(f))], evidence: [...(e.evidence ?? []), ...extra] };
    };
    return { articles, entities: [...resolution.entities, ...adopted.values()].map(withScripts), links: resolution.links };
  };
}
