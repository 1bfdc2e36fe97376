/**
 * Primary sources: what a story's families (independent sources) rest on, so that "4 independent
 * sources" can read "4 independent sources, resting on 2 primary sources".
 *
 * Each family rests on exactly one primary source, decided in this order, each with its evidence:
 * 1. **a statement**: at least `restsOnShare` of its words stand in sentences quoting one speaker
 *    whose words another family relays too; or its lead relays that speaker, who makes up at least
 *    `leadShare` of its words and most of what it relays, and it cites at most `maxCitedSources`
 *    other sources (an article that also cites three agencies is its own synthesis). When those
 *    families cite the speaker's own channel (a name holding the speaker's surname, an office, a
 *    government domain) it is a **readout**; when most cite one outlet, a statement to that outlet;
 * 2. **a wire or outlet** its whole text is credited to (the dedup stage's family credit);
 * 3. **the source its lead credits** ("…, Reuters reported" in the first sentences) — unless the
 *    lead says the statement was given to that outlet ("her rep told People") and the family relays
 *    the speaker: then the statement;
 * 4. else **its own reporting**.
 * Quotes of different families sharing `sharedQuoteWords` words in a row are one statement, whoever
 * each credits it to; a quote credited only to a role ("her publicist said") counts for the one
 * shared speaker holding that role. A family may also draw on other primary sources: speakers it
 * relays for at least `drawsOnShare` of its words, and the sources it cites. A claim rests on the
 * primary sources of its supports: a support quoting a shared speaker rests on that speaker's
 * statement, any other on its family's source.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Claim } from '../../../model/claim.js';
import type { CitationGraph } from '../../../model/framing.js';
import type { Span } from '../../../model/message.js';
import type { ClaimBasis, FamilyBasis, PrimarySource, PrimarySourceKind, PrimarySources, SourceEvidence } from '../../../model/sources.js';
import { familyCredit, findCredits, type DedupInput } from '../../dedup/index.js';
import { DEFAULT_PARAMS } from '../../dedup/params.js';
import { createOutletRegistry, normaliseName, type OutletRegistry } from '../../dedup/outlets.js';
import type { StoryArticle, StoryInput } from '../input.js';

interface RulesFile {
  readonly restsOnShare: { readonly value: number };
  readonly drawsOnShare: { readonly value: number };
  readonly leadSentences: { readonly value: number };
  readonly leadShare: { readonly value: number };
  readonly maxCitedSources: { readonly value: number };
  readonly sharedQuoteWords: { readonly value: number };
  readonly officialWords: { readonly pattern: string };
}

/** Thresholds of `rules.json` (see there for why). */
export interface SourcesRules {
  readonly restsOnShare: number;
  readonly drawsOnShare: number;
  readonly leadSentences: number;
  readonly leadShare: number;
  readonly maxCitedSources: number;
  readonly sharedQuoteWords: number;
  readonly officialWords: RegExp;
}

const FILE = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as RulesFile;

/** The shipped rules. */
export const SOURCES_RULES: SourcesRules = {
  restsOnShare: FILE.restsOnShare.value,
  drawsOnShare: FILE.drawsOnShare.value,
  leadSentences: FILE.leadSentences.value,
  leadShare: FILE.leadShare.value,
  maxCitedSources: FILE.maxCitedSources.value,
  sharedQuoteWords: FILE.sharedQuoteWords.value,
  officialWords: new RegExp(FILE.officialWords.pattern, 'iu'),
};

/** One quote of the story, attributed to a resolved speaker or not. */
export interface SourceQuote {
  readonly articleId: string;
  /** The resolved speaker, when there is one. */
  readonly personId?: string;
  /** How the article names the speaker ("her rep", "a police spokesman"), when it does. */
  readonly speaker?: string;
  /** The quoted words (one span, or the segments of a split quote). */
  readonly content: readonly Span[];
  /** The content and the cue ("said", "told"): what the quote covers of its sentences. */
  readonly spans: readonly Span[];
}

