/**
 * The built web UI as static files: `/` is its index page, `/assets/…` its hashed scripts and
 * styles. Only files under the web root are served; anything else is ROUTE_NOT_FOUND, and a server
 * without a built UI answers `/` with WEB_UI_NOT_FOUND, and a malformed percent-escape is PATH_INVALID.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { createError } from '../errors.js';

/** Where `npm run build:web` writes the UI: `dist/web` of this package (from `src/server` and `dist/server` alike). */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** A handler serving the file the request path names under `root` (`/` → `index.html`). */
export function serveWeb(root: string): (c: Context) => Promise<Response> {
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  return async (c) => {
    const path = new URL(c.req.url).pathname;
    let relative: string;
    try {
      relative = path === '/' ? 'index.html' : decodeURIComponent(path.slice(1));
    } catch {
      throw createError('PATH_INVALID', { path: path.slice(0, 200), detail: 'a malformed percent-escape' });
    }
    const file = normalize(join(base, relative));
    const type = TYPES[extname(file)];
    if (!file.startsWith(base) || relative.includes('\0') || type === undefined) throw createError('ROUTE_NOT_FOUND', { method: c.req.method, path });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      if (path === '/') throw createError('WEB_UI_NOT_FOUND', { dir: root });
      throw createError('ROUTE_NOT_FOUND', { method: c.req.method, path });
    }
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type });
  };
}
