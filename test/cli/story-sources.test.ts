/**
 * `parallax story` says what the families rest on: a wire relayed by two rewrites is shown as the
 * wire's copy, and two outlets relaying one spokesman's statement rest on that statement.
 * Fictional articles, ingested as JSON Lines the way a user would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd);
  const code = await runCli(args, io.ctx);
  return { code, out: io.out(), err: io.err() };
}

const WIRE = [
  'A passenger ferry ran aground off the Halvik lighthouse on Sunday night with 140 passengers and 12 crew aboard, the Halvik coast guard said.',
  'Rescue boats took everyone ashore by dawn and nobody was seriously hurt, according to the harbour master of Halvik.',
  'The ferry, the Nordvik Star, had left the port of Halvik an hour earlier on its nightly crossing to the island of Vessa.',
  'Investigators will examine why the Nordvik Star left the marked channel in calm weather, the maritime authority said on Monday.',
];
const QUOTE = '"The Nordvik Star struck the northern reef at full speed and began taking on water within minutes," coast guard spokesman Piet Almqvist said.';
const QUOTE2 = '"Every passenger was wearing a life jacket when our boats reached the ferry, and that saved lives," Almqvist said of the Halvik rescue.';

const LINES = [
  { url: 'https://fjord-courier.example/halvik-ferry', title: 'Ferry runs aground off Halvik', published: '2025-03-10T07:00:00Z', text: `HALVIK (AFP) - ${WIRE.join('\n\n')}` },
  { url: 'https://valley-news.example/ferry-halvik', title: 'Halvik ferry aground, all rescued', published: '2025-03-10T09:00:00Z', text: [...WIRE.map((p) => p.replace('ran aground', 'went aground')), '— AFP'].join('\n\n') },
  {
    url: 'https://vessa-post.example/nordvik-star',
    title: 'Nordvik Star hit reef at full speed, coast guard says',
    published: '2025-03-10T10:00:00Z',
    text: [
      'The Nordvik Star ferry hit a reef off Halvik at full speed on Sunday night, coast guard spokesman Piet Almqvist said.',
      QUOTE,
      'The ferry, with 140 passengers and 12 crew, was on its nightly crossing from Halvik to Vessa when it ran aground near the lighthouse; rescue boats had everyone ashore by dawn.',
      'The island depends on the nightly crossing for its milk, its mail and the morning newspapers, which did not arrive on Monday.',
    ].join('\n\n'),
  },
  {
    url: 'https://island-herald.example/ferry-reef',
    title: 'Coast guard: Halvik ferry struck reef',
    published: '2025-03-10T11:00:00Z',
    text: [
      'Coast guard spokesman Piet Almqvist said on Monday that the Nordvik Star had struck a reef off Halvik without slowing down.',
      QUOTE,
      QUOTE2,
      'All 140 passengers and the 12 crew of the Halvik–Vessa ferry were brought ashore by rescue boats before dawn, and the maritime authority has opened an investigation.',
      'Shipping brokers in the capital said a replacement vessel could be chartered from the south within a week.',
    ].join('\n\n'),
  },
];

describe('parallax story: what the sources rest on', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-sources-'));
    db = path.join(dir, 'test.db');
    writeFileSync(path.join(dir, 'ferry.jsonl'), `${LINES.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const r = await cli(['ingest', '--db', db, '-q', path.join(dir, 'ferry.jsonl')], dir);
    expect(r.code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the wire family as the wire’s copy and counts the primary sources behind the families', async () => {
    const page = JSON.parse((await cli(['stories', '--db', db, '--json'], dir)).out) as { items: { id: string; articleCount: number; sourceCount: number }[] };
    const story = page.items.find((s) => s.articleCount === 4);
    expect(story?.sourceCount).toBe(3);
    const shown = await cli(['story', '--db', db, story?.id ?? ''], dir);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('3 independent (families), resting on 2 primary sources');
    expect(shown.out).toMatch(/Source \d — Agence France-Presse's wire copy/);
    expect(shown.out).toMatch(/rests on .*Almqvist.*: 2 of 3 source\(s\)/);
    const json = JSON.parse((await cli(['story', '--db', db, story?.id ?? '', '--json'], dir)).out) as { families: { creditedTo?: { key: string } }[]; primarySources: { count: number } };
    expect(json.families.some((f) => f.creditedTo?.key === 'afp.com')).toBe(true);
    expect(json.primarySources.count).toBe(2);
    const quick = await cli(['story', '--db', db, story?.id ?? '', '--no-sources'], dir);
    expect(quick.out).not.toContain('resting on');
  }, 60_000);
});
