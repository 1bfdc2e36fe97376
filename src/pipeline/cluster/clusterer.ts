/**
 * The story clusterer: a similarity graph of articles, grouped by average linkage.
 *
 * Each article arriving is compared with earlier articles found through an inverted index of
 * their most telling terms; per-channel cosines (word stems, names, numbers) with TF-IDF weights
 * from the stream's document frequencies are combined and weighed by the time between the two
 * articles (time is evidence: a gap of a few days costs nothing, a gap of weeks costs more, and
 * articles more than `windowDays` apart are never linked; undated articles are judged on content
 * alone) and, below `weekdayStrongLink`, by the days of the week their leads name when one is
 * undated (days more than one apart most often mean two events of one kind); two articles giving
 * figures and sharing none keep `numberConflictWeight` of their link (for two long articles, only
 * when their leads' figures differ too). Links
 * at or above `edgeThreshold` are kept. `add()` places the article provisionally with its closest
 * linked article; `consolidate()` then regroups every connected part of the graph
 * the batch touched by average-linkage agglomeration (two groups merge while their articles are on
 * average at least `linkThreshold` similar; missing links count as 0), with link weights
 * recomputed under the current document frequencies. Because a part of the graph is regrouped as
 * a whole, the stories do not depend on the order in which articles arrived, on how they were
 * batched, or on unrelated articles, beyond the small drift of the term weights. Regrouped stories
 * keep the id of the earlier story that holds most of their articles; stories absorbed or cut
 * apart are logged (`merge-close-stories`, `split-story`) with the similarity and the threshold.
 * All state is plain data that snapshots to JSON.
 */
import { createHash } from 'node:crypto';
import { createError } from '../../errors.js';
import type { Message } from '../../model/message.js';
import { articleFeatures, NAME_PREFIX, NUMBER_PREFIX, openingWords, type Vector } from './features.js';
import { capitalisesNouns, knownLanguage, NEUTRAL_NAME, neutralFeatures } from './neutral.js';
import type { ClusterSettings } from './settings.js';

/** One article handed to the clusterer (filled from an `Article`: title, text, publishedResolved.value, language.code). */
export interface ClusterInput {
  readonly id: string;
  readonly title?: string;
  readonly text: string;
  /** ISO 8601 date or datetime; articles without one are judged on their content alone. */
  readonly published?: string;
  /**
   * Language code (from the text stage). Two articles in different known languages are also
   * compared by what needs no translation (names, numbers, dates, times, addresses), and their
   * stories join by that evidence alone when the stories share no language.
   */
  readonly language?: string;
}

/** Why an article is in a story: its strongest link inside the story and what the two share. */
export interface StoryMember {
  readonly articleId: string;
  /** Similarity (0..1) of its closest article in the story; 1 for an article alone in its story. */
  readonly score: number;
  /** Names and words shared with that closest article, most telling first (empty when alone). */
  readonly sharedTerms: readonly string[];
}

/** Where one article was placed when added (provisional until the next `consolidate()`). */
export interface Assignment extends StoryMember {
  readonly storyId: string;
  readonly action: 'joined' | 'created';
  /** Always empty: stories are merged and split by `consolidate()`, which returns its messages. */
  readonly messages: readonly Message[];
}

/** One entry of a story's log: how it started, what was merged into it, what was split off it. */
export interface StoryEvent {
  /** `create-story`; `merge-close-stories` when another story was merged in; `split-story` when articles left it for another story (logged on both). */
  readonly rule: string;
  /** Why, in words, with the similarity and threshold. */
  readonly reason: string;
  /** The article whose arrival caused it (creation). */
  readonly at?: string;
  /** The other story: the one merged in, the one split off, or (on a split-off story) the one it came from. */
  readonly story?: string;
}

/** A story as the clusterer sees it now. */
export interface StoryView {
  /** `sty_` + 16 hex digits derived from the id of an article of the story. */
  readonly id: string;
  /** The headline of its earliest-added article with one. */
  readonly title?: string;
  /** In the order the articles were added. */
  readonly members: readonly StoryMember[];
  /** Earliest and latest publication dates of its dated articles (ISO, as given). */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** What happened to the story, oldest first: its creation (kept) and at most `maxStoryEvents` entries in all. */
  readonly events: readonly StoryEvent[];
}

/** One article in a {@link ClusterState}: its compact vector and its links. */
export interface ArticleState {
  readonly id: string;
  /** Its `vectorTerms` most telling terms (stems, `n:` names, `#` numbers), tab-joined, and their L2-normalised tf in their channel. */
  readonly keys: string;
  readonly values: readonly number[];
  readonly title?: string;
  readonly published?: string;
  /** Days of the week its headline and lead name (bits, Monday = bit 0); absent when none (and in states saved before days were read). */
  readonly weekdays?: number;
  /** Numbers its headline and lead give; absent when none (and in states saved before they were read). */
  readonly leadNumbers?: readonly string[];
  /** Words and numbers read from its body; absent in states saved before lengths were kept (read as short). */
  readonly length?: number;
  /** Its language code when known. */
  readonly language?: string;
  /** Its `neutralTerms` most telling language-neutral terms (`x:` names, numbers, dates, times, addresses), tab-joined, and their L2-normalised tf. */
  readonly neutral: string;
  readonly neutralValues: readonly number[];
  /** Sequence numbers of the earlier articles in other languages it is linked to by language-neutral evidence. */
  readonly crossLinks: readonly number[];
  /** Its lookup terms (the index is rebuilt from them). */
  readonly lookup: readonly string[];
  /** Sequence numbers of the earlier articles it is linked to. */
  readonly links: readonly number[];
  readonly story: string;
  readonly score: number;
  readonly sharedTerms: readonly string[];
}

/** One story in a {@link ClusterState}. */
export interface StoryState {
  readonly id: string;
  /** Member article sequence numbers, in the order added. */
  readonly members: readonly number[];
  readonly events: readonly StoryEvent[];
}

/**
 * Everything the clusterer knows, as JSON-safe data: restoring it with `createClusterer(options,
 * state)` continues the stream exactly as if it had never stopped.
 */
export interface ClusterState {
  readonly version: 3;
  /** Number of articles seen. */
  readonly documents: number;
  /** Document frequency of every word stem, name and number. */
  readonly df: readonly (readonly [string, number])[];
  /** Articles in the order added (their sequence numbers are their positions). */
  readonly articles: readonly ArticleState[];
  /** Live stories. */
  readonly stories: readonly StoryState[];
  /** Story ids merged away → the story they went into. */
  readonly merged: readonly (readonly [string, string])[];
  /** Articles added since the last `consolidate()`, by sequence number. */
  readonly touched: readonly number[];
}

