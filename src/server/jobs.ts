/**
 * Ingest jobs: a registry owned by one app instance. Jobs run one after another (the stories run
 * keeps shared state in the store, so two runs must not interleave), and report their progress as
 * they go. Finished jobs are remembered up to a bound, oldest forgotten first.
 *
 * With a journal (`journal.ts`), every job is written down when it is accepted, starts and ends, so
 * a server that stops or crashes does not lose it: the next server over the same journal resumes
 * the jobs that had not finished (their uploaded files are kept in the journal's folder until the
 * job ends) and still answers for the finished ones. A job that cannot be resumed is failed with
 * JOB_INTERRUPTED, never dropped in silence. `stop` refuses new jobs, gives the running one a
 * deadline, then aborts it, leaving it in the journal to resume.
 */
import { createError, toParallaxError, type ErrorCode } from '../errors.js';
import type { IngestJob } from './ingest.js';
import { jobInputs } from './ingest.js';
import type { JobJournal } from './journal.js';

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
  /** When a restarted server took the job up again (it had not finished when the last one stopped). */
  readonly resumedAt?: string;
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

/** Runs one job; resolves to the summary, or throws to fail it. `signal` aborts it when the server stops. */
export type JobRunner = (job: IngestJob, report: JobReporter, signal: AbortSignal) => Promise<JobSummary>;

export interface JobRegistry {
  /** Queue a job (under `id`, default a new one); it starts after the jobs queued before it. Returns its status at submission. */
  submit(job: IngestJob, id?: string): JobStatus;
  get(id: string): JobStatus | undefined;
  /** Resolves when every job submitted so far has finished (or the registry has stopped). */
  settled(): Promise<void>;
  /**
   * Refuse new jobs (SERVER_STOPPING), let the running job finish within `deadlineMs`, then abort
   * it; jobs not finished stay in the journal for the next server.
   */
  stop(deadlineMs: number): Promise<void>;
}

export interface JobRegistryOptions {
  readonly now: () => Date;
  readonly newId: () => string;
  /** Finished jobs remembered. */
  readonly keep: number;
  readonly run: JobRunner;
  /** Called once a job has ended (succeeded or failed, not stopped): remove its files. */
  readonly cleanup: (job: IngestJob) => Promise<void>;
  /** Where jobs are written down to outlive the server; none: they live in memory only. */
  readonly journal?: JobJournal;
  /** Called when a job fails as a whole (for the server log). */
  readonly onJobError?: (id: string, error: unknown) => void;
}

type MutableStatus = { -readonly [K in keyof JobStatus]: JobStatus[K] } & { failures: JobFailure[] };

interface Entry {
  readonly status: MutableStatus;
  readonly job: IngestJob;
}

export function createJobRegistry(options: JobRegistryOptions): JobRegistry {
  const { journal } = options;
  const entries = new Map<string, Entry>();
  const stopper = new AbortController();
  let queue: Promise<void> = Promise.resolve();
  let current: Promise<void> | undefined;
  let stopping = false;

  const save = (e: Entry) => journal?.save({ status: snapshot(e.status), job: e.job });

  const forgetOld = () => {
    const finished = [...entries.values()].filter((e) => e.status.state === 'succeeded' || e.status.state === 'failed');
    for (const e of finished.slice(0, Math.max(0, finished.length - options.keep))) {
      entries.delete(e.status.id);
      journal?.remove(e.status.id);
    }
  };

  const finish = async (e: Entry, outcome: { summary: JobSummary } | { error: unknown }) => {
    const job = e.status;
    // Its files go first, so a job reported finished has nothing left on disk.
    await options.cleanup(e.job).catch((err: unknown) => options.onJobError?.(job.id, err));
    if ('summary' in outcome) {
      job.summary = outcome.summary;
      job.state = 'succeeded';
    } else {
      options.onJobError?.(job.id, outcome.error);
      const err = toParallaxError(outcome.error);
      job.error = { code: err.code, message: err.code === 'INTERNAL' ? 'Internal error; the server log has the details.' : err.message };
      job.state = 'failed';
    }
    job.finishedAt = options.now().toISOString();
    save(e);
    forgetOld();
  };

  const run = async (e: Entry) => {
    // Not started before the server stopped: left queued in the journal.
    if (stopping) return;
    const job = e.status;
    job.state = 'running';
    job.startedAt = options.now().toISOString();
    save(e);
    let outcome: { summary: JobSummary } | { error: unknown };
    try {
      outcome = {
        summary: await options.run(
          e.job,
          {
            progress: (p) => {
              job.progress = { done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), articles: p.articles, failed: p.failed };
            },
            failure: (f) => {
              job.failures.push(f);
            },
          },
          stopper.signal,
        ),
      };
    } catch (err) {
      // Stopped by the server: the journal keeps it as running, and the next server resumes it.
      if (stopper.signal.aborted) return;
      outcome = { error: err };
    }
    await finish(e, outcome);
  };

  const enqueue = (e: Entry) => {
    entries.set(e.status.id, e);
    queue = queue.then(() => (current = run(e)));
  };

  // Jobs a previous server over the same journal accepted: resumed, or failed saying why.
  for (const record of journal?.load() ?? []) {
    const status: MutableStatus = { ...record.status, progress: { ...record.status.progress }, failures: [...record.status.failures] };
    const e: Entry = { status, job: record.job };
    if (status.state === 'succeeded' || status.state === 'failed') {
      entries.set(status.id, e);
      continue;
    }
    const missing = journal?.missingFiles(record.job) ?? [];
    if (missing.length > 0) {
      entries.set(status.id, e);
      void finish(e, { error: createError('JOB_INTERRUPTED', { id: status.id, detail: `${missing.length} uploaded file(s) are gone` }) });
      continue;
    }
    status.state = 'queued';
    status.resumedAt = options.now().toISOString();
    status.progress = { done: 0, total: status.inputs, articles: 0, failed: 0 };
    status.failures = [];
    save(e);
    enqueue(e);
  }
  forgetOld();

  return {
    submit(job, id) {
      if (stopping) throw createError('SERVER_STOPPING');
      const status: MutableStatus = {
        id: id ?? options.newId(),
        kind: job.kind,
        state: 'queued',
        createdAt: options.now().toISOString(),
        inputs: jobInputs(job),
        progress: { done: 0, total: jobInputs(job), articles: 0, failed: 0 },
        failures: [],
      };
      const e: Entry = { status, job };
      save(e);
      enqueue(e);
      return snapshot(status);
    },
    get(id) {
      const e = entries.get(id);
      return e ? snapshot(e.status) : undefined;
    },
    settled() {
      return queue;
    },
    async stop(deadlineMs) {
      stopping = true;
      const running = current;
      if (running) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
        clearTimeout(timer);
      }
      stopper.abort();
      await running;
      // Without a journal nobody resumes them: their files go now.
      if (!journal) {
        for (const e of entries.values()) {
          if (e.status.state === 'queued' || e.status.state === 'running') await options.cleanup(e.job).catch((err: unknown) => options.onJobError?.(e.status.id, err));
        }
      }
    },
  };
}

function snapshot(job: MutableStatus): JobStatus {
  return { ...job, progress: { ...job.progress }, failures: [...job.failures] };
}
