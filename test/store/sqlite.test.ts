import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/index.js';
import { storeContract } from './contract.js';
import { generateRecords } from './records.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tempFile = (): string => join(dir, `store-${++n}.db`);

storeContract('sqlite temp file', () => openStore(tempFile()));
storeContract('sqlite :memory:', () => openStore(':memory:'));

describe('SQLite store', () => {
  it('opens the file in WAL mode with foreign keys on and records its schema version', async () => {
    const file = tempFile();
    const store = await openStore(file);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number }[];
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      db.close();
    }
  });

  it('keeps what was saved across reopening, without migrating twice', async () => {
    const file = tempFile();
    const records = generateRecords({ seed: 30, count: 8 });
    const first = await openStore(file, { now: () => new Date('2026-01-01T00:00:00Z') });
    await first.saveIngested(records);
    await first.close();
    const again = await openStore(file);
    expect(await again.documents.count()).toBe(8);
    expect((await again.saveIngested(records)).added).toBe(0);
    await again.close();
    const db = new Database(file, { readonly: true });
    const applied = db.prepare('SELECT applied_at AS at FROM schema_migrations').all() as { at: string }[];
    db.close();
    // Every migration ran once, at the first open.
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied.map((a) => a.at))).toEqual(new Set(['2026-01-01T00:00:00.000Z']));
  });

  it('lets two connections on one file see each other\'s batches', async () => {
    const file = tempFile();
    const a = await openStore(file);
    const b = await openStore(file);
    await a.saveIngested(generateRecords({ seed: 31, count: 3 }));
    await b.saveIngested(generateRecords({ seed: 31, start: 3, count: 3 }));
    expect(await a.documents.count()).toBe(6);
    expect(await b.documents.count()).toBe(6);
    await a.close();
    await b.close();
  });

  it('refuses a database written by a newer schema with STORE_TOO_NEW and leaves it unchanged', async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const db = new Database(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'future', '2030-01-01T00:00:00Z');
    db.close();
    await expect(openStore(file)).rejects.toMatchObject({ code: 'STORE_TOO_NEW', params: { found: SCHEMA_VERSION + 1 } });
  });

  it('says STORE_OPEN_FAILED for a missing folder and for a file that is not a database', async () => {
    await expect(openStore(join(dir, 'no-such-folder', 'x.db'))).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED' });
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is plainly not a database file, just text that is long enough to have a header '.repeat(20));
    await expect(openStore(junk)).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED' });
  });

  it('opens a file: URL as SQLite', async () => {
    const file = tempFile();
    const store = await openStore(pathToFileURL(file).href);
    expect(store.kind).toBe('sqlite');
    await store.saveIngested(generateRecords({ seed: 32, count: 1 }));
    await store.close();
    const again = await openStore(file);
    expect(await again.documents.count()).toBe(1);
    await again.close();
  });

  it('refuses other URL schemes with STORE_UNSUPPORTED_URL', async () => {
    await expect(openStore('mysql://db.example/parallax')).rejects.toMatchObject({ code: 'STORE_UNSUPPORTED_URL' });
  });

  it('keeps messages queryable by rule: which articles lost a caption', async () => {
    const file = tempFile();
    const store = await openStore(file);
    const records = generateRecords({ seed: 33, count: 20 });
    await store.saveIngested(records);
    await store.close();
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare("SELECT DISTINCT article_id AS id FROM messages WHERE rule_id = 'duplicate-caption' AND layer = 'extracted' ORDER BY seq")
      .all() as { id: string }[];
    db.close();
    const expected = records.flatMap((r) => r.articles.filter((a) => a.messages.some((m) => m.ruleId === 'duplicate-caption')).map((a) => a.article.id));
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it('matches the golden schema (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const file = tempFile();
    await (await openStore(file)).close();
    const db = new Database(file, { readonly: true });
    const schema = (db.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name").all() as { sql: string }[])
      .map((r) => `${r.sql.replace(/\n\s+/g, '\n  ').trim()};`)
      .join('\n\n');
    db.close();
    const golden = new URL('./golden/sqlite-schema/expected.sql', import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${schema}\n`);
    expect(`${schema}\n`).toBe(readFileSync(golden, 'utf8'));
  });
});

describe('SQLite locks', () => {
  /** Put a lock row as a process that died holding it would have left it. */
  function leaveLock(file: string, expiresAt: number): void {
    const db = new Database(file);
    try {
      db.prepare('INSERT INTO locks (name, owner, acquired_at, expires_at) VALUES (?, ?, ?, ?)').run('stories', 'gone:1:dead', new Date().toISOString(), expiresAt);
    } finally {
      db.close();
    }
  }

  it('takes over a lock whose holder stopped renewing it (a killed process), and waits for one still live', async () => {
    const file = tempFile();
    const store = await openStore(file, { lockTtlMs: 300 });
    try {
      leaveLock(file, Date.now() - 1);
      expect(await store.withLock('stories', async () => 'taken over')).toBe('taken over');

      leaveLock(file, Date.now() + 400);
      const started = Date.now();
      await store.withLock('stories', async () => undefined);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    } finally {
      await store.close();
    }
  });

  it('a holder whose lock was taken over learns it on renewing, before it writes', async () => {
    const file = tempFile();
    const store = await openStore(file, { lockTtlMs: 60_000 });
    try {
      await expect(
        store.withLock('stories', async (lease) => {
          await lease.renew();
          const db = new Database(file);
          db.prepare("UPDATE locks SET owner = 'other:2:x' WHERE name = 'stories'").run();
          db.close();
          await lease.renew();
        }),
      ).rejects.toMatchObject({ code: 'STORE_LOCK_LOST' });
    } finally {
      await store.close();
    }
  });

  it('two handles on one file take turns', async () => {
    const file = tempFile();
    const [a, b] = [await openStore(file), await openStore(file)];
    try {
      const events: string[] = [];
      const hold = (store: typeof a, who: string) =>
        store.withLock('stories', async () => {
          events.push(`${who} in`);
          await new Promise((r) => setTimeout(r, 150));
          events.push(`${who} out`);
        });
      const first = hold(a, 'a');
      await new Promise((r) => setTimeout(r, 20));
      await Promise.all([first, hold(b, 'b')]);
      expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
