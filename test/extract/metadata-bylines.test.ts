// Bylines as pages show them: a visible label before the name, the smallest element holding the name, a person before the site.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { cleanByline } from '../../src/pipeline/extract/metadata.js';
import { htmlDocument } from './support.js';

const extract = createExtract();
const TEXT = `<p>${'The lighthouse trust agreed on Thursday to repaint the tower before the storm season begins. '.repeat(4)}</p>`;

function page(head: string, body: string) {
  return extract({ value: htmlDocument(`<html lang="en"><head>${head}</head><body>${body}</body></html>`, {}), messages: [] }).value;
}

describe('visible bylines', () => {
  it('reads a name after a label, whatever the classes: "Written by:" in the text, "Author" in a list of facts', () => {
    const written = page('<title>Tower repainted</title>', `<article><h1>Tower repainted</h1>${TEXT}<p><em>Written by: <a href="/p/ilse">Ilse Marwede</a></em></p></article>`);
    expect(written.byline).toBe('Ilse Marwede');
    const facts = page('<title>Tower repainted</title>', `<article><h1>Tower repainted</h1>${TEXT}<ul><li><strong>Date</strong> 19.01.2020</li><li><strong>Author</strong> Ben Okafor</li></ul></article>`);
    expect(facts.byline).toBe('Ben Okafor');
  });

  it("names a person shown in the article before the site's own name in the byline slot", () => {
    const head = '<meta property="og:site_name" content="Gull Point Press">';
    const a = page(head, `<article><h1>Tower repainted</h1><div class="post-author-name">By Gull Point Press -</div>${TEXT}<p><em>Written by: <a href="/p/ilse">Ilse Marwede</a></em></p></article>`);
    expect(a.byline).toBe('Ilse Marwede');
  });

  it('takes the name from the link inside a byline that also carries a job title', () => {
    const a = page('<title>Tower repainted</title>', `<article><h1>Tower repainted</h1><div class="author"><a class="author-link" href="/a/ben">Ben Okafor</a><div class="author-title">Harbour Editor</div></div>${TEXT}</article>`);
    expect(a.byline).toBe('Ben Okafor');
  });

  it('does not read a byline label alone, or a sidebar credit, as a name', () => {
    expect(cleanByline('By')).toBeUndefined();
    expect(cleanByline('Written by:')).toBeUndefined();
    expect(cleanByline('Matthew Okafor , Minh Lowe')).toBe('Matthew Okafor, Minh Lowe');
    const a = page('<title>Tower repainted</title>', `<div class="sidebar"><p>By <strong>Ilse Marwede</strong></p></div><article><h1>Tower repainted</h1>${TEXT}</article>`);
    expect(a.byline).toBeUndefined();
  });
});
