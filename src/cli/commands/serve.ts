/** `parallax serve [--db FILE] [--port N] [--host H]`: serve the web UI and the store's JSON API (loopback by default). */
import type { Command } from 'commander';
import type { ServerType } from '@hono/node-server';
import { isIP } from 'node:net';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';

interface ServeOptions {
  db?: string;
  port: string;
  host: string;
}

/** Host names that reach only this machine. */
const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** A running server and how to stop it (which also closes the store). */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('Serve the web UI and the JSON API (see /openapi.json). Listens on 127.0.0.1 unless --host is given; other hosts need PARALLAX_TOKEN.')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--port <n>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: ServeOptions) => {
      const server = await startServer(opts, ctx);
      ctx.stdout.write(`Parallax on ${server.url}: the web UI at ${server.url}/, the API under ${server.url}/api (OpenAPI at ${server.url}/openapi.json). Ctrl-C stops it.\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/**
 * Open the store and listen. Refuses (SERVE_TOKEN_REQUIRED) to listen beyond loopback without
 * PARALLAX_TOKEN; on loopback, requests naming another host are refused (DNS rebinding).
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
  const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
  const app = createApp({
    store,
    ...(token !== undefined ? { token } : {}),
    ...(loopback ? { allowedHosts: LOOPBACK } : {}),
  });
  const hostname = host.replace(/^\[(.*)\]$/, '$1');
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
    s.once('error', (err) => {
      void store.close();
      reject(createError('USAGE', { detail: `cannot listen on ${host}:${port}: ${err.message}` }, err));
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const shown = isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  return {
    url: `http://${shown}:${boundPort}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
