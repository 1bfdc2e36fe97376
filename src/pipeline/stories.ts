/**
 * The stories run: stored articles → dedup (families of copies) → streaming story clustering,
 * saved back through the store.
 *
 * Articles not yet in a story are fed to the clusterer in publication order (undated ones last,
 * in the order they were stored); the clusterer's state is kept in the store, so each run only
 * adds what is new and never recomputes the corpus. After the batch, every story whose membership
 * changed gets its families rebuilt: copies of one original (reposts, syndicated copies, rewrites)
 * form one family, and the number of families is the story's number of independent sources.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../model/article.js';
import type { Message } from '../model/message.js';
import type { Family, Story } from '../model/story.js';
import type { LockLease, Store } from '../store/store.js';
import type { StoryRecord } from '../store/stories.js';
import { createClusterer, type ClusterOptions, type ClusterState, type StoryView } from './cluster/index.js';
import { buildFamilies, toDedupInput, type OutletRegistry } from './dedup/index.js';
import { isParallaxError } from '../errors.js';
import { comparePublished } from '../model/published.js';
import { feedFollows } from './follow/run.js';

export interface StoriesOptions {
  readonly store: Store;
  readonly cluster?: ClusterOptions;
  readonly outlets?: OutletRegistry;
  /** Articles read from the store per round trip (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (p: { readonly done: number; readonly total: number }) => void;
}

export interface StoriesSummary {
  /** Articles assigned to stories by this run. */
  readonly assigned: number;
  /** Stories created or changed, and stories absorbed by merges. */
  readonly changed: number;
  /** Ids of the stories created or changed (those whose analyses are now stale). */
  readonly changedIds: readonly string[];
  readonly removed: number;
  readonly stories: number;
  /** Merge and repair messages from the clusterer. */
  readonly messages: readonly Message[];
}

const STATE_KEY = 'cluster';

/**
 * The clusterer, continuing from the saved state; a state it cannot read (one saved by an earlier
 * version of the clusterer) is set aside and every stored article is grouped afresh, with a
 * `rebuild-stories` message saying so.
 */
function startClusterer(cluster: ClusterOptions | undefined, state: ClusterState | undefined): { clusterer: ReturnType<typeof createClusterer>; rebuild?: Message } {
  try {
    return { clusterer: createClusterer(cluster, state) };
  } catch (err) {
    if (!isParallaxError(err, 'CLUSTER_STATE_INVALID')) throw err;
    const rebuild: Message = {
      stage: 'cluster',
      ruleId: 'rebuild-stories',
      reason: `The saved story grouping could not be continued (${err.message}); every stored article is grouped into stories afresh.`,
      severity: 'warning',
    };
    return { clusterer: createClusterer(cluster), rebuild };
  }
}

/** Every stored article, oldest publication first (undated last), then in the order stored. */
async function allArticleIds(store: Store): Promise<string[]> {
  const rows: { id: string; at: Article['publishedResolved']; n: number }[] = [];
  for await (const s of store.articles.iterate()) rows.push({ id: s.article.id, at: s.article.publishedResolved, n: rows.length });
  rows.sort((a, b) => comparePublished(a.at, b.at) || a.n - b.n);
  return rows.map((r) => r.id);
}

/** A deterministic fingerprint of a story's member list, to tell which stories changed. */
function membersHash(view: StoryView): string {
  const ids = view.members.map((m) => m.articleId).sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}

/** Name of the store lock the stories run holds from reading the clusterer state to saving. */
export const STORIES_LOCK = 'stories';

/**
 * Assign every article not yet in a story, then rebuild the families of the stories that changed.
 *
 * Runs under the store's `stories` lock, from reading the clusterer state and the pending articles
 * to saving: two runs at once (two ingests on one database) take turns, and the second sees what the
 * first saved, so every article ends in exactly one story.
 */
export async function runStories(options: StoriesOptions): Promise<StoriesSummary> {
  const summary = await options.store.withLock(STORIES_LOCK, (lease) => buildStories(options, lease));
  // Follows of the changed stories get their new articles (never fails the run).
  await feedFollows(options.store, summary.changedIds);
  return summary;
}

