/**
 * Test support for PostgreSQL: a throwaway database on the server `npm run test:postgres` starts
 * (PARALLAX_TEST_PG), so a test that needs its own database neither sees nor leaves other data.
 */
import pg from 'pg';

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
