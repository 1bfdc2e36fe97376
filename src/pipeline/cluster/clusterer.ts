/**
 * The streaming story clusterer (after Miranda et al. 2018, "Multilingual Clustering of Streaming
 * News"): each article is compared with candidate stories only, found through an inverted index of
 * telling terms and names; per-feature cosine similarities (word stems, names, numbers) with
 * TF-IDF weights from document frequencies that grow with the stream are combined, damped by the
 * time gap, and the article joins the best story above a threshold or starts a new one. Stories the
 * article brings close together are merged; at the end of a batch a changed story whose articles
 * fall into two far-apart halves is split (per-article top-term vectors are kept for open stories
 * up to `splitMaxSize` articles). All state is plain data that snapshots to JSON.
 */
import { createHash } from 'node:crypto';
import { createError } from '../../errors.js';
import type { Message } from '../../model/message.js';
import { articleFeatures, NAME_PREFIX, NUMBER_PREFIX, type Vector } from './features.js';
import type { ClusterSettings } from './settings.js';
import { bisect, channelOf, type CompactVector } from './split.js';

/** One article handed to the clusterer (filled from an `Article`: title, text, publishedResolved.value, language.code). */
export interface ClusterInput {
  readonly id: string;
  readonly title?: string;
  readonly text: string;
  /** ISO 8601 date or datetime; articles without one are never damped or kept out by time. */
  readonly published?: string;
  /** Language code; informational (names and numbers let other languages join through shared names). */
  readonly language?: string;
}

/** Why an article is in a story: the similarity when it joined and what it shares with the story. */
export interface StoryMember {
  readonly articleId: string;
  /** Combined similarity (0..1) to the story when the article joined; 1 for the article that created it. */
  readonly score: number;
  /** Names and words shared with the story, most telling first (empty for the first article). */
  readonly sharedTerms: readonly string[];
}

/** The result of adding one article. */
export interface Assignment extends StoryMember {
  /** The story the article is in now (after any merge this article caused). */
  readonly storyId: string;
  readonly action: 'joined' | 'created';
  /** Stories merged into {@link storyId} because this article joined. */
  readonly merged?: readonly string[];
  /** One `info` message per merge (rule `merge-close-stories`), with the similarity and shared terms. */
  readonly messages: readonly Message[];
}

/** One entry of a story's log: how it started, what was merged into it, what was split off it. */
export interface StoryEvent {
  /**
   * `create-story`; a merge rule (`merge-close-stories`, `consolidate-close-stories`,
   * `attach-small-story`) when another story was merged in; `split-story` when the story was cut in
   * two (logged on both halves).
   */
  readonly rule: string;
  /** Why, in words, with the similarity and threshold. */
  readonly reason: string;
  /** The article whose arrival caused it, when one did (creation, merges while adding). */
  readonly at?: string;
  /** The other story: the one merged in, the one split off, or (on a split-off story) the one it came from. */
  readonly story?: string;
}

/** A story as the clusterer sees it now. */
export interface StoryView {
  /** `sty_` + 16 hex digits derived from the id of the article that created it. */
  readonly id: string;
  /** The headline of its first article with one. */
  readonly title?: string;
  readonly members: readonly StoryMember[];
  /** Earliest and latest publication dates of its dated articles (ISO, as given). */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** What happened to the story, oldest first: its creation (kept) and at most `maxStoryEvents` entries in all. */
  readonly events: readonly StoryEvent[];
}

/** A member's compact vector kept for splitting, with what a split needs to rebuild the halves. */
export interface MemberTrace {
  readonly articleId: string;
  /** Its `splitVectorTerms` most telling terms (words, `n:` names, `#` numbers) and their L2-normalised tf in their channel. */
  readonly terms: CompactVector;
  readonly title?: string;
  readonly published?: string;
}

