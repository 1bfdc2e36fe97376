/**
 * The story page says what a story's sources rest on, on a story that has each thing to show: a
 * wire relayed by two rewrites (a family shown as the wire's copy, with its credits) and two outlets
 * relaying one spokesman's statement, whose quoted words carry markup that must stay text.
 * Fictional articles, ingested as JSON Lines the way a user would.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM, HAS_CHROMIUM, SHOTS, openPage, openTab, startUi, stopUi, type UiRun } from './harness.js';
import { ferryStoryLines } from '../support/ferry-story.js';

/** The spokesman's words, with markup written in them as plain text. */
const MARKUP = '<img src=x onerror=alert(1)>';


let run: UiRun | undefined;

describe.skipIf(!HAS_CHROMIUM)(`what the sources rest on, in chromium (skipped when ${CHROMIUM} is absent)`, () => {
  beforeAll(async () => {
    run = await startUi([], async (dir) => {
      const file = join(dir, 'ferry.jsonl');
      await writeFile(file, `${ferryStoryLines(MARKUP).map((l) => JSON.stringify(l)).join('\n')}\n`);
      return [file];
    });
  });
  afterAll(() => stopUi(run));

  it("shows the wire family as the wire's copy and the spokesman's statement two outlets rest on, its passages as text", async () => {
    const page = await openPage(run!, '/');
    await page.locator('table.stories tbody tr td.title a').first().click();
    await openTab(page, 'sources');
    await page.waitForSelector('section.primary-sources li.primary-source');
    const panel = page.locator('section.primary-sources');
    expect(await panel.locator('.basis-summary strong').innerText()).toBe('3 outlets, resting on 2 primary sources');

    const statement = panel.locator('li.primary-source[data-kind="statement"]');
    expect(await statement.count()).toBe(1);
    expect(await statement.locator('.label').innerText()).toContain('Almqvist');
    expect(await statement.locator('ul.resting > li').count()).toBe(2);
    // The quoted markup is shown as the words it is, and nothing in the panel is an element made from it.
    expect(await statement.innerText()).toContain(MARKUP);
    expect(await panel.locator('img, script, iframe').count()).toBe(0);

    const wire = panel.locator('ul.resting > li', { has: page.locator('.credit') });
    expect(await wire.count()).toBe(1);
    expect(await wire.locator('.credit').innerText()).toBe(" — Agence France-Presse's wire copy");
    expect(await wire.locator('.family-outlets').innerText()).toBe('fjord-courier.example (with valley-news.example)');
    // The story endpoint carries the credit the page shows.
    const storyId = decodeURIComponent((page.url().split('#/story/')[1] ?? '').split('?')[0]!);
    const story = (await (await fetch(`${run!.url}/api/stories/${storyId}`)).json()) as { families: { creditedTo?: { key: string; name: string } }[] };
    expect(story.families.map((f) => f.creditedTo?.key).filter(Boolean)).toEqual(['afp.com']);
    // The family's credits: the conclusion under the family, each credit as written once, in the source's evidence.
    expect(await wire.locator('ul.credit-evidence li').allInnerTexts()).toEqual([expect.stringMatching(/^2 of 2 article\(s\) credit Agence France-Presse/)]);
    const credits = await panel.locator('li.primary-source[data-kind="wire"] > ul.evidence > li').allInnerTexts();
    expect(credits).toEqual([expect.stringMatching(/credits its text to Agence France-Presse: "AFP"/), expect.stringMatching(/credits its text to Agence France-Presse: "— AFP"/)]);
    await panel.screenshot({ path: join(SHOTS, 'sources-story-primary-sources.png') });

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(SHOTS, 'sources-story-primary-sources-phone.png') });
    await page.close();
    expect(run!.dialogs).toEqual([]);
    expect(run!.errors).toEqual([]);
  });
});
