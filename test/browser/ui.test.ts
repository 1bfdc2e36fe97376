/**
 * The web UI in a real browser (Debian's chromium driven by playwright-core; nothing is
 * downloaded): the story list, the example's accord story page, an article page with its
 * messages, and a hostile article shown as text. Screenshots go to test/browser/screenshots/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, HAS_CHROMIUM, SHOTS, openPage as open, openTab, shot, startUi, stopUi, type UiRun } from './harness.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/harbor-accord/', import.meta.url));

/** A hostile page: every way markup in an article could try to run script in the UI. */
const HOSTILE_HTML = `<!doctype html><html><head><title>Hostile &lt;img src=x onerror=alert(1)&gt; harbour notice</title>
<meta property="og:url" content="javascript:alert('og')"><link rel="canonical" href="javascript:alert('canonical')"></head>
<body><article><h1>Hostile &lt;script&gt;alert("title")&lt;/script&gt; notice about the ferry timetable</h1>
<p>The ferry office printed &lt;script&gt;alert("body")&lt;/script&gt; on its notice board, and the clerk said the timetable changes next week for every crossing.</p>
<p onclick="alert('p')">Visitors saw &lt;img src=x onerror="alert('img')"&gt; written beside <a href="javascript:alert('link')">the timetable link</a> and <a href="https://ferry.example/timetable" onmouseover="alert('hover')">the official page</a>.</p>
<p>The notice also carried &lt;iframe src="javascript:alert('frame')"&gt;&lt;/iframe&gt; and &lt;svg onload=alert('svg')&gt; as plain words, which the ferry office later removed from the board.</p>
<script>alert('inline')</script><img src="x" onerror="alert('real img')">
</article></body></html>`;

let run: UiRun | undefined;

function openPage(path: string): Promise<Page> {
  return open(run!, path);
}

