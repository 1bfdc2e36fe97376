/**
 * Who cites whom: the agencies, outlets and official media a story's articles name as their
 * sources ("reported AFP", "according to the official IRNA website", "Khamenei.ir reported",
 * "told state TV", "(Reuters) -", "Source » X"), as a graph from the story's outlets to the sources.
 *
 * A capitalised name counts as a source only when it looks like one (a listed agency or outlet, one
 * of the story's own outlets, an acronym, a web domain, or a name ending in a media word) and stands
 * beside a citation cue from `cues.json`. The clean stage's credits (source, agency, dateline) count
 * too; photo credits do not (a picture bought from an agency says nothing about the text), and
 * neither does an outlet naming itself.
 */
import { readFileSync } from 'node:fs';
import type { CitationEdge, CitationGraph, Occurrence } from '../../../model/framing.js';
import { createOutletRegistry, normaliseName, type OutletRegistry } from '../../dedup/outlets.js';
import type { StoryArticle, StoryInput } from '../input.js';

interface CueEntry {
  readonly cue: string;
  readonly pattern: string;
  readonly reason: string;
  /** For a `before` cue: what must follow the name too (the closing parenthesis of a dateline credit). */
  readonly after?: string;
  /** True when the cue alone shows the name is a source ("Source » X"), whatever the name looks like. */
  readonly names?: boolean;
}

interface CuesFile {
  readonly mediaWords: { readonly terms: readonly string[] };
  readonly descriptors: { readonly before: string; readonly after: string; readonly describedAfter: string; readonly describedBefore: string };
  readonly genericSources: { readonly pattern: string };
  readonly before: readonly CueEntry[];
  readonly after: readonly CueEntry[];
}

const CUES = JSON.parse(readFileSync(new URL('./cues.json', import.meta.url), 'utf8')) as CuesFile;
const MEDIA_WORDS = new Set(CUES.mediaWords.terms.map((t) => t.toLowerCase()));
const BEFORE = CUES.before.map((c) => ({
  cue: c.cue,
  re: new RegExp(`${c.pattern.replace(/\$$/, '')}${CUES.descriptors.before}$`, 'u'),
  after: c.after !== undefined ? new RegExp(c.after, 'u') : undefined,
  names: c.names === true,
}));
const AFTER = CUES.after.map((c) => ({ cue: c.cue, re: new RegExp(`^${CUES.descriptors.after}${c.pattern.replace(/^\^/, '')}`, 'u') }));
const DESCRIBED_AFTER = new RegExp(CUES.descriptors.describedAfter, 'u');
const DESCRIBED_BEFORE = new RegExp(CUES.descriptors.describedBefore, 'u');
const GENERIC = new RegExp(CUES.genericSources.pattern, 'gu');

/** Capitalised runs ("Halden Press Agency", "KSNA"), joined by "of", "the", "de", "al"; and web domains. */
const WORD = "\\p{Lu}[\\p{L}\\p{N}&-]*";
const RUN = new RegExp(`(?<![\\p{L}\\p{N}.])(?:[\\p{L}\\p{N}][\\p{L}\\p{N}-]*\\.)+[a-z]{2,6}(?![\\p{L}\\p{N}])|${WORD}(?:\\s(?:(?:of|the|de|du|al|for|and)\\s)?${WORD})*`, 'gu');
const DOMAIN = /^(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+[a-z]{2,6}$/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}]{1,6}$/u;

export interface CitationsOptions {
  /** Agencies and outlets to recognise by name; defaults to the dedup stage's starter list. */
  readonly registry?: OutletRegistry;
  /** Most characters looked at before a name for its cue (default 80). */
  readonly window?: number;
}

export type CitationsStage = (story: StoryInput) => CitationGraph;

/** Initials of the capitalised words of a name: "Halden Press Agency" → "hpa". */
function initials(name: string): string {
  const words = name.split(/[\s-]+/u).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 ? words.map((w) => w[0]!.toLowerCase()).join('') : '';
}

