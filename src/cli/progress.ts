/**
 * Progress for long work: a bar with rate and ETA on a terminal (stderr), nothing when piped,
 * so scripts and logs get only results.
 */
import cliProgress from 'cli-progress';
import type { IngestProgress } from '../pipeline/run.js';
import { terminalText } from './terminal.js';

export interface ProgressReporter {
  update(p: IngestProgress): void;
  stop(): void;
}

/** A reporter that draws only when `stream` is a TTY (and `quiet` is not set). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressReporter {
  if (quiet || !stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} inputs | {documents} documents ({rate}/s) | {articles} articles | {failed} failed | {current}',
      hideCursor: true,
      etaBuffer: 50,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = Date.now();
  return {
    update(p) {
      const total = Math.max(p.total ?? p.done, p.done, 1);
      const payload = {
        documents: p.documents,
        articles: p.articles,
        failed: p.failed,
        rate: (p.documents / Math.max((Date.now() - t0) / 1000, 0.001)).toFixed(0),
        // The bar draws on the unguarded stream: the input name (from an archive, a feed) is guarded here.
        current: terminalText(p.current.length > 40 ? `…${p.current.slice(-39)}` : p.current),
      };
      if (!started) {
        bar.start(total, p.done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(p.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Progress of a run over a known number of items (stories analysed): a bar on a TTY, nothing when piped. */
export function createCountProgress(stream: NodeJS.WriteStream = process.stderr, quiet: boolean, label: string): { update(done: number, total: number, current: string): void; stop(): void } {
  if (quiet || !stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: ` {bar} {value}/{total} ${label} | {current}`, hideCursor: true, etaBuffer: 20, fps: 8 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, current) {
      const payload = { current: terminalText(current) };
      if (!started) {
        bar.start(Math.max(total, 1), done, payload);
        started = true;
      } else bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
