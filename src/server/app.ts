/**
 * The HTTP API: `createApp({ store })` returns a Hono app serving the store as JSON, plus ingest
 * jobs. Tests call `app.request()` without a socket; `parallax serve` puts it on a port.
 *
 * Every route is declared once in a table that both registers it and writes the OpenAPI document.
 * Errors are catalogued ParallaxErrors, translated to `{ error: { code, message } }` in one handler.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { tmpdir } from 'node:os';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createError } from '../errors.js';
import { firstReportsOfStory } from '../pipeline/analyze/first-reports.js';
import { alignPassages, createOutletRegistry, DEFAULT_PARAMS, labelFamilies, toDedupInput } from '../pipeline/dedup/index.js';
import type { Store } from '../store/store.js';
import { createStoryAnalyses, type StoryClaims } from './analysis.js';
import { createJobRegistry, type JobRegistry } from './jobs.js';
import { uploadJob, urlsJob, type ServerIngestOptions, type UploadedFile } from './ingest.js';
import { resolveLimits, type LimitValues } from './limits.js';
import { openApiParameter, parseParams, type ParamSpec, type ParamValues } from './params.js';
import { SCHEMAS, schemaRef } from './schemas.js';
import { errorResponse } from './status.js';
import { serveWeb, WEB_ROOT } from './web.js';

export interface AppOptions {
  readonly store: Store;
  /** When set, POST endpoints require `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Host names (without port) the server answers to; others get 403 (DNS-rebinding guard). All when absent. */
  readonly allowedHosts?: readonly string[];
  /** Overrides of the limits in `limits.json`. */
  readonly limits?: Partial<LimitValues>;
  /** Where upload jobs make their temp folders (default the OS temp folder). */
  readonly tmpDir?: string;
  /** Ingest options for jobs (I/O, timeouts, sizes); private-network fetching is always refused. */
  readonly ingest?: ServerIngestOptions;
  readonly now?: () => Date;
  readonly newJobId?: () => string;
  /** Where unexpected errors are reported (default stderr). */
  readonly log?: (line: string) => void;
  /** The built web UI (default `dist/web` of this package); `/` serves its index.html. */
  readonly webRoot?: string;
}

type Handler = (c: Context, query: ParamValues) => Promise<Response>;

/** One endpoint: how it is served and how the OpenAPI document describes it. */
interface Route {
  readonly method: 'get' | 'post';
  /** OpenAPI form: `/api/articles/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly query?: readonly ParamSpec[];
  readonly pathParams?: readonly { readonly name: string; readonly description: string }[];
  readonly requestBody?: Record<string, unknown>;
  /** Success status → (description, schema name). */
  readonly ok: { readonly status: number; readonly description: string; readonly schema?: keyof typeof SCHEMAS & string; readonly mediaType?: string };
  /** Error statuses this route may answer besides 500. */
  readonly errors: readonly number[];
  readonly write?: boolean;
  readonly handler: Handler;
}