/** One story in a {@link ClusterState}. */
export interface StoryState {
  readonly id: string;
  readonly seq: number;
  readonly title?: string;
  readonly members: readonly StoryMember[];
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Centroids (sums of the members' L2-normalised tf vectors) of word stems, names and numbers. */
  readonly words: readonly (readonly [string, number])[];
  readonly names: readonly (readonly [string, number])[];
  readonly numbers: readonly (readonly [string, number])[];
  /** Terms under which the story is indexed, in the order they were added. */
  readonly keys: readonly string[];
  /** Cached IDF-weighted centroid norms (words, names, numbers) and the document count they were computed at (-1: none). */
  readonly norms: readonly [number, number, number, number];
  /** The story's log (absent in states saved before it existed). */
  readonly events?: readonly StoryEvent[];
  /** Per-member vectors, in member order, while the story is open and small enough to be split; absent otherwise. */
  readonly traces?: readonly MemberTrace[];
}

/**
 * Everything the clusterer knows, as JSON-safe data: restoring it with `createClusterer(options,
 * state)` continues the stream exactly as if it had never stopped (identical assignments).
 * The inverted index is rebuilt from the stories' keys.
 */
export interface ClusterState {
  readonly version: 1;
  /** Number of articles seen. */
  readonly documents: number;
  /** Document frequency of every word stem and name. */
  readonly df: readonly (readonly [string, number])[];
  /** Live stories, in creation order. */
  readonly stories: readonly StoryState[];
  /** Story ids merged away → the story they went into. */
  readonly merged: readonly (readonly [string, string])[];
  /** Stories changed since the last `consolidate()`, which will look at them (and only them) again. */
  readonly touched: readonly string[];
}

/** A streaming clusterer. Not safe for concurrent use; one per stream. */
export interface Clusterer {
  /** Assign one article: join the most similar story or start a new one; merge stories it bridges. Re-adding a known id returns its current assignment. */
  add(article: ClusterInput): Assignment;
  /**
   * End-of-batch repair, over the stories changed since the last call only: merge open stories
   * whose centroids are at least `consolidateThreshold` similar (rule `consolidate-close-stories`,
   * repeated until stable), then attach each story of at most `attachMaxSize` articles to its most
   * similar larger story at `attachThreshold` (rule `attach-small-story`), then split each story
   * (of at most `splitMaxSize` articles) whose best two halves are less than `splitThreshold`
   * similar and hold at least `splitMinSize` articles each (rule `split-story`: the larger half
   * keeps the id, the other gets one from its first article). Returns one `info` message per merge
   * and split. Assignments returned earlier may be superseded: ask {@link storyOf}.
   */
  consolidate(): Message[];
  /** The story an article is in now (following merges), or undefined for an unknown article. */
  storyOf(articleId: string): string | undefined;
  /** Live stories, in creation order. */
  stories(): StoryView[];
  /** The whole state, as JSON-safe data. */
  snapshot(): ClusterState;
}

/** The three feature channels, compared separately and combined by weight. */
const WORDS = 0;
const NAMES = 1;
const NUMBERS = 2;
const CHANNELS = [WORDS, NAMES, NUMBERS] as const;

interface Story {
  readonly id: string;
  readonly seq: number;
  title: string | undefined;
  members: StoryMember[];
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  /** firstSeen / lastSeen as days since the epoch (NaN when undated). */
  firstDay: number;
  lastDay: number;
  /** Centroid per channel: sum of the members' L2-normalised tf vectors. */
  centroid: [Vector, Vector, Vector];
  /** Terms under which the story is indexed. */
  keys: Set<string>;
  /** IDF-weighted centroid norms per channel, valid while not dirty and the stream grew less than NORM_STALENESS since normAt. */
  norm: [number, number, number];
  normAt: number;
  dirty: boolean;
  alive: boolean;
  events: StoryEvent[];
  /** Member vectors by article id, in member order; undefined once the story is too large or closed. */
  traces: Map<string, Trace> | undefined;
}

/**
 * A member's compact vector in memory: its terms joined by tabs (one string, not one per term) and
 * their weights, in the same order; a {@link MemberTrace} in snapshots.
 */
interface Trace {
  readonly articleId: string;
  readonly keys: string;
  readonly values: readonly number[];
  readonly title?: string;
  readonly published?: string;
}

function terms(t: Trace): CompactVector {
  return t.keys === '' ? [] : t.keys.split('\t').map((k, i) => [k, t.values[i]!] as const);
}

function compact(t: MemberTrace): Trace {
  const { terms: tv, ...rest } = t;
  return { ...rest, keys: tv.map(([k]) => k).join('\t'), values: tv.map(([, x]) => x) };
}

function expand(t: Trace): MemberTrace {
  const { keys: _k, values: _v, ...rest } = t;
  return { ...rest, terms: terms(t) };
}

/** One channel of an article, ready for dot products: `[term, tf·idf² / ‖tf·idf‖]`. */
interface Prepared {
  readonly entries: readonly (readonly [string, number])[];
  /** 0 when the channel is empty. */
  readonly norm: number;
}

const DAY_MS = 86_400_000;
/** IDF weights drift slowly; cached centroid norms are recomputed once the stream has grown by this share. */
const NORM_STALENESS = 0.05;
/** Terms found in more than this share of documents are not used to look up candidates (once the stream is this long). */
const LOOKUP_MAX_SHARE = 0.05;
const LOOKUP_MIN_DOCUMENTS = 2000;

function storyIdFor(articleId: string): string {
  return `sty_${createHash('sha1').update(articleId).digest('hex').slice(0, 16)}`;
}

function toDay(iso: string | undefined): number {
  if (iso === undefined) return Number.NaN;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NaN : t / DAY_MS;
}

function byWeightThenTerm(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** Create a clusterer from resolved settings and, optionally, a saved state. */
export function buildClusterer(settings: ClusterSettings, state?: ClusterState): Clusterer {
  const df = new Map<string, number>();
  let documents = 0;
  let logDocs = 0;
  const bySeq: Story[] = [];
  const byId = new Map<string, Story>();
  const mergedInto = new Map<string, string>();
  const articleStory = new Map<string, string>();
  const postings = new Map<string, number[]>();
  /** Stories changed since the last consolidate(), by sequence number. */
  const touched = new Set<number>();
  /** The newest article date seen (days): a dated story whose last article is more than windowDays older is closed. */
  let latestDay = Number.NaN;
  const weight: [number, number, number] = [1 - settings.nameWeight - settings.numberWeight, settings.nameWeight, settings.numberWeight];

  const idf = (term: string): number => logDocs - Math.log((df.get(term) ?? 0) + 1) + 1;

  function setDocuments(n: number): void {
    documents = n;
    logDocs = Math.log(n + 1);
  }

  function refreshNorms(s: Story): void {
    if (!s.dirty && documents < s.normAt * (1 + NORM_STALENESS)) return;
    for (const ch of CHANNELS) {
      let sum = 0;
      for (const [t, x] of s.centroid[ch]) {
        const y = x * idf(t);
        sum += y * y;
      }
      s.norm[ch] = Math.sqrt(sum);
    }
    s.normAt = documents;
    s.dirty = false;
  }

  function index(s: Story, term: string): void {
    if (s.keys.has(term)) return;
    s.keys.add(term);
    const list = postings.get(term);
    if (list === undefined) postings.set(term, [s.seq]);
    else list.push(s.seq);
  }

  function prepare(v: Vector): Prepared {
    const w: [string, number, number][] = [];
    let sum = 0;
    for (const [t, x] of v) {
      const i = idf(t);
      const y = x * i;
      sum += y * y;
      w.push([t, y, i]);
    }
    const norm = Math.sqrt(sum);
    return { entries: norm === 0 ? [] : w.map(([t, y, i]) => [t, (y * i) / norm] as const), norm };
  }

  /** The article's lookup terms: its heaviest names and words, skipping terms too common to narrow anything. */
  function queryTerms(names: Prepared, words: Prepared): string[] {
    const limit = documents >= LOOKUP_MIN_DOCUMENTS ? documents * LOOKUP_MAX_SHARE : Number.POSITIVE_INFINITY;
    const pick = (p: Prepared): string[] =>
      p.entries
        .filter(([t]) => (df.get(t) ?? 0) <= limit)
        .sort(byWeightThenTerm)
        .slice(0, settings.queryTerms)
        .map(([t]) => t);
    return [...pick(names), ...pick(words)];
  }

  function timeFactor(day: number, s: Story): number {
    if (Number.isNaN(day) || Number.isNaN(s.firstDay)) return 1;
    const gap = day < s.firstDay ? s.firstDay - day : day > s.lastDay ? day - s.lastDay : 0;
    if (gap > settings.windowDays) return 0;
    return Math.pow(0.5, gap / settings.halfLifeDays);
  }

  /** False for stories merged away, and for dated stories whose last article is more than windowDays older than the newest article seen. */
  function open(s: Story): boolean {
    return s.alive && !(s.lastDay < latestDay - settings.windowDays);
  }

  /** Open stories sharing the most lookup terms, best first (ties: older first), at most `limit`. */
  function candidates(terms: Iterable<string>, limit: number, exclude?: number): Story[] {
    const hits = new Map<number, number>();
    for (const t of terms) {
      const list = postings.get(t);
      if (list === undefined) continue;
      let gone = 0;
      for (const seq of list) {
        if (!open(bySeq[seq]!)) {
          gone++;
          // A closed story takes no more articles and is never split: its vectors can go.
          bySeq[seq]!.traces = undefined;
        }
        else if (seq !== exclude) hits.set(seq, (hits.get(seq) ?? 0) + 1);
      }
      // Merged and closed stories leave the index lazily.
      if (gone > 0) postings.set(t, list.filter((seq) => open(bySeq[seq]!)));
    }
    return [...hits]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([seq]) => bySeq[seq]!);
  }

  /**
   * Weighted mean of the per-channel cosines, over the channels present on both sides (a story
   * and an article without numbers are compared on words and names only).
   */
  function combine(cos: readonly number[], present: readonly boolean[]): number {
    let total = 0;
    let score = 0;
    for (const ch of CHANNELS) {
      if (!present[ch]) continue;
      total += weight[ch];
      score += weight[ch] * cos[ch]!;
    }
    return total === 0 ? 0 : score / total;
  }

  /** Similarity of a prepared article with a story; fills `contrib` (term → share of the score) when given. */
  function similarity(a: readonly Prepared[], s: Story, contrib?: Map<string, number>): number {
    refreshNorms(s);
    const cos = [0, 0, 0];
    const present = [false, false, false];
    for (const ch of CHANNELS) {
      const p = a[ch]!;
      const n = s.norm[ch];
      if (p.norm === 0 || n === 0) continue;
      present[ch] = true;
      const c = s.centroid[ch];
      let dot = 0;
      for (const [t, x] of p.entries) {
        const y = c.get(t);
        if (y !== undefined) {
          dot += x * y;
          contrib?.set(t, (contrib.get(t) ?? 0) + (x * y * weight[ch]) / n);
        }
      }
      cos[ch] = dot / n;
    }
    return combine(cos, present);
  }

  /** Centroid-to-centroid similarity of two stories, with per-term contributions. */
  function storySimilarity(a: Story, b: Story, contrib: Map<string, number>): number {
    refreshNorms(a);
    refreshNorms(b);
    const cos = [0, 0, 0];
    const present = [false, false, false];
    for (const ch of CHANNELS) {
      const na = a.norm[ch];
      const nb = b.norm[ch];
      if (na === 0 || nb === 0) continue;
      present[ch] = true;
      const [small, big] = a.centroid[ch].size <= b.centroid[ch].size ? [a.centroid[ch], b.centroid[ch]] : [b.centroid[ch], a.centroid[ch]];
      let dot = 0;
      for (const [t, x] of small) {
        const y = big.get(t);
        if (y === undefined) continue;
        const i = idf(t);
        const d = x * y * i * i;
        dot += d;
        contrib.set(t, (contrib.get(t) ?? 0) + (d * weight[ch]) / (na * nb));
      }
      cos[ch] = dot / (na * nb);
    }
    return combine(cos, present);
  }

  /** The terms that contributed most, as readable forms, one per spelling regardless of case. */
  function evidence(contrib: Map<string, number>, surface: (t: string) => string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const [t] of [...contrib].filter(([, c]) => c > 0).sort(byWeightThenTerm)) {
      const form = surface(t);
      const key = form.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(form);
      if (out.length === settings.evidenceTerms) break;
    }
    return out;
  }

