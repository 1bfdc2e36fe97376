import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/postgres/index.js';
import { storeContract } from './contract.js';
import { generateRecord, generateRecords } from './records.js';

/** A PostgreSQL server to test against (a connection URL); `npm run test:postgres` starts one and sets it. */
const url = process.env.PARALLAX_TEST_PG;

/** Each store opened here lives in a fresh schema, dropped when the file is done. */
const schemas: string[] = [];
let admin: pg.Pool | undefined;

async function freshSchema(): Promise<string> {
  const name = `parallax_test_${randomBytes(6).toString('hex')}`;
  await admin?.query(`CREATE SCHEMA ${name}`);
  schemas.push(name);
  return name;
}

/** The test server's URL with `search_path` set to `schema`. */
function schemaUrl(schema: string): string {
  const u = new URL(url ?? '');
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.href;
}

async function openFresh(options?: StoreOptions): Promise<Store> {
  return openStore(schemaUrl(await freshSchema()), options);
}

/** Rows of a query in one schema, through the admin connection. */
async function query<T extends pg.QueryResultRow>(schema: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = await (admin as pg.Pool).connect();
  try {
    await client.query(`SET search_path = ${schema}`);
    return (await client.query<T>(sql, values)).rows;
  } finally {
    client.release();
  }
}

describe('PostgreSQL URLs without a server', () => {
  it('opens postgres:// and postgresql:// URLs as PostgreSQL, and a failure never shows the password', async () => {
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    for (const location of ['postgres://ada:s3cret@127.0.0.1:1/parallax', 'postgresql://ada:s3cret@127.0.0.1:1/parallax?password=s3cret']) {
      const err: unknown = await openStore(location).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'STORE_OPEN_FAILED' });
      expect((err as Error).message).toContain('127.0.0.1:1');
      expect((err as Error).message).not.toContain('s3cret');
      expect(JSON.stringify((err as { params?: unknown }).params)).not.toContain('s3cret');
    }
  });
});

