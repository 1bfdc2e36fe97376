/** `parallax show [--db FILE] ID [--json] [--utc]`: one article's clean text, metadata and messages. */
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, formatArticle, formatDocument, readerZone } from '../format.js';

export function registerShow(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('Show one article (art_…) or document (doc_…): clean text, metadata, and the messages explaining every drop, split and repair.')
    .argument('<id>', 'article or document id')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--utc', 'show the publication time in UTC (default: the local zone, $TZ)')
    .action(async (id: string, opts: { db?: string; json?: boolean; utc?: boolean }) => {
      const location = dbLocation(ctx, opts.db);
      const store = await openStore(location, { mustExist: true });
      try {
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        if (id.startsWith('doc_')) {
          const doc = await store.documents.get(id);
          if (!doc) throw createError('ARTICLE_NOT_FOUND', { id, db: location });
          ctx.stdout.write(opts.json ? `${JSON.stringify({ ...doc, document: { ...doc.document, content: undefined } }, null, 2)}\n` : `${formatDocument(doc, style)}\n`);
          return;
        }
        const stored = await store.articles.get(id);
        if (!stored) throw createError('ARTICLE_NOT_FOUND', { id, db: location });
        ctx.stdout.write(opts.json ? `${JSON.stringify(stored, null, 2)}\n` : `${formatArticle(stored, style, readerZone(ctx.env, opts.utc))}\n`);
      } finally {
        await store.close();
      }
    });
}
