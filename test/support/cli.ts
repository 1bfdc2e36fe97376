/**
 * Test support for the CLI: a {@link CliContext} whose stdout and stderr are captured, so a test
 * runs a command in-process and reads what it printed.
 */
import { PassThrough } from 'node:stream';
import type { CliContext } from '../../src/cli/context.js';

/** A captured context: `ctx` for the command, `out()`/`err()` for what it wrote so far. */
export interface CapturedCli {
  readonly ctx: CliContext;
  out(): string;
  err(): string;
}

/** A context writing into memory, with `cwd` and `env` (default: colours off). */
export function captureCli(cwd: string, env: Readonly<Record<string, string | undefined>> = { NO_COLOR: '1' }): CapturedCli {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { ctx: { stdout, stderr, env, cwd }, out: () => out, err: () => err };
}
