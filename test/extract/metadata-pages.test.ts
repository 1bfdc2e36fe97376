// Metadata as real pages write it: dates, bylines and titles found in markup that is not tidy metadata.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { cleanByline, parseLooseJson } from '../../src/pipeline/extract/metadata.js';
import { daysInText } from '../../src/pipeline/extract/dates.js';
import type { DocumentHints } from '../../src/model/document.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const TEXT = `<p>${'The ferry council voted on Tuesday to keep the night crossing open through the winter season. '.repeat(4)}</p>`;

function page(head: string, body: string, hints: DocumentHints = {}, lang = 'en') {
  return extract({ value: htmlDocument(`<html lang="${lang}"><head>${head}</head><body>${body}</body></html>`, hints), messages: [] }).value;
}

describe('publication dates from every source', () => {
  it('reads JSON-LD wrapped in CDATA or written with comments and trailing commas', () => {
    const cdata = `<script type="application/ld+json">//<![CDATA[
{"@type":"NewsArticle","headline":"Night ferry stays","datePublished":"2023-11-05T09:30:00+01:00"}
//]]></script>`;
    expect(page(cdata, `<article>${TEXT}</article>`).published).toMatchObject({ value: '2023-11-05T09:30:00+01:00', source: 'json-ld' });
    const commented = `<script type="application/ld+json">{
      // the article
      "@type": "NewsArticle", /* set by the editor */ "datePublished": "2023-11-06",
    }</script>`;
    expect(page(commented, `<article>${TEXT}</article>`).published).toMatchObject({ value: '2023-11-06', source: 'json-ld' });
    expect(parseLooseJson('{"a":1}\n{"b":2}')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("reads Blogger's <abbr class=\"published\"> and a <time> written with a space and no zone", () => {
    const abbr = page('<title>Notes</title>', `<div class="post"><h1>Harbour notes</h1><abbr class="published" title="2012-12-16T19:05:00+01:00">16.12.2012</abbr>${TEXT}</div>`);
    expect(abbr.published).toMatchObject({ value: '2012-12-16T19:05:00+01:00', source: 'time-element' });
    const spaced = page('<title>Notes</title>', `<article><h1>Harbour notes</h1><time datetime="2023-11-05 14:09">5 Nov</time>${TEXT}</article>`);
    expect(spaced.published).toMatchObject({ value: '2023-11-05', precision: 'day', localTime: '14:09' });
  });

  it('reads a date line near the headline in the page language, the published date before an update', () => {
    const de = page('<title>Fähre</title>', `<article><h1>Die Nachtfähre bleibt</h1><div class="post-meta">Aktualisiert am 9. März 2021 · Veröffentlicht am 5. März 2021</div>${TEXT}</article>`, {}, 'de');
    expect(de.published).toMatchObject({ value: '2021-03-05', precision: 'day' });
    const fr = page('<title>Bac</title>', `<article><h1>Le bac de nuit reste</h1><p class="date">Publié le 3 mai 2019</p>${TEXT}</article>`, {}, 'fr');
    expect(fr.published).toMatchObject({ value: '2019-05-03' });
  });

  it('prefers the date after the headline to one in the site header, and leaves reader comments out', () => {
    const body = `<header><span class="date-edition">Monday 5 August 2019</span></header><article><h1>Night ferry stays</h1><p class="publication">Published 27 June 2019</p>${TEXT}</article><div class="comments"><time datetime="2019-09-22T07:30:00Z" pubdate>22 Sept</time></div>`;
    expect(page('<title>Ferry</title>', body).published).toMatchObject({ value: '2019-06-27' });
  });

  it('trusts the day a <time> element shows over a datetime that contradicts it', () => {
    const a = page('<title>Ferry</title>', `<article><h1>Night ferry stays</h1><time datetime="2019-07-03T10:18:46Z">Published 29 June 2019</time>${TEXT}</article>`);
    expect(a.published?.value.slice(0, 10)).toBe('2019-06-29');
  });

  it("keeps the page's own day when its JSON-LD gives the instant in UTC", () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-04-02T01:30:00Z"}</script><meta property="article:modified_time" content="2021-04-02T09:00:00-05:00">`;
    const a = page(head, `<article>${TEXT}</article>`);
    expect(a.published).toMatchObject({ value: '2021-04-01T20:30:00-05:00', precision: 'datetime' });
    const fromUrl = page(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-04-02T01:30:00Z"}</script>`, `<article>${TEXT}</article>`, { url: 'https://ferry.example/2021/04/01/night-ferry' });
    expect(fromUrl.published).toMatchObject({ value: '2021-04-01', source: 'url' });
  });

  it("reads a date <meta> in the page's own vocabulary, an <abbr title> date and the lead image's dated path", () => {
    const own = page('<meta property="gallery:uploaded" content="2013-02-16T04:36:36-05:00"><meta property="gallery:updated_at" content="2014-01-01">', `<div>${TEXT}</div>`);
    expect(own.published).toMatchObject({ value: '2013-02-16T04:36:36-05:00', source: 'meta' });
    const abbr = page('<title>Wall</title>', `<div><a href="/p/1"><abbr title="Freitag, 6. Oktober 2017 um 04:00" data-utime="1507287600">6 Okt</abbr></a>${TEXT}</div>`, {}, 'de');
    expect(abbr.published?.value).toBe('2017-10-06');
    const image = page('<meta property="og:image" content="https://ferry.example/files/2016/05/04/report.png">', `<div>${TEXT}</div>`);
    expect(image.published).toMatchObject({ value: '2016-05-04', source: 'url' });
  });

  it("prefers the article's own date line to a <time pubdate> in a teaser list further down", () => {
    const body = `<article><h1>Night ferry stays</h1><p class="publication">Le <time datetime="2019-06-28T13:49:45Z">28 juin 2019</time></p>${TEXT}</article><div class="more"><a href="/x"><time pubdate datetime="2019-09-24T13:34:33Z">24/09/2019</time></a></div>`;
    expect(page('<title>Bac</title>', body, {}, 'fr').published?.value.slice(0, 10)).toBe('2019-06-28');
  });

  it("takes a feed's time for the day the page's URL gives", () => {
    const a = page('<title>Ferry</title>', `<div>${TEXT}</div>`, { url: 'https://ferry.example/2026/03/17/night-ferry', published: '2026-03-17T12:48:00+01:00' });
    expect(a.published).toMatchObject({ value: '2026-03-17T12:48:00+01:00', source: 'hint' });
  });

  it('falls back to the most frequent day in the page text, never one after the capture', () => {
    const body = `<div>${TEXT}<p>Meeting 12.03.2016. Minutes of 12.03.2016 approved. Next meeting 30.04.2031.</p><pre>12.05.2016 12.05.2016 12.05.2016</pre></div>`;
    const a = page('<title>Club</title>', body, { capturedAt: '2016-05-01T00:00:00Z' });
    expect(a.published).toMatchObject({ value: '2016-03-12', source: 'text' });
    // A day the page labels as its date comes first, even written once.
    expect(page('<title>Club</title>', `<div>${TEXT}<dl><dt>Datum</dt><dd>12.01.2017</dd></dl><p>Termine 03.02.2017, 03.02.2017</p></div>`, {}, 'de').published).toMatchObject({ value: '2017-01-12', source: 'text' });
    // A day written once is as likely a stray date: none is taken.
    expect(page('<title>Club</title>', `<div>${TEXT}<p>Founded 01.02.1999.</p></div>`).published).toBeUndefined();
  });

  it('reads no date from code samples, whatever the highlighter calls their wrapper', () => {
    const code = `<article><h1>Reading dates with the tool</h1>${TEXT}<div class="highlight highlight-source-shell"><pre>$ finddate page.html\n'2016-12-23'</pre></div></article>`;
    expect(page('<title>Tool</title>', code).published).toBeUndefined();
  });

  it("takes a labelled update line as the page's last change, never as its publication", () => {
    const body = `<div><h1>The ferry licence</h1><p>Version 3, 29 June 2007</p>${TEXT}<p class="unprintable">Updated:\n<!-- stamp -->$Date: 2016/11/18 06:31:41 $</p></div>`;
    const a = page('<title>Licence</title>', body);
    expect(a.modified).toMatchObject({ value: '2016-11-18' });
    expect(a.published?.value).not.toBe('2016-11-18');
    // A line that merely opens with the word is no label.
    expect(page('<title>Licence</title>', `<div>${TEXT}<p>Stand up for the ferry on 12.03.2016</p></div>`).modified).toBeUndefined();
  });

  it('reads the date under a headline whose wrapper is classed as a teaser when og:title names that headline', () => {
    const head = '<meta property="og:title" content="Harbour master steps down after twenty years">';
    const body = `<div class="teaser-body"><h2>Harbour master steps down after twenty years</h2><p class="lead">The harbour master said on Monday he would leave in spring.</p><h5>23.01.2019</h5>${TEXT}</div>`;
    expect(page(head, body, {}, 'de').published).toMatchObject({ value: '2019-01-23' });
  });

  it('dates a page of dated posts by its oldest post, and its last change by its newest', () => {
    const post = (title: string, n: number) => `<div class="post"><a href="/p/${n}"><abbr title="${title}">${n}</abbr></a>${TEXT}</div>`;
    const a = page('<title>Wall</title>', `<div>${post('Sonntag, 8. Oktober 2017 um 02:12', 1)}${post('Freitag, 6. Oktober 2017 um 04:00', 2)}</div>`, {}, 'de');
    expect(a.published?.value).toBe('2017-10-06');
    expect(a.modified?.value).toBe('2017-10-08');
  });

  it('decodes the HTML character references a CMS leaves in JSON-LD strings', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry &#8216;Night Owl&#8217; stays &amp; sails","author":{"@type":"Person","name":"Orla O&#039;Brien"}}</script>`;
    const a = page(head, `<article>${TEXT}</article>`);
    expect(a.title).toBe('Ferry ‘Night Owl’ stays & sails');
    expect(a.byline).toBe("Orla O'Brien");
  });

  it('reads the day-first, month-first and written forms of the main languages', () => {
    const days = (t: string, l?: string) => daysInText(t, l).map((d) => d.value);
    expect(days('Stand: 22.12.2012 und 14. Dezember 2015')).toEqual(['2012-12-22', '2015-12-14']);
    expect(days('August 30, 2017; 20 de noviembre de 2019; 2016/05/04')).toEqual(['2017-08-30', '2019-11-20', '2016-05-04']);
    expect(days('11/20/2019')).toEqual(['2019-11-20']);
    expect(days('03/04/2019', 'en')).toEqual(['2019-03-04']);
    expect(days('03/04/2019', 'fr')).toEqual(['2019-04-03']);
    expect(days('version v1.2.2019 and 31.02.2019')).toEqual([]);
  });
});

describe('bylines', () => {
  it('reads a visible byline and drops "By", "View all posts by" and trailing roles', () => {
    const a = page('<title>Ferry</title>', `<article><h1>Night ferry stays</h1><p class="byline">By Mara Quill, Staff Writer</p>${TEXT}</article>`);
    expect(a.byline).toBe('Mara Quill');
    expect(cleanByline('View all posts by Tobin Reyes')).toBe('Tobin Reyes');
    expect(cleanByline('Von Jana Wolff | 3 min read')).toBe('Jana Wolff');
    expect(cleanByline('by Ivo Marsh January 18, 2017 11:00 PM PST @ivomarsh')).toBe('Ivo Marsh');
    expect(cleanByline('Share this story')).toBeUndefined();
  });

  it('prefers the people JSON-LD names over an organisation, and a visible person over the site as author', () => {
    const ld = `<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Organization","name":"Harbour Post"},{"@type":"Person","name":"Ada Lind"}]}</script>`;
    expect(page(ld, `<article>${TEXT}</article>`).byline).toBe('Ada Lind');
    const org = `<meta property="og:site_name" content="Harbour Post"><meta name="author" content="Harbour Post">`;
    expect(page(org, `<article><h1>Night ferry stays</h1><div class="author-name">Par Lou Garnier</div>${TEXT}</article>`).byline).toBe('Lou Garnier');
  });

  it('does not take bylines from reader comments or an "authority" box', () => {
    const body = `<article><h1>Night ferry stays</h1>${TEXT}</article><div class="authority-control">Authority control</div><div class="comments"><span class="comment-author">Pat Doe</span></div>`;
    expect(page('<title>Ferry</title>', body).byline).toBeUndefined();
  });
});

describe('titles', () => {
  it('keeps the part of the <title> the page shows as its headline', () => {
    const a = page('<title>Island Notes | Night ferry stays through the winter</title>', `<article><h1>Night ferry stays through the winter</h1>${TEXT}</article>`);
    expect(a.title).toBe('Night ferry stays through the winter');
    const b = page('<title>Night ferry stays through the winter -- Harbour Post</title><meta property="og:site_name" content="Harbour Post">', `<article>${TEXT}</article>`);
    expect(b.title).toBe('Night ferry stays through the winter');
  });

  it("skips a JSON-LD headline that is a description where the page's headline and <title> agree", () => {
    const head = `<title>Night ferry timetable - Wiki</title><script type="application/ld+json">{"@type":"Article","headline":"seasonal boat service in the islands"}</script>`;
    expect(page(head, `<h1>Night ferry timetable</h1>${TEXT}`).title).toBe('Night ferry timetable');
  });
});
