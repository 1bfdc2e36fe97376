// Golden pages for the extract stage: fictional news pages with real-world furniture in
// test/extract/golden/<case>/source.html (and the document hints in hints.json), the expected
// article (minus its document id, plus the messages' rule ids) in expected.json.
// Rewrite them with `UPDATE_GOLDEN=1 npx vitest run test/extract/golden.test.ts`, then read the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlDocument } from './support.js';
import { createExtract } from '../../src/pipeline/extract/index.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Golden {
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  published: unknown;
  modified: unknown;
  declaredLanguage: string | null;
  paragraphs: string[];
  messages: { severity: string; ruleId: string; excerpt: string | null }[];
}

const extract = createExtract();

function snapshot(name: string): Golden {
  const html = readFileSync(`${GOLDEN}${name}/source.html`, 'utf8');
  const hintsPath = `${GOLDEN}${name}/hints.json`;
  const hints = existsSync(hintsPath) ? (JSON.parse(readFileSync(hintsPath, 'utf8')) as Record<string, string>) : {};
  const { value: a, messages } = extract({ value: htmlDocument(html, hints, `golden/${name}/source.html`), messages: [] });
  // Paragraph spans must cut the text exactly into its paragraphs.
  expect(a.paragraphs.map((p) => a.text.slice(p.start, p.end)).join('\n\n')).toBe(a.text);
  return {
    url: a.url ?? null,
    canonicalUrl: a.canonicalUrl ?? null,
    title: a.title ?? null,
    byline: a.byline ?? null,
    siteName: a.siteName ?? null,
    published: a.published ?? null,
    modified: a.modified ?? null,
    declaredLanguage: a.declaredLanguage ?? null,
    paragraphs: a.paragraphs.map((p) => a.text.slice(p.start, p.end)),
    messages: messages.map((m) => ({ severity: m.severity, ruleId: m.ruleId, excerpt: m.excerpt ?? null })),
  };
}

/** The first paragraph that differs, named, so a failure says where the text went wrong. */
function firstDifference(actual: readonly string[], expected: readonly string[]): string | undefined {
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) {
      return `paragraph ${i + 1} differs:\n  expected: ${JSON.stringify(expected[i] ?? '(none)')}\n  actual:   ${JSON.stringify(actual[i] ?? '(none)')}`;
    }
  }
  return undefined;
}

describe('extract golden pages', () => {
  it('has at least five golden pages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of cases) {
    describe(name, () => {
      const expectedPath = `${GOLDEN}${name}/expected.json`;
      const actual = snapshot(name);
      if (UPDATE) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as Golden) : undefined;

      it('has an expected.json', () => {
        expect(expected, `${expectedPath} is missing: run UPDATE_GOLDEN=1 npx vitest run test/extract/golden.test.ts`).toBeDefined();
      });
      it('extracts the article text', () => {
        const diff = firstDifference(actual.paragraphs, expected?.paragraphs ?? []);
        expect(diff, diff).toBeUndefined();
      });
      for (const field of ['url', 'canonicalUrl', 'title', 'byline', 'siteName', 'published', 'modified', 'declaredLanguage'] as const) {
        it(`reads ${field}`, () => {
          expect(actual[field]).toEqual(expected?.[field]);
        });
      }
      it('reports what it left out', () => {
        expect(actual.messages).toEqual(expected?.messages);
      });
    });
  }
});
