import { describe, it, expect } from 'vitest';
import { request } from 'node:http';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { registerServe, startServer } from '../../src/cli/commands/serve.js';
import type { CliContext } from '../../src/cli/context.js';

function context(env: Record<string, string> = {}): CliContext {
  const sink = new Writable({ write: (_c, _e, done) => done() });
  return { stdout: sink, stderr: sink, env: { PARALLAX_DB: ':memory:', ...env }, cwd: process.cwd() };
}

describe('parallax serve', () => {
  it('registers the serve command with --db, --port and --host', () => {
    const program = new Command('parallax');
    registerServe(program, context());
    const serve = program.commands.find((c) => c.name() === 'serve');
    expect(serve?.options.map((o) => o.long).sort()).toEqual(['--db', '--host', '--port']);
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
});
