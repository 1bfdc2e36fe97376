/**
 * `parallax demo [--db FILE]`: ingest the bundled fictional example (several outlets covering one
 * invented event) into an embedded database and show what Parallax made of it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { createStyle, formatArticleTable, formatMessage } from '../format.js';
import { ingestCommand } from './ingest.js';
import { formatStory } from './stories.js';

/** The bundled examples folder (same relative place from src/ and dist/). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/harbor-accord/input/', import.meta.url));

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Ingest the bundled fictional example into ./parallax-demo.db and show the results.')
    .option('--db <file>', 'database file', 'parallax-demo.db')
    .action(async (opts: { db: string }) => {
      if (!existsSync(EXAMPLES_DIR)) throw createError('INPUT_NOT_FOUND', { input: EXAMPLES_DIR });
      const style = createStyle(ctx.stdout.isTTY, ctx.env);
      ctx.stdout.write(style.bold(`Ingesting the bundled example from ${EXAMPLES_DIR}\n`));
      await ingestCommand([EXAMPLES_DIR], { db: opts.db }, ctx);
      const store = await openStore(opts.db);
      try {
        const page = await store.articles.list({ limit: 100 });
        ctx.stdout.write(`\n${formatArticleTable(page.items, style)}\n`);
        const stories = await store.stories.list({ limit: 20 });
        ctx.stdout.write(`\n${style.bold(`${stories.total} stories`)}\n`);
        for (const s of stories.items) ctx.stdout.write(`  ${s.id}  ${plural(s.sourceCount, 'source')}  ${plural(s.articleCount, 'article')}  ${s.title}\n`);
        const top = stories.items[0] ? await store.stories.get(stories.items[0].id) : undefined;
        if (top) ctx.stdout.write(`\n${formatStory(top, style)}\n`);
        // The article whose cleaning had the most to explain shows what the clean stage does.
        const busiest = [...page.items].sort((a, b) => b.messageCount - a.messageCount)[0];
        if (busiest) {
          const stored = await store.articles.get(busiest.id);
          if (stored) {
            ctx.stdout.write(`\n${style.bold(`What was removed or repaired in ${busiest.id} (${busiest.title ?? busiest.locator}):`)}\n`);
            for (const m of stored.messages) ctx.stdout.write(`${formatMessage(m, style)}\n`);
          }
        }
        ctx.stdout.write(
          `\nNext: parallax story <ID> · parallax copies <ARTICLE> · parallax show <ARTICLE> · parallax export --format jsonl  (add --db ${opts.db})\n`,
        );
      } finally {
        await store.close();
      }
    });
}

function plural(n: number, word: string): string {
  return `${String(n).padStart(2)} ${word}${n === 1 ? ' ' : 's'}`;
}
