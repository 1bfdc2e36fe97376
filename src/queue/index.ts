/**
 * The job queue: ingestion and story building as PostgreSQL jobs, run by any number of workers.
 *
 * Built on pg-boss (jobs are rows in PostgreSQL, taken with `FOR UPDATE SKIP LOCKED`), so the
 * queue lives in the same database as the store and survives worker restarts. Three job kinds:
 *
 * - `parallax-ingest`: one input (path or URL) per job, run through {@link runIngest}. Retrying is
 *   safe: documents are keyed by content hash, so a job that is run twice stores nothing twice.
 *   A job whose input fails as a whole (unreadable, or a write the database refused) is retried
 *   with backoff and, after the retry limit, left in pg-boss's `failed` state with its error as
 *   output (the poison job is parked; the others go on). A document that fails alone (a bad line
 *   of a JSON Lines file) does not fail the job: it completes, listing such documents in its output.
 * - `parallax-stories`: runs {@link runStories}. Each ingest job asks for one once it has stored
 *   what it could, and so does a worker's sweep when it finds stored articles in no story.
 * - `parallax-analyze`: one story per job, analysed and stored by {@link runAnalyses}. A stories
 *   run queues one for each story whose stored analysis is missing or stale, so the analyses of a
 *   large backlog spread over every worker. A job whose story is current already, or was merged
 *   away meanwhile, completes without work; one racing a change of its story stores nothing.
 *
 * Story building must never run twice at once (the clusterer's state is read, extended and saved
 * back): {@link runStories} holds the store's `stories` lock for that. The stories queue also uses
 * pg-boss's `stately` policy: a unique index allows at most one stories job per state, so at most
 * one is active across all workers and at most one waits. That debounces: while one is waiting,
 * further requests are dropped (`send` returns null), and a request made while one is running
 * queues one follow-up that picks up the articles stored meanwhile.
 *
 * A worker that dies mid-job (SIGKILL, a lost machine) is found by leases (`leases.ts`): each
 * running job holds an advisory lock on a session of its own, and a sweep on any worker retries an
 * active job whose lock nobody holds, within about a minute rather than at the job's expiry.
 *
 * Workers fetch jobs and record their outcomes themselves (not through pg-boss's `work`), so a
 * database restart never kills a worker: fetching answers nothing while the server is away, and an
 * outcome is retried until it is recorded (defaults.json `settleRetrySeconds`). Stopping (`stop`)
 * stops taking jobs and waits for running ones (`stopTimeoutSeconds`, 30 s); a job still running
 * then is failed as lost, so another worker retries it (safe, as said above), and the whole stop
 * ends within `stopDeadlineSeconds` (45 s) whatever hangs. A job cut off by a crash is found by a
 * sweep and retried.
 */
import { readFileSync } from 'node:fs';
import PgBoss from 'pg-boss';
import { createError, isParallaxError, toParallaxError, type ParallaxError } from '../errors.js';
import { inlineInputIO } from '../pipeline/ingest/poll.js';
import { runIngest, type IngestSummary, type PipelineOptions } from '../pipeline/run.js';
import { runStories, type StoriesSummary } from '../pipeline/stories.js';
import { ANALYSES_VERSION, runAnalyses } from '../pipeline/analyses.js';
import { openStore, type Store } from '../store/index.js';
import { createLeases, type Leases } from './leases.js';

interface Setting<T> {
  readonly value: T;
  readonly reason: string;
}