/** A clusterer. Not safe for concurrent use; one per stream. */
export interface Clusterer {
  /** Add one article: link it to similar earlier articles and place it provisionally. Re-adding a known id returns its current assignment. */
  add(article: ClusterInput): Assignment;
  /**
   * Regroup every connected part of the graph that articles added since the last call touched
   * (average linkage at `linkThreshold`), keep story ids where most articles stay, and return one
   * `info` message per story merged away (`merge-close-stories`) and per story cut apart (`split-story`).
   */
  consolidate(): Message[];
  /** The story an article is in now, or undefined for an unknown article. */
  storyOf(articleId: string): string | undefined;
  /** Live stories, in the order of their earliest article. */
  stories(): StoryView[];
  /** The whole state, as JSON-safe data. */
  snapshot(): ClusterState;
}

const WORDS = 0;
const NAMES = 1;
const NUMBERS = 2;
const CHANNELS = [WORDS, NAMES, NUMBERS] as const;
const DAY_MS = 86_400_000;
/** Terms found in more than this share of documents are not used to look up candidates (once the stream is this long). */
const LOOKUP_MAX_SHARE = 0.05;
const LOOKUP_MIN_DOCUMENTS = 2000;
/** Only the latest this many articles indexed under one term are looked up through it: a term that common narrows little. */
const POSTING_SCAN = 400;

/** An article in memory. */
interface Node {
  readonly seq: number;
  readonly id: string;
  readonly keys: readonly string[];
  /** Its keys' positions in code-unit order of the keys, and each key's channel (computed once, on first comparison). */
  shape?: { readonly order: Int32Array; readonly channel: Uint8Array };
  readonly values: readonly number[];
  readonly title: string | undefined;
  readonly published: string | undefined;
  readonly day: number;
  /** Days of the week its headline and lead name (bits, Monday = bit 0). */
  readonly weekdays: number;
  /** Numbers its headline and lead give (`#…`). */
  readonly leadNumbers: readonly string[];
  /** Words and numbers read from its body: from `longArticleTokens` on, its figures beyond the lead are mostly background. */
  readonly length: number;
  readonly lookup: readonly string[];
  /** Known language code, or undefined. */
  readonly language: string | undefined;
  /** Language-neutral terms and their normalised tf. */
  readonly nkeys: readonly string[];
  readonly nvalues: readonly number[];
  /** Linked articles (both directions). */
  readonly links: Set<number>;
  /** Earlier articles it linked to when added (what the snapshot keeps). */
  readonly out: number[];
  /** Articles in other languages linked by language-neutral evidence (both directions). */
  readonly xlinks: Set<number>;
  /** Earlier such articles it linked to when added. */
  readonly xout: number[];
  story: string;
  score: number;
  sharedTerms: readonly string[];
  /** Surface forms of its terms, while it is in memory since its arrival (evidence). */
  surface: Map<string, string> | undefined;
}

/** Neutral names looked up for articles in other languages: at most this many per article. */
const CROSS_LOOKUP = 16;

interface Story {
  readonly id: string;
  members: number[];
  events: StoryEvent[];
}

/** A node's vector weighted by the current IDF, per channel, normalised: ready for dot products. */
interface Prepared {
  /** Weight of each of the node's keys (in `keys` order), 0 in a channel the node has nothing in. */
  readonly w: Float64Array;
  readonly present: readonly [boolean, boolean, boolean];
}

/** A node's keys in code-unit order and their channels: two nodes' shared terms are found by merging. */
function shapeOf(n: Node): { readonly order: Int32Array; readonly channel: Uint8Array } {
  if (n.shape) return n.shape;
  const keys = n.keys;
  const order = Int32Array.from(keys.keys()).sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : 0));
  const channel = Uint8Array.from(keys, channelOf);
  n.shape = { order, channel };
  return n.shape;
}

function storyIdFor(articleId: string): string {
  return `sty_${createHash('sha1').update(articleId).digest('hex').slice(0, 16)}`;
}

function toDay(iso: string | undefined): number {
  if (iso === undefined) return Number.NaN;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NaN : t / DAY_MS;
}

function channelOf(term: string): 0 | 1 | 2 {
  if (term.startsWith(NAME_PREFIX)) return NAMES;
  return term.startsWith(NUMBER_PREFIX) ? NUMBERS : WORDS;
}

/** Heap order of candidate merges: the higher mean first; ties to the smaller sequence numbers. */
function higher(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! > b[0]! || (a[0] === b[0] && (a[1]! < b[1]! || (a[1] === b[1] && a[2]! < b[2]!)));
}

/** A readable form of a feature when no surface form is at hand: names lower-cased, numbers bare. */
function surfaceOf(t: string): string {
  if (t.startsWith(NAME_PREFIX)) return t.slice(NAME_PREFIX.length);
  return t.startsWith(NUMBER_PREFIX) ? t.slice(NUMBER_PREFIX.length) : t;
}

