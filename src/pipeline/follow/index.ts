/**
 * Follow: which feed entries a changed story makes for what readers follow. A pure function from
 * the follows and the changed stories (their members, and their stored reports when analysed) to
 * candidate entries; the store keeps each follow's seen keys, so a candidate already reported to
 * its follow is dropped there (`Store.addFeedEntries`), and the same function gives the keys a new
 * follow has seen from the start (`followItems`).
 *
 * What each follow is told about (rules in `rules.json`, each with its reason):
 * - a story: every article that joins it, and every conflict (a number, date or name its sources
 *   give differently) that appears in it;
 * - a person: every statement (quote) by them and every claim naming them, with its conflicts;
 * - an outlet: every article from it, every claim it alone carries, every conflict it is party to;
 * - a term: every article whose title, claim or quote whose text holds all its words, with the
 *   claims' conflicts.
 */
import { createHash } from 'node:crypto';
import type { StoryReport } from '../../model/report.js';
import type { Claim, Conflict } from '../../model/claim.js';
import type { FeedEntry, FeedEntryKind, Follow, FollowKind } from '../../store/follows.js';
import { readFileSync } from 'node:fs';

interface Rule {
  readonly value: number;
  readonly reason: string;
}
/** Follow's limits (`rules.json`, each with its reason). */
export const FOLLOW_RULES = JSON.parse(readFileSync(new URL('./rules.json', import.meta.url), 'utf8')) as Readonly<Record<'maxTextChars' | 'personFormMinWords' | 'webhookTimeoutMs' | 'webhookMaxEntries', Rule>>;
const rules = FOLLOW_RULES;

/** A follow with the story it now names (a story follow's story may have merged into another). */
export interface ResolvedFollow extends Follow {
  /** For a story follow: the story holding it now (undefined when it is gone). */
  readonly storyId?: string;
}

/** A member article of a changed story. */
export interface ChangedArticle {
  readonly id: string;
  readonly title?: string;
  readonly site?: string;
  readonly url?: string;
}

/** A story that changed in a run: its members, and its current stored report if it has one. */
export interface ChangedStory {
  readonly storyId: string;
  readonly title: string;
  readonly articles: readonly ChangedArticle[];
  readonly report?: StoryReport;
}

/** An item a follow is told about, before it becomes an entry. */
export interface FollowItem {
  readonly key: string;
  readonly kind: FeedEntryKind;
  readonly title: string;
  readonly text: string;
  readonly articleId?: string;
  readonly claimId?: string;
  readonly url?: string;
  readonly site?: string;
}

const MAX_TEXT = rules.maxTextChars.value;

/** Case, accents and punctuation folded away; words separated by one space, with a space at each end. */
export function foldWords(s: string): string {
  const words = s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return ` ${words.join(' ')} `;
}

/** Whether `text` holds every word of `words` (whole words, folded). */
export function holdsAllWords(text: string, words: string): boolean {
  const folded = foldWords(text);
  const wanted = foldWords(words).trim().split(' ').filter((w) => w.length > 0);
  return wanted.length > 0 && wanted.every((w) => folded.includes(` ${w} `));
}

/** Whether `text` holds `name` as a run of whole words (folded). */
function holdsName(text: string, name: string): boolean {
  const n = foldWords(name);
  return n.trim().length > 0 && foldWords(text).includes(n);
}

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);
const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** The conflict's values as a line: "212 km (2) / 220 km (1)". */
function conflictLine(c: Conflict): string {
  return c.values.map((v) => `${v.value} (${v.articleIds.length})`).join(' / ');
}

function articleItem(a: ChangedArticle, story: ChangedStory, why: string): FollowItem {
  const title = a.title ?? a.id;
  return {
    key: `article:${a.id}`,
    kind: 'article',
    title: clip(`${why}: ${title}`),
    text: clip(`${title}${a.site !== undefined ? ` (${a.site})` : ''} in “${story.title}”`),
    articleId: a.id,
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.site !== undefined ? { site: a.site } : {}),
  };
}

function claimItem(c: Claim, why: string): FollowItem {
  const first = c.supports[0];
  return {
    key: `claim:${hash(foldWords(c.text))}`,
    kind: 'claim',
    title: clip(`${why}: ${c.text}`),
    text: clip(c.text),
    claimId: c.id,
    ...(first !== undefined ? { articleId: first.articleId, site: first.site } : {}),
  };
}

function conflictItems(c: Claim, why: string): FollowItem[] {
  return c.conflicts.map((x) => {
    const values = x.values.map((v) => v.value).sort();
    return {
      key: `conflict:${hash(`${foldWords(c.text)}|${x.kind}|${values.join('|')}`)}`,
      kind: 'conflict' as const,
      title: clip(`${why}: sources give the ${x.kind} differently: ${conflictLine(x)}`),
      text: clip(c.text),
      claimId: c.id,
    };
  });
}

