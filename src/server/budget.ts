/**
 * Admission for expensive work: at most `global` analyses in flight on the server (computing or
 * waiting for a worker) and at most `perClient` of them for one client. Past either, the request
 * is refused at once (SERVER_BUSY or CLIENT_BUSY, answered 429 with Retry-After) instead of
 * joining a queue that would hold every later reader up.
 *
 * Uploads take turns (`createUploadGate`): a few are received at once, read no faster than a set
 * rate all together, the next ones wait with their bodies unread (the socket holds them, not the
 * server's memory), and past a bound of waiting ones they are refused with UPLOADS_BUSY.
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

/** Turns and pace for receiving uploads (see the module comment). */
export interface UploadGate {
  /** Wait for a turn (or throw UPLOADS_BUSY); call the returned function when the body is read. */
  enter(): Promise<() => void>;
  /** Wait until `bytes` more may be read under the shared rate. */
  pace(bytes: number): Promise<void>;
}

export interface UploadGateOptions {
  readonly receiving: number;
  readonly waiting: number;
  readonly bytesPerSecond: number;
  readonly retryAfterSeconds: number;
}

export function createUploadGate(options: UploadGateOptions): UploadGate {
  const waiters: (() => void)[] = [];
  let inside = 0;
  // The moment the bytes read so far are paid for, at the shared rate.
  let paidUntil = 0;
  const leave = () => {
    const next = waiters.shift();
    if (next) next();
    else inside--;
  };
  return {
    async enter() {
      if (inside < options.receiving) inside++;
      else if (waiters.length >= options.waiting) throw createError('UPLOADS_BUSY', { waiting: waiters.length, retry: options.retryAfterSeconds });
      else await new Promise<void>((resolve) => waiters.push(resolve));
      let left = false;
      return () => {
        if (left) return;
        left = true;
        leave();
      };
    },
    async pace(bytes) {
      const now = performance.now();
      paidUntil = Math.max(paidUntil, now) + (bytes / options.bytesPerSecond) * 1000;
      // A little credit is allowed, so small uploads are never slowed.
      const wait = paidUntil - now - 250;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}