/** Create a clusterer from resolved settings and, optionally, a saved state. */
export function buildClusterer(settings: ClusterSettings, state?: ClusterState): Clusterer {
  const df = new Map<string, number>();
  let documents = 0;
  let logDocs = 0;
  const nodes: Node[] = [];
  const bySeqId = new Map<string, number>();
  const stories = new Map<string, Story>();
  const mergedInto = new Map<string, string>();
  const postings = new Map<string, number[]>();
  /** Articles by their neutral names, for finding articles in other languages. */
  const crossPostings = new Map<string, number[]>();
  /** The language each neutral term was first seen in, or `*` once seen in two languages. */
  const termLanguage = new Map<string, string>();
  /** The first article with each vector (a hash of its terms and weights): where a verbatim copy links. */
  const firstWithVector = new Map<string, number>();
  const touched = new Set<number>();
  const weight: [number, number, number] = [1 - settings.nameWeight - settings.numberWeight, settings.nameWeight, settings.numberWeight];
  /** Prepared vectors under the IDF of `preparedAt` documents. */
  let prepared = new Map<number, Prepared>();
  let preparedAt = -1;
  let preparedCross = new Map<number, Map<string, number>>();
  let preparedCrossAt = -1;

  const idf = (term: string): number => logDocs - Math.log((df.get(term) ?? 0) + 1) + 1;

  function setDocuments(n: number): void {
    documents = n;
    logDocs = Math.log(n + 1);
  }

  function prepare(n: Node): Prepared {
    if (preparedAt !== documents) {
      prepared = new Map();
      preparedAt = documents;
    }
    const hit = prepared.get(n.seq);
    if (hit) return hit;
    const { channel } = shapeOf(n);
    const sums = [0, 0, 0];
    const w = new Float64Array(n.keys.length);
    for (let i = 0; i < n.keys.length; i++) {
      const y = n.values[i]! * idf(n.keys[i]!);
      sums[channel[i]!]! += y * y;
      w[i] = y;
    }
    const norms = sums.map(Math.sqrt);
    for (let i = 0; i < w.length; i++) {
      const norm = norms[channel[i]!]!;
      w[i] = norm > 0 ? w[i]! / norm : 0;
    }
    const p: Prepared = { w, present: [norms[0]! > 0, norms[1]! > 0, norms[2]! > 0] };
    prepared.set(n.seq, p);
    return p;
  }

  /**
   * Time weight of a link: 1 within `graceDays`; past them the part above `longGapWeight` halves
   * every `halfLifeDays`; 0 past `windowDays`; 1 when either article is undated.
   */
  function timeFactor(a: number, b: number): number {
    if (Number.isNaN(a) || Number.isNaN(b)) return settings.undatedWeight;
    const gap = Math.abs(a - b);
    if (gap > settings.windowDays) return 0;
    if (gap <= settings.graceDays) return 1;
    const floor = settings.longGapWeight;
    return floor + (1 - floor) * Math.pow(0.5, (gap - settings.graceDays) / settings.halfLifeDays);
  }

  /**
   * True when at least one of two articles is undated and both leads name days of the week, none
   * within a day of the other's. Two dated articles are placed in time by their dates: a follow-up
   * days later names its own day (an arrest on Thursday after a fire on Monday) and stays.
   */
  function daysApart(a: Node, b: Node): boolean {
    if (a.weekdays === 0 || b.weekdays === 0) return false;
    if (!Number.isNaN(a.day) && !Number.isNaN(b.day)) return false;
    const w = b.weekdays;
    const near = (w | (w << 1) | (w >> 1) | ((w & 1) << 6) | (w >> 6)) & 127;
    return (a.weekdays & near) === 0;
  }

  /** True when both headlines and leads give figures and share none. */
  function leadFiguresApart(a: Node, b: Node): boolean {
    return a.leadNumbers.length > 0 && b.leadNumbers.length > 0 && !a.leadNumbers.some((x) => b.leadNumbers.includes(x));
  }

  /** Combined similarity of two articles, time-weighted; `contrib` collects each shared term's share. */
  function similarity(a: Node, b: Node, contrib?: Map<string, number>): number {
    const t = timeFactor(a.day, b.day);
    if (t === 0) return 0;
    const pa = prepare(a);
    const pb = prepare(b);
    const dot = [0, 0, 0];
    // The terms both hold, by merging their keys in code-unit order.
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    for (let i = 0, j = 0; i < sa.order.length && j < sb.order.length; ) {
      const x = sa.order[i]!;
      const y = sb.order[j]!;
      const ka = a.keys[x]!;
      const kb = b.keys[y]!;
      if (ka < kb) i++;
      else if (ka > kb) j++;
      else {
        const ch = sa.channel[x]!;
        const v = pa.w[x]! * pb.w[y]!;
        if (v !== 0) {
          dot[ch]! += v;
          if (contrib) contrib.set(ka, v * weight[ch]!);
        }
        i++;
        j++;
      }
    }
    let total = 0;
    let score = 0;
    for (const ch of CHANNELS) {
      if (!pa.present[ch] || !pb.present[ch]) continue;
      total += weight[ch]!;
      score += weight[ch]! * dot[ch]!;
    }
    // Two articles that both give figures and share none most often report two events of one kind;
    // two long articles only when their headlines and leads do so too (deeper figures are background).
    const noSharedFigures = pa.present[NUMBERS] && pb.present[NUMBERS] && dot[NUMBERS] === 0 && (Math.min(a.length, b.length) < settings.longArticleTokens || leadFiguresApart(a, b));
    const conflict = noSharedFigures ? settings.numberConflictWeight : 1;
    if (total === 0) return 0;
    const content = (score / total) * conflict;
    // Leads naming days apart weigh against a link unless the articles are plainly alike.
    return content * t * (content < settings.weekdayStrongLink && daysApart(a, b) ? settings.weekdayConflictWeight : 1);
  }

  /**
   * A node's language-neutral vector weighted by the current IDF and normalised. In a language that
   * capitalises every noun, a name counts only once an article in another language has it too.
   */
  function prepareCross(n: Node): Map<string, number> {
    if (preparedCrossAt !== documents) {
      preparedCross = new Map();
      preparedCrossAt = documents;
    }
    const hit = preparedCross.get(n.seq);
    if (hit) return hit;
    const nouns = capitalisesNouns(n.language);
    const raw: [string, number][] = [];
    let sum = 0;
    for (let i = 0; i < n.nkeys.length; i++) {
      const t = n.nkeys[i]!;
      if (nouns && t.startsWith(NEUTRAL_NAME) && termLanguage.get(t) !== '*') continue;
      const y = n.nvalues[i]! * idf(t);
      sum += y * y;
      raw.push([t, y]);
    }
    const norm = Math.sqrt(sum);
    const w = new Map<string, number>();
    if (norm > 0) for (const [t, y] of raw) w.set(t, y / norm);
    preparedCross.set(n.seq, w);
    return w;
  }

  /** True when both articles' languages are known and differ: words cannot be compared between them. */
  function crossLanguage(a: Node, b: Node): boolean {
    return a.language !== undefined && b.language !== undefined && a.language !== b.language;
  }

  /**
   * Language-neutral similarity of two articles in different languages (cosine of their names,
   * numbers, dates, times and addresses), time-weighted; 0 unless they share at least
   * `crossMinShared` such terms, one of them a name.
   */
  function crossSimilarity(a: Node, b: Node, contrib?: Map<string, number>): number {
    if (!crossLanguage(a, b)) return 0;
    const t = timeFactor(a.day, b.day);
    if (t === 0) return 0;
    const pa = prepareCross(a);
    const pb = prepareCross(b);
    const [small, big] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
    let dot = 0;
    let sharedTerms = 0;
    let names = 0;
    for (const [term, x] of small) {
      const y = big.get(term);
      if (y === undefined) continue;
      dot += x * y;
      sharedTerms++;
      if (term.startsWith(NEUTRAL_NAME)) names++;
      if (contrib) contrib.set(term, x * y);
    }
    if (sharedTerms < settings.crossMinShared || names === 0) return 0;
    return dot * t;
  }

  /** The terms that contributed most, as readable forms, one per spelling regardless of case (a name's capitals kept). */
  function evidence(contrib: Map<string, number>, surface: (t: string) => string): string[] {
    const byForm = new Map<string, { form: string; weight: number; name: boolean }>();
    for (const [t, c] of contrib) {
      if (c <= 0) continue;
      const form = surface(t);
      const key = form.toLowerCase();
      const name = channelOf(t) === NAMES;
      const had = byForm.get(key);
      if (had === undefined) byForm.set(key, { form, weight: c, name });
      else byForm.set(key, { form: name || !had.name ? (name ? form : had.form) : had.form, weight: had.weight + c, name: had.name || name });
    }
    return [...byForm.values()]
      .sort((a, b) => b.weight - a.weight || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0))
      .slice(0, settings.evidenceTerms)
      .map((e) => e.form);
  }

  function shared(a: Node, b: Node): string[] {
    const contrib = new Map<string, number>();
    // Across languages the evidence is the names, numbers and dates the two share.
    if (crossLanguage(a, b) && similarity(a, b) < crossSimilarity(a, b)) crossSimilarity(a, b, contrib);
    else similarity(a, b, contrib);
    return evidence(contrib, (t) => a.surface?.get(t) ?? b.surface?.get(t) ?? surfaceOf(t));
  }

  function vectorKey(n: Node): string {
    return createHash('sha256').update(`${n.keys.join('\t')}\u0001${n.values.join(',')}`).digest('base64').slice(0, 22);
  }

  function index(n: Node, key = vectorKey(n)): void {
    if (!firstWithVector.has(key)) firstWithVector.set(key, n.seq);
    for (const t of n.lookup) {
      const list = postings.get(t);
      if (list === undefined) postings.set(t, [n.seq]);
      else list.push(n.seq);
    }
    for (const t of crossLookup(n)) {
      const list = crossPostings.get(t);
      if (list === undefined) crossPostings.set(t, [n.seq]);
      else list.push(n.seq);
    }
    if (n.language !== undefined) {
      for (const t of n.nkeys) {
        const had = termLanguage.get(t);
        if (had === undefined) termLanguage.set(t, n.language);
        else if (had !== n.language && had !== '*') termLanguage.set(t, '*');
      }
    }
  }

  /**
   * The neutral names an article is found by from other languages: its most telling ones (all of
   * them where capitals do not mark names, since its telling words are mostly not names).
   */
  function crossLookup(n: Node): string[] {
    if (n.language === undefined) return [];
    const limit = capitalisesNouns(n.language) ? Number.POSITIVE_INFINITY : CROSS_LOOKUP;
    const out: string[] = [];
    for (const t of n.nkeys) {
      if (!t.startsWith(NEUTRAL_NAME)) continue;
      out.push(t);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Earlier articles in other known languages sharing most neutral names, best first, at most `maxCandidates`. */
  function crossCandidates(n: Node): Node[] {
    if (n.language === undefined) return [];
    const hits = new Map<number, number>();
    let looked = 0;
    for (const t of crossLookup(n)) {
      // A name not yet seen in another language cannot lead to an article in another.
      const seen = termLanguage.get(t);
      if (seen === undefined || seen === n.language) continue;
      if (++looked > CROSS_LOOKUP) break;
      const list = crossPostings.get(t);
      if (list === undefined) continue;
      for (let i = Math.max(0, list.length - POSTING_SCAN); i < list.length; i++) {
        const seq = list[i]!;
        const other = nodes[seq]!;
        if (seq !== n.seq && crossLanguage(n, other)) hits.set(seq, (hits.get(seq) ?? 0) + 1);
      }
    }
    return [...hits]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, settings.maxCandidates)
      .map(([seq]) => nodes[seq]!);
  }

  /** The neutral vector kept for an article: its `neutralTerms` most telling terms. */
  function describeNeutral(v: Vector): { nkeys: string[]; nvalues: number[] } {
    let sum = 0;
    for (const x of v.values()) sum += x * x;
    const norm = Math.sqrt(sum);
    const all: [string, number, number][] = [];
    for (const [t, x] of v) all.push([t, x / norm, (x / norm) * idf(t)]);
    all.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const top = all.slice(0, settings.neutralTerms);
    return { nkeys: top.map(([t]) => t), nvalues: top.map(([, x]) => x) };
  }

  function link(a: Node, b: Node): void {
    a.links.add(b.seq);
    b.links.add(a.seq);
  }

  function newStory(id: string, events: StoryEvent[] = []): Story {
    const s: Story = { id, members: [], events };
    stories.set(id, s);
    mergedInto.delete(id);
    return s;
  }

  /**
   * A story id from an article, made distinct from every live story's and from the ids `reserved`
   * for other groups of the same regrouping (their stories are not live again yet: without this a
   * new group could take the id of a story kept by a later group, which then overwrote it and left
   * the new group's articles in no story).
   */
  function freshId(articleId: string, reserved: ReadonlySet<string> = new Set()): string {
    let id = storyIdFor(articleId);
    for (let n = 1; stories.has(id) || reserved.has(id); n++) id = storyIdFor(`${articleId}\u0000split ${n}`);
    return id;
  }

  /** Append to a story's log, keeping its creation and the latest events within `maxStoryEvents`. */
  function log(s: Story, event: StoryEvent): void {
    s.events.push(event);
    if (s.events.length > settings.maxStoryEvents) s.events.splice(1, s.events.length - settings.maxStoryEvents);
  }

  /** The article's compact vector (its most telling terms) and its lookup terms. */
  function describe(raw: readonly Vector[]): { keys: string[]; values: number[]; lookup: string[] } {
    const all: [string, number, number][] = [];
    for (const v of raw) {
      let sum = 0;
      for (const x of v.values()) sum += x * x;
      const n = Math.sqrt(sum);
      for (const [t, x] of v) all.push([t, x / n, (x / n) * idf(t)]);
    }
    all.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const top = all.slice(0, settings.vectorTerms);
    const limit = documents >= LOOKUP_MIN_DOCUMENTS ? documents * LOOKUP_MAX_SHARE : Number.POSITIVE_INFINITY;
    const lookup = all
      .filter(([t]) => !t.startsWith(NUMBER_PREFIX) && (df.get(t) ?? 0) <= limit)
      .slice(0, settings.queryTerms)
      .map(([t]) => t);
    return { keys: top.map(([t]) => t), values: top.map(([, x]) => x), lookup };
  }

  /** Earlier articles sharing most lookup terms, best first (ties: earlier first), at most `maxCandidates`. */
  /** Lookup terms shared with the new article, by sequence number (scratch, zeroed after each lookup). */
  let hitCount = new Uint16Array(1024);
  function candidates(n: Node): Node[] {
    if (hitCount.length < nodes.length) {
      const grown = new Uint16Array(Math.max(nodes.length, hitCount.length * 2));
      grown.set(hitCount);
      hitCount = grown;
    }
    const hit: number[] = [];
    let most = 0;
    for (const t of n.lookup) {
      const list = postings.get(t);
      if (list === undefined) continue;
      for (let i = Math.max(0, list.length - POSTING_SCAN); i < list.length; i++) {
        const seq = list[i]!;
        if (seq === n.seq) continue;
        const c = ++hitCount[seq]!;
        if (c === 1) hit.push(seq);
        if (c > most) most = c;
      }
    }
    // Most shared lookup terms first, then the earlier article: counts are small, so by bucket.
    const buckets: number[][] = Array.from({ length: most + 1 }, () => []);
    for (const seq of hit) buckets[hitCount[seq]!]!.push(seq);
    for (const seq of hit) hitCount[seq] = 0;
    const out: Node[] = [];
    for (let c = most; c > 0 && out.length < settings.maxCandidates; c--) {
      const b = buckets[c]!.sort((x, y) => x - y);
      for (let i = 0; i < b.length && out.length < settings.maxCandidates; i++) out.push(nodes[b[i]!]!);
    }
    return out;
  }

  function assignment(n: Node, action: 'joined' | 'created'): Assignment {
    return { articleId: n.id, score: n.score, sharedTerms: n.sharedTerms, storyId: n.story, action, messages: [] };
  }

  function add(article: ClusterInput): Assignment {
    const known = bySeqId.get(article.id);
    if (known !== undefined) return assignment(nodes[known]!, 'joined');
    const f = articleFeatures(article.title, article.text, settings);
    const language = knownLanguage(article.language);
    const nf = neutralFeatures(article.title === undefined ? undefined : openingWords(article.title, settings.maxWords), openingWords(article.text, settings.maxWords), language, settings);
    const raw: Vector[] = [f.words, f.names, f.numbers];
    setDocuments(documents + 1);
    for (const v of [...raw, nf.vector]) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const d = describe(raw);
    const nd = describeNeutral(nf.vector);
    // Only the terms an article is compared by can be shared evidence: their forms are kept, the
    // rest dropped (a stream of 100,000 articles would otherwise hold every word form of each).
    const surface = new Map<string, string>();
    for (const k of d.keys) {
      const form = nf.surface.get(k) ?? f.surface.get(k);
      if (form !== undefined) surface.set(k, form);
    }
    for (const k of nd.nkeys) {
      const form = nf.surface.get(k) ?? f.surface.get(k);
      if (form !== undefined) surface.set(k, form);
    }
    const title = article.title !== undefined && article.title.trim() !== '' ? article.title : undefined;
    const n: Node = {
      seq: nodes.length,
      id: article.id,
      keys: d.keys,
      values: d.values,
      title,
      published: article.published,
      day: toDay(article.published),
      weekdays: f.weekdays,
      leadNumbers: f.leadNumbers,
      length: f.length,
      lookup: d.lookup,
      language,
      nkeys: nd.nkeys,
      nvalues: nd.nvalues,
      links: new Set(),
      out: [],
      xlinks: new Set(),
      xout: [],
      story: '',
      score: 1,
      sharedTerms: [],
      surface,
    };
    nodes.push(n);
    bySeqId.set(n.id, n.seq);
    touched.add(n.seq);

    let best: Node | undefined;
    let bestScore = 0;
    // A verbatim copy always meets the first article with its vector, even when the lookup terms
    // have grown too common to look anything up (every copy holds them all).
    const key = vectorKey(n);
    const twin = firstWithVector.get(key);
    const found = candidates(n);
    if (twin !== undefined && !found.some((c) => c.seq === twin)) found.push(nodes[twin]!);
    for (const c of found) {
      const s = similarity(n, c);
      if (s < settings.edgeThreshold) continue;
      link(n, c);
      n.out.push(c.seq);
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    // Articles in other languages: linked by names, numbers and dates (joined at consolidation).
    for (const c of crossCandidates(n)) {
      if (crossSimilarity(n, c) < settings.crossEdgeThreshold) continue;
      n.xlinks.add(c.seq);
      c.xlinks.add(n.seq);
      n.xout.push(c.seq);
    }
    index(n, key);
    if (best !== undefined && bestScore >= settings.linkThreshold) {
      n.story = best.story;
      n.score = bestScore;
      n.sharedTerms = shared(n, best);
      stories.get(n.story)!.members.push(n.seq);
      return assignment(n, 'joined');
    }
    const why = best === undefined ? 'no earlier article is close enough to link' : `its closest article is only ${bestScore.toFixed(2)} similar (threshold ${settings.linkThreshold})`;
    const s = newStory(freshId(n.id), [{ rule: 'create-story', reason: `Started by article ${n.id}: ${why}.`, at: n.id }]);
    s.members.push(n.seq);
    n.story = s.id;
    return assignment(n, 'created');
  }

  /** The connected parts of the graph holding the touched articles, each sorted. */
  function touchedParts(): number[][] {
    const seen = new Set<number>();
    const parts: number[][] = [];
    for (const start of [...touched].sort((a, b) => a - b)) {
      if (seen.has(start)) continue;
      const part: number[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length > 0) {
        const x = stack.pop()!;
        part.push(x);
        for (const y of [...nodes[x]!.links, ...nodes[x]!.xlinks]) {
          if (seen.has(y)) continue;
          seen.add(y);
          stack.push(y);
        }
      }
      parts.push(part.sort((a, b) => a - b));
    }
    return parts;
  }

  /**
   * Weight of every link inside a part, both ways, computed once per regrouping (links weighing
   * nothing left out): the same-language links by `similarity`, or with `cross` the
   * cross-language ones by their language-neutral weight.
   */
  function linkWeights(part: readonly number[], cross = false): Map<number, Map<number, number>> {
    const inPart = new Set(part);
    const weights = new Map<number, Map<number, number>>(part.map((x) => [x, new Map()]));
    for (const x of part) {
      for (const y of cross ? nodes[x]!.xlinks : nodes[x]!.links) {
        if (y <= x || !inPart.has(y)) continue;
        const w = cross ? crossSimilarity(nodes[x]!, nodes[y]!) : similarity(nodes[x]!, nodes[y]!);
        if (w <= 0) continue;
        weights.get(x)!.set(y, w);
        weights.get(y)!.set(x, w);
      }
    }
    return weights;
  }

  /**
   * Stories in different languages joined by language-neutral evidence: two groups that share no
   * language merge, best first, while their articles are on average at least `crossLinkThreshold`
   * alike by names, numbers and dates (pairs not linked count 0). Groups sharing a language never
   * merge here, so no two articles of one language come together that the same-language rule kept apart.
   */
  function joinAcrossLanguages(groups: number[][], xweights: ReadonlyMap<number, ReadonlyMap<number, number>>): number[][] {
    let any = false;
    for (const m of xweights.values()) if (m.size > 0) any = true;
    if (!any) return groups;
    const gs = groups.map((g) => ({ members: [...g], langs: new Set(g.map((x) => nodes[x]!.language).filter((l): l is string => l !== undefined)) }));
    const groupOf = new Map<number, number>();
    gs.forEach((g, i) => {
      for (const x of g.members) groupOf.set(x, i);
    });
    const disjoint = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((l) => !b.has(l));
    for (;;) {
      const sums = new Map<number, Map<number, number>>();
      for (const [x, m] of xweights) {
        const gx = groupOf.get(x)!;
        for (const [y, w] of m) {
          const gy = groupOf.get(y)!;
          if (gx >= gy) continue;
          const row = sums.get(gx) ?? new Map<number, number>();
          row.set(gy, (row.get(gy) ?? 0) + w);
          sums.set(gx, row);
        }
      }
      let best: [number, number, number] | undefined;
      for (const [i, row] of sums) {
        for (const [j, sum] of row) {
          if (!disjoint(gs[i]!.langs, gs[j]!.langs)) continue;
          const mean = sum / (gs[i]!.members.length * gs[j]!.members.length);
          if (mean < settings.crossLinkThreshold) continue;
          if (best === undefined || higher([mean, i, j], best)) best = [mean, i, j];
        }
      }
      if (best === undefined) break;
      const [, i, j] = best;
      for (const x of gs[j]!.members) groupOf.set(x, i);
      gs[i]!.members.push(...gs[j]!.members);
      for (const l of gs[j]!.langs) gs[i]!.langs.add(l);
      gs[j]!.members = [];
    }
    return gs.filter((g) => g.members.length > 0).map((g) => g.members.sort((a, b) => a - b));
  }

  /**
   * Average-linkage agglomeration of one part: every group starts as one article; the two groups
   * with the highest mean link weight (links missing count 0) merge while it is at least
   * `linkThreshold`. Deterministic: ties go to the pair with the smaller sequence numbers.
   */
  function agglomerate(part: readonly number[], weights: ReadonlyMap<number, ReadonlyMap<number, number>>, copies: ReadonlyMap<number, number> = new Map()): number[][] {
    if (part.length === 1) return [[part[0]!]];
    const members = new Map<number, number[]>();
    /** Articles a group holds: each representative counts its identical copies too. */
    const count = (x: number): number => copies.get(x) ?? 1;
    const size = new Map<number, number>();
    /** Sum of link weights between groups, by group (keyed by the group's smallest sequence number). */
    const between = new Map<number, Map<number, number>>();
    for (const x of part) {
      members.set(x, [x]);
      size.set(x, count(x));
      between.set(x, new Map());
    }
    const heap: [number, number, number][] = [];
    const push = (e: [number, number, number]): void => {
      heap.push(e);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!higher(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const pop = (): [number, number, number] | undefined => {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length > 0 && last !== undefined) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && higher(heap[l]!, heap[m]!)) m = l;
          if (r < heap.length && higher(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          i = m;
        }
      }
      return top;
    };
    /** Group `from` joins group `into`: its members, and its link sums to every other group. */
    const absorb = (into: number, from: number): void => {
      members.get(into)!.push(...members.get(from)!);
      members.delete(from);
      size.set(into, size.get(into)! + size.get(from)!);
      size.delete(from);
      const bi = between.get(into)!;
      const bf = between.get(from)!;
      between.delete(from);
      bi.delete(from);
      for (const [c, w] of bf) {
        if (c === into) continue;
        bi.set(c, (bi.get(c) ?? 0) + w);
        const bc = between.get(c)!;
        bc.delete(from);
        bc.set(into, bi.get(c)!);
      }
    };
    for (const x of part) {
      for (const [y, w] of weights.get(x)!) {
        // Every copy of x links to every copy of y alike.
        between.get(x)!.set(y, w * count(x) * count(y));
        if (y > x && w >= settings.linkThreshold) push([w, x, y]);
      }
    }
    /** Sum of link weights inside each group (identical copies are fully alike). */
    const inner = new Map<number, number>(part.map((x) => [x, (count(x) * (count(x) - 1)) / 2]));
    const cohesion = (g: number, size: number): number => inner.get(g)! / ((size * (size - 1)) / 2);
    for (let e = pop(); e !== undefined; e = pop()) {
      const [mean, a, b] = e;
      if (!members.has(a) || !members.has(b)) continue;
      const na = size.get(a)!;
      const nb = size.get(b)!;
      // Stale entry: one of the groups has grown since, changing the mean.
      const sum = between.get(a)!.get(b) ?? 0;
      if (Math.abs(sum / (na * nb) - mean) > 1e-12) continue;
      // Two groups far less alike than each is inside are two events on one subject.
      if (na > 1 && nb > 1 && mean < settings.cohesionRatio * Math.min(cohesion(a, na), cohesion(b, nb))) continue;
      inner.set(a, inner.get(a)! + inner.get(b)! + sum);
      inner.delete(b);
      // a < b: the group with the smaller sequence number absorbs the other.
      absorb(a, b);
      const merged = size.get(a)!;
      for (const [c, w] of between.get(a)!) {
        const mean = w / (merged * size.get(c)!);
        if (mean >= settings.linkThreshold) push([mean, Math.min(a, c), Math.max(a, c)]);
      }
    }
    // A short group is often an article told from another angle, close to a larger story on average
    // but not at the link threshold: it joins the larger group it links to best at `attachThreshold`.
    const small = [...members.keys()].filter((k) => size.get(k)! <= settings.attachMaxSize).sort((a, b) => a - b);
    const groupOf = new Map<number, number>();
    for (const [k, m] of members) for (const x of m) groupOf.set(x, k);
    for (const k of small) {
      const own = members.get(k);
      if (own === undefined || size.get(k)! > settings.attachMaxSize) continue;
      const ownSize = size.get(k)!;
      // Its strongest single link into each group.
      const strongest = new Map<number, number>();
      for (const x of own) {
        for (const [y, w] of weights.get(x)!) {
          const g = groupOf.get(y)!;
          if (g !== k && w > (strongest.get(g) ?? 0)) strongest.set(g, w);
        }
      }
      let best: number | undefined;
      let bestMean = 0;
      for (const [c, w] of between.get(k)!) {
        const otherSize = size.get(c)!;
        if (otherSize < 2 * ownSize) continue;
        const mean = w / (ownSize * otherSize);
        if (mean < settings.attachThreshold && (strongest.get(c) ?? 0) < settings.attachLinkThreshold) continue;
        if (best === undefined || mean > bestMean || (mean === bestMean && c < best)) {
          best = c;
          bestMean = mean;
        }
      }
      if (best === undefined) continue;
      for (const x of own) groupOf.set(x, best);
      absorb(best, k);
    }
    return [...members.values()].map((m) => m.sort((x, y) => x - y));
  }

  /**
   * Agglomerate a part with identical articles (same terms, weights and day: verbatim copies) taken
   * as one representative counted as many: each copy links to at most `maxCandidates` earlier
   * articles, so among thousands of copies most pairs were never compared and, counted as 0, would
   * keep the copies of one text in many stories. The representative links to what any copy links
   * to; the groups are then expanded to every copy.
   */
  function agglomerateCopies(part: readonly number[], weights: ReadonlyMap<number, ReadonlyMap<number, number>>): number[][] {
    const repOf = new Map<string, number>();
    const rep = new Map<number, number>();
    const copies = new Map<number, number>();
    for (const x of part) {
      const n = nodes[x]!;
      const key = `${n.day}\u0001${n.keys.join('\t')}\u0001${n.values.join(',')}`;
      const r = repOf.get(key) ?? x;
      repOf.set(key, r);
      rep.set(x, r);
      copies.set(r, (copies.get(r) ?? 0) + 1);
    }
    if (copies.size === part.length) return agglomerate(part, weights);
    const reps = [...copies.keys()].sort((a, b) => a - b);
    const repWeights = new Map<number, Map<number, number>>(reps.map((r) => [r, new Map()]));
    for (const x of part) {
      const rx = rep.get(x)!;
      for (const y of weights.get(x)!.keys()) {
        const ry = rep.get(y)!;
        if (ry === rx || repWeights.get(rx)!.has(ry)) continue;
        const w = similarity(nodes[rx]!, nodes[ry]!);
        if (w <= 0) continue;
        repWeights.get(rx)!.set(ry, w);
        repWeights.get(ry)!.set(rx, w);
      }
    }
    const members = new Map<number, number[]>(reps.map((r) => [r, []]));
    for (const x of part) members.get(rep.get(x)!)!.push(x);
    return agglomerate(reps, repWeights, copies).map((g) => g.flatMap((r) => members.get(r)!).sort((a, b) => a - b));
  }

  /** Mean link weight between two groups of articles (links missing count 0). */
  function meanLink(a: readonly number[], b: readonly number[], weights: ReadonlyMap<number, ReadonlyMap<number, number>>): number {
    const inB = new Set(b);
    let sum = 0;
    for (const x of a) for (const [y, w] of weights.get(x)!) if (inB.has(y)) sum += w;
    return sum / (a.length * b.length);
  }

  /** Each member's closest article in its group: its score and the terms they share. */
  function explain(group: readonly number[], weights: ReadonlyMap<number, ReadonlyMap<number, number>>): void {
    const inGroup = new Set(group);
    for (const x of group) {
      const n = nodes[x]!;
      let best: Node | undefined;
      let bestScore = 0;
      for (const [y, s] of weights.get(x)!) {
        if (!inGroup.has(y)) continue;
        if (s > bestScore || (s === bestScore && best !== undefined && y < best.seq)) {
          best = nodes[y]!;
          bestScore = s;
        }
      }
      if (best === undefined) {
        n.score = 1;
        n.sharedTerms = [];
      } else {
        n.score = bestScore;
        n.sharedTerms = shared(n, best);
      }
    }
  }

  function regroup(part: readonly number[], messages: Message[]): void {
    const same = linkWeights(part);
    const xweights = linkWeights(part, true);
    const groups = joinAcrossLanguages(agglomerateCopies(part, same), xweights).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
    // Evidence and messages read both kinds of link: a cross-language pair by its neutral weight.
    const weights = same;
    for (const [x, m] of xweights) for (const [y, w] of m) if (w > (weights.get(x)!.get(y) ?? 0)) weights.get(x)!.set(y, w);
    const before = new Map<string, number[]>();
    for (const x of part) {
      const sid = nodes[x]!.story;
      const list = before.get(sid) ?? [];
      list.push(x);
      before.set(sid, list);
    }
    // Each group keeps the id of the earlier story holding most of its articles, if no larger group took it.
    const taken = new Map<string, number[]>();
    const ids: string[] = [];
    for (const g of groups) {
      const counts = new Map<string, number>();
      for (const x of g) counts.set(nodes[x]!.story, (counts.get(nodes[x]!.story) ?? 0) + 1);
      const ranked = [...counts].filter(([sid]) => !taken.has(sid)).sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
      const id = ranked[0]?.[0] ?? '';
      ids.push(id);
      if (id !== '') taken.set(id, g);
    }
    const old = new Map<string, Story>();
    for (const sid of before.keys()) {
      const s = stories.get(sid);
      if (s) old.set(sid, s);
      stories.delete(sid);
    }
    const reserved = new Set(ids.filter((id) => id !== ''));
    const result: Story[] = groups.map((g, i) => {
      const id = ids[i] !== '' ? ids[i]! : freshId(nodes[g[0]!]!.id, reserved);
      reserved.add(id);
      const prev = old.get(id);
      const s = newStory(id, prev ? prev.events : []);
      // A story always lies within one connected part of the graph, so the group is all of it.
      s.members = g;
      return s;
    });
    for (const s of result) {
      for (const x of s.members) nodes[x]!.story = s.id;
      explain(s.members, weights);
    }
    // Log what happened: stories merged away, articles split off into another story, stories new.
    for (const [sid, xs] of before) {
      const dest = new Map<string, number[]>();
      for (const x of xs) {
        const to = nodes[x]!.story;
        const list = dest.get(to) ?? [];
        list.push(x);
        dest.set(to, list);
      }
      if (!stories.has(sid)) {
        // Gone: its articles went into one or more other stories.
        const [into, moved] = [...dest].sort((p, q) => q[1].length - p[1].length || (p[0] < q[0] ? -1 : 1))[0]!;
        const target = stories.get(into)!;
        mergedInto.set(sid, into);
        const rest = target.members.filter((x) => !moved.includes(x));
        const score = rest.length > 0 ? meanLink(moved, rest, weights) : 1;
        const reason = `Story ${sid} was merged into ${into}: their articles are on average ${score.toFixed(2)} similar (threshold ${settings.linkThreshold}).`;
        log(target, { rule: 'merge-close-stories', reason, story: sid });
        messages.push({
          stage: 'cluster',
          ruleId: 'merge-close-stories',
          reason,
          severity: 'info',
          data: { from: sid, into, score, threshold: settings.linkThreshold, moved: moved.map((x) => nodes[x]!.id) },
        });
        continue;
      }
      for (const [to, moved] of dest) {
        if (to === sid) continue;
        // Articles left a story that lives on: a split (unless they only went where a merge took them).
        const target = stories.get(to)!;
        const staying = stories.get(sid)!.members;
        const score = meanLink(moved, staying, weights);
        const reason =
          `${moved.length} article${moved.length === 1 ? '' : 's'} left story ${sid} for ${to}: ` +
          `they are on average only ${score.toFixed(2)} similar to the articles that stayed (threshold ${settings.linkThreshold}).`;
        log(stories.get(sid)!, { rule: 'split-story', reason, story: to });
        log(target, { rule: 'split-story', reason, story: sid });
        messages.push({
          stage: 'cluster',
          ruleId: 'split-story',
          reason,
          severity: 'info',
          data: { from: sid, into: to, score, threshold: settings.linkThreshold, moved: moved.map((x) => nodes[x]!.id) },
        });
      }
    }
    for (const s of result) {
      if (s.events.length > 0) continue;
      const first = nodes[s.members[0]!]!;
      log(s, { rule: 'create-story', reason: `Started by article ${first.id} when its articles were regrouped.`, at: first.id });
    }
  }

  function consolidate(): Message[] {
    const messages: Message[] = [];
    for (const part of touchedParts()) regroup(part, messages);
    touched.clear();
    // Surface forms are kept only while an article may still be explained afresh in this batch.
    for (const n of nodes) n.surface = undefined;
    return messages;
  }

  function view(s: Story): StoryView {
    const members = s.members.map((x): StoryMember => ({ articleId: nodes[x]!.id, score: nodes[x]!.score, sharedTerms: nodes[x]!.sharedTerms }));
    const v: { -readonly [K in keyof StoryView]: StoryView[K] } = { id: s.id, members, events: [...s.events] };
    let first: number | undefined;
    let last: number | undefined;
    for (const x of s.members) {
      const n = nodes[x]!;
      if (v.title === undefined && n.title !== undefined) v.title = n.title;
      if (Number.isNaN(n.day) || n.published === undefined) continue;
      if (first === undefined || n.day < nodes[first]!.day) first = x;
      if (last === undefined || n.day > nodes[last]!.day) last = x;
    }
    if (first !== undefined) v.firstSeen = nodes[first]!.published!;
    if (last !== undefined) v.lastSeen = nodes[last]!.published!;
    return v;
  }

  function liveStories(): Story[] {
    return [...stories.values()].sort((a, b) => a.members[0]! - b.members[0]!);
  }

  function snapshot(): ClusterState {
    const articles = nodes.map((n): ArticleState => {
      const a: { -readonly [K in keyof ArticleState]: ArticleState[K] } = {
        id: n.id,
        keys: n.keys.join('\t'),
        values: [...n.values],
        lookup: [...n.lookup],
        neutral: n.nkeys.join('\t'),
        neutralValues: [...n.nvalues],
        links: [...n.out],
        crossLinks: [...n.xout],
        story: n.story,
        score: n.score,
        sharedTerms: [...n.sharedTerms],
      };
      if (n.title !== undefined) a.title = n.title;
      if (n.published !== undefined) a.published = n.published;
      if (n.weekdays !== 0) a.weekdays = n.weekdays;
      if (n.leadNumbers.length > 0) a.leadNumbers = [...n.leadNumbers];
      if (n.length > 0) a.length = n.length;
      if (n.language !== undefined) a.language = n.language;
      return a;
    });
    return {
      version: 3,
      documents,
      df: [...df],
      articles,
      stories: liveStories().map((s) => ({ id: s.id, members: [...s.members], events: [...s.events] })),
      merged: [...mergedInto],
      touched: [...touched].sort((a, b) => a - b),
    };
  }

  function restore(st: ClusterState): void {
    if (st === null || typeof st !== 'object' || !Array.isArray(st.df)) {
      throw createError('CLUSTER_STATE_INVALID', { detail: 'not a clustering state' });
    }
    if (st.version !== 3 || !Array.isArray(st.articles) || !Array.isArray(st.stories)) {
      throw createError('CLUSTER_STATE_INVALID', { detail: `a version ${String((st as { version?: unknown }).version)} clustering state, made by an earlier Parallax: stories are rebuilt from the articles` });
    }
    setDocuments(st.documents);
    for (const [t, c] of st.df) df.set(t, c);
    for (const [from, to] of st.merged) mergedInto.set(from, to);
    for (const a of st.articles) {
      const n: Node = {
        seq: nodes.length,
        id: a.id,
        keys: a.keys === '' ? [] : a.keys.split('\t'),
        values: [...a.values],
        title: a.title,
        published: a.published,
        day: toDay(a.published),
        weekdays: a.weekdays ?? 0,
        leadNumbers: a.leadNumbers === undefined ? [] : [...a.leadNumbers],
        length: a.length ?? 0,
        lookup: [...a.lookup],
        language: a.language,
        nkeys: a.neutral === '' ? [] : a.neutral.split('\t'),
        nvalues: [...a.neutralValues],
        links: new Set(),
        out: [...a.links],
        xlinks: new Set(),
        xout: [...a.crossLinks],
        story: a.story,
        score: a.score,
        sharedTerms: [...a.sharedTerms],
        surface: undefined,
      };
      nodes.push(n);
      bySeqId.set(n.id, n.seq);
      for (const y of n.out) {
        const other = nodes[y];
        if (other === undefined) throw createError('CLUSTER_STATE_INVALID', { detail: `article ${a.id} links to an article not yet restored` });
        link(n, other);
      }
      for (const y of n.xout) {
        const other = nodes[y];
        if (other === undefined) throw createError('CLUSTER_STATE_INVALID', { detail: `article ${a.id} links to an article not yet restored` });
        n.xlinks.add(y);
        other.xlinks.add(n.seq);
      }
      index(n);
    }
    for (const s of st.stories) {
      const story = newStory(s.id, [...s.events]);
      story.members = [...s.members];
    }
    for (const [from, to] of st.merged) mergedInto.set(from, to);
    for (const x of st.touched) touched.add(x);
  }

  if (state !== undefined) restore(state);

  return {
    add,
    consolidate,
    storyOf(articleId) {
      const seq = bySeqId.get(articleId);
      return seq === undefined ? undefined : nodes[seq]!.story;
    },
    stories: () => liveStories().map(view),
    snapshot,
  };
}