interface QueueDefaults {
  readonly schema: Setting<string>;
  readonly retryLimit: Setting<number>;
  readonly retryDelaySeconds: Setting<number>;
  readonly retryBackoff: Setting<boolean>;
  readonly pollingIntervalSeconds: Setting<number>;
  readonly ingestExpireSeconds: Setting<number>;
  readonly storiesExpireSeconds: Setting<number>;
  readonly analyzeExpireSeconds: Setting<number>;
  readonly concurrency: Setting<number>;
  readonly settleRetrySeconds: Setting<number>;
  readonly stopTimeoutSeconds: Setting<number>;
  readonly stopDeadlineSeconds: Setting<number>;
  readonly leaseKeepSeconds: Setting<number>;
  readonly leaseGraceSeconds: Setting<number>;
  readonly sweepSeconds: Setting<number>;
  readonly storiesNudgeSweeps: Setting<number>;
  readonly failuresKept: Setting<number>;
}

const defaults = JSON.parse(readFileSync(new URL('./defaults.json', import.meta.url), 'utf8')) as QueueDefaults;

/** pg-boss queue names of the three job kinds. */
export const INGEST_QUEUE = 'parallax-ingest';
export const STORIES_QUEUE = 'parallax-stories';
export const ANALYZE_QUEUE = 'parallax-analyze';

/** The data of an analyze job: the story to analyse. */
export interface AnalyzeJobData {
  readonly storyId: string;
}

/**
 * The data of an ingest job: one input, as given to `runIngest`. With `content`, the job carries
 * its input (JSON Lines, e.g. a watched feed's new items) and `input` only names it, so a worker
 * on another machine needs no shared disk.
 */
export interface IngestJobData {
  readonly input: string;
  readonly content?: string;
}

/**
 * Ingest one input (or the carried `content`, named `input`) into the store. Documents that fail
 * alone (a bad line, a damaged entry) are listed in the summary's `failures`; it throws (a
 * catalogued error) when the input as a whole could not be read or stored.
 */
export type IngestJob = (input: string, store: Store, content?: string) => Promise<IngestSummary>;
/** Build stories from the stored articles not yet in one. */
export type StoriesJob = (store: Store) => Promise<StoriesSummary>;
/** Analyse one story and store the results, unless its stored analysis is current already. */
export type AnalyzeJob = (storyId: string, store: Store) => Promise<AnalyzeOutcome>;
/** What an analyze job did: analysed and stored, found current, or found the story gone (merged). */
export type AnalyzeOutcome = 'analysed' | 'current' | 'gone';

export interface QueueOptions {
  /** The PostgreSQL store's location (`postgres://…`); the queue's tables live in the same database. */
  readonly url: string;
  /** The schema for pg-boss's tables (default `pgboss`). */
  readonly schema?: string;
  /** Retries after the first failure before a job is parked as failed (default 3). */
  readonly retryLimit?: number;
  /** Seconds before the first retry (default 5), doubled on each retry when `retryBackoff`. */
  readonly retryDelaySeconds?: number;
  readonly retryBackoff?: boolean;
  /** How often an idle worker looks for jobs (default 2 s, at least 0.5). */
  readonly pollingIntervalSeconds?: number;
  /**
   * Seconds an ingest job may stay active before it is taken as lost (its worker died) and retried
   * (default 2 h). Set when the job is queued.
   */
  readonly ingestExpireSeconds?: number;
  /** How often this queue's maintenance expires lost jobs and archives old ones (pg-boss default 120 s). */
  readonly maintenanceIntervalSeconds?: number;
  /** Connections this queue's pool may open (pg-boss default 10). */
  readonly maxConnections?: number;
  /** Stage options for ingest jobs. */
  readonly pipeline?: PipelineOptions;
  /** Replaces the ingest run (tests inject failures here). Default: {@link runIngest} on one input. */
  readonly ingest?: IngestJob;
  /** Replaces the stories run. Default: {@link runStories}. */
  readonly stories?: StoriesJob;
  /** Replaces one story's analysis. Default: {@link runAnalyses} on that story when stale. */
  readonly analyze?: AnalyzeJob;
  /** Background faults (a lost connection while polling, a failed maintenance run) and jobs found lost; the queue goes on. */
  readonly onError?: (error: ParallaxError) => void;
  /**
   * Seconds between a worker's sweeps (default 15): jobs whose worker died are retried, and stored
   * articles in no story get a stories run (see `leases.ts`).
   */
  readonly sweepSeconds?: number;
  /** Seconds a job may run before a sweep may take it as lost when nobody holds its lease (default 30). */
  readonly leaseGraceSeconds?: number;
  /** On `stop`, seconds running jobs get to finish before they are failed as lost (default 30). */
  readonly stopTimeoutSeconds?: number;
  /** Seconds within which `stop` ends, whatever hangs (default 45; at least the stop timeout). */
  readonly stopDeadlineSeconds?: number;
}

