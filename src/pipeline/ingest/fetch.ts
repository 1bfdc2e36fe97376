/**
 * http(s) inputs: fetched with a deadline, a size cap, a redirect cap and a real user agent, and
 * refused when any hop points at a non-public address (unless private networks are allowed).
 *
 * The address check happens after DNS resolution, at every redirect, and inside the connection
 * itself: the fetch implementation connects through {@link CheckedLookup}, so the socket goes to
 * the address that was checked (no DNS-rebinding window). IP-literal hosts are checked directly.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { createError, isParallaxError, type ParallaxError } from '../../errors.js';
import type { CheckedLookup, FetchResponse, IngestIO } from './io.js';
import { readCapped, type LimitFor } from './capped.js';

interface NetworkRules {
  readonly allowedRanges: { readonly value: readonly string[]; readonly reason: string };
  readonly userAgent: { readonly value: string; readonly reason: string };
  readonly timeoutMs: { readonly value: number; readonly reason: string };
  readonly maxRedirects: { readonly value: number; readonly reason: string };
  readonly accept: { readonly value: string; readonly reason: string };
}
const rules = JSON.parse(readFileSync(new URL('./network.json', import.meta.url), 'utf8')) as NetworkRules;
const allowedRanges = new Set(rules.allowedRanges.value);

/** Defaults for {@link FetchPolicy}, from network.json. */
export const networkDefaults = {
  userAgent: rules.userAgent.value,
  timeoutMs: rules.timeoutMs.value,
  maxRedirects: rules.maxRedirects.value,
} as const;

export interface FetchPolicy {
  readonly allowPrivateNetwork: boolean;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
}

export interface Fetched {
  /** Final URL after redirects. */
  readonly url: string;
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  readonly contentLanguage?: string;
}

/** The special range an address belongs to (`loopback`, `private`, …), or undefined if it may be fetched. */
export function refusedRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  return allowedRanges.has(range) ? undefined : range;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

function checkedLookup(io: IngestIO, policy: FetchPolicy, input: string): CheckedLookup {
  return async (hostname) => {
    const addresses = await io.lookup(hostname);
    if (addresses.length === 0) throw createError('FETCH_FAILED', { input, detail: `${hostname} has no address` });
    if (!policy.allowPrivateNetwork) {
      for (const a of addresses) {
        const range = refusedRange(a.address);
        if (range !== undefined) throw createError('URL_ADDRESS_REFUSED', { input, address: a.address, range });
      }
    }
    return addresses[0]!;
  };
}

function findParallaxError(err: unknown): ParallaxError | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    if (isParallaxError(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Parse and check the scheme of a URL input. Throws URL_INVALID or URL_SCHEME_REFUSED. */
export function parseUrl(input: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw createError('URL_INVALID', { input });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw createError('URL_SCHEME_REFUSED', { input, scheme: url.protocol.replace(/:$/, '') });
  return url;
}

/** Fetch one URL input. `limitFor` decides the byte cap from the first bytes (documents vs containers). */
export async function fetchUrl(input: string, io: IngestIO, policy: FetchPolicy, limitFor: LimitFor): Promise<Fetched> {
  let url = parseUrl(input);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const lookup = checkedLookup(io, policy, input);
  try {
    for (let hop = 0; ; hop++) {
      const host = hostOf(url);
      if (isIP(host) !== 0) {
        const range = policy.allowPrivateNetwork ? undefined : refusedRange(host);
        if (range !== undefined) throw createError('URL_ADDRESS_REFUSED', { input, address: host, range });
      } else {
        await lookup(host);
      }
      let res: FetchResponse;
      try {
        res = await io.fetch({
          url: url.href,
          headers: { 'user-agent': policy.userAgent, accept: rules.accept.value, 'accept-encoding': 'identity' },
          signal: controller.signal,
          lookup,
        });
      } catch (err) {
        throw findParallaxError(err) ?? err;
      }
      if (res.status >= 300 && res.status < 400 && res.header('location') !== undefined) {
        await res.cancel();
        if (hop >= policy.maxRedirects) throw createError('FETCH_TOO_MANY_REDIRECTS', { input, limit: policy.maxRedirects });
        url = parseUrl(res.header('location')!, url);
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.cancel();
        throw createError('FETCH_HTTP_STATUS', { input, status: res.status });
      }
      const declared = Number(res.header('content-length'));
      const bytes = await readCapped(res.body, input, limitFor, Number.isFinite(declared) && declared >= 0 ? declared : undefined, () => res.cancel());
      return { url: url.href, bytes, contentType: res.header('content-type'), contentLanguage: res.header('content-language') };
    }
  } catch (err) {
    if (isParallaxError(err)) throw err;
    if (controller.signal.aborted) throw createError('FETCH_TIMEOUT', { input, seconds: policy.timeoutMs / 1000 }, err);
    throw createError('FETCH_FAILED', { input, detail: err instanceof Error ? err.message : String(err) }, err);
  } finally {
    clearTimeout(timer);
  }
}
