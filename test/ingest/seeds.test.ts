import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createIngest } from '../../src/pipeline/ingest/index.js';
import { collect } from './support/run.js';

const seeds = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

describe('seed articles', () => {
  it('ingests every seed as a clean UTF-8 text document, reporting progress', async () => {
    const progress: { done: number; total?: number; current: string }[] = [];
    const ingest = createIngest({ onProgress: (p) => progress.push(p) });
    const items = await collect(ingest, [seeds]);
    const files = readdirSync(seeds).filter((f) => !f.startsWith('.'));
    expect(items).toHaveLength(files.length);
    for (const item of items) {
      if (!item.ok) throw new Error(`${item.input}: ${item.error.code}`);
      expect(item.document.value.mediaType).toBe('text/plain');
      expect(item.document.value.encoding.name).toBe('utf-8');
      expect(item.document.messages.filter((m) => m.severity !== 'info')).toEqual([]);
    }
    expect(new Set(items.map((i) => i.ok && i.document.value.id)).size).toBe(items.length);
    expect(progress.length).toBe(items.length + 1);
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 1 });
  });
});
