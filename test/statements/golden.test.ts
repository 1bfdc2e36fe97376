/**
 * Golden cases for the statements stage: `golden/<case>/input.json` (a story's articles with
 * their outlets) → `expected.json` (each statement: speaker, renderings with outlet, type, text,
 * similarity and what the alignment marks as missing or added) and `messages.json`. Rewrite the
 * expectations with `UPDATE_GOLDEN=1 npx vitest run test/statements`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStatements, type StatementView, type StoryInput, type StoryStatements } from '../../src/pipeline/analyze/statements/index.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

/** A readable summary of one statement: what a reviewer checks in the golden file. */
function summary(s: StatementView, r: StoryStatements) {
  return {
    speaker: r.entities.find((e) => e.id === s.personId)?.name,
    similarity: s.similarity,
    renderings: s.renderings.map((x) => ({
      site: x.site,
      articleId: x.quote.articleId,
      type: x.quote.type,
      text: x.text,
      similarity: x.similarity,
      match: x.match,
      missing: x.alignment.filter((w) => w.op === 'missing').map((w) => w.word),
      added: x.alignment.filter((w) => w.op === 'added').map((w) => w.word),
    })),
  };
}

for (const name of readdirSync(GOLDEN).sort()) {
  describe(`golden case ${name}`, () => {
    const input = JSON.parse(readFileSync(`${GOLDEN}${name}/input.json`, 'utf8')) as StoryInput;
    const out = createStatements({ useLibrary: false })({ value: input, messages: [] });
    const actual = {
      statements: out.value.statements.map((s) => summary(s, out.value)),
      single: out.value.single.map((s) => summary(s, out.value)),
      unattributed: out.value.unattributed.map((u) => ({ site: u.site, text: u.text })),
      unattributedStatements: out.value.unattributedStatements.map((s) => summary(s, out.value)),
    };
    const messages = out.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, span: m.span, excerpt: m.excerpt }));
    const expectedFile = `${GOLDEN}${name}/expected.json`;
    const messagesFile = `${GOLDEN}${name}/messages.json`;
    if (update || !existsSync(expectedFile)) {
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      writeFileSync(messagesFile, `${JSON.stringify(messages, null, 2)}\n`);
    }

    it('groups and aligns the statements as expected', () => {
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });

    it('records the expected messages', () => {
      expect(messages).toEqual(JSON.parse(readFileSync(messagesFile, 'utf8')));
    });
  });
}
