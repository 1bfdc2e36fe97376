/**
 * `parallax feed [--atom] [--follow ID] [--limit N] [--json]`: the entries the follows got (new
 * articles, claims, conflicts and quotes), newest first; `--atom` prints them as an Atom feed.
 */
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { FeedEntry } from '../../store/follows.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, type Style } from '../format.js';

interface FeedCliOptions {
  db?: string;
  json?: boolean;
  atom?: boolean;
  follow?: string;
  limit?: string;
}

/** The entries as text: one block per entry. */
export function formatFeed(entries: readonly FeedEntry[], total: number, style: Style): string {
  if (entries.length === 0) return style.dim('No feed entries yet: follow something (`parallax follow`), then ingest or watch.');
  const out = entries.map((e) => `${style.dim(e.createdAt)}  ${style.bold(e.kind)}  ${e.title}\n    story ${e.storyId}${e.claimId ? ` · claim ${e.claimId}` : ''}${e.articleId ? ` · article ${e.articleId}` : ''}${e.url ? ` · ${e.url}` : ''}`);
  if (total > entries.length) out.push(style.dim(`${entries.length} of ${total} entries; --limit for more`));
  return out.join('\n');
}

export function registerFeed(program: Command, ctx: CliContext): void {
  program
    .command('feed')
    .description('What the follows got, newest first: new articles in followed stories, new claims, conflicts and quotes for followed people, outlets and terms. --atom prints an Atom feed.')
    .option('--atom', 'print the feed as Atom XML')
    .option('--follow <id>', 'only this follow\'s entries')
    .option('--limit <n>', 'at most this many entries (default 50, at most 1000)')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: FeedCliOptions) => {
      const limit = opts.limit === undefined ? 50 : Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw createError('USAGE', { detail: `--limit takes a whole number from 1 to 1000, not "${opts.limit}"` });
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      try {
        const page = await store.feed.list({ limit, ...(opts.follow !== undefined ? { followId: opts.follow } : {}) });
        if (opts.atom) {
          const { feedAtom } = await import('../../pipeline/follow/atom.js');
          ctx.stdout.write(feedAtom(page.items, await store.follows.list(), { now: new Date().toISOString() }));
        } else if (opts.json) ctx.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        else ctx.stdout.write(`${formatFeed(page.items, page.total, createStyle(ctx.stdout.isTTY, ctx.env))}\n`);
      } finally {
        await store.close();
      }
    });
}