  /** A readable form of a feature when no surface form is at hand (story-to-story evidence): names lower-cased, numbers bare. */
  function surfaceOf(t: string): string {
    if (t.startsWith(NAME_PREFIX)) return t.slice(NAME_PREFIX.length);
    return t.startsWith(NUMBER_PREFIX) ? t.slice(NUMBER_PREFIX.length) : t;
  }

  function addVector(into: Vector, v: Vector, scale: number): void {
    for (const [t, x] of v) into.set(t, (into.get(t) ?? 0) + x * scale);
  }

  /** Keep the heaviest terms of a centroid once it outgrows the limit by half. */
  function prune(v: Vector): Vector {
    if (v.size <= settings.maxCentroidTerms * 1.5) return v;
    return new Map([...v].sort(byWeightThenTerm).slice(0, settings.maxCentroidTerms));
  }

  function widen(s: Story, first: string | undefined, last: string | undefined): void {
    const fd = toDay(first);
    const ld = toDay(last);
    if (!Number.isNaN(fd) && (Number.isNaN(s.firstDay) || fd < s.firstDay)) {
      s.firstDay = fd;
      s.firstSeen = first;
    }
    if (!Number.isNaN(ld) && (Number.isNaN(s.lastDay) || ld > s.lastDay)) {
      s.lastDay = ld;
      s.lastSeen = last;
    }
  }

