/**
 * The analyses run: after the stories run, each story whose stored analysis is missing or stale
 * (its members changed since, or it was computed by another version of the analyses) is analysed
 * once — its report and who said what — and the results are saved through the store. Reports in
 * every format, the web UI and the API then read the stored analysis instead of computing it per
 * request; {@link readAnalysis} computes and stores one on the first read of a story the run has
 * not reached yet.
 *
 * A result is stored only while its story still has the members it was computed for (see
 * `Store.saveAnalyses`), so an analysis racing a stories run never overwrites the story's new state.
 */
import { readFileSync } from 'node:fs';
import { createError, isParallaxError, type ParallaxError } from '../errors.js';
import type { StoryReport } from '../model/report.js';
import type { StoryStatements } from './analyze/statements/index.js';
import type { ReportStage } from './synthesize/index.js';
import type { Store } from '../store/store.js';
import type { StoredAnalysis } from '../store/stories.js';
import { loadStoryInput } from './story-input.js';
import { feedFollows } from './follow/run.js';

/**
 * Version of what the analyses compute: a stored analysis of another version is stale. The
 * package version changes with every release (new rules, new fields); `SCHEMA` changes when the
 * stored shape changes between releases.
 */
// 2: reports carry the story's outlets (kind, country) and each article's outletKey.
// 3: reports carry the limits the analyses applied to a very large story.
const SCHEMA = 3;
const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { readonly version: string };
export const ANALYSES_VERSION = `${PACKAGE.version}/${SCHEMA}`;

/** The kinds of stored analysis, and the shape of each one's body. */
export interface AnalysisKinds {
  /** A story's report (`StoryReport`). */
  readonly report: StoryReport;
  /** Who said what: the statements analysis, its story's title and members. */
  readonly statements: StoredStatements;
}
export type AnalysisKind = keyof AnalysisKinds;
export const ANALYSIS_KINDS: readonly AnalysisKind[] = ['report', 'statements'];

/** A member of a story as the statements view shows it: its outlet and family. */
export interface StatementsMember {
  readonly articleId: string;
  readonly site: string;
  readonly familyId: string;
  readonly derivation: string;
}

/** Who said what in a story, as stored: the statements analysis without its per-article envelopes. */
export type StoredStatements = Omit<StoryStatements, 'articles'> & { readonly title: string; readonly members: readonly StatementsMember[] };

export interface AnalysesOptions {
  readonly store: Store;
  /** How the store is named in errors. */
  readonly location: string;
  /**
   * Analyse these stories (ids of stories or of articles in them) whatever their state; default:
   * every stale story. An id naming no story is a failure (STORY_NOT_FOUND) and the run goes on.
   */
  readonly storyIds?: readonly string[];
  readonly onProgress?: (p: { readonly done: number; readonly total: number; readonly storyId: string }) => void;
}

export interface AnalysesSummary {
  /** Stories analysed. */
  readonly analysed: number;
  /** Of them, those whose results were stored (the others changed meanwhile and stay stale). */
  readonly stored: number;
  /** Stories whose analysis failed, each with its error; the others are stored. */
  readonly failures: readonly { readonly storyId: string; readonly error: ParallaxError }[];
}

/** The analysis builders, made once per run: the report's mention recogniser is shared by the reports built one after another. */
interface Builders {
  readonly report: ReportStage;
}

/** Load the NLP modules (only when something is to be analysed) and make the builders. */
async function builders(): Promise<Builders> {
  const { createReport } = await import('./synthesize/index.js');
  return { report: createReport() };
}

/**
 * Compute every kind of analysis of one story. The report builds the story's statements analysis
 * on its way (the costliest part after the mentions) and hands it out: who-said-what is stored
 * from it rather than computed a second time.
 */
