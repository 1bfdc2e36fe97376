/**
 * Story analyses as the API serves them: who said what (statements) per story, remembered per app
 * by the story's member fingerprint, so a page that asks twice pays once and a story that gained
 * or lost members is analysed afresh. The cache is bounded (oldest use forgotten first).
 */
import { createHash } from 'node:crypto';
import { createError } from '../errors.js';
import type { Claim, OutletCoverage } from '../model/claim.js';
import type { StoryReport } from '../model/report.js';
import type { StoryStatements } from '../pipeline/analyze/statements/index.js';
import { loadStoryInput } from '../pipeline/story-input.js';
import type { Store } from '../store/store.js';
import type { StoredStory } from '../store/stories.js';

/** A story member as the quotes view shows it: its outlet and its family (independent source). */
export interface QuoteMember {
  readonly articleId: string;
  readonly site: string;
  readonly familyId: string;
  readonly derivation: string;
}

/** `GET /api/stories/{id}/quotes`: the story's statements without the per-article quote envelopes. */
export type StoryQuotes = Omit<StoryStatements, 'articles'> & { readonly title: string; readonly members: readonly QuoteMember[] };

/** `GET /api/stories/{id}/claims`: the report's claims and each outlet's coverage of them. */
export interface StoryClaims {
  readonly storyId: string;
  readonly sourceCount: number;
  readonly claims: readonly Claim[];
  readonly coverage: readonly OutletCoverage[];
}

/** Analyses of stored stories, remembered by fingerprint. */
export interface StoryAnalyses {
  /** Statements, people and unattributed quotes of story `id` (a story id or a member article id). */
  statements(id: string): Promise<StoryQuotes>;
  /** The story's report (headline, summary, when and where, statements, claims, coverage, naming, timeline). */
  report(id: string): Promise<StoryReport>;
  /** The report as JSON text, serialised once per fingerprint (the report is large; a busy page asks often). */
  reportJson(id: string): Promise<string>;
  /** The report as the self-contained HTML page of `parallax report` (no script; source text escaped). */
  reportHtml(id: string): Promise<string>;
  /**
   * `compute(storyId)` remembered under `kind` and the story's fingerprint: the same story with the
   * same members is computed once while it stays in the cache.
   */
  memo<T>(kind: string, id: string, compute: (storyId: string) => Promise<T>): Promise<T>;
}

export interface StoryAnalysesOptions {
  readonly store: Store;
  /** How the store is named in errors. */
  readonly location: string;
  /** Results remembered at most (all kinds together). */
  readonly cacheSize: number;
}

/** Make the per-app analyses (see the module comment). */
export function createStoryAnalyses(options: StoryAnalysesOptions): StoryAnalyses {
  const { store, location, cacheSize } = options;
  const cache = new Map<string, Promise<unknown>>();

  const storyOf = async (id: string): Promise<StoredStory> => {
    const storyId = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
    const story = storyId ? await store.stories.get(storyId) : undefined;
    if (!story) throw createError('STORY_NOT_FOUND', { id, db: location });
    return story;
  };

  const memo = async <T>(kind: string, id: string, compute: (storyId: string) => Promise<T>): Promise<T> => {
    const story = await storyOf(id);
    const key = `${kind}:${story.story.id}:${fingerprint(story)}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit as Promise<T>;
    }
    const running = compute(story.story.id);
    cache.set(key, running);
    // A failed computation is not remembered.
    running.catch(() => cache.delete(key));
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return running;
  };

  const report = (id: string) =>
    memo('report', id, async (storyId) => {
      const { reportStory } = await import('../pipeline/synthesize/index.js');
      return reportStory(store, storyId, location);
    });
  return {
    memo,
    report,
    reportJson: (id) => memo('report-json', id, async (storyId) => JSON.stringify(await report(storyId))),
    reportHtml: (id) =>
      memo('report-html', id, async (storyId) => {
        const { renderReport } = await import('../pipeline/synthesize/index.js');
        return renderReport(await report(storyId), 'html');
      }),
    statements: (id) =>
      memo('statements', id, async (storyId) => {
        const input = await loadStoryInput(store, storyId, location);
        // The NLP modules load on the first analysis, not when the server starts.
        const { createStatements } = await import('../pipeline/analyze/statements/index.js');
        const { articles: _articles, ...result } = createStatements()({ value: { storyId, articles: input.articles }, messages: [] }).value;
        void _articles;
        const members = input.articles.map((a) => ({ articleId: a.id, site: a.site, familyId: a.familyId, derivation: a.derivation }));
        return { ...result, title: input.title, members };
      }),
  };
}

/** The members, their families and derivations: what a story's analyses depend on. */
function fingerprint(story: StoredStory): string {
  const h = createHash('sha256');
  for (const m of story.members) h.update(`${m.articleId}\u0000${m.familyId}\u0000${m.derivation}\u0001`);
  return h.digest('hex').slice(0, 16);
}