/** What became of one job run by this worker. */
export type JobEvent =
  | { readonly kind: 'ingest'; readonly id: string; readonly input: string; readonly ok: true; readonly summary: IngestSummary }
  | { readonly kind: 'stories'; readonly id: string; readonly ok: true; readonly summary: StoriesSummary }
  | { readonly kind: 'analyze'; readonly id: string; readonly storyId: string; readonly ok: true; readonly outcome: AnalyzeOutcome }
  | { readonly kind: 'ingest' | 'stories' | 'analyze'; readonly id: string; readonly input?: string; readonly ok: false; readonly error: ParallaxError };

export interface WorkOptions {
  /** Ingest jobs run at once by this worker (default 2). Stories jobs run one at a time, and so do analyze jobs. */
  readonly concurrency?: number;
  /** Called after each job this worker ran, finished or failed (a failed one may be retried). */
  readonly onJob?: (event: JobEvent) => void;
}

/** Jobs not yet finished (waiting, waiting for a retry, or running), per kind. */
export interface QueueBacklog {
  readonly ingest: number;
  readonly stories: number;
  readonly analyze: number;
}

export interface Queue {
  /** Queue one ingest job per input (a path or URL, or an input carried in the job); resolves to the job ids in input order. */
  enqueueIngest(inputs: readonly (string | IngestJobData)[]): Promise<string[]>;
  /** Start taking jobs; resolves once the workers are registered. */
  work(options?: WorkOptions): Promise<void>;
  /** Jobs not yet finished, across all workers. */
  backlog(): Promise<QueueBacklog>;
  /** The state and output (the error, for a failed job) of one job, or undefined if unknown. */
  job(kind: 'ingest' | 'stories' | 'analyze', id: string): Promise<{ readonly state: string; readonly output: unknown } | undefined>;
  /**
   * Stop taking jobs, let running ones finish (`stopTimeoutSeconds`), fail the ones still running
   * as lost so another worker retries them, and close the connections; ends within
   * `stopDeadlineSeconds` whatever hangs (QUEUE_STOP_CUT_SHORT, through `onError`, says what was
   * cut off).
   */
  stop(): Promise<void>;
}

/** True when `location` names a PostgreSQL database, the only store the queue runs on. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The location without its password, for messages. */
function redact(location: string): string {
  try {
    const u = new URL(location);
    u.password = '';
    u.searchParams.delete('password');
    return u.href;
  } catch {
    return location.replace(/\/\/[^@/]*@/, '//');
  }
}

const defaultIngest =
  (pipeline: PipelineOptions): IngestJob =>
  async (input, store, content) => {
    const ingest = content === undefined ? pipeline.ingest : { ...pipeline.ingest, io: { ...pipeline.ingest?.io, ...inlineInputIO(input, content) } };
    return runIngest({ ...pipeline, ...(ingest === undefined ? {} : { ingest }), inputs: [input], store });
  };

/**
 * The failure that fails an ingest job as a whole, so that it is retried and, past the retry
 * limit, parked with it: the input itself could not be read, or the database refused a write (a
 * connection dropped mid-save looks the same as a row it refused; a retry stores only what is
 * missing). A document that failed alone (a bad line, a damaged entry) does not: retrying cannot
 * mend it, and the job completes with it listed in its output.
 */
