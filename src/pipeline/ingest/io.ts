/**
 * The I/O the ingest stage depends on, injected so every format and every refusal can be tested
 * without a disk, a network or a terminal. {@link defaultIO} is the real thing.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';

/** One HTTP response as the fetch step sees it: status, headers, and the body as a byte stream. */
export interface FetchResponse {
  readonly status: number;
  /** Header value by lower-case name, or undefined. */
  header(name: string): string | undefined;
  readonly body: AsyncIterable<Uint8Array>;
  /** Release the connection without reading the rest of the body. */
  cancel(): Promise<void>;
}

/**
 * A resolver the fetch implementation must connect through: it resolves `hostname` and returns
 * only addresses the ingest policy allows (it throws a ParallaxError otherwise). Connecting to the
 * address it returns, not to a fresh DNS answer, is what defeats DNS rebinding.
 */
export type CheckedLookup = (hostname: string) => Promise<{ address: string; family: 4 | 6 }>;

export interface FetchRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly lookup: CheckedLookup;
}

export interface IngestIO {
  /** The first `maxBytes` bytes of a file (all of it when shorter). */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Follows symlinks. */
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number }>;
  readdir(path: string): Promise<string[]>;
  /** Canonical path, used to avoid walking a folder twice (symlink loops). */
  realpath(path: string): Promise<string>;
  stdin(): AsyncIterable<Uint8Array>;
  lookup(hostname: string): Promise<{ address: string; family: 4 | 6 }[]>;
  /** One GET without following redirects; must connect through `request.lookup` for host names. */
  fetch(request: FetchRequest): Promise<FetchResponse>;
  now(): Date;
}

async function readFileHead(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < maxBytes) {
      const want = Math.min(maxBytes - total, 1 << 20);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, total);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    await handle.close();
  }
}

async function realFetch(req: FetchRequest): Promise<FetchResponse> {
  const dispatcher = new Agent({
    connect: {
      // net.connect calls this for host names (never for IP literals, which the caller checks).
      lookup: (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
        req.lookup(hostname).then(
          (a) => (options.all ? callback(null, [a]) : callback(null, a.address, a.family)),
          (err: unknown) => callback(err as NodeJS.ErrnoException, ''),
        );
      },
    },
  });
  try {
    const res = await request(req.url, { method: 'GET', headers: req.headers, signal: req.signal, dispatcher });
    return {
      status: res.statusCode,
      header(name) {
        const v = res.headers[name.toLowerCase()];
        return Array.isArray(v) ? v.join(', ') : v;
      },
      body: (async function* () {
        try {
          for await (const chunk of res.body) yield chunk as Uint8Array;
        } finally {
          await dispatcher.close().catch(() => undefined);
        }
      })(),
      async cancel() {
        res.body.on('error', () => undefined);
        res.body.destroy();
        await dispatcher.destroy().catch(() => undefined);
      },
    };
  } catch (err) {
    await dispatcher.destroy().catch(() => undefined);
    throw err;
  }
}

/** The real I/O: node:fs, node:dns, undici, process.stdin and the system clock. */
export function defaultIO(): IngestIO {
  return {
    readFile: readFileHead,
    async stat(path) {
      const s = await stat(path);
      return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
    },
    readdir: (path) => readdir(path),
    realpath: (path) => realpath(path),
    stdin: () => process.stdin,
    async lookup(hostname) {
      const all = await dnsLookup(hostname, { all: true, verbatim: true });
      return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    },
    fetch: realFetch,
    now: () => new Date(),
  };
}
