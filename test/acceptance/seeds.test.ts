/**
 * Acceptance on the five real seed articles (read from ../shared/seeds at run time): the whole
 * ingest run, through the store, gives six clean articles with every removal explained.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store, StoredArticle } from '../../src/store/store.js';
import { runIngest } from '../../src/pipeline/run.js';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

describe.skipIf(!existsSync(SEEDS))('ingesting the seed articles', () => {
  let store: Store;
  let articles: StoredArticle[];
  beforeAll(async () => {
    store = await openStore(':memory:');
    const summary = await runIngest({ inputs: [SEEDS], store });
    expect(summary.failures).toEqual([]);
    articles = [];
    for await (const a of store.articles.iterate()) articles.push(a);
  });
  afterAll(() => store.close());

  it('stores six articles from five files, one file split in two', () => {
    const files = readdirSync(SEEDS).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(5);
    expect(articles).toHaveLength(6);
    const byDocument = new Map<string, StoredArticle[]>();
    for (const a of articles) byDocument.set(a.article.documentId, [...(byDocument.get(a.article.documentId) ?? []), a]);
    const split = [...byDocument.values()].filter((as) => as.length === 2);
    expect(split).toHaveLength(1);
    for (const part of split[0] ?? []) expect(part.messages.some((m) => m.ruleId.includes('split'))).toBe(true);
  });

  it('leaves no furniture line in any article', () => {
    for (const { article } of articles) {
      const paras = article.paragraphs.map((p) => article.text.slice(p.start, p.end));
      for (const p of paras) {
        expect(p, article.id).not.toMatch(/^\s*(TT|\d{1,3})\s*$/);
        expect(p, article.id).not.toMatch(/^Read more:?/i);
        expect(p, article.id).not.toMatch(/^Source\s*»/);
        expect(p, article.id).not.toMatch(/^\s*date \d{4}-\d{2}-\d{2}/);
        expect(p, article.id).not.toMatch(/\((?:Photo by [^)]*|[^)]*\/dpa)\)\s*$/);
      }
      expect(new Set(paras).size, `${article.id} repeats a paragraph`).toBe(paras.length);
    }
  });

  it('explains every removal with a rule, a reason and the span it removed', () => {
    const cleanMessages = articles.flatMap((a) => a.messages.filter((m) => m.stage === 'clean'));
    expect(cleanMessages.length).toBeGreaterThan(5);
    for (const m of cleanMessages) {
      expect(m.ruleId).toMatch(/^[a-z0-9-]+$/);
      expect(m.reason.length).toBeGreaterThan(10);
    }
    expect(cleanMessages.some((m) => m.span !== undefined && m.layer === 'extracted')).toBe(true);
  });

  it('gives every article a title, English, and sentences inside its text', () => {
    for (const { article } of articles) {
      expect(article.language.code).toBe('en');
      expect(article.sentences.length).toBeGreaterThan(3);
      for (const s of article.sentences) expect(s.end).toBeLessThanOrEqual(article.text.length);
    }
  });
});
