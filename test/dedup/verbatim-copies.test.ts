/**
 * Counting: verbatim copies of one article, however many and from however many outlets, are one
 * family, one independent source; and each copy is checked against the first copy, not against
 * every earlier one (2,000 copies cost 800,000 exact checks, 8.5 minutes, before).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFamilies, createDedupIndex, type DedupInput } from '../../src/pipeline/dedup/index.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { openStore } from '../../src/store/index.js';
import { ORIGINAL_TEXT } from './fixtures.js';

/** `n` verbatim copies of the fixture's original, each on its own outlet. */
function copies(n: number): DedupInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `art_${String(i).padStart(16, '0')}`,
    text: ORIGINAL_TEXT,
    url: `https://outlet-${i}.example/news/channel-dredging`,
    published: '2025-05-06T09:00:00Z',
    credits: [],
  }));
}

describe('verbatim copies', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('pair each copy with the first copy only, not with every earlier one', () => {
    const index = createDedupIndex();
    const all = copies(2000);
    let last: ReturnType<typeof index.add> = [];
    for (const a of all) last = index.add(a);
    expect(last.filter((m) => m.exact)).toEqual([expect.objectContaining({ id: all[0]!.id, exact: true })]);
  });

  it('make one family of one source, 2,000 copies on 2,000 outlets', () => {
    const families = buildFamilies(copies(2000));
    expect(families).toHaveLength(1);
    expect(families[0]!.members).toHaveLength(2000);
    expect(families[0]!.members.filter((m) => m.derivation === 'original')).toHaveLength(1);
    expect(new Set(families[0]!.members.filter((m) => m.derivation !== 'original').map((m) => m.derivation))).toEqual(new Set(['verbatim']));
  }, 60_000);

  it('ingested and grouped into a SQLite store, 40 copies make one story of one source', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-copies-'));
    dirs.push(dir);
    const lines = copies(40).map((a) => JSON.stringify({ text: a.text, title: 'Port Velmar approves channel dredging', url: a.url, published: a.published }));
    writeFileSync(path.join(dir, 'copies.jsonl'), `${lines.join('\n')}\n`);
    const store = await openStore(path.join(dir, 'copies.db'));
    try {
      expect((await runIngest({ inputs: [path.join(dir, 'copies.jsonl')], store })).articles).toBe(40);
      await runStories({ store });
      const { items } = await store.stories.list({ limit: 100 });
      expect(items.map((s) => [s.articleCount, s.sourceCount])).toEqual([[40, 1]]);
      const story = await store.stories.get(items[0]!.id);
      expect(story!.families).toHaveLength(1);
      expect(story!.families[0]!.members).toHaveLength(40);
    } finally {
      await store.close();
    }
  }, 60_000);

  // Each article is linked to at most `maxCandidates` (64) earlier ones, and groups merge on average
  // linkage counting unlinked pairs as 0: without copies counted as one representative, 2,000
  // identical articles made 672 stories (one of 319 articles), each counted as one source.
  it('ingested and grouped into a SQLite store, 2,000 copies make one story of one source', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parallax-copies-'));
    dirs.push(dir);
    const lines = copies(2000).map((a) => JSON.stringify({ text: a.text, title: 'Port Velmar approves channel dredging', url: a.url, published: a.published }));
    writeFileSync(path.join(dir, 'copies.jsonl'), `${lines.join('\n')}\n`);
    const store = await openStore(path.join(dir, 'copies.db'));
    try {
      expect((await runIngest({ inputs: [path.join(dir, 'copies.jsonl')], store })).articles).toBe(2000);
      await runStories({ store });
      const { items } = await store.stories.list({ limit: 1000 });
      expect(items.map((s) => [s.articleCount, s.sourceCount])).toEqual([[2000, 1]]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
