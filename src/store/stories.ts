/**
 * Stored stories: what the stories run saves, and how stories are read back.
 *
 * A story is saved whole with its members (each with the evidence it joined on) and its families
 * (each member's derivation and the evidence for it). The clusterer's state is saved beside it in
 * the same transaction, so a crash never leaves stories and state out of step.
 */
import type { Family, Story } from '../model/story.js';
import type { ArticleFilter, ArticleSummary } from './store.js';

/** One member of a stored story, with why it joined. */
export interface StoryMemberRecord {
  readonly articleId: string;
  /** Similarity to the story when the article joined (0..1). */
  readonly score: number;
  /** Names and words shared with the story, most telling first. */
  readonly sharedTerms: readonly string[];
}

/** A story as the stories run saves it. */
export interface StoryRecord {
  readonly story: Story;
  readonly members: readonly StoryMemberRecord[];
  readonly families: readonly Family[];
  /** Fingerprint of the member list; a story whose fingerprint is unchanged is not rewritten. */
  readonly membersHash: string;
}

/** One atomic update of the stories. */
export interface StoriesUpdate {
  /** Stories created or changed: each replaces the stored story of that id (members and families too). */
  readonly upsert: readonly StoryRecord[];
  /** Stories that no longer exist (merged into others). */
  readonly remove: readonly string[];
  /** Analysis state to keep (e.g. the clusterer's snapshot), by key; values are JSON. */
  readonly state: readonly { readonly key: string; readonly value: unknown }[];
}

/** One line of a story listing. */
export interface StorySummary {
  readonly id: string;
  readonly title: string;
  readonly articleCount: number;
  /** Independent sources: the number of families. */
  readonly sourceCount: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/**
 * A listing query over stories. `language`, `since`, `until` and `site` select the stories with at
 * least one member article matching all of them, as the article listing reads them (so `site`
 * plus `since` finds stories that outlet covered on or after that date).
 */
export interface StoryListQuery extends Omit<ArticleFilter, 'search'> {
  readonly limit?: number;
  readonly offset?: number;
  /** Only stories with at least this many articles. */
  readonly minArticles?: number;
  /** Words that must all occur in the story's title. */
  readonly search?: string;
}

/** An article as a member of a stored story: its summary, why it joined, and its family. */
export interface StoryMemberView extends StoryMemberRecord {
  readonly article: ArticleSummary;
  readonly familyId: string;
  readonly derivation: Family['members'][number]['derivation'];
  /** Share of the article's words reused from its family's original (1 for the original). */
  readonly reuse: number;
  readonly evidence: readonly string[];
}

/** A stored story with its members and families. */
export interface StoredStory {
  readonly story: Story;
  readonly members: readonly StoryMemberView[];
  readonly families: readonly Family[];
}

/** Reads over stored stories. */
export interface StoryReads {
  /** Largest stories first (by independent sources, then articles, then latest date). */
  list(query?: StoryListQuery): Promise<{ readonly items: readonly StorySummary[]; readonly total: number }>;
  get(id: string): Promise<StoredStory | undefined>;
  /** The story holding an article, if any. */
  ofArticle(articleId: string): Promise<string | undefined>;
  count(): Promise<number>;
  /** Every stored story's member fingerprint, by story id; or only story `id`'s (empty when there is none). */
  fingerprints(id?: string): Promise<Map<string, string>>;
  /** Ids of articles in no story yet, oldest publication first (undated last), then in save order. */
  pendingArticleIds(): Promise<string[]>;
  /** Whether any stored article is in no story yet (cheaper than listing them). */
  hasPending(): Promise<boolean>;
}

/**
 * A story's analysis as one run computed it (a report, or its statements), kept so that reports,
 * the web UI and the API read it instead of computing it again. It belongs to the story as it was:
 * `membersHash` is the story's member fingerprint then and `version` the analyses' version, so a
 * story whose members changed, or analyses of another Parallax version, show it to be stale.
 */
export interface StoredAnalysis {
  readonly storyId: string;
  /** What was computed: `report` (a StoryReport) or `statements` (who said what). */
  readonly kind: string;
  /** The story's member fingerprint when it was computed. */
  readonly membersHash: string;
  /** Version of the analyses that computed it (see `src/pipeline/analyses.ts`). */
  readonly version: string;
  /** The result as JSON text. */
  readonly body: string;
  /** When it was computed (ISO 8601). */
  readonly computedAt: string;
}

/** Keyed JSON state of the analysis stages, and the stories' stored analyses. */
export interface AnalysisStateReads {
  getState(key: string): Promise<unknown>;
  /**
   * Story `storyId`'s stored analysis of `kind`, fresh or stale, with whether the story still has
   * the members it was computed for; undefined when none was stored.
   */
  get(storyId: string, kind: string): Promise<(StoredAnalysis & { readonly sameMembers: boolean }) | undefined>;
  /**
   * Ids of stories whose analysis of `kind` is missing, was computed for other members, or by
   * another `version`: the stories an analysis run has to do, largest first (by articles).
   */
  stale(kind: string, version: string): Promise<string[]>;
  /**
   * Stored analyses of `kind`, fresh or stale, by story id: at most `limit` after story id `after`
   * (a page; the next one starts after the last id returned). For questions across stories.
   */
  page(kind: string, after: string | undefined, limit: number): Promise<(StoredAnalysis & { readonly sameMembers: boolean })[]>;
}
