/**
 * Outlets and agencies: who published an article, from its URL domain, site name and credits.
 *
 * The starter list lives in `outlets.json` (real agencies and outlets with their aliases, each
 * with a reason). Users add their own with {@link parseOutlets} + {@link createOutletRegistry}
 * (same JSON shape: `{ "outlets": [ { key, name, kind, aliases, reason } ] }`). An article from a
 * domain no list knows still gets an outlet, named after its domain, so credits such as
 * "Source » example-daily" match `www.example-daily.com`.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../errors.js';
import type { Outlet } from '../../model/story.js';
import type { DedupInput } from './input.js';

/** One entry of an outlets file. */
export interface OutletEntry extends Outlet {
  /** Why it is listed (what it publishes, how others credit it). */
  readonly reason?: string;
}

/** Looks outlets up by domain or by any name they go by. */
export interface OutletRegistry {
  readonly outlets: readonly Outlet[];
  /** The outlet a domain belongs to (subdomains included), if listed. */
  byHost(host: string): Outlet | undefined;
  /** The outlet a written name refers to ("aawsat", "AFP", "Asharq Al-Awsat"), if listed. */
  byName(name: string): Outlet | undefined;
}

const KINDS = new Set<Outlet['kind']>(['outlet', 'agency', 'state-media', 'aggregator']);
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'gv', 'or', 'ne']);
const GENERIC_LABELS = new Set(['www', 'm', 'amp', 'news', 'english', 'en', 'mobile', 'edition', 'web', 'home']);

/** Lower-case, compatibility-normalised letters and digits only: "Al-Jazeera" → "aljazeera". */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Host of a URL without `www.`, lower-cased; undefined when it is not a URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The distinctive label of a host: `edition.example-daily.co.uk` → `exampledaily`. */
function hostLabel(host: string): string {
  const labels = host.split('.').filter((l) => l.length > 0);
  const body = labels.length > 1 ? labels.slice(0, -1) : labels;
  if (body.length > 1 && SECOND_LEVEL.has(body[body.length - 1]!)) body.pop();
  const meaningful = body.filter((l) => !GENERIC_LABELS.has(l));
  const best = [...(meaningful.length > 0 ? meaningful : body)].sort((a, b) => b.length - a.length)[0] ?? host;
  return normaliseName(best);
}

/**
 * Parse an outlets file. Throws `DEDUP_OUTLETS_INVALID` naming `source` and the first bad entry
 * when the JSON or an entry is malformed.
 */
export function parseOutlets(json: string, source: string): OutletEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw createError('DEDUP_OUTLETS_INVALID', { source, detail: err instanceof Error ? err.message : String(err) });
  }
  const list = (data as { outlets?: unknown }).outlets;
  if (!Array.isArray(list)) throw createError('DEDUP_OUTLETS_INVALID', { source, detail: 'expected an object with an "outlets" array' });
  return list.map((e: unknown, i) => {
    const o = e as Partial<OutletEntry>;
    const ok =
      typeof o.key === 'string' && o.key.length > 0 && typeof o.name === 'string' && Array.isArray(o.aliases) && o.aliases.every((a) => typeof a === 'string') && KINDS.has(o.kind as Outlet['kind']);
    if (!ok) throw createError('DEDUP_OUTLETS_INVALID', { source, detail: `entry ${i + 1} needs key, name, aliases (strings) and kind (outlet, agency, state-media or aggregator)` });
    return { key: o.key!.toLowerCase(), name: o.name!, aliases: o.aliases!, kind: o.kind!, ...(typeof o.reason === 'string' ? { reason: o.reason } : {}) };
  });
}

/**
 * Read a user's outlets file (same shape as `outlets.json`). Throws `INPUT_NOT_FOUND` when it
 * cannot be read and `DEDUP_OUTLETS_INVALID` when it is malformed. Combine with the starter list
 * through {@link createOutletRegistry}.
 */
export function readOutletsFile(file: string): OutletEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw createError('INPUT_NOT_FOUND', { input: file }, err);
  }
  return parseOutlets(text, file);
}

/** The starter list of `outlets.json`. */
export const DEFAULT_OUTLETS: readonly OutletEntry[] = parseOutlets(readFileSync(new URL('./outlets.json', import.meta.url), 'utf8'), 'outlets.json');

/**
 * A registry over the starter list plus `extra` entries (an extra entry with the same key
 * replaces the starter one). With `replace`, only `extra` is used.
 */
export function createOutletRegistry(extra: readonly OutletEntry[] = [], options: { replace?: boolean } = {}): OutletRegistry {
  const byKey = new Map<string, Outlet>();
  for (const o of options.replace ? extra : [...DEFAULT_OUTLETS, ...extra]) byKey.set(o.key, { key: o.key, name: o.name, aliases: o.aliases, kind: o.kind });
  const outlets = [...byKey.values()];
  const hosts = new Map<string, Outlet>();
  const names = new Map<string, Outlet>();
  for (const o of outlets) {
    hosts.set(o.key, o);
    names.set(normaliseName(o.name), o);
    names.set(normaliseName(o.key), o);
    if (o.key.includes('.')) names.set(hostLabel(o.key), o);
    for (const a of o.aliases) {
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(a)) hosts.set(a.toLowerCase(), o);
      names.set(normaliseName(a), o);
    }
  }
  return {
    outlets,
    byHost(host) {
      let h = host.toLowerCase().replace(/^www\./, '');
      for (;;) {
        const o = hosts.get(h);
        if (o) return o;
        const dot = h.indexOf('.');
        if (dot < 0 || h.indexOf('.', dot + 1) < 0) return undefined;
        h = h.slice(dot + 1);
      }
    },
    byName(name) {
      const n = normaliseName(name);
      return n.length === 0 ? undefined : names.get(n);
    },
  };
}

const DEFAULT_REGISTRY = createOutletRegistry();

/**
 * The outlet that published an article: from its URL domain, else its site name. A domain or
 * site name no list knows yields an ad-hoc outlet keyed by the domain (or the normalised site
 * name), so it can still be matched against credits. Undefined when the article has neither.
 */
export function identifyOutlet(article: Pick<DedupInput, 'url' | 'siteName'>, registry: OutletRegistry = DEFAULT_REGISTRY): Outlet | undefined {
  const host = article.url ? hostOf(article.url) : undefined;
  const listed = (host ? registry.byHost(host) : undefined) ?? (article.siteName ? registry.byName(article.siteName) : undefined);
  if (listed) return listed;
  if (host) {
    const aliases = [hostLabel(host), ...(article.siteName ? [article.siteName] : [])];
    return { key: host, name: article.siteName ?? host, aliases, kind: 'outlet' };
  }
  if (article.siteName) return { key: normaliseName(article.siteName), name: article.siteName, aliases: [article.siteName], kind: 'outlet' };
  return undefined;
}

/** True when a written name ("aawsat", "AFP", "Example Daily") refers to this outlet. */
export function namesOutlet(name: string, outlet: Outlet, registry: OutletRegistry = DEFAULT_REGISTRY): boolean {
  const listed = registry.byName(name);
  if (listed) return listed.key === outlet.key;
  const n = normaliseName(name);
  if (n.length < 2) return false;
  if (normaliseName(outlet.name) === n || normaliseName(outlet.key) === n) return true;
  if (outlet.key.includes('.') && hostLabel(outlet.key) === n) return true;
  return outlet.aliases.some((a) => normaliseName(a) === n);
}
