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
import { ferryStoryLines } from '../support/ferry-story.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd);
  const code = await runCli(args, io.ctx);
  return { code, out: io.out(), err: io.err() };
}


describe('parallax story: what the sources rest on', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-sources-'));
    db = path.join(dir, 'test.db');
    writeFileSync(path.join(dir, 'ferry.jsonl'), `${ferryStoryLines().map((l) => JSON.stringify(l)).join('\n')}\n`);
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
