/**
 * A fuzz worker process: builds and runs the cases the runner sends, one at a time, and sends each
 * result back. The runner kills it when a case hangs and starts a fresh one, so a hang or a crash
 * costs one case, not the run.
 */
import { generateCase, type InputKind } from './cases.js';
import { runCase } from './check.js';

export interface WorkRequest {
  readonly runSeed: number;
  readonly index: number;
  readonly kinds: readonly InputKind[];
}

process.on('message', (req: WorkRequest) => {
  void (async () => {
    const c = generateCase(req.runSeed, req.index, req.kinds);
    process.send?.({ started: c.id, kind: c.kind, mutation: c.mutation });
    const result = await runCase(c);
    process.send?.({ result });
  })();
});
