/**
 * The Store contract: one suite every implementation runs (`storeContract('sqlite file', open)`).
 *
 * `open` must return a fresh, empty store each call. An implementation that cannot meet a case
 * names it in `skip` with its reason; the case then shows as skipped with that reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.js';
import type { Message } from '../../src/model/message.js';
import type { IngestRecord, Store, StoredArticle } from '../../src/store/index.js';
import type { StoryRecord } from '../../src/store/stories.js';
import type { FeedEntry, Follow } from '../../src/store/follows.js';
import type { Family } from '../../src/model/story.js';
import { generateRecord, generateRecords } from './records.js';

export interface ContractOptions {
  /** Case name → why this implementation skips it. */
  readonly skip?: Readonly<Record<string, string>>;
}

/** A record from the generator with its first article's fields replaced (ids kept consistent). */
function withArticle(index: number, patch: Partial<Article>, seed = 7): IngestRecord {
  const base = generateRecord(seed, index);
  const first = base.articles[0];
  if (first === undefined) throw new Error(`record ${index} of seed ${seed} has no article`);
  const article = { ...first.article, ...patch, id: first.article.id, documentId: first.article.documentId, part: 0 };
  if (patch.text !== undefined && patch.paragraphs === undefined) {
    const paragraphs = [{ start: 0, end: patch.text.length }];
    Object.assign(article, { paragraphs, sentences: paragraphs, sourceMap: [], wordCount: patch.text.split(/\s+/).length });
  }
  return { ...base, articles: [{ article, messages: first.messages }] };
}

/** An URL's host as the site filter compares it: lower case, without `www.`. */
function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function firstArticleId(record: IngestRecord): string {
  const id = record.articles[0]?.article.id;
  if (id === undefined) throw new Error('record has no article');
  return id;
}

