/**
 * The store's default limits, shared by every implementation; the values and their reasons live in
 * `defaults.json` beside this file.
 */
import { readFileSync } from 'node:fs';

interface Setting {
  readonly value: number;
  readonly reason: string;
}

interface Defaults {
  /** Items per listing page when the caller gives no limit. */
  readonly listLimit: Setting;
  /** Largest listing page a caller may ask for. */
  readonly listLimitMax: Setting;
  /** Articles read per round trip by `articles.iterate`. */
  readonly iterateBatchSize: Setting;
  /** Milliseconds a write waits for another process's lock. */
  readonly busyTimeoutMs: Setting;
  /** Milliseconds after which a lock its holder stopped renewing may be taken over. */
  readonly lockTtlMs: Setting;
  /** Milliseconds between two looks at a lock held by another process. */
  readonly lockPollMs: Setting;
}

export const STORE_DEFAULTS = JSON.parse(readFileSync(new URL('./defaults.json', import.meta.url), 'utf8')) as Defaults;
