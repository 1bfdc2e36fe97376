/** The server's limits (page sizes, upload caps, job memory), read once from `limits.json`. */
import { readFileSync } from 'node:fs';

interface Limit {
  readonly value: number;
  readonly reason: string;
}

/** Every limit the server enforces, each with the reason it has that value. */
export interface ServerLimits {
  readonly pageSizeDefault: Limit;
  readonly pageSizeMax: Limit;
  readonly offsetMax: Limit;
  readonly searchMaxChars: Limit;
  readonly uploadMaxFiles: Limit;
  readonly uploadMaxFileBytes: Limit;
  readonly uploadMaxRequestBytes: Limit;
  readonly ingestMaxUrls: Limit;
  readonly jsonBodyMaxBytes: Limit;
  readonly jobsKept: Limit;
  readonly analysisCacheSize: Limit;
  readonly peopleStoriesMax: Limit;
  readonly analysisWorkersMax: Limit;
  readonly analysisInFlightMax: Limit;
  readonly analysisPerClientMax: Limit;
  readonly retryAfterSeconds: Limit;
  readonly workerMemoSize: Limit;
  readonly workerNice: Limit;
  readonly shutdownDeadlineMs: Limit;
  readonly uploadsReceivingMax: Limit;
  readonly uploadsWaitingMax: Limit;
  readonly uploadReceiveBytesPerSecond: Limit;
  readonly workerHeapMb: Limit;
  readonly analysisTimeoutMs: Limit;
  readonly jobProgressIntervalMs: Limit;
}

/** The limits as shipped; `createApp` accepts overrides of the values. */
export const LIMITS = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as ServerLimits;

/** Limit values by name, as `createApp` uses them. */
export type LimitValues = { readonly [K in keyof ServerLimits]: number };

/** The shipped values with `overrides` applied. */
export function resolveLimits(overrides: Partial<LimitValues> = {}): LimitValues {
  const out = {} as Record<keyof ServerLimits, number>;
  for (const key of Object.keys(LIMITS) as (keyof ServerLimits)[]) out[key] = overrides[key] ?? LIMITS[key].value;
  return out;
}
