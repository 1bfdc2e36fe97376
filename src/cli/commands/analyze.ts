/**
 * `parallax analyze [--story ID ...] [--db FILE]`: analyse stories now and store the results —
 * every story whose stored analysis is missing or stale (its members changed, or it was computed
 * by another version of Parallax), or the stories named, whatever their state (after rules change).
 */
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';
import { EXIT_SOME_FAILED } from '../errors.js';
import { analyseStale } from './ingest.js';

/** Register `analyze` on the program. */
export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .description('Analyse stories now and store their reports: every story not analysed yet or changed since (default), or the stories named.')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--story <id...>', 'analyse these stories (ids of stories or of articles in them) again, whatever their state')
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { db?: string; story?: string[]; quiet?: boolean; json?: boolean }) => {
      const location = dbLocation(ctx, opts.db);
      const store = await openStore(location, { mustExist: true });
      try {
        const summary = await analyseStale(store, location, { ...opts, ...(opts.story ? { storyIds: opts.story } : {}) }, ctx);
        if (opts.json) {
          const failures = summary.failures.map((f) => ({ story: f.storyId, code: f.error.code, message: f.error.message }));
          ctx.stdout.write(`${JSON.stringify({ db: location, analysed: summary.analysed, stored: summary.stored, failures }, null, 2)}\n`);
        } else {
          const changed = summary.analysed - summary.stored;
          ctx.stdout.write(
            `${summary.stored} ${summary.stored === 1 ? 'story' : 'stories'} analysed and stored` +
              (changed > 0 ? `; ${changed} changed while being analysed (run again)` : '') +
              (summary.failures.length > 0 ? `; ${summary.failures.length} failed` : '') +
              '.\n',
          );
        }
        if (summary.failures.length > 0) ctx.exitCode = EXIT_SOME_FAILED;
      } finally {
        await store.close();
      }
    });
}
