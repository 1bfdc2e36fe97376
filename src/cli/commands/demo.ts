/**
 * `parallax demo [--db FILE]`: ingest the bundled fictional example (several outlets covering one
 * invented event) into an embedded database and show what Parallax made of it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { writeFileAtomically } from '../output-file.js';
import { createStyle, formatArticleTable, formatMessage } from '../format.js';
import { ingestCommand } from './ingest.js';
import { formatStory } from './stories.js';

/** The bundled examples folder (same relative place from src/ and dist/). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/harbor-accord/input/', import.meta.url));

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('Ingest the bundled fictional example into ./parallax-demo.db, show the results, and write the largest story\'s report to parallax-demo-report.html.')
    .option('--db <file>', 'database file', 'parallax-demo.db')
    .option('--report <file>', 'where to write the largest story\'s HTML report', 'parallax-demo-report.html')
    .action(async (opts: { db: string; report: string }) => {
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
        if (top) {
          // The report of the largest story: what happened, who agrees, how each outlet differs.
          // Stored by the ingest's analyses run (computed now only if that failed).
          const [{ readAnalysis }, { renderReport }] = await Promise.all([import('../../pipeline/analyses.js'), import('../../pipeline/synthesize/render.js')]);
          const { body: report } = await readAnalysis(store, top.story.id, 'report', opts.db);
          ctx.stdout.write(`\n${style.bold(`Report on ${top.story.id}: ${report.headline.text}`)}\n`);
          for (const s of report.summary) ctx.stdout.write(`  • ${s.text} ${style.dim(`(${plural(s.sourceCount, 'source').trim()})`)}\n`);
          if (report.when) ctx.stdout.write(`  When: ${report.when.value} (${plural(report.when.votes, 'source').trim()})\n`);
          if (report.where) ctx.stdout.write(`  Where: ${report.where.value} (${plural(report.where.votes, 'source').trim()})\n`);
          const html = renderReport(report, 'html');
          await writeFileAtomically(path.resolve(ctx.cwd, opts.report), (write) => write(html), ctx.files);
          ctx.stdout.write(`  The whole report (claims by source, omissions, naming, citations, timeline): ${path.resolve(ctx.cwd, opts.report)}\n`);
        }
        ctx.stdout.write(
          `\nNext: parallax serve --db ${opts.db}  (the web UI on http://127.0.0.1:8787) · parallax report <STORY> · parallax quotes <STORY> · parallax story <ID> · parallax copies <ARTICLE> · parallax show <ARTICLE>  (add --db ${opts.db})\n`,
        );
      } finally {
        await store.close();
      }
    });
}

function plural(n: number, word: string): string {
  return `${String(n).padStart(2)} ${word}${n === 1 ? ' ' : 's'}`;
}