/** What the primary-sources analysis reads besides the story. */
export interface SourcesContext {
  /** Every quote of the story. */
  readonly quotes: readonly SourceQuote[];
  /** People by entity id, for labels. */
  readonly people: ReadonlyMap<string, string>;
  /** Their roles ("publicist", "coast guard spokesman"), to credit a quote attributed only to a role. */
  readonly roles?: ReadonlyMap<string, readonly string[]>;
  /** Who cites whom (the citations analysis). */
  readonly citations: CitationGraph;
  /** Claims, to say which primary sources each rests on. */
  readonly claims?: readonly Claim[];
}

export interface SourcesOptions {
  readonly rules?: Partial<SourcesRules>;
  readonly registry?: OutletRegistry;
}

export type SourcesStage = (story: StoryInput, context: SourcesContext) => PrimarySources;

const WORD = /[\p{L}\p{N}]+/gu;

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function sourceId(kind: string, key: string): string {
  return `psr_${createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 16)}`;
}

function asDedupInput(a: StoryArticle): DedupInput {
  return { id: a.id, text: a.text, credits: a.credits, siteName: a.site, ...(a.url !== undefined ? { url: a.url } : {}), ...(a.published !== undefined ? { published: a.published } : {}) };
}

/** The sentences of an article that relay one speaker, and their share of its words. */
function speakerShare(article: StoryArticle, quotes: readonly SourceQuote[]): { share: number; sentences: Span[] } {
  if (quotes.length === 0) return { share: 0, sentences: [] };
  const spans = quotes.flatMap((q) => q.spans);
  const sentences = article.sentences.filter((s) => spans.some((q) => overlaps(s, q)));
  const total = countWords(article.text);
  const covered = sentences.reduce((n, s) => n + countWords(article.text.slice(s.start, s.end)), 0);
  return { share: total === 0 ? 0 : covered / total, sentences };
}

const PRONOUN = /^(?:it|he|she|they|we|i|you|this|that|which|who|one|there)$/iu;

const words = (text: string): string[] => [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]);

/**
 * Who each quote is by, as a key: quotes of different families that share `n` words in a row are
 * one statement, credited to the speaker most of them are resolved to; a shared statement no
 * rendering resolves gets a key of its own, labelled in `unnamed` by how the articles name the
 * speaker ("her rep") and its opening words. Other quotes keep their resolved speaker.
 */