  function newStory(seq: number, id: string): Story {
    return {
      id,
      seq,
      title: undefined,
      members: [],
      firstSeen: undefined,
      lastSeen: undefined,
      firstDay: Number.NaN,
      lastDay: Number.NaN,
      centroid: [new Map(), new Map(), new Map()],
      keys: new Set(),
      norm: [0, 0, 0],
      normAt: 0,
      dirty: true,
      alive: true,
      events: [],
      traces: new Map(),
    };
  }

  /** Append to a story's log, keeping its creation and the latest events within `maxStoryEvents`. */
  function log(s: Story, event: StoryEvent): void {
    s.events.push(event);
    if (s.events.length > settings.maxStoryEvents) s.events.splice(1, s.events.length - settings.maxStoryEvents);
  }

  /** Merge `from` into `into`; returns the message. `at`: the article whose arrival caused it. */
  function merge(into: Story, from: Story, score: number, shared: string[], rule: string, threshold: number, at?: string): Message {
    if (into.traces !== undefined && from.traces !== undefined && into.members.length + from.members.length <= settings.splitMaxSize) {
      for (const [id, t] of from.traces) into.traces.set(id, t);
    } else {
      into.traces = undefined;
    }
    for (const ch of CHANNELS) {
      addVector(into.centroid[ch], from.centroid[ch], 1);
      into.centroid[ch] = prune(into.centroid[ch]);
    }
    into.members.push(...from.members);
    for (const m of from.members) articleStory.set(m.articleId, into.id);
    widen(into, from.firstSeen, from.lastSeen);
    if (into.title === undefined) into.title = from.title;
    for (const k of from.keys) index(into, k);
    into.dirty = true;
    touched.add(into.seq);
    touched.delete(from.seq);
    from.alive = false;
    byId.delete(from.id);
    mergedInto.set(from.id, into.id);
    from.traces = undefined;
    const reason = `Story ${from.id} was merged into ${into.id}: their articles are ${score.toFixed(2)} similar (threshold ${threshold}), sharing ${shared.slice(0, 5).join(', ') || 'their vocabulary'}.`;
    log(into, at === undefined ? { rule, reason, story: from.id } : { rule, reason, at, story: from.id });
    return {
      stage: 'cluster',
      ruleId: rule,
      reason,
      severity: 'info',
      data: { into: into.id, from: from.id, score, sharedTerms: shared },
    };
  }

