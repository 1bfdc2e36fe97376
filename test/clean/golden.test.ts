// Golden pages for the clean stage: fictional inputs in test/clean/golden/<case>/input.txt, the
// expected clean articles in expected.json. Rewrite them with `UPDATE_GOLDEN=1 npx vitest run test/clean`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clean } from './pipeline.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(GOLDEN, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The part of a clean result a golden file pins: text, title, date, credits, messages. */
function snapshot(input: string): unknown {
  return clean(input).map(({ value: a, messages }) => ({
    part: a.part,
    title: a.title ?? null,
    published: a.published?.value ?? null,
    paragraphs: a.paragraphs.map((p) => a.text.slice(p.start, p.end)),
    credits: a.credits.map((c) => ({ name: c.name, role: c.role, text: a.extractedText.slice(c.span.start, c.span.end) })),
    messages: messages.filter((m) => m.stage === 'clean').map((m) => ({ ruleId: m.ruleId, severity: m.severity, excerpt: m.excerpt ?? null })),
  }));
}

describe('clean golden pages', () => {
  it('has at least five golden cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of cases) {
    it(`cleans ${name} as recorded`, () => {
      const input = readFileSync(`${GOLDEN}${name}/input.txt`, 'utf8');
      const expectedPath = `${GOLDEN}${name}/expected.json`;
      const actual = snapshot(input);
      if (UPDATE) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(expectedPath), `${expectedPath} is missing: run UPDATE_GOLDEN=1 npx vitest run test/clean`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
