/**
 * Run one fuzz case through the product path (files on disk → `runIngest` → `runStories` → a fresh
 * SQLite store) and check what the canaries technique asks: both canaries stored and in a story,
 * the hostile input stored or reported with an error naming it, no internal error, no crash, and
 * the case done within the time limit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { IngestRecord } from '../../src/store/store.js';
import type { FuzzCase } from './cases.js';

interface Limit {
  readonly value: number;
  readonly reason: string;
}
export const fuzzLimits = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as {
  readonly caseMs: Limit;
  readonly hangMs: Limit;
  readonly quickCases: Limit;
  readonly quickBytes: Limit;
};

/** Failures whose cause lies outside the stages this harness's owners may change, each with where and why. */
const known = JSON.parse(readFileSync(new URL('./known.json', import.meta.url), 'utf8')) as {
  readonly failures: readonly { readonly kind: string; readonly detail: string; readonly reason: string }[];
};

/** The known cause of a failure, if it is one already written up (see `known.json`). */
export function knownCause(failure: CaseFailure): string | undefined {
  return known.failures.find((k) => k.kind === failure.kind && failure.detail.includes(k.detail))?.reason;
}

/** What went wrong in a case, by kind: the summary groups failures by it. */
export type FailureKind = 'canary-lost' | 'canary-not-in-story' | 'hostile-unaccounted' | 'internal-error' | 'crash' | 'slow' | 'hang';

export interface CaseFailure {
  readonly kind: FailureKind;
  readonly detail: string;
}

export interface CaseResult {
  readonly id: string;
  readonly kind: string;
  readonly mutation: string;
  readonly ms: number;
  readonly bytes: number;
  readonly failures: readonly CaseFailure[];
  /** How the hostile input ended: codes of its failures, `stored` for stored documents. */
  readonly outcome: readonly string[];
}

/** The store, recording every document it is asked to save (the run's own saves, nothing added). */
function recording(store: Store, saved: IngestRecord[]): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'saveIngested') return Reflect.get(target, key, receiver) as unknown;
      return async (batch: readonly IngestRecord[]) => {
        const result = await target.saveIngested(batch);
        saved.push(...batch);
        return result;
      };
    },
  });
}

const oneLine = (s: string, max = 300): string => {
  const flat = JSON.stringify(s).slice(1, -1);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** Run a case in a scratch folder of its own (removed after). */
export async function runCase(c: FuzzCase, limits: { readonly caseMs: number } = { caseMs: fuzzLimits.caseMs.value }): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-fuzz-'));
  const bytes = c.files.reduce((n, f) => n + f.bytes.byteLength, 0);
  const base = { id: c.id, kind: c.kind, mutation: c.mutation, bytes };
  const rel = (locator: string): string => (locator.startsWith(`${dir}/`) ? locator.slice(dir.length + 1) : locator);
  try {
    const inputs = c.files.map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, f.bytes);
      return path;
    });
    const started = performance.now();
    const store = await openStore(join(dir, 'fuzz.db'));
    const saved: IngestRecord[] = [];
    const failures: CaseFailure[] = [];
    const outcome: string[] = [];
    try {
      let summary: Awaited<ReturnType<typeof runIngest>>;
      try {
        summary = await runIngest({ inputs, store: recording(store, saved) });
        await runStories({ store });
      } catch (err) {
        const e = err as Error;
        return { ...base, ms: performance.now() - started, outcome, failures: [{ kind: 'crash', detail: `the run threw ${e.name}: ${oneLine(e.message)} ${oneLine(e.stack?.split('\n').slice(1, 4).join(' <') ?? '')}` }] };
      }

      for (const f of summary.failures) {
        if (f.error.code === 'INTERNAL') failures.push({ kind: 'internal-error', detail: `${rel(f.input)}: ${oneLine(f.error.message)}` });
      }

      // Canaries: stored from where they were put, with their text, and in a story.
      const canaryLocators = new Set(c.canaries.map((k) => k.locator));
      for (const canary of c.canaries) {
        const found = saved.find((r) => rel(r.document.origin.locator) === canary.locator && r.articles.some((a) => a.article.text.includes(canary.marker)));
        const article = found?.articles.find((a) => a.article.text.includes(canary.marker))?.article;
        const stored = article === undefined ? undefined : await store.articles.get(article.id);
        if (article === undefined || stored === undefined) {
          // Reported itself, or inside a container reported whole (`feed.rss` for `feed.rss#1`).
          const failed = summary.failures.find((f) => rel(f.input) === canary.locator) ?? summary.failures.find((f) => canary.locator.startsWith(rel(f.input)));
          const why = failed !== undefined ? `reported ${failed.error.code}: ${oneLine(failed.error.message)}` : found !== undefined ? 'its document was saved without the article' : 'neither stored nor reported';
          failures.push({ kind: 'canary-lost', detail: `${canary.locator} (${canary.marker}): ${why}` });
          continue;
        }
        if ((await store.stories.ofArticle(article.id)) === undefined) failures.push({ kind: 'canary-not-in-story', detail: `${canary.locator} (${canary.marker}) is stored as ${article.id} but in no story` });
      }

      // The hostile input: each of its parts stored (with an article, or an error saying why not) or reported.
      const under = (locator: string) => rel(locator).startsWith(c.hostile.prefix);
      const isCanary = (r: IngestRecord) => canaryLocators.has(rel(r.document.origin.locator)) && c.canaries.some((k) => r.articles.some((a) => a.article.text.includes(k.marker)));
      const accounted = new Set<string>();
      for (const f of summary.failures.filter((x) => under(x.input))) {
        accounted.add(rel(f.input));
        outcome.push(f.error.code);
      }
      for (const r of saved.filter((x) => under(x.document.origin.locator) && !isCanary(x))) {
        const said = r.articles.length > 0 || r.documentMessages.some((m) => m.severity === 'error');
        if (!said) {
          failures.push({ kind: 'hostile-unaccounted', detail: `${rel(r.document.origin.locator)} was stored with no article and no error saying why` });
          continue;
        }
        accounted.add(rel(r.document.origin.locator));
        outcome.push(r.articles.length > 0 ? 'stored' : 'stored-empty');
      }
      const missing = (c.hostile.each ?? []).filter((l) => !accounted.has(l));
      const silent = failures.some((f) => f.kind === 'hostile-unaccounted');
      if (!silent && (missing.length > 0 || accounted.size === 0)) {
        const skipped = summary.skipped > 0 ? ` (${summary.skipped} document(s) skipped as already met)` : '';
        failures.push({ kind: 'hostile-unaccounted', detail: `${missing.length > 0 ? missing.slice(0, 5).join(', ') : c.hostile.prefix} neither stored nor reported${skipped}` });
      }
      const ms = performance.now() - started;
      if (ms > limits.caseMs) failures.push({ kind: 'slow', detail: `took ${Math.round(ms)} ms, over ${limits.caseMs} ms` });
      return { ...base, ms, failures, outcome: [...new Set(outcome)].sort() };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
