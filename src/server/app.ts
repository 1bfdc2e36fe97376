/**
 * The HTTP API: `createApp({ store })` returns a Hono app serving the store as JSON, plus ingest
 * jobs. Tests call `app.request()` without a socket; `parallax serve` puts it on a port.
 *
 * The event loop only routes requests and reads pages from the store: analyses (reports, quotes,
 * people) and ingest jobs run in worker processes when the app is given `workerLocation`, admitted
 * through a global and a per-client budget (429 with Retry-After past either). Uploads are
 * streamed to disk. `app.close()` stops it: new jobs refused, the running one given a deadline,
 * unfinished ones left in the journal for the next server, workers ended.
 *
 * Every route is declared once in a table that both registers it and writes the OpenAPI document.
 * Errors are catalogued ParallaxErrors, translated to `{ error: { code, message } }` in one handler.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { createError } from '../errors.js';
import { firstReportsOfStory } from '../pipeline/analyze/first-reports.js';
import { alignPassages, createOutletRegistry, DEFAULT_PARAMS, labelFamilies, toDedupInput } from '../pipeline/dedup/index.js';
import type { Store } from '../store/store.js';
import { createStoryAnalyses, type StoryView } from './analysis.js';
import { createBudget, createUploadGate } from './budget.js';
import { createJobRegistry, type JobRegistry, type JobRunner } from './jobs.js';
import { runIngestJob, type IngestJob, type ServerIngestOptions } from './ingest.js';
import { openJobJournal } from './journal.js';
import { resolveLimits, type LimitValues } from './limits.js';
import { boundaryOf, chunksOf, saveMultipart } from './multipart.js';
import { createIngestWorker, createWorkerPool } from './pool.js';
import { createInProcessRunner, type AnalysisTask } from './tasks.js';
import { openApiParameter, parseParams, type ParamSpec, type ParamValues } from './params.js';
import { SCHEMAS, schemaRef } from './schemas.js';
import { errorResponse } from './status.js';
import { followRoutes } from './follows.js';
import { serveWeb, WEB_ROOT } from './web.js';

export interface AppOptions {
  readonly store: Store;
  /**
   * When set, every API request (reads too) requires `Authorization: Bearer <token>`, or the
   * HttpOnly cookie that opening `/?token=<token>` once sets for the web UI.
   */
  readonly token?: string;
  /** Host names (without port) the server answers to; others get 403 (DNS-rebinding guard). All when absent. */
  readonly allowedHosts?: readonly string[];
  /** Overrides of the limits in `limits.json`. */
  readonly limits?: Partial<LimitValues>;
  /** Where upload jobs make their temp folders without a journal (default the OS temp folder). */
  readonly tmpDir?: string;
  /**
   * The store's location (a SQLite file or a PostgreSQL URL) for worker processes, which open their
   * own connections: analyses and ingest jobs then run off the event loop. Absent (an in-memory
   * store): they run in this thread.
   */
  readonly workerLocation?: string;
  /**
   * Start an analysis worker and the ingest worker with the app (`parallax serve`) rather than at
   * the first analysis or job: starting a process holds the request thread for tens of ms.
   */
  readonly prestartWorkers?: boolean;
  /** The job journal's folder: jobs outlive the server and are resumed by the next. Absent: jobs live in memory. */
  readonly jobsDir?: string;
  /** Who made a request, for the per-client budget (default its remote address). */
  readonly clientOf?: (c: Context) => string;
  /** Ingest options for jobs (I/O, timeouts, sizes); private-network fetching is always refused. */
  readonly ingest?: ServerIngestOptions;
  readonly now?: () => Date;
  readonly newJobId?: () => string;
  /** Where unexpected errors are reported (default stderr). */
  readonly log?: (line: string) => void;
  /** The built web UI (default `dist/web` of this package); `/` serves its index.html. */
  readonly webRoot?: string;
}

