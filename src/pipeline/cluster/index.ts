/**
 * Cluster stage: articles in, stories out, one article at a time.
 *
 * `createClusterer(options?, state?)` returns a streaming clusterer: `add(article)` joins the
 * article to the most similar live story (word stems and names, TF-IDF over the stream so far,
 * damped by time) or starts a new one, merging stories the article shows to be one event;
 * `consolidate()` merges close stories at the end of a batch and splits a changed story that has
 * become two events (two halves of its articles far apart); `snapshot()` returns the whole state
 * as JSON-safe data that a later `createClusterer(options, state)` continues from. Every membership
 * carries its score and shared terms, every merge and split an `info` message, and every story the
 * log of what happened to it (`StoryView.events`). Defaults live in `settings.json`, word lists in
 * `words.json`.
 */
import { buildClusterer, type Clusterer, type ClusterState } from './clusterer.js';
import { resolveSettings, type ClusterOptions } from './settings.js';

export type { ArticleState, Assignment, ClusterInput, Clusterer, ClusterState, StoryEvent, StoryMember, StoryState, StoryView } from './clusterer.js';
export type { ClusterOptions, ClusterSettings } from './settings.js';
export { DEFAULT_SETTINGS } from './settings.js';

/**
 * Create a streaming clusterer. Options override the defaults of `settings.json`
 * (CLUSTER_OPTIONS_INVALID when out of range); `state` is a {@link ClusterState} from `snapshot()`
 * (CLUSTER_STATE_INVALID when it cannot be read). Restoring a snapshot and adding the same
 * articles gives the same assignments as never having stopped, provided the options are the same.
 */
export function createClusterer(options?: ClusterOptions, state?: ClusterState): Clusterer {
  return buildClusterer(resolveSettings(options), state);
}
