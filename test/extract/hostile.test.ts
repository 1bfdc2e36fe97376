// Hostile and broken HTML: the stage must extract or say why, never crash or hang, and stay linear.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { parseHtml } from '../../src/pipeline/extract/dom.js';
import { isParallaxError } from '../../src/errors.js';
import { htmlDocument, makeDocument } from './support.js';

const extract = createExtract();
const PROSE = 'The committee met on Monday and agreed, after a long debate, to publish its report in the spring. ';

function run(html: string, options = {}) {
  return createExtract(options)({ value: htmlDocument(html), messages: [] });
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('hostile input', () => {
  it('flattens 100,000 nested elements, keeps the text and warns', () => {
    const html = '<div>'.repeat(100_000) + `<p>${PROSE.repeat(3)}</p>` + '</div>'.repeat(100_000);
    const { value: out, ms } = timed(() => extract({ value: htmlDocument(html), messages: [] }));
    expect(out.value.text).toContain('The committee met on Monday');
    const warning = out.messages.find((m) => m.ruleId === 'html-too-deep');
    expect(warning?.severity).toBe('warning');
    expect(warning?.data).toMatchObject({ depth: 100_001, limit: 512 });
    expect(ms).toBeLessThan(5_000);
  });

  it('refuses deep nesting with HTML_TOO_DEEP when asked to', () => {
    const html = '<div>'.repeat(2_000) + `<p>${PROSE}</p>`;
    const out = run(html, { refuseTooDeep: true, maxDepth: 1_000 });
    const error = out.messages.find((m) => m.severity === 'error');
    expect(error?.ruleId).toBe('html-too-deep');
    expect(error?.reason).toContain('2001');
    expect(out.value.text).toBe('');
    expect(out.messages.filter((m) => m.severity === 'error')).toHaveLength(1);
  });

  it('stays linear on unclosed elements followed by stray end tags', () => {
    // htmlparser2's own Parser is quadratic here (its stack is searched on every end tag).
    const html = '<div>'.repeat(100_000) + '</span>'.repeat(100_000) + '</p>'.repeat(50_000) + `<p>${PROSE}</p>`;
    const { value: out, ms } = timed(() => run(html));
    expect(out.value.text).toContain('The committee met');
    expect(ms).toBeLessThan(5_000);
  });

  it('survives malformed markup: unclosed tags, stray brackets, broken attributes and comments', () => {
    const html = `<html><head><title>Broken <b>page</title><body><div class=a"b' id=><p>${PROSE}<p>${PROSE}<b><i>${PROSE}</b></i> 3 < 4 && 5 > 2 <<>> < p>text</ p><a href="x" href="y" =>link</div></span></table><!-- unterminated comment <p>hidden</p>`;
    const out = run(html);
    expect(out.value.text).toContain('The committee met on Monday');
    expect(out.value.text).not.toContain('hidden');
    expect(out.messages.filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('treats an unterminated <script> or <style> as code, not text', () => {
    const out = run(`<p>${PROSE}</p><p>${PROSE}</p><script>var x = "<p>not text</p>";`);
    expect(out.value.text).not.toContain('not text');
    const style = run(`<p>${PROSE}</p><p>${PROSE}</p><style>p { color: red }`);
    expect(style.value.text).not.toContain('color');
  });

  it('stays linear with many blocks of one class and many short lines beside images', () => {
    const html = `<div class="post"><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div>`.repeat(20_000) + '<div><img src="a.jpg"></div><div>short line</div>'.repeat(20_000);
    const { value: out, ms } = timed(() => run(html));
    expect(out.value.text).toContain('The committee met');
    expect(ms).toBeLessThan(15_000);
  }, 30_000);

  it('extracts a huge page in time linear in its size', () => {
    const block = `<div class="post"><p>${PROSE}<a href="/x">a link</a> and more words, commas, and text.</p></div>`;
    const small = `<html><body>${block.repeat(2_000)}</body></html>`;
    const large = `<html><body>${block.repeat(32_000)}</body></html>`;
    extract({ value: htmlDocument(small), messages: [] }); // warm up
    const a = timed(() => extract({ value: htmlDocument(small), messages: [] }));
    const b = timed(() => extract({ value: htmlDocument(large), messages: [] }));
    expect(b.value.value.text.length).toBeGreaterThan(a.value.value.text.length * 10);
    // 16 times the input: allow 48 times the time (GC and cache effects), far below quadratic (256).
    expect(b.ms).toBeLessThan(Math.max(a.ms, 5) * 48);
  });

  it('bounds a 32 MiB page of 2.4 million elements and says so', () => {
    const html = '<ul>' + '<li><a href="/a">x</a></li>'.repeat(1_200_000) + '</ul>';
    expect(html.length).toBeGreaterThan(32_000_000);
    const { value: out, ms } = timed(() => extract({ value: htmlDocument(html), messages: [] }));
    expect(out.messages.find((m) => m.ruleId === 'html-too-many-elements')).toMatchObject({ severity: 'warning', data: { limit: 200_000 } });
    expect(ms).toBeLessThan(20_000);
  }, 60_000);

  it('keeps the text but not the code of tags past the element limit', () => {
    const html = `<div><p>${PROSE}</p>` + '<span>word</span> '.repeat(50) + `<script>var secret = 1;</script><style>p{}</style><p>${PROSE}</p></div>`;
    const out = run(html, { maxElements: 10 });
    expect(out.value.text).toContain('word word');
    expect(out.value.text).not.toContain('secret');
    expect(out.value.text).not.toContain('p{}');
    expect(out.messages.map((m) => m.ruleId)).toContain('html-too-many-elements');
  });

  it('reports EXTRACT_NO_CONTENT for a page without article text', () => {
    for (const html of ['', '<html><head><title>Only a title</title></head><body></body></html>', '<nav><a href="/">Home</a></nav><script>app()</script>']) {
      const out = extract({ value: htmlDocument(html), messages: [] });
      const errors = out.messages.filter((m) => m.severity === 'error');
      expect(errors.map((m) => m.ruleId)).toEqual(['no-content']);
      expect(errors[0]!.reason).toContain('no article text');
    }
  });

  it('keeps earlier messages and adds its own after them', () => {
    const earlier = { stage: 'ingest' as const, ruleId: 'encoding-guessed', reason: 'guessed', severity: 'warning' as const };
    const out = extract({ value: htmlDocument(`<p>${PROSE}</p>`), messages: [earlier] });
    expect(out.messages[0]).toEqual(earlier);
  });

  it('rejects nonsensical options with a USAGE error', () => {
    expect(() => createExtract({ maxDepth: 0 })).toThrow();
    try {
      createExtract({ maxRemovedMessages: -1 });
    } catch (err) {
      expect(isParallaxError(err, 'USAGE')).toBe(true);
    }
  });
});

describe('HTML tree', () => {
  it('closes elements as HTML implies and keeps source offsets', () => {
    const html = '<ul><li>one<li>two</ul><p>a<p>b<table><tr><td>x<td>y</table>';
    const tree = parseHtml(html, { maxDepth: 512 });
    const tags = tree.elements.slice(1).map((e) => `${e.tag}>${e.parent!.tag}`);
    expect(tags).toEqual(['ul>#root', 'li>ul', 'li>ul', 'p>#root', 'p>#root', 'table>#root', 'tr>table', 'td>tr', 'td>tr']);
    const ul = tree.elements[1]!;
    expect(html.slice(ul.start, ul.end)).toBe('<ul><li>one<li>two</ul>');
  });

  it('decodes entities in text and attributes', () => {
    const tree = parseHtml('<p title="a &amp; b">Fish &amp; chips &eacute;&#233;&#xE9;</p>', { maxDepth: 512 });
    const p = tree.elements[1]!;
    expect(p.attrs['title']).toBe('a & b');
    expect((p.children[0] as { data: string }).data).toBe('Fish & chips ééé');
  });

  it('flattens past the depth limit, as browsers do', () => {
    const tree = parseHtml('<div>'.repeat(10) + 'deep', { maxDepth: 4 });
    expect(tree.maxDepthSeen).toBe(10);
    expect(tree.flattened).toBe(6);
    for (const el of tree.elements.slice(1)) {
      let depth = 0;
      for (let p = el.parent; p && p.tag !== '#root'; p = p.parent) depth++;
      expect(depth).toBeLessThanOrEqual(4);
    }
  });
});

describe('plain text and Markdown', () => {
  it('keeps one paragraph per non-blank line', () => {
    const out = extract({ value: makeDocument('First line.\n\nSecond line.\nThird line.\n', 'text/plain'), messages: [] });
    expect(out.value.text).toBe('First line.\n\nSecond line.\n\nThird line.');
    expect(out.value.paragraphs).toHaveLength(3);
  });

  it('strips Markdown markup', () => {
    const out = extract({ value: makeDocument('# Title\n\nSome **bold** and [a link](http://x).', 'text/markdown'), messages: [] });
    expect(out.value.text).toBe('Title\n\nSome bold and a link.');
  });
});
