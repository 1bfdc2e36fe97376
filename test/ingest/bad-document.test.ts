import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';
import { createError } from '../../src/errors.js';
import { runIngest } from '../../src/pipeline/run.js';
import { openStore, type Store } from '../../src/store/index.js';

/** A page about `topic` whose first paragraph is long enough to push `tail` past the 8 KB sniff window. */
function page(title: string, topic: string, tail = ''): string {
  const filler = `<p>${`The council of ${topic} met again on Monday to discuss the plan, and residents filled the hall to hear it. `.repeat(90)}</p>`;
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${filler}
<p>The mayor of ${topic} said the work would start in the spring${tail} and take two years, with most of the cost met by the region.</p>
<p>Residents of ${topic} asked for the plans to be published before the next vote${tail}, which is expected in June.</p></article></body></html>`;
}

describe('a bad document fails alone', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-bad-doc-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores every page of a folder when one holds NUL bytes past the sniff window, the bad one cleaned and saying so', async () => {
    const folder = path.join(dir, 'pages');
    const db = path.join(dir, 'pages.db');
    const towns = ['Westford', 'Eastmere', 'Northwick', 'Southby', 'Lowdale'];
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    towns.forEach((town, i) => writeFileSync(path.join(folder, `${i}-${town}.html`), page(`${town} plans a new bridge`, town, i === 2 ? '\u0000\u0000' : '')));
    const io = captureCli(dir);
    const code = await runCli(['ingest', '-q', '--db', db, folder], io.ctx);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toMatch(/5 articles stored/);

    const store = await openStore(db, { mustExist: true });
    try {
      expect(await store.articles.count()).toBe(5);
      const found = await store.messages.list({ ruleId: 'invalid-characters' });
      const onArticle = found.items.filter((m) => m.articleId !== undefined);
      expect(onArticle).toHaveLength(1);
      expect(onArticle[0]!.message).toMatchObject({ severity: 'warning', data: { nul: 4, surrogates: 0 } });
      const bad = await store.articles.get(onArticle[0]!.articleId!);
      expect(bad?.article.title).toBe('Northwick plans a new bridge');
      expect(bad?.article.text).not.toContain('\u0000');
      expect(bad?.article.text).toContain('start in the spring and take two years');
      // The document says so as well.
      expect(found.items.some((m) => m.articleId === undefined && m.documentId === bad?.article.documentId)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('stores JSONL lines whose text or title hold a \\u0000 or a lone surrogate escape between good lines', async () => {
    const file = path.join(dir, 'dump.jsonl');
    const db = path.join(dir, 'dump.db');
    const line = (n: number, title: string, text: string) => JSON.stringify({ url: `https://news.example/${n}`, title, text });
    const body = (town: string) => `The harbour of ${town} reopened on Monday after a week of repairs. The port authority said ships would dock again from Tuesday.`;
    const lines = [
      line(1, 'Harbour reopens in Westford', body('Westford')),
      line(2, 'Harbour reopens in Eastmere', body('Eastmere')).replace('a week of', 'a week\\u0000 of'),
      line(3, 'Harbour reopens in Northwick \\ud800', body('Northwick')).replace('\\\\ud800', '\\ud800'),
      line(4, 'Harbour reopens in Southby', body('Southby')),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines[1]).toContain('\\u0000');
    expect(lines[2]).toContain('\\ud800');
    const io = captureCli(dir);
    expect(await runCli(['ingest', '-q', '--no-stories', '--db', db, file], io.ctx)).toBe(0);
    const store = await openStore(db);
    try {
      const { items } = await store.articles.list();
      expect(items).toHaveLength(4);
      expect(items.find((a) => a.url === 'https://news.example/3')?.title).toBe('Harbour reopens in Northwick \uFFFD');
      const messages = (await store.messages.list({ ruleId: 'invalid-characters' })).items.filter((m) => m.articleId !== undefined);
      expect(messages.map((m) => m.message.data).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
        { nul: 0, surrogates: 1 },
        { nul: 1, surrogates: 0 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('replaces a NUL that reaches a field through an escape in the page (a JSON-LD author) and keeps the page', async () => {
    const file = path.join(dir, 'ld.html');
    const db = path.join(dir, 'ld.db');
    writeFileSync(
      file,
      page('x', 'Kingsley').replace(
        '</head>',
        '<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person","name":"Ada \\u0000 Brennick"}}</script></head>',
      ),
    );
    const store = await openStore(db);
    try {
      const summary = await runIngest({ inputs: [file], store });
      expect(summary.failures).toEqual([]);
      expect(summary.articles).toBe(1);
      const message = (await store.messages.list({ ruleId: 'invalid-characters' })).items[0];
      expect(message?.message).toMatchObject({ stage: 'text', data: { nul: 1 } });
      const article = (await store.articles.get(message!.articleId!))?.article;
      expect(article?.byline).toMatch(/Ada/);
      expect(article?.byline).not.toContain('\u0000');
    } finally {
      await store.close();
    }
  });

  describe('when the store still refuses one record', () => {
    /** The real store, except that a batch holding the document from `refused` fails as the database would fail it. */
    function refusing(store: Store, refused: string): Store {
      return new Proxy(store, {
        get(target, key, receiver) {
          if (key !== 'saveIngested') return Reflect.get(target, key, receiver) as unknown;
          return async (batch: Parameters<Store['saveIngested']>[0]) => {
            if (batch.some((r) => r.document.origin.locator.endsWith(refused))) {
              throw createError('STORE_WRITE_FAILED', { db: target.location, detail: 'invalid byte sequence for encoding "UTF8"' });
            }
            return target.saveIngested(batch);
          };
        },
      });
    }

    it('saves the rest of the batch and reports that document as failed, naming its input', async () => {
      const folder = path.join(dir, 'refused');
      mkdirSync(folder, { recursive: true });
      const names = ['a.html', 'b.html', 'c.html', 'd.html'];
      names.forEach((n, i) => writeFileSync(path.join(folder, n), page(`Town ${n}`, ['Ashby', 'Brill', 'Corran', 'Dunmore'][i]!)));
      const store = await openStore(':memory:');
      try {
        const failed: string[] = [];
        const summary = await runIngest({ inputs: [folder], store: refusing(store, 'c.html'), onFailure: (input, e) => failed.push(`${input} ${e.code}`) });
        expect(summary.added).toBe(3);
        expect(summary.articles).toBe(3);
        expect(failed).toEqual([`${path.join(folder, 'c.html')} DOCUMENT_NOT_STORED`]);
        expect(summary.failures.map((f) => f.error.code)).toEqual(['DOCUMENT_NOT_STORED']);
        expect(summary.failures[0]!.error.message).toContain('invalid byte sequence');
        expect(await store.articles.count()).toBe(3);
      } finally {
        await store.close();
      }
    });

    it('still fails the run when the database refuses every document (the fault is the database)', async () => {
      const folder = path.join(dir, 'refused-all');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'a.html'), page('Town a', 'Ashby'));
      writeFileSync(path.join(folder, 'b.html'), page('Town b', 'Brill'));
      const store = await openStore(':memory:');
      try {
        await expect(runIngest({ inputs: [folder], store: refusing(store, '.html') })).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
      } finally {
        await store.close();
      }
    });
  });
});

describe('a document that yields no article', () => {
  it('is stored with the error saying why, beside the good articles of its feed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-no-article-'));
    const file = path.join(dir, 'feed.jsonl');
    const good = 'The harbour board of Lowdale approved the new ferry timetable on Monday after a year of talks with the island councils, which had asked for an earlier morning crossing.';
    writeFileSync(file, `${JSON.stringify({ title: 'Ferry timetable approved', text: good, url: 'https://lowdale.example/ferry' })}\n${JSON.stringify({ title: 'Furniture only', text: 'Share\n\nPrint\n\n12 Comments', url: 'https://lowdale.example/empty' })}\n`);
    const store = await openStore(path.join(dir, 'x.db'));
    try {
      const summary = await runIngest({ inputs: [file], store });
      expect(summary.articles).toBe(1);
      expect(summary.empty).toBe(1);
      const found = await store.messages.list({ ruleId: 'no-article-text' });
      expect(found.items).toHaveLength(1);
      expect(found.items[0]!.message.severity).toBe('error');
      expect(found.items[0]!.articleId).toBeUndefined();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
