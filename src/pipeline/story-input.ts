/**
 * Load a stored story as a {@link StoryInput}: the one place that reads a story's articles out of
 * the store for analysis (CLI commands, the server, the report all go through it).
 */
import { comparePublished } from '../model/published.js';
import path from 'node:path';
import { createError } from '../errors.js';
import type { Store, StoredArticle } from '../store/store.js';
import type { StoryArticle, StoryInput } from './analyze/input.js';
import { currentOutletRegistry } from './analyze/outlets/config.js';
import { nameFileLabels } from './analyze/outlets/index.js';

/**
 * Read story `id` (a story id, or the id of an article in it) with its members' texts and
 * families, in reading order (publication date, then id). Throws `STORY_NOT_FOUND` naming
 * `location` when there is no such story.
 */
export async function loadStoryInput(store: Store, id: string, location: string): Promise<StoryInput> {
  const storyId = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
  const story = storyId ? await store.stories.get(storyId) : undefined;
  if (!story) throw createError('STORY_NOT_FOUND', { id, db: location });
  const member = new Map(story.members.map((m) => [m.articleId, m] as const));
  const stored = await store.articles.getMany(story.members.map((m) => m.articleId));
  const articles: StoryArticle[] = stored.map((s) => {
    const m = member.get(s.article.id)!;
    const published = s.article.publishedResolved?.value ?? s.article.published?.value;
    return {
      id: s.article.id,
      text: s.article.text,
      paragraphs: s.article.paragraphs,
      sentences: s.article.sentences,
      site: siteOf(s),
      familyId: m.familyId,
      derivation: m.derivation,
      ...(s.article.title !== undefined ? { title: s.article.title } : {}),
      ...(s.article.url !== undefined ? { url: s.article.url } : {}),
      ...(published !== undefined ? { published } : {}),
      language: s.article.language.code,
      credits: s.article.credits,
    };
  });
  articles.sort((a, b) => comparePublished(a.published, b.published) || a.id.localeCompare(b.id));
  // A text without URL or site name is named by the outlet it is recognised as, never its file name.
  return { storyId: story.story.id, title: story.story.title, articles: nameFileLabels(articles, currentOutletRegistry()) };
}

/**
 * The outlet as the page gives it: site name, else host, else the file name (which
 * `loadStoryInput` then replaces by the outlet's name; see `nameFileLabels`).
 */
export function siteOf(s: StoredArticle): string {
  if (s.article.siteName) return s.article.siteName;
  if (s.article.url) {
    try {
      return new URL(s.article.url).host.replace(/^www\./, '');
    } catch {
      // not a URL: fall through to the locator
    }
  }
  return path.basename(s.document.origin.locator);
}
