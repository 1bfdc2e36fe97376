/**
 * Every page of the web UI on a phone (390 px) and a desktop (1440 px): the story list, each tab
 * of the story page (the fictional accord story, and the seed story when ../shared/seeds is
 * there), an article page with its removed furniture shown, the ingest page and the quotes
 * search. None may scroll sideways: `document.documentElement.scrollWidth <= innerWidth`. The story
 * page opens on its overview (what happened, neutral names, when and where, sources by kind and
 * country, conflicts, key statements), and every claim is reachable at its own address with its id
 * shown. Screenshots: NAME-WIDTH.png (first screen) and NAME-WIDTH-full.png in the shots folder.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEEDS_DIR } from '../support/stories.js';
import { CHROMIUM, expectFits, HAS_CHROMIUM, openPage, openTab, shot, SHOTS, startUi, stopUi, type UiRun } from './harness.js';

const EXAMPLE_INPUT = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));
const HAS_SEEDS = existsSync(SEEDS_DIR);
const WIDTHS = [390, 1440] as const;
const TABS = ['overview', 'quotes', 'claims', 'coverage', 'naming', 'citations', 'timeline', 'first', 'sources'] as const;

interface ReportLike {
  readonly headline: { readonly replacements?: readonly { from: string; to: string }[] };
  readonly summary: readonly { readonly replacements?: readonly { from: string; to: string }[] }[];
  readonly claims: readonly { readonly id: string; readonly sourceCount: number; readonly conflicts: readonly unknown[] }[];
  readonly articles: readonly { readonly id: string; readonly site: string }[];
  readonly outlets?: readonly { readonly name: string; readonly kind: string | null; readonly country: string | null; readonly articles: readonly string[] }[];
}

let run: UiRun | undefined;
/** The stories to open: the accord story, and the seed story when the seeds are there. */
const stories: { name: string; id: string }[] = [];

const open = (path: string, width: number): Promise<Page> => openPage(run!, path, width);


async function report(id: string): Promise<ReportLike> {
  return (await (await fetch(`${run!.url}/api/stories/${id}/report`)).json()) as ReportLike;
}

