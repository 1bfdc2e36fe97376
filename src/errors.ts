/**
 * The error catalogue: every error Parallax reports, with a message that says what to do next.
 *
 * Code raises `createError('INPUT_EMPTY', { input })`; the CLI and the HTTP API each translate a
 * {@link ParallaxError} once (`formatError` / the API's error body). Tests assert on codes, never
 * on message text. Add a code here, in its section, rather than throwing a bare `Error`.
 *
 * Templates use `{name}` placeholders filled from the params object.
 */

export const errors = {
  // ── input and ingest ─────────────────────────────────────────────────────────
  INPUT_NOT_FOUND: 'No such file or folder: {input}. Check the path, or pass a URL starting with http:// or https://.',
  INPUT_UNREADABLE: 'Could not read {input}: {detail}. Check its permissions.',
  INPUT_EMPTY: '{input} is empty: there is nothing to ingest. Pass a file with text or HTML in it.',
  INPUT_BINARY:
    '{input} looks like {kind}, not text or HTML. Parallax ingests HTML, text, feeds, WARC, JSONL and .gz/.zip archives of them; convert it to text first.',
  INPUT_TOO_LARGE:
    '{input} is {size} bytes, over the {limit}-byte limit for one document. Split it, or raise the limit with --max-bytes if you trust it.',
  INPUT_UNSUPPORTED: '{input}: {detail}. Parallax ingests HTML, text, Markdown, RSS/Atom/RDF feeds, WARC, JSONL, .gz and .zip.',
  ENCODING_INVALID:
    '{input} is not valid {encoding} and no other encoding fits it: {detail}. Re-save it as UTF-8 or declare its charset.',
  ARCHIVE_BOMB:
    '{input} expands past {limit} bytes (ratio {ratio}): refused as a likely archive bomb. Unpack it yourself if you trust it.',
  ARCHIVE_CORRUPT: '{input} is a damaged {format} archive: {detail}. Re-download or re-create it.',
  FEED_INVALID: '{input} is not a readable RSS, Atom or RDF feed: {detail}.',
  FEED_ENTITY_REFUSED:
    '{input} declares XML entities (a DTD), which Parallax refuses to expand for safety (XXE, entity bombs). Remove the DOCTYPE from the feed.',
  WARC_INVALID: '{input} is not a readable WARC file: {detail}.',
  WARC_NO_PAGES: '{input} holds {records} WARC record(s) but no page: {detail}. Only 2xx responses and resources holding HTML, text or a feed are read.',
  JSONL_INVALID: '{input} line {line}: {detail}. Each line must be a JSON object with "html" or "text" (and optionally url, title, published).',
  ARCHIVE_TOO_MANY_ENTRIES: '{input} holds {count} entries, over the limit of {limit}: refused as a likely archive bomb. Unpack it yourself if you trust it.',
  ARCHIVE_TOO_DEEP: '{input} nests archives {depth} deep, past the limit of {limit}: refused as a likely archive bomb. Unpack it yourself if you trust it.',
  HTML_TOO_DEEP: '{input} nests elements {depth} deep, past the limit of {limit}: refused as malformed or hostile HTML.',

  // ── network ──────────────────────────────────────────────────────────────────
  URL_INVALID: '{input} is not a valid URL. Use an absolute http:// or https:// URL.',
  URL_SCHEME_REFUSED: '{input}: the {scheme} scheme is refused. Only http:// and https:// URLs are fetched; pass local files as paths.',
  URL_ADDRESS_REFUSED:
    '{input} resolves to {address} ({range}), which Parallax does not fetch by default. Pass --allow-private-network if you mean it.',
  FETCH_FAILED: 'Could not fetch {input}: {detail}. Check the address and your network, then try again.',
  FETCH_TIMEOUT: 'Fetching {input} took longer than {seconds} s and was stopped. Try again, or raise --timeout.',
  FETCH_HTTP_STATUS: '{input} answered HTTP {status}. Check the URL; the server did not return the page.',
  FETCH_TOO_MANY_REDIRECTS: '{input} redirected more than {limit} times and was stopped.',

  // ── extract and clean ────────────────────────────────────────────────────────
  EXTRACT_NO_CONTENT: '{input}: no article text was found on the page. It may be an index page, a login wall or rendered by script.',
  CLEAN_NO_CONTENT:
    '{input}: every paragraph was page furniture (captions, buttons, credits, link lists), so no article text is left. Check the messages to see what was removed.',

  // ── dedup ────────────────────────────────────────────────────────────────────
  DEDUP_OUTLETS_INVALID: 'The outlets file {source} is invalid: {detail}. Each entry needs a key and a name; kind, when given, is one of agency, state, public-broadcaster, private or aggregator (see src/pipeline/dedup/outlets.json and the README section on outlets). Fix the entry and run again.',

  // ── cluster ──────────────────────────────────────────────────────────────────
  CLUSTER_OPTIONS_INVALID: 'Clustering option {option} = {value} is out of range. Thresholds and weights lie in 0..1; counts and days are positive.',
  CLUSTER_STATE_INVALID: 'The saved clustering state cannot be restored: {detail}. Re-cluster the articles from the store.',

  // ── analyze: sentence equivalence ────────────────────────────────────────────
  PARAPHRASE_MODEL_INVALID: 'The sentence-equivalence model is invalid: {detail}. Refit it with `npx tsx scripts/train-paraphrase.ts`.',

  // ── analyze: claims ──────────────────────────────────────────────────────────
  CLAIMS_OPTIONS_INVALID: 'Claims option {option} = {value} is invalid: it must be a non-negative integer.',

  // ── store ────────────────────────────────────────────────────────────────────
  STORE_OPEN_FAILED: 'Could not open the database {db}: {detail}. Check the path and that no other program holds it.',
  STORE_NOT_FOUND:
    'No database at {db}: {detail}. Check --db or PARALLAX_DB, or create one with `parallax ingest --db {db} FILES…` first.',
  STORE_MIGRATION_FAILED: 'The database {db} could not be migrated to schema {version}: {detail}. Nothing was changed; back it up and report this.',
  STORE_TOO_NEW: 'The database {db} was written by a newer Parallax (schema {found}, this one knows {known}). Upgrade Parallax.',
  STORE_UNSUPPORTED_URL: '{db} is not a database Parallax can open. Use a file path for SQLite or postgres://… for PostgreSQL.',
  STORE_RECORD_INVALID: 'A record handed to the store {db} is invalid: {detail}. Nothing from this batch was saved; this is a bug in the stage that built it.',
  STORE_WRITE_FAILED: 'Could not save to {db}: {detail}. Nothing from this batch was saved; earlier batches are intact.',
  DOCUMENT_NOT_STORED:
    '{input} could not be stored: the database {db} refused it ({detail}). The rest of its batch was saved; please report this with the input.',
  STORE_LOCK_LOST:
    'The {lock} lock on {db} was lost: {detail}. Nothing more was saved under it; run the command again.',
  STORE_READ_FAILED: 'Could not read from {db}: {detail}. Check that the database server is running and reachable.',
  STORE_QUERY_INVALID: 'Invalid query on {db}: {detail}. Check the filter values (dates are ISO 8601, limits are positive integers).',
  STORE_CLOSED: 'The database {db} is already closed: open it again with openStore before using it.',
  ARTICLE_NOT_FOUND: 'No article {id} in {db}. List them with `parallax articles`.',
  STORY_NOT_FOUND: 'No story {id} in {db}. List them with `parallax stories`.',
  FOLLOW_NOT_FOUND: 'No follow {id} in {db}. List them with `parallax follow --list` (their ids start with fol_).',
  OUTLET_NOT_FOUND: 'No outlet {name} in the stored reports of {db}. List them with `parallax outlets`; a story not analysed yet is not counted (run `parallax analyze`).',

  // ── server ───────────────────────────────────────────────────────────────────
  DOCUMENT_NOT_FOUND: 'No document {id} in {db}. Find document ids on articles (`parallax show ID`).',
  JOB_NOT_FOUND: 'No job {id} on this server. Job ids come from POST /api/ingest; a server keeps its most recent finished jobs (and resumes unfinished ones after a restart), older ones are forgotten.',
  ROUTE_NOT_FOUND: 'No endpoint {method} {path}. See /openapi.json for the endpoints this server offers.',
  REQUEST_INVALID: 'Invalid request: {detail}. See /openapi.json for the accepted parameters.',
  AUTH_REQUIRED: 'This endpoint needs `Authorization: Bearer <token>` with the server\'s PARALLAX_TOKEN.',
  ORIGIN_REFUSED: 'A request from {origin} was refused: write endpoints accept only same-origin requests.',
  HOST_REFUSED: 'Host {host} is not served here (only {allowed}). Use the address the server listens on.',
  UPLOAD_TOO_LARGE: 'The upload is too large: {detail}. Send fewer or smaller files.',
  SERVE_TOKEN_REQUIRED: 'Refusing to listen on {host} without a token: set PARALLAX_TOKEN, or listen on 127.0.0.1.',
  WEB_UI_NOT_FOUND: 'The web UI is not built ({dir} has no index.html). Run `npm run build:web`, then reload.',
  SERVER_BUSY: 'The server is busy with {running} analyses and {queued} waiting, its limit: try again in {retry} s (the Retry-After header says when).',
  CLIENT_BUSY: 'You already have {count} analyses running or waiting on this server, the limit per client: wait for them to finish, then retry (in about {retry} s).',
  CROSS_SITE_REFUSED: 'A request from {origin} was refused: this server answers only its own pages. Open the UI at the server\'s address instead of calling it from another site.',
  PATH_INVALID: 'The path {path} is not valid: {detail}. Check the link; percent signs must be followed by two hex digits.',
  SERVER_STOPPING: 'The server is shutting down and takes no new work: send the request again once it has restarted.',
  ANALYSIS_FAILED: 'The analysis worker stopped before answering ({detail}). Try again; if it repeats, the server log has the details.',
  JOB_INTERRUPTED: 'Job {id} was interrupted by a server restart and could not be resumed ({detail}). Send the files or URLs again.',
  UPLOADS_BUSY: 'The server is already receiving uploads and has {waiting} more waiting, its limit: send this one again in {retry} s (the Retry-After header says when).',

  // ── queue ────────────────────────────────────────────────────────────────────
  QUEUE_NEEDS_POSTGRES: 'The job queue needs PostgreSQL, and {db} is not a postgres://… URL. Pass --db postgres://… or set PARALLAX_DB.',
  QUEUE_START_FAILED: 'Could not start the job queue on {db}: {detail}. Check that the PostgreSQL server is running and reachable.',
  QUEUE_SEND_FAILED: 'Could not add a {job} job to the queue on {db}: {detail}. Nothing was queued for {input}; run the command again.',
  QUEUE_BACKGROUND_FAILED: 'A background query of the job queue on {db} failed: {detail}. The queue goes on and tries again; if this repeats, check that the PostgreSQL server is running.',
  QUEUE_OUTCOME_LOST:
    'Could not record the outcome of {job} job {id} on {db}: {detail}. A worker\'s sweep finds it without a lease within a minute and runs it again (safe: nothing is stored twice).',
  QUEUE_JOB_LOST:
    '{job} job {id} on {db} was running on a worker that no longer answers (nobody held its lease on two sweeps): it is run again (safe: nothing is stored twice). If this repeats, look for workers being killed.',
  QUEUE_JOB_STOPPED:
    '{job} job {id} on {db} was still running {seconds} s after its worker began to stop: it is failed as lost and another worker runs it again (safe: nothing is stored twice). If this repeats, give jobs more time to finish or look for a job that hangs.',
  QUEUE_STOP_CUT_SHORT:
    'Stopping the job queue on {db} was cut short after {seconds} s ({detail}): the worker stops anyway. Jobs it could not fail as lost are found by another worker\'s sweep within a minute and run again.',

  // ── watch ────────────────────────────────────────────────────────────────────
  WATCH_FEED_FAILED: 'Feed {feed} could not be polled: {detail}. Failure {failures} in a row; the next try is at {next}.',
  WATCH_FEEDS_FILE: 'Could not read the feeds file {file}: {detail}. Give one feed URL per line (# starts a comment).',
  WATCH_NO_FEEDS: 'No feeds to watch. Give feed URLs as arguments or --feeds FILE (one URL per line).',

  // ── command line and evaluation ──────────────────────────────────────────────
  USAGE: '{detail}. See `parallax --help`.',
  REPORT_WRITE_FAILED: 'Could not write the report to {file}: {detail}. Check that the folder exists and is writable.',
  OUTPUT_WRITE_FAILED:
    'Could not write {file}: {detail}. Nothing was changed: {file} is as it was before. Check that its folder exists, is writable and has free space, then run the command again.',
  EVAL_DATA_MISSING: 'No evaluation data at {dir}: {detail}. Pass --data DIR, or check that ../shared/data is beside the project.',
  EVAL_UNKNOWN_SET: 'Unknown evaluation set "{set}". Known sets: {known}.',
  INTERNAL: 'Internal error: {detail}. This is a bug in Parallax; please report it with the input that caused it.',
} as const;

export type ErrorCode = keyof typeof errors;

/** Parameters a template may use; every value is shown as text. */
export type ErrorParams = Readonly<Record<string, string | number | undefined>>;

/** An error from the catalogue. `code` is stable; `message` is the filled template. */
export class ParallaxError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(fill(errors[code], params), options);
    this.name = 'ParallaxError';
    this.code = code;
    this.params = params;
  }
}

/** Make a catalogued error. */
export function createError(code: ErrorCode, params: ErrorParams = {}, cause?: unknown): ParallaxError {
  return new ParallaxError(code, params, cause === undefined ? undefined : { cause });
}

/** True for catalogued errors (optionally of one code). */
export function isParallaxError(value: unknown, code?: ErrorCode): value is ParallaxError {
  return value instanceof ParallaxError && (code === undefined || value.code === code);
}

/** Wrap anything thrown into a catalogued error, keeping the original as `cause`. */
export function toParallaxError(value: unknown): ParallaxError {
  if (value instanceof ParallaxError) return value;
  const detail = value instanceof Error ? value.message : String(value);
  return createError('INTERNAL', { detail }, value);
}

function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : String(v);
  });
}
