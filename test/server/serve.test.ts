import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { registerServe, startServer } from '../../src/cli/commands/serve.js';
import type { CliContext } from '../../src/cli/context.js';

function context(env: Record<string, string> = {}): CliContext {
  const sink = new Writable({ write: (_c, _e, done) => done() });
  return { stdout: sink, stderr: sink, env: { PARALLAX_DB: ':memory:', ...env }, cwd: process.cwd() };
}

describe('parallax serve', () => {
  it('registers the serve command with --db, --port, --host, --allow-host and --jobs-dir', () => {
    const program = new Command('parallax');
    registerServe(program, context());
    const serve = program.commands.find((c) => c.name() === 'serve');
    expect(serve?.options.map((o) => o.long).sort()).toEqual(['--allow-host', '--db', '--host', '--jobs-dir', '--port']);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startServer({ port: '0', host: '0.0.0.0' }, context())).rejects.toMatchObject({ code: 'SERVE_TOKEN_REQUIRED' });
  });

  it('serves the API on loopback and refuses other Host headers', async () => {
    const server = await startServer({ port: '0', host: '127.0.0.1' }, context());
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/openapi.json`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // fetch may not set Host; a raw request can, as a DNS-rebinding page's browser would send it.
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${server.url}/api/articles`, { headers: { host: 'attacker.example' } }, (r) => {
          r.resume();
          resolve(r.statusCode);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('beyond loopback with a token, guards reads with the token and refuses a Host that is not this machine', async () => {
    const server = await startServer({ port: '0', host: '0.0.0.0', allowHost: ['news.example'] }, context({ PARALLAX_TOKEN: 'sesame' }));
    try {
      const port = new URL(server.url).port;
      const get = (host: string, auth?: string) =>
        new Promise<number | undefined>((resolve, reject) => {
          const req = request(`http://127.0.0.1:${port}/api/articles`, { headers: { host, ...(auth ? { authorization: auth } : {}) } }, (r) => {
            r.resume();
            resolve(r.statusCode);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await get(`127.0.0.1:${port}`)).toBe(401);
      expect(await get(`127.0.0.1:${port}`, 'Bearer sesame')).toBe(200);
      expect(await get(`news.example:${port}`, 'Bearer sesame')).toBe(200);
      // A DNS-rebinding page's requests name the attacker's host: refused even with a token.
      expect(await get(`rebind.attacker.example:${port}`, 'Bearer sesame')).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('stops on SIGTERM within its deadline, and the next start resumes the upload job it had accepted', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const dir = await mkdtemp(join(tmpdir(), 'parallax-sigterm-'));
    const db = join(dir, 'p.db');
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--db', db, '--port', '0'], { cwd: root, env: { ...process.env, PARALLAX_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on (http:\/\/[^:]+:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening`)));
      });
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { child, url, exit };
    };
    try {
      const { openStore } = await import('../../src/store/index.js');
      await (await openStore(db)).close();
      const first = start();
      const url = await first.url;
      // Several uploads: the first starts, the others wait in the queue when SIGTERM comes.
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const form = new FormData();
        form.append('files', new File([`The fictional port of Quarn${i} reopened its ferry on Monday, the harbour master said.`], `q${i}.txt`));
        const res = await fetch(`${url}/api/ingest`, { method: 'POST', body: form });
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { jobId: string }).jobId);
      }
      const stopAt = Date.now();
      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(15_000);

      const second = start();
      const again = await second.url;
      try {
        for (const id of ids) {
          let state = '';
          for (let i = 0; i < 600 && state !== 'succeeded' && state !== 'failed'; i++) {
            const res = await fetch(`${again}/api/jobs/${id}`);
            expect(res.status, id).toBe(200);
            state = ((await res.json()) as { state: string }).state;
            if (state !== 'succeeded') await new Promise((r) => setTimeout(r, 100));
          }
          expect(state, id).toBe('succeeded');
        }
        // Every job done: no upload folder left in the journal.
        expect((await readdir(`${db}.jobs`)).filter((n) => !n.endsWith('.json') && n !== '.lock')).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exit).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
