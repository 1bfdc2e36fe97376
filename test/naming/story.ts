/** Test helper: a hand-made story of short articles, one paragraph per line. */
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';

/** One article of a hand-made story; paragraphs are its non-blank lines. */
export function article(id: string, site: string, text: string): StoryArticle {
  const paragraphs: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') paragraphs.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  return { id, text, paragraphs, sentences: paragraphs, site, familyId: `fam_${id}`, derivation: 'original', language: 'en', credits: [] };
}

/** A story of the given articles. */
export function story(...articles: StoryArticle[]): StoryInput {
  return { storyId: 'sty_test', title: 'test', articles };
}
