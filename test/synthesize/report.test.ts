/**
 * The story report on the fictional Harbor Accord example (golden Markdown and JSON; rewrite with
 * `UPDATE_GOLDEN=1 npx vitest run test/synthesize`), its HTML page on a hostile article, and
 * `parallax report` through its registration.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { registerReport } from '../../src/cli/commands/report.js';
import { isParallaxError } from '../../src/errors.js';
import type { StoryReport } from '../../src/model/report.js';
import type { StoryInput } from '../../src/pipeline/analyze/input.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { createReport, renderReport } from '../../src/pipeline/synthesize/index.js';
import { openStore } from '../../src/store/index.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';
import { story as claimStory } from '../claims/build.js';

const GOLDEN = fileURLToPath(new URL('./golden/harbor-accord/', import.meta.url));

/** Compare `actual` with the golden file, or rewrite it when UPDATE_GOLDEN=1. */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('report of the example story', () => {
  let report: StoryReport;
  beforeAll(async () => {
    const [story] = (await storiesOf(EXAMPLE_DIR)) as [StoryInput];
    report = createReport()(story).value;
  }, 120_000);

  it('matches the golden Markdown page', () => golden('report.md', renderReport(report, 'md')));
  it('matches the golden JSON report', () => golden('report.json', renderReport(report, 'json')));

  it('lists every article with its family and counts the families as sources', () => {
    expect(report.articles.length).toBeGreaterThanOrEqual(9);
    expect(report.sourceCount).toBe(new Set(report.articles.map((a) => a.familyId)).size);
    expect(report.sourceCount).toBeLessThan(report.articles.length);
  });

  it('names the outlet of a text read from a file (no URL, no site name) in the report itself: JSON, Markdown and HTML agree and no file name is an outlet', () => {
    const named = report.articles.filter((a) => a.url === undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const a of report.articles) expect(a.site).not.toMatch(/\.(?:txt|html?|md|jsonl?)(?:#\d+)?$/i);
    const known = named.filter((a) => a.outletKey !== undefined && a.outletKey !== 'unknown');
    expect(known.length).toBeGreaterThan(0);
    for (const a of known) {
      const name = report.outlets.find((o) => o.key === a.outletKey)!.name;
      expect(a.site).toBe(name);
      for (const format of ['md', 'html', 'json'] as const) {
        const page = renderReport(report, format);
        expect(page).not.toContain('hpa-halden-reaction.txt');
        expect(page).toContain(name);
      }
    }
  });

  it('renders every section in Markdown and HTML', () => {
    const md = renderReport(report, 'md');
    for (const h of ['## Summary', '## When and where', '## Who said what', '## Who agrees', '## How each names things', '## Who cites whom', '## Timeline', '## Articles']) expect(md).toContain(h);
    const html = renderReport(report, 'html');
    expect(html).toContain('<h2>Who cites whom</h2>');
    expect(html).toMatch(/<svg[^>]*>/);
  });
});

describe('report of a story too large for every comparison', () => {
  it('says in JSON, Markdown and HTML which cap an analysis applied, and nothing when none did', () => {
    const ferry = claimStory(
      ...Array.from({ length: 45 }, (_, i) => ({ id: `f${i}`, familyId: `fam_f${i}`, site: `f${i}.example`, published: '2031-04-14T09:00:00Z', text: `The ferry was carrying ${120 + i} passengers when it left the port of Selm on Monday morning <b>${i}</b>.` })),
    );
    const report = createReport()(ferry).value;
    const limits = report.limits ?? [];
    expect(limits.map((l) => l.ruleId)).toContain('claim-conflicts-capped');
    expect(limits[0]!.text).toMatch(/compared/);
    expect(JSON.parse(renderReport(report, 'json')).limits).toEqual(limits);
    expect(renderReport(report, 'md')).toContain('## Limits of this report');
    const html = renderReport(report, 'html');
    expect(html).toContain('<h2>Limits of this report</h2>');
    const small = createReport()(claimStory(...Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, familyId: `fam_s${i}`, site: `s${i}.example`, published: '2031-04-14T09:00:00Z', text: 'The ferry left the port of Selm on Monday morning with 120 passengers.' })))).value;
    expect(small.limits).toBeUndefined();
    expect(renderReport(small, 'md')).not.toContain('Limits of this report');
  }, 60_000);
});

