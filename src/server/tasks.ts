/**
 * The server's heavy work, as tasks that name a stored story and answer with serialised text: a
 * report (JSON, HTML page or its claims), who said what (statements), people over several stories,
 * and across the stored reports: statements by speaker or words, the outlets and one outlet's profile.
 * The same `createAnalysisTasks(store)` runs inside the analysis workers (`worker.ts`) and, for a
 * store no worker can open (`:memory:`), in-process; the main thread only passes text on.
 *
 * Each task carries the story's member fingerprint, so the few report objects remembered here
 * (three views of one report are often asked in a row) never outlive a change of the story.
 */
import { createError } from '../errors.js';
import type { StoryReport } from '../model/report.js';
import { readAnalysis, searchStatements, type StatementQuery } from '../pipeline/analyses.js';
import type { Store } from '../store/store.js';
import type { StoryClaims, StoryQuotes } from './analysis.js';

/** A story as a task names it: its id and the fingerprint of its members when the task was made. */
export interface TaskStory {
  readonly storyId: string;
  readonly fingerprint: string;
}

export type AnalysisTask =
  | { readonly kind: 'report-json' | 'report-html' | 'claims' | 'statements'; readonly story: TaskStory }
  | { readonly kind: 'people'; readonly stories: readonly TaskStory[] }
  | { readonly kind: 'search-statements'; readonly query: StatementQuery }
  | { readonly kind: 'outlets' }
  | { readonly kind: 'outlet'; readonly name: string };

/** Runs analysis tasks; the answer is the response body (JSON text, or HTML for `report-html`). */
export interface AnalysisRunner {
  run(task: AnalysisTask): Promise<string>;
  /** Tasks computing now and waiting for a worker. */
  load(): { readonly running: number; readonly queued: number };
  /** Stop: tasks not finished are rejected, workers end. */
  close(): Promise<void>;
}

export interface AnalysisTasksOptions {
  readonly store: Store;
  /** How the store is named in errors. */
  readonly location: string;
  /** Report and statements objects remembered per runner (most recent first). */
  readonly memoSize: number;
}

/** The task computations over one store connection (see the module comment). */
export function createAnalysisTasks(options: AnalysisTasksOptions): { run(task: AnalysisTask): Promise<string> } {
  const { store, location, memoSize } = options;
  const memo = new Map<string, Promise<unknown>>();
  const remember = <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    const hit = memo.get(key);
    if (hit) {
      memo.delete(key);
      memo.set(key, hit);
      return hit as Promise<T>;
    }
    const running = compute();
    memo.set(key, running);
    running.catch(() => memo.delete(key));
    while (memo.size > memoSize) memo.delete(memo.keys().next().value as string);
    return running;
  };

  // The stored analysis when current; otherwise computed here (the NLP modules load on the first
  // such analysis, not when the worker starts) and stored for every later reader.
  const report = (s: TaskStory): Promise<StoryReport> =>
    remember(`report:${s.storyId}:${s.fingerprint}`, async () => (await readAnalysis(store, s.storyId, 'report', location)).body);

  const statements = (s: TaskStory): Promise<StoryQuotes> =>
    remember(`statements:${s.storyId}:${s.fingerprint}`, async () => (await readAnalysis(store, s.storyId, 'statements', location)).body);

  return {
    async run(task) {
      switch (task.kind) {
        case 'report-json':
          return JSON.stringify(await report(task.story));
        case 'report-html': {
          const { renderReport } = await import('../pipeline/synthesize/render.js');
          return renderReport(await report(task.story), 'html');
        }
        case 'claims': {
          const r = await report(task.story);
          const body: StoryClaims = { storyId: r.storyId, sourceCount: r.sourceCount, claims: r.claims, coverage: r.coverage };
          return JSON.stringify(body);
        }
        case 'statements':
          return JSON.stringify(await statements(task.story));
        case 'people': {
          const { mergePeople } = await import('../pipeline/analyze/statements/index.js');
          const per = [];
          for (const s of task.stories) per.push({ storyId: s.storyId, people: (await statements(s)).people });
          return JSON.stringify({ stories: per.map((p) => p.storyId), people: mergePeople(per) });
        }
        case 'search-statements':
          return JSON.stringify(await searchStatements(store, task.query));
        case 'outlets': {
          // The registry in use where the task runs: bundled plus $PARALLAX_OUTLETS (workers share the environment).
          const [{ storeOutlets }, { currentOutletRegistry }] = await Promise.all([import('../pipeline/outlets.js'), import('../pipeline/analyze/outlets/config.js')]);
          return JSON.stringify(await storeOutlets(store, currentOutletRegistry()));
        }
        case 'outlet': {
          const [{ storeOutletProfile }, { currentOutletRegistry }] = await Promise.all([import('../pipeline/outlets.js'), import('../pipeline/analyze/outlets/config.js')]);
          return JSON.stringify(await storeOutletProfile(store, task.name, currentOutletRegistry(), location));
        }
        default:
          throw createError('INTERNAL', { detail: `unknown analysis task ${(task as { kind: string }).kind}` });
      }
    },
  };
}

/** A runner computing on the calling thread: for stores a worker cannot open (`:memory:`). */
export function createInProcessRunner(options: AnalysisTasksOptions): AnalysisRunner {
  const tasks = createAnalysisTasks(options);
  let running = 0;
  return {
    async run(task) {
      running++;
      try {
        return await tasks.run(task);
      } finally {
        running--;
      }
    },
    load: () => ({ running, queued: 0 }),
    close: async () => {},
  };
}
