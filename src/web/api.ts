/**
 * The API as the pages read it: typed GETs of the server's JSON, and the error body shown when a
 * request fails. Types come from the server's and the model's own declarations.
 */
import type { StoryReport } from '../model/report.js';
import type { Claim, OutletCoverage } from '../model/claim.js';
import type { StoredArticle, ArticlePage, StoredDocument } from '../store/store.js';
import type { StoredStory, StorySummary } from '../store/stories.js';
import type { StoryQuotes } from '../server/analysis.js';
import type { JobStatus } from '../server/jobs.js';
import type { StatementHit } from '../pipeline/analyses.js';
import type { OutletList, OutletProfile, Evidence as OutletEvidence } from '../pipeline/outlets.js';

export type { StoryReport, Claim, OutletCoverage, StoredArticle, ArticlePage, StoredDocument, StoredStory, StorySummary, StoryQuotes, JobStatus, OutletList, OutletProfile, OutletEvidence };

/** `GET /api/quotes`: statements across every analysed story. */
export interface StatementHits {
  readonly hits: readonly StatementHit[];
  readonly searched: number;
  readonly stale: number;
}

/** A failed request: the catalogued code and message from the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** How often a page asks again when the server says it is busy (429), and the longest wait between. */
const BUSY_RETRIES = 4;
const BUSY_WAIT_MAX_S = 30;

/** Seconds to wait before asking a busy server again: its Retry-After, within 1–30 s. */
function retryAfter(res: Response): number {
  const s = Number(res.headers.get('retry-after'));
  return Number.isFinite(s) ? Math.min(BUSY_WAIT_MAX_S, Math.max(1, s)) : 5;
}

/**
 * GET a JSON endpoint; throws ApiError with the server's code on failure. A server busy with other
 * analyses (429) is asked again after its Retry-After, a few times; `onBusy` hears each wait so the
 * page can say so.
 */
export async function getJson<T>(
  path: string,
  params: Readonly<Record<string, string | number | undefined>> = {},
  onBusy?: (seconds: number, message: string) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { accept: 'application/json' } });
    if (res.status !== 429 || attempt >= BUSY_RETRIES) return readJson<T>(res);
    const seconds = retryAfter(res);
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    onBusy?.(seconds, body?.error?.message ?? 'The server is busy.');
    await sleep(seconds * 1000);
  }
}

/** The JSON body of a response, or the ApiError it carries. */
export async function readJson<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

/** A page of stories. */
export interface StoryPage {
  readonly items: readonly StorySummary[];
  readonly total: number;
}
