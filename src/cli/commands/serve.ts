/** `parallax serve [--db FILE] [--port N] [--host H]`: serve the web UI and the store's JSON API (loopback by default). */
import type { Command } from 'commander';
import type { ServerType } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';

interface ServeOptions {
  db?: string;
  port: string;
  host: string;
  /** Further host names the server answers to beyond loopback (with a token). */
  allowHost?: string[];
  /** Where the job journal lives (default beside the database). */
  jobsDir?: string;
}

/** Host names that reach only this machine. */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** A running server and how to stop it (which also closes the store). */
export interface RunningServer {
  readonly url: string;
  /** Stop accepting, let the running job finish within `deadlineMs` (then stop it: the next server resumes it), end the workers, close the store. */
  close(deadlineMs?: number): Promise<void>;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description(
      'Serve the web UI and the JSON API (see /openapi.json). Listens on 127.0.0.1 unless --host is given; other hosts need PARALLAX_TOKEN, which every request then carries (open /?token=… once in the browser).',
    )
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--port <n>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--allow-host <name...>', "with --host: further names clients may reach the server by (its addresses and this machine's name are always allowed)")
    .option('--jobs-dir <dir>', 'where ingest jobs are kept until they finish, so a restart resumes them (default: beside the database)')
    .action(async (opts: ServeOptions) => {
      const server = await startServer(opts, ctx);
      ctx.stdout.write(`Parallax on ${server.url}: the web UI at ${server.url}/, the API under ${server.url}/api (OpenAPI at ${server.url}/openapi.json). Ctrl-C stops it.\n`);
      await new Promise<void>((done) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          // A second signal does not wait for the deadline.
          const force = () => process.exit(signal === 'SIGINT' ? 130 : 143);
          process.once('SIGINT', force);
          process.once('SIGTERM', force);
          ctx.stderr.write(`${signal}: stopping (the running job gets a few seconds, then is resumed by the next start).\n`);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/**
 * Open the store and listen. Refuses (SERVE_TOKEN_REQUIRED) to listen beyond loopback without
 * PARALLAX_TOKEN. Requests naming another host are refused (DNS rebinding): on loopback any but
 * the loopback names, beyond it any but this machine's addresses, its name and `--allow-host`.
 */
export async function startServer(opts: ServeOptions, ctx: CliContext): Promise<RunningServer> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw createError('USAGE', { detail: `--port must be 0..65535, not ${opts.port}` });
  const host = opts.host;
  const token = ctx.env.PARALLAX_TOKEN === undefined || ctx.env.PARALLAX_TOKEN === '' ? undefined : ctx.env.PARALLAX_TOKEN;
  const loopback = LOOPBACK.includes(host.toLowerCase());
  if (!loopback && token === undefined) throw createError('SERVE_TOKEN_REQUIRED', { host });
  // The server and the pipeline it runs load only when serving.
  const [{ serve }, { createApp }] = await Promise.all([import('@hono/node-server'), import('../../server/index.js')]);
  const location = dbLocation(ctx, opts.db);
  const store = await openStore(location, { mustExist: true });
  const places = storePlaces(location, opts.jobsDir);
  const app = createApp({
    store,
    ...(token !== undefined ? { token } : {}),
    allowedHosts: loopback ? LOOPBACK : reachableHosts(host, opts.allowHost ?? []),
    ...places,
    prestartWorkers: places.workerLocation !== undefined,
  });
  const hostname = host.replace(/^\[(.*)\]$/, '$1');
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
      s.once('error', (err) => reject(createError('USAGE', { detail: `cannot listen on ${host}:${port}: ${err.message}` }, err)));
    });
  } catch (err) {
    await app.close(0);
    await store.close();
    throw err;
  }
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shown = isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${boundPort}`,
    close: (deadlineMs) =>
      (closing ??= (async () => {
        const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        http.closeIdleConnections?.();
        await app.close(deadlineMs);
        // Requests still open after the jobs' deadline (a long upload) are cut.
        http.closeAllConnections?.();
        await closed;
        await store.close();
      })()),
  };
}

/**
 * Where worker processes open the store and where the job journal lives: beside a SQLite file
 * (`<file>.jobs`), in the temp folder for PostgreSQL (one per database), nowhere for `:memory:`
 * (analyses and jobs then run on the event loop's thread, as nothing else can open that store).
 */
function storePlaces(location: string, jobsDir: string | undefined): { workerLocation?: string; jobsDir?: string } {
  if (location === ':memory:') return jobsDir !== undefined ? { jobsDir } : {};
  if (/^postgres(ql)?:\/\//i.test(location)) {
    const dir = jobsDir ?? join(tmpdir(), `parallax-jobs-${createHash('sha256').update(location).digest('hex').slice(0, 12)}`);
    return { workerLocation: location, jobsDir: dir };
  }
  const file = /^file:/i.test(location) ? fileURLToPath(location) : resolve(location);
  return { workerLocation: file, jobsDir: jobsDir ?? `${file}.jobs` };
}

/** Names a client may use for a server listening beyond loopback: loopback, this machine's addresses and name, and `extra`. */
function reachableHosts(host: string, extra: readonly string[]): string[] {
  const names = new Set(LOOPBACK);
  const add = (name: string) => names.add(isIP(name) === 6 ? `[${name.toLowerCase()}]` : name.toLowerCase());
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) add(a.address);
  add(hostname());
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare !== '0.0.0.0' && bare !== '::') add(bare);
  for (const name of extra) add(name.replace(/^\[(.*)\]$/, '$1'));
  return [...names];
}
