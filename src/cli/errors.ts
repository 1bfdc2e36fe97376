/**
 * The CLI's one translation of errors: a catalogued error becomes one line naming the input and
 * what to do; anything else is a bug and says so. Exit codes: 0 ok, 1 some inputs failed,
 * 2 usage or fatal error.
 */
import { isParallaxError, toParallaxError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_FATAL = 2;

/** One line for a terminal: `parallax: <message> [CODE]`. */
export function formatError(err: unknown): string {
  const e = toParallaxError(err);
  return `parallax: ${e.message} [${e.code}]`;
}

/** Print an error for a fatal failure and return the exit code; stack traces only for bugs with PARALLAX_DEBUG. */
export function reportFatal(err: unknown, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): number {
  write(formatError(err));
  if (!isParallaxError(err) || err.code === 'INTERNAL') {
    if (process.env.PARALLAX_DEBUG && err instanceof Error && err.stack) write(err.stack);
    else if (!isParallaxError(err)) write('parallax: set PARALLAX_DEBUG=1 to see the stack trace.');
  }
  return EXIT_FATAL;
}