function jobFailure(input: string, summary: IngestSummary): ParallaxError | undefined {
  for (const { input: at, error } of summary.failures) {
    const cause: unknown = error.cause;
    if (at === input || error.code === 'STORE_WRITE_FAILED') return error;
    if (error.code === 'DOCUMENT_NOT_STORED' && isParallaxError(cause, 'STORE_WRITE_FAILED')) return error;
  }
  return undefined;
}

const defaultStories: StoriesJob = (store) => runStories({ store });

const defaultAnalyze =
  (location: string): AnalyzeJob =>
  async (storyId, store) => {
    if ((await store.stories.fingerprints(storyId)).size === 0) return 'gone';
    const stored = await Promise.all([store.analysis.get(storyId, 'report'), store.analysis.get(storyId, 'statements')]);
    if (stored.every((a) => a !== undefined && a.sameMembers && a.version === ANALYSES_VERSION)) return 'current';
    const summary = await runAnalyses({ store, location, storyIds: [storyId] }).catch((err: unknown) => {
      if (isParallaxError(err, 'STORY_NOT_FOUND')) return undefined;
      throw err;
    });
    if (summary === undefined) return 'gone';
    const failed = summary.failures[0];
    if (failed !== undefined) throw failed.error;
    return 'analysed';
  };

/** Queue names by job kind. */
const QUEUE_OF = { ingest: INGEST_QUEUE, stories: STORIES_QUEUE, analyze: ANALYZE_QUEUE } as const;

/**
 * Connect to the queue in the PostgreSQL database at `options.url`, creating pg-boss's schema and
 * the two queues if missing. Throws QUEUE_NEEDS_POSTGRES for any other location and
 * QUEUE_START_FAILED when the database cannot be reached.
 */