async function analyse(store: Store, storyId: string, location: string, build: Builders): Promise<{ readonly membersHash: string; readonly bodies: Record<AnalysisKind, string> }> {
  const fingerprint = (await store.stories.fingerprints(storyId)).get(storyId);
  if (fingerprint === undefined) throw createError('STORY_NOT_FOUND', { id: storyId, db: location });
  const input = await loadStoryInput(store, storyId, location);
  const built = build.report(input);
  const report = built.value;
  const { articles: _articles, ...statements } = built.statements;
  void _articles;
  const members: StatementsMember[] = input.articles.map((a) => ({ articleId: a.id, site: a.site, familyId: a.familyId, derivation: a.derivation }));
  const stored: StoredStatements = { ...statements, title: input.title, members };
  return { membersHash: fingerprint, bodies: { report: JSON.stringify(report), statements: JSON.stringify(stored) } };
}

function records(storyId: string, membersHash: string, bodies: Record<AnalysisKind, string>): StoredAnalysis[] {
  const computedAt = new Date().toISOString();
  return ANALYSIS_KINDS.map((kind) => ({ storyId, kind, membersHash, version: ANALYSES_VERSION, body: bodies[kind], computedAt }));
}

/** Resolve a story id or the id of an article in it. Throws STORY_NOT_FOUND. */
async function storyIdOf(store: Store, id: string, location: string): Promise<string> {
  const storyId = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
  if (storyId === undefined || (await store.stories.fingerprints(storyId)).size === 0) throw createError('STORY_NOT_FOUND', { id, db: location });
  return storyId;
}

/**
 * Analyse the stale stories (or `storyIds`) one at a time, largest first, storing each one's
 * results as soon as they are computed; a story whose analysis fails is reported and the run goes
 * on. Progress after each story.
 */
export async function runAnalyses(options: AnalysesOptions): Promise<AnalysesSummary> {
  const { store, location, onProgress } = options;
  const ids =
    options.storyIds !== undefined
      ? [...new Set(options.storyIds)]
      : [...new Set([...(await store.analysis.stale('report', ANALYSES_VERSION)), ...(await store.analysis.stale('statements', ANALYSES_VERSION))])];
  let analysed = 0;
  let stored = 0;
  const failures: { storyId: string; error: ParallaxError }[] = [];
  let build: Builders | undefined;
  for (const id of ids) {
    let storyId = id;
    try {
      storyId = await storyIdOf(store, id, location);
      build ??= await builders();
      const { membersHash, bodies } = await analyse(store, storyId, location, build);
      analysed++;
      if ((await store.saveAnalyses(records(storyId, membersHash, bodies))) > 0) stored++;
    } catch (err) {
      // A failed write of the store stops the run: the next stories would fail the same way.
      if (isParallaxError(err, 'STORE_WRITE_FAILED') || isParallaxError(err, 'STORE_CLOSED')) throw err;
      const error = isParallaxError(err) ? err : createError('INTERNAL', { detail: `analysis of ${storyId}: ${err instanceof Error ? err.message : String(err)}` }, err);
      failures.push({ storyId, error });
    }
    onProgress?.({ done: analysed + failures.length, total: ids.length, storyId });
  }
  // Follows get the new claims, conflicts and quotes of the stories analysed (never fails the run).
  await feedFollows(store, ids, { analysesVersion: ANALYSES_VERSION });
  return { analysed, stored, failures };
}

/** A stored analysis as read: its body, and whether it is the story's current one. */
export interface ReadAnalysis<K extends AnalysisKind> {
  readonly storyId: string;
  readonly body: AnalysisKinds[K];
  /** When it was computed (ISO 8601). */
  readonly computedAt: string;
  /** False when it was read stale (`allowStale`): the story changed or the analyses did since. */
  readonly current: boolean;
}

/**
 * Story `id`'s analysis of `kind` (a story id or the id of an article in it): the stored one when
 * it is current; otherwise computed now and stored (unless the store refuses writes), or, with
 * `allowStale`, the stale stored one when there is one. Throws STORY_NOT_FOUND.
 */
