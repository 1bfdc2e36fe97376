/**
 * Admission for expensive work: at most `global` analyses in flight on the server (computing or
 * waiting for a worker) and at most `perClient` of them for one client. Past either, the request
 * is refused at once (SERVER_BUSY or CLIENT_BUSY, answered 429 with Retry-After) instead of
 * joining a queue that would hold every later reader up.
 */
import { createError } from '../errors.js';

export interface Budget {
  /** Take a place for `client`; call the returned function once the work has settled. */
  admit(client: string): () => void;
  /** Work in flight, all clients together. */
  inFlight(): number;
}

export interface BudgetOptions {
  readonly global: number;
  readonly perClient: number;
  /** What Retry-After says, in seconds. */
  readonly retryAfterSeconds: number;
  /** Work computing now, to report in SERVER_BUSY. */
  readonly running: () => number;
}

export function createBudget(options: BudgetOptions): Budget {
  const byClient = new Map<string, number>();
  let total = 0;
  return {
    admit(client) {
      const mine = byClient.get(client) ?? 0;
      if (mine >= options.perClient) throw createError('CLIENT_BUSY', { count: mine, retry: options.retryAfterSeconds });
      if (total >= options.global) {
        const running = options.running();
        throw createError('SERVER_BUSY', { running, queued: Math.max(0, total - running), retry: options.retryAfterSeconds });
      }
      byClient.set(client, mine + 1);
      total++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total--;
        const left = (byClient.get(client) ?? 1) - 1;
        if (left <= 0) byClient.delete(client);
        else byClient.set(client, left);
      };
    },
    inFlight: () => total,
  };
}
