/**
 * A record that brings its own title (a JSONL line, a feed item) is one article by its
 * container's word: the clean stage never cuts it, and says where it would have. The same text
 * as a plain file, with no container to vouch for it, is still cut where the topic changes
 * completely (pages that glue two stories together).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../src/pipeline/run.js';
import { openStore, type Store } from '../../src/store/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-declared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A fictional page of two unrelated stories with no headline between them (the clean stage's golden input). */
const GLUED = readFileSync(new URL('../clean/golden/topic-shift-no-headline/input.txt', import.meta.url), 'utf8');

async function stored(store: Store): Promise<{ text: string; messages: string[] }[]> {
  const out: { text: string; messages: string[] }[] = [];
  for await (const s of store.articles.iterate()) out.push({ text: s.article.text, messages: s.messages.map((m) => m.ruleId) });
  return out;
}

describe('a record that declares one article', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('keeps a titled JSONL record whole where the same text as a plain file is cut in two', async () => {
    const file = path.join(dir, 'record.jsonl');
    writeFileSync(file, `${JSON.stringify({ title: 'Orchestra tour and harbour works', text: GLUED, outlet: 'Valdane Courier' })}\n`);
    await runIngest({ inputs: [file], store });
    const whole = await stored(store);
    expect(whole).toHaveLength(1);
    expect(whole[0]!.messages).toContain('split-declined');
    expect(whole[0]!.messages).not.toContain('split-second-article');

    const other = await openStore(':memory:');
    try {
      const txt = path.join(dir, 'page.txt');
      writeFileSync(txt, GLUED);
      await runIngest({ inputs: [txt], store: other });
      const parts = await stored(other);
      expect(parts).toHaveLength(2);
      expect(parts.every((p) => p.messages.includes('split-second-article'))).toBe(true);
      expect(parts.map((p) => p.text.length).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(whole[0]!.text.length);
    } finally {
      await other.close();
    }
  });
});
