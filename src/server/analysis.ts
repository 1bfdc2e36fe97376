/**
 * Story analyses as the API serves them: reports, who said what (statements) and people, computed
 * by an `AnalysisRunner` (worker processes for the server; see `pool.ts`) and remembered per app as
 * response text by the story's stored member fingerprint, so a page that asks twice pays once and a story
 * that gained or lost members is analysed afresh. The cache is bounded (oldest use forgotten
 * first). A computation is admitted through the budget (see `budget.ts`); a remembered answer, or
 * one already being computed for someone else, costs nothing.
 */
import { createError } from '../errors.js';
import type { Claim, OutletCoverage } from '../model/claim.js';
import type { StoryStatements } from '../pipeline/analyze/statements/index.js';
import type { Store } from '../store/store.js';
import type { Budget } from './budget.js';
import type { AnalysisRunner, AnalysisTask, TaskStory } from './tasks.js';
import type { StatementQuery } from '../pipeline/analyses.js';

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

/** A view of one story, as response text: report JSON or HTML page, its claims, its statements. */
export type StoryView = 'report-json' | 'report-html' | 'claims' | 'statements';

/** Analyses of stored stories, remembered by fingerprint. */
export interface StoryAnalyses {
  /** View `kind` of story `id` (a story id or a member article id), computed for `client`. */
  view(kind: StoryView, id: string, client: string): Promise<string>;
  /** People merged over stories `ids` (`{ stories, people }` as JSON text). */
  people(ids: readonly string[], client: string): Promise<string>;
  /** Statements across every analysed story (`{ hits, searched, stale }` as JSON text); never remembered. */
  searchStatements(query: StatementQuery, client: string): Promise<string>;
}

export interface StoryAnalysesOptions {
  readonly store: Store;
  /** How the store is named in errors. */
  readonly location: string;
  /** Results remembered at most (all kinds together). */
  readonly cacheSize: number;
  readonly runner: AnalysisRunner;
  readonly budget: Budget;
}

/** Make the per-app analyses (see the module comment). */
export function createStoryAnalyses(options: StoryAnalysesOptions): StoryAnalyses {
  const { store, location, cacheSize, runner, budget } = options;
  const cache = new Map<string, Promise<string>>();

  // The stored member fingerprint, as the stored analyses are keyed (stories.ts rebuilds a story's
  // families only when its members change): one row, where reading the story's members cost
  // 190 ms of the request thread for a story of 2,650 articles.
  const storyOf = async (id: string): Promise<TaskStory> => {
    const storyId = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
    const fingerprint = storyId ? (await store.stories.fingerprints(storyId)).get(storyId) : undefined;
    if (storyId === undefined || fingerprint === undefined) throw createError('STORY_NOT_FOUND', { id, db: location });
    return { storyId, fingerprint };
  };

  const memo = (key: string, task: AnalysisTask, client: string): Promise<string> => {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const release = budget.admit(client);
    const running = runner.run(task);
    running.then(release, release);
    cache.set(key, running);
    // A failed computation is not remembered.
    running.catch(() => {
      if (cache.get(key) === running) cache.delete(key);
    });
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
    return running;
  };

  return {
    async view(kind, id, client) {
      const story = await storyOf(id);
      return memo(`${kind}:${story.storyId}:${story.fingerprint}`, { kind, story }, client);
    },
    async people(ids, client) {
      const stories: TaskStory[] = [];
      for (const id of ids) stories.push(await storyOf(id));
      return memo(`people:${stories.map((s) => `${s.storyId}:${s.fingerprint}`).join(',')}`, { kind: 'people', stories }, client);
    },
    async searchStatements(query, client) {
      // Stored analyses change with every analysis run: the answer is computed each time.
      const release = budget.admit(client);
      try {
        return await runner.run({ kind: 'search-statements', query });
      } finally {
        release();
      }
    },
  };
}
