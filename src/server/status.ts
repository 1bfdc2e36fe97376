/**
 * How catalogued errors become HTTP responses: one status table and one error body, used by the
 * app's single error handler.
 */
import { toParallaxError, type ErrorCode, type ParallaxError } from '../errors.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** HTTP statuses that a code's name alone does not decide. */
const EXPLICIT: Partial<Record<ErrorCode, number>> = {
  USAGE: 400,
  REQUEST_INVALID: 400,
  STORE_QUERY_INVALID: 400,
  URL_INVALID: 400,
  URL_SCHEME_REFUSED: 400,
  AUTH_REQUIRED: 401,
  ORIGIN_REFUSED: 403,
  HOST_REFUSED: 403,
  CROSS_SITE_REFUSED: 403,
  PATH_INVALID: 400,
  SERVER_BUSY: 429,
  CLIENT_BUSY: 429,
  UPLOADS_BUSY: 429,
  SERVER_STOPPING: 503,
  ANALYSIS_FAILED: 503,
  UPLOAD_TOO_LARGE: 413,
  INPUT_NOT_FOUND: 422,
  INPUT_TOO_LARGE: 413,
  STORE_CLOSED: 503,
  STORE_READ_FAILED: 503,
};

/** The HTTP status for an error code: the table above, then `*_NOT_FOUND` → 404, `INPUT_*` → 422, else 500. */
export function statusOf(code: ErrorCode): number {
  const explicit = EXPLICIT[code];
  if (explicit !== undefined) return explicit;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.startsWith('INPUT_')) return 422;
  return 500;
}

/** The status and body for anything thrown; unexpected errors are reported as INTERNAL without internals. */
export function errorResponse(thrown: unknown): { status: number; body: ErrorBody; error: ParallaxError } {
  const error = toParallaxError(thrown);
  const status = statusOf(error.code);
  // An unexpected error's message may carry paths or stack details: keep it in the log only.
  const message = error.code === 'INTERNAL' ? 'Internal error. This is a bug in Parallax; the server log has the details.' : error.message;
  return { status, body: { error: { code: error.code, message } }, error };
}
