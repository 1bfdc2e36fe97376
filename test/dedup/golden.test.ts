/**
 * Golden cases: `golden/<case>/input.json` (articles, in arrival order) → `families.json` (what
 * buildFamilies returns) and `messages.json` (what the envelope stage records on each article).
 * `UPDATE_GOLDEN=1 npx vitest run test/dedup` rewrites the expected files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildFamilies, createDedup, type DedupInput } from '../../src/pipeline/dedup/index.js';
import { asArticle } from './support/article.js';

const root = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';


function check(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update || !existsSync(file)) writeFileSync(file, text);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('golden cases', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as DedupInput[];

    it(`${name}: families`, () => {
      check(path.join(dir, 'families.json'), buildFamilies(input, undefined, { storyId: `sty_${name}` }));
    });

    it(`${name}: stage messages`, () => {
      const seen = new Map<string, DedupInput>();
      const dedup = createDedup({ lookup: (id) => seen.get(id) });
      const messages: Record<string, unknown> = {};
      for (const a of input) {
        messages[a.id] = dedup({ value: asArticle(a), messages: [] }).messages;
        seen.set(a.id, a);
      }
      check(path.join(dir, 'messages.json'), messages);
    });
  }
});
