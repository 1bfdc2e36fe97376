// Relative dates are read against the article's own calendar day in its own zone: a page published
// at 11:30 pm US Eastern time is of that day, though in UTC it is already the next morning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeExpressions, storyAnchors } from '../../src/pipeline/analyze/time/index.js';
import type { StoryInput } from '../../src/pipeline/analyze/input.js';
import { storiesOf } from '../support/stories.js';

const page = (published: string) => `<!doctype html><html lang="en"><head><title>Night ferry runs aground off Kessmoor</title>
<meta property="og:site_name" content="Kessmoor Harbour News"><meta property="article:published_time" content="${published}"></head>
<body><article><h1>Night ferry runs aground off Kessmoor</h1>
<p>The night ferry from Dallow ran aground on a sandbank off Kessmoor yesterday, the harbour master said, and all 214 passengers were taken ashore by lifeboat before dawn.</p>
<p>Divers will inspect the hull on Thursday, when the spring tide is expected to lift the vessel clear of the bank without help from tugs.</p>
</article></body></html>`;

describe('the anchor of relative dates', () => {
  let dir: string;
  let stories: StoryInput[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-anchor-'));
    // Monday 8 September 2031, 23:30 EDT: 03:30 UTC on Tuesday the 9th.
    writeFileSync(path.join(dir, 'ferry.html'), page('September 8, 2031, 11:30 PM EDT'));
    stories = await storiesOf(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the page’s own day and offset as the publication date', () => {
    const article = stories.flatMap((s) => s.articles)[0]!;
    expect(article.published).toBe('2031-09-08T23:30:00-04:00');
  });

  it('resolves "yesterday" and "on Thursday" against the local Monday, not the UTC Tuesday', () => {
    const find = createTimeExpressions();
    const story = stories[0]!;
    const article = story.articles[0]!;
    const values = find(article.text, storyAnchors(story).get(article.id)?.value).map((e) => [e.text.toLowerCase(), e.value]);
    expect(values).toContainEqual(['yesterday', '2031-09-07']);
    expect(values).toContainEqual(['thursday', '2031-09-11']);
  });
});

// A feed item or a JSON Lines record carries the same time as a hint; it keeps its offset too.
const BODY = [
  'The night ferry from Dallow ran aground on a sandbank off Kessmoor yesterday, the harbour master said, and all 214 passengers were taken ashore by lifeboat before dawn.',
  'Divers will inspect the hull on Thursday, when the spring tide is expected to lift the vessel clear of the bank without help from tugs.',
];
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kessmoor Harbour News</title><language>en</language>
<item><title>Night ferry runs aground off Kessmoor</title><link>https://kessmoor.example/ferry</link><pubDate>Mon, 08 Sep 2031 23:30:00 -0400</pubDate>
<content:encoded><![CDATA[${BODY.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>
</channel></rss>`;
const JSONL = `${JSON.stringify({ url: 'https://kessmoor.example/ferry', title: 'Night ferry runs aground off Kessmoor', published: '2031-09-08T23:30:00-04:00', text: BODY.join('\n\n') })}\n`;

describe.each([
  ['an RSS item', 'feed.rss', FEED],
  ['a JSON Lines record', 'items.jsonl', JSONL],
])('the anchor of relative dates in %s', (_, name, content) => {
  let dir: string;
  let stories: StoryInput[];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-anchor-hint-'));
    writeFileSync(path.join(dir, name), content);
    stories = await storiesOf(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the offset as written and reads "yesterday" against the local Monday, not the UTC Tuesday', () => {
    const story = stories[0]!;
    const article = story.articles[0]!;
    expect(article.published).toBe('2031-09-08T23:30:00-04:00');
    const values = createTimeExpressions()(article.text, storyAnchors(story).get(article.id)?.value).map((e) => [e.text.toLowerCase(), e.value]);
    expect(values).toContainEqual(['yesterday', '2031-09-07']);
    expect(values).toContainEqual(['thursday', '2031-09-11']);
  });
});