/** Build the API app over a store. The app owns its job registry; close the store yourself. */
export function createApp(options: AppOptions): Hono {
  const { store } = options;
  const limits = resolveLimits(options.limits);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  const jobs: JobRegistry = createJobRegistry({
    now,
    newId: options.newJobId ?? (() => `job_${randomUUID().replace(/-/g, '').slice(0, 16)}`),
    keep: limits.jobsKept,
    onJobError: (id, err) => log(`job ${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  const jobContext = { store, tmpDir: options.tmpDir ?? tmpdir(), ingest: options.ingest ?? {} };
  const analyses = createStoryAnalyses({ store, location: 'the store', cacheSize: limits.analysisCacheSize });
  const outlets = createOutletRegistry();

  const page = (max: number): ParamSpec[] => [
    { name: 'limit', kind: 'integer', min: 1, max, default: limits.pageSizeDefault, description: `At most this many items (1..${max}).` },
    { name: 'offset', kind: 'integer', min: 0, max: limits.offsetMax, default: 0, description: 'Skip this many matching items first.' },
  ];
  const search: ParamSpec = { name: 'search', kind: 'string', maxLength: limits.searchMaxChars, description: 'Words that must all occur (whole words, case- and diacritic-insensitive).' };
  const idParam = (what: string) => [{ name: 'id', description: `The ${what} id.` }];
  const articleFilters: ParamSpec[] = [
    { name: 'language', kind: 'string', maxLength: 16, description: 'Only this language code (en, ar, …).' },
    { name: 'since', kind: 'date', description: 'Published on or after this date.' },
    { name: 'until', kind: 'date', description: 'Published before this date.' },
    { name: 'site', kind: 'string', maxLength: 253, description: "Only this site: the URL's host or the site name." },
  ];
  const storyIdParam = [{ name: 'id', description: 'The story id, or the id of an article in it.' }];

  const routes: Route[] = [
    {
      method: 'get',
      path: '/api/articles',
      summary: 'List stored articles, newest publication first.',
      query: [...page(limits.pageSizeMax), ...articleFilters, search],
      ok: { status: 200, description: 'A page of article summaries.', schema: 'ArticlePage' },
      errors: [400],
      handler: async (c, q) =>
        c.json(
          await store.articles.list({
            limit: q.limit as number,
            offset: q.offset as number,
            ...strings(q, ['language', 'since', 'until', 'site', 'search']),
          }),
        ),
    },
    {
      method: 'get',
      path: '/api/articles/{id}',
      summary: 'One article with its messages and origin.',
      pathParams: idParam('article'),
      ok: { status: 200, description: 'The article.', schema: 'StoredArticle' },
      errors: [404],
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const found = await store.articles.get(id);
        if (!found) throw createError('ARTICLE_NOT_FOUND', { id, db: 'the store' });
        return c.json(found);
      },
    },
    {
      method: 'get',
      path: '/api/articles/{id}/copies',
      summary: "The article's family of copies and the passages each copy shares with the original.",
      pathParams: idParam('article'),
      ok: { status: 200, description: 'The family and aligned passages (empty when the article is in no story yet).', schema: 'Copies' },
      errors: [404],
      handler: async (c) => c.json(await copiesOf(store, c.req.param('id') ?? '')),
    },
    {
      method: 'get',
      path: '/api/documents/{id}',
      summary: 'One ingested document with its document-level messages and article ids.',
      pathParams: idParam('document'),
      ok: { status: 200, description: 'The document.', schema: 'StoredDocument' },
      errors: [404],
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const found = await store.documents.get(id);
        if (!found) throw createError('DOCUMENT_NOT_FOUND', { id, db: 'the store' });
        return c.json(found);
      },
    },
    {
      method: 'get',
      path: '/api/stories',
      summary: 'List stories, largest first (independent sources, then articles, then latest date).',
      query: [
        ...page(limits.pageSizeMax),
        { name: 'minArticles', kind: 'integer', min: 1, max: 1_000_000, description: 'Only stories with at least this many articles.' },
        ...articleFilters.map((f) => ({ ...f, description: `Only stories with an article matching this: ${f.description.charAt(0).toLowerCase()}${f.description.slice(1)}` })),
        { ...search, description: "Words that must all occur in the story's title." },
      ],
      ok: { status: 200, description: 'A page of story summaries.', schema: 'StoryPage' },
      errors: [400],
      handler: async (c, q) =>
        c.json(
          await store.stories.list({
            limit: q.limit as number,
            offset: q.offset as number,
            ...(q.minArticles !== undefined ? { minArticles: q.minArticles as number } : {}),
            ...strings(q, ['search', 'language', 'since', 'until', 'site']),
          }),
        ),
    },
    {
      method: 'get',
      path: '/api/stories/{id}',
      summary: 'One story with its members (why each joined), its families of copies, and who reported it first.',
      pathParams: idParam('story'),
      ok: { status: 200, description: 'The story.', schema: 'StoredStory' },
      errors: [404],
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const found = await store.stories.get(id);
        if (!found) throw createError('STORY_NOT_FOUND', { id, db: 'the store' });
        // Family credits (a wire relayed by rewrites) are recomputed from the articles' credits, as `parallax story` does.
        const articles = (await store.articles.getMany(found.members.map((m) => m.articleId))).map((a) => toDedupInput(a.article));
        const families = labelFamilies(found.families, articles, outlets, DEFAULT_PARAMS);
        return c.json({ ...found, families, firstReports: firstReportsOfStory(found) });
      },
    },
    {
      method: 'get',
      path: '/api/stories/{id}/quotes',
      summary: "Who said what in a story: each speaker's statements with every outlet's rendering aligned against the most complete one.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'Statements (several outlets), single-outlet statements, unattributed quotes and people.', schema: 'StoryQuotes' },
      errors: [404],
      handler: async (c) => c.json(await analyses.statements(c.req.param('id') ?? '')),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/report',
      summary: "The story's report: neutral headline and summary (each sentence with its source spans), when and where, who said what, claims and coverage, naming, citations, timeline.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'The report (remembered while the story keeps its members).', schema: 'StoryReport' },
      errors: [404],
      handler: async (c) => c.body(await analyses.reportJson(c.req.param('id') ?? ''), 200, { 'Content-Type': 'application/json' }),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/report.html',
      summary: "The story's report as one self-contained HTML page (the same as `parallax report --format html`): no script, every source text escaped.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'The report page.', mediaType: 'text/html' },
      errors: [404],
      handler: async (c) => c.html(await analyses.reportHtml(c.req.param('id') ?? '')),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/claims',
      summary: "The story's claims with the independent sources behind each, conflicts, and what each outlet carries, leaves out or carries alone.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'Claims and coverage.', schema: 'StoryClaims' },
      errors: [404],
      handler: async (c) => {
        const r = await analyses.report(c.req.param('id') ?? '');
        const body: StoryClaims = { storyId: r.storyId, sourceCount: r.sourceCount, claims: r.claims, coverage: r.coverage };
        return c.json(body);
      },
    },
    {
      method: 'get',
      path: '/api/people',
      summary: 'People and organisations with their name forms, roles and mention counts: of one story, or merged over the largest stories.',
      query: [
        { name: 'story', kind: 'string', maxLength: 100, description: 'Only this story (a story id or the id of an article in it).' },
        { name: 'stories', kind: 'integer', min: 1, max: limits.peopleStoriesMax, default: 10, description: `Without story: how many of the largest stories to read (1..${limits.peopleStoriesMax}).` },
      ],
      ok: { status: 200, description: 'The stories read and their people, most articles first.', schema: 'People' },
      errors: [400, 404],
      handler: async (c, q) => {
        const ids = typeof q.story === 'string' ? [q.story] : (await store.stories.list({ limit: q.stories as number })).items.map((s) => s.id);
        const per = [];
        for (const id of ids) {
          const r = await analyses.statements(id);
          per.push({ storyId: r.storyId, people: r.people });
        }
        const { mergePeople } = await import('../pipeline/analyze/statements/index.js');
        return c.json({ stories: per.map((p) => p.storyId), people: mergePeople(per) });
      },
    },
    {
      method: 'get',
      path: '/api/messages',
      summary: 'Stored messages (what the stages dropped, repaired or doubted), in the order they were saved.',
      query: [
        ...page(limits.pageSizeMax),
        { name: 'stage', kind: 'enum', values: ['ingest', 'extract', 'clean', 'text', 'dedup', 'cluster', 'analyze', 'synthesize', 'store'], description: 'Only messages of this stage.' },
        { name: 'ruleId', kind: 'string', maxLength: 100, description: 'Only messages of this rule.' },
        { name: 'severity', kind: 'enum', values: ['error', 'warning', 'info'], description: 'Only messages of this severity.' },
      ],
      ok: { status: 200, description: 'A page of messages with the records they are on.', schema: 'MessagePage' },
      errors: [400],
      handler: async (c, q) =>
        c.json(
          await store.messages.list({
            limit: q.limit as number,
            offset: q.offset as number,
            ...(q.stage !== undefined ? { stage: q.stage as never } : {}),
            ...(q.severity !== undefined ? { severity: q.severity as never } : {}),
            ...strings(q, ['ruleId']),
          }),
        ),
    },
    {
      method: 'get',
      path: '/api/messages/rules',
      summary: 'Every (stage, rule, severity) that fired, most messages first.',
      ok: { status: 200, description: 'Rule counts.', schema: 'RuleCounts' },
      errors: [],
      handler: async (c) => c.json({ items: await store.messages.countByRule() }),
    },
    {
      method: 'post',
      path: '/api/ingest',
      summary: `Start an ingest job over URLs (JSON) or uploaded files (multipart, at most ${limits.uploadMaxFiles} files of ${limits.uploadMaxFileBytes} bytes each).`,
      write: true,
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: schemaRef('IngestUrls') },
          'multipart/form-data': {
            schema: { type: 'object', properties: { files: { type: 'array', maxItems: limits.uploadMaxFiles, items: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
          },
        },
      },
      ok: { status: 202, description: 'The job was queued; poll GET /api/jobs/{id}.', schema: 'JobAccepted' },
      errors: [400, 401, 403, 413],
      handler: async (c) => {
        const type = (c.req.header('content-type') ?? '').toLowerCase();
        let job;
        if (type.startsWith('application/json')) {
          const urls = await readUrls(c, limits);
          job = jobs.submit('urls', urls.length, urlsJob(jobContext, urls));
        } else if (type.startsWith('multipart/form-data')) {
          const files = await readFiles(c, limits);
          job = jobs.submit('upload', files.length, uploadJob(jobContext, files));
        } else {
          throw createError('REQUEST_INVALID', { detail: 'send application/json { "urls": [...] } or multipart/form-data files' });
        }
        c.header('Location', `/api/jobs/${job.id}`);
        return c.json({ jobId: job.id }, 202);
      },
    },
    {
      method: 'get',
      path: '/api/jobs/{id}',
      summary: "An ingest job's state, progress, failures (with codes) and summary.",
      pathParams: idParam('job'),
      ok: { status: 200, description: 'The job.', schema: 'Job' },
      errors: [404],
      handler: async (c) => {
        const id = c.req.param('id') ?? '';
        const job = jobs.get(id);
        if (!job) throw createError('JOB_NOT_FOUND', { id });
        return c.json(job);
      },
    },
  ];

  const document = openApiDocument(routes);
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (options.allowedHosts) {
      const host = hostName(c.req.header('host') ?? new URL(c.req.url).host);
      if (!options.allowedHosts.includes(host)) throw createError('HOST_REFUSED', { host, allowed: options.allowedHosts.join(', ') });
    }
    await next();
  });
  // After the handler (and the error handler): headers every response carries.
  app.use('*', async (c, next) => {
    await next();
    const html = (c.res.headers.get('content-type') ?? '').startsWith('text/html');
    c.header('Content-Security-Policy', html ? PAGE_CSP : "default-src 'none'; frame-ancestors 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });

  app.get('/openapi.json', (c) => c.json(document));
  const guardWrite: MiddlewareHandler = async (c, next) => {
    checkOrigin(c);
    checkToken(c, options.token);
    await next();
  };
  // Streams the body through a counter, so a chunked upload without Content-Length is cut off too.
  const capBody = bodyLimit({
    maxSize: limits.uploadMaxRequestBytes,
    onError: () => {
      throw createError('UPLOAD_TOO_LARGE', { detail: `the request is over ${limits.uploadMaxRequestBytes} bytes` });
    },
  });
  for (const route of routes) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    const handler: MiddlewareHandler = async (c) => route.handler(c, parseParams(route.query ?? [], c.req.queries() ?? {}));
    if (route.write) app.on(route.method.toUpperCase(), path, guardWrite, capBody, handler);
    else app.on(route.method.toUpperCase(), path, handler);
  }

  // The web UI: its index page and hashed assets (client-side routes live in the URL fragment).
  const web = serveWeb(options.webRoot ?? WEB_ROOT);
  app.get('/', web);
  app.get('/assets/*', web);

  app.notFound((c) => {
    const { status, body } = errorResponse(createError('ROUTE_NOT_FOUND', { method: c.req.method, path: new URL(c.req.url).pathname }));
    return c.json(body, status as 404);
  });
  app.onError((err, c) => {
    const { status, body, error } = errorResponse(err);
    if (status >= 500) log(`${c.req.method} ${new URL(c.req.url).pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (error.code === 'AUTH_REQUIRED') c.header('WWW-Authenticate', 'Bearer');
    return c.json(body, status as 500);
  });
  return app;
}

/**
 * The policy of every HTML page: scripts, styles, images and requests from this server only; no
 * inline or evaluated script, no plugins, no framing. Inline styles are allowed because the charts
 * (Observable Plot) write a scoped `<style>` element and style attributes into their SVG; a style
 * cannot run code.
 */
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The OpenAPI 3.1 document of `routes` (and of itself). */
function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const errorResponseFor = (status: number) => ({ description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: schemaRef('Error') } } });
  const paths: Record<string, Record<string, unknown>> = {
    '/openapi.json': {
      get: { summary: 'This OpenAPI document.', operationId: 'getOpenApi', responses: { 200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } } },
    },
  };
  for (const r of routes) {
    const responses: Record<string, unknown> = {
      [r.ok.status]: {
        description: r.ok.description,
        ...(r.ok.schema ? { content: { 'application/json': { schema: schemaRef(r.ok.schema) } } } : r.ok.mediaType ? { content: { [r.ok.mediaType]: { schema: { type: 'string' } } } } : {}),
      },
    };
    for (const s of [...r.errors, 500]) responses[s] = errorResponseFor(s);
    const parameters = [
      ...(r.pathParams ?? []).map((p) => ({ name: p.name, in: 'path', required: true, description: p.description, schema: { type: 'string' } })),
      ...(r.query ?? []).map(openApiParameter),
    ];
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      operationId: operationId(r),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.requestBody ? { requestBody: r.requestBody } : {}),
      ...(r.write ? { security: [{ bearer: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parallax API',
      version: '0.1.0',
      description: 'Stories, articles and the messages explaining every change, from a Parallax store. All article text is returned as JSON strings.',
    },
    paths,
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'PARALLAX_TOKEN, required by write endpoints when the server has one.' } } },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid parameters or body.',
  401: 'Missing or wrong bearer token.',
  403: 'Cross-origin request or unknown host refused.',
  404: 'Not found.',
  413: 'Upload too large.',
  500: 'Internal error.',
};

