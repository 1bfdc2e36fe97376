import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { createApp, type JobStatus } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));
const TOKEN = 'test-token-123';

let store: Store;
/** The app without a token (reads and writes open to same-origin requests), and one with a token. */
let app: Hono;
let guarded: Hono;

beforeAll(async () => {
  store = await openStore(':memory:');
  await runIngest({ inputs: [EXAMPLES], store });
  await runStories({ store });
  app = createApp({ store, log: () => {} });
  guarded = createApp({ store, token: TOKEN, log: () => {} });
});

afterAll(async () => {
  await store.close();
});

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

interface Page<T> {
  items: T[];
  total: number;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe('articles', () => {
  it('lists a page of articles with the total', async () => {
    const all = await json<Page<{ id: string }>>(await app.request('/api/articles'));
    expect(all.total).toBeGreaterThan(3);
    expect(all.items).toHaveLength(all.total);
    const res = await app.request('/api/articles?limit=2&offset=1');
    expect(res.status).toBe(200);
    const page = await json<Page<{ id: string }>>(res);
    expect(page.total).toBe(all.total);
    expect(page.items.map((a) => a.id)).toEqual(all.items.slice(1, 3).map((a) => a.id));
  });

  it('filters articles by language and search words', async () => {
    const all = await json<Page<{ id: string; language: string }>>(await app.request('/api/articles'));
    const languages = [...new Set(all.items.map((a) => a.language))];
    const lang = languages[0] ?? 'en';
    const byLang = await json<Page<{ language: string }>>(await app.request(`/api/articles?language=${lang}`));
    expect(byLang.total).toBe(all.items.filter((a) => a.language === lang).length);
    const none = await json<Page<unknown>>(await app.request('/api/articles?search=zzqxvunlikelyword'));
    expect(none.total).toBe(0);
  });

  it('gets one article with its messages and origin', async () => {
    const page = await json<Page<{ id: string; messageCount: number }>>(await app.request('/api/articles'));
    const summary = page.items.find((a) => a.messageCount > 0) ?? page.items[0]!;
    const res = await app.request(`/api/articles/${summary.id}`);
    expect(res.status).toBe(200);
    const body = await json<{ article: { id: string; text: string }; messages: unknown[]; document: { documentId: string } }>(res);
    expect(body.article.id).toBe(summary.id);
    expect(typeof body.article.text).toBe('string');
    expect(body.messages).toHaveLength(summary.messageCount);
    const doc = await json<{ document: { id: string }; articleIds: string[] }>(await app.request(`/api/documents/${body.document.documentId}`));
    expect(doc.document.id).toBe(body.document.documentId);
    expect(doc.articleIds).toContain(summary.id);
  });

  it('answers 404 with a catalogued code for unknown articles, documents, stories and jobs', async () => {
    const cases: [string, string][] = [
      ['/api/articles/art_0000000000000000', 'ARTICLE_NOT_FOUND'],
      ['/api/articles/art_0000000000000000/copies', 'ARTICLE_NOT_FOUND'],
      ['/api/documents/doc_0000000000000000', 'DOCUMENT_NOT_FOUND'],
      ['/api/stories/sty_0000000000000000', 'STORY_NOT_FOUND'],
      ['/api/jobs/job_nope', 'JOB_NOT_FOUND'],
      ['/api/nothing-here', 'ROUTE_NOT_FOUND'],
    ];
    for (const [path, code] of cases) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      const body = await json<ErrorBody>(res);
      expect(body.error.code, path).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('stories', () => {
  it('lists stories and gets one with members and families', async () => {
    const page = await json<Page<{ id: string; articleCount: number; sourceCount: number }>>(await app.request('/api/stories'));
    expect(page.total).toBeGreaterThan(0);
    const biggest = page.items[0]!;
    const story = await json<{ story: { id: string }; members: { articleId: string; familyId: string }[]; families: { id: string }[] }>(
      await app.request(`/api/stories/${biggest.id}`),
    );
    expect(story.story.id).toBe(biggest.id);
    expect(story.members).toHaveLength(biggest.articleCount);
    expect(story.families).toHaveLength(biggest.sourceCount);
    const familyIds = new Set(story.families.map((f) => f.id));
    for (const m of story.members) expect(familyIds.has(m.familyId)).toBe(true);
    const filtered = await json<Page<{ articleCount: number }>>(await app.request(`/api/stories?minArticles=${biggest.articleCount}`));
    expect(filtered.items.every((s) => s.articleCount >= biggest.articleCount)).toBe(true);
  });

  it('says who reported the story first, by normalised instant, with the precision of each time', async () => {
    const page = await json<Page<{ id: string; articleCount: number }>>(await app.request('/api/stories'));
    const story = await json<{
      members: unknown[];
      firstReports: { rank?: number; site: string; articleId: string; published?: string; utc?: string; precision: string; tie?: { with: string; relation: string } }[];
    }>(await app.request(`/api/stories/${page.items[0]!.id}`));
    const reports = story.firstReports;
    expect(reports.length).toBeGreaterThan(3);
    const timed = reports.filter((r) => r.precision === 'datetime');
    expect(timed.length).toBeGreaterThan(2);
    // In order of the UTC instant even where the offsets as written differ (+01:00, +03:00, Z).
    const utcs = timed.map((r) => r.utc!);
    expect(utcs).toEqual([...utcs].sort());
    for (const r of timed) expect(Date.parse(r.published!)).toBe(Date.parse(r.utc!));
    // A day-only report is stated as such and ranked with the reports of its day, never given a time.
    for (const r of reports.filter((x) => x.precision === 'day')) {
      expect(r.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.utc).toBeUndefined();
    }
    const ranks = reports.flatMap((r) => (r.rank === undefined ? [] : [r.rank]));
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("returns an article's family of copies with passages taken from both texts", async () => {
    const page = await json<Page<{ id: string }>>(await app.request('/api/stories'));
    let checked = 0;
    for (const s of page.items) {
      const story = await json<{ families: { originalId: string; members: { articleId: string }[] }[] }>(await app.request(`/api/stories/${s.id}`));
      for (const family of story.families.filter((f) => f.members.length > 1)) {
        const copyId = family.members.find((m) => m.articleId !== family.originalId)!.articleId;
        const copies = await json<{
          storyId: string;
          family: { originalId: string };
          alignments: { originalId: string; copyId: string; passages: { copy: { start: number; end: number }; copyText: string; originalText: string }[] }[];
        }>(await app.request(`/api/articles/${copyId}/copies`));
        expect(copies.storyId).toBe(s.id);
        expect(copies.family.originalId).toBe(family.originalId);
        expect(copies.alignments).toHaveLength(1);
        const copy = await json<{ article: { text: string } }>(await app.request(`/api/articles/${copyId}`));
        const passages = copies.alignments[0]!.passages;
        expect(passages.length).toBeGreaterThan(0);
        for (const p of passages) expect(copy.article.text.slice(p.copy.start, p.copy.end)).toBe(p.copyText);
        const fromOriginal = await json<{ alignments: unknown[] }>(await app.request(`/api/articles/${family.originalId}/copies`));
        expect(fromOriginal.alignments).toHaveLength(family.members.length - 1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('messages', () => {
  it('lists messages filtered by stage and counts them by rule', async () => {
    const rules = await json<{ items: { stage: string; ruleId: string; messages: number }[] }>(await app.request('/api/messages/rules'));
    expect(rules.items.length).toBeGreaterThan(0);
    const top = rules.items[0]!;
    const res = await app.request(`/api/messages?stage=${top.stage}&ruleId=${encodeURIComponent(top.ruleId)}&limit=5`);
    const page = await json<Page<{ message: { stage: string; ruleId: string } }>>(res);
    expect(page.total).toBeGreaterThanOrEqual(top.messages);
    expect(page.items.length).toBe(Math.min(5, page.total));
    for (const m of page.items) expect([m.message.stage, m.message.ruleId]).toEqual([top.stage, top.ruleId]);
  });
});

describe('validation', () => {
  it('answers 400 REQUEST_INVALID for bad query parameters', async () => {
    for (const path of [
      '/api/articles?limit=0',
      '/api/articles?limit=abc',
      '/api/articles?limit=100000',
      '/api/articles?offset=-1',
      '/api/articles?since=yesterday',
      '/api/articles?colour=blue',
      '/api/articles?limit=1&limit=2',
      '/api/stories?minArticles=0',
      '/api/messages?stage=bogus',
      '/api/messages?severity=fatal',
      '/api/messages/rules?limit=1',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect((await json<ErrorBody>(res)).error.code, path).toBe('REQUEST_INVALID');
    }
  });

  it('accepts only absolute http(s) URLs to ingest, never server paths', async () => {
    const post = (body: unknown) =>
      app.request('/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const cases: [unknown, string][] = [
      [{ urls: ['/etc/passwd'] }, 'URL_INVALID'],
      [{ urls: ['file:///etc/passwd'] }, 'URL_SCHEME_REFUSED'],
      [{ urls: [] }, 'REQUEST_INVALID'],
      [{ urls: 'http://example.com/' }, 'REQUEST_INVALID'],
      [{ urls: ['http://example.com/'], extra: 1 }, 'REQUEST_INVALID'],
      [['http://example.com/'], 'REQUEST_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe(code);
    }
    const res = await app.request('/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(400);
  });
});

describe('safety', () => {
  const body = JSON.stringify({ urls: ['http://127.0.0.1/private'] });

  it('requires the bearer token on write endpoints when one is configured', async () => {
    const noAuth = await guarded.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get('www-authenticate')).toBe('Bearer');
    expect((await json<ErrorBody>(noAuth)).error.code).toBe('AUTH_REQUIRED');
    const wrong = await guarded.request('/api/ingest', { method: 'POST', headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body });
    expect(wrong.status).toBe(401);
    const ok = await guarded.request('/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
    expect(ok.status).toBe(202);
  });

  it('requires the token on reads too when one is configured, by header or by the cookie /?token= sets', async () => {
    for (const path of ['/api/articles?limit=1', '/api/stories', '/api/people?stories=1', '/openapi.json']) {
      const res = await guarded.request(path);
      expect(res.status, path).toBe(401);
      expect((await json<ErrorBody>(res)).error.code).toBe('AUTH_REQUIRED');
    }
    expect((await guarded.request('/api/articles?limit=1', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await guarded.request(`/?token=wrong`)).status).toBe(401);
    const login = await guarded.request(`/?token=${TOKEN}`);
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await guarded.request('/api/articles?limit=1', { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
  });

  it("refuses reads that another site's page asks for", async () => {
    const crossSite = await app.request('/api/people?stories=50', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect((await json<ErrorBody>(crossSite)).error.code).toBe('CROSS_SITE_REFUSED');
    const foreign = await app.request('http://127.0.0.1:8787/api/stories', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await app.request('http://127.0.0.1:8787/api/stories', { headers: { origin: 'http://127.0.0.1:8787', 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('answers a malformed percent-escape with 400 PATH_INVALID, under /assets and the API alike', async () => {
    for (const path of ['/assets/%E0%A4%A', '/assets/%zz.js', '/api/articles/%E0%A4%A']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect((await json<ErrorBody>(res)).error.code).toBe('PATH_INVALID');
    }
  });

  it('fetches URLs through the SSRF guard: a loopback address fails the job with its code', async () => {
    const res = await app.request('/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
    const { jobId } = await json<{ jobId: string }>(res);
    const job = await waitForJob(app, jobId);
    expect(job.state).toBe('succeeded');
    expect(job.failures.map((f) => f.code)).toEqual(['URL_ADDRESS_REFUSED']);
    expect(job.progress.failed).toBe(1);
  });

  it('refuses cross-origin writes', async () => {
    const res = await app.request('/api/ingest', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(res.status).toBe(403);
    expect((await json<ErrorBody>(res)).error.code).toBe('ORIGIN_REFUSED');
  });

  it('refuses unknown Host headers when hosts are restricted', async () => {
    const hosts = createApp({ store, allowedHosts: ['127.0.0.1', 'localhost'], log: () => {} });
    expect((await hosts.request('http://localhost:8787/api/articles?limit=1')).status).toBe(200);
    const res = await hosts.request('http://rebound.example/api/articles');
    expect(res.status).toBe(403);
    expect((await json<ErrorBody>(res)).error.code).toBe('HOST_REFUSED');
  });

  it('sends a strict CSP and nosniff on every response, errors included', async () => {
    for (const path of ['/api/articles?limit=1', '/api/articles?limit=0', '/api/nothing', '/openapi.json']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    }
  });
});

async function waitForJob(app: Hono, id: string): Promise<JobStatus> {
  for (let i = 0; i < 400; i++) {
    const job = (await (await app.request(`/api/jobs/${id}`)).json()) as JobStatus;
    if (job.state === 'succeeded' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('upload jobs', () => {
  const page = (title: string, body: string) =>
    `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body
      .split('\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
  const story = [
    'The council of the fictional town of Varnholm voted on Tuesday to rebuild the old ferry pier, which storms damaged last winter.',
    'The mayor, Ilse Markov, said the work would start in the spring and take about eight months, and that the ferry would run from a temporary landing meanwhile.',
    'Fishermen who use the pier welcomed the vote but asked the council to keep the slipway open during the works.',
    'The rebuild is expected to cost four million crowns, shared between the town and the regional government.',
  ].join('\n');

  it('ingests uploaded files in a job, reports progress and removes its temp folder', async () => {
    const own = await openStore(':memory:');
    const tmp = await mkdtemp(join(tmpdir(), 'parallax-server-test-'));
    try {
      const uploads = createApp({ store: own, tmpDir: tmp, log: () => {} });
      const form = new FormData();
      form.append('files', new File([page('Varnholm votes to rebuild ferry pier', story)], 'pier.html', { type: 'text/html' }));
      form.append('files', new File([story.replace(/\n/g, '\n\n')], 'pier-copy.txt', { type: 'text/plain' }));
      form.append('files', new File([new Uint8Array([0, 1, 2, 3, 0, 0, 255, 254, 0, 7])], 'blob.bin'));
      const res = await uploads.request('/api/ingest', { method: 'POST', body: form });
      expect(res.status).toBe(202);
      const { jobId } = await json<{ jobId: string }>(res);
      expect(res.headers.get('location')).toBe(`/api/jobs/${jobId}`);
      const job = await waitForJob(uploads, jobId);
      expect(job.state).toBe('succeeded');
      expect(job.kind).toBe('upload');
      expect(job.inputs).toBe(3);
      expect(job.progress.done).toBe(3);
      expect(job.summary?.articles).toBe(2);
      expect(job.progress.articles).toBe(2);
      expect(job.summary?.assigned).toBe(2);
      // A failure names the uploaded file, never the server's temp path.
      expect(job.failures).toHaveLength(1);
      expect(job.failures[0]!.input).toBe('blob.bin');
      expect(job.failures[0]!.code).toBe('INPUT_BINARY');
      expect(job.failures[0]!.message).not.toContain(tmp);
      const stored = await json<Page<{ locator: string }>>(await uploads.request('/api/articles'));
      expect(stored.items.map((a) => a.locator).sort()).toEqual(['upload/pier-copy.txt', 'upload/pier.html']);
      expect(await readdir(tmp)).toEqual([]);
      const articles = await json<Page<{ title?: string }>>(await uploads.request('/api/articles'));
      expect(articles.total).toBe(2);
      const stories = await json<Page<{ articleCount: number }>>(await uploads.request('/api/stories'));
      expect(stories.items[0]!.articleCount).toBe(2);
    } finally {
      await own.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('refuses uploads over the file-count and size limits with 413', async () => {
    const limited = createApp({ store, limits: { uploadMaxFiles: 1, uploadMaxFileBytes: 10 }, log: () => {} });
    const two = new FormData();
    two.append('files', new File(['a'], 'a.txt'));
    two.append('files', new File(['b'], 'b.txt'));
    const tooMany = await limited.request('/api/ingest', { method: 'POST', body: two });
    expect(tooMany.status).toBe(413);
    expect((await json<ErrorBody>(tooMany)).error.code).toBe('UPLOAD_TOO_LARGE');
    const big = new FormData();
    big.append('files', new File(['x'.repeat(11)], 'big.txt'));
    expect((await limited.request('/api/ingest', { method: 'POST', body: big })).status).toBe(413);
    const capped = createApp({ store, limits: { uploadMaxRequestBytes: 100 }, log: () => {} });
    const large = new FormData();
    large.append('files', new File(['y'.repeat(500)], 'large.txt'));
    const refused = await capped.request('/api/ingest', { method: 'POST', body: large });
    expect(refused.status).toBe(413);
    expect((await json<ErrorBody>(refused)).error.code).toBe('UPLOAD_TOO_LARGE');
    const empty = new FormData();
    empty.append('note', 'no file');
    expect((await limited.request('/api/ingest', { method: 'POST', body: empty })).status).toBe(400);
  });
});

describe('job registry', () => {
  const refusedUrl = JSON.stringify({ urls: ['http://127.0.0.1/private'] });
  const post = (a: Hono) => a.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: refusedUrl });

  it('forgets the oldest finished jobs beyond its bound', async () => {
    const small = createApp({ store, limits: { jobsKept: 1 }, log: () => {} });
    const first = (await json<{ jobId: string }>(await post(small))).jobId;
    await waitForJob(small, first);
    const second = (await json<{ jobId: string }>(await post(small))).jobId;
    expect((await waitForJob(small, second)).state).toBe('succeeded');
    expect((await small.request(`/api/jobs/${first}`)).status).toBe(404);
  });

  it('reports a job that fails as a whole with its code', async () => {
    const closed = await openStore(':memory:');
    const lines: string[] = [];
    const broken = createApp({ store: closed, log: (l) => lines.push(l) });
    await closed.close();
    const form = new FormData();
    form.append('files', new File(['Some text that will never be stored.'], 'note.txt'));
    const { jobId } = await json<{ jobId: string }>(await broken.request('/api/ingest', { method: 'POST', body: form }));
    const job = await waitForJob(broken, jobId);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('STORE_CLOSED');
    expect(lines.some((l) => l.includes(jobId))).toBe(true);
  });
});

describe('OpenAPI document', () => {
  it('lists every route of the app with its parameters and resolvable schemas', async () => {
    const doc = await json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    }>(await app.request('/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    // The web UI's static files (`/`, `/assets/*`) are pages, not API endpoints.
    const routes = app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/' && !r.path.startsWith('/assets/'));
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      for (const name of path.match(/\{(\w+)\}/g) ?? []) {
        expect(op!.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
      }
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual([...new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`))].sort());
    const articleParams = doc.paths['/api/articles']!.get!.parameters!.map((p) => p.name);
    expect(articleParams.sort()).toEqual(['language', 'limit', 'offset', 'search', 'since', 'site', 'until']);
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
  });
});
