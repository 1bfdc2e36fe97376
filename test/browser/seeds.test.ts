/**
 * The Tehran story of the five real seed articles (read from ../shared/seeds at run time) in a
 * real browser: `parallax serve` shows the story with its date and place, the quote rendered by
 * several outlets, the coverage matrix, the naming and the citations. Screenshots:
 * test/browser/screenshots/seeds-*.png.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR } from '../support/stories.js';
import { HAS_CHROMIUM, SHOTS, openPage, shot, startUi, stopUi, type UiRun } from './harness.js';

let run: UiRun | undefined;

describe.skipIf(!HAS_CHROMIUM || !existsSync(SEEDS_DIR))('the seed story in chromium (skipped without /usr/bin/chromium or ../shared/seeds)', () => {
  beforeAll(async () => {
    run = await startUi([SEEDS_DIR]);
  });
  afterAll(() => stopUi(run));

  it('shows the meeting story with its date, place, renderings, coverage, naming and citations', async () => {
    const page = await openPage(run!, '/');
    await page.waitForSelector('table.stories tbody tr');
    await shot(page, 'seeds-story-list');
    await page.locator('table.stories tbody tr td.title a').first().click();
    await page.waitForSelector('section.summary .sentence');
    await page.waitForSelector('section.quotes .statement');

    expect((await page.locator('h1.headline').innerText()).length).toBeGreaterThan(20);
    const whenWhere = await page.locator('section.when-where').innerText();
    expect(whenWhere).toMatch(/6 Nov(ember)? 2023|2023-11-06/);
    expect(whenWhere).toContain('Tehran');

    // One statement rendered by at least four of the five articles.
    const widest = await page.locator('section.quotes .statement').evaluateAll((els) => Math.max(...els.map((e) => new Set([...e.querySelectorAll('.rendering')].map((r) => (r as HTMLElement).dataset.site)).size)));
    expect(widest).toBeGreaterThanOrEqual(4);

    expect(await page.locator('section.coverage .coverage-chart svg rect').count()).toBeGreaterThan(5);
    expect(await page.locator('section.naming').innerText()).toMatch(/Zionist regime/);
    const citations = await page.locator('section.citations').innerText();
    for (const cited of ['AFP', 'IRNA', 'Khamenei.ir']) expect(citations).toContain(cited);

    // What the sources rest on: the official readout behind three of the four independent sources.
    const basis = page.locator('section.primary-sources');
    expect(await basis.locator('.basis-summary strong').innerText()).toBe('4 outlets, resting on 2 primary sources');
    const readout = basis.locator('ol.primary-list > li.primary-source[data-kind="readout"]');
    expect(await readout.count()).toBe(1);
    expect(await readout.locator('.kind').innerText()).toBe('official readout');
    expect(await readout.locator('ul.resting > li').count()).toBe(3);
    expect(await readout.locator('ul.evidence > li').count()).toBeGreaterThan(0);
    await basis.screenshot({ path: join(SHOTS, 'seeds-story-primary-sources.png') });

    await page.locator('section.summary .sentence').first().hover();
    await page.waitForSelector('#sources blockquote.source');
    await shot(page, 'seeds-story-page');
    for (const panel of ['coverage', 'naming', 'citations', 'quotes']) await page.locator(`section.${panel}`).screenshot({ path: join(SHOTS, `seeds-story-${panel}.png`) });
    await page.close();
    expect(run!.dialogs).toEqual([]);
    expect(run!.errors).toEqual([]);
  });
});