function operationId(r: Route): string {
  const words = r.path.replace(/^\/api\//, '').split('/').map((part) => (part.startsWith('{') ? 'ById' : part.replace(/^\w/, (ch) => ch.toUpperCase())));
  return `${r.method}${words.join('')}`;
}

/** The copies of an article: its family in its story and the passages each copy shares with the original. */
async function copiesOf(store: Store, id: string) {
  const article = await store.articles.get(id);
  if (!article) throw createError('ARTICLE_NOT_FOUND', { id, db: 'the store' });
  const storyId = await store.stories.ofArticle(id);
  const story = storyId === undefined ? undefined : await store.stories.get(storyId);
  const family = story?.families.find((f) => f.members.some((m) => m.articleId === id));
  if (!story || !family) return { articleId: id, storyId: storyId ?? null, family: null, alignments: [] };
  const copyIds = family.originalId === id ? family.members.map((m) => m.articleId).filter((m) => m !== id) : [id];
  const byId = new Map((await store.articles.getMany([family.originalId, ...copyIds])).map((s) => [s.article.id, s.article]));
  const original = byId.get(family.originalId);
  const alignments = [];
  for (const copyId of copyIds) {
    const copy = byId.get(copyId);
    if (!original || !copy) continue;
    const passages = alignPassages(toDedupInput(original), toDedupInput(copy)).map((a) => ({
      original: a.original,
      copy: a.copy,
      overlap: a.overlap,
      originalText: original.text.slice(a.original.start, a.original.end),
      copyText: copy.text.slice(a.copy.start, a.copy.end),
    }));
    alignments.push({ originalId: original.id, copyId, passages });
  }
  return { articleId: id, storyId: story.story.id, family, alignments };
}

async function readUrls(c: Context, limits: LimitValues): Promise<string[]> {
  const text = await readCapped(c, limits.jsonBodyMaxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw createError('REQUEST_INVALID', { detail: 'the body is not valid JSON' });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('REQUEST_INVALID', { detail: 'the body must be an object { "urls": [...] }' });
  const extra = Object.keys(body).filter((k) => k !== 'urls');
  if (extra.length > 0) throw createError('REQUEST_INVALID', { detail: `unknown field "${extra[0]}"` });
  const urls = (body as { urls?: unknown }).urls;
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u): u is string => typeof u === 'string')) {
    throw createError('REQUEST_INVALID', { detail: '"urls" must be a non-empty array of strings' });
  }
  if (urls.length > limits.ingestMaxUrls) throw createError('REQUEST_INVALID', { detail: `at most ${limits.ingestMaxUrls} URLs per request` });
  for (const u of urls) {
    // Only absolute http(s) URLs: anything else would be read by ingest as a server-side path.
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw createError('URL_INVALID', { input: u.slice(0, 200) });
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw createError('URL_SCHEME_REFUSED', { input: u.slice(0, 200), scheme: parsed.protocol.replace(/:$/, '') });
  }
  return urls;
}

