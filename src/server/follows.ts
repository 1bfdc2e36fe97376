/**
 * The follow endpoints: `GET/POST /api/follows`, `DELETE /api/follows/{id}`, `GET /api/feed` (JSON)
 * and `GET /api/feed.atom` (the Atom feed, every text escaped). Registered in `app.ts`'s route table.
 */
import type { Context } from 'hono';
import { createError } from '../errors.js';
import { feedAtom } from '../pipeline/follow/atom.js';
import { addFollow } from '../pipeline/follow/service.js';
import type { Store } from '../store/store.js';
import type { Route } from './app.js';

/** The largest follow request body read (a kind, up to 200 characters of target, a webhook URL). */
const MAX_BODY_BYTES = 8192;

async function readFollowRequest(c: Context): Promise<{ kind: string; target: string; webhook?: string }> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) throw createError('REQUEST_INVALID', { detail: 'send application/json { "kind": …, "target": … }' });
  if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw createError('REQUEST_INVALID', { detail: `the body is over ${MAX_BODY_BYTES} bytes` });
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw createError('REQUEST_INVALID', { detail: `the body is over ${MAX_BODY_BYTES} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw createError('REQUEST_INVALID', { detail: 'the body is not valid JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('REQUEST_INVALID', { detail: 'the body must be an object { "kind", "target", "webhook"? }' });
  const extra = Object.keys(body).filter((k) => !['kind', 'target', 'webhook'].includes(k));
  if (extra.length > 0) throw createError('REQUEST_INVALID', { detail: `unknown field "${extra[0]}"` });
  const { kind, target, webhook } = body as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof target !== 'string') throw createError('REQUEST_INVALID', { detail: '"kind" and "target" must be strings' });
  if (webhook !== undefined && typeof webhook !== 'string') throw createError('REQUEST_INVALID', { detail: '"webhook" must be a string' });
  return { kind, target, ...(webhook !== undefined ? { webhook } : {}) };
}

/** The follow routes over `store`. */
export function followRoutes(store: Store): Route[] {
  const feedQuery = [
    { name: 'follow', kind: 'string' as const, maxLength: 40, description: "Only this follow's entries." },
    { name: 'limit', kind: 'integer' as const, min: 1, max: 1000, default: 50, description: 'At most this many entries (1..1000).' },
    { name: 'offset', kind: 'integer' as const, min: 0, max: 1_000_000, default: 0, description: 'Skip this many entries first.' },
  ];
  const page = async (q: Record<string, unknown>) =>
    store.feed.list({ limit: q.limit as number, offset: q.offset as number, ...(typeof q.follow === 'string' ? { followId: q.follow } : {}) });
  return [
    {
      method: 'get',
      path: '/api/follows',
      summary: 'What is followed (stories, people, outlets, terms), oldest first, each with its last webhook delivery.',
      ok: { status: 200, description: '{ follows: [...] }.' },
      errors: [],
      handler: async (c) => c.json({ follows: await store.follows.list() }),
    },
    {
      method: 'post',
      path: '/api/follows',
      summary: 'Follow a story (its id or an article id), a person (a name), an outlet (its key) or a term (words): { "kind", "target", "webhook"? }. Following the same thing again gives the same follow; what is already there is not reported.',
      write: true,
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', required: ['kind', 'target'], properties: { kind: { enum: ['story', 'person', 'outlet', 'term'] }, target: { type: 'string', maxLength: 200 }, webhook: { type: 'string', format: 'uri' } } } } },
      },
      ok: { status: 201, description: '{ follow, seen }: the follow and how many items it has seen from the start.' },
      errors: [400, 401, 403, 404],
      handler: async (c) => {
        const request = await readFollowRequest(c);
        const made = await addFollow(store, request, 'the store', (detail) => createError('REQUEST_INVALID', { detail }));
        return c.json(made, 201);
      },
    },
    {
      method: 'delete',
      path: '/api/follows/{id}',
      summary: 'Stop following; its feed entries go too. 404 FOLLOW_NOT_FOUND when there is no such follow.',
      write: true,
      pathParams: [{ name: 'id', description: 'The follow id (fol_…).' }],
      ok: { status: 200, description: '{ removed: true }.' },
      errors: [401, 403, 404],
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        if (!(await store.removeFollow(id))) throw createError('FOLLOW_NOT_FOUND', { id, db: 'the store' });
        return c.json({ removed: true });
      },
    },
    {
      method: 'get',
      path: '/api/feed',
      summary: 'What the follows got, newest first: new articles in followed stories, new claims, conflicts and quotes for followed people, outlets and terms.',
      query: feedQuery,
      ok: { status: 200, description: '{ items, total }.' },
      errors: [400],
      handler: async (c, q) => c.json(await page(q)),
    },
    {
      method: 'get',
      path: '/api/feed.atom',
      summary: 'The feed as Atom (RFC 4287), entries linking to their article or to the story in the web UI.',
      query: feedQuery,
      ok: { status: 200, description: 'The Atom document.', mediaType: 'application/atom+xml' },
      errors: [400],
      handler: async (c, q) => {
        const url = new URL(c.req.url);
        const body = feedAtom((await page(q)).items, await store.follows.list(), { now: new Date().toISOString(), selfUrl: url.href, webBase: `${url.origin}/` });
        return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
      },
    },
  ];
}