export async function createQueue(options: QueueOptions): Promise<Queue> {
  const db = redact(options.url);
  if (!isPostgresLocation(options.url)) throw createError('QUEUE_NEEDS_POSTGRES', { db });
  const retry = {
    retryLimit: options.retryLimit ?? defaults.retryLimit.value,
    retryDelay: options.retryDelaySeconds ?? defaults.retryDelaySeconds.value,
    retryBackoff: options.retryBackoff ?? defaults.retryBackoff.value,
  };
  const schema = options.schema ?? defaults.schema.value;
  const boss = new PgBoss({
    connectionString: options.url,
    schema,
    ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
    ...(options.maintenanceIntervalSeconds !== undefined ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
  });
  const ingestExpireSeconds = options.ingestExpireSeconds ?? defaults.ingestExpireSeconds.value;
  // pg-boss reports background failures (maintenance, polling) as events; a worker keeps going.
  boss.on('error', (err) => options.onError?.(createError('QUEUE_BACKGROUND_FAILED', { db, detail: err instanceof Error ? err.message : String(err) }, err)));
  try {
    await boss.start();
    await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: 'standard', expireInSeconds: defaults.ingestExpireSeconds.value, ...retry });
    await boss.createQueue(STORIES_QUEUE, { name: STORIES_QUEUE, policy: 'stately', expireInSeconds: defaults.storiesExpireSeconds.value, ...retry });
    await boss.createQueue(ANALYZE_QUEUE, { name: ANALYZE_QUEUE, policy: 'standard', expireInSeconds: defaults.analyzeExpireSeconds.value, ...retry });
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw createError('QUEUE_START_FAILED', { db, detail: err instanceof Error ? err.message : String(err) }, err);
  }

  const ingest = options.ingest ?? defaultIngest(options.pipeline ?? {});
  const stories = options.stories ?? defaultStories;
  const analyze = options.analyze ?? defaultAnalyze(options.url);
  let store: Store | undefined;
  /** The job leases of this queue's `work`, closed by `stop`. */
  const leases: Leases[] = [];

  const send = async (kind: 'ingest' | 'stories' | 'analyze', data: object, input: string): Promise<string | null> => {
    try {
      return await boss.send(
        QUEUE_OF[kind],
        data,
        kind === 'stories'
          ? { ...retry, expireInSeconds: defaults.storiesExpireSeconds.value, singletonKey: 'stories' }
          : kind === 'analyze'
            ? { ...retry, expireInSeconds: defaults.analyzeExpireSeconds.value }
            : { ...retry, expireInSeconds: ingestExpireSeconds },
      );
    } catch (err) {
      throw createError('QUEUE_SEND_FAILED', { db, job: kind, input, detail: err instanceof Error ? err.message : String(err) }, err);
    }
  };

  /** Set by `stop`: slots take no more jobs; once `closed`, outcomes are no longer retried. */
  let stopping = false;
  let closed = false;
  const slots: Promise<void>[] = [];
  /** Jobs this worker is running, by id: `stop` fails those still here as lost, and their slot then records nothing. */
  const running = new Map<string, string>();
  const sleepers = new Set<() => void>();
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  /**
   * Record a job's outcome, retrying with backoff while the database cannot be reached (a restart)
   * for up to `settleRetrySeconds`; an outcome not recorded leaves the job active until it expires.
   */
  const settle = async (name: string, id: string, record: () => Promise<unknown>): Promise<void> => {
    const deadline = Date.now() + defaults.settleRetrySeconds.value * 1000;
    for (let attempt = 0; ; attempt++) {
      try {
        await record();
        return;
      } catch (err) {
        if (closed || Date.now() >= deadline) {
          options.onError?.(createError('QUEUE_OUTCOME_LOST', { db, job: name, id, detail: err instanceof Error ? err.message : String(err) }, err));
          return;
        }
        await pause(Math.min(5000, 250 * 2 ** attempt));
      }
    }
  };

  const sweepMs = Math.max(0.5, options.sweepSeconds ?? defaults.sweepSeconds.value) * 1000;
  const stopTimeoutMs = Math.max(0, options.stopTimeoutSeconds ?? defaults.stopTimeoutSeconds.value) * 1000;
  const stopDeadlineMs = Math.max(stopTimeoutMs, (options.stopDeadlineSeconds ?? defaults.stopDeadlineSeconds.value) * 1000);
  /**
   * Every `sweepSeconds` until stopped: fail the jobs found lost (pg-boss retries them), and ask
   * for a stories run when stored articles are in no story and no stories job is queued or running.
   * The request an ingest job makes after storing can be lost (its worker died in between, the
   * database restarted, a run already under way had read the pending articles before they were
   * saved); this finds such articles whatever the cause. At most one such request per worker every
   * `storiesNudgeSweeps` sweeps, so a stories run that keeps failing is not asked for in a loop.
   */
  const sweeper = async (held: Leases, open: Store): Promise<void> => {
    let nudgedAt = -Infinity;
    let failing = false;
    for (;;) {
      await pause(sweepMs);
      if (stopping) return;
      try {
        for (const job of await held.sweep()) {
          const lost = createError('QUEUE_JOB_LOST', { db, job: job.name, id: job.id });
          await boss.fail(job.name, job.id, lost);
          options.onError?.(lost);
        }
        if (Date.now() - nudgedAt >= sweepMs * defaults.storiesNudgeSweeps.value && (await open.stories.hasPending())) {
          if ((await boss.getQueueSize(STORIES_QUEUE, { before: 'completed' })) === 0) {
            await send('stories', {}, 'stored articles in no story');
            nudgedAt = Date.now();
          }
        }
        failing = false;
      } catch (err) {
        // Reported once per run of failures (the database is away): the next sweep tries again.
        if (!failing) options.onError?.(createError('QUEUE_BACKGROUND_FAILED', { db, detail: err instanceof Error ? err.message : String(err) }, err));
        failing = true;
      }
    }
  };

  return {
    async enqueueIngest(inputs) {
      const ids: string[] = [];
      for (const item of inputs) {
        const data: IngestJobData = typeof item === 'string' ? { input: item } : item;
        const id = await send('ingest', data, data.input);
        if (id !== null) ids.push(id);
      }
      return ids;
    },

    async work(workOptions = {}) {
      store ??= await openStore(options.url);
      const open = store;
      const onJob = workOptions.onJob;
      const pollMs = Math.max(0.5, options.pollingIntervalSeconds ?? defaults.pollingIntervalSeconds.value) * 1000;
      const concurrency = Math.max(1, Math.floor(workOptions.concurrency ?? defaults.concurrency.value));
      const held: Leases = createLeases({
        url: options.url,
        schema,
        queues: [INGEST_QUEUE, STORIES_QUEUE, ANALYZE_QUEUE],
        maxConnections: concurrency + 2,
        keepSeconds: defaults.leaseKeepSeconds.value,
        graceSeconds: options.leaseGraceSeconds ?? defaults.leaseGraceSeconds.value,
        onFault: (detail) => options.onError?.(createError('QUEUE_BACKGROUND_FAILED', { db, detail })),
      });
      leases.push(held);
      /**
       * One job at a time per slot: fetch, hold its lease, run, record the outcome, and fetch the
       * next at once (an idle slot waits a polling interval). The outcome is recorded here, awaited
       * and retried while the database is unreachable, rather than by pg-boss's `work`, which
       * records it without awaiting: during a server restart that rejection goes unhandled and kills
       * the worker, and the job stays active until it expires.
       */
      const slot = async <T extends object>(name: string, run: (job: PgBoss.Job<T>) => Promise<object>): Promise<void> => {
        while (!stopping) {
          // pg-boss's fetch answers [] when the database cannot be reached: the slot just waits.
          const [job] = await boss.fetch<T>(name, { batchSize: 1 });
          if (job === undefined) {
            await pause(pollMs);
            continue;
          }
          running.set(job.id, name);
          const release = await held.hold(job.id);
          let result: object | undefined;
          let failure: unknown;
          try {
            result = await run(job);
          } catch (err) {
            failure = err ?? new Error('job failed');
          }
          // A job `stop` already failed as lost is another worker's now: its outcome here is not recorded.
          if (running.delete(job.id)) await settle(name, job.id, () => (failure === undefined ? boss.complete(name, job.id, result) : boss.fail(name, job.id, failure as object)));
          release();
        }
      };
      for (let i = 0; i < concurrency; i++) {
        slots.push(
          slot<IngestJobData>(INGEST_QUEUE, async (job) => {
            const input = job.data.input;
            try {
              const summary = await ingest(input, open, job.data.content);
              // Ask for a stories run, whatever failed: what was stored joins its story. Dropped by
              // the stately policy when one is already waiting.
              await send('stories', {}, input);
              const fatal = jobFailure(input, summary);
              if (fatal) throw fatal;
              onJob?.({ kind: 'ingest', id: job.id, input, ok: true, summary });
              const kept = defaults.failuresKept.value;
              return {
                documents: summary.documents,
                added: summary.added,
                articles: summary.articles,
                ...(summary.failures.length > 0
                  ? {
                      failed: summary.failures.length,
                      failures: summary.failures.slice(0, kept).map((f) => ({ input: f.input, code: f.error.code, message: f.error.message })),
                    }
                  : {}),
              };
            } catch (err) {
              const error = toParallaxError(err);
              onJob?.({ kind: 'ingest', id: job.id, input, ok: false, error });
              throw error;
            }
          }),
        );
      }
      slots.push(
        slot(STORIES_QUEUE, async (job) => {
          try {
            const summary = await stories(open);
            // Every story whose analysis is missing or stale gets an analyze job, for any worker.
            const stale = [...new Set([...(await open.analysis.stale('report', ANALYSES_VERSION)), ...(await open.analysis.stale('statements', ANALYSES_VERSION))])];
            for (const storyId of stale) await send('analyze', { storyId } satisfies AnalyzeJobData, storyId);
            onJob?.({ kind: 'stories', id: job.id, ok: true, summary });
            return { assigned: summary.assigned, changed: summary.changed, stories: summary.stories };
          } catch (err) {
            const error = toParallaxError(err);
            onJob?.({ kind: 'stories', id: job.id, ok: false, error });
            throw error;
          }
        }),
      );
      slots.push(
        slot<AnalyzeJobData>(ANALYZE_QUEUE, async (job) => {
          const { storyId } = job.data;
          try {
            const outcome = await analyze(storyId, open);
            onJob?.({ kind: 'analyze', id: job.id, storyId, ok: true, outcome });
            return { storyId, outcome };
          } catch (err) {
            const error = toParallaxError(err);
            onJob?.({ kind: 'analyze', id: job.id, input: storyId, ok: false, error });
            throw error;
          }
        }),
      );
      slots.push(sweeper(held, open));
    },

    async backlog() {
      const [ingestCount, storiesCount, analyzeCount] = await Promise.all([
        boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
        boss.getQueueSize(STORIES_QUEUE, { before: 'completed' }),
        boss.getQueueSize(ANALYZE_QUEUE, { before: 'completed' }),
      ]);
      return { ingest: ingestCount, stories: storiesCount, analyze: analyzeCount };
    },

    async job(kind, id) {
      const found = await boss.getJobById(QUEUE_OF[kind], id, { includeArchive: true });
      return found ? { state: found.state, output: found.output } : undefined;
    },

    async stop() {
      const started = Date.now();
      const deadline = started + stopDeadlineMs;
      const cut: string[] = [];
      /** Wait for `step` until `until` (ms since epoch); false when cut off. Its failure is reported. */
      const within = async (what: string, step: () => Promise<unknown>, until: number): Promise<boolean> => {
        let timer: NodeJS.Timeout | undefined;
        const done = await Promise.race([
          step().then(
            () => true,
            (err: unknown) => {
              options.onError?.(createError('QUEUE_BACKGROUND_FAILED', { db, detail: `${what}: ${err instanceof Error ? err.message : String(err)}` }, err));
              return true;
            },
          ),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, until - Date.now())))),
        ]);
        clearTimeout(timer);
        return done;
      };
      const bounded = async (what: string, step: () => Promise<unknown>): Promise<void> => {
        if (!(await within(what, step, deadline))) cut.push(what);
      };
      stopping = true;
      for (const wake of [...sleepers]) wake();
      // Running jobs get the stop timeout to finish; those that do not are failed below.
      await within('waiting for running jobs', () => Promise.all(slots), Math.min(deadline, started + stopTimeoutMs));
      closed = true;
      for (const wake of [...sleepers]) wake();
      // A job still running is failed as lost now, so another worker retries it (pg-boss's retry),
      // rather than when a sweep finds its lease gone or at its expiry.
      const left = [...running];
      running.clear();
      const seconds = Math.round((Date.now() - started) / 1000);
      await bounded(
        `failing ${left.length} job(s) still running`,
        () =>
          Promise.all(
            left.map(async ([id, name]) => {
              const lost = createError('QUEUE_JOB_STOPPED', { db, job: name, id, seconds });
              options.onError?.(lost);
              await boss.fail(name, id, lost);
            }),
          ),
      );
      await bounded('closing the queue', () => boss.stop({ graceful: false, wait: true, close: true }));
      await bounded('releasing job leases', () => Promise.all(leases.splice(0).map((held) => held.close())));
      const open = store;
      store = undefined;
      // A job cut off may still hold a store connection, which the pool would wait for forever.
      if (open) await bounded('closing the store', () => open.close());
      if (cut.length > 0) options.onError?.(createError('QUEUE_STOP_CUT_SHORT', { db, seconds: Math.round((Date.now() - started) / 1000), detail: cut.join('; ') }));
    },
  };
}
