import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';

/** Run the CLI in-process; returns exit code and captured output. */
async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd);
  const code = await runCli(args, io.ctx);
  return { code, out: io.out(), err: io.err() };
}

const PAGE = `<!doctype html><html lang="en"><head><title>Council approves tidal barrier | Calder Times</title>
<meta property="og:site_name" content="Calder Times"><meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Council approves tidal barrier</h1>
<p>The regional council of North Calder voted on Tuesday to build a tidal barrier across the mouth of the Orrin river, ending a decade of argument over how to protect the harbour district from storm surges.</p>
<p>“We have waited long enough,” said council leader Mara Velin after the vote, which passed by 31 votes to 9. The barrier is expected to cost 240 million and to be finished by 2029.</p>
<p>Opponents, led by the Fisheries Union, said the structure would cut the river off from the sea for weeks at a time and harm the salmon run that the town has relied on for generations.</p>
</article><footer>© Calder Times</footer></body></html>`;

describe('parallax CLI', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-cli-'));
    db = path.join(dir, 'test.db');
    writeFileSync(path.join(dir, 'barrier.html'), PAGE);
    writeFileSync(path.join(dir, 'notes.txt'), 'Ferry service resumes\n\nThe ferry between Port Aldin and Veska resumed on Monday after a three-week strike by deckhands ended with a pay deal.\n');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests good inputs, names each bad one on stderr, and exits 1 when any failed', async () => {
    const r = await cli(['ingest', '--db', db, '-q', path.join(dir, 'barrier.html'), path.join(dir, 'notes.txt'), path.join(dir, 'empty.txt'), path.join(dir, 'image.png')], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/2 articles stored/);
    expect(r.err).toContain('empty.txt');
    expect(r.err).toContain('[INPUT_EMPTY]');
    expect(r.err).toContain('image.png');
    expect(r.err).toContain('[INPUT_BINARY]');
    expect(r.err.trim().split('\n')).toHaveLength(2);
  });

  it('adds nothing when the same inputs are ingested again', async () => {
    const r = await cli(['ingest', '--db', db, '--json', path.join(dir, 'barrier.html'), path.join(dir, 'notes.txt')], dir);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as { added: number; skipped: number; articles: number };
    expect(summary).toMatchObject({ added: 0, skipped: 2, articles: 0 });
  });

  it('lists articles as a table and as JSON', async () => {
    const table = await cli(['articles', '--db', db], dir);
    expect(table.code).toBe(0);
    expect(table.out).toContain('Council approves tidal barrier');
    const json = JSON.parse((await cli(['articles', '--db', db, '--json'], dir)).out) as { total: number; items: { id: string; title?: string }[] };
    expect(json.total).toBe(2);
    expect(json.items.map((i) => i.id).every((id) => id.startsWith('art_'))).toBe(true);
  });

  it('shows one article with its clean text and the messages explaining what was removed', async () => {
    const list = JSON.parse((await cli(['articles', '--db', db, '--json', '--search', 'barrier'], dir)).out) as { items: { id: string }[] };
    const id = list.items[0]?.id;
    expect(id).toBeDefined();
    const shown = await cli(['show', '--db', db, String(id)], dir);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('salmon run');
    expect(shown.out).not.toContain('© Calder Times');
    const asJson = JSON.parse((await cli(['show', '--db', db, String(id), '--json'], dir)).out) as { article: { text: string; publishedResolved?: { value: string } } };
    expect(asJson.article.publishedResolved?.value.slice(0, 10)).toBe('2024-03-05');
  });

  it('says clearly when an id is unknown', async () => {
    const r = await cli(['show', '--db', db, 'art_0000000000000000'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[ARTICLE_NOT_FOUND]');
  });

  it('exports every article as JSONL, JSON and CSV', async () => {
    const jsonl = (await cli(['export', '--db', db, '--format', 'jsonl'], dir)).out.trim().split('\n');
    expect(jsonl).toHaveLength(2);
    const rec = JSON.parse(jsonl[0] ?? '{}') as { text?: string; messages?: unknown[] };
    expect(typeof rec.text).toBe('string');
    expect(Array.isArray(rec.messages)).toBe(true);
    const json = JSON.parse((await cli(['export', '--db', db, '--format', 'json'], dir)).out) as unknown[];
    expect(json).toHaveLength(2);
    const out = path.join(dir, 'articles.csv');
    expect((await cli(['export', '--db', db, '--format', 'csv', '--out', out], dir)).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,documentId,part,/);
    expect(csv).toContain('"');
  });

  it('rejects an unknown export format with a usage error', async () => {
    const r = await cli(['export', '--db', db, '--format', 'xml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[USAGE]');
  });
});

describe('parallax stories, story and copies', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-stories-'));
    db = `${dir}.db`;
    writeFileSync(path.join(dir, 'barrier.html'), PAGE);
    const body = PAGE.slice(PAGE.indexOf('<p>'), PAGE.lastIndexOf('</article>'));
    writeFileSync(
      path.join(dir, 'repost.html'),
      `<!doctype html><html lang="en"><head><title>Tidal barrier approved</title><meta property="og:site_name" content="Orrin Digest">
<meta property="article:published_time" content="2024-03-05T15:00:00Z"></head><body><article><h1>Tidal barrier approved</h1>
<p>Our readers in the harbour district have asked about the barrier for years; here is the report from our partners.</p>${body}
<p>Source » Calder Times</p></article></body></html>`,
    );
    writeFileSync(path.join(dir, 'ferry.txt'), 'Ferry service resumes\n\nThe ferry between Port Aldin and Veska resumed on Monday after a three-week strike by deckhands ended with a pay deal that raises wages by nine percent over two years.\n');
    const r = await cli(['ingest', '--db', db, '-q', dir], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 articles grouped into stories/);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  });

  it('lists stories with their independent source counts', async () => {
    const page = JSON.parse((await cli(['stories', '--db', db, '--json'], dir)).out) as { total: number; items: { articleCount: number; sourceCount: number }[] };
    expect(page.total).toBe(2);
    expect(page.items[0]).toMatchObject({ articleCount: 2, sourceCount: 1 });
    const table = await cli(['stories', '--db', db], dir);
    expect(table.out).toContain('SOURCES');
  });

  it('shows a story by family, naming the repost and why it was joined', async () => {
    const articles = JSON.parse((await cli(['articles', '--db', db, '--json', '--site', 'Orrin Digest'], dir)).out) as { items: { id: string }[] };
    const repost = articles.items[0]?.id ?? '';
    const shown = await cli(['story', '--db', db, repost], dir);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('1 independent');
    expect(shown.out).toMatch(/partial|verbatim/);
    const copies = await cli(['copies', '--db', db, repost, '--width', '100'], dir);
    expect(copies.code).toBe(0);
    expect(copies.out).toContain('│');
    expect(copies.out).toContain('salmon run');
    const json = JSON.parse((await cli(['copies', '--db', db, repost, '--json'], dir)).out) as { copies: { articleId: string; passages: { copyText: string }[] }[] };
    expect(json.copies[0]?.articleId).toBe(repost);
    expect(json.copies[0]?.passages.length).toBeGreaterThan(0);
  });

  it('says clearly when a story is unknown', async () => {
    const r = await cli(['story', '--db', db, 'sty_0000000000000000'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('[STORY_NOT_FOUND]');
  });
});

describe('parallax ingest --queue', () => {
  it('needs a PostgreSQL database and says so', async () => {
    const r = await cli(['ingest', '--queue', '--db', path.join(tmpdir(), 'not-postgres.db'), 'page.html'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.err).toContain('[QUEUE_NEEDS_POSTGRES]');
  });

  it('refuses to queue standard input, which a worker cannot read', async () => {
    const r = await cli(['ingest', '--queue', '--db', 'postgres://user@127.0.0.1:1/db', '-'], tmpdir());
    expect(r.code).toBe(2);
    expect(r.err).toContain('[USAGE]');
  });
});
