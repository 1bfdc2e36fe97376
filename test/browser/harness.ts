/**
 * Browser-test harness: build the web UI with Vite, ingest inputs into a temporary SQLite store,
 * serve it on a free loopback port, and drive Debian's chromium through playwright-core (nothing
 * is downloaded). Pages record dialogs and console errors so tests can assert that nothing ran.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { runAnalyses } from '../../src/pipeline/analyses.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const VITE_CONFIG = fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url));
/** Screenshots land here (git-ignored; PARALLAX_SHOTS names another folder); look at them after a run. */
export const SHOTS = process.env.PARALLAX_SHOTS ? resolve(process.env.PARALLAX_SHOTS) : fileURLToPath(new URL('./screenshots/', import.meta.url));

/** A running UI: the store, the server, the browser, and what pages reported. */
export interface UiRun {
  readonly store: Store;
  readonly server: ServerType;
  readonly url: string;
  readonly browser: Browser;
  readonly dir: string;
  readonly dialogs: string[];
  readonly errors: string[];
}

/**
 * Build the UI, ingest `inputs` (plus whatever `prepare(dir)` writes and returns), build the
 * stories and store their analyses (as `parallax ingest` does), serve, and launch chromium.
 */
export async function startUi(inputs: readonly string[], prepare?: (dir: string) => Promise<readonly string[]>): Promise<UiRun> {
  const dir = await mkdtemp(join(tmpdir(), 'parallax-browser-'));
  const { build } = await import('vite');
  await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir: join(dir, 'web'), emptyOutDir: true } });
  const extra = prepare ? await prepare(dir) : [];
  const store = await openStore(join(dir, 'ui.db'));
  await runIngest({ inputs: [...inputs, ...extra], store });
  // As `parallax ingest` does: the stories, then each one's analyses, stored.
  const stories = await runStories({ store });
  await runAnalyses({ store, location: join(dir, 'ui.db'), storyIds: stories.changedIds });
  const app = createApp({ store, webRoot: join(dir, 'web'), allowedHosts: ['127.0.0.1'], log: () => {} });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await mkdir(SHOTS, { recursive: true });
  const run: UiRun = { store, server, url: `http://127.0.0.1:${port}`, browser, dir, dialogs: [], errors: [] };
  const largest = (await store.stories.list({ limit: 1 })).items[0];
  if (largest) await (await fetch(`${run.url}/api/stories/${largest.id}/report`)).arrayBuffer();
  return run;
}

/** Close the browser and the server, and remove the temporary folder. */
export async function stopUi(run: UiRun | undefined): Promise<void> {
  if (!run) return;
  await run.browser.close();
  await new Promise<void>((resolve) => run.server.close(() => resolve()));
  await run.store.close();
  await rm(run.dir, { recursive: true, force: true });
}

/** Open `path` in a new page `width` pixels wide (a phone's height below 600) that records dialogs (dismissed) and console errors into `run`. */
export async function openPage(run: UiRun, path: string, width = 1360): Promise<Page> {
  const page = await run.browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 } });
  page.setDefaultTimeout(45_000);
  page.on('dialog', (d) => {
    run.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') run.errors.push(`${m.text()} (${m.location().url || page.url()})`);
  });
  page.on('pageerror', (e) => run.errors.push(e.message));
  await page.goto(`${run.url}${path}`);
  return page;
}

/** The first screen as `NAME.png`, the whole page as `NAME-full.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}-full.png`), fullPage: true });
}

/** Open tab `tab` of the story page on screen (`overview`, `quotes`, `claims`, `coverage`, …) and wait until it shows. */
export async function openTab(page: Page, tab: string): Promise<void> {
  await page.click(`nav.story-tabs a[data-tab="${tab}"]`);
  await page.waitForSelector(`.tab-pane.pane-${tab}:not([hidden])`);
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Elements sticking out past the window's right edge (for the failure message): tag.class and right edge. */
export async function wideElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 12);
  });
}

/** The page does not scroll sideways; the failure message names what sticks out. */
export async function expectFits(page: Page, what: string): Promise<void> {
  const over = await overflow(page);
  expect(over, `${what} is ${over} px wider than the window: ${(await wideElements(page)).join(', ')}`).toBeLessThanOrEqual(0);
}