async function readFiles(c: Context, limits: LimitValues): Promise<UploadedFile[]> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limits.uploadMaxRequestBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `the request is over ${limits.uploadMaxRequestBytes} bytes` });
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw createError('REQUEST_INVALID', { detail: 'the multipart body could not be read' });
  }
  const files = Object.values(form)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is File => v instanceof File);
  if (files.length === 0) throw createError('REQUEST_INVALID', { detail: 'the form holds no file' });
  if (files.length > limits.uploadMaxFiles) throw createError('UPLOAD_TOO_LARGE', { detail: `${files.length} files, over the limit of ${limits.uploadMaxFiles}` });
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.uploadMaxRequestBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `the files total over ${limits.uploadMaxRequestBytes} bytes` });
  const out: UploadedFile[] = [];
  for (const f of files) {
    if (f.size > limits.uploadMaxFileBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `${f.name} is ${f.size} bytes, over ${limits.uploadMaxFileBytes} per file` });
    out.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return out;
}

/** The body as text, refusing more than `max` bytes. */
async function readCapped(c: Context, max: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > max) throw createError('UPLOAD_TOO_LARGE', { detail: `the JSON body is over ${max} bytes` });
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > max) throw createError('UPLOAD_TOO_LARGE', { detail: `the JSON body is over ${max} bytes` });
  return new TextDecoder().decode(bytes);
}

/** Refuse cross-site writes (a page elsewhere posting a form to a loopback server). */
function checkOrigin(c: Context): void {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
    throw createError('ORIGIN_REFUSED', { origin: origin ?? 'another site' });
  }
}

/** When the server has a token, the request must carry it as a bearer token (compared in constant time). */
function checkToken(c: Context, token: string | undefined): void {
  if (token === undefined) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const digest = (s: string) => createHash('sha256').update(s).digest();
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(token))) throw createError('AUTH_REQUIRED');
}

function hostName(host: string): string {
  const h = host.toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

function strings(q: ParamValues, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) if (typeof q[n] === 'string') out[n] = q[n];
  return out;
}