export function storeContract(name: string, open: () => Promise<Store>, options: ContractOptions = {}): void {
  const test = (title: string, fn: () => Promise<void>): void => {
    const reason = options.skip?.[title];
    if (reason === undefined) it(title, fn);
    else it.skip(`${title} — skipped: ${reason}`, fn);
  };

  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('round trips', () => {
      test('reads back documents, articles and messages deep-equal to what was saved', async () => {
        const batch = generateRecords({ seed: 2, count: 30 });
        const result = await store.saveIngested(batch);
        const articleCount = batch.reduce((n, r) => n + r.articles.length, 0);
        expect(result).toEqual({ added: 30, skipped: 0, articles: articleCount });
        for (const record of batch) {
          const doc = await store.documents.get(record.document.id);
          expect(doc).toStrictEqual({
            document: record.document,
            messages: record.documentMessages,
            articleIds: record.articles.map((a) => a.article.id),
          });
          for (const { article, messages } of record.articles) {
            const stored = await store.articles.get(article.id);
            expect(stored).toStrictEqual({
              article,
              messages,
              document: {
                documentId: record.document.id,
                origin: record.document.origin,
                mediaType: record.document.mediaType,
                ingestedAt: record.document.ingestedAt,
              },
            } satisfies StoredArticle);
          }
        }
      });

      test('keeps a document that yielded no article, with the message saying why', async () => {
        const record = generateRecord(3, 10);
        expect(record.articles).toHaveLength(0);
        await store.saveIngested([record]);
        const doc = await store.documents.get(record.document.id);
        expect(doc?.articleIds).toEqual([]);
        expect(doc?.messages.map((m) => m.ruleId)).toContain('no-content');
        expect(await store.articles.count()).toBe(0);
        expect(await store.documents.count()).toBe(1);
      });

      test('leaves absent optional fields absent rather than null', async () => {
        const base = generateRecord(4, 1);
        const first = base.articles[0];
        if (first === undefined) throw new Error('no article');
        const { title: _t, url: _u, siteName: _s, published: _p, publishedResolved: _r, byline: _b, canonicalUrl: _c, ...bare } = first.article;
        const bareMessage: Message = { stage: 'text', ruleId: 'bare', severity: 'warning', reason: 'Nothing else.' };
        await store.saveIngested([{ ...base, articles: [{ article: bare, messages: [bareMessage] }] }]);
        const stored = await store.articles.get(bare.id);
        expect(stored?.article).toStrictEqual(bare);
        expect(Object.keys(stored?.article ?? {})).not.toContain('title');
        expect(stored?.messages).toStrictEqual([bareMessage]);
        const page = await store.articles.list();
        expect(Object.keys(page.items[0] ?? {})).not.toContain('published');
      });

      test('answers undefined for ids it does not hold', async () => {
        expect(await store.documents.get('doc_0000000000000000')).toBeUndefined();
        expect(await store.articles.get('art_0000000000000000')).toBeUndefined();
      });

      test('round-trips Arabic, emoji and combining text with its UTF-16 offsets', async () => {
        const text = 'قال المتحدث 🌊 إن الجسر سيُفتح.\n\nThe café 👩🏽‍🔬 re\u0301opened — “quoted” 𝔘𝔫𝔦.';
        const record = withArticle(1, { text, title: 'عنوان 📰 title', siteName: 'صحيفة 🌊' }, 8);
        await store.saveIngested([record]);
        const stored = await store.articles.get(firstArticleId(record));
        expect(stored?.article).toStrictEqual(record.articles[0]?.article);
        expect(stored?.article.text.length).toBe(text.length);
        expect(stored?.article.text.slice(12, 14)).toBe('🌊');
      });

      test('round-trips a large article and document', async () => {
        const record = generateRecord(5, 0, 6000);
        const article = record.articles[0]?.article;
        expect(article?.text.length ?? 0).toBeGreaterThan(1_000_000);
        await store.saveIngested([record]);
        const stored = await store.articles.get(article?.id ?? '');
        expect(stored?.article).toStrictEqual(article);
        expect((await store.documents.get(record.document.id))?.document).toStrictEqual(record.document);
      });
    });

    describe('idempotence', () => {
      test('saving the same batch twice adds nothing the second time', async () => {
        const batch = generateRecords({ seed: 6, count: 20 });
        const first = await store.saveIngested(batch);
        const docs = await store.documents.count();
        const arts = await store.articles.count();
        const id = firstArticleId(batch[0] as IngestRecord);
        const messagesBefore = (await store.articles.get(id))?.messages;
        const second = await store.saveIngested(batch);
        expect(first.added).toBe(20);
        expect(second).toEqual({ added: 0, skipped: 20, articles: 0 });
        expect(await store.documents.count()).toBe(docs);
        expect(await store.articles.count()).toBe(arts);
        expect((await store.articles.get(id))?.messages).toStrictEqual(messagesBefore);
      });

      test('skips a document repeated within one batch and keeps the first', async () => {
        const record = generateRecord(6, 1);
        const result = await store.saveIngested([record, record]);
        expect(result).toEqual({ added: 1, skipped: 1, articles: 1 });
        expect((await store.articles.get(firstArticleId(record)))?.messages).toStrictEqual(record.articles[0]?.messages);
      });

      test('tells which of a list of document ids are stored', async () => {
        const batch = generateRecords({ seed: 6, count: 5 });
        await store.saveIngested(batch.slice(0, 3));
        const ids = batch.map((r) => r.document.id);
        expect(await store.documents.has([...ids, 'doc_ffffffffffffffff'])).toEqual(new Set(ids.slice(0, 3)));
        expect(await store.documents.has([])).toEqual(new Set());
      });

      test('an empty batch saves nothing and succeeds', async () => {
        expect(await store.saveIngested([])).toEqual({ added: 0, skipped: 0, articles: 0 });
      });
    });

    describe('batch atomicity', () => {
      test('a batch with an invalid record saves nothing of itself and keeps earlier batches', async () => {
        const earlier = generateRecords({ seed: 9, count: 5 });
        await store.saveIngested(earlier);
        const batch = generateRecords({ seed: 9, start: 5, count: 5 });
        const bad = batch[3] as IngestRecord;
        const broken = { ...bad, documentMessages: [{ stage: 'clean', ruleId: 'x', severity: 'fatal', reason: 'bad' } as unknown as Message] };
        await expect(store.saveIngested([...batch.slice(0, 3), broken, ...batch.slice(4)])).rejects.toMatchObject({
          code: 'STORE_RECORD_INVALID',
        });
        expect(await store.documents.has(batch.map((r) => r.document.id))).toEqual(new Set());
        expect(await store.documents.count()).toBe(5);
        for (const r of earlier) expect((await store.documents.get(r.document.id))?.document).toStrictEqual(r.document);
      });

      test('a batch the database refuses mid-way leaves nothing of itself and the store usable', async () => {
        const earlier = generateRecords({ seed: 10, count: 3 });
        await store.saveIngested(earlier);
        const taken = firstArticleId(earlier[0] as IngestRecord);
        const batch = generateRecords({ seed: 10, start: 20, count: 4 }).filter((r) => r.articles.length > 0);
        const fresh = batch[0] as IngestRecord;
        const clash = withArticle(22, { title: 'clash' }, 10);
        // A second document claiming an article id that is already stored under another document.
        const first = clash.articles[0];
        if (first === undefined) throw new Error('no article');
        const conflicting: IngestRecord = { ...clash, articles: [{ ...first, article: { ...first.article, id: taken } }] };
        await expect(store.saveIngested([fresh, conflicting])).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
        expect(await store.documents.has([fresh.document.id, conflicting.document.id])).toEqual(new Set());
        expect(await store.documents.count()).toBe(3);
        expect((await store.articles.get(taken))?.article).toStrictEqual(earlier[0]?.articles[0]?.article);
        expect((await store.saveIngested([fresh])).added).toBe(1);
      });

      test('refuses text with a NUL character', async () => {
        const record = withArticle(1, { text: 'before\u0000after' }, 11);
        await expect(store.saveIngested([record])).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
        expect(await store.documents.count()).toBe(0);
      });

      test('refuses text with a lone UTF-16 surrogate, which cannot be stored as UTF-8', async () => {
        const record = withArticle(1, { text: 'half an emoji \uD83C here' }, 11);
        await expect(store.saveIngested([record])).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      });

      test('refuses a message with a span but no layer', async () => {
        const base = generateRecord(12, 1);
        const message: Message = { stage: 'clean', ruleId: 'drop', severity: 'info', reason: 'Dropped.', span: { start: 0, end: 3 } };
        await expect(store.saveIngested([{ ...base, documentMessages: [message] }])).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      });

      test('refuses an article whose documentId is not its document', async () => {
        const base = generateRecord(12, 2);
        const first = base.articles[0];
        if (first === undefined) throw new Error('no article');
        const stray = { ...base, articles: [{ ...first, article: { ...first.article, documentId: 'doc_other' } }] };
        await expect(store.saveIngested([stray])).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
      });
    });

    describe('listing', () => {
      const dated = (i: number, value: string, patch: Partial<Article> = {}): IngestRecord =>
        withArticle(i, {
          published: { value, precision: value.length === 10 ? 'day' : 'datetime', source: 'meta' },
          publishedResolved: { value, precision: value.length === 10 ? 'day' : 'datetime', source: 'meta' },
          ...patch,
        });

      test('pages cover every article once, newest first, undated last', async () => {
        const batch = generateRecords({ seed: 13, count: 40 });
        await store.saveIngested(batch);
        const total = batch.reduce((n, r) => n + r.articles.length, 0);
        const seen: string[] = [];
        const dates: (string | undefined)[] = [];
        for (let offset = 0; ; offset += 7) {
          const page = await store.articles.list({ limit: 7, offset });
          expect(page.total).toBe(total);
          if (page.items.length === 0) break;
          for (const item of page.items) {
            seen.push(item.id);
            dates.push(item.published);
          }
        }
        expect(new Set(seen).size).toBe(total);
        expect(seen).toHaveLength(total);
        const times = dates.map((d) => (d === undefined ? -Infinity : Date.parse(d)));
        for (let k = 1; k < times.length; k++) expect(times[k]).toBeLessThanOrEqual(times[k - 1] as number);
        expect(dates[dates.length - 1]).toBeUndefined();
      });

      test('summaries carry the queried fields and the message count, not the text', async () => {
        const record = generateRecord(14, 7);
        await store.saveIngested([record]);
        const { items } = await store.articles.list();
        const first = record.articles[0];
        expect(items[0]).toStrictEqual({
          id: first?.article.id,
          documentId: record.document.id,
          part: 0,
          title: first?.article.title,
          url: first?.article.url,
          siteName: first?.article.siteName,
          language: first?.article.language.code,
          wordCount: first?.article.wordCount,
          locator: record.document.origin.locator,
          messageCount: first?.messages.length,
        });
      });

      test('filters by language, site, date range and words, alone and together', async () => {
        await store.saveIngested([
          dated(0, '2024-03-01T10:00:00Z', { language: { code: 'en', confidence: 1, source: 'detected' }, url: 'https://www.alpha.example/a', siteName: 'Alpha Times', text: 'The zephyrine festival opened at dawn.' }),
          dated(1, '2024-03-02', { language: { code: 'en', confidence: 1, source: 'detected' }, url: 'https://beta.example/b', siteName: 'Beta', text: 'A Café owner spoke about the festival.' }),
          dated(2, '2024-03-03T01:00:00+03:00', { language: { code: 'ar', confidence: 1, source: 'detected' }, url: 'https://alpha.example/c', siteName: 'ألفا', text: 'افتتحت القنطرة الجديدة صباح اليوم.' }),
          withArticle(3, { publishedResolved: undefined, published: undefined, language: { code: 'en', confidence: 1, source: 'detected' }, url: 'https://gamma.example/d', siteName: 'Gamma', text: 'Undated zephyrine notes.' }),
        ]);
        const titles = async (q: Parameters<Store['articles']['list']>[0]): Promise<number> => (await store.articles.list(q)).total;
        expect(await titles({ language: 'en' })).toBe(3);
        expect(await titles({ language: 'ar' })).toBe(1);
        expect(await titles({ site: 'alpha.example' })).toBe(2);
        expect(await titles({ site: 'WWW.Alpha.Example' })).toBe(2);
        expect(await titles({ site: 'https://alpha.example/' })).toBe(2);
        expect(await titles({ site: 'beta' })).toBe(1);
        expect(await titles({ site: 'ألفا' })).toBe(1);
        expect(await titles({ since: '2024-03-02' })).toBe(2);
        // 2024-03-03T01:00+03:00 is 2024-03-02T22:00Z: before 3 March in UTC.
        expect(await titles({ until: '2024-03-03' })).toBe(3);
        expect(await titles({ since: '2024-03-01T10:00:00Z', until: '2024-03-01T10:00:01Z' })).toBe(1);
        expect(await titles({ search: 'ZEPHYRINE' })).toBe(2);
        expect(await titles({ search: 'cafe' })).toBe(1);
        expect(await titles({ search: 'القنطرة' })).toBe(1);
        expect(await titles({ search: 'zephyrine dawn' })).toBe(1);
        expect(await titles({ search: 'zephyrine "OR" AND -*' })).toBe(0);
        expect(await titles({ search: '  ' })).toBe(4);
        expect(await titles({ search: 'zephyrine', language: 'en', since: '2024-01-01' })).toBe(1);
        expect(await store.articles.count({ search: 'zephyrine' })).toBe(2);
        expect(await store.articles.count()).toBe(4);
      });

      test('rejects malformed pages and dates with STORE_QUERY_INVALID', async () => {
        await expect(store.articles.list({ limit: 0 })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
        await expect(store.articles.list({ limit: 1.5 })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
        await expect(store.articles.list({ offset: -1 })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
        await expect(store.articles.list({ since: 'last tuesday' })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
        await expect(store.articles.count({ until: '2024-13-45' })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
      });
    });

    describe('messages', () => {
      test('finds the messages of one rule with the records they are on', async () => {
        const batch = generateRecords({ seed: 20, count: 24 });
        await store.saveIngested(batch);
        const expected = batch.flatMap((r) =>
          r.articles.flatMap((a) => a.messages.filter((m) => m.ruleId === 'no-date').map((message) => ({ documentId: r.document.id, articleId: a.article.id, message }))),
        );
        const page = await store.messages.list({ ruleId: 'no-date', limit: 1000 });
        expect(page.total).toBe(expected.length);
        expect(page.items).toStrictEqual(expected);
        const failed = await store.messages.list({ severity: 'error', stage: 'extract' });
        expect(failed.items.map((m) => m.documentId)).toEqual(batch.filter((r) => r.articles.length === 0).map((r) => r.document.id));
        expect(failed.items.every((m) => !('articleId' in m))).toBe(true);
      });

      test('counts messages per rule, most frequent first', async () => {
        const batch = generateRecords({ seed: 21, count: 24 });
        await store.saveIngested(batch);
        const counts = await store.messages.countByRule();
        const all = batch.flatMap((r) => [...r.documentMessages, ...r.articles.flatMap((a) => a.messages)]);
        expect(counts.reduce((n, c) => n + c.messages, 0)).toBe(all.length);
        const caption = counts.find((c) => c.ruleId === 'duplicate-caption');
        expect(caption).toEqual({
          stage: 'clean',
          ruleId: 'duplicate-caption',
          severity: 'info',
          messages: all.filter((m) => m.ruleId === 'duplicate-caption').length,
          documents: batch.filter((r) => r.articles.length > 0).length,
        });
        for (let k = 1; k < counts.length; k++) expect(counts[k]?.messages).toBeLessThanOrEqual(counts[k - 1]?.messages ?? 0);
        await expect(store.messages.list({ severity: 'fatal' as never })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
      });
    });

    describe('iteration', () => {
      test('yields every article once, in the order saved, equal to a single read', async () => {
        const a = generateRecords({ seed: 15, count: 12 });
        const b = generateRecords({ seed: 16, count: 12 });
        await store.saveIngested(a);
        await store.saveIngested(b);
        const expected = [...a, ...b].flatMap((r) => r.articles.map((x) => x.article.id));
        const got: StoredArticle[] = [];
        for await (const item of store.articles.iterate(undefined, { batchSize: 5 })) got.push(item);
        expect(got.map((x) => x.article.id)).toEqual(expected);
        for (const item of got.slice(0, 6)) expect(item).toStrictEqual(await store.articles.get(item.article.id));
      });

      test('applies filters while iterating in batches', async () => {
        await store.saveIngested(generateRecords({ seed: 17, count: 30 }));
        const ids: string[] = [];
        for await (const item of store.articles.iterate({ language: 'ar' }, { batchSize: 2 })) {
          expect(item.article.language.code).toBe('ar');
          ids.push(item.article.id);
        }
        expect(ids.length).toBe(await store.articles.count({ language: 'ar' }));
        expect(ids.length).toBeGreaterThan(2);
      });

      test('can be stopped early and lets writes happen between batches', async () => {
        await store.saveIngested(generateRecords({ seed: 18, count: 10 }));
        let n = 0;
        for await (const _ of store.articles.iterate(undefined, { batchSize: 3 })) {
          n++;
          if (n === 4) {
            const more = await store.saveIngested(generateRecords({ seed: 18, start: 100, count: 2 }));
            expect(more.added).toBe(2);
          }
          if (n === 5) break;
        }
        expect(n).toBe(5);
        expect(await store.documents.count()).toBe(12);
      });

      test('rejects a batch size that is not a positive integer', async () => {
        const run = async (): Promise<void> => {
          for await (const _ of store.articles.iterate(undefined, { batchSize: 0 })) break;
        };
        await expect(run()).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
      });
    });

    describe('stories', () => {
      /** Three saved articles and a story record over the first two, as the stories run would build it. */
      async function seedStory(storyId: string, articleIds: string[], hash = 'h1'): Promise<StoryRecord> {
        const family: Family = {
          id: `fam_${storyId.slice(4)}`,
          storyId,
          originalId: articleIds[0] ?? '',
          members: articleIds.map((articleId, i) => ({
            articleId,
            derivation: i === 0 ? 'original' : 'verbatim',
            reuse: i === 0 ? 1 : 0.9,
            evidence: i === 0 ? ['copied directly'] : ['same words'],
          })),
        };
        return {
          story: {
            id: storyId,
            title: `Story ${storyId}`,
            articleIds,
            firstSeen: '2024-01-02',
            lastSeen: '2024-01-03',
            sourceCount: 1,
            events: [{ rule: 'create-story', reason: 'started by its first article', at: articleIds[0] ?? '' }],
          },
          members: articleIds.map((articleId, i) => ({ articleId, score: i === 0 ? 1 : 0.5, sharedTerms: i === 0 ? [] : ['harbour', 'Port Aldin'] })),
          families: [family],
          membersHash: hash,
        };
      }

      async function savedArticleIds(count: number, seed: number): Promise<string[]> {
        const batch = generateRecords({ seed, count });
        await store.saveIngested(batch);
        return batch.flatMap((r) => r.articles.map((a) => a.article.id));
      }

      test('saves a story with members and families and reads it back', async () => {
        const ids = await savedArticleIds(3, 41);
        const rec = await seedStory('sty_0000000000000001', ids.slice(0, 2));
        await store.saveStories({ upsert: [rec], remove: [], state: [{ key: 'cluster', value: { n: 1, list: [1, 2] } }] });
        const got = await store.stories.get(rec.story.id);
        expect(got?.story).toEqual(rec.story);
        expect(got?.families).toEqual(rec.families);
        expect(got?.members.map((m) => [m.articleId, m.score, m.sharedTerms, m.derivation, m.familyId])).toEqual([
          [ids[0], 1, [], 'original', rec.families[0]?.id],
          [ids[1], 0.5, ['harbour', 'Port Aldin'], 'verbatim', rec.families[0]?.id],
        ]);
        expect(got?.members[1]?.article.id).toBe(ids[1]);
        expect(await store.stories.ofArticle(ids[1] ?? '')).toBe(rec.story.id);
        expect(await store.stories.ofArticle(ids[2] ?? '')).toBeUndefined();
        expect(await store.analysis.getState('cluster')).toEqual({ n: 1, list: [1, 2] });
        expect(await store.analysis.getState('missing')).toBeUndefined();
      });

      test('lists pending articles until they are in a story, and fingerprints the stories', async () => {
        expect(await store.stories.hasPending()).toBe(false);
        const ids = await savedArticleIds(3, 42);
        expect(new Set(await store.stories.pendingArticleIds())).toEqual(new Set(ids));
        expect(await store.stories.hasPending()).toBe(true);
        await store.saveStories({ upsert: [await seedStory('sty_0000000000000002', ids.slice(0, 2), 'abc')], remove: [], state: [] });
        expect(await store.stories.pendingArticleIds()).toEqual([ids[2]]);
        expect(await store.stories.hasPending()).toBe(true);
        expect(await store.stories.fingerprints()).toEqual(new Map([['sty_0000000000000002', 'abc']]));
        await store.saveStories({ upsert: [await seedStory('sty_0000000000000003', ids.slice(2), 'def')], remove: [], state: [] });
        expect(await store.stories.hasPending()).toBe(false);
      });

      test('moves articles between stories on a merge and removes the absorbed story', async () => {
        const ids = await savedArticleIds(3, 43);
        await store.saveStories({
          upsert: [await seedStory('sty_000000000000000a', [ids[0] ?? '']), await seedStory('sty_000000000000000b', [ids[1] ?? '', ids[2] ?? ''])],
          remove: [],
          state: [],
        });
        expect(await store.stories.count()).toBe(2);
        const merged = await seedStory('sty_000000000000000a', ids, 'merged');
        await store.saveStories({ upsert: [merged], remove: ['sty_000000000000000b'], state: [] });
        expect(await store.stories.count()).toBe(1);
        expect((await store.stories.get('sty_000000000000000a'))?.members.map((m) => m.articleId)).toEqual(ids);
        expect(await store.stories.get('sty_000000000000000b')).toBeUndefined();
      });

      test('lists stories by independent sources, then size, with a title search', async () => {
        const ids = await savedArticleIds(4, 44);
        const small = await seedStory('sty_0000000000000011', [ids[0] ?? '']);
        const big = { ...(await seedStory('sty_0000000000000012', ids.slice(1))), story: { ...(await seedStory('sty_0000000000000012', ids.slice(1))).story, title: 'Tidal barrier vote' } };
        await store.saveStories({ upsert: [small, big], remove: [], state: [] });
        const page = await store.stories.list();
        expect(page.total).toBe(2);
        expect(page.items.map((s) => s.id)).toEqual(['sty_0000000000000012', 'sty_0000000000000011']);
        expect(page.items[0]).toMatchObject({ articleCount: 3, sourceCount: 1, title: 'Tidal barrier vote' });
        expect((await store.stories.list({ search: 'barrier' })).items.map((s) => s.id)).toEqual(['sty_0000000000000012']);
        expect((await store.stories.list({ minArticles: 2 })).total).toBe(1);
      });

      test("filters stories by their members' language, outlet and publication dates", async () => {
        const ids = await savedArticleIds(6, 46);
        const one = await seedStory('sty_0000000000000021', ids.slice(0, 3));
        const two = await seedStory('sty_0000000000000022', ids.slice(3));
        await store.saveStories({ upsert: [one, two], remove: [], state: [] });
        const members = await store.articles.getMany(ids);
        const storyOf = (i: number) => (i < 3 ? one.story.id : two.story.id);
        const expectFor = (match: (a: Article) => boolean) => [...new Set(members.flatMap((m, i) => (match(m.article) ? [storyOf(i)] : [])))].sort();
        const listed = async (q: Parameters<Store['stories']['list']>[0]) => (await store.stories.list(q)).items.map((s) => s.id).sort();

        const language = members[0]!.article.language.code;
        expect(await listed({ language })).toEqual(expectFor((a) => a.language.code === language));
        expect(await listed({ language: 'zz' })).toEqual([]);

        const withSite = members.find((m) => m.article.siteName !== undefined)?.article;
        if (withSite?.siteName !== undefined) {
          const site = withSite.siteName;
          expect(await listed({ site: site.toUpperCase() })).toEqual(expectFor((a) => a.siteName?.toLowerCase() === site.toLowerCase() || hostOf(a.url) === hostOf(`http://${site}`)));
        }
        expect(await listed({ site: 'nowhere.invalid' })).toEqual([]);

        const dated = members.map((m) => m.article.publishedResolved?.value ?? m.article.published?.value).filter((d): d is string => d !== undefined).sort();
        if (dated.length > 0) {
          expect(await listed({ since: '1900-01-01' })).toEqual(expectFor((a) => (a.publishedResolved?.value ?? a.published?.value) !== undefined));
          expect(await listed({ until: '1900-01-01' })).toEqual([]);
        }
        await expect(store.stories.list({ since: 'yesterday' })).rejects.toMatchObject({ code: 'STORE_QUERY_INVALID' });
      });

      test("keeps a story's analysis while the story has the members it was computed for, shows it stale after, and drops it with the story", async () => {
        const ids = await savedArticleIds(3, 47);
        const id = 'sty_0000000000000031';
        await store.saveStories({ upsert: [await seedStory(id, ids.slice(0, 2), 'm1')], remove: [], state: [] });
        const analysis = { storyId: id, kind: 'report', membersHash: 'm1', version: 'v1', body: '{"headline":"Tidal barrier vote"}', computedAt: '2026-01-02T03:04:05.000Z' };
        expect(await store.analysis.stale('report', 'v1')).toEqual([id]);
        expect(await store.saveAnalyses([analysis])).toBe(1);
        expect(await store.analysis.get(id, 'report')).toEqual({ ...analysis, sameMembers: true });
        expect(await store.analysis.get(id, 'statements')).toBeUndefined();
        expect(await store.analysis.stale('report', 'v1')).toEqual([]);
        expect(await store.analysis.stale('report', 'v2')).toEqual([id]);
        expect(await store.analysis.stale('statements', 'v1')).toEqual([id]);
        // One computed for members the story no longer has is not stored over the current one.
        expect(await store.saveAnalyses([{ ...analysis, membersHash: 'm0', body: '{"headline":"old"}' }])).toBe(0);
        expect((await store.analysis.get(id, 'report'))?.body).toBe(analysis.body);
        expect(await store.saveAnalyses([{ ...analysis, storyId: 'sty_00000000000000ff' }])).toBe(0);
        // The story gains an article: the stored analysis stays, as stale.
        await store.saveStories({ upsert: [await seedStory(id, ids, 'm2')], remove: [], state: [] });
        expect(await store.analysis.get(id, 'report')).toMatchObject({ body: analysis.body, sameMembers: false });
        expect(await store.analysis.stale('report', 'v1')).toEqual([id]);
        expect(await store.saveAnalyses([{ ...analysis, membersHash: 'm2', body: '{"headline":"new"}' }])).toBe(1);
        expect(await store.analysis.get(id, 'report')).toMatchObject({ body: '{"headline":"new"}', sameMembers: true });
        expect(await store.stories.fingerprints(id)).toEqual(new Map([[id, 'm2']]));
        expect(await store.stories.fingerprints('sty_00000000000000ff')).toEqual(new Map());
        // Across stories, page by page in story id order.
        await store.saveStories({ upsert: [await seedStory('sty_0000000000000030', [ids[2] ?? ''], 'm9')], remove: [], state: [] });
        expect(await store.saveAnalyses([{ ...analysis, storyId: 'sty_0000000000000030', membersHash: 'm9' }])).toBe(1);
        const first = await store.analysis.page('report', undefined, 1);
        expect(first.map((a) => a.storyId)).toEqual(['sty_0000000000000030']);
        const next = await store.analysis.page('report', first[0]?.storyId, 5);
        expect(next.map((a) => [a.storyId, a.body, a.sameMembers])).toEqual([[id, '{"headline":"new"}', true]]);
        expect(await store.analysis.page('statements', undefined, 5)).toEqual([]);
        // Merged away: its analyses go with it.
        await store.saveStories({ upsert: [await seedStory('sty_0000000000000032', ids, 'm3')], remove: [id], state: [] });
        expect(await store.analysis.get(id, 'report')).toBeUndefined();
        expect(await store.analysis.stale('report', 'v1')).toEqual(['sty_0000000000000032']);
        expect((await store.analysis.page('report', undefined, 5)).map((a) => a.storyId)).toEqual(['sty_0000000000000030']);
      });

      test('reads many articles at once in the order asked', async () => {
        const ids = await savedArticleIds(3, 45);
        const got = await store.articles.getMany([ids[2] ?? '', 'art_0000000000000000', ids[0] ?? '']);
        expect(got.map((s) => s.article.id)).toEqual([ids[2], ids[0]]);
        expect(await store.articles.getMany([])).toEqual([]);
      });
    });

    describe('identity and updates', () => {
      /** A record holding `record`'s content under another id, as from another origin. */
      function fromOtherOrigin(record: IngestRecord, id: string, url: string): IngestRecord {
        const document = { ...record.document, id, hints: { ...record.document.hints, url } };
        const articles = record.articles.map(({ article, messages }, i) => ({
          article: { ...article, id: `art_${id.slice(4, 16)}${String(i).padStart(4, '0')}`, documentId: id, url },
          messages,
        }));
        return { document, documentMessages: record.documentMessages, articles };
      }

      test('finds every stored document of a content, earlier batches first, with origin and hints', async () => {
        const [a, other] = generateRecords({ seed: 23, count: 2 });
        const b = fromOtherOrigin(a!, 'doc_00000000000000b2', 'https://other.example/copy');
        await store.saveIngested([a!, other!]);
        await store.saveIngested([b]);
        const found = await store.documents.withContent([a!.document.contentHash, 'no-such-hash']);
        // Earlier batches first.
        expect(found.map((m) => m.id)).toEqual([a!.document.id, b.document.id]);
        expect(found[1]).toEqual({ id: b.document.id, contentHash: a!.document.contentHash, origin: b.document.origin, hints: b.document.hints });
        expect(await store.documents.withContent([])).toEqual([]);
      });

      test('updates a stored document in place: fields, articles by id (keeping their story) and messages replaced', async () => {
        const [record] = generateRecords({ seed: 24, count: 1 });
        await store.saveIngested([record!]);
        const first = record!.articles[0]!.article;
        const story = {
          story: { id: 'sty_00000000000000u1', title: 'T', articleIds: [first.id], sourceCount: 1 },
          members: [{ articleId: first.id, score: 1, sharedTerms: [] }],
          families: [{ id: 'fam_00000000000000u1', storyId: 'sty_00000000000000u1', originalId: first.id, members: [{ articleId: first.id, derivation: 'original' as const, reuse: 1, evidence: [] }] }],
          membersHash: 'x',
        };
        await store.saveStories({ upsert: [story], remove: [], state: [] });
        const note: Message = { stage: 'ingest', ruleId: 'metadata-added', severity: 'info', reason: 'Seen again with more.' };
        const richer: IngestRecord = {
          document: { ...record!.document, hints: { ...record!.document.hints, siteName: 'Harbour Post' } },
          documentMessages: [note],
          articles: record!.articles.map(({ article }) => ({ article: { ...article, siteName: 'Harbour Post', title: 'A richer headline' }, messages: [note] })),
        };
        const unknown = generateRecords({ seed: 25, count: 1 });
        expect(await store.updateIngested([richer, ...unknown])).toBe(1);
        expect(await store.documents.count()).toBe(1);
        const doc = await store.documents.get(record!.document.id);
        expect(doc).toStrictEqual({ document: richer.document, messages: [note], articleIds: record!.articles.map((a) => a.article.id) });
        const stored = await store.articles.get(first.id);
        expect(stored?.article).toStrictEqual(richer.articles[0]!.article);
        expect(stored?.messages).toEqual([note]);
        expect(await store.stories.ofArticle(first.id)).toBe('sty_00000000000000u1');
        expect((await store.articles.list({ site: 'harbour post' })).total).toBe(record!.articles.length);
        expect((await store.articles.list({ search: 'richer headline' })).total).toBe(record!.articles.length);
      });
    });

    describe('locks', () => {
      test('runs holders of one lock one at a time, in the order they came, and returns their results', async () => {
        const events: string[] = [];
        const hold = (who: string, ms: number) =>
          store.withLock('stories', async (lease) => {
            events.push(`${who} in`);
            await new Promise((r) => setTimeout(r, ms));
            await lease.renew();
            events.push(`${who} out`);
            return who;
          });
        const first = hold('a', 150);
        await new Promise((r) => setTimeout(r, 20));
        const results = await Promise.all([first, hold('b', 10)]);
        expect(results).toEqual(['a', 'b']);
        expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
      });

      test('releases the lock when the holder throws, and passes the error on', async () => {
        await expect(
          store.withLock('stories', async () => {
            throw new Error('work failed');
          }),
        ).rejects.toThrow('work failed');
        const started = Date.now();
        expect(await store.withLock('stories', async () => 'next')).toBe('next');
        expect(Date.now() - started).toBeLessThan(2000);
      });

      test('locks of different names do not wait for each other', async () => {
        const order: string[] = [];
        await store.withLock('stories', async () => {
          await store.withLock('other', async () => {
            order.push('other');
          });
          order.push('stories');
        });
        expect(order).toEqual(['other', 'stories']);
      });
    });

    describe('follows and feed', () => {
      const follow = (id: string, extra: Partial<Follow> = {}): Follow => ({ id, kind: 'term', target: 'harbour strike', createdAt: '2026-12-07T01:00:00.000Z', ...extra });
      const entry = (followId: string, key: string, n: number): FeedEntry => ({
        id: `fde_${followId}_${key}`,
        followId,
        key,
        kind: 'claim',
        storyId: 'sty_1',
        title: `New claim ${n}`,
        text: `Claim text ${n}`,
        claimId: `clm_${n}`,
        createdAt: `2026-12-07T02:00:0${n}.000Z`,
      });

      test('keeps a follow as given, lists follows oldest first, and replaces one of the same id', async () => {
        await store.saveFollow(follow('fol_a', { kind: 'story', target: 'sty_x', anchor: 'art_1', webhook: 'https://hooks.example.org/a' }), []);
        await store.saveFollow(follow('fol_b'), []);
        expect(await store.follows.get('fol_a')).toEqual({ id: 'fol_a', kind: 'story', target: 'sty_x', anchor: 'art_1', webhook: 'https://hooks.example.org/a', createdAt: '2026-12-07T01:00:00.000Z' });
        expect((await store.follows.list()).map((f) => f.id)).toEqual(['fol_a', 'fol_b']);
        await store.saveFollow(follow('fol_a', { target: 'dock workers' }), []);
        expect(await store.follows.get('fol_a')).toEqual(follow('fol_a', { target: 'dock workers' }));
        expect(await store.follows.get('fol_none')).toBeUndefined();
      });

      test('adds an entry once per follow and key; keys seen when following make no entry', async () => {
        await store.saveFollow(follow('fol_a'), ['claim:old']);
        await store.saveFollow(follow('fol_b'), []);
        const first = await store.addFeedEntries([entry('fol_a', 'claim:old', 1), entry('fol_a', 'claim:new', 2), entry('fol_b', 'claim:new', 3), entry('fol_gone', 'claim:x', 4)]);
        expect(first.map((e) => e.id)).toEqual(['fde_fol_a_claim:new', 'fde_fol_b_claim:new']);
        expect(await store.addFeedEntries([entry('fol_a', 'claim:new', 5)])).toEqual([]);
        const page = await store.feed.list();
        expect(page.total).toBe(2);
        expect(page.items).toEqual([entry('fol_b', 'claim:new', 3), entry('fol_a', 'claim:new', 2)]);
        const onlyA = await store.feed.list({ followId: 'fol_a', limit: 10 });
        expect(onlyA).toEqual({ items: [entry('fol_a', 'claim:new', 2)], total: 1 });
        expect((await store.feed.list({ limit: 1, offset: 1 })).items.map((e) => e.followId)).toEqual(['fol_a']);
      });

      test('removing a follow removes its entries and seen keys; removing it twice says so', async () => {
        await store.saveFollow(follow('fol_a'), []);
        await store.addFeedEntries([entry('fol_a', 'claim:new', 1)]);
        expect(await store.removeFollow('fol_a')).toBe(true);
        expect(await store.removeFollow('fol_a')).toBe(false);
        expect(await store.follows.list()).toEqual([]);
        expect((await store.feed.list()).total).toBe(0);
        await store.saveFollow(follow('fol_a'), []);
        expect(await store.addFeedEntries([entry('fol_a', 'claim:new', 1)])).toHaveLength(1);
      });

      test('records the last webhook delivery of a follow', async () => {
        await store.saveFollow(follow('fol_a', { webhook: 'https://hooks.example.org/a' }), []);
        const delivery = { at: '2026-12-07T03:00:00.000Z', ok: false, entries: 2, status: 500, error: 'the server answered 500' };
        await store.recordDelivery('fol_a', delivery);
        await store.recordDelivery('fol_gone', delivery);
        expect((await store.follows.get('fol_a'))?.delivery).toEqual(delivery);
      });
    });

    describe('lifecycle', () => {
      test('refuses calls after close with STORE_CLOSED, and closing twice is harmless', async () => {
        const other = await open();
        await other.close();
        await other.close();
        await expect(other.articles.count()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
        await expect(other.saveIngested(generateRecords({ seed: 19, count: 1 }))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      });

      test('names its kind and location', async () => {
        expect(['sqlite', 'postgres']).toContain(store.kind);
        expect(store.location).not.toBe('');
      });
    });
  });
}
