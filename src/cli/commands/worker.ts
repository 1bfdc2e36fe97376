/**
 * `parallax worker [--db postgres://…] [--concurrency N]`: run queued ingest, stories and analyze jobs until
 * SIGINT/SIGTERM; and {@link enqueueIngest}, behind `parallax ingest --queue`.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
// The queue (pg-boss) and the pipeline load only when a worker or a queued ingest runs.
import type { JobEvent } from '../../queue/index.js';
import { dbLocation, type CliContext } from '../context.js';

interface WorkerOptions {
  db?: string;
  concurrency?: string;
}

/** An input as a worker elsewhere can read it: URLs as given, paths made absolute. */
function portableInput(input: string, cwd: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : resolve(cwd, input);
}

function describe(event: JobEvent): string {
  if (!event.ok) return `${event.kind}${event.input !== undefined ? ` ${event.input}` : ''} failed: ${event.error.code}: ${event.error.message}`;
  if (event.kind === 'ingest') {
    const s = event.summary;
    const failed = s.failures.map((f) => `\n  ${f.input} failed: ${f.error.code}: ${f.error.message}`).join('');
    return `ingest ${event.input}: ${s.documents} documents, ${s.added} new, ${s.articles} articles${s.failures.length > 0 ? `, ${s.failures.length} failed${failed}` : ''}`;
  }
  if (event.kind === 'analyze') return `analyze ${event.storyId}: ${event.outcome === 'analysed' ? 'analysed and stored' : event.outcome === 'current' ? 'already current' : 'merged away meanwhile'}`;
  const s = event.summary;
  return `stories: ${s.assigned} articles assigned, ${s.changed} stories changed, ${s.stories} stories`;
}

/**
 * Queue one ingest job per input in the PostgreSQL database `opts.db` (or $PARALLAX_DB); relative
 * paths are made absolute against the working folder. Throws QUEUE_NEEDS_POSTGRES,
 * QUEUE_START_FAILED or QUEUE_SEND_FAILED.
 */
export async function enqueueIngest(inputs: readonly string[], opts: { db?: string }, ctx: CliContext): Promise<{ jobs: number }> {
  const { createQueue } = await import('../../queue/index.js');
  const queue = await createQueue({ url: dbLocation(ctx, opts.db) });
  try {
    const ids = await queue.enqueueIngest(inputs.map((input) => portableInput(input, ctx.cwd)));
    return { jobs: ids.length };
  } finally {
    await queue.stop();
  }
}

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('Run queued ingest, stories and analyze jobs from a PostgreSQL database until stopped (Ctrl-C).')
    .option('--db <url>', 'PostgreSQL database, postgres://… (default $PARALLAX_DB)')
    .option('--concurrency <n>', 'ingest jobs run at once', '2')
    .action(async (opts: WorkerOptions) => {
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw createError('USAGE', { detail: `--concurrency must be a positive integer, not "${opts.concurrency}"` });
      }
      const { createQueue } = await import('../../queue/index.js');
      const queue = await createQueue({
        url: dbLocation(ctx, opts.db),
        onError: (error) => ctx.stderr.write(`worker: ${error.message}\n`),
      });
      let failed = 0;
      await queue.work({
        concurrency,
        onJob: (event) => {
          if (!event.ok) failed++;
          (event.ok ? ctx.stdout : ctx.stderr).write(`${describe(event)}\n`);
        },
      });
      ctx.stderr.write(`worker: running (${concurrency} ingest at once); Ctrl-C to stop\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      ctx.stderr.write('worker: stopping, letting running jobs finish\n');
      await queue.stop();
      ctx.stderr.write(`worker: stopped${failed > 0 ? ` (${failed} job attempts failed)` : ''}\n`);
      // Stopped means nothing is left to do: a connection the driver failed to close after a
      // database restart must not keep the process alive after SIGTERM (an unref'd timer fires only then).
      setTimeout(() => process.exit(process.exitCode ?? 0), 5000).unref();
    });
}
