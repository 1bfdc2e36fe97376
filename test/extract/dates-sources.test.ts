// Publication dates from the page's own evidence: the URL's original day over a later metadata date, a short
// date line right under the headline, and dates in lists of other pages left out.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { dateFromUrl } from '../../src/pipeline/extract/dates.js';
import type { DocumentHints } from '../../src/model/document.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const TEXT = `<p>${'The lighthouse trust agreed on Thursday to repaint the tower before the storm season begins. '.repeat(4)}</p>`;

function page(head: string, body: string, hints: DocumentHints = {}, lang = 'en') {
  return extract({ value: htmlDocument(`<html lang="${lang}"><head>${head}</head><body>${body}</body></html>`, hints), messages: [] }).value;
}

describe('dates in URLs', () => {
  it('reads a path date written with one-digit months and days between slashes', () => {
    expect(dateFromUrl('https://gull.example/home/2017/7/12/tower-repainted')?.value).toBe('2017-07-12');
    expect(dateFromUrl('https://gull.example/news/2017-7-2-tower')?.value).toBe('2017-07-02');
    // Run together, the digits are only read two by two.
    expect(dateFromUrl('https://gull.example/id/2017712/tower')).toBeUndefined();
    expect(dateFromUrl('https://gull.example/2017/13/12/tower')).toBeUndefined();
  });

  it("keeps the URL's day when the page's metadata dates the article well after it (a later update)", () => {
    const head = `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Tower repainted","datePublished":"2019-06-17T18:28:00+0200"}</script>`;
    const later = page(head, `<article><h1>Tower repainted</h1>${TEXT}</article>`, { url: 'https://gull.example/home/2017/7/12/tower-repainted' });
    expect(later.published).toMatchObject({ value: '2017-07-12', source: 'url' });
    // A metadata time on the URL's day, or the next (a UTC stamp past local midnight), is kept.
    const same = page(`<meta property="article:published_time" content="2017-07-13T01:10:00Z">`, `<article><h1>Tower repainted</h1>${TEXT}</article>`, {
      url: 'https://gull.example/home/2017/7/12/tower-repainted',
    });
    expect(same.published?.value.slice(0, 10)).not.toBe('2017-07-13');
    expect(same.published?.value.slice(0, 10)).toBe('2017-07-12');
  });
});

describe('a date line under the headline', () => {
  it('reads a bare date or a "by … on" line right after the headline, whatever its class', () => {
    const bare = page('<title>Gull Point</title>', `<div class="page"><h1>Tower repainted</h1><p class="info">10.06.2018 22:00</p>${TEXT}</div>`, {}, 'de');
    expect(bare.published).toMatchObject({ value: '2018-06-10', precision: 'day' });
    const by = page('<title>Gull Point</title>', `<div><h1>Der Turm ist neu gestrichen</h1><div class="autor">von <a href="/p/1">Ilse Marwede</a> <span>am 20.06.2018</span></div>${TEXT}</div>`, {}, 'de');
    expect(by.published?.value).toBe('2018-06-20');
  });

  it('finds the headline in an <h2> the title repeats when the page has no <h1>', () => {
    const a = page('<title>Gull Point | Tower repainted before the storms</title>', `<div><h2>Tower repainted before the storms</h2><h5 class="blue">23.01.2019</h5>${TEXT}</div>`);
    expect(a.published?.value).toBe('2019-01-23');
  });

  it('does not take an <h1> that holds only the logo for the headline, nor a date in a link or an update line', () => {
    const logo = page(
      '<title>Gull Point</title>',
      `<h1><a href="/"><img src="logo.png" alt="Gull Point"></a></h1><ul class="archive"><li><a href="/2018/07">Juli 2018 (3)</a></li></ul><div><h1>Tower repainted</h1><p class="info">Updated 12.07.2018</p><p class="info">10.06.2018</p>${TEXT}</div>`,
    );
    expect(logo.published?.value).toBe('2018-06-10');
  });

  it('gives no date rather than one from far below the headline', () => {
    const far = page('<title>Gull Point</title>', `<div><h1>Tower repainted</h1>${TEXT.repeat(6)}<p>12.03.2016</p></div>`);
    expect(far.published).toBeUndefined();
  });
});

describe("dates of other pages", () => {
  it("leaves out a recent-posts widget in the site's footer, even when the page has no other date", () => {
    const footer = `<div id="footer"><ul class="sidebar_widget"><li class="widget widget_recent_entries"><ul><li><a href="/other">Another post</a><span class="post-date">09/09/2019</span></li></ul></li></ul></div>`;
    const a = page('<title>Gull Point</title>', `<div class="content"><h1>Tower repainted</h1>${TEXT}</div>${footer}`);
    expect(a.published).toBeUndefined();
  });

  it('reads a date marked up as the publication date (itemprop="datePublished") even inside an <aside>', () => {
    const a = page('<title>Gull Point</title>', `<article><h1>Tower repainted</h1>${TEXT}<aside><p><span itemprop="author">Ilse Marwede</span> <time datetime="2013-09-29" itemprop="datePublished">2013-09-29</time></p></aside></article>`);
    expect(a.published?.value).toBe('2013-09-29');
  });

  it("reads the article's own meta line inside a page-wide wrapper whose class says sidebar", () => {
    const body = `<div class="mainwrap sidebar"><div class="post"><div class="post-meta"><a class="post-meta-time" href="/2017/08/08/">08/08/2017</a></div>${TEXT.repeat(3)}</div><div class="sidebar"><div class="widget recent_posts"><div class="widget-date">14/06/2019</div></div></div></div>`;
    const a = page('<title>Gull Point</title>', body, {}, 'de');
    expect(a.published?.value).toBe('2017-08-08');
  });

  it('reads a date line in an article whose wrapper is marked promoted or whose header is an opinion header', () => {
    const promoted = page('<title>Gull Point</title>', `<div class="node node-article node-promoted"><h1>Tower repainted</h1><div class="submitted">Saved by <span>ilse</span> on 24 July 2017 - 18:55</div>${TEXT}</div>`);
    expect(promoted.published?.value).toBe('2017-07-24');
    const opinion = page(
      '<title>Gull Point</title>',
      `<div class="PageArticle_commentHeader"><article class="ArticleHeaderComment"><h1 class="ArticleHeaderComment_headline">Tower repainted</h1><div class="PublishDate"><span class="PublishDate_date">29. Januar 2019</span></div></article></div>${TEXT}`,
      {},
      'de',
    );
    expect(opinion.published?.value).toBe('2019-01-29');
  });
});
