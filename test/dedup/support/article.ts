/** A minimal stored-article shape around a dedup input, for driving the dedup stage in tests. */
import type { Article } from '../../../src/model/article.js';
import type { DedupInput } from '../../../src/pipeline/dedup/index.js';

export function asArticle(a: DedupInput): Article {
  return {
    id: a.id,
    documentId: `doc_${a.id}`,
    text: a.text,
    paragraphs: [],
    part: 0,
    extractedText: a.text,
    sourceMap: [],
    credits: a.credits,
    language: { code: 'en', confidence: 1, source: 'detected' },
    sentences: [],
    wordCount: 0,
    ...(a.url ? { url: a.url } : {}),
    ...(a.siteName ? { siteName: a.siteName } : {}),
    ...(a.published ? { publishedResolved: { value: a.published, precision: 'datetime', source: 'meta' } } : {}),
  };
}
