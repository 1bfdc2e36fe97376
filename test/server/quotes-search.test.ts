/**
 * `GET /api/quotes`: who said what across stories, from the stored analyses of every story.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalyses } from '../../src/pipeline/analyses.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { createApp } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ferryStoryLines } from '../support/ferry-story.js';

describe('GET /api/quotes', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-quotes-api-'));
    const file = path.join(dir, 'ferry.jsonl');
    writeFileSync(file, `${ferryStoryLines().map((l) => JSON.stringify(l)).join('\n')}\n`);
    store = await openStore(path.join(dir, 'p.db'));
    await runIngest({ inputs: [file], store });
    const stories = await runStories({ store });
    await runAnalyses({ store, location: 'p.db', storyIds: stories.changedIds });
  }, 120_000);
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a statement by its words across the analysed stories, naming the outlets that carry it', async () => {
    const app = createApp({ store, log: () => {} });
    try {
      const res = await app.request('/api/quotes?search=northern%20REEF');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { hits: { text: string; sites: string[]; storyId: string }[]; searched: number; stale: number };
      expect(body).toMatchObject({ searched: 1, stale: 0 });
      expect(body.hits).toHaveLength(1);
      expect(body.hits[0]?.text).toContain('struck the northern reef');
      expect(body.hits[0]?.sites).toEqual(['vessa-post.example', 'island-herald.example']);
      const none = (await (await app.request('/api/quotes?search=regatta')).json()) as { hits: unknown[] };
      expect(none.hits).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('refuses a question without speaker or words, and documents the endpoint', async () => {
    const app = createApp({ store, log: () => {} });
    try {
      const res = await app.request('/api/quotes');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_INVALID');
      const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(spec.paths['/api/quotes']).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