function speakerKeys(story: StoryInput, quotes: readonly SourceQuote[], familyOf: ReadonlyMap<string, string>, n: number, unnamed: Map<string, string>): Map<SourceQuote, string> {
  const text = new Map(story.articles.map((a) => [a.id, a.text] as const));
  const parent = quotes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const seen = new Map<string, number>();
  quotes.forEach((q, i) => {
    const t = text.get(q.articleId) ?? '';
    const w = words(q.content.map((sp) => t.slice(sp.start, sp.end)).join(' '));
    for (let k = 0; k + n <= w.length; k++) {
      const gram = w.slice(k, k + n).join(' ');
      const j = seen.get(gram);
      if (j === undefined) seen.set(gram, i);
      else if (familyOf.get(quotes[j]!.articleId) !== familyOf.get(q.articleId) || find(j) !== find(i)) parent[find(i)] = find(j);
    }
  });
  const clusters = new Map<number, number[]>();
  quotes.forEach((_, i) => {
    const root = find(i);
    const list = clusters.get(root);
    if (list) list.push(i);
    else clusters.set(root, [i]);
  });
  const keys = new Map<SourceQuote, string>();
  // Speakers one shared statement is credited to in two families each ("her rep" here, the star there) are one source.
  const alias = new Map<string, string>();
  const findKey = (k: string): string => {
    let r = k;
    while (alias.has(r) && alias.get(r) !== r) r = alias.get(r)!;
    return r;
  };
  const quotesOf = new Map<string, number>();
  for (const q of quotes) if (q.personId) quotesOf.set(q.personId, (quotesOf.get(q.personId) ?? 0) + 1);
  for (const [root, members] of clusters) {
    const qs = members.map((i) => quotes[i]!);
    const families = new Set(qs.map((q) => familyOf.get(q.articleId)));
    if (families.size < 2) {
      for (const q of qs) if (q.personId) keys.set(q, q.personId);
      continue;
    }
    const votes = new Map<string, number>();
    for (const q of qs) if (q.personId) votes.set(q.personId, (votes.get(q.personId) ?? 0) + 1);
    const best = [...votes.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0];
    const key = best ?? `quote:${root}`;
    if (!best) {
      // How the articles name the speaker, when it names someone ("her rep", "a police spokeswoman"), not a pronoun.
      const mentions = new Map<string, { n: number; as: string }>();
      for (const q of qs) {
        const m = q.speaker?.trim();
        if (!m || PRONOUN.test(m) || m.split(/\s+/).length > 6) continue;
        const k = m.toLowerCase();
        mentions.set(k, { n: (mentions.get(k)?.n ?? 0) + 1, as: mentions.get(k)?.as ?? m });
      }
      const who = [...mentions.values()].sort((x, y) => y.n - x.n || x.as.localeCompare(y.as))[0]?.as;
      const longest = [...qs].sort((x, y) => y.content.reduce((m, sp) => m + sp.end - sp.start, 0) - x.content.reduce((m, sp) => m + sp.end - sp.start, 0))[0]!;
      const opening = (text.get(longest.articleId) ?? '').slice(longest.content[0]!.start, longest.content[0]!.end).split(/\s+/).slice(0, 8).join(' ');
      unnamed.set(key, `the statement${who ? ` by ${who}` : ''} "${opening}…"`);
    }
    for (const q of qs) keys.set(q, key);
    for (const other of votes.keys()) {
      // One stray misattributed quote does not make two speakers one: the other speaker must carry the statement in two families.
      if (other !== key && new Set(qs.filter((q) => q.personId === other).map((q) => familyOf.get(q.articleId))).size < 2) continue;
      const a = findKey(key);
      const b = findKey(other);
      if (a === b) continue;
      // The speaker quoted most in the story names the merged source.
      const [keep, drop] = (quotesOf.get(a) ?? 0) >= (quotesOf.get(b) ?? 0) ? [a, b] : [b, a];
      alias.set(drop, keep);
    }
  }
  for (const [q, k] of keys) keys.set(q, findKey(k));
  return keys;
}

/** A surname-like token of a name (its longest word of four letters or more). */
function surname(name: string): string | undefined {
  const words = name.split(/[\s-]+/u).map((w) => normaliseName(w)).filter((w) => w.length >= 4);
  return words[words.length - 1];
}

/** "Agence France-Presse (wire)", "the Velmar Gazette's report". */
function outletLabel(name: string, kind: PrimarySourceKind): string {
  return kind === 'wire' ? `${name} (wire)` : `${name}'s report`;
}

interface Draft {
  id: string;
  kind: PrimarySourceKind;
  label: string;
  speaker?: { id: string; name: string };
  outlet?: string;
  families: string[];
  drawnOnBy: string[];
  evidence: SourceEvidence[];
}