/** The keys a site is known by: its name's parts ("KSNA - Kavron State News Agency"), their initials, a file name's first word. */
function siteKeys(site: string): Set<string> {
  const keys = new Set<string>();
  const isFile = /\.[a-z0-9]{2,4}$/i.test(site) && !/\s/.test(site);
  // A file name says who published it in its first word at most ("hpa-halden-reaction.txt").
  const parts = isFile ? site.replace(/\.[a-z0-9]{2,4}$/i, '').split(/[-_.]+/).slice(0, 1) : [site, ...site.split(/\s+[-–—|:]\s+|\s*[|·]\s*/u)];
  for (const p of parts) {
    const n = normaliseName(p);
    if (n.length >= 2 && !/^\d+$/.test(n)) keys.add(n);
    const i = initials(p);
    if (i.length >= 2) keys.add(i);
  }
  return keys;
}

/** The keys a cited name is known by: its normalised form and, for a several-word name, its initials. */
function nameKeys(name: string): string[] {
  const i = initials(name);
  return [normaliseName(name), ...(i.length >= 2 ? [i] : [])];
}

interface Found {
  readonly name: string;
  readonly cue: string;
  readonly occurrence: Occurrence;
}

/** The name without a leading article, a trailing possessive or lower-case descriptors. */
const tidy = (name: string): string => name.replace(/^(?:The|the)\s+/u, '').replace(/['’]s$/u, '');

/** Find the sources one article names, with their cue. */
function findInText(article: StoryArticle, looksLikeSource: (name: string) => boolean, window: number): Found[] {
  const text = article.text;
  const out: Found[] = [];
  const consider = (name: string, start: number, end: number, namingCuesOnly = false): void => {
    const before = text.slice(Math.max(0, start - window), start);
    const after = text.slice(end, end + window);
    for (const b of BEFORE) {
      if (namingCuesOnly && !b.names) continue;
      const m = b.re.exec(before);
      if (!m || (b.after && !b.after.test(after))) continue;
      const s = start - m[0].length;
      out.push({ name, cue: b.cue, occurrence: { articleId: article.id, span: { start: s, end }, text: text.slice(s, end) } });
      return;
    }
    if (namingCuesOnly) return;
    for (const a of AFTER) {
      const m = a.re.exec(after);
      if (!m) continue;
      const e = end + m[0].length;
      out.push({ name, cue: a.cue, occurrence: { articleId: article.id, span: { start, end: e }, text: text.slice(start, e) } });
      return;
    }
  };
  for (const m of text.matchAll(RUN)) {
    const raw = m[0];
    const name = tidy(raw);
    const start = m.index + (raw.length - raw.replace(/^(?:The|the)\s+/u, '').length);
    const end = m.index + raw.length;
    // A name described as an agency or website is a source even when no list knows it.
    const described = DESCRIBED_AFTER.test(text.slice(end, end + 30)) || DESCRIBED_BEFORE.test(text.slice(Math.max(0, start - 30), start));
    consider(name, start, end, !looksLikeSource(name) && !described);
  }
  GENERIC.lastIndex = 0;
  for (const m of text.matchAll(GENERIC)) {
    const end = m.index + m[0].length;
    // "the state news agency KSNA", "state news agency, KSNA,": the description of a named source.
    if (/^,?\s+\p{Lu}/u.test(text.slice(end, end + 3))) continue;
    consider(m[0], m.index, end);
  }
  return out;
}

/** Make the citation analysis. */
export function createCitations(options: CitationsOptions = {}): CitationsStage {
  const registry = options.registry ?? createOutletRegistry();
  const window = options.window ?? 80;
  return (story) => {
    const sites = [...new Set(story.articles.map((a) => a.site))];
    // Indexes over the story's sites, built once: a story of many outlets asked about every name
    // in every article scanned them all per name.
    const keysOf = new Map(sites.map((s) => [s, siteKeys(s)] as const));
    const byNormalised = new Map<string, string>();
    const firstWithKey = new Map<string, number>();
    sites.forEach((site, i) => {
      const normal = normaliseName(site);
      if (!byNormalised.has(normal)) byNormalised.set(normal, site);
      for (const k of keysOf.get(site)!) if (!firstWithKey.has(k)) firstWithKey.set(k, i);
    });
    const outletOf = new Map<string, string | undefined>();
    /** The story outlet a name refers to: an exact site name first, then the first site sharing a key. */
    const storyOutlet = (name: string): string | undefined => {
      if (outletOf.has(name)) return outletOf.get(name);
      let found = byNormalised.get(normaliseName(name));
      if (found === undefined) {
        let first = Infinity;
        for (const k of nameKeys(name)) first = Math.min(first, firstWithKey.get(k) ?? Infinity);
        found = Number.isFinite(first) ? sites[first] : undefined;
      }
      outletOf.set(name, found);
      return found;
    };
    const looksLikeSource = (name: string): boolean => {
      if (name.length < 2) return false;
      if (registry.byName(name) || DOMAIN.test(name)) return true;
      if (ACRONYM.test(name)) return name.length >= 3 || storyOutlet(name) !== undefined;
      if (storyOutlet(name) !== undefined && /^\p{Lu}/u.test(name)) return true;
      const last = name.split(/\s+/u).pop()!.toLowerCase();
      return name.includes(' ') && MEDIA_WORDS.has(last);
    };

    // Cited sources merge by registry entry, story outlet, or shared key (a name and its initials).
    const nodes = new Map<string, { id: string; name: string; kind: 'outlet' | 'cited'; keys: Set<string> }>();
    for (const s of sites) nodes.set(s, { id: s, name: s, kind: 'outlet', keys: keysOf.get(s)! });
    const nodeFor = (name: string): string => {
      const listed = registry.byName(name);
      const inStory = storyOutlet(name);
      if (inStory) return inStory;
      const display = listed ? (listed.aliases.find((a) => ACRONYM.test(a)) ?? listed.name) : name;
      const keys = new Set([...nameKeys(name), ...(listed ? [normaliseName(listed.key), normaliseName(listed.name), ...listed.aliases.map(normaliseName)] : [])]);
      for (const n of nodes.values()) {
        if (n.kind === 'cited' && [...keys].some((k) => n.keys.has(k))) {
          for (const k of keys) n.keys.add(k);
          if (!listed && display.length < n.name.length) n.name = display;
          return n.id;
        }
      }
      nodes.set(`cited:${display}`, { id: `cited:${display}`, name: display, kind: 'cited', keys });
      return `cited:${display}`;
    };

    const edges = new Map<string, { from: string; to: string; evidence: (Occurrence & { cue: string })[] }>();
    const add = (article: StoryArticle, name: string, cue: string, occurrence: Occurrence): void => {
      // An outlet naming itself ("Northwire could not verify", its own dateline) is no citation.
      const own = new Set([...keysOf.get(article.site)!, ...article.credits.filter((c) => c.role === 'site-label').flatMap((c) => nameKeys(c.name))]);
      if (nameKeys(name).some((k) => own.has(k))) return;
      const to = nodeFor(name);
      // Nor is a name that resolves to the article's own outlet (a repost's "Source: aawsat" on an article labelled Asharq Al-Awsat).
      if (to === article.site || nodes.get(to)?.name === article.site) return;
      const key = `${article.site}\u0000${to}`;
      const e = edges.get(key) ?? { from: article.site, to, evidence: [] };
      e.evidence.push({ ...occurrence, cue });
      edges.set(key, e);
    };

    for (const a of story.articles) {
      for (const c of a.credits) {
        if (c.role !== 'source' && c.role !== 'agency' && c.role !== 'dateline') continue;
        // Credits stand outside the clean text: the occurrence has an empty span at the article's start.
        add(a, c.name, `credit:${c.role}`, { articleId: a.id, span: { start: 0, end: 0 }, text: c.name });
      }
      for (const f of findInText(a, looksLikeSource, window)) add(a, f.name, f.cue, f.occurrence);
    }

    // Final node ids: a cited node is known by its display name.
    const finalId = (id: string): string => (nodes.get(id)?.kind === 'cited' ? nodes.get(id)!.name : id);
    const edgeList: CitationEdge[] = [...edges.values()]
      .map((e) => ({ from: e.from, to: finalId(e.to), count: e.evidence.length, evidence: e.evidence }))
      .sort((x, y) => y.count - x.count || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
    const used = new Set(edgeList.flatMap((e) => [e.from, e.to]));
    const nodeList = [...nodes.values()]
      .map((n) => ({ id: finalId(n.id), name: n.name, kind: n.kind }))
      .filter((n) => n.kind === 'outlet' || used.has(n.id));
    // A cited name that turned out to be an outlet of the story is that outlet's node, listed once.
    const outletIds = new Set(nodeList.filter((n) => n.kind === 'outlet').map((n) => n.id));
    return { nodes: nodeList.filter((n) => n.kind === 'outlet' || !outletIds.has(n.id)), edges: edgeList };
  };
}
