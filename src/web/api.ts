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

export type { StoryReport, Claim, OutletCoverage, StoredArticle, ArticlePage, StoredDocument, StoredStory, StorySummary, StoryQuotes, JobStatus };

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

/** GET a JSON endpoint; throws ApiError with the server's code on failure. */
export async function getJson<T>(path: string, params: Readonly<Record<string, string | number | undefined>> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
  const qs = query.toString();
  const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { accept: 'application/json' } });
  return readJson<T>(res);
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
