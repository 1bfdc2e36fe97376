/**
 * The contract every evaluation set implements. `npm run eval -- <set> [--data DIR] [--out FILE]`
 * runs one: it writes predictions in the set's own format to FILE (when given), prints its figures,
 * and returns them with the floors the test suite holds it to.
 */
export interface EvalRunOptions {
  /** Folder holding the set's files (defaults to `../shared/data/<data folder>`). */
  readonly dataDir: string;
  /** Where to write predictions, in the format the set's README gives. */
  readonly outFile?: string;
  /** Where figures and progress lines go (stdout in the CLI, a buffer in tests). */
  readonly log: (line: string) => void;
}

export interface EvalResult {
  /** Named figures, e.g. `{ precision: 0.97, recall: 0.96, f1: 0.965 }`. */
  readonly figures: Readonly<Record<string, number>>;
  /** Figures the test suite requires, set from measured values: `figures[k] >= floors[k]`. */
  readonly floors: Readonly<Record<string, number>>;
}

export interface EvalSet {
  /** Name on the command line, e.g. `extraction`. */
  readonly name: string;
  /** Folder name under `../shared/data/`. */
  readonly dataFolder: string;
  /** One line on what it measures. */
  readonly description: string;
  run(options: EvalRunOptions): Promise<EvalResult>;
}
