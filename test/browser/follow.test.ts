/**
 * Following in chromium: the Follow button on a story page follows it (and shows so after a
 * reload), on an outlet profile and on a speaker's quotes page too; the Feed page (#/feed, in the
 * nav) lists the follows and, once a new article of the followed story is ingested, its entry with
 * a link to the story. Neither the story page with its button nor the Feed page scrolls sideways at
 * 390 or 1440 px. Screenshots: feed-WIDTH.png, story-follow-WIDTH.png (and -full).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { CHROMIUM, expectFits, HAS_CHROMIUM, openPage, shot, startUi, stopUi, type UiRun } from './harness.js';

const EXAMPLE_INPUT = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));
const WIDTHS = [390, 1440] as const;

let run: UiRun | undefined;
let storyId: string;

const open = (path: string, width: number): Promise<Page> => openPage(run!, path, width);

describe.skipIf(!HAS_CHROMIUM)(`following from the web UI in chromium (skipped when ${CHROMIUM} is absent)`, () => {
  beforeAll(async () => {
    run = await startUi([EXAMPLE_INPUT]);
    storyId = (await run.store.stories.list({ limit: 1 })).items[0]!.id;
  }, 240_000);
  afterAll(() => stopUi(run));

  it('the story page Follow button follows the story; a new article of it then shows in the Feed with a link to the story', async () => {
    const page = await open(`/#/story/${storyId}`, 1440);
    const button = page.locator('.story-head button.follow');
    await button.waitFor();
    await page.waitForFunction(() => document.querySelector('.story-head button.follow')?.textContent?.startsWith('Follow this story'));
    await button.click();
    await page.waitForFunction(() => document.querySelector('.story-head button.follow')?.getAttribute('aria-pressed') === 'true');
    const follows = (await (await fetch(`${run!.url}/api/follows`)).json()) as { follows: { id: string; kind: string; target: string }[] };
    expect(follows.follows).toEqual([expect.objectContaining({ kind: 'story', target: storyId })]);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('.story-head button.follow')?.getAttribute('aria-pressed') === 'true');

    // A new article of the followed story arrives.
    const story = (await run!.store.stories.get(storyId))!;
    const first = story.members[0]!;
    const stored = (await run!.store.articles.get(first.articleId))!.article;
    const file = join(run!.dir, 'new.jsonl');
    await writeFile(file, `${JSON.stringify({ url: 'https://late-gazette.example/accord', title: 'Late Gazette: <i>the accord</i> & what follows', published: story.story.lastSeen ?? first.article.published, text: stored.text })}\n`);
    await runIngest({ inputs: [file], store: run!.store });
    await runStories({ store: run!.store });

    await page.click('nav.top a[href="#/feed"]');
    await page.waitForSelector('ol.feed-list li.feed-entry');
    const entries = await page.$$eval('ol.feed-list li.feed-entry', (lis) => lis.map((li) => ({ title: li.querySelector('.entry-title')?.textContent ?? '', links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')), html: li.innerHTML })));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.title).toContain('Late Gazette: <i>the accord</i> & what follows');
    expect(entries[0]!.html).not.toContain('<i>');
    // The story may have a new id now that it grew: the entry and the follow name the story holding its articles.
    const now = (await run!.store.stories.ofArticle(first.articleId))!;
    expect(entries[0]!.links).toContain(`#/story/${now}`);
    const followed = (await (await fetch(`${run!.url}/api/follows`)).json()) as { follows: { kind: string; target: string }[] };
    expect(followed.follows.find((f) => f.kind === 'story')?.target).toBe(now);
    storyId = now;
    expect(await page.$$eval('ul.follow-list li', (lis) => lis.length)).toBe(1);
    await page.close();
  });

  it('an outlet profile and a speaker’s quotes page have a Follow button that follows them', async () => {
    const outlets = (await (await fetch(`${run!.url}/api/outlets`)).json()) as { outlets: { key: string }[] };
    const key = outlets.outlets.find((o) => o.key !== 'unknown')!.key;
    const page = await open(`/#/outlet/${encodeURIComponent(key)}`, 1440);
    await page.waitForFunction(() => document.querySelector('button.follow')?.textContent?.startsWith('Follow this outlet'));
    await page.click('button.follow');
    await page.waitForFunction(() => document.querySelector('button.follow')?.getAttribute('aria-pressed') === 'true');
    await page.goto(`${run!.url}/#/quotes?speaker=Halden`);
    await page.waitForFunction(() => document.querySelector('button.follow')?.textContent?.startsWith('Follow this person'));
    await page.click('button.follow');
    await page.waitForFunction(() => document.querySelector('button.follow')?.getAttribute('aria-pressed') === 'true');
    const follows = (await (await fetch(`${run!.url}/api/follows`)).json()) as { follows: { kind: string; target: string }[] };
    expect(follows.follows.map((f) => [f.kind, f.target])).toEqual(expect.arrayContaining([['outlet', key], ['person', 'Halden']]));
    await page.close();
  });

  for (const width of WIDTHS) {
    it(`shows the Feed and a story with its Follow button without sideways scrolling at ${width} px`, async () => {
      const page = await open('/#/feed', width);
      await page.waitForSelector('section.follows');
      await expectFits(page, `the Feed page at ${width} px`);
      await shot(page, `feed-${width}`);
      await page.goto(`${run!.url}/#/story/${storyId}`);
      await page.waitForSelector('.story-head button.follow');
      await expectFits(page, `the story page at ${width} px`);
      await shot(page, `story-follow-${width}`);
      const nav = await page.$eval('nav.top', (n) => n.getBoundingClientRect().height);
      if (width === 390) expect(nav, 'the top nav keeps to one line').toBeLessThan(50);
      await page.close();
      expect(run!.errors).toEqual([]);
    });
  }
});
