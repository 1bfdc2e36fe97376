/**
 * The job queue: ingestion and story building as PostgreSQL jobs, run by any number of workers.
 *
 * Built on pg-boss (jobs are rows in PostgreSQL, taken with `FOR UPDATE SKIP LOCKED`), so the
 * queue lives in the same database as the store and survives worker restarts. Two job kinds:
 *
 * - `parallax-ingest`: one input (path or URL) per job, run through {@link runIngest}. Retrying is
 *   safe: documents are keyed by content hash, so a job that is run twice stores nothing twice.
 *   A job whose input fails is retried with backoff and, after the retry limit, left in pg-boss's
 *   `failed` state with its error as output (the poison job is parked; the others go on).
 * - `parallax-stories`: runs {@link runStories}. Each ingest job that completes asks for one.
 *
 * Story building must never run twice at once (the clusterer's state is read, extended and saved
 * back). The stories queue uses pg-boss's `stately` policy rather than an advisory lock: a unique
 * index allows at most one stories job per state, so at most one is active across all workers
 * (another worker's attempt to take a second one is refused by the index, not by a lock held on a
 * connection), and at most one waits. That also debounces: while one is waiting, further requests
 * are dropped (`send` returns null), and a request made while one is running queues exactly one
 * follow-up that picks up the articles stored meanwhile. The guarantee holds while a run stays
 * under the stories expiry (defaults.json, 4 h): pg-boss takes a job active for longer as lost and
 * frees its slot. An advisory lock would hold past that, but it pins one pooled connection for the
 * whole run, and a worker that finds it taken must wait or fail the job, spending its retries.
 *
 * Workers fetch jobs and record their outcomes themselves (not through pg-boss's `work`), so a
 * database restart never kills a worker: fetching answers nothing while the server is away, and an
 * outcome is retried until it is recorded (defaults.json `settleRetrySeconds`). Stopping (`stop`)
 * stops taking jobs and waits for running ones (`stopTimeoutSeconds`, 30 s); a job cut off by a
 * crash or that timeout is expired and retried, which is safe as said above.
 */
import { readFileSync } from 'node:fs';
import PgBoss from 'pg-boss';
import { createError, toParallaxError, type ParallaxError } from '../errors.js';
import { inlineInputIO } from '../pipeline/ingest/poll.js';
import { runIngest, type IngestSummary, type PipelineOptions } from '../pipeline/run.js';
import { runStories, type StoriesSummary } from '../pipeline/stories.js';
import { openStore, type Store } from '../store/index.js';

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
  readonly concurrency: Setting<number>;
  readonly settleRetrySeconds: Setting<number>;
  readonly stopTimeoutSeconds: Setting<number>;
}

const defaults = JSON.parse(readFileSync(new URL('./defaults.json', import.meta.url), 'utf8')) as QueueDefaults;

/** pg-boss queue names of the two job kinds. */
export const INGEST_QUEUE = 'parallax-ingest';
export const STORIES_QUEUE = 'parallax-stories';

/**
 * The data of an ingest job: one input, as given to `runIngest`. With `content`, the job carries
 * its input (JSON Lines, e.g. a watched feed's new items) and `input` only names it, so a worker
 * on another machine needs no shared disk.
 */
export interface IngestJobData {
  readonly input: string;
  readonly content?: string;
}

/** Ingest one input (or the carried `content`, named `input`) into the store; throws (a catalogued error) when it failed. */
export type IngestJob = (input: string, store: Store, content?: string) => Promise<IngestSummary>;
/** Build stories from the stored articles not yet in one. */
export type StoriesJob = (store: Store) => Promise<StoriesSummary>;

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
  /** Background faults (a lost connection while polling, a failed maintenance run); the queue goes on. */
  readonly onError?: (error: ParallaxError) => void;
}

/** What became of one job run by this worker. */
export type JobEvent =
  | { readonly kind: 'ingest'; readonly id: string; readonly input: string; readonly ok: true; readonly summary: IngestSummary }
  | { readonly kind: 'stories'; readonly id: string; readonly ok: true; readonly summary: StoriesSummary }
  | { readonly kind: 'ingest' | 'stories'; readonly id: string; readonly input?: string; readonly ok: false; readonly error: ParallaxError };

export interface WorkOptions {
  /** Ingest jobs run at once by this worker (default 2). Stories jobs run one at a time. */
  readonly concurrency?: number;
  /** Called after each job this worker ran, finished or failed (a failed one may be retried). */
  readonly onJob?: (event: JobEvent) => void;
}

/** Jobs not yet finished (waiting, waiting for a retry, or running), per kind. */
export interface QueueBacklog {
  readonly ingest: number;
  readonly stories: number;
}

