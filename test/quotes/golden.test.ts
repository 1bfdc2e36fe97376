/**
 * Golden cases: fictional articles run through the quotes stage, compared with the expected quotes
 * (as readable text) and messages beside them. Rewrite with `UPDATE_GOLDEN=1 npx vitest run test/quotes`.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createQuotes } from '../../src/pipeline/analyze/quotes/index.js';

const root = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

describe('quotes golden cases', () => {
  for (const name of readdirSync(root).sort()) {
    it(`matches the expected quotes and messages for ${name}`, () => {
      const text = readFileSync(`${root}${name}/input.txt`, 'utf8');
      const out = createQuotes({ useLibrary: false })([{ value: { id: name, text }, messages: [] }]);
      const entities = new Map(out.entities.map((e) => [e.id, e] as const));
      const slice = (s?: { start: number; end: number }): string | undefined => (s ? text.slice(s.start, s.end) : undefined);
      const quotes = out.articles[0]!.value.quotes.map((q) => ({
        type: q.type,
        content: (q.segments ?? [q.span]).map((s) => slice(s)),
        cue: slice(q.cue),
        speaker: slice(q.speakerMention),
        person: q.personId ? entities.get(q.personId)?.name : undefined,
        attribution: q.attribution,
      }));
      const people = out.entities.filter((e) => e.kind === 'person').map((e) => ({ name: e.name, forms: e.forms, roles: e.roles, evidence: e.evidence }));
      const messages = out.articles[0]!.messages.map((m) => ({ ruleId: m.ruleId, severity: m.severity, excerpt: m.excerpt }));
      const expectedFile = `${root}${name}/expected.json`;
      const messagesFile = `${root}${name}/messages.json`;
      if (update) {
        writeFileSync(expectedFile, `${JSON.stringify({ quotes, people }, null, 2)}\n`);
        writeFileSync(messagesFile, `${JSON.stringify(messages, null, 2)}\n`);
      }
      expect({ quotes, people }).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      expect(messages).toEqual(JSON.parse(readFileSync(messagesFile, 'utf8')));
    });
  }
});
