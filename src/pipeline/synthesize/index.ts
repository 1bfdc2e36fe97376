/**
 * Synthesize: a story's report. `createReport(options)` runs every story analysis over one
 * {@link StoryInput} (statements once, its quote spans and entities handed to claims and naming),
 * builds the neutral headline and summary from the claims, and returns the {@link StoryReport}
 * with the messages of what the summary dropped or replaced. `reportStory` loads a stored story
 * and builds its report (what the CLI and the server call).
 */
import type { Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import type { ReportArticle, ReportStatement, StoryReport } from '../../model/report.js';
import type { Store } from '../../store/store.js';
import type { StoryInput } from '../analyze/input.js';
import type { PrimarySources } from '../../model/sources.js';
import type { SourceQuote } from '../analyze/sources/index.js';
import { createStatements, type StatementsOptions, type StoryStatements } from '../analyze/statements/index.js';
import { loadStoryInput } from '../story-input.js';
import { defaultAnalyses, type Analyses, type AnalysisContext } from './analyses.js';
import { summarise, type SummaryRules } from './summary.js';
import { createMentionRecognizer } from '../analyze/entities/index.js';
import { resolveArticleOutlets, storyOutlets } from '../analyze/outlets/index.js';
import { currentOutletRegistry } from '../analyze/outlets/config.js';
import type { OutletRegistry } from '../dedup/outlets.js';
import { readFileSync } from 'node:fs';

/** The report stage's own limits, each with its reason. */
const LIMITS = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as { readonly recognisedLines: { readonly value: number; readonly reason: string } };

export { checkFaithfulness, summarise, wordsOf, SUMMARY_RULES, type Faithfulness, type FindLoadedTerms, type LoadedTermMatch, type Summary, type SummaryOptions, type SummaryRules } from './summary.js';
export { renderReport, escapeHtml, safeUrl, type ReportFormat } from './render.js';
export { coverageChart, timelineChart, citationChart, coverageCells, coverageClaims, type ChartOptions, type CoverageCell, type CoverageState } from './charts.js';
export { defaultAnalyses, type Analyses, type AnalysisContext, type QuoteSpans } from './analyses.js';

export interface ReportOptions {
  /** Analyses to use instead of the shipped ones (any subset). */
  readonly analyses?: Partial<Analyses>;
  /** Options of the statements analysis (entity aliases, thresholds). */
  readonly statements?: StatementsOptions;
  /** Summary rules instead of the shipped `rules.json`. */
  readonly summaryRules?: SummaryRules;
  /** The outlet registry naming each article's outlet; default: the bundled one plus the user's outlets file (`--outlets` / `$PARALLAX_OUTLETS`). */
  readonly outlets?: OutletRegistry;
}

/** A report, and the statements analysis it was built from (who-said-what is stored from it: `analyses.ts`). */
export type ReportStage = (story: StoryInput) => Envelope<StoryReport> & { readonly statements: StoryStatements };

/** Every quote of a story as the primary-sources analysis reads it: its content, its cue ("said", "told") and how the article names its speaker. */
function sourceQuotes(st: StoryStatements, story: StoryInput): SourceQuote[] {
  const texts = new Map(story.articles.map((a) => [a.id, a.text] as const));
  return st.articles.flatMap((a) =>
    a.value.quotes.flatMap((q) =>
      [
        {
          articleId: q.articleId,
          ...(q.personId ? { personId: q.personId } : {}),
          ...(q.speakerMention ? { speaker: (texts.get(q.articleId) ?? '').slice(q.speakerMention.start, q.speakerMention.end) } : {}),
          content: q.segments ?? [q.span],
          spans: [...(q.segments ?? [q.span]), ...(q.cue ? [q.cue] : [])],
        },
      ],
    ),
  );
}

/**
 * What a story's families rest on, without the claims (what `parallax story` shows): the
 * statements analysis, citations and credits only. The report's `primarySources` adds each claim's.
 */
export function primarySourcesOf(story: StoryInput, options: ReportOptions = {}): PrimarySources {
  const analyses: Analyses = { ...defaultAnalyses(), ...options.analyses };
  const st = createStatements(options.statements ?? {})({ value: { storyId: story.storyId, articles: story.articles }, messages: [] }).value;
  const names = new Map(st.entities.map((e) => [e.id, e.name] as const));
  const roles = new Map(st.entities.map((e) => [e.id, e.roles] as const));
  return analyses.primarySources(story, { quotes: sourceQuotes(st, story), people: names, roles, citations: analyses.citations(story) });
}

/** Load story `id` (a story id, or an article's id) and say what its families rest on ({@link primarySourcesOf}). */
export async function storyPrimarySources(store: Store, id: string, location: string, options: ReportOptions = {}): Promise<PrimarySources> {
  return primarySourcesOf(await loadStoryInput(store, id, location), options);
}

/** Make the report builder (see the module comment). Pure: the same story gives the same report. */
export function createReport(options: ReportOptions = {}): ReportStage {
  // One recognition of each line's mentions, shared by the quotes and the event's place, and by
  // reports built one after another (bounded: limits.json).
  const recognize = createMentionRecognizer(options.statements ?? {}, LIMITS.recognisedLines.value);
  const analyses: Analyses = { ...defaultAnalyses({ recognize }), ...options.analyses };
  const statementsStage = createStatements({ ...options.statements, recognize });
  const registry = options.outlets ?? currentOutletRegistry();
  return (story) => {
    const statementsEnv = statementsStage({ value: { storyId: story.storyId, articles: story.articles }, messages: [] });
    const st = statementsEnv.value;
    const context: AnalysisContext = {
      quotes: st.articles.map((a) => ({ articleId: a.value.articleId, spans: a.value.quotes.flatMap((q) => q.segments ?? [q.span]) })),
      entities: st.entities,
      statements: st.statements.map((s) => ({
        quoteSpans: s.renderings.flatMap((r) => (r.quote.segments ?? [r.quote.span]).map((span) => ({ articleId: r.quote.articleId, span }))),
      })),
    };
    const claimsEnv = analyses.claims(story, context);
    const { claims, coverage } = claimsEnv.value;
    const summary = summarise(story, claims, { findLoadedTerms: analyses.findLoadedTerms, ...(options.summaryRules ? { rules: options.summaryRules } : {}) });
    const names = new Map(st.entities.map((e) => [e.id, e.name] as const));
    // Statements whose speaker was not resolved come last, with a null speaker.
    const statements: ReportStatement[] = [...st.statements, ...st.single, ...st.unattributedStatements].map((s) => ({
      id: s.id,
      personId: s.personId,
      speaker: s.personId === null ? null : (names.get(s.personId) ?? s.personId),
      renderings: s.renderings.map((r) => ({
        articleId: r.quote.articleId,
        site: r.site,
        type: r.quote.type,
        text: r.text,
        span: r.quote.span,
        anchor: r.anchor,
        similarity: r.similarity,
        alignment: r.alignment.map((w) => ({ op: w.op, word: w.word, ...(w.gloss !== undefined ? { gloss: w.gloss } : {}) })),
        ...(r.language !== undefined ? { language: r.language } : {}),
      })),
    }));
    const citations = analyses.citations(story);
    const resolved = resolveArticleOutlets(story.articles, registry, citations);
    const outletOf = new Map(resolved.map((r) => [r.articleId, r.key] as const));
    const articles: ReportArticle[] = story.articles.map((a) => ({
      id: a.id,
      site: a.site,
      title: a.title ?? '',
      ...(a.url !== undefined ? { url: a.url } : {}),
      ...(a.published !== undefined ? { published: a.published } : {}),
      language: a.language,
      familyId: a.familyId,
      derivation: a.derivation,
      outletKey: outletOf.get(a.id)!,
    }));
    const roles = new Map(st.entities.map((e) => [e.id, e.roles] as const));
    const primarySources = analyses.primarySources(story, { quotes: sourceQuotes(st, story), people: names, roles, citations, claims });
    const when = analyses.eventTime(story);
    const where = analyses.eventPlace(story);
    const messages: Message[] = [...statementsEnv.messages, ...claimsEnv.messages, ...summary.messages];
    // The analyses' caps on very large stories (their '-capped' messages) reach the reader, not only the messages.
    const limits = messages.filter((m) => m.ruleId.endsWith('-capped')).map((m) => ({ ruleId: m.ruleId, text: m.reason }));
    const report: StoryReport = {
      storyId: story.storyId,
      headline: summary.headline,
      summary: summary.summary,
      ...(when ? { when } : {}),
      ...(where ? { where } : {}),
      articles,
      outlets: storyOutlets(resolved),
      sourceCount: new Set(story.articles.map((a) => a.familyId)).size,
      primarySources,
      statements,
      people: st.people.map((p) => p.entity),
      claims,
      coverage,
      naming: analyses.naming(story, context),
      citations,
      timeline: analyses.timeline(story),
      ...(limits.length > 0 ? { limits } : {}),
    };
    return { value: report, messages, statements: st };
  };
}

/**
 * Load story `id` (a story id, or an article's id) from `store` and build its report with the
 * shipped analyses. Throws `STORY_NOT_FOUND` (naming `location`) when there is no such story.
 */
export async function reportStory(store: Store, id: string, location: string, options: ReportOptions = {}): Promise<StoryReport> {
  const story = await loadStoryInput(store, id, location);
  return createReport(options)(story).value;
}
