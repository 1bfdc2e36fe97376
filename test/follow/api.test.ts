/**
 * Follow through the API: POST /api/follows follows a story; a new article of that story ingested
 * makes one entry in GET /api/feed and /api/feed.atom (escaped XML), an article of another story
 * none; DELETE /api/follows/{id} removes it; bad requests and cross-site writes are refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { FeedEntry, StoredFollow } from '../../src/store/follows.js';
import { ferryStoryLines } from '../support/ferry-story.js';

describe('follow and feed through the API', () => {
  let dir: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const file = (name: string, lines: readonly object[]): string => {
    const p = path.join(dir, name);
    writeFileSync(p, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return p;
  };
  const ingest = async (p: string): Promise<void> => {
    await runIngest({ inputs: [p], store });
    await runStories({ store });
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-follow-api-'));
    store = await openStore(':memory:');
    app = createApp({ store, log: () => {} });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a followed story gets an entry in the JSON and Atom feed when a new article joins it, none for another story', async () => {
    const lines = ferryStoryLines();
    await ingest(file('first.jsonl', lines.slice(0, 3)));
    const storyId = (await store.stories.list()).items[0]!.id;

    const made = await app.request('/api/follows', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'story', target: storyId }) });
    expect(made.status).toBe(201);
    const follow = ((await made.json()) as { follow: StoredFollow }).follow;
    expect(((await (await app.request('/api/follows')).json()) as { follows: StoredFollow[] }).follows.map((f) => f.id)).toEqual([follow.id]);

    await ingest(
      file('other.jsonl', [
        { url: 'https://orchard-gazette.example/apple-fair', title: 'Apple growers <crown> a champion & more at the Lindmoor fair', published: '2025-03-10T11:00:00Z', text: 'Orchard keepers from twelve valleys brought their best apples to the Lindmoor harvest fair on Monday, where a small family farm took the top prize for a late russet.' },
      ]),
    );
    expect(((await (await app.request('/api/feed')).json()) as { total: number }).total).toBe(0);

    await ingest(file('last.jsonl', [{ ...lines[3]!, title: 'Coast guard: <Halvik> ferry struck reef & sank "fast"' }]));
    const feed = (await (await app.request('/api/feed')).json()) as { items: FeedEntry[]; total: number };
    expect(feed.total).toBe(1);
    expect(feed.items[0]).toMatchObject({ kind: 'article', followId: follow.id, storyId, url: 'https://island-herald.example/ferry-reef' });

    const atom = await app.request('/api/feed.atom');
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await atom.text();
    expect(xml).toContain('Coast guard: &lt;Halvik&gt; ferry struck reef &amp; sank &quot;fast&quot;');
    expect(xml).not.toContain('<Halvik>');
    expect(xml).toContain(`<link rel="related" href="http://localhost/#/story/${storyId}"/>`);

    const removed = await app.request(`/api/follows/${follow.id}`, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ removed: true });
    const again = await app.request(`/api/follows/${follow.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('FOLLOW_NOT_FOUND');
    expect(((await (await app.request('/api/feed')).json()) as { total: number }).total).toBe(0);
  }, 60_000);

  it('refuses a bad follow and a follow posted from another site', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) => app.request('/api/follows', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ kind: 'planet', target: 'Mars' })).status).toBe(400);
    expect((await post({ kind: 'term', target: 'ferry', extra: 1 })).status).toBe(400);
    expect((await post({ kind: 'term', target: 'ferry', webhook: 'javascript:alert(1)' })).status).toBe(400);
    expect((await post({ kind: 'story', target: 'sty_none' })).status).toBe(404);
    expect((await post({ kind: 'term', target: 'ferry' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await app.request('/api/follows/fol_x', { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });
});
