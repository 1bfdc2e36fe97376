/**
 * `parallax ingest` processes at once on one SQLite file: story building takes turns under the
 * store's lock, so every article ends in exactly one story and nothing is counted twice.
 *
 * Without the lock this fails most runs (4 of 5 measured): a run that read the pending articles
 * before another saved its own, but saved after it, overwrote the clusterer state and left the
 * other's stories beside its own (article counts summing to 601–819 for 600 articles).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storyCorpus, type CorpusArticle } from '../../bench/story-corpus.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run `parallax ingest` in a child process; resolves with its exit code and output. */
function ingest(db: string, input: string, flags: readonly string[] = []): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, 'ingest', '-q', ...flags, '--db', db, input], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Two runs at once is the case reported; four make the bad interleavings likely (without the lock the check fails most runs). */
const RUNS = [0, 1, 2, 3] as const;

describe('ingests at once on one SQLite database', () => {
  it('wait for each other to build stories: every article is in exactly one story, the counts add up', { timeout: 90_000 }, async () => {
    const articles = [...storyCorpus(RUNS.length * 150, 5)];
    const db = path.join(dir, 'shared.db');
    const write = (name: string, part: readonly CorpusArticle[]): string => {
      const file = path.join(dir, name);
      const lines = part.map((a) => JSON.stringify({ url: `https://outlet${a.story % 3}.example/${a.id}`, title: a.title, text: a.text, published: a.published }));
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    };
    const every = (xs: readonly CorpusArticle[], n: number, k: number) => xs.filter((_, i) => i % n === k);
    // The articles alternate between the runs, so every run feeds the same stories. (One round of
    // runs is the sharpest check: a later run removes the stories its state does not know, which
    // would hide an earlier round's damage.)
    const files = RUNS.map((h) => write(`run-${h}.jsonl`, every(articles, RUNS.length, h)));
    const runs = await Promise.all(files.map((f) => ingest(db, f)));
    for (const run of runs) {
      expect(run.err, run.err).toBe('');
      expect(run.code).toBe(0);
    }

    const conn = new Database(db, { readonly: true });
    try {
      const one = <T>(sql: string): T => conn.prepare(sql).get() as T;
      const { n: stored } = one<{ n: number }>('SELECT count(*) AS n FROM articles');
      expect(stored).toBe(articles.length);
      // Every article is a member of exactly one story.
      expect(one<{ n: number }>('SELECT count(*) AS n FROM articles a WHERE (SELECT count(*) FROM story_members m WHERE m.article_id = a.id) <> 1').n).toBe(0);
      // Stories' article counts match their members and sum to the articles; none is empty.
      expect(one<{ n: number }>('SELECT coalesce(sum(article_count), 0) AS n FROM stories').n).toBe(stored);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM stories s WHERE article_count <> (SELECT count(*) FROM story_members m WHERE m.story_id = s.id)').n).toBe(0);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM stories WHERE article_count = 0').n).toBe(0);
      expect(one<{ n: number }>('SELECT count(*) AS n FROM story_members m WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = m.story_id)').n).toBe(0);
      // The lock is released when the runs end.
      expect(one<{ n: number }>('SELECT count(*) AS n FROM locks').n).toBe(0);
    } finally {
      conn.close();
    }
  });
});
