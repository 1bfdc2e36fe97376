/**
 * Golden cases: each folder under golden/ holds one `input.*` file, the expected documents
 * (`expected.json`) and the expected messages (`expected-messages.json`).
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/ingest`.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIngest, type IngestItem } from '../../src/pipeline/ingest/index.js';
import { collect, fixedNow } from './support/run.js';

const root = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';
const ingest = createIngest({ io: { now: fixedNow } });

function relative(s: string, dir: string): string {
  return s.split(dir + '/').join('');
}

function documents(items: readonly IngestItem[], dir: string): unknown[] {
  return items.map((i) =>
    i.ok
      ? {
          input: relative(i.input, dir),
          id: i.document.value.id,
          origin: JSON.parse(relative(JSON.stringify(i.document.value.origin), dir)) as unknown,
          mediaType: i.document.value.mediaType,
          encoding: i.document.value.encoding,
          byteLength: i.document.value.byteLength,
          hints: i.document.value.hints,
          content: i.document.value.content,
        }
      : { input: relative(i.input, dir), error: i.error.code },
  );
}

function messages(items: readonly IngestItem[], dir: string): unknown[] {
  return items.flatMap((i) => (i.ok && i.document.messages.length > 0 ? [{ input: relative(i.input, dir), messages: i.document.messages }] : []));
}

function compare(path: string, actual: unknown): void {
  const text = JSON.stringify(actual, null, 2) + '\n';
  if (update || !existsSync(path)) writeFileSync(path, text);
  expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(actual);
}

describe('golden ingest cases', () => {
  for (const name of readdirSync(root).sort()) {
    it(`ingests ${name} as recorded`, async () => {
      const dir = join(root, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input.'));
      if (input === undefined) throw new Error(`${name}: no input.* file`);
      const items = await collect(ingest, [join(dir, input)]);
      expect(items.length).toBeGreaterThan(0);
      compare(join(dir, 'expected.json'), documents(items, dir));
      compare(join(dir, 'expected-messages.json'), messages(items, dir));
    });
  }
});
