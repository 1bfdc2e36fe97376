/**
 * The follow step of a run: after the stories run (new members) and after the analyses run (new
 * reports), the changed stories are read back, the entries they make for every follow computed
 * (`feedEntries`), those the follows have not seen stored, and each follow's new entries POSTed to
 * its webhook. It never fails the run: an error is returned in the summary.
 */
import type { StoryReport } from '../../model/report.js';
import type { FeedEntry, Follow, StoredFollow } from '../../store/follows.js';
import type { Store } from '../../store/store.js';
import { feedEntries, followItems, type ChangedStory, type ResolvedFollow } from './index.js';
import { deliver, type WebhookOptions } from './webhook.js';

export interface FollowRunOptions extends WebhookOptions {
  /** The analyses version a stored report must have to be read (default: the current one). */
  readonly analysesVersion?: string;
}

export interface FollowRunSummary {
  /** Entries added to the feed. */
  readonly added: readonly FeedEntry[];
  /** Webhook deliveries tried, and of them failed. */
  readonly delivered: number;
  readonly failed: number;
  /** Why the step failed, if it did (the run itself goes on). */
  readonly error?: string;
}

/** The current analyses version (read lazily: `analyses.ts` loads the package file). */
async function currentVersion(): Promise<string> {
  return (await import('../analyses.js')).ANALYSES_VERSION;
}

/** A story follow's story now: the one holding its anchor article, else the id it was given. */
async function resolve(store: Store, follow: Follow): Promise<ResolvedFollow> {
  if (follow.kind !== 'story') return follow;
  const held = follow.anchor !== undefined ? await store.stories.ofArticle(follow.anchor) : undefined;
  if (held !== undefined) return { ...follow, storyId: held };
  return (await store.stories.fingerprints(follow.target)).size > 0 ? { ...follow, storyId: follow.target } : follow;
}

/** A stored story as the follow step reads it: members, and its current report if any. */
export async function readChangedStory(store: Store, storyId: string, version: string): Promise<ChangedStory | undefined> {
  const stored = await store.stories.get(storyId);
  if (stored === undefined) return undefined;
  const found = await store.analysis.get(storyId, 'report');
  const report = found !== undefined && found.sameMembers && found.version === version ? (JSON.parse(found.body) as StoryReport) : undefined;
  return {
    storyId,
    title: stored.story.title,
    articles: stored.members.map((m) => ({
      id: m.article.id,
      ...(m.article.title !== undefined ? { title: m.article.title } : {}),
      ...(m.article.siteName !== undefined ? { site: m.article.siteName } : m.article.url !== undefined ? { site: hostOf(m.article.url) } : {}),
      ...(m.article.url !== undefined ? { url: m.article.url } : {}),
    })),
    ...(report !== undefined ? { report } : {}),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/**
 * Feed the follows from the stories `ids` (story ids, or ids of articles in them) that changed:
 * store their new entries and deliver them to webhooks. Cheap when nothing is followed (one read).
 */
export async function feedFollows(store: Store, ids: readonly string[], options: FollowRunOptions = {}): Promise<FollowRunSummary> {
  try {
    if (ids.length === 0) return { added: [], delivered: 0, failed: 0 };
    const follows = await store.follows.list();
    if (follows.length === 0) return { added: [], delivered: 0, failed: 0 };
    const version = options.analysesVersion ?? (await currentVersion());
    const storyIds = new Set<string>();
    for (const id of ids) {
      const sid = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
      if (sid !== undefined) storyIds.add(sid);
    }
    const changed: ChangedStory[] = [];
    for (const id of storyIds) {
      const story = await readChangedStory(store, id, version);
      if (story !== undefined) changed.push(story);
    }
    const resolved = await Promise.all(follows.map((f) => resolve(store, f)));
    // A followed story that now goes by another id (a merge, a re-grouping) is followed under it.
    for (const f of resolved) {
      const now = f.storyId;
      if (f.kind === 'story' && now !== undefined && now !== f.target) {
        const { storyId: _old, delivery: _delivery, ...kept } = f as ResolvedFollow & { delivery?: unknown };
        void _old;
        void _delivery;
        await store.saveFollow({ ...kept, target: now }, []);
      }
    }
    const now = (options.now ?? (() => new Date()))().toISOString();
    const added = await store.addFeedEntries(feedEntries(resolved, changed, now));
    const allowPrivateNetwork = options.allowPrivateNetwork ?? process.env.PARALLAX_WEBHOOK_ALLOW_PRIVATE === '1';
    let delivered = 0;
    let failed = 0;
    for (const follow of follows) {
      const mine = added.filter((e) => e.followId === follow.id);
      const outcome = await deliver(follow, mine, { ...options, allowPrivateNetwork });
      if (outcome === undefined) continue;
      delivered++;
      if (!outcome.ok) failed++;
      await store.recordDelivery(follow.id, outcome);
    }
    return { added, delivered, failed };
  } catch (err) {
    return { added: [], delivered: 0, failed: 0, error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The keys a new follow has seen from the start: its items in every stored story (a story follow:
 * only its story), so following something reports only what is new from now on.
 */
export async function baselineKeys(store: Store, follow: Follow, options: { readonly analysesVersion?: string } = {}): Promise<{ readonly follow: ResolvedFollow; readonly keys: string[] }> {
  const version = options.analysesVersion ?? (await currentVersion());
  const resolved = await resolve(store, follow);
  const keys = new Set<string>();
  const add = (story: ChangedStory | undefined): void => {
    if (story !== undefined) for (const item of followItems(resolved, story)) keys.add(item.key);
  };
  if (resolved.kind === 'story') {
    if (resolved.storyId !== undefined) add(await readChangedStory(store, resolved.storyId, version));
    return { follow: resolved, keys: [...keys] };
  }
  for (let offset = 0; ; offset += 200) {
    const page = await store.stories.list({ limit: 200, offset });
    for (const s of page.items) add(await readChangedStory(store, s.id, version));
    if (page.items.length < 200) break;
  }
  return { follow: resolved, keys: [...keys] };
}

export type { StoredFollow };
