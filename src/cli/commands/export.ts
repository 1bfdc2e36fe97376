/** `parallax export [--db FILE] --format jsonl|json|csv [--out FILE]`: every article with metadata, text and messages. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { StoredArticle } from '../../store/store.js';
import { dbLocation, type CliContext } from '../context.js';

export type ExportFormat = 'jsonl' | 'json' | 'csv';

/** The exported shape of one article: flat metadata, the clean text, and the messages. */
export function exportRecord(s: StoredArticle): Record<string, unknown> {
  const a = s.article;
  return {
    id: a.id,
    documentId: a.documentId,
    part: a.part,
    origin: s.document.origin.locator,
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    title: a.title,
    byline: a.byline,
    siteName: a.siteName,
    published: a.publishedResolved?.value,
    publishedSource: a.publishedResolved?.source,
    language: a.language.code,
    wordCount: a.wordCount,
    credits: a.credits,
    text: a.text,
    paragraphs: a.paragraphs,
    sentences: a.sentences,
    messages: s.messages,
  };
}

const CSV_COLUMNS = ['id', 'documentId', 'part', 'origin', 'url', 'canonicalUrl', 'title', 'byline', 'siteName', 'published', 'publishedSource', 'language', 'wordCount', 'credits', 'text', 'messages'] as const;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; objects as JSON. */
function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('Export every article with its metadata, clean text and messages.')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--format <format>', 'jsonl, json or csv', 'jsonl')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (opts: { db?: string; format: string; out?: string }) => {
      const format = opts.format as ExportFormat;
      if (!['jsonl', 'json', 'csv'].includes(format)) throw createError('USAGE', { detail: `--format must be jsonl, json or csv, not "${opts.format}"` });
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      const out = opts.out ? createWriteStream(opts.out) : ctx.stdout;
      const write = async (chunk: string) => {
        if (!out.write(chunk)) await once(out, 'drain');
      };
      try {
        let n = 0;
        if (format === 'csv') await write(`${CSV_COLUMNS.join(',')}\r\n`);
        if (format === 'json') await write('[');
        for await (const stored of store.articles.iterate()) {
          const rec = exportRecord(stored);
          if (format === 'jsonl') await write(`${JSON.stringify(rec)}\n`);
          else if (format === 'json') await write(`${n > 0 ? ',' : ''}\n${JSON.stringify(rec)}`);
          else await write(`${CSV_COLUMNS.map((c) => csvField(rec[c])).join(',')}\r\n`);
          n++;
        }
        if (format === 'json') await write(n > 0 ? '\n]\n' : ']\n');
        if (opts.out) ctx.stderr.write(`${n} articles written to ${opts.out}\n`);
      } finally {
        if (opts.out) {
          (out as NodeJS.WritableStream).end();
          await once(out, 'finish');
        }
        await store.close();
      }
    });
}
