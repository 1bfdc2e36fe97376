import { describe, it, expect } from 'vitest';
import { safeHref } from '../../src/web/dom.js';

describe('links the web UI builds from data', () => {
  it('keeps in-app and http(s) links', () => {
    expect(safeHref('#/story/sty_1')).toBe('#/story/sty_1');
    expect(safeHref('/api/stories/sty_1/report.html')).toBe('/api/stories/sty_1/report.html');
    expect(safeHref('https://harbour.example/a?b=1')).toBe('https://harbour.example/a?b=1');
  });

  it('turns script, data and protocol-relative links into #', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example/x', 'not a url']) {
      expect(safeHref(bad), bad).toBe('#');
    }
  });
});
