import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';

async function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd, { NO_COLOR: '1', ...env });
  const code = await runCli(args, io.ctx);
  return { code, out: io.out(), err: io.err() };
}

/** Every command that only reads, with the arguments it needs besides --db. */
const READ_COMMANDS: readonly (readonly string[])[] = [
  ['stories'],
  ['story', 'sty_0000000000000000'],
  ['copies', 'art_0000000000000000'],
  ['articles'],
  ['show', 'art_0000000000000000'],
  ['export', '--format', 'jsonl'],
  ['people', 'sty_0000000000000000'],
  ['quotes', 'sty_0000000000000000'],
  ['report', 'sty_0000000000000000'],
  ['serve', '--port', '0'],
];

describe('read commands on a database that does not exist', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-missing-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of READ_COMMANDS) {
    it(`${command[0]} exits 2 with one line naming the missing file and how to create it, and creates nothing`, async () => {
      const db = path.join(dir, `mistyped-${command[0]}.db`);
      const r = await cli([...command, '--db', db], dir);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(db);
      expect(lines[0]).toContain('parallax ingest');
      expect(lines[0]).toContain('[STORE_NOT_FOUND]');
      expect(existsSync(db)).toBe(false);
    });
  }

  it('refuses a missing database named by PARALLAX_DB too', async () => {
    const db = path.join(dir, 'from-env.db');
    const r = await cli(['stories'], dir, { PARALLAX_DB: db });
    expect(r.code).toBe(2);
    expect(r.err).toContain('[STORE_NOT_FOUND]');
    expect(existsSync(db)).toBe(false);
  });

  it('ingest creates the database, after which the read commands answer from it', async () => {
    const db = path.join(dir, 'created.db');
    const page = path.join(dir, 'page.txt');
    writeFileSync(page, 'Ferry service resumes\n\nThe ferry between Port Aldin and Veska resumed on Monday after a three-week strike by deckhands ended with a pay deal.\n');
    expect((await cli(['ingest', '-q', '--db', db, page], dir)).code).toBe(0);
    const r = await cli(['stories', '--db', db], dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });

  it('the store refuses to create a database when asked to open an existing one', async () => {
    const db = path.join(dir, 'store-level.db');
    await expect(openStore(db, { mustExist: true })).rejects.toMatchObject({ code: 'STORE_NOT_FOUND' });
    expect(existsSync(db)).toBe(false);
    const created = await openStore(db);
    await created.close();
    const reopened = await openStore(db, { mustExist: true });
    expect(reopened.kind).toBe('sqlite');
    await reopened.close();
  });
});
