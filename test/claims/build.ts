/**
 * Test support for claims: a story from small hand-written articles (one paragraph per line,
 * sentences split at end punctuation).
 */
import type { Span } from '../../src/model/message.js';
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';

export interface ArticleSpec {
  readonly id: string;
  readonly site?: string;
  readonly familyId?: string;
  readonly published?: string;
  readonly text: string;
  /** `paragraph`: each paragraph is one sentence (as a splitter that keeps quotes whole gives). */
  readonly sentences?: 'paragraph';
}

function spans(text: string, pattern: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const trimmed = m[0].trimEnd();
    if (trimmed.trim() !== '') out.push({ start, end: start + trimmed.length });
  }
  return out;
}

/** One article: paragraphs are lines, sentences end at . ! ? (with any closing quote). */
export function article(spec: ArticleSpec): StoryArticle {
  const text = spec.text;
  const paragraphs = spans(text, /[^\n]+/g);
  const sentences: Span[] = [];
  for (const p of paragraphs) {
    if (spec.sentences === 'paragraph') {
      sentences.push(p);
      continue;
    }
    const para = text.slice(p.start, p.end);
    for (const s of spans(para, /[^.!?]+(?:[.!?]+["”’]?|$)\s*/g)) {
      let start = p.start + s.start;
      while (/\s/.test(text[start]!)) start++;
      sentences.push({ start, end: p.start + s.end });
    }
  }
  return {
    id: spec.id,
    text,
    paragraphs,
    sentences,
    site: spec.site ?? spec.id,
    familyId: spec.familyId ?? `fam_${spec.id}`,
    derivation: 'original',
    ...(spec.published ? { published: spec.published } : {}),
    language: 'en',
    credits: [],
  };
}

/** A story of the given articles. */
export function story(...specs: ArticleSpec[]): StoryInput {
  return { storyId: 'sty_test', title: 'test', articles: specs.map(article) };
}
