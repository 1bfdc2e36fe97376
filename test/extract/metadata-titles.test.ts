// Titles without what pages add around the headline: the writer's name, a site prefix on pages without <h1>, cut-short teasers.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const TEXT = `<p>${'The lighthouse trust agreed on Thursday to repaint the tower before the storm season begins. '.repeat(4)}</p>`;

function page(head: string, body: string) {
  return extract({ value: htmlDocument(`<html lang="en"><head>${head}</head><body>${body}</body></html>`, {}), messages: [] }).value;
}

describe('titles', () => {
  it("drops the writer's name after a separator, as a site name", () => {
    const a = page('<title>Repainting the old tower | Notes | Ilse Marwede</title>', `<article><p class="byline">By Ilse Marwede</p>${TEXT}</article>`);
    expect(a.byline).toBe('Ilse Marwede');
    expect(a.title).toBe('Repainting the old tower | Notes');
  });

  it('takes the part of the <title> an <h2> headline shows when the page has no <h1>', () => {
    const a = page("<title>Ilse's Harbour Notebook | Repainting the old tower before the storms</title>", `<div class="post"><h2 class="post-title"><a href="/p/1">Repainting the old tower before the storms</a></h2>${TEXT}</div>`);
    expect(a.title).toBe('Repainting the old tower before the storms');
  });

  it('keeps the separators a headline has when its section and site follow it', () => {
    const a = page('<title>Weekly notes #28 - 0.4 in sight | Harbour | Gull Point</title>', `<div><h2>Weekly notes #28 - 0.4 in sight</h2>${TEXT}</div>`);
    expect(a.title).toBe('Weekly notes #28 - 0.4 in sight');
  });

  it('drops a site name written without spaces after the headline the page shows', () => {
    const a = page('<title>灯塔信托决定重新粉刷塔楼-海港网</title>', `<article><h1><span class="title">灯塔信托决定重新粉刷塔楼</span></h1>${TEXT}</article>`);
    expect(a.title).toBe('灯塔信托决定重新粉刷塔楼');
  });

  it("prefers the headline that <h1>, <title> and og:title all show to a JSON-LD headline none of them repeats", () => {
    const ld = (h: string) => `<script type="application/ld+json">{"@type":"NewsArticle","headline":"${h}"}</script>`;
    const shown = 'Paint shortage: Lighthouse trust delays the repainting';
    const a = page(`${ld('Lighthouse trust delays the repainting')}<meta property="og:title" content="${shown}"><title>${shown}</title>`, `<article><h1>${shown}</h1>${TEXT}</article>`);
    expect(a.title).toBe(shown);
    // A JSON-LD headline the <title> repeats stays, though og:title and <h1> word it otherwise.
    const social = 'The lighthouse repaint is the tower moment for harbours';
    const b = page(`${ld('The lighthouse repaint hands-on: the tower moment for harbours')}<meta property="og:title" content="${social}"><title>The lighthouse repaint hands-on: the tower moment for harbours - Gull Point</title>`, `<article><h1>${social}</h1>${TEXT}</article>`);
    expect(b.title).toBe('The lighthouse repaint hands-on: the tower moment for harbours');
  });

  it('passes over a headline cut short when the page gives it whole elsewhere', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"The lighthouse trust's plan to repaint the tower should be a lesson for the harbour board..."}</script><meta property="og:title" content="Harbour board should learn from the lighthouse trust"><title>The lighthouse trust's plan to repaint the tower should be a lesson for the harbour board and its chair | Gull Point</title>`;
    expect(page(head, `<article>${TEXT}</article>`).title).toBe('Harbour board should learn from the lighthouse trust');
    // Cut short everywhere: kept rather than none.
    const only = page(`<title>Notes on the tower…</title>`, `<article>${TEXT}</article>`);
    expect(only.title).toBe('Notes on the tower…');
  });
});
