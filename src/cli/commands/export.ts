/** `parallax export [--db FILE] --format jsonl|json|csv [--out FILE]`: every article with metadata, text and messages. */
import { once } from 'node:events';
import path from 'node:path';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { StoredArticle } from '../../store/store.js';
import { dbLocation, type CliContext } from '../context.js';
import { writeFileAtomically, type WriteChunk } from '../output-file.js';

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

/**
 * A spreadsheet reads a cell starting with one of these as a formula (`=HYPERLINK(…)`, `+`, `-`,
 * `@`) or, after a tab or carriage return, may still do so.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break; objects as JSON. A text
 * that a spreadsheet would run as a formula gets a leading `'` and is quoted (OWASP's CSV
 * injection advice), so it is shown as text; numbers are written as they are.
 */
function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  const formula = FORMULA_START.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description("Export every article with its metadata, clean text and messages. In CSV, a text starting with = + - @ (or a tab or carriage return) gets a leading ' so spreadsheets show it as text instead of running it as a formula.")
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--format <format>', 'jsonl, json or csv', 'jsonl')
    .option('--out <file>', 'write here instead of standard output (replaced whole, or left as it was when the export fails)')
    .action(async (opts: { db?: string; format: string; out?: string }) => {
      const format = opts.format as ExportFormat;
      if (!['jsonl', 'json', 'csv'].includes(format)) throw createError('USAGE', { detail: `--format must be jsonl, json or csv, not "${opts.format}"` });
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      const emit = async (write: WriteChunk): Promise<number> => {
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
        return n;
      };
      try {
        if (opts.out === undefined) {
          await emit(async (chunk) => {
            if (!ctx.stdout.write(chunk)) await once(ctx.stdout, 'drain');
          });
          return;
        }
        // Atomically: a failed export (a full disk, a store error half-way) leaves the previous file whole.
        let n = 0;
        await writeFileAtomically(path.resolve(ctx.cwd, opts.out), async (write) => {
          n = await emit(write);
        }, ctx.files);
        ctx.stderr.write(`${n} articles written to ${opts.out}\n`);
      } finally {
        await store.close();
      }
    });
}