/** The story's statements as quote items, with the speaker's name and forms. */
function statements(report: StoryReport): { readonly key: string; readonly speaker: string | null; readonly forms: readonly string[]; readonly text: string; readonly articleId: string; readonly site: string }[] {
  const people = new Map(report.people.map((p) => [p.id, p] as const));
  const out = [];
  for (const st of report.statements) {
    const anchor = st.renderings.find((r) => r.anchor) ?? st.renderings[0];
    if (anchor === undefined) continue;
    const person = st.personId === null ? undefined : people.get(st.personId);
    const forms = person !== undefined ? [person.name, ...person.forms] : st.speaker !== null ? [st.speaker] : [];
    out.push({ key: `quote:${hash(`${foldWords(st.speaker ?? '')}|${foldWords(anchor.text)}`)}`, speaker: st.speaker ?? person?.name ?? null, forms, text: anchor.text, articleId: anchor.articleId, site: anchor.site });
  }
  return out;
}

function quoteItem(s: ReturnType<typeof statements>[number], why: string): FollowItem {
  return { key: s.key, kind: 'quote', title: clip(`${why}: ${s.speaker ?? 'unnamed speaker'}: “${s.text}”`), text: clip(s.text), articleId: s.articleId, site: s.site };
}

/** Whether a person follow's name is one of a speaker's name forms (or part of one: "Halvorsen" for "Ida Halvorsen"). */
function speakerMatches(forms: readonly string[], name: string): boolean {
  return forms.some((f) => holdsName(f, name) || holdsName(name, f));
}

/** Every item `follow` is told about in `story` (keys unique; in a stable order). */
export function followItems(follow: ResolvedFollow, story: ChangedStory): FollowItem[] {
  const items: FollowItem[] = [];
  const report = story.report;
  const label = kindLabel(follow.kind, follow.target);
  switch (follow.kind) {
    case 'story': {
      if (follow.storyId !== story.storyId) break;
      const named = `“${story.title}”`;
      for (const a of story.articles) items.push(articleItem(a, story, `New article in ${named}`));
      for (const c of report?.claims ?? []) items.push(...conflictItems(c, `New conflict in ${named}`));
      break;
    }
    case 'person': {
      if (report === undefined) break;
      const forms = new Set<string>([follow.target]);
      for (const s of statements(report)) {
        if (s.forms.length > 0 && speakerMatches(s.forms, follow.target)) {
          items.push(quoteItem(s, `New quote by ${follow.target}`));
          for (const f of s.forms) if (foldWords(f).trim().split(' ').length >= rules.personFormMinWords.value) forms.add(f);
        }
      }
      for (const c of report.claims) {
        if (![...forms].some((f) => holdsName(c.text, f))) continue;
        items.push(claimItem(c, `New claim naming ${follow.target}`));
        items.push(...conflictItems(c, `New conflict on ${follow.target}`));
      }
      break;
    }
    case 'outlet': {
      if (report === undefined) break;
      const mine = new Set(report.articles.filter((a) => a.outletKey === follow.target).map((a) => a.id));
      if (mine.size === 0) break;
      const byId = new Map(story.articles.map((a) => [a.id, a] as const));
      for (const a of report.articles) if (mine.has(a.id)) items.push(articleItem(byId.get(a.id) ?? { id: a.id, title: a.title, site: a.site, ...(a.url !== undefined ? { url: a.url } : {}) }, story, `New article from ${label}`));
      for (const c of report.claims) {
        if (c.singleSource && c.supports.length > 0 && c.supports.every((s) => mine.has(s.articleId))) items.push(claimItem(c, `Claim only ${label} carries`));
        const party = c.conflicts.filter((x) => x.values.some((v) => v.articleIds.some((id) => mine.has(id))));
        if (party.length > 0) items.push(...conflictItems({ ...c, conflicts: party }, `Conflict ${label} is party to`));
      }
      break;
    }
    case 'term': {
      for (const a of story.articles) if (a.title !== undefined && holdsAllWords(a.title, follow.target)) items.push(articleItem(a, story, `New article on ${label}`));
      if (report === undefined) break;
      for (const c of report.claims) {
        if (!holdsAllWords(c.text, follow.target)) continue;
        items.push(claimItem(c, `New claim on ${label}`));
        items.push(...conflictItems(c, `New conflict on ${label}`));
      }
      for (const s of statements(report)) if (holdsAllWords(s.text, follow.target)) items.push(quoteItem(s, `New quote on ${label}`));
      break;
    }
  }
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.key) && (seen.add(i.key), true));
}

/** How a follow is named in entries: `story “Title”`, `outlet KEY`, `“words”`. */
export function kindLabel(kind: FollowKind, target: string): string {
  return kind === 'term' ? `“${target}”` : kind === 'person' ? target : `${kind} ${target}`;
}

/** A feed entry's id: from its follow and key, so the same item is one entry. */
export function entryId(followId: string, key: string): string {
  return `fde_${hash(`${followId}\n${key}`)}`;
}

/**
 * The candidate entries for `follows` from the `changed` stories: every item of every follow in
 * every changed story, made at `now`. The store keeps only those the follow has not seen.
 */
export function feedEntries(follows: readonly ResolvedFollow[], changed: readonly ChangedStory[], now: string): FeedEntry[] {
  const out: FeedEntry[] = [];
  for (const follow of follows) {
    for (const story of changed) {
      for (const item of followItems(follow, story)) {
        out.push({ id: entryId(follow.id, item.key), followId: follow.id, storyId: story.storyId, ...item, createdAt: now });
      }
    }
  }
  return out;
}