/** Renewals at most once a second between steps (a round trip each); `now` renews whatever the time. */
function renewer(lease: LockLease): (now?: boolean) => Promise<void> {
  let last = Date.now();
  return async (now = false) => {
    if (!now && Date.now() - last < 1000) return;
    await lease.renew();
    last = Date.now();
  };
}

async function buildStories(options: StoriesOptions, lease: LockLease): Promise<StoriesSummary> {
  const { store } = options;
  const renew = renewer(lease);
  const batchSize = options.batchSize ?? 500;
  const state = (await store.analysis.getState(STATE_KEY)) as ClusterState | undefined;
  const start = startClusterer(options.cluster, state);
  const clusterer = start.clusterer;

  const pending = start.rebuild ? await allArticleIds(store) : await store.stories.pendingArticleIds();
  let done = 0;
  for (let i = 0; i < pending.length; i += batchSize) {
    const ids = pending.slice(i, i + batchSize);
    for (const stored of await store.articles.getMany(ids)) {
      const a = stored.article;
      clusterer.add({
        id: a.id,
        text: a.text,
        ...(a.title !== undefined ? { title: a.title } : {}),
        ...(a.publishedResolved ? { published: a.publishedResolved.value } : {}),
        language: a.language.code,
      });
      done++;
    }
    options.onProgress?.({ done, total: pending.length });
    await renew();
  }
  const messages = [...(start.rebuild ? [start.rebuild] : []), ...clusterer.consolidate()];

  const views = clusterer.stories();
  const known = await store.stories.fingerprints();
  const live = new Set(views.map((v) => v.id));
  const upsert: StoryRecord[] = [];
  for (const view of views) {
    const hash = membersHash(view);
    if (known.get(view.id) === hash) continue;
    upsert.push(await storyRecord(store, view, hash, options.outlets));
    await renew();
  }
  const remove = [...known.keys()].filter((id) => !live.has(id));
  // Saving after the lock was taken over would overwrite the other run's stories: check first.
  await renew(true);
  await store.saveStories({ upsert, remove, state: [{ key: STATE_KEY, value: clusterer.snapshot() }] });
  return { assigned: done, changed: upsert.length, changedIds: upsert.map((u) => u.story.id), removed: remove.length, stories: views.length, messages };
}

async function storyRecord(store: Store, view: StoryView, hash: string, outlets: OutletRegistry | undefined): Promise<StoryRecord> {
  const articles: Article[] = (await store.articles.getMany(view.members.map((m) => m.articleId))).map((s) => s.article);
  // Oldest first, so that with no other evidence the earlier article is taken as the original.
  articles.sort((x, y) => comparePublished(x.publishedResolved, y.publishedResolved) || x.id.localeCompare(y.id));
  const families = buildFamilies(articles.map(toDedupInput), undefined, { storyId: view.id, ...(outlets ? { outlets } : {}) });
  const story: Story = {
    id: view.id,
    title: storyTitle(articles, families),
    articleIds: view.members.map((m) => m.articleId),
    ...(view.firstSeen ? { firstSeen: view.firstSeen } : {}),
    ...(view.lastSeen ? { lastSeen: view.lastSeen } : {}),
    sourceCount: families.length,
    ...(view.events.length > 0 ? { events: view.events } : {}),
  };
  return { story, members: view.members, families, membersHash: hash };
}

/**
 * A working title until the synthesize stage writes a neutral one: the headline of the most
 * reproduced original (the largest family; the earliest on ties), else any headline, else the
 * opening of the first sentence.
 */
function storyTitle(articles: readonly Article[], families: readonly Family[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const ranked = [...families].sort((x, y) => y.members.length - x.members.length);
  for (const f of ranked) {
    const title = byId.get(f.originalId)?.title;
    if (title) return title;
  }
  const titled = articles.find((a) => a.title);
  if (titled?.title) return titled.title;
  const first = articles[0];
  const sentence = first?.sentences[0];
  if (!first || !sentence) return '(untitled story)';
  const text = first.text.slice(sentence.start, sentence.end).trim();
  return text.length <= 90 ? text : `${text.slice(0, text.lastIndexOf(' ', 88))}…`;
}