  /** The larger story survives a merge (the older on a tie), so ids stay stable. */
  function survivor(a: Story, b: Story): [Story, Story] {
    if (a.members.length !== b.members.length) return a.members.length > b.members.length ? [a, b] : [b, a];
    return a.seq < b.seq ? [a, b] : [b, a];
  }

  function tryMerge(a: Story, b: Story, rule: string, threshold = settings.mergeThreshold, at?: string): Message | undefined {
    if (!a.alive || !b.alive) return undefined;
    if (timeFactor(a.firstDay, b) === 0 && timeFactor(a.lastDay, b) === 0) return undefined;
    const [big, small] = survivor(a, b);
    const contrib = new Map<string, number>();
    const score = storySimilarity(small, big, contrib);
    if (score < threshold) return undefined;
    return merge(big, small, score, evidence(contrib, surfaceOf), rule, threshold, at);
  }

  /** The article's compact vector for splitting: its most telling terms (tf-idf now) with their channel-normalised tf. */
  function trace(article: ClusterInput, raw: readonly Vector[]): Trace {
    const all: [string, number, number][] = [];
    for (const v of raw) {
      let sum = 0;
      for (const x of v.values()) sum += x * x;
      const n = Math.sqrt(sum);
      for (const [t, x] of v) all.push([t, x / n, (x / n) * idf(t)]);
    }
    all.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const top = all.slice(0, settings.splitVectorTerms);
    const out: { -readonly [K in keyof Trace]: Trace[K] } = { articleId: article.id, keys: top.map(([t]) => t).join('\t'), values: top.map(([, x]) => x) };
    if (article.title !== undefined && article.title.trim() !== '') out.title = article.title;
    if (article.published !== undefined) out.published = article.published;
    return out;
  }

  /** Title and date range of a story, recomputed from its members' traces (all present). */
  function describe(s: Story, traces: Map<string, Trace>): void {
    s.title = undefined;
    s.firstSeen = s.lastSeen = undefined;
    s.firstDay = s.lastDay = Number.NaN;
    for (const m of s.members) {
      const t = traces.get(m.articleId)!;
      if (s.title === undefined) s.title = t.title;
      widen(s, t.published, t.published);
    }
  }

  /** A fresh story id for the half split off, from its first article (made distinct if a live story has it). */
  function splitId(firstArticle: string): string {
    let id = storyIdFor(firstArticle);
    for (let n = 1; byId.has(id); n++) id = storyIdFor(`${firstArticle}\u0000split ${n}`);
    return id;
  }

