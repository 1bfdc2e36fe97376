import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureCli(cwd);
  const code = await runCli(args, io.ctx);
  return { code, out: io.out(), err: io.err() };
}

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-cli-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'ferry.txt'), 'Ferry service resumes\n\nThe ferry between Port Aldin and Veska resumed on Monday after a three-week strike by deckhands ended with a pay deal.\n');

describe('parallax ingest --workers', () => {
  it('ingests with the number of threads asked for', async () => {
    const r = await cli(['ingest', '--db', path.join(dir, 'a.db'), '-q', '--workers', '2', '--no-stories', path.join(dir, 'ferry.txt')], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 articles stored/);
  });

  it('refuses a number of threads that is not a whole number from 1', async () => {
    for (const bad of ['0', '1.5', 'many']) {
      const r = await cli(['ingest', '--db', path.join(dir, 'b.db'), '-q', '--workers', bad, path.join(dir, 'ferry.txt')], dir);
      expect(r.code).toBe(2);
      expect(r.err).toContain('[USAGE]');
    }
  });
});
