/**
 * The place of a story's event, voted by its independent sources (families): datelines
 * ("CITY (Agency) -", "CITY, March 16 (Agency) -"), "held in CITY" / "a meeting in CITY" and
 * "in CITY" in the lead sentences, and the entity recogniser's places there. No gazetteer: a
 * place is a capitalised name in one of those positions.
 */
import { readFileSync } from 'node:fs';
import type { EventPlace, TimePlaceEvidence, Voted } from '../../../model/time.js';
import { createEntityResolver, nameKey, type EntityResolver } from '../entities/index.js';
import type { StoryArticle, StoryInput } from '../input.js';

interface Weight<T> {
  readonly value: T;
  readonly reason: string;
}

/** Cues and weights (see `rules.json`). */
export interface PlaceRules {
  readonly leadSentences: Weight<number>;
  readonly weights: { readonly reason: string; readonly values: Readonly<Record<'dateline' | 'event-in' | 'in-lead' | 'recognised-place', number>> };
  readonly firstSentenceBonus: Weight<number>;
  readonly eventWords: { readonly reason: string; readonly values: readonly string[] };
  readonly notPlaces: { readonly reason: string; readonly values: readonly string[] };
  readonly maxNameWords: Weight<number>;
  readonly eventWindow: Weight<number>;
  readonly holderNouns: { readonly reason: string; readonly values: readonly string[] };
  readonly joiners: { readonly reason: string; readonly values: readonly string[] };
  readonly notPlaceLines: { readonly reason: string; readonly values: readonly string[] };
  readonly demonyms: { readonly reason: string; readonly values: Readonly<Record<string, string>> };
  readonly demonymWeight: Weight<number>;
  readonly notPlaceKinds: { readonly reason: string; readonly values: readonly string[] };
  readonly containedIn: Weight<boolean>;
}

/** The shipped cues. */
export const PLACE_RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as PlaceRules;

export interface EventPlaceOptions {
  readonly rules?: PlaceRules;
  /** Entity resolver for recognised places and entity ids (defaults to `createEntityResolver()`). */
  readonly entities?: EntityResolver;
}

/** Places a story's event, or `undefined` when no article names a place. */
export type EventPlaceFinder = (story: StoryInput) => EventPlace | undefined;