  /** Cut `s` in two when its best halves are far apart; returns the message, or undefined when it stays whole. */
  function trySplit(s: Story): { message: Message; other: Story } | undefined {
    const traces = s.traces;
    if (traces === undefined || s.members.length < 2 * settings.splitMinSize || settings.splitThreshold === 0) return undefined;
    if (s.members.some((m) => !traces.has(m.articleId))) return undefined;
    const cut = bisect(
      s.members.map((m) => terms(traces.get(m.articleId)!)),
      { idf, weight, terms: Math.ceil(settings.evidenceTerms / 2) },
    );
    if (cut === undefined || cut.score >= settings.splitThreshold) return undefined;
    const moving = s.members.filter((_, i) => cut.side[i] === 1);
    if (moving.length < settings.splitMinSize) return undefined;
    const staying = s.members.filter((_, i) => cut.side[i] === 0);

    const id = splitId(moving[0]!.articleId);
    mergedInto.delete(id);
    const t = newStory(bySeq.length, id);
    bySeq.push(t);
    byId.set(id, t);
    s.members = staying;
    t.members = moving;
    const kept = new Map<string, Trace>();
    const moved = new Map<string, Trace>();
    for (const m of staying) kept.set(m.articleId, traces.get(m.articleId)!);
    for (const m of moving) moved.set(m.articleId, traces.get(m.articleId)!);
    s.traces = kept;
    t.traces = moved;
    // The half split off takes its members' compact vectors out of the story's centroid (the tail
    // terms they added stay behind, lightly weighted) and is built from them.
    for (const tr of moved.values()) {
      for (const [term, x] of terms(tr)) {
        const ch = channelOf(term);
        t.centroid[ch].set(term, (t.centroid[ch].get(term) ?? 0) + x);
        const left = (s.centroid[ch].get(term) ?? 0) - x;
        if (left > 1e-9) s.centroid[ch].set(term, left);
        else s.centroid[ch].delete(term);
        index(t, term);
      }
      articleStory.set(tr.articleId, id);
    }
    s.dirty = true;
    describe(s, kept);
    describe(t, moved);

    const keptTerms = cut.terms[0].map(surfaceOf);
    const movedTerms = cut.terms[1].map(surfaceOf);
    const reason =
      `Story ${s.id} was split: its two halves are only ${cut.score.toFixed(2)} similar (threshold ${settings.splitThreshold}); ` +
      `${moving.length} articles about ${movedTerms.slice(0, 5).join(', ') || 'other terms'} moved to ${id}, ` +
      `${staying.length} about ${keptTerms.slice(0, 5).join(', ') || 'other terms'} stayed.`;
    log(s, { rule: 'split-story', reason, story: id });
    log(t, { rule: 'split-story', reason, story: s.id });
    const message: Message = {
      stage: 'cluster',
      ruleId: 'split-story',
      reason,
      severity: 'info',
      data: {
        from: s.id,
        into: id,
        score: cut.score,
        threshold: settings.splitThreshold,
        moved: moving.map((m) => m.articleId),
        keptTerms,
        movedTerms,
      },
    };
    return { message, other: t };
  }

  function known(articleId: string): Assignment | undefined {
    const storyId = articleStory.get(articleId);
    if (storyId === undefined) return undefined;
    const m = byId.get(storyId)!.members.find((x) => x.articleId === articleId)!;
    return { ...m, storyId, action: 'joined', messages: [] };
  }

