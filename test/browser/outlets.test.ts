/**
 * The outlets pages in chromium: `#/outlets` lists the database's outlets (the fictional accord
 * example, plus the seeds when ../shared/seeds is there) with kind, country, articles and stories,
 * each a link to its profile; `#/outlet/KEY` shows the outlet's figures, each with links to the
 * stories, articles and claims it rests on. Neither page scrolls sideways at 390 or 1440 px.
 * Screenshots: outlets-WIDTH.png, outlet-profile-WIDTH.png (and -full) in the shots folder.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SEEDS_DIR } from '../support/stories.js';
import { CHROMIUM, expectFits, HAS_CHROMIUM, openPage, shot, startUi, stopUi, type UiRun } from './harness.js';

const EXAMPLE_INPUT = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));
const HAS_SEEDS = existsSync(SEEDS_DIR);
const WIDTHS = [390, 1440] as const;

interface ListLike {
  readonly outlets: readonly { key: string; name: string; kind: string | null; country: string | null; articles: number; stories: number }[];
}
interface ProfileLike {
  readonly name: string;
  readonly alone: { readonly evidence: { readonly stories: readonly string[]; readonly claims?: readonly string[] } };
  readonly leavesOut: { readonly evidence: { readonly stories: readonly string[]; readonly claims?: readonly string[] } };
}

let run: UiRun | undefined;
let list: ListLike;

const open = (path: string, width: number): Promise<Page> => openPage(run!, path, width);


/** The outlet with the most claims alone or left out (so its profile has claim links), else the first. */
async function richest(): Promise<{ key: string; profile: ProfileLike }> {
  let best: { key: string; profile: ProfileLike; score: number } | undefined;
  for (const o of list.outlets.filter((x) => x.key !== 'unknown')) {
    const profile = (await (await fetch(`${run!.url}/api/outlets/${encodeURIComponent(o.key)}`)).json()) as ProfileLike;
    const score = (profile.alone.evidence.claims?.length ?? 0) + (profile.leavesOut.evidence.claims?.length ?? 0);
    if (!best || score > best.score) best = { key: o.key, profile, score };
  }
  return best!;
}

describe.skipIf(!HAS_CHROMIUM)(`the outlets list and an outlet's profile in chromium (skipped when ${CHROMIUM} is absent)`, () => {
  beforeAll(async () => {
    run = await startUi(HAS_SEEDS ? [EXAMPLE_INPUT, SEEDS_DIR] : [EXAMPLE_INPUT]);
    list = (await (await fetch(`${run.url}/api/outlets`)).json()) as ListLike;
  }, 240_000);
  afterAll(() => stopUi(run));

  it('lists every outlet of the stored reports with its kind, country and counts, each linking to its profile; the nav links to it', async () => {
    expect(list.outlets.length).toBeGreaterThan(1);
    expect(list.outlets.map((o) => o.name)).toEqual(expect.arrayContaining(['HPA', 'Northwire']));
    const page = await open('/', 1440);
    await page.click('nav.top a[href="#/outlets"]');
    await page.waitForSelector('table.outlets tbody tr');
    const rows = await page.$$eval('table.outlets tbody tr', (trs) =>
      trs.map((tr) => ({ name: tr.querySelector('td.name a')?.textContent ?? '', href: tr.querySelector('td.name a')?.getAttribute('href') ?? '', cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })),
    );
    expect(rows.map((r) => r.name)).toEqual(list.outlets.map((o) => o.name));
    for (const [i, o] of list.outlets.entries()) {
      expect(rows[i]!.href).toBe(`#/outlet/${encodeURIComponent(o.key)}`);
      expect(rows[i]!.cells[2]).toBe(o.country ?? '—');
      expect(rows[i]!.cells[4]).toBe(String(o.articles));
      expect(rows[i]!.cells[5]).toBe(String(o.stories));
    }
    if (HAS_SEEDS) expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Asharq Al-Awsat', 'Islamic Republic News Agency', 'Iran Press']));
    await page.close();
  });

  for (const width of WIDTHS) {
    it(`shows the outlets list and a profile with evidence links without sideways scrolling at ${width} px`, async () => {
      const { key, profile } = await richest();
      const page = await open('/#/outlets', width);
      await page.waitForSelector('table.outlets tbody tr');
      await expectFits(page, 'the outlets list');
      await shot(page, `outlets-${width}`);

      await page.click(`table.outlets a[href="#/outlet/${encodeURIComponent(key)}"]`);
      await page.waitForSelector('.outlet-facts');
      expect(await page.textContent('h1')).toBe(profile.name);
      for (const title of ['Stories per week', 'Rates', 'Copies whom', 'Copied by', 'Whom it cites', 'Loaded terms in its own voice', 'Languages'])
        expect(await page.$$eval('main h2', (hs) => hs.map((x) => x.textContent))).toContain(title);
      const storyLinks = await page.$$eval('.evidence-ids a.ev-story', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      const articleLinks = await page.$$eval('.evidence-ids a.ev-article', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(storyLinks.length).toBeGreaterThan(0);
      expect(storyLinks.every((href) => /^#\/story\/[^/?]+$/.test(href))).toBe(true);
      expect(articleLinks.length).toBeGreaterThan(0);
      expect(articleLinks.every((href) => /^#\/article\/[^/?]+$/.test(href))).toBe(true);
      // A claim figure resting on one story links each claim into that story's claims.
      const one = [profile.alone.evidence, profile.leavesOut.evidence].find((e) => e.stories.length === 1 && (e.claims?.length ?? 0) > 0);
      if (one) {
        const claimLinks = await page.$$eval('.evidence-ids a.ev-claim', (as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(claimLinks).toContain(`#/story/${encodeURIComponent(one.stories[0]!)}?claim=${encodeURIComponent(one.claims![0]!)}`);
      }
      await expectFits(page, "the outlet's profile");
      await shot(page, `outlet-profile-${width}`);

      // An evidence link opens the story.
      await page.locator('.evidence-ids a.ev-story:visible').first().click();
      await page.waitForSelector('nav.story-tabs');
      await page.close();
    });
  }

  it('says so when an outlet is not known', async () => {
    const page = await open('/#/outlet/no-such-outlet.example', 1440);
    await page.waitForSelector('p.error');
    expect(await page.textContent('h1')).toBe('Could not load this page');
    await page.close();
    // The browser logs the API's 404 for the unknown outlet; nothing else went wrong.
    expect(run!.errors).toEqual([expect.stringMatching(/status of 404 .*\/api\/outlets\/no-such-outlet\.example\)$/)]);
    run!.errors.length = 0;
  });
});
