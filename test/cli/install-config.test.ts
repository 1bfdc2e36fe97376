/**
 * The install settings: better-sqlite3 is built from its npm source (prebuild-install, its install
 * step, reads `.prebuild-installrc` from the project folder up and must never fetch a prebuilt
 * binary), and the project's `.npmrc` holds only settings npm knows, so `npx parallax` and every
 * npm command print no warning that reads like a broken install.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('install settings', () => {
  it('have better-sqlite3 built from source rather than fetched as a prebuilt binary', () => {
    const sqliteDir = fileURLToPath(new URL('../../node_modules/better-sqlite3/', import.meta.url));
    const rcPath = createRequire(sqliteDir).resolve('prebuild-install/rc.js');
    // prebuild-install reads its settings from the folder its install step runs in, upwards.
    const r = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(rcPath)})({ name: 'better-sqlite3' }).buildFromSource))`], {
      cwd: sqliteDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toBe(true);
  });

  it('leave npm commands in the project free of unknown-setting warnings', () => {
    const r = spawnSync('npm', ['config', 'get', 'fund'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/Unknown project config/);
    expect(r.stdout.trim()).toBe('false');
  });
});
