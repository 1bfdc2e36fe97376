/**
 * `parallax demo`: the README's first command ingests the bundled example, builds its stories and
 * writes the largest story's self-contained report.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../support/cli.js';
import { runCli } from '../../src/cli/main.js';

describe('parallax demo', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests the example, prints the accord story with its summary, and writes a script-free HTML report', async () => {
    const io = captureCli(dir);
    const db = path.join(dir, 'demo.db');
    const report = path.join(dir, 'report.html');
    const code = await runCli(['demo', '--db', db, '--report', report], io.ctx);
    const out = io.out();
    expect(code).toBe(0);
    expect(out).toMatch(/Report on sty_[0-9a-f]{16}: .*accord/i);
    expect(out).toMatch(/When: 2026-03-16/);
    expect(out).toMatch(/Where: Port Selm/);
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<svg/);
  }, 120_000);
});
