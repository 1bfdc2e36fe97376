/**
 * The outlet registry: who published an article, from its URL domain, site name and credits, and
 * what kind of outlet it is (agency, state, public broadcaster, private, aggregator), its country,
 * language and owner.
 *
 * The bundled list lives in `outlets.json` (agencies, state media and the major international and
 * national outlets, each with a reason and a source). Users add their own with {@link parseOutlets}
 * / {@link readOutletsFile} + {@link createOutletRegistry} (same JSON shape:
 * `{ "outlets": [ { key, name, kind, aliases, domains, country, language, owner, reason, source } ] }`);
 * a user entry with the key of a bundled one replaces it. An article from a domain no list knows
 * still gets an outlet, named after its domain, so credits such as "Source » example-daily" match
 * `www.example-daily.com`.
 *
 * Dedup reads the registry through {@link Outlet} (key, name, aliases and its coarse kind:
 * `agency` for wire services, `state-media`, `aggregator`, else `outlet`); the report's outlets
 * read the full {@link OutletRecord}.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../errors.js';
import { OUTLET_KINDS, type OutletKind, type OutletRecord } from '../../model/outlet.js';
import type { Outlet } from '../../model/story.js';
import type { DedupInput } from './input.js';

/** One entry of an outlets file: the record (its `origin` set by who reads it). */
export type OutletEntry = OutletRecord;

/** Looks outlets up by domain or by any name they go by. */
export interface OutletRegistry {
  readonly outlets: readonly Outlet[];
  /** Every entry with its full record (kind, country, language, owner, reason, source). */
  readonly records: readonly OutletRecord[];
  /** The outlet a domain belongs to (subdomains included), if listed. */
  byHost(host: string): Outlet | undefined;
  /** The outlet a written name refers to ("aawsat", "AFP", "Asharq Al-Awsat"), if listed. */
  byName(name: string): Outlet | undefined;
  /** The full record of a listed outlet, by key. */
  record(key: string): OutletRecord | undefined;
}

const LEGACY_KINDS: Readonly<Record<string, OutletKind | null>> = { outlet: null, 'state-media': 'state' };
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'gv', 'or', 'ne']);
const GENERIC_LABELS = new Set(['www', 'm', 'amp', 'news', 'english', 'en', 'mobile', 'edition', 'web', 'home']);
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

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

const THE = /^\s*the\s+/i;

/**
 * How a registry name is looked up: normalised, except that a name beginning with "The" keeps it
 * ("The Hill" → `thehill`), so that a bare "Hill" (a surname) or "Nation" never names the outlet;
 * list the bare form as an alias when credits use it ("Guardian").
 */
function nameKey(name: string): string {
  return THE.test(name) ? `the${normaliseName(name)}` : normaliseName(name);
}

/** Dedup's coarse kind of a record: wire services are agencies (their text is the original), then state media, aggregators, other outlets. */
function coarseKind(r: OutletRecord): Outlet['kind'] {
  if (r.wire) return 'agency';
  if (r.kind === 'agency') return 'agency';
  if (r.kind === 'state') return 'state-media';
  if (r.kind === 'aggregator') return 'aggregator';
  return 'outlet';
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((a) => typeof a === 'string');
}

/** One entry checked field by field; the problem named, or the record. */
function checkEntry(e: unknown, origin: OutletRecord['origin']): OutletRecord | string {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'is not an object';
  const o = e as Record<string, unknown>;
  if (typeof o.key !== 'string' || o.key.trim().length === 0) return 'needs a "key" (a non-empty string, e.g. its main domain)';
  if (typeof o.name !== 'string' || o.name.trim().length === 0) return 'needs a "name" (a non-empty string)';
  let kind: OutletKind | null;
  if (o.kind === null || o.kind === undefined) kind = null;
  else if (typeof o.kind === 'string' && (OUTLET_KINDS as readonly string[]).includes(o.kind)) kind = o.kind as OutletKind;
  else if (typeof o.kind === 'string' && o.kind in LEGACY_KINDS) kind = LEGACY_KINDS[o.kind]!;
  else return `has kind ${JSON.stringify(o.kind)}: use one of ${OUTLET_KINDS.join(', ')} (or null when unknown)`;
  if (o.aliases !== undefined && !isStrings(o.aliases)) return '"aliases" must be a list of strings';
  if (o.domains !== undefined && !(isStrings(o.domains) && o.domains.every((d) => DOMAIN.test(d)))) return '"domains" must be a list of domain names such as "example.com"';
  if (o.country !== undefined && o.country !== null && !(typeof o.country === 'string' && /^[A-Za-z]{2}$/.test(o.country))) return '"country" must be an ISO 3166-1 alpha-2 code such as "FR", or null';
  if (o.language !== undefined && o.language !== null && !(typeof o.language === 'string' && /^[a-z]{2,3}$/.test(o.language))) return '"language" must be an ISO 639-1 code such as "fr", or null';
  for (const f of ['owner', 'reason', 'source'] as const) {
    if (o[f] !== undefined && o[f] !== null && typeof o[f] !== 'string') return `"${f}" must be a string or null`;
  }
  if (o.wire !== undefined && typeof o.wire !== 'boolean') return '"wire" must be true or false';
  if (origin === 'bundled' && (typeof o.reason !== 'string' || o.reason.length === 0)) return 'needs a "reason"';
  const aliases = (o.aliases as string[] | undefined) ?? [];
  const key = o.key.trim().toLowerCase();
  const domains = [...new Set([...((o.domains as string[] | undefined) ?? []), ...aliases.filter((a) => DOMAIN.test(a)), ...(DOMAIN.test(key) ? [key] : [])].map((d) => d.toLowerCase().replace(/^www\./, '')))];
  return {
    key,
    name: o.name.trim(),
    kind,
    wire: o.wire === true || (o.wire === undefined && o.kind === 'agency'),
    country: typeof o.country === 'string' ? o.country.toUpperCase() : null,
    language: typeof o.language === 'string' ? o.language : null,
    owner: typeof o.owner === 'string' ? o.owner : null,
    aliases: aliases.filter((a) => !DOMAIN.test(a)),
    domains,
    reason: typeof o.reason === 'string' ? o.reason : '',
    source: typeof o.source === 'string' ? o.source : null,
    origin,
  };
}

