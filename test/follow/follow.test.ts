/**
 * Follow through the CLI: following a story and ingesting a new article of it puts one entry in the
 * feed (text, JSON and Atom); an article of another story makes none; a term or a person followed
 * gets the claims and quotes that name it; a webhook receives the new entries, and a refused or
 * failing webhook is recorded without failing the ingest.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { FeedEntry, StoredFollow } from '../../src/store/follows.js';
import { captureCli } from '../support/cli.js';
import { ferryStoryLines } from '../support/ferry-story.js';

/** A fictional article about something else entirely. */
const OTHER = {
  url: 'https://orchard-gazette.example/apple-fair',
  title: 'Apple growers crown a new champion at the Lindmoor fair',
  published: '2025-03-10T11:00:00Z',
  text: [
    'Orchard keepers from twelve valleys brought their best apples to the Lindmoor harvest fair on Monday, where a small family farm took the top prize.',
    'The judges praised a late russet variety that the Brekke family has grown on the same slope for four generations.',
    'Fair organisers said attendance rose by a third this year, with visitors tasting cider, pressing juice and buying saplings.',
  ].join('\n\n'),
};

describe('follow and feed through the CLI', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-follow-'));
    db = path.join(dir, 'p.db');
    const lines = ferryStoryLines('<b onmouseover="x()">&</b>');
    writeFileSync(path.join(dir, 'first.jsonl'), lines.slice(0, 3).map((l) => JSON.stringify(l)).join('\n') + '\n');
    writeFileSync(path.join(dir, 'last.jsonl'), `${JSON.stringify(lines[3])}\n`);
    writeFileSync(path.join(dir, 'other.jsonl'), `${JSON.stringify(OTHER)}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const c = captureCli(dir);
    const code = await runCli([...args, '--db', db], c.ctx);
    return { code, out: c.out(), err: c.err() };
  }
  const f = (name: string): string => path.join(dir, name);
  async function feed(): Promise<{ items: FeedEntry[]; total: number }> {
    const r = await cli('feed', '--json');
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out) as { items: FeedEntry[]; total: number };
  }
  async function storyId(): Promise<string> {
    const r = await cli('stories', '--json');
    const parsed = JSON.parse(r.out) as { items: { id: string; articleCount: number }[] };
    return parsed.items[0]!.id;
  }

  it('a followed story gets one entry when a new article joins it, none for an article of another story', async () => {
    expect((await cli('ingest', f('first.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
    const id = await storyId();
    const followed = await cli('follow', 'story', id, '--json');
    expect(followed.code, followed.err).toBe(0);
    const follow = (JSON.parse(followed.out) as { follow: StoredFollow; seen: number }).follow;
    expect(follow).toMatchObject({ kind: 'story', target: id });
    expect((await feed()).total).toBe(0);

    expect((await cli('ingest', f('other.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
    expect((await feed()).total).toBe(0);

    expect((await cli('ingest', f('last.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
    const after = await feed();
    expect(after.items.map((e) => [e.kind, e.followId, e.storyId, e.url])).toEqual([['article', follow.id, id, 'https://island-herald.example/ferry-reef']]);
    expect(after.items[0]!.title).toContain('Coast guard: Halvik ferry struck reef');

    // The same article never makes a second entry.
    expect((await cli('ingest', f('last.jsonl'), '--quiet')).code).toBe(0);
    expect((await feed()).items.filter((e) => e.kind === 'article')).toHaveLength(1);

    const text = await cli('feed');
    expect(text.out).toContain('Coast guard: Halvik ferry struck reef');
    const atom = await cli('feed', '--atom');
    expect(atom.out).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(atom.out).toContain(`<id>urn:parallax:${after.items[0]!.id}</id>`);
    expect(atom.out).toContain('<link rel="alternate" href="https://island-herald.example/ferry-reef"/>');
    expect(atom.out).not.toMatch(/<b[ >]/);

    const list = await cli('follow', '--list');
    expect(list.out).toContain(follow.id);
    expect((await cli('unfollow', follow.id)).code).toBe(0);
    expect((await feed()).total).toBe(0);
    expect((await cli('unfollow', follow.id)).code).not.toBe(0);
  }, 120_000);

  it('a followed term and person get the claims and quotes naming them, escaped in the Atom feed', async () => {
    // Followed before anything is stored: everything that comes is new.
    const hostBefore = await cli('ingest', f('other.jsonl'), '--quiet');
    expect(hostBefore.code).toBe(0);
    const term = await cli('follow', 'term', 'Nordvik', 'Star', '--json');
    expect(term.code, term.err).toBe(0);
    const person = await cli('follow', 'person', 'Piet Almqvist', '--json');
    expect(person.code, person.err).toBe(0);
    const termId = (JSON.parse(term.out) as { follow: StoredFollow }).follow.id;
    const personId = (JSON.parse(person.out) as { follow: StoredFollow }).follow.id;

    expect((await cli('ingest', f('first.jsonl'), f('last.jsonl'), '--quiet')).code).toBe(0);
    const { items } = await feed();
    const ofTerm = items.filter((e) => e.followId === termId);
    const ofPerson = items.filter((e) => e.followId === personId);
    expect(ofTerm.some((e) => e.kind === 'claim' && /Nordvik Star/.test(e.text))).toBe(true);
    expect(ofTerm.some((e) => e.kind === 'article' && e.title.includes('Nordvik Star hit reef'))).toBe(true);
    expect(ofPerson.some((e) => e.kind === 'quote' && e.title.includes('by Piet Almqvist'))).toBe(true);
    expect(ofPerson.some((e) => e.kind === 'claim' && e.text.includes('Piet Almqvist'))).toBe(true);
    // Nothing about the apple fair.
    expect(items.some((e) => /apple|Lindmoor/i.test(e.text))).toBe(false);

    const atom = (await cli('feed', '--atom')).out;
    expect(atom).not.toContain('<b onmouseover');
    if (items.some((e) => e.text.includes('<b onmouseover'))) expect(atom).toContain('&lt;b onmouseover=&quot;x()&quot;&gt;&amp;&lt;/b&gt;');

    // A second run over the same stories adds nothing.
    const before = items.length;
    expect((await cli('analyze', '--story', await storyId(), '--quiet')).code).toBe(0);
    expect((await feed()).total).toBe(before);
  }, 180_000);

  it('POSTs new entries to a webhook on an allowed address, and records a refused one without failing the ingest', async () => {
    const received: { body: string; type: string | undefined }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ body, type: req.headers['content-type'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      expect((await cli('ingest', f('first.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
      const id = await storyId();
      expect((await cli('follow', 'story', id, '--webhook', url)).code).toBe(0);

      // Loopback is refused by default: recorded on the follow, the ingest succeeds.
      delete process.env.PARALLAX_WEBHOOK_ALLOW_PRIVATE;
      const refused = await cli('ingest', f('last.jsonl'), '--quiet', '--no-analyze');
      expect(refused.code).toBe(0);
      expect(received).toHaveLength(0);
      const [follow] = (JSON.parse((await cli('follow', '--list', '--json')).out) as { follows: StoredFollow[] }).follows;
      expect(follow!.delivery).toMatchObject({ ok: false, entries: 1 });
      expect(follow!.delivery!.error).toMatch(/127\.0\.0\.1.*refused/);
      expect((await cli('follow', '--list')).out).toContain('FAILED');

      // Allowed by the option: the next new article is POSTed as JSON.
      process.env.PARALLAX_WEBHOOK_ALLOW_PRIVATE = '1';
      const lines = ferryStoryLines();
      writeFileSync(path.join(dir, 'more.jsonl'), `${JSON.stringify({ ...lines[2]!, url: 'https://harbour-daily.example/ferry', title: 'Harbour Daily: ferry reef strike' })}\n`);
      expect((await cli('ingest', f('more.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
      expect(received).toHaveLength(1);
      expect(received[0]!.type).toBe('application/json');
      const posted = JSON.parse(received[0]!.body) as { follow: { id: string }; entries: FeedEntry[] };
      expect(posted.follow.id).toBe(follow!.id);
      expect(posted.entries.map((e) => e.url)).toEqual(['https://harbour-daily.example/ferry']);
      const [again] = (JSON.parse((await cli('follow', '--list', '--json')).out) as { follows: StoredFollow[] }).follows;
      expect(again!.delivery).toMatchObject({ ok: true, entries: 1, status: 204 });
    } finally {
      delete process.env.PARALLAX_WEBHOOK_ALLOW_PRIVATE;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 120_000);

  it('refuses what cannot be followed', async () => {
    expect((await cli('ingest', f('other.jsonl'), '--quiet', '--no-analyze')).code).toBe(0);
    const bad = await cli('follow', 'planet', 'Mars');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('follow one of story, person, outlet, term');
    expect((await cli('follow', 'story', 'sty_nothing')).err).toContain('No story sty_nothing');
    expect((await cli('follow', 'term', 'fair', '--webhook', 'file:///etc/passwd')).err).toMatch(/scheme is refused/);
  }, 60_000);
});
