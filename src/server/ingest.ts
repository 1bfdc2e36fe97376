/**
 * The work of an ingest job: uploaded files or URLs → `runIngest` → `runStories` → `runAnalyses`, through the same
 * run as the CLI. A job is described by a plain `IngestJob` (what to read), so that it can be
 * written to the job journal, resumed after a restart and run in a worker process. Uploaded files
 * are already on disk, in the job's own folder, which the server removes when the job ends; URLs go
 * through the ingest stage's SSRF guard, which the API never relaxes.
 */
import { defaultIO, type IngestIO, type IngestOptions } from '../pipeline/ingest/index.js';
import { runIngest } from '../pipeline/run.js';
import { runStories } from '../pipeline/stories.js';
import { runAnalyses } from '../pipeline/analyses.js';
import type { Store } from '../store/store.js';
import type { JobReporter, JobSummary } from './jobs.js';

/** An uploaded file, written to disk as it arrived. */
export interface UploadedFile {
  /** The name the client gave it. */
  readonly name: string;
  /** Where it was written (inside the job's folder). */
  readonly path: string;
}

/** What a job reads: URLs, or uploaded files in the folder `dir` (removed when the job ends). */
export type IngestJob = { readonly kind: 'urls'; readonly urls: readonly string[] } | { readonly kind: 'upload'; readonly dir: string; readonly files: readonly UploadedFile[] };

/** Ingest options the server may set; private-network fetching is always refused. */
export type ServerIngestOptions = Omit<IngestOptions, 'allowPrivateNetwork' | 'onProgress'>;

export interface IngestContext {
  readonly store: Store;
  readonly ingest: ServerIngestOptions;
  /** Document workers of the run (`runIngest`'s default when absent: one per CPU on a main thread). */
  readonly workers?: number;
}

/** The inputs a job names, for its status. */
export function jobInputs(job: IngestJob): number {
  return job.kind === 'urls' ? job.urls.length : job.files.length;
}

/**
 * Run `job` against `ctx.store`. Uploaded documents are recorded under `upload/<file name>` rather
 * than their path on disk, which means nothing once removed; the job reads only its own files.
 */
export async function runIngestJob(ctx: IngestContext, job: IngestJob, report: JobReporter): Promise<JobSummary> {
  if (job.kind === 'urls') return ingestInputs(ctx, job.urls, new Map(), report);
  const names = new Map<string, string>();
  const paths = new Map<string, string>();
  for (const file of job.files) {
    const base = safeName(file.name);
    let shown = `upload/${base}`;
    for (let n = 2; paths.has(shown); n++) shown = `upload/${n}-${base}`;
    names.set(shown, file.name);
    paths.set(shown, file.path);
  }
  const real = (input: string): string => {
    const path = paths.get(input);
    if (path === undefined) throw Object.assign(new Error(`${input}: not part of this upload`), { code: 'ENOENT' });
    return path;
  };
  const io: IngestIO = { ...defaultIO(), ...ctx.ingest.io };
  const uploadIO: Partial<IngestIO> = {
    ...ctx.ingest.io,
    stat: async (input) => io.stat(real(input)),
    readFile: async (input, maxBytes) => io.readFile(real(input), maxBytes),
    realpath: async (input) => (real(input), input),
    readdir: async (input) => {
      real(input);
      return [];
    },
  };
  return ingestInputs({ ...ctx, ingest: { ...ctx.ingest, io: uploadIO } }, [...paths.keys()], names, report);
}

async function ingestInputs(ctx: IngestContext, inputs: readonly string[], names: ReadonlyMap<string, string>, report: JobReporter): Promise<JobSummary> {
  const shown = (input: string) => names.get(input) ?? input;
  const summary = await runIngest({
    inputs,
    store: ctx.store,
    ingest: { ...ctx.ingest, allowPrivateNetwork: false },
    ...(ctx.workers !== undefined && { workers: ctx.workers }),
    onProgress: (p) => report.progress({ done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), articles: p.articles, failed: p.failed }),
    onFailure: (input, error) => report.failure({ input: shown(input), code: error.code, message: error.message }),
  });
  const stories = await runStories({ store: ctx.store });
  // New and changed stories are analysed once here, in the job's worker, so that their pages and
  // reports read the stored analysis at once (a failed analysis is computed again on first read).
  if (stories.changedIds.length > 0) await runAnalyses({ store: ctx.store, location: ctx.store.location, storyIds: stories.changedIds });
  return {
    documents: summary.documents,
    added: summary.added,
    skipped: summary.skipped,
    articles: summary.articles,
    empty: summary.empty,
    assigned: stories.assigned,
    storiesChanged: stories.changed,
  };
}

/** A file name safe to create: the base name, with anything but letters, digits, dot, dash and underscore replaced. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned === '' ? 'upload' : cleaned;
}
