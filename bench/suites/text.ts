/**
 * Text: sentence segmentation on hostile punctuation. A run of one terminator (`.`, `!`, `?`,
 * `…`, `。`) with no space after it used to be retried from each of its characters, so time grew
 * with the square of the run (100,000 dots: 15 s). Reports, per terminator, the CPU time of
 * segmenting a run of N and of 2N characters and their ratio (linear: about 2, target at most 3; quadratic: 4),
 * best of a few repeats since the machine may be shared.
 */
import { segmentSentences } from '../../src/pipeline/text/index.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const MARKS = ['.', '!', '?', '…', '。'] as const;
const REPEATS = 5;

/** Best CPU time (ms) of segmenting `text` as one paragraph. */
function bestMs(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < REPEATS; r++) {
    const c0 = process.cpuUsage();
    segmentSentences(text, [{ start: 0, end: text.length }]);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

const suite: BenchSuite = {
  name: 'text',
  description: 'sentence segmentation of a long run of one terminator: time at N and 2N characters, and their ratio',
  async run({ log, quick }) {
    const n = quick ? 100_000 : 1_000_000;
    const figures: BenchFigure[] = [];
    for (const mark of MARKS) {
      // The run closes a word and is followed by more text without a space: no candidate ends there.
      const at = (len: number): string => `Wait${mark.repeat(len)}then more`;
      const t1 = bestMs(at(n));
      const t2 = bestMs(at(2 * n));
      log(`${mark} ×${n}: ${t1.toFixed(1)} ms, ×${2 * n}: ${t2.toFixed(1)} ms`);
      figures.push({ name: `run of ${mark} ×${n / 1000}k`, value: t1, unit: 'ms' });
      figures.push({ name: `run of ${mark} ×${(2 * n) / 1000}k`, value: t2, unit: 'ms' });
      // Times under a millisecond are noise; the ratio is then reported against a 1 ms floor.
      figures.push({ name: `run of ${mark}: time at 2N / N`, value: Math.max(t2, 1) / Math.max(t1, 1), unit: '×', target: { op: '<=', value: 3 } });
    }
    return figures;
  },
};

export default suite;
