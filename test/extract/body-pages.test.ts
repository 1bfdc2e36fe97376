// Main text of pages as the web serves them: articles in numbered chunks, link text inside
// sentences, paragraphs marked for subscribers. Fictional pages by fictional outlets.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const P1 = 'The Harrowgate ferry resumed its crossings on Monday after a three-week halt caused by a cracked propeller shaft.';
const P2 = 'Engineers from the port authority fitted a new shaft over the weekend and the vessel passed its sea trials on Sunday.';
const P3 = 'Commuters who had faced a ninety-minute detour by road welcomed the return, though some complained about the fares.';
const P4 = 'The operator said it would refund season tickets for the weeks lost and add an evening sailing until the end of May.';

function run(body: string): { paragraphs: string[]; text: string } {
  const html = `<html><head><title>Ferry back in service</title></head><body>${body}</body></html>`;
  const out = extract({ value: htmlDocument(html, { url: 'https://valley-courier.example/news/ferry' }), messages: [] });
  return { paragraphs: out.value.paragraphs.map((p) => out.value.text.slice(p.start, p.end)), text: out.value.text };
}

describe('article body on real-world page shapes', () => {
  it('reads an article split into numbered chunks of one kind as one text', () => {
    const links = [1, 2, 3, 4, 5, 6].map((k) => `<li><a href="/valley/${k}">Valley story number ${k} under a longer headline</a></li>`).join('');
    const { paragraphs } = run(`<div class="page">
      <div class="top-area"><div class="story-chunk story-chunk-1"><p>${P1}</p><p>${P2}</p></div></div>
      <div class="middle"><ul>${links}</ul></div>
      <div class="lower-area"><div class="story-chunk story-chunk-2"><p>${P3}</p><p>${P4}</p><p>${P1.replace('Monday', 'Tuesday')}</p></div></div>
      </div>`);
    expect(paragraphs).toContain(P1);
    expect(paragraphs).toContain(P4);
  });

  it('keeps the words of a link inside a sentence whatever its class says', () => {
    const { text } = run(`<div class="article-body">
      <p><a class="meta-org" href="/topic/port-authority">Port authority</a> engineers fitted a new shaft over the weekend, and the vessel passed its sea trials on <a class="meta-date" href="/sunday">Sunday</a> morning.</p>
      <p>${P3}</p><p>${P4}</p></div>`);
    expect(text).toContain('Port authority engineers fitted a new shaft');
    expect(text).toContain('sea trials on Sunday morning.');
  });

  it('keeps long paragraphs classed for subscribers and drops the short paywall prompt', () => {
    const { paragraphs } = run(`<div class="article-body">
      <p>${P1}</p><p class="paywall">${P2}</p><p class="paywall">${P3}</p>
      <div class="paywall-prompt">Subscribe for full access.</div><p>${P4}</p></div>`);
    expect(paragraphs).toEqual([P1, P2, P3, P4]);
  });

  it('keeps section subheadings whose class or anchor id reads as a title or a menu entry', () => {
    const { paragraphs } = run(`<div class="article-body"><p>${P1}</p><p>${P2}</p>
      <h3 class="section-title" id="nav_fares_1">Fares stay the same</h3><p>${P3}</p>
      <h2 class="subheadline">Refunds</h2><p>${P4}</p></div>`);
    expect(paragraphs).toEqual([P1, P2, 'Fares stay the same', P3, 'Refunds', P4]);
  });

  it('leaves out a long photo gallery inside the article and says so', () => {
    const slides = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((k) => `<li><h2><span class="counter">${k}/8</span> Harbour scene ${k}</h2><p>Photograph ${k} of the series shows the old ferry pier at dawn, with fishing boats, gulls and the lighthouse keeper's cottage on the hill behind, in a view that has changed little in a century.</p></li>`)
      .join('');
    const html = `<html><body><article><div itemprop="articleBody"><p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <div class="photo-gallery"><div class="frame"><ul class="captions">${slides}</ul></div></div><p>${P4}</p></div></article></body></html>`;
    const out = extract({ value: htmlDocument(html), messages: [] });
    const paragraphs = out.value.paragraphs.map((p) => out.value.text.slice(p.start, p.end));
    expect(paragraphs).toEqual([P1, P2, P3, P4]);
    expect(out.messages.map((m) => m.ruleId)).toContain('gallery');
  });

  it('keeps a page that is only a gallery of captioned photos', () => {
    const slides = [1, 2, 3, 4, 5, 6]
      .map((k) => `<li><p>Photograph ${k} of the series shows the old ferry pier at dawn, with fishing boats, gulls and the lighthouse keeper's cottage on the hill behind.</p></li>`)
      .join('');
    const html = `<html><body><div class="gallery"><ul>${slides}</ul></div></body></html>`;
    const out = extract({ value: htmlDocument(html), messages: [] });
    expect(out.value.paragraphs).toHaveLength(6);
  });

  it('reads a post built of page-builder widget blocks and still drops a short widget box', () => {
    const block = (ps: string[]) =>
      `<div class="builder-element builder-widget builder-widget-text-editor"><div class="builder-widget-container">${ps.map((p) => `<p>${p}</p>`).join('')}</div></div>`;
    const { paragraphs } = run(`<div class="post">${block([P1, P2, P3, P4, P1, P2])}
      <div class="builder-widget builder-widget-poll"><p>Vote now: did you take the ferry?</p></div>
      ${block([P4, P3, P2, P1, P4, P3])}</div>`);
    expect(paragraphs).toEqual([P1, P2, P3, P4, P1, P2, P4, P3, P2, P1, P4, P3]);
  });

  it('keeps a post entry whose descriptive classes name its author and category', () => {
    const comments = [1, 2, 3, 4, 5, 6].map((k) => `<p>Reader ${k} wrote a long reply about ferries, fares, timetables and the weather on the crossing that morning, at some length.</p>`).join('');
    const { paragraphs } = run(`<main><article class="post-118 post type-post author-jane-roe category-news tag-ferries hentry">
      <div class="entry-meta">Posted by Jane Roe</div><div class="entry-text"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>
      <div class="sharing-tools"><h3>Like this:</h3><a href="/like">Like</a></div></article>
      <div class="discussion-list">${comments}</div></main>`);
    expect(paragraphs).toEqual([P1, P2, P3]);
  });

  it('counts the blocks left out past the message limit in one message', () => {
    const boxes = [1, 2, 3, 4, 5].map((k) => `<div class="share-bar-${k}"><a href="/s${k}">Share story ${k}</a></div>`).join('');
    const html = `<html><body><div class="article-body"><p>${P1}</p>${boxes}<p>${P2}</p><p>${P3}</p></div></body></html>`;
    const out = createExtract({ maxRemovedMessages: 2 })({ value: htmlDocument(html), messages: [] });
    const listed = out.messages.filter((m) => m.ruleId === 'share-bar');
    expect(listed).toHaveLength(1);
    const rest = out.messages.find((m) => m.ruleId === 'removed-not-listed');
    expect(rest?.data).toEqual({ count: 4, limit: 2 });
    expect(out.messages.filter((m) => m.severity === 'info')).toHaveLength(2);
  });
});
