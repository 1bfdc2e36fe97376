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
import { HAS_CHROMIUM, SHOTS, openPage, openTab, shot, startUi, stopUi, type UiRun } from './harness.js';

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
    await page.waitForSelector('.story-grid[aria-busy="false"]');

    expect((await page.locator('h1.headline').innerText()).length).toBeGreaterThan(20);
    const whenWhere = await page.locator('section.when-where').innerText();
    expect(whenWhere).toMatch(/6 Nov(ember)? 2023|2023-11-06/);
    expect(whenWhere).toContain('Tehran');

    // The sources by kind and country, as the report resolves them: state outlets of one country and
    // a private outlet of another (the Saudi-owned paper beside the Iranian state media).
    const storyId = decodeURIComponent((page.url().split('#/story/')[1] ?? '').split('?')[0]!);
    const report = (await (await fetch(`${run!.url}/api/stories/${storyId}/report`)).json()) as { outlets: { name: string; kind: string | null; country: string | null }[] };
    const segments = await page.locator('section.outlets .outlet-bar .seg').evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
    const count = (kind: string | null) => report.outlets.filter((o) => o.kind === kind).length;
    expect(segments.map((g) => [g.kind, Number(g.count)])).toEqual([...new Set(report.outlets.map((o) => o.kind))].sort((x, y) => ['state', 'public-broadcaster', 'agency', 'private', 'aggregator', null].indexOf(x) - ['state', 'public-broadcaster', 'agency', 'private', 'aggregator', null].indexOf(y)).map((k) => [k ?? 'unknown', count(k)]));
    const state = segments.find((g) => g.kind === 'state');
    const privately = segments.find((g) => g.kind === 'private');
    expect(Number(state?.count)).toBeGreaterThanOrEqual(2);
    expect(state?.countries).toMatch(/^[A-Z]{2}$/);
    expect(privately?.countries).toMatch(/^[A-Z]{2}$/);
    expect(privately?.countries).not.toBe(state?.countries);
    expect(await page.locator('section.outlets .outlet-line').innerText()).toMatch(new RegExp(`^${report.outlets.length} outlets: ${state!.count} state · ${state!.countries}, 1 private · ${privately!.countries}`));
    expect(await page.locator('section.outlets .outlet-list strong').allInnerTexts()).toEqual(report.outlets.map((o) => o.name));
    await page.locator('section.outlets').screenshot({ path: join(SHOTS, 'seeds-story-outlets.png') });

    await openTab(page, 'quotes');
    await page.waitForSelector('section.quotes .statement');
    // One statement rendered by at least four of the five articles.
    const widest = await page.locator('section.quotes .statement').evaluateAll((els) => Math.max(...els.map((e) => new Set([...e.querySelectorAll('.rendering')].map((r) => (r as HTMLElement).dataset.site)).size)));
    expect(widest).toBeGreaterThanOrEqual(4);

    await openTab(page, 'coverage');
    expect(await page.locator('section.coverage .coverage-chart svg rect').count()).toBeGreaterThan(5);
    await openTab(page, 'naming');
    expect(await page.locator('section.naming').innerText()).toMatch(/Zionist regime/);
    await openTab(page, 'citations');
    const citations = await page.locator('section.citations').innerText();
    for (const cited of ['AFP', 'IRNA', 'Khamenei.ir']) expect(citations).toContain(cited);

    // What the sources rest on: the official readout behind three of the four independent sources.
    await openTab(page, 'sources');
    const basis = page.locator('section.primary-sources');
    expect(await basis.locator('.basis-summary strong').innerText()).toBe('4 outlets, resting on 2 primary sources');
    const readout = basis.locator('ol.primary-list > li.primary-source[data-kind="readout"]');
    expect(await readout.count()).toBe(1);
    expect(await readout.locator('.kind').innerText()).toBe('official readout');
    expect(await readout.locator('ul.resting > li').count()).toBe(3);
    expect(await readout.locator('ul.evidence > li').count()).toBeGreaterThan(0);
    await basis.screenshot({ path: join(SHOTS, 'seeds-story-primary-sources.png') });

    await openTab(page, 'overview');
    await page.locator('section.summary .sentence').first().hover();
    await page.waitForSelector('#sources blockquote.source');
    await shot(page, 'seeds-story-page');
    for (const panel of ['coverage', 'naming', 'citations', 'quotes']) {
      await openTab(page, panel);
      await page.locator(`section.${panel}`).screenshot({ path: join(SHOTS, `seeds-story-${panel}.png`) });
    }
    await page.close();
    expect(run!.dialogs).toEqual([]);
    expect(run!.errors).toEqual([]);
  });
});
