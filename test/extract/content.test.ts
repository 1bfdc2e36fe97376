// Main-text extraction from HTML: what is kept, what is left out, and how that is reported.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const S1 = 'The regional council approved the new transport plan on Tuesday after a debate that lasted most of the afternoon.';
const S2 = 'Under the plan, bus services in the valley will run every fifteen minutes, and two new routes will open next spring.';
const S3 = 'Opponents said the plan would raise fares, but the council said prices would stay the same until at least next year.';

function run(body: string, head = '') {
  const html = `<html><head>${head}</head><body>${body}</body></html>`;
  const out = extract({ value: htmlDocument(html), messages: [] });
  const paragraphs = out.value.paragraphs.map((p) => out.value.text.slice(p.start, p.end));
  return { html, out, paragraphs, text: out.value.text };
}

describe('HTML main text', () => {
  it('keeps the article and drops navigation, share bars, related links and comments', () => {
    const { paragraphs, out, html } = run(`
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article>
        <h1>Council approves transport plan</h1>
        <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
        <div class="article-body"><p>${S1}</p><p>${S2}</p>
          <div class="related-articles"><h4>Related</h4><ul><li><a href="/a">Bus strike called off</a></li><li><a href="/b">New tram line opens</a></li></ul></div>
          <p>${S3}</p></div>
      </article>
      <section class="comments"><p>First! This plan is great and I support it fully, said nobody at all.</p></section>
      <footer>© Valley News</footer>`);
    expect(paragraphs).toEqual([S1, S2, S3]);
    const info = out.messages.filter((m) => m.severity === 'info');
    expect(info.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['share-bar', 'related-links']));
    for (const m of info) {
      expect(m.stage).toBe('extract');
      expect(m.layer).toBe('source');
      // The span points at the element that was left out, in the HTML source.
      const source = html.slice(m.span!.start, m.span!.end);
      expect(source.startsWith('<')).toBe(true);
      expect(source.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')).toContain(m.excerpt!.split(' ')[0]!);
    }
  });

  it('keeps subheadings, lists, quotes and data tables inside the body', () => {
    const { paragraphs } = run(`<div class="entry-content">
      <p>${S1}</p><h2>What changes</h2><ul><li>Buses every fifteen minutes on the valley line.</li><li>Two new routes from next spring.</li></ul>
      <blockquote><p>We listened to the people who ride the buses every day, said the chair.</p></blockquote>
      <table><tr><th>Route</th><th>Frequency</th></tr><tr><td>Valley line</td><td>15 min</td></tr><tr><td>Hill line</td><td>30 min</td></tr></table>
      <p>${S2}</p></div>`);
    expect(paragraphs).toEqual([
      S1,
      'What changes',
      'Buses every fifteen minutes on the valley line.',
      'Two new routes from next spring.',
      'We listened to the people who ride the buses every day, said the chair.',
      'Route | Frequency',
      'Valley line | 15 min',
      'Hill line | 30 min',
      S2,
    ]);
  });

  it('drops hidden text, captions, ad labels and furniture lines', () => {
    const { paragraphs } = run(`<div class="story-body">
      <p>${S1}</p>
      <p style="display: none">Hidden text that readers never see on the page at all.</p>
      <div aria-hidden="true">Also hidden from everyone who reads the page.</div>
      <figure><img src="a.jpg"><figcaption>The council chamber on Tuesday. Photo: Valley News</figcaption></figure>
      <div>Advertisement</div>
      <p>${S2}</p>
      <p>Read more: Bus strike called off</p>
      <p>Sign up for our daily newsletter</p></div>`);
    expect(paragraphs).toEqual([S1, S2]);
  });

  it('drops captions beside images, credit lines and link lines under a "Related" heading', () => {
    const { paragraphs, out } = run(`<div class="story-body">
      <p>${S1}</p>
      <div><img src="a.jpg"><span>The council chamber on Tuesday</span></div>
      <p>${S2}</p>
      <div><a href="/img"><img src="b.jpg"></a></div><center><em>Buses at the valley depot</em></center>
      <p><strong>Related</strong></p>
      <p><a href="/news/bus-strike">Bus strike called off</a> [VIDEO]<br><a href="/news/tram">New tram line opens</a> [INSIGHT]</p>
      <p>${S3}</p>
      <p>(Reporting by Jo Reed; Editing by Sam Hill)</p></div>`);
    expect(paragraphs).toEqual([S1, S2, S3]);
    expect(out.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['image-caption', 'read-more', 'related-links', 'byline']));
  });

  it('keeps short lines of a text column that has pictures in it', () => {
    const lines = [S1, S2, S3].map((s) => s.slice(0, 100).trim());
    const { paragraphs } = run(`<div class="article"><img src="a.jpg">${lines.join('<br><br>')}<br><img src="b.jpg"><br>${lines.join('<br>')}</div>`);
    expect(paragraphs).toEqual([...lines, ...lines]);
  });

  it('keeps prose that merely starts like furniture', () => {
    const prose = [
      'More than 200 people were hurt.',
      'Twitter said on Monday it would ban political ads.',
      'Comments made by the minister sparked outrage.',
      'Updated figures show the economy grew by 2 percent.',
      'By Tuesday, the rain had stopped',
      'Related costs rose sharply.',
      'Share prices fell 3 percent on Friday.',
      'Sign up numbers for the scheme were low.',
      'Fans who follow him on Instagram saw the post before it was deleted, and many shared it widely.',
      '[Updated at 3pm] The minister has now resigned.',
      'At 10:30 on 5 March 2019 the police arrived.',
      'Email remains the most common way to reach the council.',
    ];
    const { paragraphs } = run(`<div class="article-body"><p>${S1}</p>${prose.map((p) => `<p>${p}</p>`).join('')}<p>${S2}</p></div>`);
    expect(paragraphs).toEqual([S1, ...prose, S2]);
  });

  it('keeps blocks whose class names only contain a furniture word', () => {
    const classes = ['responsive-wrapper', 'movie-trailer', 'research-summary', 'stocks-box', 'hidden-xs', 'noprint', 'user-content', 'blueprint-note'];
    const body = classes.map((c, i) => `<div class="${c}"><p>${[S1, S2, S3][i % 3]!.replace('.', ` (${c}).`)}</p></div>`).join('');
    const { paragraphs } = run(`<div class="article-body">${body}</div>`);
    expect(paragraphs).toHaveLength(classes.length);
  });

  it('reads an article split into blocks of the same class as one', () => {
    const { paragraphs } = run(`<main>
      <div class="grid"><div class="article__body"><p>${S1}</p><p>${S2}</p></div><div class="ad-rail">Ad</div></div>
      <div class="grid"><div class="article__body"><p>${S3}</p><p>${S1.replace('Tuesday', 'Wednesday')}</p></div></div></main>`);
    expect(paragraphs).toEqual([S1, S2, S3, S1.replace('Tuesday', 'Wednesday')]);
  });

  it('splits paragraphs at line breaks in pages without <p>', () => {
    const { paragraphs } = run(`<td>${S1}<br><br>${S2}<br>${S3}</td>`);
    expect(paragraphs).toEqual([S1, S2, S3]);
  });

  it('drops a heading that repeats the title', () => {
    const { paragraphs } = run(`<div><h2>Council approves transport plan</h2><p>${S1}</p><p>${S2}</p></div>`, '<title>Council approves transport plan - Valley News</title><meta property="og:site_name" content="Valley News">');
    expect(paragraphs).toEqual([S1, S2]);
  });

  it('falls back to the whole page when class rules leave too little', () => {
    // Every block carries a class that looks like furniture.
    const { paragraphs } = run(`<div class="widget"><p>${S1}</p></div><div class="widget"><p>${S2}</p></div>`);
    expect(paragraphs).toEqual([S1, S2]);
  });

  it('caps the number of info messages', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<div class="share-${i}">Share ${i}</div>`).join('');
    const out = createExtract({ maxRemovedMessages: 5 })({ value: htmlDocument(`<article><div class="body">${links}<p>${S1}</p><p>${S2}</p></div></article>`), messages: [] });
    expect(out.messages.filter((m) => m.severity === 'info')).toHaveLength(5);
  });
});