describe.skipIf(url === undefined)('PostgreSQL store (set PARALLAX_TEST_PG; npm run test:postgres sets it)', () => {
  beforeAll(() => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });
  afterAll(async () => {
    for (const name of schemas) await admin?.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await admin?.end();
  });

  storeContract('postgres', () => openFresh());

  it('keeps its tables in the current schema and records its schema version once', async () => {
    const schema = await freshSchema();
    const first = await openStore(schemaUrl(schema), { now: () => new Date('2026-01-01T00:00:00Z') });
    await first.saveIngested(generateRecords({ seed: 30, count: 8 }));
    await first.close();
    const again = await openStore(schemaUrl(schema));
    expect(await again.documents.count()).toBe(8);
    expect((await again.saveIngested(generateRecords({ seed: 30, count: 8 }))).added).toBe(0);
    await again.close();
    const tables = await query<{ name: string }>(schema, 'SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [schema]);
    expect(tables.map((t) => t.name)).toEqual(['analysis_state', 'articles', 'documents', 'families', 'feed_entries', 'follow_seen', 'follows', 'messages', 'schema_migrations', 'stories', 'story_analyses', 'story_members']);
    const applied = await query<{ version: number; at: string }>(schema, 'SELECT version, applied_at AS at FROM schema_migrations ORDER BY version');
    expect(applied).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1, at: '2026-01-01T00:00:00.000Z' })));
  });

  it('matches the golden schema (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const schema = await freshSchema();
    await (await openStore(schemaUrl(schema))).close();
    const columns = await query<{ t: string; c: string; type: string; nullable: string; collation: string | null; dflt: string | null; identity: string }>(
      schema,
      `SELECT table_name AS t, column_name AS c, data_type || CASE WHEN data_type = 'ARRAY' THEN ' of ' || udt_name ELSE '' END AS type,
         is_nullable AS nullable, collation_name AS collation, column_default AS dflt, is_identity AS identity
       FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const indexes = await query<{ def: string }>(schema, 'SELECT indexdef AS def FROM pg_indexes WHERE schemaname = $1 ORDER BY tablename, indexname', [schema]);
    const constraints = await query<{ def: string }>(
      schema,
      `SELECT conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = $1::regnamespace ORDER BY conrelid::regclass::text, conname`,
      [schema],
    );
    const text = [
      ...columns.map((c) => `${c.t}.${c.c} ${c.type}${c.collation === null ? '' : ` COLLATE "${c.collation}"`}${c.nullable === 'NO' ? ' NOT NULL' : ''}${c.identity === 'YES' ? ' IDENTITY' : ''}${c.dflt === null ? '' : ` DEFAULT ${c.dflt}`}`),
      '',
      ...constraints.map((c) => c.def),
      '',
      ...indexes.map((i) => i.def),
    ]
      .join('\n')
      .replaceAll(schema, 'SCHEMA');
    const dir = new URL('./golden/postgres-schema/', import.meta.url);
    const golden = new URL('expected.txt', dir);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(golden, `${text}\n`);
    }
    expect(`${text}\n`).toBe(readFileSync(golden, 'utf8'));
  });

  it('lets several processes open a new schema at once: one migrates, the others wait and find it done', async () => {
    const schema = await freshSchema();
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(schemaUrl(schema))));
    await Promise.all(stores.map((s, i) => s.saveIngested(generateRecords({ seed: 34, start: i * 2, count: 2 }))));
    expect(await stores[0]?.documents.count()).toBe(12);
    await Promise.all(stores.map((s) => s.close()));
    const applied = await query<{ n: string }>(schema, 'SELECT count(*) AS n FROM schema_migrations');
    expect(Number(applied[0]?.n)).toBe(SCHEMA_VERSION);
  });

  it('saves overlapping batches from concurrent writers once each, whatever their order', async () => {
    const schema = await freshSchema();
    const a = await openStore(schemaUrl(schema));
    const b = await openStore(schemaUrl(schema));
    const records = generateRecords({ seed: 35, count: 60 });
    const [ra, rb] = await Promise.all([a.saveIngested(records.slice(0, 40)), b.saveIngested(records.slice(20).reverse())]);
    expect((ra?.added ?? 0) + (rb?.added ?? 0)).toBe(60);
    expect((ra?.skipped ?? 0) + (rb?.skipped ?? 0)).toBe(20);
    expect(await b.documents.count()).toBe(60);
    expect(await a.articles.count()).toBe(records.reduce((n, r) => n + r.articles.length, 0));
    await a.close();
    await b.close();
  });

  it('refuses a schema written by a newer Parallax with STORE_TOO_NEW and leaves it unchanged', async () => {
    const schema = await freshSchema();
    await (await openStore(schemaUrl(schema))).close();
    await query(schema, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [SCHEMA_VERSION + 1, 'future', '2030-01-01T00:00:00Z']);
    await expect(openStore(schemaUrl(schema))).rejects.toMatchObject({ code: 'STORE_TOO_NEW', params: { found: SCHEMA_VERSION + 1 } });
    const versions = await query<{ version: number }>(schema, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([...Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1), SCHEMA_VERSION + 1]);
  });

  it('with mustExist, refuses a schema without Parallax tables (STORE_NOT_FOUND) and creates nothing; opens one that has them', async () => {
    const schema = await freshSchema();
    await expect(openStore(schemaUrl(schema), { mustExist: true })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    expect(await query(schema, "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()")).toEqual([]);
    await (await openStore(schemaUrl(schema))).close();
    const store = await openStore(schemaUrl(schema), { mustExist: true });
    expect(await store.articles.count()).toBe(0);
    await store.close();
  });

  it('lets two stores on one schema take turns holding a lock, and frees it when the holding session ends', async () => {
    const schema = await freshSchema();
    const a = await openStore(schemaUrl(schema));
    const b = await openStore(schemaUrl(schema));
    try {
      const events: string[] = [];
      const hold = (store: Store, who: string) =>
        store.withLock('stories', async (lease) => {
          events.push(`${who} in`);
          await new Promise((r) => setTimeout(r, 150));
          await lease.renew();
          events.push(`${who} out`);
        });
      const first = hold(a, 'a');
      await new Promise((r) => setTimeout(r, 30));
      await Promise.all([first, hold(b, 'b')]);
      expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);

      // A holder whose session is killed (as when its process dies) loses the lock at once.
      let release: () => void = () => undefined;
      const stalled = a
        .withLock('stories', async (lease) => {
          await new Promise<void>((r) => (release = r));
          await lease.renew();
        })
        .catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      const killed = await admin?.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
           AND classid = hashtext('parallax-lock')::oid AND objid = hashtext($1 || 'stories')::oid`,
        [schema],
      );
      expect(killed?.rowCount).toBe(1);
      const started = Date.now();
      expect(await b.withLock('stories', async () => 'b got it')).toBe('b got it');
      expect(Date.now() - started).toBeLessThan(5000);
      release();
      expect(await stalled).toMatchObject({ code: 'STORE_LOCK_LOST' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('says STORE_OPEN_FAILED when the search path names no existing schema', async () => {
    await expect(openStore(schemaUrl('parallax_test_no_such_schema'))).rejects.toMatchObject({ code: 'STORE_OPEN_FAILED' });
  });

  it('shows its location without the password, and a wrong password fails without showing it', async () => {
    const store = await openFresh();
    const password = new URL(url ?? '').password;
    expect(store.kind).toBe('postgres');
    if (password !== '') expect(store.location).not.toContain(password);
    expect(store.location).toContain(new URL(url ?? '').host);
    await store.close();
    const wrong = new URL(url ?? '');
    wrong.password = 'not-the-password-42';
    const err: unknown = await openStore(wrong.href).catch((e: unknown) => e);
    // A server that trusts loopback accepts any password; one that checks it must refuse this one.
    if (err !== undefined && typeof (err as Store).close === 'function') await (err as Store).close();
    else {
      expect(err).toMatchObject({ code: 'STORE_OPEN_FAILED' });
      expect((err as Error).message).not.toContain('not-the-password-42');
    }
  });

  it('saves a batch of large records sent in several statements, whole and in order', async () => {
    const store = await openFresh();
    // Six articles of over 3 million characters each: more than one insert statement carries.
    const batch = Array.from({ length: 6 }, (_, i) => generateRecord(39, i, 6000)).filter((r) => r.articles.length > 0);
    expect(batch.length).toBeGreaterThan(4);
    const result = await store.saveIngested(batch);
    expect(result.added).toBe(batch.length);
    const ids: string[] = [];
    for await (const item of store.articles.iterate(undefined, { batchSize: 2 })) ids.push(item.article.id);
    expect(ids).toEqual(batch.flatMap((r) => r.articles.map((a) => a.article.id)));
    const last = batch[batch.length - 1]?.articles[0];
    expect((await store.articles.get(last?.article.id ?? ''))?.article).toStrictEqual(last?.article);
    expect((await store.documents.get(batch[0]?.document.id ?? ''))?.document).toStrictEqual(batch[0]?.document);
    await store.close();
  });

  it('survives the server dropping its connections mid-save: batches are whole or absent, and a re-run completes', async () => {
    const schema = await freshSchema();
    // Its own application name, so only this store's connections are dropped.
    const name = `parallax_fault_${randomBytes(4).toString('hex')}`;
    const u = new URL(schemaUrl(schema));
    u.searchParams.set('application_name', name);
    const store = await openStore(u.href);
    const SIZE = 40;
    const BATCHES = 12;
    const batch = (b: number): ReturnType<typeof generateRecords> => generateRecords({ seed: 40, start: b * SIZE, count: SIZE });
    const outcomes: unknown[] = [];
    let dropped = 0;
    for (let b = 0; b < BATCHES; b++) {
      const records = batch(b);
      // Every other batch is saved while this store's connections are dropped every few ms.
      const kills: Promise<unknown>[] = [];
      const killer =
        b % 2 === 0
          ? setInterval(() => {
              const kill = admin?.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
              kills.push((kill ?? Promise.resolve(undefined)).then((r) => (dropped += r?.rowCount ?? 0), () => undefined));
            }, 3)
          : undefined;
      outcomes.push(await store.saveIngested(records).then(() => 'saved', (e: unknown) => (e as { code?: unknown }).code));
      clearInterval(killer);
      await Promise.all(kills);
    }
    expect(dropped).toBeGreaterThan(0);
    // A drop can land late, on the next batch's connection: only the mix is certain.
    expect(outcomes.filter((_, b) => b % 2 === 1)).toContain('saved');
    expect(outcomes.filter((_, b) => b % 2 === 0)).toContain('STORE_WRITE_FAILED');
    expect(outcomes.every((o) => o === 'saved' || o === 'STORE_WRITE_FAILED')).toBe(true);
    const documents = Number((await query<{ n: string }>(schema, 'SELECT count(*) AS n FROM documents'))[0]?.n);
    expect(documents % SIZE).toBe(0);
    for (let b = 0; b < BATCHES; b++) await store.saveIngested(batch(b));
    expect(await store.documents.count()).toBe(SIZE * BATCHES);
    const all = Array.from({ length: BATCHES }, (_, b) => batch(b)).flat();
    expect(await store.articles.count()).toBe(all.reduce((n, r) => n + r.articles.length, 0));
    await store.close();
  });

  it('searches whole words, folding case and accents on both sides', async () => {
    const store = await openFresh();
    const base = generateRecord(36, 1);
    const first = base.articles[0];
    if (first === undefined) throw new Error('no article');
    const text = 'The Café reopened beside the ÉCOLE; festivals drew crowds to İzmir Οδός.';
    const article = { ...first.article, title: 'Morning notes', text, paragraphs: [{ start: 0, end: text.length }], sentences: [{ start: 0, end: text.length }], sourceMap: [] };
    await store.saveIngested([{ ...base, articles: [{ article, messages: [] }] }]);
    const count = (search: string): Promise<number> => store.articles.count({ search });
    expect(await count('café')).toBe(1);
    expect(await count('CAFE')).toBe(1);
    expect(await count('ecole')).toBe(1);
    expect(await count('morning école')).toBe(1);
    expect(await count('izmir')).toBe(1);
    expect(await count('ΟΔΟΣ')).toBe(1);
    expect(await count('festival')).toBe(0);
    expect(await count('reopen')).toBe(0);
    expect(await count("crowds' OR 1=1 --")).toBe(0);
    await store.close();
  });

  it('answers STORE_READ_FAILED when the database refuses a read', async () => {
    const schema = await freshSchema();
    const store = await openStore(schemaUrl(schema));
    await store.saveIngested(generateRecords({ seed: 37, count: 3 }));
    await query(schema, 'DROP TABLE messages');
    await expect(store.messages.countByRule()).rejects.toMatchObject({ code: 'STORE_READ_FAILED' });
    expect(await store.documents.count()).toBe(3);
    await store.close();
  });

  it('replaces connections the server drops: reads after it succeed, any failure is STORE_READ_FAILED', async () => {
    const store = await openFresh();
    await store.saveIngested(generateRecords({ seed: 38, count: 3 }));
    const killed = await admin?.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'parallax' AND pid <> pg_backend_pid()");
    expect(killed?.rows.length ?? 0).toBeGreaterThan(0);
    const codes: unknown[] = [];
    let n: number | undefined;
    for (let attempt = 0; attempt < 3 && n === undefined; attempt++) {
      n = await store.documents.count().catch((e: unknown) => {
        codes.push((e as { code?: unknown }).code);
        return undefined;
      });
    }
    expect(n).toBe(3);
    expect(codes.every((c) => c === 'STORE_READ_FAILED')).toBe(true);
    await store.close();
  });
});
