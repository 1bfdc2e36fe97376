/**
 * Making and listing follows, shared by the CLI (`parallax follow`) and the API (`/api/follows`):
 * checks what is followed, names the follow by what it follows (following the same thing twice
 * gives the same follow), and marks what is already there as seen.
 */
import { createHash } from 'node:crypto';
import { createError } from '../../errors.js';
import { FOLLOW_KINDS, type FollowKind, type StoredFollow } from '../../store/follows.js';
import type { Store } from '../../store/store.js';
import { foldWords } from './index.js';
import { baselineKeys } from './run.js';
import { checkWebhookUrl } from './webhook.js';

export interface FollowRequest {
  readonly kind: string;
  readonly target: string;
  readonly webhook?: string;
}

/** The longest target accepted (a term's words, a name). */
const MAX_TARGET = 200;

/**
 * Follow something: a story (its id or the id of an article in it), a person (a name), an outlet
 * (its registry key or domain) or a term (words). `invalid` makes the error for a bad request.
 * Returns the follow and how many items it has seen from the start.
 */
export async function addFollow(store: Store, request: FollowRequest, location: string, invalid: (detail: string) => Error, now: () => Date = () => new Date()): Promise<{ readonly follow: StoredFollow; readonly seen: number }> {
  if (!(FOLLOW_KINDS as readonly string[]).includes(request.kind)) throw invalid(`follow one of ${FOLLOW_KINDS.join(', ')}, not "${request.kind}"`);
  const kind = request.kind as FollowKind;
  const target = request.target.trim().replace(/\s+/g, ' ');
  if (target === '' || foldWords(target).trim() === '') throw invalid(`say which ${kind} to follow`);
  if (target.length > MAX_TARGET) throw invalid(`the ${kind} to follow is longer than ${MAX_TARGET} characters`);
  let webhook: string | undefined;
  if (request.webhook !== undefined && request.webhook !== '') {
    try {
      webhook = checkWebhookUrl(request.webhook);
    } catch (err) {
      throw invalid(`the webhook ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let anchor: string | undefined;
  let key = kind === 'outlet' ? target.toLowerCase().replace(/^www\./, '') : target;
  if (kind === 'story') {
    const storyId = target.startsWith('art_') ? await store.stories.ofArticle(target) : target;
    const story = storyId === undefined ? undefined : await store.stories.get(storyId);
    if (story === undefined) throw createError('STORY_NOT_FOUND', { id: target, db: location });
    key = story.story.id;
    anchor = story.members[0]?.article.id;
  }
  const id = `fol_${createHash('sha256').update(`${kind}\n${kind === 'story' || kind === 'outlet' ? key : foldWords(key)}`).digest('hex').slice(0, 12)}`;
  const existing = await store.follows.get(id);
  const follow = {
    id,
    kind,
    target: key,
    ...(anchor !== undefined ? { anchor } : {}),
    ...(webhook !== undefined ? { webhook } : existing?.webhook !== undefined ? { webhook: existing.webhook } : {}),
    createdAt: existing?.createdAt ?? now().toISOString(),
  };
  const { keys } = await baselineKeys(store, follow);
  await store.saveFollow(follow, keys);
  return { follow: (await store.follows.get(id)) ?? follow, seen: keys.length };
}
