/**
 * Test support for PostgreSQL: a throwaway database on the server `npm run test:postgres` starts
 * (PARALLAX_TEST_PG), so a test that needs its own database neither sees nor leaves other data.
 */
import pg from 'pg';
import type { Queue } from '../../src/queue/index.js';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Create database `name` on the server of `url`; returns its connection URL. */
export async function createTestDatabase(url: string, name: string): Promise<string> {
  await admin(url, `CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.href;
}

/** Drop database `name` (forcing its connections closed), if it exists. */
export function dropTestDatabase(url: string, name: string): Promise<void> {
  return admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Wait until the queue has no ingest, stories or analyze job waiting or running; throws past `timeoutMs`. */
export async function waitUntilIdle(queue: Queue, timeoutMs: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const b = await queue.backlog();
    if (b.ingest === 0 && b.stories === 0 && b.analyze === 0) return;
    if (Date.now() - start > timeoutMs) throw new Error(`queue not idle after ${timeoutMs} ms: ${JSON.stringify(b)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