describe.skipIf(!HAS_CHROMIUM)(`web UI in chromium (skipped when ${CHROMIUM} is absent: apt-get install chromium)`, () => {
  beforeAll(async () => {
    run = await startUi([join(EXAMPLE, 'input')], async (dir) => {
      await mkdir(join(dir, 'hostile'));
      await writeFile(join(dir, 'hostile', 'hostile-notice.html'), HOSTILE_HTML);
      return [join(dir, 'hostile')];
    });
  });

  afterAll(() => stopUi(run));

  it('lists the stories with source counts and filters them by language', async () => {
    const page = await openPage('/');
    await page.waitForSelector('table.stories tbody tr');
    const rows = await page.locator('table.stories tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(4);
    const firstSources = Number(await page.locator('table.stories tbody tr').first().locator('td.num').first().textContent());
    expect(firstSources).toBeGreaterThan(1);
    await shot(page, 'story-list');
    await page.fill('input[name=language]', 'fr');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction((n) => document.querySelectorAll('table.stories tbody tr').length < n, rows);
    expect(page.url()).toContain('language=fr');
    await page.close();
  });

  it("shows the accord story: summary sources on hover, Varnak's statement as each outlet rendered it, the coverage matrix", async () => {
    const key = JSON.parse(await readFile(join(EXAMPLE, 'answer-key.json'), 'utf8')) as { people: { id: string; name: string }[]; statements: { speaker: string; renderings: unknown[] }[] };
    const speaker = key.people.find((p) => p.id === key.statements.find((s) => s.renderings.length > 3)?.speaker)!;
    const before = run!.errors.length;
    const page = await openPage('/');
    await page.locator('table.stories tbody tr td.title a').first().click();
    await openTab(page, 'quotes');
    await page.waitForSelector('section.quotes .statement');
    const block = page.locator('section.quotes .speaker', { has: page.locator('h3', { hasText: speaker.name }) });
    expect(await block.count()).toBe(1);
    const sites = await block.locator('.rendering').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.site ?? ''));
    expect(new Set(sites).size).toBeGreaterThan(2);
    expect(await block.locator('.rendering.anchor').count()).toBeGreaterThan(0);
    expect(await block.locator('.diff .w.added, .diff .w.missing').count()).toBeGreaterThan(0);

    const storyId = decodeURIComponent((page.url().split('#/story/')[1] ?? '').split('?')[0]!);
    const claims = (await (await fetch(`${run!.url}/api/stories/${storyId}/claims`)).json()) as { claims: unknown[]; coverage: unknown[] };
    await openTab(page, 'coverage');
    const matrix = page.locator('section.coverage .coverage-chart svg');
    if (claims.claims.length > 0) {
      // One cell per outlet and claim shown.
      expect(await matrix.count()).toBeGreaterThan(0);
      expect(await matrix.first().locator('rect').count()).toBeGreaterThanOrEqual(claims.coverage.length);
    } else {
      expect(await page.locator('section.coverage').innerText()).toContain('No claim to compare');
    }
    await page.locator('section.coverage').screenshot({ path: join(SHOTS, 'story-coverage.png') });
    await openTab(page, 'quotes');
    await block.screenshot({ path: join(SHOTS, 'story-quotes-speaker.png') });
    for (const [tab, panel] of [['timeline', 'timeline'], ['naming', 'naming'], ['coverage', 'omissions'], ['citations', 'citations']] as const) {
      await openTab(page, tab);
      const el = page.locator(`section.${panel}`);
      if ((await el.count()) > 0) await el.screenshot({ path: join(SHOTS, `story-${panel}.png`) });
    }
    await openTab(page, 'overview');
    const sentence = page.locator('section.summary .sentence').first();
    await sentence.hover();
    await page.waitForSelector('#sources blockquote.source');
    expect(await page.locator('#sources blockquote.source').count()).toBeGreaterThan(0);
    await shot(page, 'story-page');
    await page.close();
    // The page policy (no inline script, no eval) lets the whole page and its charts run: no violation, no error.
    expect(run!.errors.slice(before)).toEqual([]);
  });

  it('says who reported the story first, with times in the browser’s zone and day-only dates stated', async () => {
    const page = await run!.browser.newPage({ viewport: { width: 1360, height: 900 }, timezoneId: 'Asia/Tokyo' });
    page.setDefaultTimeout(45_000);
    await page.goto(`${run!.url}/`);
    await page.locator('table.stories tbody tr td.title a').first().click();
    await openTab(page, 'first');
    await page.waitForSelector('section.first-reports li');
    const items = await page.locator('section.first-reports li').evaluateAll((els) =>
      els.map((e) => ({ precision: (e as HTMLElement).dataset.precision, time: e.querySelector('time')?.textContent ?? '', datetime: e.querySelector('time')?.getAttribute('datetime') ?? '' })),
    );
    expect(items.length).toBeGreaterThan(3);
    // Instants in Tokyo time (UTC+9, shown as GMT+9), in the order of their UTC instants.
    const timed = items.filter((i) => i.precision === 'datetime');
    expect(timed.length).toBeGreaterThan(2);
    for (const i of timed) expect(i.time).toMatch(/GMT\+9$/);
    expect(timed.map((i) => i.datetime)).toEqual(timed.map((i) => i.datetime).sort());
    for (const i of items.filter((x) => x.precision === 'day')) expect(i.time).toMatch(/\(time unknown\)|\(zone unknown\)/);
    await page.locator('section.first-reports').screenshot({ path: join(SHOTS, 'story-first-reports.png') });
    await page.close();
  });

  it('shows what the accord story\'s sources rest on, each primary source with its kind, outlets and evidence, at desktop and phone widths', async () => {
    const before = run!.errors.length;
    const page = await openPage('/');
    await page.locator('table.stories tbody tr td.title a').first().click();
    await openTab(page, 'sources');
    await page.waitForSelector('section.primary-sources li.primary-source');
    const storyId = decodeURIComponent((page.url().split('#/story/')[1] ?? '').split('?')[0]!);
    const report = (await (await fetch(`${run!.url}/api/stories/${storyId}/report`)).json()) as {
      primarySources: { familyCount: number; count: number; sources: { id: string; kind: string; label: string; families: string[]; drawnOnBy: string[]; evidence: { text?: string }[] }[] };
    };
    const p = report.primarySources;
    expect(p.familyCount).toBeGreaterThan(3);
    const panel = page.locator('section.primary-sources');
    expect(await panel.locator('.basis-summary strong').innerText()).toBe(`${p.familyCount} outlets, resting on ${p.count} primary sources`);
    // Every family rests on exactly one listed source; the panel lists each with its kind and label.
    const resting = p.sources.filter((s) => s.families.length > 0);
    expect(resting.reduce((n, s) => n + s.families.length, 0)).toBe(p.familyCount);
    const shown = await panel.locator('ol.primary-list > li.primary-source').evaluateAll((els) =>
      els.map((e) => ({
        id: (e as HTMLElement).dataset.source ?? '',
        kind: e.querySelector('.kind')?.textContent ?? '',
        label: e.querySelector('.label')?.textContent ?? '',
        families: [...e.querySelectorAll('ul.resting > li')].map((li) => (li as HTMLElement).dataset.family ?? ''),
        passages: [...e.querySelectorAll('.passage')].map((q) => q.textContent ?? ''),
      })),
    );
    expect(shown.slice(0, resting.length).map((s) => [s.id, s.label, s.families])).toEqual(resting.map((s) => [s.id, s.label, s.families]));
    const kinds: Record<string, string> = { readout: 'official readout', statement: 'statement', wire: 'wire', outlet: 'outlet credited', 'own-reporting': 'own reporting' };
    expect(shown.map((s) => s.kind)).toEqual(shown.map((s) => kinds[p.sources.find((x) => x.id === s.id)!.kind]));
    // The statement several outlets relay is shown with the passages that show it, as text.
    const statement = resting.find((s) => s.kind === 'statement' && s.evidence.length > 0);
    expect(statement).toBeDefined();
    const row = shown.find((s) => s.id === statement!.id)!;
    expect(row.passages.length).toBe(Math.min(3, statement!.evidence.length));
    row.passages.forEach((shownText, i) => expect(shownText).toContain(statement!.evidence[i]!.text));
    expect(await panel.locator('li.primary-source', { has: page.locator(`[data-family="${statement!.families[0]}"]`) }).first().innerText()).toContain('Also drawn on by');
    // Sources only drawn on (KSNA's report, cited by four families) are listed folded with their evidence.
    const drawnOnly = p.sources.filter((s) => s.families.length === 0 && s.drawnOnBy.length > 0);
    expect(drawnOnly.length).toBeGreaterThan(0);
    expect(await panel.locator('details.drawn-only li.primary-source').count()).toBe(drawnOnly.length);
    expect(await panel.locator('script, img, iframe, svg').count()).toBe(0);
    await panel.screenshot({ path: join(SHOTS, 'story-primary-sources.png') });

    // A phone: the panel fits the 390 px width without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await panel.locator('details.drawn-only > summary').click();
    const box = await panel.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.screenshot({ path: join(SHOTS, 'story-primary-sources-phone-full.png') });
    await panel.evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'story-primary-sources-phone.png') });
    await page.close();
    expect(run!.errors.slice(before)).toEqual([]);
  });

  it('shows an article with its messages and, on request, the furniture the clean stage removed', async () => {
    const page = await openPage('/');
    await page.locator('table.stories tbody tr td.title a').first().click();
    await openTab(page, 'sources');
    await page.waitForSelector('section.articles tbody tr a');
    // The article with the most messages makes the clearest page.
    const links = await page.locator('section.articles tbody tr a').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    let best = { href: links[0]!, removed: -1 };
    for (const href of links) {
      const id = decodeURIComponent(href.replace('#/article/', ''));
      const res = (await (await fetch(`${run!.url}/api/articles/${id}`)).json()) as { messages: { layer?: string }[] };
      const removed = res.messages.filter((m) => m.layer === 'extracted').length;
      if (removed > best.removed) best = { href, removed };
    }
    expect(best.removed).toBeGreaterThan(0);
    await page.goto(`${run!.url}/${best.href}`);
    await page.waitForSelector('article.clean-text p');
    expect(await page.locator('section.messages li.message').count()).toBeGreaterThan(0);
    expect(await page.locator('del.removed').count()).toBe(0);
    await page.click('button.toggle-furniture');
    await page.waitForSelector('del.removed');
    expect(await page.locator('del.removed').count()).toBe(best.removed);
    await shot(page, 'article-page');
    await page.close();
  });

  it('shows a hostile article as text and runs nothing from it', async () => {
    const list = (await (await fetch(`${run!.url}/api/articles?search=ferry%20timetable`)).json()) as { items: { id: string }[] };
    expect(list.items.length).toBe(1);
    const before = run!.errors.length;
    const page = await openPage(`/#/article/${list.items[0]!.id}`);
    await page.waitForSelector('article.clean-text p');
    const text = await page.locator('main').innerText();
    expect(text).toContain('<script>alert("body")</script>');
    expect(text).toContain(`<img src=x onerror="alert('img')">`);
    expect(await page.locator('main script, main img, main iframe, main svg').count()).toBe(0);
    const hrefs = await page.locator('main a').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(hrefs.some((h) => /^\s*javascript:/i.test(h))).toBe(false);
    if ((await page.locator('button.toggle-furniture').count()) > 0) await page.click('button.toggle-furniture');
    await page.mouse.move(300, 400);
    await page.waitForTimeout(200);
    await shot(page, 'hostile-article');
    await page.close();
    expect(run!.dialogs).toEqual([]);
    expect(run!.errors.slice(before)).toEqual([]);
  });

  it("finds who said what across stories by speaker and words, on a desktop and on a phone without sideways scrolling", async () => {
    const key = JSON.parse(await readFile(join(EXAMPLE, 'answer-key.json'), 'utf8')) as { people: { id: string; name: string }[]; statements: { speaker: string; renderings: unknown[] }[] };
    const speaker = key.people.find((p) => p.id === key.statements.find((s) => s.renderings.length > 3)?.speaker)!;
    const surname = speaker.name.split(' ').at(-1)!;
    const before = run!.errors.length;
    const page = await openPage('/#/quotes');
    await page.waitForSelector('form.filters input[name=speaker]');
    await page.fill('input[name=speaker]', surname);
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('ol.statement-hits li');
    expect(page.url()).toContain(`speaker=${encodeURIComponent(surname)}`);
    const speakers = await page.locator('ol.statement-hits li .speaker').allInnerTexts();
    expect(speakers.length).toBeGreaterThan(0);
    expect(speakers.every((s) => s.includes(surname))).toBe(true);
    expect(await page.locator('ol.statement-hits li a[href^="#/story/"]').count()).toBe(speakers.length);
    await shot(page, 'quotes-search');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'quotes-search-phone');
    await page.fill('input[name=search]', 'zzzz-no-such-word');
    await page.click('form.filters button[type=submit]');
    await page.waitForSelector('.results p.empty');
    await page.close();
    expect(run!.errors.slice(before)).toEqual([]);
  });

  it('ingests an upload from the ingest page and follows the job to the end', async () => {
    const page = await openPage('/#/ingest');
    await page.setInputFiles('input[name=files]', { name: 'notice.txt', mimeType: 'text/plain', buffer: Buffer.from('Lighthouse keepers vote to strike\n\nThe lighthouse keepers of the northern coast voted on Friday to strike over pay, their union said after a long meeting in the harbour town.\n') });
    await page.click('form.upload button[type=submit]');
    await page.waitForSelector('.job .state.succeeded', { timeout: 20_000 });
    expect(await page.locator('.job .summary').innerText()).toMatch(/1 documents added/);
    await shot(page, 'ingest-page');
    await page.close();
    expect(run!.dialogs).toEqual([]);
  });
});
