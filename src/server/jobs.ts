/**
 * Ingest jobs: a registry owned by one app instance. Jobs run in-process one after another (the
 * stories run keeps shared state in the store, so two runs must not interleave), and report their
 * progress as they go. Finished jobs are remembered up to a bound, oldest forgotten first.
 */
import { toParallaxError, type ErrorCode } from '../errors.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** One input that could not be ingested. `input` is a URL or an uploaded file's name, never a server path. */
export interface JobFailure {
  readonly input: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** What a finished ingest job did. */
export interface JobSummary {
  readonly documents: number;
  readonly added: number;
  readonly skipped: number;
  readonly articles: number;
  readonly empty: number;
  /** Articles grouped into stories, and stories created or changed. */
  readonly assigned: number;
  readonly storiesChanged: number;
}

/** A job as `GET /api/jobs/:id` reports it. */
export interface JobStatus {
  readonly id: string;
  readonly kind: 'upload' | 'urls';
  readonly state: JobState;
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Inputs handed to the job. */
  readonly inputs: number;
  /** Inputs read so far (of `total` when known), articles stored and inputs failed so far. */
  readonly progress: { readonly done: number; readonly total?: number; readonly articles: number; readonly failed: number };
  readonly failures: readonly JobFailure[];
  readonly summary?: JobSummary;
  /** Why the whole job failed (state `failed`). */
  readonly error?: { readonly code: ErrorCode; readonly message: string };
}

/** What a job's work may report while it runs. */
export interface JobReporter {
  progress(p: { done: number; total?: number; articles: number; failed: number }): void;
  failure(f: JobFailure): void;
}

/** The work of one job; it resolves to the summary, or throws to fail the job. */
export type JobWork = (report: JobReporter) => Promise<JobSummary>;

export interface JobRegistry {
  /** Queue a job; it starts after the jobs queued before it. Returns its status at submission. */
  submit(kind: JobStatus['kind'], inputs: number, work: JobWork): JobStatus;
  get(id: string): JobStatus | undefined;
  /** Resolves when every job submitted so far has finished. */
  settled(): Promise<void>;
}

export interface JobRegistryOptions {
  readonly now: () => Date;
  readonly newId: () => string;
  /** Finished jobs remembered. */
  readonly keep: number;
  /** Called when a job fails as a whole (for the server log). */
  readonly onJobError?: (id: string, error: unknown) => void;
}

type MutableStatus = { -readonly [K in keyof JobStatus]: JobStatus[K] } & { failures: JobFailure[] };

export function createJobRegistry(options: JobRegistryOptions): JobRegistry {
  const jobs = new Map<string, MutableStatus>();
  let queue: Promise<void> = Promise.resolve();

  const forgetOld = () => {
    const finished = [...jobs.values()].filter((j) => j.state === 'succeeded' || j.state === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - options.keep))) jobs.delete(j.id);
  };

  const run = async (job: MutableStatus, work: JobWork) => {
    job.state = 'running';
    job.startedAt = options.now().toISOString();
    try {
      job.summary = await work({
        progress: (p) => {
          job.progress = { done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), articles: p.articles, failed: p.failed };
        },
        failure: (f) => {
          job.failures.push(f);
        },
      });
      job.state = 'succeeded';
    } catch (err) {
      options.onJobError?.(job.id, err);
      const e = toParallaxError(err);
      job.error = { code: e.code, message: e.code === 'INTERNAL' ? 'Internal error; the server log has the details.' : e.message };
      job.state = 'failed';
    } finally {
      job.finishedAt = options.now().toISOString();
      forgetOld();
    }
  };

  return {
    submit(kind, inputs, work) {
      const job: MutableStatus = {
        id: options.newId(),
        kind,
        state: 'queued',
        createdAt: options.now().toISOString(),
        inputs,
        progress: { done: 0, total: inputs, articles: 0, failed: 0 },
        failures: [],
      };
      jobs.set(job.id, job);
      queue = queue.then(() => run(job, work));
      return snapshot(job);
    },
    get(id) {
      const job = jobs.get(id);
      return job ? snapshot(job) : undefined;
    },
    settled() {
      return queue;
    },
  };
}

function snapshot(job: MutableStatus): JobStatus {
  return { ...job, progress: { ...job.progress }, failures: [...job.failures] };
}