export type Handler = (c: Context, query: ParamValues) => Promise<Response>;

/** One endpoint: how it is served and how the OpenAPI document describes it. */
export interface Route {
  readonly method: 'get' | 'post' | 'delete';
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

/** The API app, and how to stop its jobs and workers (see the module comment). */
export type ParallaxApp = Hono & {
  /** Refuse new work, give the running job `deadlineMs` (default `shutdownDeadlineMs`), end the workers. */
  close(deadlineMs?: number): Promise<void>;
};

/** Build the API app over a store. The app owns its job registry and workers; close the store yourself (after `app.close()`). */
export function createApp(options: AppOptions): ParallaxApp {
  const { store } = options;
  const limits = resolveLimits(options.limits);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  const newJobId = options.newJobId ?? (() => `job_${randomUUID().replace(/-/g, '').slice(0, 16)}`);
  const ingestOptions = options.ingest ?? {};
  const location = options.workerLocation;
  const runner =
    location === undefined
      ? createInProcessRunner({ store, location: 'the store', memoSize: limits.workerMemoSize })
      : createWorkerPool({
          location,
          size: Math.max(1, Math.min(limits.analysisWorkersMax, availableParallelism() - 1)),
          memoSize: limits.workerMemoSize,
          nice: limits.workerNice,
          heapMb: limits.workerHeapMb,
          timeoutMs: limits.analysisTimeoutMs,
          prestart: options.prestartWorkers === true,
        });
  const budget = createBudget({
    global: limits.analysisInFlightMax,
    perClient: limits.analysisPerClientMax,
    retryAfterSeconds: limits.retryAfterSeconds,
    running: () => runner.load().running,
  });
  const analyses = createStoryAnalyses({ store, location: 'the store', cacheSize: limits.analysisCacheSize, runner, budget });
  // Jobs with injected I/O (tests) cannot cross to a worker: they run here.
  const ingestWorker =
    location !== undefined && ingestOptions.io === undefined
      ? createIngestWorker({ location, nice: limits.workerNice, heapMb: limits.workerHeapMb, ingest: ingestOptions, progressMs: limits.jobProgressIntervalMs, prestart: options.prestartWorkers === true })
      : undefined;
  const runJob: JobRunner = ingestWorker ? (job, report, signal) => ingestWorker.run(job, report, signal) : (job, report) => runIngestJob({ store, ingest: ingestOptions }, job, report);
  const journal = options.jobsDir === undefined ? undefined : openJobJournal(options.jobsDir);
  const jobs: JobRegistry = createJobRegistry({
    now,
    newId: newJobId,
    keep: limits.jobsKept,
    run: runJob,
    cleanup: async (job) => {
      if (job.kind === 'upload') await rm(job.dir, { recursive: true, force: true });
    },
    ...(journal ? { journal } : {}),
    onJobError: (id, err) => log(`job ${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  });
  const uploads = createUploadGate({
    receiving: limits.uploadsReceivingMax,
    waiting: limits.uploadsWaitingMax,
    bytesPerSecond: limits.uploadReceiveBytesPerSecond,
    retryAfterSeconds: limits.retryAfterSeconds,
  });
  const clientOf = options.clientOf ?? remoteAddress;
  let closing = false;
  const outlets = createOutletRegistry();
  // Questions across every stored report (outlets, an outlet's profile): run where analyses run,
  // admitted through the same budget, never remembered (the stored reports change with every run).
  const acrossStories = async (task: AnalysisTask, client: string): Promise<string> => {
    const release = budget.admit(client);
    try {
      return await runner.run(task);
    } finally {
      release();
    }
  };
  const view = (kind: StoryView) => async (c: Context) => {
    const body = await analyses.view(kind, c.req.param('id') ?? '', clientOf(c));
    return kind === 'report-html' ? c.html(body) : c.body(body, 200, { 'Content-Type': 'application/json' });
  };

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
      errors: [404, 429],
      handler: view('statements'),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/report',
      summary: "The story's report: neutral headline and summary (each sentence with its source spans), when and where, who said what, claims and coverage, naming, citations, timeline.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'The report (remembered while the story keeps its members).', schema: 'StoryReport' },
      errors: [404, 429],
      handler: view('report-json'),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/report.html',
      summary: "The story's report as one self-contained HTML page (the same as `parallax report --format html`): no script, every source text escaped.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'The report page.', mediaType: 'text/html' },
      errors: [404, 429],
      handler: view('report-html'),
    },
    {
      method: 'get',
      path: '/api/stories/{id}/claims',
      summary: "The story's claims with the independent sources behind each, conflicts, and what each outlet carries, leaves out or carries alone.",
      pathParams: storyIdParam,
      ok: { status: 200, description: 'Claims and coverage.', schema: 'StoryClaims' },
      errors: [404, 429],
      handler: view('claims'),
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
      errors: [400, 404, 429],
      handler: async (c, q) => {
        const ids = typeof q.story === 'string' ? [q.story] : (await store.stories.list({ limit: q.stories as number })).items.map((s) => s.id);
        return c.body(await analyses.people(ids, clientOf(c)), 200, { 'Content-Type': 'application/json' });
      },
    },
    {
      method: 'get',
      path: '/api/quotes',
      summary: 'Who said what across stories: statements of every analysed story by a speaker (any name form) and/or holding words, from the stored analyses.',
      query: [
        { name: 'speaker', kind: 'string', maxLength: 200, description: 'Part of a name form of the speaker (any case).' },
        { name: 'search', kind: 'string', maxLength: 500, description: 'Words the statement must all hold (any case and accents).' },
        { name: 'limit', kind: 'integer', min: 1, max: limits.pageSizeMax, default: 50, description: `At most this many statements (1..${limits.pageSizeMax}).` },
      ],
      ok: { status: 200, description: 'The statements found, how many stories were searched and how many are not analysed yet.', schema: 'StatementHits' },
      errors: [400, 429],
      handler: async (c, q) => {
        if (q.speaker === undefined && q.search === undefined) throw createError('REQUEST_INVALID', { detail: 'ask with speaker and/or search' });
        const query = { ...strings(q, ['speaker']), ...(typeof q.search === 'string' ? { words: q.search } : {}), limit: q.limit as number };
        return c.body(await analyses.searchStatements(query, clientOf(c)), 200, { 'Content-Type': 'application/json' });
      },
    },
    {
      method: 'get',
      path: '/api/outlets',
      summary: 'The outlets of the stored reports with kind, country, language and counts (articles, stories); kind and country from the outlet registry (bundled plus $PARALLAX_OUTLETS).',
      ok: { status: 200, description: 'The outlets, most articles first, and the stories whose stored report predates outlets.', schema: 'OutletList' },
      errors: [429],
      handler: async (c) => c.body(await acrossStories({ kind: 'outlets' }, clientOf(c)), 200, { 'Content-Type': 'application/json' }),
    },
    {
      method: 'get',
      path: '/api/outlets/{key}',
      summary: "One outlet's profile from the stored reports: stories per week, copies and of whom, who copies it, whom it cites, how often it reports first, loaded terms in its own voice, claims it alone carries and claims it leaves out (rates), languages; every figure with its evidence ids.",
      pathParams: [{ name: 'key', description: 'The outlet: its key or domain (aawsat.com), or a name or alias (Asharq Al-Awsat, AFP).' }],
      ok: { status: 200, description: 'The profile.', schema: 'OutletProfile' },
      errors: [404, 429],
      handler: async (c) => c.body(await acrossStories({ kind: 'outlet', name: c.req.param('key') ?? '' }, clientOf(c)), 200, { 'Content-Type': 'application/json' }),
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
      errors: [400, 401, 403, 413, 429, 503],
      handler: async (c) => {
        if (closing) throw createError('SERVER_STOPPING');
        const type = c.req.header('content-type') ?? '';
        let job;
        if (type.toLowerCase().startsWith('application/json')) {
          const urls = await readUrls(c, limits);
          job = jobs.submit({ kind: 'urls', urls });
        } else if (type.toLowerCase().startsWith('multipart/form-data')) {
          const boundary = boundaryOf(type);
          if (boundary === undefined) throw createError('REQUEST_INVALID', { detail: 'the multipart Content-Type has no boundary' });
          const declared = Number(c.req.header('content-length') ?? NaN);
          if (declared > limits.uploadMaxRequestBytes) throw createError('UPLOAD_TOO_LARGE', { detail: `the request is over ${limits.uploadMaxRequestBytes} bytes` });
          const leave = await uploads.enter();
          const id = newJobId();
          let dir: string | undefined;
          try {
            dir = journal ? await journal.uploadFolder(id) : await mkdtemp(join(options.tmpDir ?? tmpdir(), 'parallax-upload-'));
            const files = await saveMultipart(bodyOf(c), boundary, dir, {
              maxFiles: limits.uploadMaxFiles,
              maxFileBytes: limits.uploadMaxFileBytes,
              maxRequestBytes: limits.uploadMaxRequestBytes,
              pace: uploads.pace,
            });
            const upload: IngestJob = { kind: 'upload', dir, files };
            job = jobs.submit(upload, id);
          } catch (err) {
            if (dir !== undefined) await rm(dir, { recursive: true, force: true });
            throw err;
          } finally {
            leave();
          }
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
    ...followRoutes(store),
  ];

  const document = openApiDocument(routes);
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (options.allowedHosts) {
      const host = hostName(c.req.header('host') ?? new URL(c.req.url).host);
      if (!options.allowedHosts.includes(host)) throw createError('HOST_REFUSED', { host, allowed: options.allowedHosts.join(', ') });
    }
    // A malformed percent-escape is the client's mistake, whichever route it was meant for.
    const path = rawPath(c.req.url);
    try {
      decodeURIComponent(path);
    } catch {
      throw createError('PATH_INVALID', { path: path.slice(0, 200), detail: 'a malformed percent-escape' });
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

  // Reads of the store: only from this server's own pages (a page elsewhere could make the browser
  // ask for costly analyses, or read the store after rebinding a name), and with the token if any.
  const guardRead: MiddlewareHandler = async (c, next) => {
    checkSameSite(c);
    checkToken(c, options.token);
    await next();
  };
  const guardWrite: MiddlewareHandler = async (c, next) => {
    checkOrigin(c);
    checkToken(c, options.token);
    await next();
  };
  app.get('/openapi.json', guardRead, (c) => c.json(document));
  for (const route of routes) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    const handler: MiddlewareHandler = async (c) => route.handler(c, parseParams(route.query ?? [], c.req.queries() ?? {}));
    app.on(route.method.toUpperCase(), path, route.write ? guardWrite : guardRead, handler);
  }

  // The web UI: its index page and hashed assets (client-side routes live in the URL fragment).
  // They hold no data, so they need no token; `/?token=…` trades the token for a cookie the
  // UI's own requests then carry (HttpOnly, SameSite=Strict: no other site's page sends it).
  const web = serveWeb(options.webRoot ?? WEB_ROOT);
  app.get('/', async (c) => {
    const given = c.req.query('token');
    if (given !== undefined && options.token !== undefined) {
      if (!sameSecret(given, options.token)) throw createError('AUTH_REQUIRED');
      c.header('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(given)}; Path=/; HttpOnly; SameSite=Strict`);
      return c.redirect('/', 303);
    }
    return web(c);
  });
  app.get('/assets/*', web);

