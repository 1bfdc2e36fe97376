/**
 * The contract every benchmark suite implements. `npm run bench [-- suite…]` runs them in turn and
 * prints their figures; speed targets live here, never in timed unit tests. A suite compares
 * against a baseline run in the same process (a ratio), so figures survive a slower machine.
 */
export interface BenchContext {
  /** Where progress and figure lines go. */
  readonly log: (line: string) => void;
  /** A scratch folder the suite may fill; removed after the run. */
  readonly scratchDir: string;
  /** Smaller sizes, for a quick check (`--quick`). */
  readonly quick: boolean;
}

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Optional target for this figure, printed beside it (`>= 2000 articles/s`). */
  readonly target?: { readonly op: '>=' | '<='; readonly value: number };
}

export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<readonly BenchFigure[]>;
}
