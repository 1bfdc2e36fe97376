import type { OutputFileSystem } from './output-file.js';

/**
 * What a CLI command may touch: its output streams, environment and working folder. The real
 * process provides them; tests pass buffers.
 */
export interface CliContext {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * The unfiltered standard error, for the progress bar's cursor movements only (`runCli` sets it
   * and makes `stdout` and `stderr` terminal-safe; see `terminal.ts`).
   */
  readonly progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** The file system the files a command writes (`--out`) go through; the real one by default. */
  readonly files?: OutputFileSystem;
  /** Set by a command that finished with partial failure (1) or a fatal error (2). */
  exitCode?: number;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** The database location: `--db`, else `PARALLAX_DB`, else `./parallax.db`. */
export function dbLocation(ctx: CliContext, option: string | undefined): string {
  return option ?? ctx.env.PARALLAX_DB ?? 'parallax.db';
}
