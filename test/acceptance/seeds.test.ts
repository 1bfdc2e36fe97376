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
import { runStories } from '../../src/pipeline/stories.js';
import { storyPrimarySources } from '../../src/pipeline/synthesize/index.js';

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
    await runStories({ store });
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

  it('groups the five articles on one meeting into one story and the split-off article into another', async () => {
    const parts = articles.filter((a) => articles.filter((b) => b.article.documentId === a.article.documentId).length === 2);
    const first = parts.find((a) => a.article.part === 0);
    const second = parts.find((a) => a.article.part === 1);
    const mainId = await store.stories.ofArticle(first?.article.id ?? '');
    const otherId = await store.stories.ofArticle(second?.article.id ?? '');
    expect(mainId).toBeDefined();
    expect(otherId).toBeDefined();
    expect(otherId).not.toBe(mainId);
    const main = await store.stories.get(mainId ?? '');
    expect(main?.members).toHaveLength(5);
    expect((await store.stories.get(otherId ?? ''))?.members).toHaveLength(1);
    expect(await store.stories.count()).toBe(2);
  });

  it('counts the credited repost and its original as one source: four independent sources', async () => {
    const mainId = await store.stories.ofArticle(articles.find((a) => a.article.credits.some((c) => c.role === 'source'))?.article.id ?? '');
    const main = await store.stories.get(mainId ?? '');
    expect(main?.story.sourceCount).toBe(4);
    expect(main?.families).toHaveLength(4);
    const reposted = articles.find((a) => a.article.credits.some((c) => c.role === 'source'));
    const family = main?.families.find((f) => f.members.some((m) => m.articleId === reposted?.article.id));
    expect(family?.members).toHaveLength(2);
    // The copy is the article that credits another outlet as its source; the original is the other one.
    expect(family?.originalId).not.toBe(reposted?.article.id);
    expect(family?.members.find((m) => m.articleId === reposted?.article.id)?.derivation).toMatch(/verbatim|partial/);
  });

  it('says what the four sources rest on: one official readout behind three of them, the credited repost’s family on its own', async () => {
    const reposted = articles.find((a) => a.article.credits.some((c) => c.role === 'source'));
    const mainId = await store.stories.ofArticle(reposted?.article.id ?? '');
    const main = await store.stories.get(mainId ?? '');
    const p = await storyPrimarySources(store, mainId ?? '', ':memory:');
    expect(p.familyCount).toBe(4);
    expect(p.count).toBe(2);
    const readout = p.sources.find((s) => s.kind === 'readout');
    expect(readout?.families).toHaveLength(3);
    // The readout is the speaker's own channel that one of the families cites, and its evidence says so.
    expect(readout?.evidence.some((e) => /the speaker's own channel/.test(e.reason))).toBe(true);
    const repostFamily = main?.families.find((f) => f.members.some((m) => m.articleId === reposted?.article.id));
    expect(readout?.families).not.toContain(repostFamily?.id);
    expect(readout?.drawnOnBy).toContain(repostFamily?.id);
    expect(p.summary).toMatch(/^4 independent sources, resting on 2 primary sources: .*official readout.*\(3\)/);
  }, 60_000);
});
