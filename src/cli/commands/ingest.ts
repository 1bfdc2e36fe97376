/** `parallax ingest [--db FILE] PATH|URL|- ...`: read raw inputs and store clean articles. */
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
// The pipeline stages load only when an ingest runs, so other commands start quickly.
import type { IngestSummary } from '../../pipeline/run.js';
import type { StoriesSummary } from '../../pipeline/stories.js';
import type { AnalysesSummary } from '../../pipeline/analyses.js';
import type { Store } from '../../store/store.js';
import { createCountProgress, createProgress } from '../progress.js';
import { formatError, EXIT_SOME_FAILED } from '../errors.js';
import { createError } from '../../errors.js';
import { dbLocation, type CliContext } from '../context.js';

export interface IngestCliOptions {
  readonly db?: string;
  readonly allowPrivateNetwork?: boolean;
  readonly maxBytes?: string;
  readonly timeout?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** False with --no-stories: store the articles but leave grouping into stories for later. */
  readonly stories?: boolean;
  /** False with --no-analyze: group into stories but leave their analyses for `parallax analyze` or the first read. */
  readonly analyze?: boolean;
  /** Queue one job per input for `parallax worker` instead of ingesting now (PostgreSQL only). */
  readonly queue?: boolean;
  /** Threads for the pure stages (--workers N; default the machine's available parallelism). */
  readonly workers?: string;
}

export function registerIngest(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('Ingest files, folders, feeds, WARC, JSONL, .gz/.zip archives, URLs or - (stdin); store clean articles.')
    .argument('<inputs...>', 'paths, http(s) URLs, or - for standard input')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--allow-private-network', 'allow fetching URLs that resolve to loopback or private addresses')
    .option('--max-bytes <n>', 'largest single document to accept, in bytes (default 33554432)')
    .option('--timeout <seconds>', 'timeout for each URL fetch (default 30)')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON')
    .option('--no-stories', 'do not group the new articles into stories now')
    .option('--no-analyze', "do not analyse new and changed stories now (their reports are computed on first read or by `parallax analyze`)")
    .option('--workers <n>', 'threads for extraction and text analysis (default: the available CPUs; 1 = none); a small ingest starts none')
    .option('--queue', 'queue one job per input for `parallax worker` instead of ingesting now (PostgreSQL --db)')
    .action(async (inputs: string[], opts: IngestCliOptions) => {
      if (opts.queue) {
        if (inputs.includes('-')) throw createError('USAGE', { detail: 'standard input (-) cannot be queued: a worker cannot read it; save it to a file first' });
        const { enqueueIngest } = await import('./worker.js');
        const { jobs } = await enqueueIngest(inputs, { ...(opts.db ? { db: opts.db } : {}) }, ctx);
        ctx.stdout.write(`${jobs} ingest jobs queued; run \`parallax worker\` to process them.\n`);
        return;
      }
      const summary = await ingestCommand(inputs, opts, ctx);
      if (summary.failures.length > 0) ctx.exitCode = EXIT_SOME_FAILED;
    });
}

/** Run an ingest and print its summary; bad inputs get one line each on stderr. */
export async function ingestCommand(inputs: readonly string[], opts: IngestCliOptions, ctx: CliContext): Promise<IngestSummary> {
  const location = dbLocation(ctx, opts.db);
  const [{ runIngest }, { runStories }] = await Promise.all([import('../../pipeline/run.js'), import('../../pipeline/stories.js')]);
  const store = await openStore(location);
  const progress = createProgress((ctx.progressStream ?? ctx.stderr) as NodeJS.WriteStream, opts.quiet === true || opts.json === true);
  try {
    const summary = await runIngest({
      inputs,
      store,
      ingest: {
        allowPrivateNetwork: opts.allowPrivateNetwork === true,
        ...(opts.maxBytes ? { maxDocumentBytes: Number(opts.maxBytes) } : {}),
        ...(opts.timeout ? { timeoutMs: Number(opts.timeout) * 1000 } : {}),
      },
      ...(opts.workers === undefined ? {} : { workers: workerCount(opts.workers) }),
      onProgress: (p) => progress.update(p),
      onFailure: (_input, error) => {
        progress.stop();
        ctx.stderr.write(`${formatError(error)}\n`);
      },
    });
    progress.stop();
    let stories: StoriesSummary | undefined;
    let analyses: AnalysesSummary | undefined;
    if (opts.stories !== false) {
      stories = await runStories({ store });
      // Each new or changed story is analysed once now, so that reports read it at once.
      if (opts.analyze !== false && stories.changedIds.length > 0) analyses = await analyseStale(store, location, { ...opts, storyIds: stories.changedIds }, ctx);
    }
    if (opts.json) {
      ctx.stdout.write(`${JSON.stringify({ db: location, ...summary, stories, analyses: analyses && { analysed: analyses.analysed, stored: analyses.stored, failures: analyses.failures.map((f) => ({ story: f.storyId, code: f.error.code, message: f.error.message })) }, failures: summary.failures.map((f) => ({ input: f.input, code: f.error.code, message: f.error.message })) }, null, 2)}\n`);
    } else {
      const total = await store.articles.count();
      ctx.stdout.write(
        `${summary.documents} documents read: ${summary.added} new, ${summary.skipped} already stored` +
          (summary.enriched > 0 ? `, ${summary.enriched} stored ones given the metadata they lacked` : '') +
          '; ' +
          `${summary.articles} articles stored` +
          (summary.empty > 0 ? `, ${summary.empty} documents without article text` : '') +
          (summary.failures.length > 0 ? `; ${summary.failures.length} inputs failed` : '') +
          `.\n`,
      );
      if (stories) {
        const storyCount = await store.stories.count();
        ctx.stdout.write(`${stories.assigned} articles grouped into stories; ${stories.changed} stories new or changed.\n`);
        if (analyses) ctx.stdout.write(`${analyses.stored} stories analysed${analyses.failures.length > 0 ? `; ${analyses.failures.length} analyses failed` : ''}.\n`);
        ctx.stdout.write(`${location} now holds ${total} articles in ${storyCount} stories.\n`);
      } else ctx.stdout.write(`${location} now holds ${total} articles.\n`);
    }
    return summary;
  } finally {
    progress.stop();
    await store.close();
  }
}

/** The --workers value: a whole number from 1. */
function workerCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw createError('USAGE', { detail: `--workers takes a whole number from 1, not "${value}"` });
  return n;
}

/**
 * Analyse the stories whose stored analyses are missing or stale (or `storyIds`), with a progress
 * bar; a story whose analysis fails gets a line on stderr and the others go on.
 */
export async function analyseStale(store: Store, location: string, opts: { readonly quiet?: boolean; readonly json?: boolean; readonly storyIds?: readonly string[] }, ctx: CliContext): Promise<AnalysesSummary> {
  const { runAnalyses } = await import('../../pipeline/analyses.js');
  const bar = createCountProgress((ctx.progressStream ?? ctx.stderr) as NodeJS.WriteStream, opts.quiet === true || opts.json === true, 'stories analysed');
  try {
    const summary = await runAnalyses({
      store,
      location,
      ...(opts.storyIds ? { storyIds: opts.storyIds } : {}),
      onProgress: (p) => bar.update(p.done, p.total, p.storyId),
    });
    bar.stop();
    for (const f of summary.failures) ctx.stderr.write(`${f.storyId}: ${formatError(f.error)}\n`);
    return summary;
  } finally {
    bar.stop();
  }
}