/**
 * Parse an outlets file. Throws `DEDUP_OUTLETS_INVALID` naming `source` and the first bad entry
 * (its number and key) when the JSON or an entry is malformed, or when two entries share a key.
 */
export function parseOutlets(json: string, source: string, origin: OutletRecord['origin'] = 'user'): OutletEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw createError('DEDUP_OUTLETS_INVALID', { source, detail: err instanceof Error ? err.message : String(err) });
  }
  const list = (data as { outlets?: unknown } | null)?.outlets;
  if (!Array.isArray(list)) throw createError('DEDUP_OUTLETS_INVALID', { source, detail: 'expected an object with an "outlets" array' });
  const seen = new Set<string>();
  return list.map((e: unknown, i) => {
    const checked = checkEntry(e, origin);
    const key = typeof (e as { key?: unknown } | null)?.key === 'string' ? ` ("${(e as { key: string }).key}")` : '';
    if (typeof checked === 'string') throw createError('DEDUP_OUTLETS_INVALID', { source, detail: `entry ${i + 1}${key} ${checked}` });
    if (seen.has(checked.key)) throw createError('DEDUP_OUTLETS_INVALID', { source, detail: `entry ${i + 1}${key} repeats a key used by an earlier entry` });
    seen.add(checked.key);
    return checked;
  });
}

/**
 * Read a user's outlets file (same shape as `outlets.json`). Throws `INPUT_NOT_FOUND` when it
 * cannot be read and `DEDUP_OUTLETS_INVALID` when it is malformed. Combine with the bundled list
 * through {@link createOutletRegistry}.
 */
export function readOutletsFile(file: string): OutletEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw createError('INPUT_NOT_FOUND', { input: file }, err);
  }
  return parseOutlets(text, file, 'user');
}

/** The bundled list of `outlets.json`. */
export const DEFAULT_OUTLETS: readonly OutletEntry[] = parseOutlets(readFileSync(new URL('./outlets.json', import.meta.url), 'utf8'), 'outlets.json', 'bundled');

/**
 * A registry over the bundled list plus `extra` entries (an extra entry with the same key
 * replaces the bundled one). With `replace`, only `extra` is used.
 */
export function createOutletRegistry(extra: readonly OutletEntry[] = [], options: { replace?: boolean } = {}): OutletRegistry {
  const byKey = new Map<string, OutletRecord>();
  for (const o of options.replace ? extra : [...DEFAULT_OUTLETS, ...extra]) byKey.set(o.key, o);
  const records = [...byKey.values()];
  const plain = new Map<string, Outlet>(records.map((r) => [r.key, { key: r.key, name: r.name, aliases: [...r.aliases, ...r.domains.filter((d) => d !== r.key)], kind: coarseKind(r) }]));
  const outlets = [...plain.values()];
  const hosts = new Map<string, Outlet>();
  const names = new Map<string, Outlet>();
  for (const r of records) {
    const o = plain.get(r.key)!;
    hosts.set(r.key, o);
    for (const d of r.domains) hosts.set(d, o);
    // Names as written: its name, key, domains and aliases. No label is guessed from a listed
    // domain ("khamenei" from khamenei.ir would turn "Khamenei said" into a citation of the
    // website): a label that credits use ("aawsat") is listed as an alias.
    for (const n of [r.key, ...r.domains, r.name, ...r.aliases]) names.set(nameKey(n), o);
  }
  return {
    outlets,
    records,
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
      if (n.length === 0) return undefined;
      return (THE.test(name) ? names.get(nameKey(name)) : undefined) ?? names.get(n);
    },
    record(key) {
      return byKey.get(key);
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
