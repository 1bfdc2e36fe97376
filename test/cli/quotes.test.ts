/**
 * `parallax quotes STORY` and `parallax people [STORY]` on three fictional outlets' reports of one
 * press conference, ingested and grouped into a story in a temporary database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerQuotes } from '../../src/cli/commands/quotes.js';
import type { CliContext } from '../../src/cli/context.js';
import { isParallaxError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';

const page = (site: string, title: string, body: string[]) =>
  `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="${site}">` +
  `<meta property="article:published_time" content="2025-04-08T10:00:00Z"></head><body><article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

const CONTEXT = [
  'The closure of the northern harbour at Velmora after the winter storms has kept the fishing fleet of the Velmora coast in port for three months, and the fisheries ministry has faced protests by fishing families.',
  'Velmora fishing crews have not sailed since January, when storms wrecked the breakwater of the harbour; families of the fleet marched on the fisheries ministry last week.',
  'Since the January storms closed Velmora harbour, its fishing fleet has stayed tied up and angry fishing families have protested outside the fisheries ministry.',
];

const FILES: Record<string, string> = {
  'gazette.html': page('Harbour Gazette', 'Velmora harbour to reopen for fishing fleet, minister says', [
    CONTEXT[0]!,
    'Fisheries Minister Marta Kovalenko said on Tuesday: “The northern harbour will reopen to fishing boats before the end of the spring season, and every family that lost income will receive compensation.”',
    'Kovalenko also spoke about taxes. “We will not raise the fuel tax this year, whatever the deficit,” Kovalenko said.',
  ]),
  'herald.html': page('Coastal Herald', 'Minister promises Velmora fishing harbour will reopen', [
    CONTEXT[1]!,
    '“The port in the north will be reopened for fishing vessels before the spring season ends, and all families who lost their income will be compensated,” Fisheries Minister Marta Kovalenko told reporters at the Velmora harbour.',
  ]),
  'tide.html': page('Daily Tide', 'Velmora fishing harbour reopening promised by fisheries minister', [
    CONTEXT[2]!,
    'Fisheries Minister Marta Kovalenko said that the northern harbour would reopen to fishing boats before the end of the spring season and that each family that lost income would receive compensation.',
  ]),
};

async function run(args: string[]): Promise<{ out: string; error?: unknown }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const ctx: CliContext = { stdout, stderr: new PassThrough(), env: { NO_COLOR: '1' }, cwd: tmpdir() };
  const program = new Command('parallax').exitOverride();
  registerQuotes(program, ctx);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { out };
  } catch (error) {
    return { out, error };
  }
}

describe('parallax quotes and people', () => {
  let dir: string;
  let db: string;
  let storyId: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-quotes-'));
    db = path.join(dir, 'test.db');
    for (const [name, html] of Object.entries(FILES)) writeFileSync(path.join(dir, name), html);
    const store = await openStore(db);
    await runIngest({ inputs: Object.keys(FILES).map((f) => path.join(dir, f)), store });
    await runStories({ store });
    const top = (await store.stories.list({ limit: 1 })).items[0]!;
    expect(top.articleCount).toBe(3);
    storyId = top.id;
    await store.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the minister’s statement with each outlet’s rendering and the differences', async () => {
    const { out, error } = await run(['quotes', storyId, '--db', db, '--width', '120']);
    expect(error).toBeUndefined();
    expect(out).toContain('Marta Kovalenko');
    expect(out).toMatch(/Statement stm_[0-9a-f]{16} {2}3 outlets, 3 articles \(3 independent sources\), 3 renderings, similarity 0\.\d\d/);
    for (const site of ['Harbour Gazette', 'Coastal Herald', 'Daily Tide']) expect(out).toContain(site);
    // The translation's own word is marked as added, the complete rendering's as missing.
    expect(out).toContain('{+port+}');
    expect(out).toMatch(/\[-harbour-\]/);
  });

  it('lists the statement only one outlet carries under “said only in one outlet”', async () => {
    const { out } = await run(['quotes', storyId, '--db', db]);
    const section = out.slice(out.indexOf('Said only in one outlet'));
    expect(out).toContain('Said only in one outlet');
    expect(section).toContain('fuel tax');
    expect(section).toContain('Harbour Gazette');
  });

  it('prints JSON with statements, renderings, alignment and the single-outlet list', async () => {
    const { out } = await run(['quotes', storyId, '--db', db, '--json']);
    const json = JSON.parse(out) as { articles: { familyId: string }[]; statements: { renderings: { site: string; alignment: { op: string }[] }[] }[]; single: unknown[]; people: unknown[] };
    expect(json.articles).toHaveLength(3);
    expect(json.articles.every((a) => a.familyId.startsWith('fam_'))).toBe(true);
    expect(json.statements).toHaveLength(1);
    expect(json.statements[0]!.renderings.map((r) => r.site).sort()).toEqual(['Coastal Herald', 'Daily Tide', 'Harbour Gazette']);
    expect(json.statements[0]!.renderings[1]!.alignment.length).toBeGreaterThan(5);
    expect(json.single.length).toBeGreaterThanOrEqual(1);
  });

  it('accepts the id of an article in the story', async () => {
    const store = await openStore(db);
    const articleId = (await store.stories.get(storyId))!.members[0]!.articleId;
    await store.close();
    const { out } = await run(['quotes', articleId, '--db', db, '--json']);
    expect((JSON.parse(out) as { storyId: string }).storyId).toBe(storyId);
  });

  it('fails with STORY_NOT_FOUND for an unknown story', async () => {
    const { error } = await run(['quotes', 'sty_0000000000000000', '--db', db]);
    expect(isParallaxError(error, 'STORY_NOT_FOUND')).toBe(true);
  });

  it('lists people with name forms, roles, article counts and evidence, for one story and over all', async () => {
    const one = await run(['people', storyId, '--db', db]);
    expect(one.out).toMatch(/Marta Kovalenko {2}person, 3 article\(s\)/);
    expect(one.out).toMatch(/forms .*Kovalenko/);
    expect(one.out).toContain('Fisheries Minister');
    expect(one.out).toContain('evidence');
    const all = await run(['people', '--db', db, '--json']);
    const json = JSON.parse(all.out) as { stories: string[]; people: { entity: { name: string }; articleIds: string[]; storyIds: string[] }[] };
    expect(json.stories).toContain(storyId);
    const minister = json.people.find((p) => p.entity.name === 'Marta Kovalenko')!;
    expect(minister.articleIds).toHaveLength(3);
    expect(minister.storyIds).toEqual([storyId]);
  });
});