describe('HTML page of a hostile article', () => {
  const text = [
    'The council of Varde <script>alert("x")</script> approved the new harbour budget on Monday after a long debate.',
    'Members said the budget <img src=x onerror=alert(1)> would pay for two new berths and a rail link.',
    'Critics said the vote <a href="javascript:alert(2)">was rushed</a> and asked for a second reading.',
  ].join('\n\n');
  const sentences = text.split('\n\n').reduce<{ start: number; end: number }[]>((acc, s) => {
    const start = acc.length === 0 ? 0 : acc[acc.length - 1]!.end + 2;
    return [...acc, { start, end: start + s.length }];
  }, []);
  const story: StoryInput = {
    storyId: 'sty_hostile',
    title: '<script>alert(3)</script>',
    articles: [
      {
        id: 'art_hostile',
        text,
        paragraphs: sentences,
        sentences,
        site: '<b onmouseover="alert(4)">evil.example</b>',
        familyId: 'fam_1',
        derivation: 'original',
        title: '<script>alert(5)</script><img src=x onerror=alert(6)>',
        url: 'javascript:alert(7)',
        language: 'en',
        credits: [],
      },
    ],
  };
  const html = renderReport(createReport()(story).value, 'html');
  const { document } = parseHTML(html);

  it('holds no script element and no script text outside escaped source text', () => {
    expect(html.toLowerCase()).not.toContain('<script');
    expect(document.querySelectorAll('script').length).toBe(0);
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives no element an event-handler attribute and no link a javascript: address', () => {
    for (const el of document.querySelectorAll('*')) {
      for (const attr of Array.from((el as Element).attributes)) expect(attr.name.toLowerCase().startsWith('on')).toBe(false);
    }
    for (const a of document.querySelectorAll('a[href]')) expect((a as Element).getAttribute('href')!.toLowerCase()).not.toMatch(/^\s*javascript:/);
  });

  it('declares a Content-Security-Policy that allows no script', () => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toContain("script-src 'none'");
    expect(meta?.getAttribute('content')).toContain("default-src 'none'");
  });
});

describe('parallax report', () => {
  let dir: string;
  let db: string;
  let storyId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-report-'));
    db = path.join(dir, 'test.db');
    const store = await openStore(db);
    try {
      await runIngest({ inputs: [EXAMPLE_DIR], store });
      await runStories({ store });
      const { items } = await store.stories.list({ limit: 10 });
      storyId = [...items].sort((a, b) => b.articleCount - a.articleCount || a.id.localeCompare(b.id))[0]!.id;
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ out: string; err: string; error?: unknown }> {
    const io = captureCli(dir);
    const program = new Command('parallax').exitOverride();
    registerReport(program, io.ctx);
    try {
      await program.parseAsync(args, { from: 'user' });
      return { out: io.out(), err: io.err() };
    } catch (error) {
      return { out: io.out(), err: io.err(), error };
    }
  }

  it('prints the Markdown report of a story by default', async () => {
    const { out, error } = await run(['report', storyId, '--db', db]);
    expect(error).toBeUndefined();
    expect(out).toMatch(/^# /);
    expect(out).toContain('## Summary');
  }, 60_000);

  it('writes the HTML page to --out', async () => {
    const { err, error } = await run(['report', storyId, '--db', db, '--format', 'html', '--out', 'story.html']);
    expect(error).toBeUndefined();
    expect(err).toContain('story.html');
    expect(readFileSync(path.join(dir, 'story.html'), 'utf8')).toMatch(/^<!doctype html>/);
  }, 60_000);

  it('prints JSON with the story id', async () => {
    const { out } = await run(['report', storyId, '--db', db, '--format', 'json']);
    expect((JSON.parse(out) as StoryReport).storyId).toBe(storyId);
  }, 60_000);

  it('refuses an unknown format and an unknown story with their error codes', async () => {
    const bad = await run(['report', storyId, '--db', db, '--format', 'pdf']);
    expect(isParallaxError(bad.error) && bad.error.code).toBe('USAGE');
    const missing = await run(['report', 'sty_0000000000000000', '--db', db]);
    expect(isParallaxError(missing.error) && missing.error.code).toBe('STORY_NOT_FOUND');
  }, 60_000);
});
