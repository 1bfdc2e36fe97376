/**
 * Test support: ingest a folder (the seeds, the fictional example) into an in-memory store, build
 * its stories, and hand back each story as the analyses read it, largest first.
 */
import { fileURLToPath } from 'node:url';
import type { Span } from '../../src/model/message.js';
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';
import { runIngest } from '../../src/pipeline/run.js';
import { loadStoryInput } from '../../src/pipeline/story-input.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';

/** The five real seed articles (read at run time, never copied into the project). */
export const SEEDS_DIR = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
/** The fictional Harbor Accord example's inputs. */
export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));

/** Every story of the ingested folder, largest first (by articles, then id). */
export async function storiesOf(dir: string): Promise<StoryInput[]> {
  const store = await openStore(':memory:');
  try {
    const summary = await runIngest({ inputs: [dir], store });
    if (summary.failures.length > 0) throw new Error(`ingest of ${dir} failed: ${JSON.stringify(summary.failures)}`);
    await runStories({ store });
    const { items } = await store.stories.list({ limit: 1000 });
    const out: StoryInput[] = [];
    for (const s of items) out.push(await loadStoryInput(store, s.id, ':memory:'));
    return out.sort((a, b) => b.articles.length - a.articles.length || a.storyId.localeCompare(b.storyId));
  } finally {
    await store.close();
  }
}

/**
 * A hand-written story article: one sentence (and paragraph) per line, joined by blank lines;
 * its outlet is `ID.example`.
 */
export function storyArticle(id: string, familyId: string, lines: readonly string[], published?: string): StoryArticle {
  const text = lines.join('\n\n');
  const sentences: Span[] = [];
  let at = 0;
  for (const l of lines) {
    sentences.push({ start: at, end: at + l.length });
    at += l.length + 2;
  }
  return { id, text, paragraphs: sentences, sentences, site: `${id}.example`, familyId, derivation: 'original', language: 'en', credits: [], ...(published ? { published } : {}) };
}

/** A story of hand-written articles. */
export function storyOf(articles: readonly StoryArticle[]): StoryInput {
  return { storyId: 's', title: 't', articles };
}
