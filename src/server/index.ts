/**
 * The HTTP API server. `createApp` builds the app (tests use `app.request()`); `parallax serve`
 * listens with it. Re-exports only.
 */
export { createApp, type AppOptions } from './app.js';
export { statusOf, type ErrorBody } from './status.js';
export { LIMITS, type ServerLimits, type LimitValues } from './limits.js';
export type { JobStatus, JobState, JobFailure, JobSummary } from './jobs.js';
export type { ServerIngestOptions } from './ingest.js';
