import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/harbor-accord/', import.meta.url));

interface AnswerKey {
  people: { id: string; name: string }[];
  statements: { id: string; speaker: string; renderings: { article: string }[] }[];
}

interface StorySummary {
  id: string;
  title: string;
  articleCount: number;
  sourceCount: number;
}
interface Page<T> {
  items: T[];
  total: number;
}

let store: Store;
let app: Hono;
let webRoot: string;
let key: AnswerKey;

beforeAll(async () => {
  key = JSON.parse(await readFile(join(EXAMPLE, 'answer-key.json'), 'utf8')) as AnswerKey;
  store = await openStore(':memory:');
  await runIngest({ inputs: [join(EXAMPLE, 'input')], store });
  await runStories({ store });
  webRoot = await mkdtemp(join(tmpdir(), 'parallax-web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(webRoot, 'assets', 'app.js'), 'export {};');
  app = createApp({ store, log: () => {}, webRoot });
});

afterAll(async () => {
  await store.close();
  await rm(webRoot, { recursive: true, force: true });
});

async function json<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

describe('story list filters', () => {
  it('filters stories by the language, outlet and dates of their articles, with source counts', async () => {
    const all = await json<Page<StorySummary>>('/api/stories');
    expect(all.total).toBeGreaterThan(1);
    const biggest = all.items[0]!;
    expect(biggest.sourceCount).toBeGreaterThan(1);

    const frenchArticles = await json<Page<{ id: string }>>('/api/articles?language=fr');
    expect(frenchArticles.total).toBeGreaterThan(0);
    const storiesOfFrench = new Set<string>();
    for (const a of frenchArticles.items) storiesOfFrench.add((await json<{ storyId: string }>(`/api/articles/${a.id}/copies`)).storyId);
    const french = await json<Page<StorySummary>>('/api/stories?language=fr');
    expect(french.items.map((s) => s.id).sort()).toEqual([...storiesOfFrench].sort());
    expect(french.total).toBeLessThan(all.total);

    const story = await json<{ members: { article: { siteName?: string; url?: string } }[] }>(`/api/stories/${biggest.id}`);
    const site = story.members.map((m) => m.article.siteName).find((s) => s !== undefined)!;
    const bySite = await json<Page<StorySummary>>(`/api/stories?site=${encodeURIComponent(site)}`);
    expect(bySite.items.map((s) => s.id)).toContain(biggest.id);
    expect(bySite.total).toBeLessThan(all.total);

    expect((await json<Page<StorySummary>>('/api/stories?until=2000-01-01')).total).toBe(0);
    expect((await json<Page<StorySummary>>('/api/stories?since=2000-01-01')).total).toBeGreaterThan(0);
    const doc = await json<{ paths: Record<string, { get: { parameters: { name: string }[] } }> }>('/openapi.json');
    expect(doc.paths['/api/stories']!.get.parameters.map((p) => p.name).sort()).toEqual(['language', 'limit', 'minArticles', 'offset', 'search', 'since', 'site', 'until']);
    const bad = await json<{ error: { code: string } }>('/api/stories?since=last-week', 400);
    expect(bad.error.code).toBe('REQUEST_INVALID');
  });
});

describe('quotes and people', () => {
  it("shows each outlet's rendering of the same statement, aligned against the most complete one", async () => {
    const biggest = (await json<Page<StorySummary>>('/api/stories')).items[0]!;
    const quotes = await json<{
      storyId: string;
      statements: { personId: string; sites: string[]; renderings: { site: string; text: string; anchor: boolean; alignment: { op: string }[] }[] }[];
      people: { entity: { id: string; name: string } }[];
    }>(`/api/stories/${biggest.id}/quotes`);
    expect(quotes.storyId).toBe(biggest.id);
    const sea = key.statements.find((s) => s.renderings.length > 3)!;
    const speaker = key.people.find((p) => p.id === sea.speaker)!;
    const person = quotes.people.find((p) => p.entity.name === speaker.name);
    expect(person, speaker.name).toBeDefined();
    const theirs = quotes.statements.filter((s) => s.personId === person!.entity.id);
    expect(theirs.length).toBeGreaterThan(0);
    const widest = theirs.reduce((a, b) => (b.sites.length > a.sites.length ? b : a));
    expect(widest.sites.length).toBeGreaterThan(2);
    expect(widest.renderings.filter((r) => r.anchor)).toHaveLength(1);
    expect(widest.renderings.every((r) => r.alignment.length > 0)).toBe(true);
  });

  it('answers quotes for an unknown story with 404 STORY_NOT_FOUND', async () => {
    const body = await json<{ error: { code: string } }>('/api/stories/sty_0000000000000000/quotes', 404);
    expect(body.error.code).toBe('STORY_NOT_FOUND');
  });

  it("lists a story's people, and people merged over the largest stories", async () => {
    const biggest = (await json<Page<StorySummary>>('/api/stories')).items[0]!;
    const one = await json<{ stories: string[]; people: { entity: { name: string }; storyIds: string[] }[] }>(`/api/people?story=${biggest.id}`);
    expect(one.stories).toEqual([biggest.id]);
    const names = one.people.map((p) => p.entity.name);
    for (const p of key.people.slice(0, 2)) expect(names).toContain(p.name);
    const many = await json<{ stories: string[]; people: unknown[] }>('/api/people?stories=3');
    expect(many.stories.length).toBeGreaterThan(1);
    expect(many.people.length).toBeGreaterThanOrEqual(one.people.length);
    expect((await json<{ error: { code: string } }>('/api/people?stories=0', 400)).error.code).toBe('REQUEST_INVALID');
  });
});

describe('web UI files', () => {
  it('serves the index page with a strict page policy, and its assets', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the web root', async () => {
    for (const path of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/missing.js', '/assets/app.ts']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
  });

  it('says how to build the UI when it is not built', async () => {
    const bare = createApp({ store, log: () => {}, webRoot: join(webRoot, 'nowhere') });
    const res = await bare.request('/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEB_UI_NOT_FOUND');
  });
});

describe('report and claims', () => {
  it("serves a story's report with summary sentences traced to source text, and its claims with coverage", async () => {
    const biggest = (await json<Page<StorySummary>>('/api/stories')).items[0]!;
    const started = performance.now();
    const report = await json<{
      storyId: string;
      headline: { text: string };
      summary: { text: string; sources: { articleId: string; span: { start: number; end: number }; text: string }[] }[];
      claims: { id: string }[];
      coverage: { site: string; carried: string[] }[];
      sourceCount: number;
    }>(`/api/stories/${biggest.id}/report`);
    const first = performance.now() - started;
    expect(report.storyId).toBe(biggest.id);
    expect(report.sourceCount).toBe(biggest.sourceCount);
    expect(report.headline.text.length).toBeGreaterThan(0);
    for (const s of report.summary) {
      for (const src of s.sources.slice(0, 2)) {
        const article = await json<{ article: { text: string } }>(`/api/articles/${src.articleId}`);
        expect(article.article.text.slice(src.span.start, src.span.end)).toBe(src.text);
      }
    }
    const claims = await json<{ storyId: string; claims: { id: string }[]; coverage: { site: string }[] }>(`/api/stories/${biggest.id}/claims`);
    expect(claims.claims.map((c) => c.id)).toEqual(report.claims.map((c) => c.id));
    expect(claims.coverage.map((c) => c.site)).toEqual(report.coverage.map((c) => c.site));
    // The second request is answered from the cache (same members): far faster than the first.
    const again = performance.now();
    await json(`/api/stories/${biggest.id}/report`);
    expect(performance.now() - again).toBeLessThan(Math.max(50, first / 2));
  });

  it('serves the report as one HTML page under the page policy, without script', async () => {
    const biggest = (await json<Page<StorySummary>>('/api/stories')).items[0]!;
    const res = await app.request(`/api/stories/${biggest.id}/report.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).not.toMatch(/<script/i);
    const report = await json<{ articles: { site: string }[] }>(`/api/stories/${biggest.id}/report`);
    const site = report.articles[0]!.site;
    expect(html).toContain(site.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect((await app.request('/api/stories/sty_0000000000000000/report.html')).status).toBe(404);
  });

  it('answers the report of an unknown story with 404 STORY_NOT_FOUND', async () => {
    expect((await json<{ error: { code: string } }>('/api/stories/sty_0000000000000000/report', 404)).error.code).toBe('STORY_NOT_FOUND');
    expect((await json<{ error: { code: string } }>('/api/stories/sty_0000000000000000/claims', 404)).error.code).toBe('STORY_NOT_FOUND');
  });
});
