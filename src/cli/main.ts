/**
 * The `parallax` command. Sub-commands live in `commands/`; each gets a {@link CliContext} so
 * tests run them in-process with captured output.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_FATAL, reportFatal } from './errors.js';
import type { CliContext } from './context.js';
import { colourOn, terminalStream } from './terminal.js';
import { registerIngest } from './commands/ingest.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerArticles } from './commands/articles.js';
import { registerShow } from './commands/show.js';
import { registerExport } from './commands/export.js';
import { registerDemo } from './commands/demo.js';
import { registerStories } from './commands/stories.js';
import { registerServe } from './commands/serve.js';
import { registerQuotes } from './commands/quotes.js';
import { registerWorker } from './commands/worker.js';
import { registerReport } from './commands/report.js';
import { registerWatch } from './commands/watch.js';
import { registerOutlets } from './commands/outlets.js';
import { registerFollow } from './commands/follow.js';
import { registerFeed } from './commands/feed.js';
import path from 'node:path';

/** Build the program; `ctx` decides where output goes and records the exit code. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('parallax')
    .description('News story engine: ingest raw articles; see stories, sources, quotes and claims traced to source text.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
    .option('--outlets <file>', "your outlet registry (JSON, same shape as the bundled outlets.json); its entries override bundled ones with the same key. Default: $PARALLAX_OUTLETS, else the bundled list only")
    .hook('preAction', async () => {
      // One rule for every command: --outlets FILE, else $PARALLAX_OUTLETS, else the bundled registry only.
      const given = (program.opts() as { outlets?: string }).outlets;
      const file = given ?? (ctx.env.PARALLAX_OUTLETS || undefined);
      const { useOutletsFile } = await import('../pipeline/analyze/outlets/config.js');
      useOutletsFile(file === undefined ? undefined : path.resolve(ctx.cwd, file));
      // The server's analysis workers read the same file (they share the process environment).
      if (given !== undefined && ctx.env === process.env) process.env.PARALLAX_OUTLETS = path.resolve(ctx.cwd, given);
    });
  registerIngest(program, ctx);
  registerAnalyze(program, ctx);
  registerArticles(program, ctx);
  registerShow(program, ctx);
  registerStories(program, ctx);
  registerQuotes(program, ctx);
  registerReport(program, ctx);
  registerExport(program, ctx);
  registerDemo(program, ctx);
  registerServe(program, ctx);
  registerWorker(program, ctx);
  registerWatch(program, ctx);
  registerOutlets(program, ctx);
  registerFollow(program, ctx);
  registerFeed(program, ctx);
  return program;
}

/**
 * The context commands get: `stdout` and `stderr` pass every write through the terminal guard
 * (control sequences in stored text never reach the terminal; see `terminal.ts`); the exit code
 * is the caller's.
 */
function guardedContext(ctx: CliContext): CliContext {
  return {
    env: ctx.env,
    cwd: ctx.cwd,
    ...(ctx.files ? { files: ctx.files } : {}),
    stdout: terminalStream(ctx.stdout, colourOn(ctx.stdout.isTTY, ctx.env)),
    stderr: terminalStream(ctx.stderr, colourOn(ctx.stderr.isTTY, ctx.env)),
    progressStream: ctx.progressStream ?? ctx.stderr,
    get exitCode() {
      return ctx.exitCode;
    },
    set exitCode(code) {
      ctx.exitCode = code;
    },
  };
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], outer: CliContext): Promise<number> {
  const ctx = guardedContext(outer);
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_FATAL;
    return reportFatal(err, (l) => ctx.stderr.write(`${l}\n`));
  }
}