export interface Queue {
  /** Queue one ingest job per input (a path or URL, or an input carried in the job); resolves to the job ids in input order. */
  enqueueIngest(inputs: readonly (string | IngestJobData)[]): Promise<string[]>;
  /** Start taking jobs; resolves once the workers are registered. */
  work(options?: WorkOptions): Promise<void>;
  /** Jobs not yet finished, across all workers. */
  backlog(): Promise<QueueBacklog>;
  /** The state and output (the error, for a failed job) of one job, or undefined if unknown. */
  job(kind: 'ingest' | 'stories', id: string): Promise<{ readonly state: string; readonly output: unknown } | undefined>;
  /** Stop taking jobs, let running ones finish, and close the connections. */
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
    const summary = await runIngest({ ...pipeline, ...(ingest === undefined ? {} : { ingest }), inputs: [input], store });
    const failure = summary.failures[0];
    if (failure) throw failure.error;
    return summary;
  };

const defaultStories: StoriesJob = (store) => runStories({ store });

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
  const boss = new PgBoss({
    connectionString: options.url,
    schema: options.schema ?? defaults.schema.value,
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
  } catch (err) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw createError('QUEUE_START_FAILED', { db, detail: err instanceof Error ? err.message : String(err) }, err);
  }

  const ingest = options.ingest ?? defaultIngest(options.pipeline ?? {});
  const stories = options.stories ?? defaultStories;
  let store: Store | undefined;

  const send = async (kind: 'ingest' | 'stories', data: object, input: string): Promise<string | null> => {
    try {
      return await boss.send(
        kind === 'ingest' ? INGEST_QUEUE : STORIES_QUEUE,
        data,
        kind === 'stories'
          ? { ...retry, expireInSeconds: defaults.storiesExpireSeconds.value, singletonKey: 'stories' }
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
      /**
       * One job at a time per slot: fetch, run, record the outcome, and fetch the next at once (an
       * idle slot waits a polling interval). The outcome is recorded here, awaited and retried while
       * the database is unreachable, rather than by pg-boss's `work`, which records it without
       * awaiting: during a server restart that rejection goes unhandled and kills the worker, and the
       * job stays active until it expires.
       */
      const slot = async <T extends object>(name: string, run: (job: PgBoss.Job<T>) => Promise<object>): Promise<void> => {
        while (!stopping) {
          // pg-boss's fetch answers [] when the database cannot be reached: the slot just waits.
          const [job] = await boss.fetch<T>(name, { batchSize: 1 });
          if (job === undefined) {
            await pause(pollMs);
            continue;
          }
          let result: object | undefined;
          let failure: unknown;
          try {
            result = await run(job);
          } catch (err) {
            failure = err ?? new Error('job failed');
          }
          await settle(name, job.id, () => (failure === undefined ? boss.complete(name, job.id, result) : boss.fail(name, job.id, failure as object)));
        }
      };
      for (let i = 0; i < concurrency; i++) {
        slots.push(
          slot<IngestJobData>(INGEST_QUEUE, async (job) => {
            const input = job.data.input;
            try {
              const summary = await ingest(input, open, job.data.content);
              // Ask for a stories run; dropped by the stately policy when one is already waiting.
              await send('stories', {}, input);
              onJob?.({ kind: 'ingest', id: job.id, input, ok: true, summary });
              return { documents: summary.documents, added: summary.added, articles: summary.articles };
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
            onJob?.({ kind: 'stories', id: job.id, ok: true, summary });
            return { assigned: summary.assigned, changed: summary.changed, stories: summary.stories };
          } catch (err) {
            const error = toParallaxError(err);
            onJob?.({ kind: 'stories', id: job.id, ok: false, error });
            throw error;
          }
        }),
      );
    },

    async backlog() {
      const [ingestCount, storiesCount] = await Promise.all([
        boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
        boss.getQueueSize(STORIES_QUEUE, { before: 'completed' }),
      ]);
      return { ingest: ingestCount, stories: storiesCount };
    },

    async job(kind, id) {
      const found = await boss.getJobById(kind === 'ingest' ? INGEST_QUEUE : STORIES_QUEUE, id, { includeArchive: true });
      return found ? { state: found.state, output: found.output } : undefined;
    },

    async stop() {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      // Running jobs finish, within the stop timeout; a job cut off here expires and is retried.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(slots), new Promise((r) => (timer = setTimeout(r, defaults.stopTimeoutSeconds.value * 1000)))]);
      clearTimeout(timer);
      closed = true;
      for (const wake of [...sleepers]) wake();
      await boss.stop({ graceful: false, wait: true, close: true });
      await store?.close();
      store = undefined;
    },
  };
}
