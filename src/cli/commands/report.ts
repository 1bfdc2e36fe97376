/**
 * `parallax report STORY [--db FILE] [--format md|html|json] [--out FILE]`: one story's report —
 * neutral headline and summary with their sources, when and where, who said what, who agrees,
 * what each outlet leaves out, naming, citations, timeline and articles — as Markdown (default),
 * a self-contained HTML page, or JSON.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';
import { writeFileAtomically } from '../output-file.js';

const FORMATS = ['md', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Register `report` on the program. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description("A story's report: neutral headline and summary with their sources, when and where, who said what, who agrees, omissions, naming, citations, timeline.")
    .argument('<story>', 'story id (sty_…) or the id of an article in it')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--format <format>', 'md, html or json', 'md')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (id: string, opts: { db?: string; format: string; out?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw createError('USAGE', { detail: `--format must be md, html or json, not "${opts.format}"` });
      const location = dbLocation(ctx, opts.db);
      // The stored analysis is read when it is current; the analyses (NLP library, word lists) load
      // only when it has to be computed.
      const { readAnalysis } = await import('../../pipeline/analyses.js');
      const store = await openStore(location, { mustExist: true });
      let page: string;
      try {
        const { body: report } = await readAnalysis(store, id, 'report', location);
        const { renderReport } = await import('../../pipeline/synthesize/render.js');
        page = renderReport(report, opts.format as Format);
      } finally {
        await store.close();
      }
      if (opts.out === undefined) {
        ctx.stdout.write(page.endsWith('\n') ? page : `${page}\n`);
        return;
      }
      // Atomically: a failed write (a full disk) leaves the previous report whole.
      await writeFileAtomically(path.resolve(ctx.cwd, opts.out), (write) => write(page), ctx.files);
      ctx.stderr.write(`report written to ${opts.out}\n`);
    });
}