export async function readAnalysis<K extends AnalysisKind>(
  store: Store,
  id: string,
  kind: K,
  location: string,
  options: { readonly allowStale?: boolean; readonly save?: boolean } = {},
): Promise<ReadAnalysis<K>> {
  const storyId = await storyIdOf(store, id, location);
  const found = await store.analysis.get(storyId, kind);
  const current = found !== undefined && found.sameMembers && found.version === ANALYSES_VERSION;
  if (found !== undefined && (current || options.allowStale === true)) {
    return { storyId, body: JSON.parse(found.body) as AnalysisKinds[K], computedAt: found.computedAt, current };
  }
  const { membersHash, bodies } = await analyse(store, storyId, location, await builders());
  const rows = records(storyId, membersHash, bodies);
  if (options.save !== false) {
    try {
      await store.saveAnalyses(rows);
    } catch (err) {
      // A store that refuses writes (a read-only file) still answers; the next read computes again.
      if (!isParallaxError(err, 'STORE_WRITE_FAILED')) throw err;
    }
  }
  return { storyId, body: JSON.parse(bodies[kind]) as AnalysisKinds[K], computedAt: rows[0]!.computedAt, current: true };
}

/** A question to every story's stored statements: by whom (a name form) and with which words. */
export interface StatementQuery {
  /** Part of a name form of the speaker (any case); statements with no named speaker never match. */
  readonly speaker?: string;
  /** Words the statement's words must all hold (any case and accents). */
  readonly words?: string;
  /** At most this many statements (default 50). */
  readonly limit?: number;
}

/** A statement found across stories. */
export interface StatementHit {
  readonly storyId: string;
  readonly storyTitle: string;
  readonly speaker: string | null;
  /** The statement's most complete rendering. */
  readonly text: string;
  readonly articleId: string;
  readonly sites: readonly string[];
  /** Outlets rendering it, and in how many articles. */
  readonly articles: number;
}

/** Fold case and accents for matching. */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Find statements across every story's stored who-said-what analysis (stories not analysed yet are
 * not searched: `stale` says how many), story by story in id order, up to `limit`.
 */
export async function searchStatements(store: Store, query: StatementQuery): Promise<{ readonly hits: readonly StatementHit[]; readonly searched: number; readonly stale: number }> {
  const limit = query.limit ?? 50;
  const speaker = query.speaker === undefined ? undefined : fold(query.speaker.trim());
  const words = query.words === undefined ? [] : fold(query.words).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const hits: StatementHit[] = [];
  let searched = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.analysis.page('statements', after, 100);
    if (page.length === 0) break;
    for (const row of page) {
      searched++;
      const body = JSON.parse(row.body) as StoredStatements;
      const entities = new Map(body.entities.map((e) => [e.id, e] as const));
      for (const st of [...body.statements, ...body.single, ...body.unattributedStatements]) {
        const person = st.personId === null ? undefined : entities.get(st.personId);
        if (speaker !== undefined && (person === undefined || ![person.name, ...person.forms].some((f) => fold(f).includes(speaker)))) continue;
        const anchor = st.renderings.find((r) => r.anchor) ?? st.renderings[0];
        if (anchor === undefined) continue;
        if (words.length > 0) {
          const text = ` ${fold(anchor.text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
          if (!words.every((w) => text.includes(` ${w} `))) continue;
        }
        hits.push({ storyId: row.storyId, storyTitle: body.title, speaker: person?.name ?? null, text: anchor.text, articleId: anchor.quote.articleId, sites: st.sites, articles: st.articleIds.length });
        if (hits.length >= limit) return { hits, searched, stale: (await store.analysis.stale('statements', ANALYSES_VERSION)).length };
      }
    }
    after = page[page.length - 1]!.storyId;
  }
  return { hits, searched, stale: (await store.analysis.stale('statements', ANALYSES_VERSION)).length };
}
