/**
 * Evaluation data for the tests in test/eval: the public sets in `../shared/data`, which the project
 * does not ship. Without them an evaluation is skipped, its name saying which folder is missing
 * and where the data comes from; with `PARALLAX_REQUIRE_DATA=1` (set by `.ci/run`) a missing set
 * fails instead, so CI never passes by skipping.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export interface EvalData {
  /** Run the evaluation (the data is here, or it is required and the test will say it is missing). */
  readonly run: boolean;
  /** What the test name carries when the data may be missing. */
  readonly note: string;
  /** Throws, naming the missing files, when the data is required but absent. */
  check(): void;
}

/** `files` are paths that must exist (absolute, or relative to `../shared/data`). */
export function evalData(files: readonly string[]): EvalData {
  const paths = files.map((f) => (path.isAbsolute(f) ? f : path.join(SHARED, f)));
  const missing = paths.filter((p) => !existsSync(p));
  const required = process.env.PARALLAX_REQUIRE_DATA === '1';
  return {
    run: missing.length === 0 || required,
    note: missing.length === 0 ? '' : ` [skipped: ${missing.map((p) => path.relative(process.cwd(), p)).join(', ')} not found; the public sets live in ../shared/data, each with a README]`,
    check() {
      if (missing.length > 0) throw new Error(`evaluation data missing (PARALLAX_REQUIRE_DATA=1): ${missing.join(', ')}`);
    },
  };
}