  function add(article: ClusterInput): Assignment {
    const seen = known(article.id);
    if (seen) return seen;
    const f = articleFeatures(article.title, article.text, settings);
    const raw: [Vector, Vector, Vector] = [f.words, f.names, f.numbers];
    setDocuments(documents + 1);
    for (const v of raw) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const prepared = raw.map(prepare);
    const day = toDay(article.published);
    if (day > latestDay || Number.isNaN(latestDay)) latestDay = day;
    const terms = queryTerms(prepared[NAMES]!, prepared[WORDS]!);

    let best: Story | undefined;
    let bestScore = 0;
    const close: { s: Story; score: number }[] = [];
    for (const s of candidates(terms, settings.maxCandidates)) {
      const decay = timeFactor(day, s);
      if (decay === 0) continue;
      const score = similarity(prepared, s) * decay;
      if (score >= settings.joinThreshold) close.push({ s, score });
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }

    let story: Story;
    let action: 'joined' | 'created';
    let shared: string[] = [];
    let score = 1;
    if (best !== undefined && bestScore >= settings.joinThreshold) {
      story = best;
      action = 'joined';
      score = bestScore;
      const contrib = new Map<string, number>();
      similarity(prepared, story, contrib);
      shared = evidence(contrib, (t) => f.surface.get(t) ?? surfaceOf(t));
    } else {
      story = newStory(bySeq.length, storyIdFor(article.id));
      bySeq.push(story);
      byId.set(story.id, story);
      action = 'created';
      const why = best === undefined ? 'no open story shares its telling terms' : `no open story was similar enough (best ${bestScore.toFixed(2)}, threshold ${settings.joinThreshold})`;
      log(story, { rule: 'create-story', reason: `Started by article ${article.id}: ${why}.`, at: article.id });
    }
    for (const ch of CHANNELS) {
      let sum = 0;
      for (const x of raw[ch].values()) sum += x * x;
      if (sum > 0) addVector(story.centroid[ch], raw[ch], 1 / Math.sqrt(sum));
      story.centroid[ch] = prune(story.centroid[ch]);
    }
    story.dirty = true;
    touched.add(story.seq);
    if (story.title === undefined && article.title !== undefined && article.title.trim() !== '') story.title = article.title;
    widen(story, article.published, article.published);
    const member: StoryMember = { articleId: article.id, score, sharedTerms: shared };
    story.members.push(member);
    if (story.traces !== undefined && story.members.length <= settings.splitMaxSize) {
      story.traces.set(article.id, trace(article, raw));
    } else {
      story.traces = undefined;
    }
    articleStory.set(article.id, story.id);
    for (const t of terms) index(story, t);

    // The article may bridge its story and another close one: merge them when their centroids agree.
    const messages: Message[] = [];
    const merged: string[] = [];
    let current = story;
    close.sort((a, b) => b.score - a.score || a.s.seq - b.s.seq);
    for (const { s: other } of close.slice(0, settings.mergeCandidates)) {
      if (other === current || !other.alive) continue;
      const msg = tryMerge(current, other, 'merge-close-stories', settings.mergeThreshold, article.id);
      if (msg === undefined) continue;
      messages.push(msg);
      const { into, from } = msg.data as { into: string; from: string };
      merged.push(from);
      current = byId.get(into)!;
    }
    const result: Assignment = { ...member, storyId: current.id, action, messages };
    return merged.length > 0 ? { ...result, merged } : result;
  }

  function consolidate(): Message[] {
    const messages: Message[] = [];
    // Closed stories are never split: their per-article vectors go, which keeps the state bounded
    // by the open stories (lookups drop them too, but only for stories they come across).
    for (const s of bySeq) if (s.traces !== undefined && !open(s)) s.traces = undefined;
    // Only stories changed since the last pass can have come close to another.
    const work = [...touched].sort((a, b) => a - b);
    touched.clear();
    for (let round = work; round.length > 0; ) {
      const next = new Set<number>();
      for (const seq of round) {
        const s = bySeq[seq]!;
        if (!open(s)) continue;
        for (const other of candidates(s.keys, settings.mergeCandidates, s.seq)) {
          if (!s.alive) break;
          const msg = tryMerge(s, other, 'consolidate-close-stories', settings.consolidateThreshold);
          if (msg === undefined) continue;
          messages.push(msg);
          next.add(byId.get((msg.data as { into: string }).into)!.seq);
        }
      }
      round = [...next].sort((a, b) => a - b);
      for (const seq of round) work.push(seq);
    }
    touched.clear();
    // Small stories are often articles that came before their story had taken shape: attach each
    // to its most similar larger story when close enough.
    for (const seq of [...new Set(work)].sort((a, b) => a - b)) {
      const s = bySeq[seq]!;
      if (!open(s) || s.members.length > settings.attachMaxSize) continue;
      let best: Story | undefined;
      let bestScore = settings.attachThreshold;
      let bestShared: string[] = [];
      for (const other of candidates(s.keys, settings.mergeCandidates, s.seq)) {
        if (other.members.length <= s.members.length) continue;
        if (timeFactor(s.firstDay, other) === 0 && timeFactor(s.lastDay, other) === 0) continue;
        const contrib = new Map<string, number>();
        const score = storySimilarity(s, other, contrib);
        if (score >= bestScore) {
          best = other;
          bestScore = score;
          bestShared = evidence(contrib, surfaceOf);
        }
      }
      if (best !== undefined) messages.push(merge(best, s, bestScore, bestShared, 'attach-small-story', settings.attachThreshold));
    }
    touched.clear();
    // A changed story may have become two events (an ambiguous article bridged them, and each has
    // since gathered its own articles): cut it in two, and look at both halves again.
    const queue = [...new Set(work)].sort((a, b) => a - b);
    for (let i = 0; i < queue.length; i++) {
      const s = bySeq[queue[i]!]!;
      if (!s.alive) continue;
      if (!open(s)) {
        s.traces = undefined;
        continue;
      }
      const done = trySplit(s);
      if (done === undefined) continue;
      messages.push(done.message);
      queue.push(s.seq, done.other.seq);
    }
    return messages;
  }

