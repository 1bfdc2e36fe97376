// Publication times on the command line: in the reader's zone (TZ) with the offset, or in UTC with
// --utc; a date-only page keeps its day; `show` says how the page wrote the time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';

async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const io = captureCli(cwd, { NO_COLOR: '1', ...env });
  const code = await runCli(args, io.ctx);
  return { code, out: io.out() };
}

const page = (site: string, head: string, title: string) => `<!doctype html><html lang="en"><head><title>${title}</title>
<meta property="og:site_name" content="${site}">${head}</head><body><article><h1>${title}</h1>
<p>The river authority of Orrinvale opened the new lock gates on the northern canal after two years of work, letting barges pass the weir for the first time since the flood.</p>
<p>Engineers said the gates would be tested again in the spring, when the meltwater raises the canal by more than a metre, and that a second lock downstream would follow.</p>
</article></body></html>`;

describe('publication times in listings', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-times-'));
    db = `${dir}.db`;
    writeFileSync(path.join(dir, 'east.html'), page('Tavrin Courier', '<meta property="article:published_time" content="2031-09-04T14:09:00+03:30">', 'Lock gates open on the northern canal'));
    writeFileSync(path.join(dir, 'day.html'), page('Orrin Weekly', '<meta name="date" content="2031-09-04">', 'Barges pass the Orrinvale weir again'));
    expect((await cli(['ingest', '--db', db, '-q', dir], dir)).code).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(db, { force: true });
  });

  it('lists times in the zone of TZ with its offset, or in UTC with --utc; a day stays a day', async () => {
    const ny = (await cli(['articles', '--db', db], dir, { TZ: 'America/New_York' })).out;
    expect(ny).toMatch(/2031-09-04 06:39 -04:00 .*Tavrin Courier/);
    expect(ny).toMatch(/2031-09-04 {2,}en .*Orrin Weekly/);
    const utc = (await cli(['articles', '--db', db, '--utc'], dir, { TZ: 'America/New_York' })).out;
    expect(utc).toMatch(/2031-09-04 10:39 UTC .*Tavrin Courier/);
  });

  it('shows one article’s time in the reader’s zone and as the page wrote it', async () => {
    const list = JSON.parse((await cli(['articles', '--db', db, '--json', '--site', 'Tavrin Courier'], dir)).out) as { items: { id: string }[] };
    const shown = (await cli(['show', '--db', db, list.items[0]!.id], dir, { TZ: 'Asia/Tokyo' })).out;
    expect(shown).toMatch(/^published\s+2031-09-04 19:39 \+09:00 \(from opengraph, written 2031-09-04T14:09:00\+03:30\)$/m);
  });

  it('lists who reported the story first, a day-only page stated as such, in UTC with --utc', async () => {
    const list = JSON.parse((await cli(['articles', '--db', db, '--json'], dir)).out) as { items: { id: string }[] };
    const story = await cli(['story', '--db', db, list.items[0]!.id, '--no-sources', '--utc'], dir, { TZ: 'Asia/Tokyo' });
    expect(story.code).toBe(0);
    const block = story.out.slice(story.out.indexOf('Who reported first'));
    expect(block).toMatch(/ 1\. 2031-09-04 \(time unknown\)\s+Orrin Weekly/);
    expect(block).toMatch(/ 1= 2031-09-04 10:39 UTC\s+Tavrin Courier\s+art_\w+ {2}same day as Orrin Weekly, which came first unknown/);
    const json = JSON.parse((await cli(['story', '--db', db, list.items[0]!.id, '--no-sources', '--json'], dir)).out) as { firstReports: { site: string; precision: string; utc?: string }[] };
    expect(json.firstReports).toEqual([
      expect.objectContaining({ site: 'Orrin Weekly', precision: 'day' }),
      expect.objectContaining({ site: 'Tavrin Courier', precision: 'datetime', utc: '2031-09-04T10:39:00Z' }),
    ]);
  });
});
