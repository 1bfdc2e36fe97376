/**
 * A document is its content and its origin: the same text from two outlets is two documents (one
 * family of one source), while the same input seen again adds nothing, or only the metadata the
 * stored one lacked.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storyCorpus } from '../../bench/story-corpus.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore, type Store } from '../../src/store/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const [event] = [...storyCorpus(1, 8)];
const TEXT = event!.text;

function jsonl(name: string, records: readonly Record<string, string>[]): string {
  const file = path.join(dir, `${++n}-${name}`);
  writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

function textFile(name: string, text: string): string {
  const folder = path.join(dir, `${++n}`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe('document identity', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores one text published by two outlets as two articles, in one story as one family of one source', async () => {
    const file = jsonl('two-outlets.jsonl', [
      { url: 'https://broadcaster.example/news/ferry', outlet: 'National Broadcaster', title: event!.title, published: event!.published, text: TEXT },
      { url: 'https://metals.example/blog/ferry', outlet: 'Metals Dealer', title: event!.title, published: event!.published, text: TEXT },
    ]);
    const summary = await runIngest({ inputs: [file], store });
    expect(summary).toMatchObject({ documents: 2, added: 2, skipped: 0, articles: 2 });
    const { items } = await store.articles.list();
    expect(items.map((a) => a.siteName).sort()).toEqual(['Metals Dealer', 'National Broadcaster']);
    expect(new Set(items.map((a) => a.documentId)).size).toBe(2);

    await runStories({ store });
    const storyId = await store.stories.ofArticle(items[0]!.id);
    expect(storyId).toBeDefined();
    expect(await store.stories.ofArticle(items[1]!.id)).toBe(storyId);
    const story = await store.stories.get(storyId!);
    expect(story?.story.sourceCount).toBe(1);
    expect(story?.families).toHaveLength(1);
    expect(story?.families[0]!.members.map((m) => m.derivation).sort()).toEqual(['original', 'verbatim']);
  });

  it('adds nothing when the same input is ingested twice, whatever its origin', async () => {
    const outlets = jsonl('outlets.jsonl', [
      { url: 'https://a.example/1', title: 'A', text: TEXT },
      { url: 'https://b.example/1', title: 'A', text: TEXT },
    ]);
    const file = textFile('page.txt', TEXT);
    expect(await runIngest({ inputs: [outlets, file], store })).toMatchObject({ added: 2, skipped: 1 });
    expect(await runIngest({ inputs: [outlets, file], store })).toMatchObject({ documents: 3, added: 0, skipped: 3, enriched: 0, articles: 0 });
    expect(await store.documents.count()).toBe(2);
  });

  it('takes the same bytes under two file names as one document: a path says where a file was found, not who published it', async () => {
    const first = textFile('ferry.txt', TEXT);
    const copy = path.join(path.dirname(first), 'ferry copy.txt');
    writeFileSync(copy, TEXT);
    const summary = await runIngest({ inputs: [path.dirname(first)], store });
    expect(summary).toMatchObject({ documents: 2, added: 1, skipped: 1 });
  });

  it('keeps the content-hash id of the first document of a content, so ids of documents seen once do not change', async () => {
    await runIngest({ inputs: [jsonl('one.jsonl', [{ url: 'https://a.example/1', text: TEXT }])], store });
    const [doc] = (await store.documents.withContent([createHash('sha256').update(TEXT.normalize('NFC')).digest('hex')]));
    expect(doc?.id).toBe(`doc_${createHash('sha256').update(TEXT.normalize('NFC')).digest('hex').slice(0, 16)}`);
  });

  it('enriches a stored document seen again with an outlet, date, title and URL it lacked, and says so', async () => {
    await runIngest({ inputs: [textFile('ferry.txt', TEXT)], store });
    const before = (await store.articles.list()).items[0]!;
    expect(before.siteName).toBeUndefined();
    await runStories({ store });
    const storyBefore = await store.stories.ofArticle(before.id);

    const richer = jsonl('richer.jsonl', [
      { url: 'https://broadcaster.example/news/ferry', outlet: 'National Broadcaster', title: event!.title, published: '2030-01-02', author: 'Ann Lee', text: TEXT },
    ]);
    const summary = await runIngest({ inputs: [richer], store });
    expect(summary).toMatchObject({ documents: 1, added: 0, enriched: 1, articles: 0 });
    expect(await store.documents.count()).toBe(1);

    const after = await store.articles.get(before.id);
    expect(after?.article).toMatchObject({ siteName: 'National Broadcaster', url: 'https://broadcaster.example/news/ferry' });
    expect(after?.article.published?.value ?? after?.article.publishedResolved?.value).toMatch(/^2030-01-02/);
    const note = after?.messages.find((m) => m.ruleId === 'metadata-added');
    expect(note?.data).toMatchObject({ added: ['url', 'siteName', 'title', 'published', 'author'] });
    expect(note?.reason).toContain(richer);
    // The article kept its id and its story.
    expect(await store.stories.ofArticle(before.id)).toBe(storyBefore);
    const doc = await store.documents.get(before.documentId);
    expect(doc?.document.hints).toMatchObject({ siteName: 'National Broadcaster', published: '2030-01-02' });
    expect(doc?.messages.filter((m) => m.ruleId === 'metadata-added')).toHaveLength(1);

    // Seen a third time, it has nothing more to give.
    expect(await runIngest({ inputs: [richer], store })).toMatchObject({ added: 0, skipped: 1, enriched: 0 });
  });

  it('stores the same text from a new outlet beside one enriched earlier as a second document', async () => {
    await runIngest({ inputs: [textFile('ferry.txt', TEXT)], store });
    await runIngest({ inputs: [jsonl('a.jsonl', [{ url: 'https://a.example/1', outlet: 'A', text: TEXT }])], store });
    expect(await store.documents.count()).toBe(1);
    const summary = await runIngest({ inputs: [jsonl('b.jsonl', [{ url: 'https://b.example/1', outlet: 'B', text: TEXT }])], store });
    expect(summary).toMatchObject({ added: 1, enriched: 0 });
    expect(await store.documents.count()).toBe(2);
    // … and the text file again adds nothing.
    expect(await runIngest({ inputs: [textFile('ferry.txt', TEXT)], store })).toMatchObject({ added: 0, skipped: 1 });
  });

  it('takes an outlet seen first without a URL and then with one as one publication, and adds the URL', async () => {
    await runIngest({ inputs: [jsonl('outlet.jsonl', [{ outlet: 'Harbour Post', text: TEXT }])], store });
    const summary = await runIngest({ inputs: [jsonl('outlet-url.jsonl', [{ outlet: 'harbour post', url: 'https://harbour.example/a', text: TEXT }])], store });
    expect(summary).toMatchObject({ added: 0, enriched: 1 });
    expect((await store.articles.list()).items.map((a) => a.url)).toEqual(['https://harbour.example/a']);
    // A later sighting adds a date; the document keeps the message of each addition.
    await runIngest({ inputs: [jsonl('outlet-date.jsonl', [{ outlet: 'Harbour Post', published: '2030-01-03', text: TEXT }])], store });
    const [article] = (await store.articles.list()).items;
    expect(article?.published).toBe('2030-01-03');
    const doc = await store.documents.get(article!.documentId);
    expect(doc?.messages.filter((m) => m.ruleId === 'metadata-added').map((m) => m.data?.['added'])).toEqual([['url'], ['published']]);
  });
});

describe('document identity under concurrent ingests', () => {
  it('stores a second origin even when another process stored the same content between sorting and saving', async () => {
    const store = await openStore(':memory:');
    try {
      // The other process's document, saved "meanwhile": this run's first look finds nothing.
      await runIngest({ inputs: [jsonl('other.jsonl', [{ url: 'https://other.example/1', outlet: 'Other', text: TEXT }])], store });
      let looks = 0;
      const racing = new Proxy(store, {
        get(target, key) {
          if (key === 'documents') {
            return { ...target.documents, withContent: async (hashes: readonly string[]) => (looks++ === 0 ? [] : target.documents.withContent(hashes)) };
          }
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const mine = jsonl('mine.jsonl', [
        { url: 'https://mine.example/1', outlet: 'Mine', text: TEXT },
        { url: 'https://mine.example/2', outlet: 'Mine', text: `${TEXT} A second, different article.` },
      ]);
      const summary = await runIngest({ inputs: [mine], store: racing });
      expect(summary).toMatchObject({ documents: 2, added: 2, skipped: 0, articles: 2 });
      expect(await store.documents.count()).toBe(3);
      expect((await store.articles.list()).items.map((a) => a.siteName).sort()).toEqual(['Mine', 'Mine', 'Other']);
      // And the run again adds nothing.
      expect(await runIngest({ inputs: [mine], store })).toMatchObject({ added: 0, skipped: 2 });
    } finally {
      await store.close();
    }
  });
});