  function view(s: Story): StoryView {
    const v: { -readonly [K in keyof StoryView]: StoryView[K] } = { id: s.id, members: [...s.members], events: [...s.events] };
    if (s.title !== undefined) v.title = s.title;
    if (s.firstSeen !== undefined) v.firstSeen = s.firstSeen;
    if (s.lastSeen !== undefined) v.lastSeen = s.lastSeen;
    return v;
  }

  function snapshot(): ClusterState {
    const stories = bySeq
      .filter((s) => s.alive)
      .map((s) => {
        const st: { -readonly [K in keyof StoryState]: StoryState[K] } = {
          id: s.id,
          seq: s.seq,
          members: [...s.members],
          words: [...s.centroid[WORDS]],
          names: [...s.centroid[NAMES]],
          numbers: [...s.centroid[NUMBERS]],
          keys: [...s.keys],
          norms: s.dirty ? [0, 0, 0, -1] : [s.norm[0], s.norm[1], s.norm[2], s.normAt],
          events: [...s.events],
        };
        if (s.traces !== undefined) st.traces = [...s.traces.values()].map(expand);
        if (s.title !== undefined) st.title = s.title;
        if (s.firstSeen !== undefined) st.firstSeen = s.firstSeen;
        if (s.lastSeen !== undefined) st.lastSeen = s.lastSeen;
        return st;
      });
    const touchedIds = [...touched].sort((a, b) => a - b).map((seq) => bySeq[seq]!.id);
    return { version: 1, documents, df: [...df], stories, merged: [...mergedInto], touched: touchedIds };
  }

  function restore(st: ClusterState): void {
    if (st === null || typeof st !== 'object' || st.version !== 1 || !Array.isArray(st.stories) || !Array.isArray(st.df)) {
      throw createError('CLUSTER_STATE_INVALID', { detail: `not a version 1 clustering state` });
    }
    setDocuments(st.documents);
    for (const [t, c] of st.df) df.set(t, c);
    for (const [from, to] of st.merged) mergedInto.set(from, to);
    for (const ss of st.stories) {
      if (ss.seq < bySeq.length) throw createError('CLUSTER_STATE_INVALID', { detail: `story ${ss.id} is out of order` });
      // Placeholders for stories merged away keep sequence numbers aligned.
      while (bySeq.length < ss.seq) {
        const gone = newStory(bySeq.length, '');
        gone.alive = false;
        bySeq.push(gone);
      }
      const s = newStory(ss.seq, ss.id);
      s.title = ss.title;
      s.members = [...ss.members];
      s.centroid = [new Map(ss.words), new Map(ss.names), new Map(ss.numbers)];
      s.events = [...(ss.events ?? [])];
      s.traces = ss.traces === undefined ? undefined : new Map(ss.traces.map((t: MemberTrace): [string, Trace] => [t.articleId, compact(t)]));
      widen(s, ss.firstSeen, ss.lastSeen);
      const [nw, nn, nd, at] = ss.norms;
      if (at >= 0) {
        s.norm = [nw, nn, nd];
        s.normAt = at;
        s.dirty = false;
      }
      bySeq.push(s);
      byId.set(s.id, s);
      for (const m of s.members) articleStory.set(m.articleId, s.id);
      for (const k of ss.keys) index(s, k);
      if (s.lastDay > latestDay || Number.isNaN(latestDay)) latestDay = s.lastDay;
    }
    for (const id of st.touched ?? []) {
      const s = byId.get(id);
      if (s) touched.add(s.seq);
    }
  }

  if (state !== undefined) restore(state);

  return {
    add,
    consolidate,
    storyOf(articleId) {
      let id = articleStory.get(articleId);
      for (let next = id && mergedInto.get(id); next !== undefined && next !== ''; next = mergedInto.get(next)) id = next;
      return id;
    },
    stories: () => bySeq.filter((s) => s.alive).map(view),
    snapshot,
  };
}