describe.skipIf(!HAS_CHROMIUM)(`every page at 390 and 1440 px in chromium (skipped when ${CHROMIUM} is absent)`, () => {
  beforeAll(async () => {
    run = await startUi(HAS_SEEDS ? [EXAMPLE_INPUT, SEEDS_DIR] : [EXAMPLE_INPUT]);
    const list = (await (await fetch(`${run.url}/api/stories?limit=100`)).json()) as { items: { id: string; articleCount: number }[] };
    stories.push({ name: 'accord', id: list.items[0]!.id });
    if (HAS_SEEDS) {
      for (const s of list.items) {
        const story = (await (await fetch(`${run.url}/api/stories/${s.id}`)).json()) as { members: { article: { locator: string } }[] };
        if (s.articleCount > 1 && story.members.every((m) => m.article.locator.startsWith(SEEDS_DIR.replace(/\/$/, '')))) {
          stories.push({ name: 'seeds', id: s.id });
          break;
        }
      }
    }
  });
  afterAll(() => stopUi(run));

  for (const width of WIDTHS) {
    it(`shows the story list without sideways scrolling at ${width} px`, async () => {
      const page = await open('/', width);
      await page.waitForSelector('table.stories tbody tr');
      await expectFits(page, 'the story list');
      await shot(page, `list-${width}`);
      await page.close();
    });

    it(`shows every tab of the story page without sideways scrolling at ${width} px`, { timeout: 240_000 }, async () => {
      for (const story of stories) {
        const page = await open(`/#/story/${story.id}`, width);
        await page.waitForSelector('section.summary .sentence');
        await page.waitForSelector('.story-grid[aria-busy="false"]');
        for (const tab of TABS) {
          await openTab(page, tab);
          // Folded parts open, so what they hold is measured too.
          await page.locator(`.pane-${tab} details`).evaluateAll((els) => els.forEach((d) => ((d as HTMLDetailsElement).open = true)));
          await expectFits(page, `the ${story.name} story's ${tab} tab`);
          await shot(page, `story-${story.name}-${tab}-${width}`);
        }
        await page.close();
      }
    });

    it(`shows an article page with its removed furniture without sideways scrolling at ${width} px`, async () => {
      const articles = (await (await fetch(`${run!.url}/api/stories/${stories[0]!.id}`)).json()) as { members: { articleId: string; article: { messageCount: number } }[] };
      const busiest = [...articles.members].sort((a, b) => b.article.messageCount - a.article.messageCount)[0]!;
      const page = await open(`/#/article/${busiest.articleId}`, width);
      await page.waitForSelector('article.clean-text p');
      if ((await page.locator('button.toggle-furniture').count()) > 0) await page.click('button.toggle-furniture');
      await expectFits(page, 'the article page');
      await shot(page, `article-${width}`);
      await page.close();
    });

    it(`shows the ingest page without sideways scrolling at ${width} px`, async () => {
      const page = await open('/#/ingest', width);
      await page.waitForSelector('form.upload');
      await expectFits(page, 'the ingest page');
      await shot(page, `ingest-${width}`);
      await page.close();
    });

    it(`shows the quotes search and its results without sideways scrolling at ${width} px`, async () => {
      const page = await open('/#/quotes', width);
      await page.waitForSelector('form.filters');
      await expectFits(page, 'the quotes page');
      await page.fill('input[name=search]', 'the');
      await page.click('form.filters button[type=submit]');
      await page.waitForSelector('ol.statement-hits li');
      await expectFits(page, 'the quotes results');
      await shot(page, `quotes-${width}`);
      await page.close();
    });
  }

  it('opens the story on its overview: what happened, neutral names, when and where, sources by kind and country, conflicts, key statements', async () => {
    for (const story of stories) {
      const r = await report(story.id);
      const page = await open(`/#/story/${story.id}`, 1440);
      await page.waitForSelector('.story-grid[aria-busy="false"]');
      const overview = page.locator('.pane-overview');
      expect(await overview.isVisible()).toBe(true);
      expect(await page.locator('.tab-pane:not([hidden])').count()).toBe(1);
      expect(await overview.locator('section.summary .sentence').count()).toBe(r.summary.length);
      for (const cls of ['outlets', 'conflicts', 'key-statements']) expect(await overview.locator(`section.${cls}`).count(), cls).toBe(1);
      // Sources by kind and country: one bar segment per kind, as many outlets as the line says.
      const line = await overview.locator('.outlet-line').innerText();
      const listed = await overview.locator('.outlet-list li').count();
      expect(line).toMatch(new RegExp(`^${listed} outlets?: `));
      const counted = await overview.locator('.outlet-bar .seg').evaluateAll((els) => els.reduce((n, e) => n + Number((e as HTMLElement).dataset.count), 0));
      expect(counted).toBe(listed);
      // No outlet is named by a file path.
      for (const name of await page.locator('.outlet-list strong, section.quotes figcaption a, .pane-sources td.outlet').allInnerTexts()) expect(name).not.toMatch(/[\\/]|\.(txt|html?)$/);
      // Disputed claims: one item per claim whose sources disagree.
      expect(await overview.locator('section.conflicts li').count()).toBe(r.claims.filter((c) => c.conflicts.length > 0).length);
      // Neutral names: each replacement the summary made is marked in the sentence and listed.
      const reps = [r.headline, ...r.summary].flatMap((s) => s.replacements ?? []);
      if (reps.length > 0) {
        const names = await overview.locator('.neutral-names').innerText();
        for (const x of reps) expect(names).toContain(x.from.trim());
        expect(await page.locator('.sentence .replaced').count()).toBeGreaterThan(0);
        const title = await page.locator('.sentence .replaced').first().getAttribute('title');
        expect(title).toMatch(/^The source wrote “.+”/);
      }
      await shot(page, `overview-${story.name}-1440`);
      await page.close();
    }
  });

  it('on a phone, a tapped summary sentence opens its passages as a sheet at the bottom, closed by its button', async () => {
    const page = await open(`/#/story/${stories[0]!.id}`, 390);
    await page.waitForSelector('.story-grid[aria-busy="false"]');
    expect(await page.locator('#sources').isVisible()).toBe(false);
    await page.locator('section.summary .sentence').first().click();
    await page.waitForSelector('#sources blockquote.source');
    const sheet = await page.locator('#sources').boundingBox();
    expect(sheet!.x).toBeGreaterThanOrEqual(0);
    expect(sheet!.x + sheet!.width).toBeLessThanOrEqual(390);
    expect(sheet!.y + sheet!.height).toBeLessThanOrEqual(844 + 1);
    await expectFits(page, 'the story page with its passages open');
    await page.screenshot({ path: join(SHOTS, 'overview-sheet-390.png') });
    await page.click('#sources button.close-sources');
    expect(await page.locator('#sources').isVisible()).toBe(false);
    await page.close();
  });

  it('lists every claim with its id, and a claim’s address opens the claims tab scrolled to it', async () => {
    for (const story of stories) {
      const r = await report(story.id);
      if (r.claims.length === 0) continue;
      const page = await open(`/#/story/${story.id}`, 390);
      await page.waitForSelector('.story-grid[aria-busy="false"]');
      await openTab(page, 'claims');
      const ids = await page.locator('.claim-list > li').evaluateAll((els) => els.map((e) => e.querySelector('code.claim-id')?.textContent ?? ''));
      expect(new Set(ids)).toEqual(new Set(r.claims.map((c) => c.id)));
      // The least supported claim, the last in the list (past the matrix's 30), from another tab by its address.
      const last = ids.at(-1)!;
      await openTab(page, 'naming');
      await page.evaluate((href) => { location.hash = href; }, `#/story/${story.id}?claim=${last}`);
      await page.waitForSelector(`li#claim-${last}.target`);
      expect(await page.locator('.pane-claims').isVisible()).toBe(true);
      const inView = await page.locator(`li#claim-${last}`).evaluate((e) => {
        const b = e.getBoundingClientRect();
        return b.top >= -1 && b.top < window.innerHeight;
      });
      expect(inView).toBe(true);
      await page.screenshot({ path: join(SHOTS, `claim-anchor-${story.name}-390.png`) });
      // Loaded fresh at that address, the page opens there too.
      const fresh = await open(`/#/story/${story.id}?claim=${last}`, 390);
      await fresh.waitForSelector(`li#claim-${last}.target`);
      expect(await fresh.locator('.pane-claims').isVisible()).toBe(true);
      await fresh.close();
      await page.close();
    }
    expect(run!.dialogs).toEqual([]);
    expect(run!.errors).toEqual([]);
  });
});