  app.notFound((c) => {
    const { status, body } = errorResponse(createError('ROUTE_NOT_FOUND', { method: c.req.method, path: new URL(c.req.url).pathname }));
    return c.json(body, status as 404);
  });
  app.onError((err, c) => {
    const { status, body, error } = errorResponse(err);
    if (status >= 500 && status !== 503) log(`${c.req.method} ${rawPath(c.req.url)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (error.code === 'AUTH_REQUIRED') c.header('WWW-Authenticate', 'Bearer');
    if (status === 429 || status === 503) c.header('Retry-After', String(error.params.retry ?? limits.retryAfterSeconds));
    return c.json(body, status as 500);
  });
  return Object.assign(app, {
    async close(deadlineMs: number = limits.shutdownDeadlineMs) {
      closing = true;
      await jobs.stop(deadlineMs);
      await runner.close();
      await ingestWorker?.close();
      journal?.release();
    },
  });
}

/** The cookie `/?token=…` sets for the web UI. */
const TOKEN_COOKIE = 'parallax_token';

/** The path of a request URL as sent (not decoded). */
function rawPath(url: string): string {
  const afterHost = url.indexOf('/', url.indexOf('//') + 2);
  const path = afterHost < 0 ? '/' : url.slice(afterHost);
  return path.replace(/[?#].*$/s, '');
}

/**
 * The request body as it arrives: straight from the node server's request stream when there is
 * one (cheaper per chunk than the web stream over it, which is then never made), else the web
 * stream of `app.request()`.
 */
function bodyOf(c: Context): AsyncIterable<Uint8Array> {
  const env = c.env as { incoming?: NodeJS.ReadableStream & { readableDidRead?: boolean } } | undefined;
  const incoming = env?.incoming;
  if (incoming && typeof incoming[Symbol.asyncIterator] === 'function' && incoming.readableDidRead === false) {
    return incoming as AsyncIterable<Uint8Array>;
  }
  return chunksOf(c.req.raw.body);
}

/** The peer's address (the node server's socket); `local` for in-process requests. */
function remoteAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
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
      security: [{ bearer: [] }],
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
    components: { schemas: SCHEMAS, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'PARALLAX_TOKEN, required by every endpoint when the server has one.' } } },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid parameters or body.',
  401: 'Missing or wrong bearer token.',
  403: 'Cross-origin request or unknown host refused.',
  404: 'Not found.',
  413: 'Upload too large.',
  429: 'Too many analyses in flight (on the server, or for this client): retry after Retry-After seconds.',
  500: 'Internal error.',
  503: 'The server is shutting down, or a worker stopped: retry after Retry-After seconds.',
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

/** The body as text, refusing more than `max` bytes. */
async function readCapped(c: Context, max: number): Promise<string> {
  const tooLarge = () => createError('UPLOAD_TOO_LARGE', { detail: `the JSON body is over ${max} bytes` });
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > max) throw tooLarge();
  // Counted as it arrives, so a chunked body without Content-Length is cut off too.
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of bodyOf(c)) {
    size += chunk.byteLength;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Refuse cross-site writes (a page elsewhere posting a form to a loopback server). */
function checkOrigin(c: Context): void {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
    throw createError('ORIGIN_REFUSED', { origin: origin ?? 'another site' });
  }
}

/** Refuse reads asked for by another site's page (Fetch Metadata, else a foreign Origin). */
function checkSameSite(c: Context): void {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
    throw createError('CROSS_SITE_REFUSED', { origin: origin ?? 'another site' });
  }
}

/**
 * When the server has a token, the request must carry it as a bearer token, or in the cookie the
 * UI was given (compared in constant time).
 */
function checkToken(c: Context, token: string | undefined): void {
  if (token === undefined) return;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const cookie = cookieValue(c.req.header('cookie') ?? '', TOKEN_COOKIE);
  const given = bearer ?? cookie;
  if (given === undefined || !sameSecret(given, token)) throw createError('AUTH_REQUIRED');
}

function sameSecret(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
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