/** One place cue in one article. */
export interface PlaceCue {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly rule: 'dateline' | 'event-in' | 'in-lead' | 'recognised-place' | 'demonym';
  readonly weight: number;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(rules: PlaceRules) {
  const joiners = rules.joiners.values.map(esc).join('|');
  const word = "\\p{Lu}[\\p{L}'’-]*";
  const name = `${word}(?:\\s+(?:(?:${joiners})\\s+)?${word}){0,${rules.maxNameWords.value - 1}}`;
  return {
    // At the start of one of the first lines: "CITY (Agency) -", "CITY, March 16 (Agency) -", "CITY, Calif. (Agency) -"; with no dash
    // only after an agency in capitals ("Washington (CNN) Democrats …"), not a name's aside ("Jane Roe (Acme) President …").
    dateline: new RegExp(`^[ \\t]*(\\p{Lu}[\\p{L} .'’-]{1,40}?)(?:,\\s*\\p{Lu}[\\p{L}.]*(?:\\s+\\d{1,2}(?:,\\s*\\d{4})?)?)?\\s*(?:\\([^)\\n]{1,40}\\)\\s*[-–—]|\\(\\p{Lu}{2,}[^)\\n]{0,30}\\)\\s*(?=\\p{Lu}))`, 'mu'),
    lines: rules.notPlaceLines.values.map((x) => new RegExp(x)),
    inName: new RegExp(`\\b(?:[Ii]n|[Aa]t)\\s+(${name})`, 'gu'),
    eventWords: new RegExp(`\\b(?:${rules.eventWords.values.map(esc).join('|')})\\b`, 'iu'),
    notPlaces: new Set(rules.notPlaces.values),
    holderNouns: new Set(rules.holderNouns.values),
  };
}

const titleCase = (s: string): string =>
  s
    .toLowerCase()
    .split(/(\s+|-)/u)
    .map((w) => (/^\p{L}/u.test(w) ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');

/** The place cues of one article, strongest first. */
export function placeCues(article: StoryArticle, rules: PlaceRules = PLACE_RULES, entities?: EntityResolver): PlaceCue[] {
  const p = compile(rules);
  const joiners = new Set(rules.joiners.values);
  const w = rules.weights.values;
  const out: PlaceCue[] = [];
  // A caption is judged by its whole paragraph (the credit often follows the caption's sentence).
  const isCaption = (sp: { start: number; end: number }): boolean => {
    const para = article.paragraphs.find((q) => q.start <= sp.start && sp.start < q.end) ?? sp;
    return p.lines.some((re) => re.test(article.text.slice(para.start, para.end)));
  };
  const lead = article.sentences.filter((s) => !isCaption(s)).slice(0, rules.leadSentences.value);
  // The dateline opens one of the first lines (an editor's note or a byline may come first).
  const dl = p.dateline.exec(article.text.slice(0, lead.at(-1)?.end ?? 0));
  if (dl) {
    const raw = dl[1]!.trim();
    const start = dl.index + dl[0].indexOf(raw);
    out.push({ name: raw === raw.toUpperCase() ? titleCase(raw) : raw, start, end: start + raw.length, rule: 'dateline', weight: w.dateline });
  }
  lead.forEach((s, i) => {
    const sentence = article.text.slice(s.start, s.end);
    p.inName.lastIndex = 0;
    for (let m = p.inName.exec(sentence); m; m = p.inName.exec(sentence)) {
      let name = m[1]!.replace(/['’]s$/u, '');
      // Stop at a word that is not a place word ("in Tehran On Monday" cannot happen, "in Port Selm Monday" can).
      const words = name.split(/\s+/u);
      const cut = words.findIndex((x) => p.notPlaces.has(x));
      if (cut === 0) continue;
      const kept = cut > 0 ? words.slice(0, cut) : words;
      while (kept.length > 1 && joiners.has(kept.at(-1)!)) kept.pop();
      name = kept.join(' ');
      const start = s.start + m.index + m[0].length - m[1]!.length;
      // The event word must stand in the few words before "in" ("held in", "signed an accord in").
      const before = sentence.slice(0, m.index).split(/\s+/u).slice(-(rules.eventWindow.value + 1)).join(' ');
      const previous = before.split(/\s+/u).at(-2)?.toLowerCase().replace(/[^\p{L}]/gu, '') ?? '';
      if (p.holderNouns.has(previous)) continue;
      const isEvent = p.eventWords.test(before);
      const bonus = i === 0 ? rules.firstSentenceBonus.value : 1;
      out.push({ name, start, end: start + name.length, rule: isEvent ? 'event-in' : 'in-lead', weight: (isEvent ? w['event-in'] : w['in-lead']) * bonus });
    }
  });
  // "in A in B": A is inside B, so A's cue is B's.
  if (rules.containedIn.value) {
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      if (c.rule === 'dateline') continue;
      const next = out.find((d) => d !== c && d.rule !== 'dateline' && /^\s+in\s+$/u.test(article.text.slice(c.end, d.start)));
      if (next) out[i] = { ...c, name: next.name, start: next.start, end: next.end };
    }
  }
  const demonymOf = (name: string): string | undefined => rules.demonyms.values[name.split(/\s+/u)[0]!];
  let mentions: readonly { readonly kind: string; readonly span: { readonly start: number; readonly end: number }; readonly name?: string; readonly text: string }[] = [];
  if (entities && lead.length > 0) {
    const end = lead.at(-1)!.end;
    mentions = entities([{ id: article.id, text: article.text.slice(0, end) }]).mentions.get(article.id) ?? [];
  }
  // Persons, organisations and demonyms are never a place.
  const notPlace = new Set(rules.notPlaceKinds.values);
  const demonymCues: PlaceCue[] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.rule === 'dateline') continue;
    const country = demonymOf(c.name);
    if (country !== undefined) {
      out.splice(i, 1);
      demonymCues.push({ name: country, start: c.start, end: c.end, rule: 'demonym', weight: rules.demonymWeight.value });
    } else if (mentions.some((m) => notPlace.has(m.kind) && m.span.start <= c.start && c.start < m.span.end)) out.splice(i, 1);
  }
  for (const m of mentions) {
    if (m.kind !== 'place' || out.some((c) => c.start <= m.span.start && m.span.start < c.end)) continue;
    if (lead.every((s) => m.span.start < s.start || m.span.start >= s.end)) continue;
    const name = m.name ?? m.text;
    const country = demonymOf(name);
    if (country !== undefined) demonymCues.push({ name: country, start: m.span.start, end: m.span.end, rule: 'demonym', weight: rules.demonymWeight.value });
    else out.push({ name, start: m.span.start, end: m.span.end, rule: 'recognised-place', weight: w['recognised-place'] });
  }
  // A demonym votes for its country only when the article names no place.
  if (out.length === 0) out.push(...demonymCues);
  return out.sort((a, b) => b.weight - a.weight || a.start - b.start);
}

const keyOf = (name: string): string => name.split(/\s+/u).map(nameKey).join(' ');

/**
 * Make the event placer. Each family casts one vote: the place its articles' cues weigh most
 * (datelines, then "held in / a meeting in PLACE", then "in PLACE" in the lead sentences, then
 * places the entity recogniser finds there). The place with most votes wins (ties: the larger
 * summed weight, then the name); each family behind it gives one evidence span. `entityId` is the
 * resolved place entity whose name or form matches, when the resolver knows it.
 */
export function createEventPlace(options: EventPlaceOptions = {}): EventPlaceFinder {
  const rules = options.rules ?? PLACE_RULES;
  const entities = options.entities ?? createEntityResolver();
  return (story) => {
    const byFamily = new Map<string, { article: StoryArticle; cue: PlaceCue }[]>();
    for (const article of story.articles) {
      for (const cue of placeCues(article, rules, entities)) {
        byFamily.set(article.familyId, [...(byFamily.get(article.familyId) ?? []), { article, cue }]);
      }
    }
    const names = new Map<string, string>();
    const tally = new Map<string, { votes: number; weight: number; evidence: TimePlaceEvidence[] }>();
    for (const [, cues] of byFamily) {
      const score = new Map<string, number>();
      for (const { cue } of cues) {
        const k = keyOf(cue.name);
        if (!names.has(k)) names.set(k, cue.name);
        score.set(k, (score.get(k) ?? 0) + cue.weight);
      }
      const [key, weight] = [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      const best = cues.filter((c) => keyOf(c.cue.name) === key).sort((a, b) => b.cue.weight - a.cue.weight)[0]!;
      const t = tally.get(key) ?? { votes: 0, weight: 0, evidence: [] };
      t.votes++;
      t.weight += weight;
      t.evidence.push({
        articleId: best.article.id,
        familyId: best.article.familyId,
        span: { start: best.cue.start, end: best.cue.end },
        text: best.article.text.slice(best.cue.start, best.cue.end),
        value: names.get(key)!,
      });
      tally.set(key, t);
    }
    const ranked = [...tally].sort((a, b) => b[1].votes - a[1].votes || b[1].weight - a[1].weight || a[0].localeCompare(b[0]));
    if (ranked.length === 0) return undefined;
    const voted = ranked.map(([key, t]): Voted => ({ value: names.get(key)!, votes: t.votes, evidence: t.evidence }));
    const winner = voted[0]!;
    const resolution = entities(story.articles.map((a) => ({ id: a.id, text: a.text })));
    const wk = keyOf(winner.value);
    const entity = resolution.entities.find((e) => e.kind === 'place' && [e.name, ...e.forms].some((f) => keyOf(f) === wk));
    return { ...winner, ...(entity ? { entityId: entity.id } : {}), alternatives: voted.slice(1) };
  };
}
