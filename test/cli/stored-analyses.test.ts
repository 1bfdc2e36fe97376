/**
 * Stored analyses through the CLI: `ingest` analyses each new or changed story once and stores it;
 * `report` and `quotes` read what is stored; a story that gains an article is analysed again;
 * `analyze` recomputes on demand; `--no-analyze` leaves the first read to compute and store it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { ANALYSES_VERSION } from '../../src/pipeline/analyses.js';
import { openStore } from '../../src/store/index.js';
import { captureCli } from '../support/cli.js';
import { ferryStoryLines } from '../support/ferry-story.js';

describe('stored analyses through the CLI', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-analyses-'));
    db = path.join(dir, 'p.db');
    const lines = ferryStoryLines();
    writeFileSync(path.join(dir, 'first.jsonl'), lines.slice(0, 3).map((l) => JSON.stringify(l)).join('\n') + '\n');
    writeFileSync(path.join(dir, 'last.jsonl'), `${JSON.stringify(lines[3])}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const c = captureCli(dir);
    const code = await runCli([...args, '--db', db], c.ctx);
    return { code, out: c.out(), err: c.err() };
  }

  /** The one story's id and its stored report and statements. */
  async function stored(): Promise<{ id: string; report: Awaited<ReturnType<Awaited<ReturnType<typeof openStore>>['analysis']['get']>>; statements: Awaited<ReturnType<Awaited<ReturnType<typeof openStore>>['analysis']['get']>> }> {
    const store = await openStore(db, { mustExist: true });
    try {
      const { items } = await store.stories.list();
      expect(items).toHaveLength(1);
      const id = items[0]!.id;
      return { id, report: await store.analysis.get(id, 'report'), statements: await store.analysis.get(id, 'statements') };
    } finally {
      await store.close();
    }
  }

  /** Replace the stored report's headline, keeping it current: what `report` prints then came from the store. */
  async function markStoredHeadline(id: string, headline: string): Promise<void> {
    const store = await openStore(db, { mustExist: true });
    try {
      const found = await store.analysis.get(id, 'report');
      const body = JSON.parse(found!.body) as { headline: { text: string } };
      const { sameMembers: _same, ...row } = found!;
      void _same;
      expect(await store.saveAnalyses([{ ...row, body: JSON.stringify({ ...body, headline: { ...body.headline, text: headline } }) }])).toBe(1);
    } finally {
      await store.close();
    }
  }

  it('analyses each new story once at ingest, and report and quotes read the stored analysis', async () => {
    const ingest = await cli('ingest', path.join(dir, 'first.jsonl'), '-q');
    expect(ingest.code).toBe(0);
    expect(ingest.out).toMatch(/1 stories analysed/);
    const { id, report, statements } = await stored();
    expect(report).toMatchObject({ version: ANALYSES_VERSION, sameMembers: true });
    expect(statements).toMatchObject({ version: ANALYSES_VERSION, sameMembers: true });
    expect(JSON.parse(report!.body)).toMatchObject({ storyId: id, articles: [{}, {}, {}] });

    await markStoredHeadline(id, 'Stored headline, not recomputed');
    const json = await cli('report', id, '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ storyId: id, headline: { text: 'Stored headline, not recomputed' } });
    const md = await cli('report', id);
    expect(md.err).toBe('');
    expect(md.out).toContain('Stored headline, not recomputed');
    const quotes = await cli('quotes', id, '--json');
    expect(JSON.parse(quotes.out)).toMatchObject({ storyId: id, articles: [{}, {}, {}] });
  });

  it('analyses a story again when it gains an article, and analyze recomputes a named story on demand', async () => {
    await cli('ingest', path.join(dir, 'first.jsonl'), '-q');
    const before = await stored();
    await markStoredHeadline(before.id, 'Marked before the new article');
    const more = await cli('ingest', path.join(dir, 'last.jsonl'), '-q');
    expect(more.out).toMatch(/1 stories analysed/);
    const after = await stored();
    expect(after.id).toBe(before.id);
    expect(after.report?.membersHash).not.toBe(before.report?.membersHash);
    expect(after.report).toMatchObject({ sameMembers: true });
    const report = JSON.parse(after.report!.body) as { headline: { text: string }; articles: unknown[] };
    expect(report.articles).toHaveLength(4);
    expect(report.headline.text).not.toBe('Marked before the new article');

    // Nothing is stale: a plain `analyze` does nothing; naming the story recomputes it.
    await markStoredHeadline(after.id, 'Marked again');
    expect((await cli('analyze', '-q')).out).toMatch(/^0 stories analysed and stored\./);
    expect(JSON.parse((await cli('report', after.id, '--format', 'json')).out)).toMatchObject({ headline: { text: 'Marked again' } });
    const again = await cli('analyze', '--story', after.id, '-q', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ analysed: 1, stored: 1, failures: [] });
    expect(JSON.parse((await cli('report', after.id, '--format', 'json')).out).headline.text).not.toBe('Marked again');
  });

  it('with --no-analyze leaves the story unanalysed until its first report, which computes and stores it', async () => {
    const ingest = await cli('ingest', path.join(dir, 'first.jsonl'), '-q', '--no-analyze');
    expect(ingest.out).not.toMatch(/analysed/);
    const { id, report } = await stored();
    expect(report).toBeUndefined();
    const first = await cli('report', id, '--format', 'json');
    expect(first.code).toBe(0);
    expect((await stored()).report).toMatchObject({ sameMembers: true, version: ANALYSES_VERSION });
    expect(JSON.parse(first.out)).toEqual(JSON.parse((await stored()).report!.body));
  });

  it('answers who said what across stories from the stored analyses: by speaker and by words', async () => {
    await cli('ingest', path.join(dir, 'first.jsonl'), path.join(dir, 'last.jsonl'), '-q');
    const { id } = await stored();
    const bySpeaker = JSON.parse((await cli('quotes', '--speaker', 'almqvist', '--json')).out) as { hits: { storyId: string; speaker: string; text: string; sites: string[] }[]; searched: number; stale: number };
    expect(bySpeaker.searched).toBe(1);
    expect(bySpeaker.stale).toBe(0);
    expect(bySpeaker.hits.length).toBeGreaterThanOrEqual(1);
    expect(bySpeaker.hits.every((h) => h.storyId === id && /Almqvist/.test(h.speaker))).toBe(true);
    expect(bySpeaker.hits.map((h) => h.text)).toContainEqual(expect.stringContaining('wearing a life jacket'));
    const byWords = JSON.parse((await cli('quotes', '--search', 'LIFE jacket', '--json')).out) as { hits: { text: string }[] };
    expect(byWords.hits.map((h) => h.text)).toEqual([expect.stringContaining('wearing a life jacket')]);
    // One statement rendered by two outlets is one hit naming both.
    const reef = JSON.parse((await cli('quotes', '--search', 'northern reef', '--json')).out) as { hits: { sites: string[]; articles: number }[] };
    expect(reef.hits).toHaveLength(1);
    expect(reef.hits[0]).toMatchObject({ sites: ['vessa-post.example', 'island-herald.example'], articles: 2 });
    expect(JSON.parse((await cli('quotes', '--speaker', 'almqvist', '--search', 'regatta', '--json')).out)).toMatchObject({ hits: [] });
    const text = await cli('quotes', '--speaker', 'Almqvist', '--limit', '1');
    expect(text.out).toMatch(/Almqvist.*: “/);
    expect(text.out).toMatch(/1 statement\(s\) in 1 analysed story/);
    const usage = await cli('quotes');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/--speaker NAME and\/or --search WORDS/);
  });

  it('says which story was not found, and analyze refuses a missing database', async () => {
    await cli('ingest', path.join(dir, 'first.jsonl'), '-q');
    const missing = await cli('analyze', '--story', 'sty_00000000000000ff');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/No story sty_00000000000000ff/);
    const c = captureCli(dir);
    const code = await runCli(['analyze', '--db', path.join(dir, 'nowhere.db')], c.ctx);
    expect(code).toBe(2);
    expect(c.err()).toMatch(/nowhere\.db/);
  });
});
