/** `parallax articles [--db FILE] [--json] [--utc]`: list stored articles, newest first, times in the reader's zone. */
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, formatArticleTable, readerZone } from '../format.js';

interface ArticlesOptions {
  db?: string;
  json?: boolean;
  limit: string;
  offset: string;
  language?: string;
  since?: string;
  until?: string;
  site?: string;
  search?: string;
  utc?: boolean;
}

export function registerArticles(program: Command, ctx: CliContext): void {
  program
    .command('articles')
    .description('List stored articles, newest first.')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--language <code>', 'only this language (en, ar, …)')
    .option('--since <date>', 'published on or after this date')
    .option('--until <date>', 'published before this date')
    .option('--site <site>', 'only this site (host or site name)')
    .option('--search <words>', 'only articles containing all these words')
    .option('--utc', 'show publication times in UTC (default: the local zone, $TZ)')
    .action(async (opts: ArticlesOptions) => {
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      try {
        const page = await store.articles.list({
          limit: Number(opts.limit),
          offset: Number(opts.offset),
          language: opts.language,
          since: opts.since,
          until: opts.until,
          site: opts.site,
          search: opts.search,
        });
        if (opts.json) {
          ctx.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        ctx.stdout.write(`${formatArticleTable(page.items, style, readerZone(ctx.env, opts.utc))}\n`);
        const shown = page.items.length;
        const from = Number(opts.offset);
        ctx.stdout.write(style.dim(`${shown === 0 ? 'no articles' : `${from + 1}–${from + shown}`} of ${page.total}\n`));
      } finally {
        await store.close();
      }
    });
}