/** Make the primary-sources analysis (see the module comment). Pure: the same story gives the same result. */
export function createPrimarySources(options: SourcesOptions = {}): SourcesStage {
  const rules: SourcesRules = { ...SOURCES_RULES, ...options.rules };
  const registry = options.registry ?? createOutletRegistry();
  return (story, context) => {
    const families = new Map<string, StoryArticle[]>();
    for (const a of story.articles) families.set(a.familyId, [...(families.get(a.familyId) ?? []), a]);
    const familyOf = new Map(story.articles.map((a) => [a.id, a.familyId] as const));
    const lead = (fam: readonly StoryArticle[]): StoryArticle => fam.find((a) => a.derivation === 'original') ?? fam[0]!;

    // Speakers whose words two families or more relay: by resolved speaker, and by the same quoted words.
    const byKey = new Map<string, SourceQuote[]>();
    const unnamed = new Map<string, string>();
    const keyed = speakerKeys(story, context.quotes, familyOf, rules.sharedQuoteWords, unnamed);
    const addTo = (key: string, q: SourceQuote): void => {
      const list = byKey.get(key);
      if (list) list.push(q);
      else byKey.set(key, [q]);
    };
    for (const [q, key] of keyed) addTo(key, q);
    const sharedKeys = new Set([...byKey.entries()].filter(([, qs]) => new Set(qs.map((q) => familyOf.get(q.articleId))).size >= 2).map(([k]) => k));
    // A quote credited only to a role ("her publicist confirmed") is that speaker's when exactly one shared speaker holds the role.
    const roleWords = new Map<string, Set<string>>();
    for (const k of sharedKeys) for (const r of context.roles?.get(k) ?? []) for (const w of words(r)) roleWords.set(w, new Set([...(roleWords.get(w) ?? []), k]));
    for (const q of context.quotes) {
      if (keyed.has(q) || !q.speaker) continue;
      const m = /^(?:her|his|its|their|the|a|an|\S+['’]s)\s+(?:.*\s)?(\p{L}+)$/iu.exec(q.speaker.trim());
      const holders = m ? roleWords.get(m[1]!.toLowerCase()) : undefined;
      if (holders?.size !== 1) continue;
      const key = [...holders][0]!;
      addTo(key, q);
    }
    const shared = [...byKey.entries()].filter(([k]) => sharedKeys.has(k));
    // Each shared speaker's quotes by article, gathered once (not filtered again for each family).
    const sharedByArticle = new Map<string, Map<string, SourceQuote[]>>();
    for (const [personId, qs] of shared) {
      const byArticle = new Map<string, SourceQuote[]>();
      for (const q of qs) {
        const list = byArticle.get(q.articleId);
        if (list) list.push(q);
        else byArticle.set(q.articleId, [q]);
      }
      sharedByArticle.set(personId, byArticle);
    }

    const drafts = new Map<string, Draft>();
    const draft = (id: string, init: () => Omit<Draft, 'id' | 'families' | 'drawnOnBy' | 'evidence'>): Draft => {
      let d = drafts.get(id);
      if (!d) {
        d = { id, ...init(), families: [], drawnOnBy: [], evidence: [] };
        drafts.set(id, d);
      }
      return d;
    };
    const speakerSource = (key: string): Draft => {
      const label = unnamed.get(key);
      if (label !== undefined) return draft(sourceId('statement', key), () => ({ kind: 'statement', label }));
      const name = context.people.get(key) ?? key;
      return draft(sourceId('statement', key), () => ({ kind: 'statement', label: `${name}'s statements`, speaker: { id: key, name } }));
    };
    const citedSource = (node: string): Draft => {
      const listed = registry.byName(node);
      const kind: PrimarySourceKind = listed && (listed.kind === 'agency' || listed.kind === 'state-media') ? 'wire' : 'outlet';
      const name = listed?.name ?? node;
      return draft(sourceId('outlet', listed?.key ?? normaliseName(node)), () => ({ kind, label: outletLabel(name, kind), outlet: name }));
    };

    // Citations by article: the cited node and each place.
    const citedBy = new Map<string, { to: string; span: Span; text: string; cue: string }[]>();
    const outletNodes = new Set(context.citations.nodes.filter((n) => n.kind === 'outlet').map((n) => n.id));
    for (const e of context.citations.edges) {
      for (const ev of e.evidence) citedBy.set(ev.articleId, [...(citedBy.get(ev.articleId) ?? []), { to: e.to, span: ev.span, text: ev.text, cue: ev.cue }]);
    }
    const nodeName = new Map(context.citations.nodes.map((n) => [n.id, n.name] as const));

    const bases: { familyId: string; site: string; restsOn: string; reason: string; drawsOn: Set<string> }[] = [];
    const articles = new Map(story.articles.map((a) => [a.id, asDedupInput(a)] as const));
    for (const [familyId, members] of families) {
      const head = lead(members);
      const drawsOn = new Set<string>();
      let restsOn: Draft | undefined;
      let reason = '';
      // 1. Speakers relayed, the largest share first.
      const leadEnd = head.sentences[Math.min(rules.leadSentences, head.sentences.length) - 1]?.end ?? 0;
      const cited = new Set(members.flatMap((a) => (citedBy.get(a.id) ?? []).map((c) => c.to)).filter((to) => !(outletNodes.has(to) && members.some((m) => m.site === to))));
      const relayed = shared
        .map(([personId]) => ({ personId, ...speakerShare(head, sharedByArticle.get(personId)!.get(head.id) ?? []) }))
        .filter((r) => r.share > 0)
        .sort((x, y) => y.share - x.share || x.personId.localeCompare(y.personId));
      const relayedTotal = relayed.reduce((n, r) => n + r.share, 0);
      for (const r of relayed) {
        const src = speakerSource(r.personId);
        const name = src.speaker?.name ?? 'the speaker';
        const inLead = r.sentences.find((x) => x.start < leadEnd);
        // A relay: mostly this speaker's words; or a lead that relays them, with this speaker most of what it takes from others and at most one other source cited.
        const mostly = r.share >= rules.restsOnShare;
        const leads = inLead !== undefined && r.share >= rules.leadShare && r.share >= relayedTotal - r.share && cited.size <= rules.maxCitedSources;
        if (r.share < rules.drawsOnShare && !(restsOn === undefined && (mostly || leads))) continue;
        const first = inLead ?? r.sentences[0];
        const share = `${pct(r.share)} of its words are in ${r.sentences.length} sentence(s) relaying ${name}, whom other families quote too`;
        const evidence: SourceEvidence = {
          familyId,
          articleId: head.id,
          reason: !mostly && leads ? `its lead relays ${name}, and ${share}; it cites ${cited.size === 0 ? 'no other source' : `${cited.size} other source`}` : share,
          ...(first ? { span: first, text: head.text.slice(first.start, first.end) } : {}),
        };
        src.evidence.push(evidence);
        if (!restsOn && (mostly || leads)) {
          restsOn = src;
          reason = evidence.reason;
        } else drawsOn.add(src.id);
      }
      // 2. A wire or outlet credited with the whole text.
      let creditSource: Draft | undefined;
      const credit = familyCredit({ originalId: head.id, members: members.map((a) => ({ articleId: a.id, derivation: a.derivation, reuse: 1, evidence: [] })) }, articles, registry, DEFAULT_PARAMS);
      if (credit) {
        const kind: PrimarySourceKind = credit.kind === 'agency' || credit.kind === 'state-media' ? 'wire' : 'outlet';
        const src = draft(sourceId('outlet', credit.key), () => ({ kind, label: outletLabel(credit.name, kind), outlet: credit.name }));
        creditSource = src;
        for (const ev of credit.evidence.slice(0, -1)) src.evidence.push({ familyId, articleId: credit.articleIds[0] ?? head.id, reason: ev });
        if (!restsOn) {
          restsOn = src;
          reason = `its text is credited to ${credit.name}`;
        } else drawsOn.add(src.id);
      }
      // A partial credit ("The Associated Press contributed to this report"): part of the text is drawn from it.
      for (const a of members) {
        for (const c of findCredits(articles.get(a.id)!, registry, DEFAULT_PARAMS)) {
          if (!c.partial || !c.outlet) continue;
          const kind: PrimarySourceKind = c.outlet.kind === 'agency' || c.outlet.kind === 'state-media' ? 'wire' : 'outlet';
          const src = draft(sourceId('outlet', c.outlet.key), () => ({ kind, label: outletLabel(c.outlet!.name, kind), outlet: c.outlet!.name }));
          src.evidence.push({ familyId, articleId: a.id, reason: `credits part of its text to ${c.outlet.name}: "${c.text}" (${c.rule})` });
          if (src !== restsOn) drawsOn.add(src.id);
        }
      }
      // 3. Sources cited: the lead's rests the family on it, any other is drawn on.
      for (const a of members) {
        for (const c of citedBy.get(a.id) ?? []) {
          if (outletNodes.has(c.to) && families.get(familyId)?.some((m) => m.site === c.to)) continue;
          const src = citedSource(nodeName.get(c.to) ?? c.to);
          // The clean stage's credit behind the family credit is already its evidence.
          if (src === creditSource && c.cue.startsWith('credit:')) continue;
          const inLead = a.id === head.id && c.span.end > 0 && c.span.start < leadEnd;
          src.evidence.push({ familyId, articleId: a.id, reason: `cites ${src.outlet ?? c.to} (${c.cue})${inLead ? ' in its lead' : ''}`, ...(c.span.end > c.span.start ? { span: c.span, text: c.text } : {}) });
          // "Her rep told People.com": the outlet only received the statement; the family rests on the statement it relays.
          const speaker = relayed.find((r) => r.share >= rules.drawsOnShare);
          if (!restsOn && inLead && speaker && /\btold\b|\b(?:to|with)\s+(?:the\s+)?\S+$/iu.test(c.text)) {
            restsOn = speakerSource(speaker.personId);
            reason = `its lead says the statement was given to ${src.outlet ?? c.to} ("${c.text}"), and ${pct(speaker.share)} of its words relay ${restsOn.speaker?.name ?? 'the speaker'}`;
            drawsOn.add(src.id);
            continue;
          }
          if (!restsOn && inLead) {
            restsOn = src;
            reason = `its lead credits ${src.outlet ?? c.to} ("${c.text}")`;
          } else if (src !== restsOn) drawsOn.add(src.id);
        }
      }
      // 4. Its own reporting.
      if (!restsOn) {
        restsOn = draft(sourceId('own', familyId), () => ({ kind: 'own-reporting', label: `${head.site}'s own reporting`, outlet: head.site }));
        reason = 'nothing shows it rests on a statement, a wire or another outlet that other families share';
      }
      drawsOn.delete(restsOn.id);
      restsOn.families.push(familyId);
      for (const id of drawsOn) drafts.get(id)!.drawnOnBy.push(familyId);
      bases.push({ familyId, site: head.site, restsOn: restsOn.id, reason, drawsOn });
    }

    // A statement the resting families credit to the speaker's own channel is a readout; to one outlet, a statement to it.
    for (const d of drafts.values()) {
      if (d.kind !== 'statement' || d.families.length === 0) continue;
      const last = d.speaker ? surname(d.speaker.name) : undefined;
      const who = d.speaker ? `${d.speaker.name}'s` : 'the';
      const channels = new Map<string, { n: number; official: boolean; told: boolean; evidence: SourceEvidence[] }>();
      for (const familyId of d.families) {
        const seen = new Set<string>();
        for (const a of families.get(familyId) ?? []) {
          for (const c of citedBy.get(a.id) ?? []) {
            const name = nodeName.get(c.to) ?? c.to;
            const listed = registry.byName(name);
            // The speaker's own channel: a name holding the speaker's own, or an office's, ministry's
            // or government's name; a listed outlet only when an office or government owns it (an
            // official website is listed too, a newspaper that shares a surname is not a channel).
            const owned = !listed || rules.officialWords.test(registry.record(listed.key)?.owner ?? '');
            const official = owned && ((last !== undefined && normaliseName(name).includes(last)) || rules.officialWords.test(name));
            const ch = channels.get(name) ?? { n: 0, official, told: false, evidence: [] };
            if (/^(?:told|to)\b/iu.test(c.text) || /\b(?:told|to)\s+(?:the\s+)?\S+$/iu.test(c.text)) ch.told = true;
            if (!seen.has(name)) ch.n++;
            seen.add(name);
            ch.evidence.push({ familyId, articleId: a.id, reason: `cites ${name} (${c.cue})`, ...(c.span.end > c.span.start ? { span: c.span, text: c.text } : {}) });
            channels.set(name, ch);
          }
        }
      }
      const ranked = [...channels.entries()].sort((x, y) => Number(y[1].official) - Number(x[1].official) || y[1].n - x[1].n || x[0].localeCompare(y[0]));
      const official = ranked.find(([, ch]) => ch.official);
      if (official) {
        d.kind = 'readout';
        d.outlet = official[0];
        d.label = `${who} remarks, as published by ${official[0]} (official readout)`;
        d.evidence.push(...official[1].evidence.map((e) => ({ ...e, reason: `${e.reason}: the speaker's own channel` })));
        continue;
      }
      // One outlet at least half the resting families cite: the statement was given to it ("told People") or first reported by it.
      const given = ranked.find(([, ch]) => ch.n >= 2 && ch.n * 2 >= d.families.length);
      if (given) {
        d.outlet = given[0];
        d.label = given[1].told ? `${d.label.replace(/statements?$/, 'statement')} to ${given[0]}` : `${d.label}, as reported by ${given[0]}`;
        d.evidence.push(...given[1].evidence);
        // A family whose lead credits that outlet and that relays the statement rests on the statement too.
        const channel = drafts.get(sourceId('outlet', registry.byName(given[0])?.key ?? normaliseName(given[0])));
        if (channel) {
          for (const f of [...channel.families]) {
            if (!d.drawnOnBy.includes(f)) continue;
            channel.families.splice(channel.families.indexOf(f), 1);
            d.drawnOnBy.splice(d.drawnOnBy.indexOf(f), 1);
            d.families.push(f);
            const b = bases.find((x) => x.familyId === f)!;
            b.restsOn = d.id;
            b.reason = `its lead credits ${given[0]}, which carried ${d.label.replace(/ to .*$| as reported by .*$/, '')}, and it relays the statement`;
            b.drawsOn.delete(d.id);
          }
        }
      }
    }

    // The channel a readout or statement was published by is that source, not another one.
    for (const d of [...drafts.values()]) {
      if ((d.kind !== 'readout' && d.kind !== 'statement') || d.outlet === undefined) continue;
      const channel = drafts.get(sourceId('outlet', registry.byName(d.outlet)?.key ?? normaliseName(d.outlet)));
      if (!channel || channel === d || channel.families.length > 0) continue;
      for (const f of channel.drawnOnBy) if (!d.families.includes(f) && !d.drawnOnBy.includes(f)) d.drawnOnBy.push(f);
      for (const b of bases) {
        if (b.drawsOn.delete(channel.id) && b.restsOn !== d.id) b.drawsOn.add(d.id);
      }
      drafts.delete(channel.id);
    }

    const used = [...drafts.values()].filter((d) => d.families.length > 0 || d.drawnOnBy.length > 0);
    used.sort((x, y) => y.families.length - x.families.length || y.drawnOnBy.length - x.drawnOnBy.length || x.label.localeCompare(y.label));
    const sources: PrimarySource[] = used.map((d) => ({
      id: d.id,
      kind: d.kind,
      label: d.label,
      ...(d.speaker ? { speaker: d.speaker } : {}),
      ...(d.outlet !== undefined ? { outlet: d.outlet } : {}),
      families: d.families,
      drawnOnBy: d.drawnOnBy,
      evidence: d.evidence,
    }));
    const familyBases: FamilyBasis[] = bases.map((b) => ({ familyId: b.familyId, site: b.site, restsOn: b.restsOn, reason: b.reason, drawsOn: [...b.drawsOn] }));
    const restsOnOf = new Map(bases.map((b) => [b.familyId, b.restsOn] as const));
    const resting = sources.filter((s) => s.families.length > 0);

    // Claims: a support quoting a shared speaker rests on that speaker's statement; any other on its family's source.
    const sharedQuotes = new Map<string, { key: string; q: SourceQuote }[]>();
    for (const [key, qs] of shared) {
      for (const q of qs) {
        const list = sharedQuotes.get(q.articleId);
        if (list) list.push({ key, q });
        else sharedQuotes.set(q.articleId, [{ key, q }]);
      }
    }
    const claims: ClaimBasis[] = (context.claims ?? []).map((c) => {
      const ids = new Set<string>();
      for (const s of c.supports) {
        const quoted = sharedQuotes.get(s.articleId)?.find(({ q }) => q.spans.some((sp) => overlaps(sp, s.span)));
        const viaSpeaker = quoted ? drafts.get(sourceId('statement', quoted.key)) : undefined;
        const id = viaSpeaker?.id ?? restsOnOf.get(s.familyId) ?? restsOnOf.get(familyOf.get(s.articleId) ?? '');
        if (id) ids.add(id);
      }
      const order = new Map(sources.map((s, i) => [s.id, i] as const));
      return { claimId: c.id, familyCount: new Set(c.supports.map((s) => s.familyId)).size, primarySources: [...ids].sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0)) };
    });
    // Sources a claim rests on through a quote are used even if no family rests on them.
    const n = families.size;
    const summary = `${n} independent source${n === 1 ? '' : 's'}, resting on ${resting.length} primary source${resting.length === 1 ? '' : 's'}: ${resting.map((s) => `${s.label} (${s.families.length})`).join('; ')}`;
    return { familyCount: n, count: resting.length, summary, sources, families: familyBases, claims };
  };
}
