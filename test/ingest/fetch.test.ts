import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIngest } from '../../src/pipeline/ingest/index.js';
import { collect, fixedNow, summary } from './support/run.js';

let server: Server;
let base = '';
const seen: { url: string; userAgent: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', userAgent: req.headers['user-agent'] });
    switch (req.url) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252', 'content-language': 'fr' });
        res.end(Buffer.from('<html><body><p>Caf\xe9 \x93ouvert\x94</p></body></html>', 'latin1'));
        return;
      case '/moved':
        res.writeHead(301, { location: '/page' });
        res.end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('starting');
        setTimeout(() => res.end(' finally'), 3000).unref();
        return;
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'a'.repeat(16 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < 200) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      case '/missing':
        res.writeHead(404);
        res.end('no');
        return;
      default:
        res.writeHead(500);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetching URLs from a real loopback server', () => {
  it('refuses the loopback server by default, without connecting', async () => {
    const before = seen.length;
    const items = await collect(createIngest(), [`${base}/page`]);
    expect(summary(items)).toEqual([`ERR ${base}/page URL_ADDRESS_REFUSED`]);
    expect(seen.length).toBe(before);
  });

  it('fetches it with allowPrivateNetwork, following a redirect, with the header charset and a real user agent', async () => {
    const ingest = createIngest({ allowPrivateNetwork: true, timeoutMs: 5000, io: { now: fixedNow } });
    const [item] = await collect(ingest, [`${base}/moved`]);
    if (!item?.ok) throw new Error(`expected a document, got ${item?.ok === false ? item.error.code : 'nothing'}`);
    expect(item.document.value.content).toContain('Café “ouvert”');
    expect(item.document.value.encoding).toEqual({ name: 'windows-1252', source: 'header' });
    expect(item.document.value.hints).toEqual({ url: `${base}/page`, language: 'fr' });
    expect(item.document.value.origin).toEqual({ kind: 'url', locator: `${base}/moved`, input: `${base}/moved` });
    expect(seen.at(-1)?.userAgent).toMatch(/^Parallax\/\d/);
  });

  it('stops a slow server at the timeout', async () => {
    const ingest = createIngest({ allowPrivateNetwork: true, timeoutMs: 500 });
    const started = Date.now();
    expect(summary(await collect(ingest, [`${base}/slow`]))).toEqual([`ERR ${base}/slow FETCH_TIMEOUT`]);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('stops an oversized body at the cap, a redirect loop at the redirect limit, and goes on', async () => {
    const ingest = createIngest({ allowPrivateNetwork: true, timeoutMs: 20_000, maxDocumentBytes: 256 * 1024, maxRedirects: 3 });
    const items = await collect(ingest, [`${base}/huge`, `${base}/loop`, `${base}/missing`, `${base}/page`]);
    expect(summary(items)).toEqual([
      `ERR ${base}/huge INPUT_TOO_LARGE`,
      `ERR ${base}/loop FETCH_TOO_MANY_REDIRECTS`,
      `ERR ${base}/missing FETCH_HTTP_STATUS`,
      `OK ${base}/page text/html`,
    ]);
    expect(seen.filter((s) => s.url === '/loop')).toHaveLength(4);
  });

  it('connects to the address the checked lookup returned, so a DNS answer that changes is refused', async () => {
    const port = new URL(base).port;
    const viaLookup = createIngest({ allowPrivateNetwork: true, io: { lookup: async () => [{ address: '127.0.0.1', family: 4 }] } });
    const [ok] = await collect(viaLookup, [`http://news.test:${port}/page`]);
    expect(ok?.ok).toBe(true);

    let calls = 0;
    const before = seen.length;
    const rebinding = createIngest({
      io: {
        lookup: async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]),
      },
    });
    const items = await collect(rebinding, [`http://rebind.test:${port}/page`]);
    expect(summary(items)).toEqual([`ERR http://rebind.test:${port}/page URL_ADDRESS_REFUSED`]);
    expect(calls).toBe(2);
    expect(seen.length).toBe(before);
  });
});
