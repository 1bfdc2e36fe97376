/**
 * Webhook delivery: a follow's new entries POSTed as JSON to its URL after a run, with the URL
 * inputs' address guard (every address of the host must be public unless private addresses are
 * allowed; the connection goes to the address checked, which defeats DNS rebinding), no redirects
 * followed, and a deadline. The outcome is returned, never thrown: a failed delivery is recorded on
 * the follow and the run goes on.
 */
import { isIP } from 'node:net';
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import { isParallaxError } from '../../errors.js';
import { parseUrl, refusedRange } from '../ingest/fetch.js';
import type { Delivery, FeedEntry, StoredFollow } from '../../store/follows.js';
import { FOLLOW_RULES } from './index.js';

/** Posts one JSON body; answers the HTTP status. Throws on a refused address, a network error or the deadline. */
export type WebhookPost = (url: string, body: string, options: { readonly timeoutMs: number; readonly allowPrivateNetwork: boolean }) => Promise<number>;

export interface WebhookOptions {
  /** Allow hosts on loopback or private addresses (default false). */
  readonly allowPrivateNetwork?: boolean;
  /** Deadline per delivery (default `rules.json` webhookTimeoutMs). */
  readonly timeoutMs?: number;
  /** The poster (default: the real guarded POST). */
  readonly post?: WebhookPost;
  /** Clock. */
  readonly now?: () => Date;
}

/** Whether `url` is a webhook URL at all (http or https); throws URL_INVALID or URL_SCHEME_REFUSED. */
export function checkWebhookUrl(url: string): string {
  return parseUrl(url).href;
}

/** The real POST: guarded lookup, one request, no redirect, the body read and dropped. */
export const guardedPost: WebhookPost = async (url, body, { timeoutMs, allowPrivateNetwork }) => {
  const target = parseUrl(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const refuse = (address: string): void => {
    const range = allowPrivateNetwork ? undefined : refusedRange(address);
    if (range !== undefined) throw new Error(`the address ${address} of ${host} is in ${range}, refused (allow private addresses to send there)`);
  };
  if (isIP(host) !== 0) refuse(host);
  const checked = async (hostname: string): Promise<{ address: string; family: 4 | 6 }> => {
    const all = await dns.lookup(hostname, { all: true, verbatim: true });
    if (all.length === 0) throw new Error(`${hostname} has no address`);
    for (const a of all) refuse(a.address);
    const first = all[0]!;
    return { address: first.address, family: first.family === 6 ? 6 : 4 };
  };
  const dispatcher = new Agent({
    connect: {
      lookup: (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
        checked(hostname).then(
          (a) => (options.all ? callback(null, [a]) : callback(null, a.address, a.family)),
          (err: unknown) => callback(err as NodeJS.ErrnoException, ''),
        );
      },
    },
  });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    if (isIP(host) === 0) await checked(host);
    const res = await request(target.href, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'parallax-follow' }, body, signal, dispatcher });
    res.body.on('error', () => undefined);
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    return res.statusCode;
  } catch (err) {
    if (signal.aborted) throw new Error(`no answer within ${timeoutMs / 1000} s`);
    throw err;
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
};

/** The JSON body a follow's webhook receives. */
export function webhookBody(follow: StoredFollow, entries: readonly FeedEntry[]): string {
  return JSON.stringify({ follow: { id: follow.id, kind: follow.kind, target: follow.target }, entries });
}

/** POST `entries` (the newest first, at most webhookMaxEntries) to the follow's webhook; the outcome, never an exception. */
export async function deliver(follow: StoredFollow, entries: readonly FeedEntry[], options: WebhookOptions = {}): Promise<Delivery | undefined> {
  if (follow.webhook === undefined || entries.length === 0) return undefined;
  const sent = entries.slice(-FOLLOW_RULES.webhookMaxEntries.value);
  const at = (options.now ?? (() => new Date()))().toISOString();
  const post = options.post ?? guardedPost;
  try {
    const status = await post(follow.webhook, webhookBody(follow, sent), {
      timeoutMs: options.timeoutMs ?? FOLLOW_RULES.webhookTimeoutMs.value,
      allowPrivateNetwork: options.allowPrivateNetwork === true,
    });
    const ok = status >= 200 && status < 300;
    return { at, ok, entries: sent.length, status, ...(ok ? {} : { error: `the receiver answered HTTP ${status}` }) };
  } catch (err) {
    const detail = isParallaxError(err) ? err.message : err instanceof Error ? err.message : String(err);
    return { at, ok: false, entries: sent.length, error: detail };
  }
}
