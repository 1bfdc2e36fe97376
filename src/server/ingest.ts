/**
 * The work of an ingest job: uploaded files or URLs → `runIngest` → `runStories`, through the same
 * run as the CLI. Uploaded files live in a private temp folder that is removed afterwards; URLs go
 * through the ingest stage's SSRF guard, which the API never relaxes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultIO, type IngestIO, type IngestOptions } from '../pipeline/ingest/index.js';
import { runIngest } from '../pipeline/run.js';
import { runStories } from '../pipeline/stories.js';
import type { Store } from '../store/store.js';
import type { JobSummary, JobWork } from './jobs.js';

/** An uploaded file, held in memory until the job writes it out. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Ingest options the server may set; private-network fetching is always refused. */
export type ServerIngestOptions = Omit<IngestOptions, 'allowPrivateNetwork' | 'onProgress'>;

interface JobContext {
  readonly store: Store;
  readonly tmpDir: string;
  readonly ingest: ServerIngestOptions;
}

/** A job that ingests `urls`. */
export function urlsJob(ctx: JobContext, urls: readonly string[]): JobWork {
  return (report) => ingestInputs(ctx, urls, new Map(), report);
}

/**
 * A job that writes `files` to a temp folder, ingests them and removes the folder. Documents are
 * recorded under `upload/<file name>` rather than the temp path, which means nothing once removed.
 */
export function uploadJob(ctx: JobContext, files: readonly UploadedFile[]): JobWork {
  return async (report) => {
    const dir = await mkdtemp(join(ctx.tmpDir, 'parallax-upload-'));
    try {
      const names = new Map<string, string>();
      const paths = new Map<string, string>();
      for (const [i, file] of files.entries()) {
        const base = safeName(file.name);
        let shown = `upload/${base}`;
        for (let n = 2; paths.has(shown); n++) shown = `upload/${n}-${base}`;
        const path = join(dir, `${String(i).padStart(3, '0')}-${base}`);
        await writeFile(path, file.bytes, { flag: 'wx' });
        names.set(shown, file.name);
        paths.set(shown, path);
      }
      // The job reads only its own files: any other path is reported missing.
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
      return await ingestInputs({ ...ctx, ingest: { ...ctx.ingest, io: uploadIO } }, [...paths.keys()], names, report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function ingestInputs(ctx: JobContext, inputs: readonly string[], names: ReadonlyMap<string, string>, report: Parameters<JobWork>[0]): Promise<JobSummary> {
  const shown = (input: string) => names.get(input) ?? input;
  const summary = await runIngest({
    inputs,
    store: ctx.store,
    ingest: { ...ctx.ingest, allowPrivateNetwork: false },
    onProgress: (p) => report.progress({ done: p.done, ...(p.total !== undefined ? { total: p.total } : {}), articles: p.articles, failed: p.failed }),
    onFailure: (input, error) => report.failure({ input: shown(input), code: error.code, message: error.message }),
  });
  const stories = await runStories({ store: ctx.store });
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
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned === '' ? 'upload' : cleaned;
}
