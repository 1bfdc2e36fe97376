import { afterAll, describe, expect, it } from 'vitest';
import { truncateSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createIngest, defaultIO, type FetchRequest, type FetchResponse } from '../../src/pipeline/ingest/index.js';
import { buildZip } from './support/build.js';
import { collect, fixedNow, scratch, summary } from './support/run.js';

const tmp = scratch();
afterAll(() => tmp.remove());
const ingest = createIngest({ io: { now: fixedNow } });
const MiB = 1024 * 1024;
const good = () => tmp.write('ok/after.txt', 'The next input is still read.');

describe('bad files', () => {
  it('refuses empty and whitespace-only files and goes on with the next input', async () => {
    const empty = tmp.write('bad/empty.html', '');
    const blank = tmp.write('bad/blank.txt', ' \n\t\n');
    const next = good();
    expect(summary(await collect(ingest, [empty, blank, next]))).toEqual([`ERR ${empty} INPUT_EMPTY`, `ERR ${blank} INPUT_EMPTY`, `OK ${next} text/plain`]);
  });

  it('refuses PDF, PNG and ELF files, naming what they look like', async () => {
    const pdf = tmp.write('bad/doc.html', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 1)]));
    const png = tmp.write('bad/pic.txt', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const elf = tmp.write('bad/prog', Buffer.concat([Buffer.from('7f454c46020101', 'hex'), Buffer.alloc(64)]));
    const nul = tmp.write('bad/nul.txt', Buffer.from('text\u0000with\u0000nul', 'latin1'));
    const items = await collect(ingest, [pdf, png, elf, nul, good()]);
    expect(items.map((i) => (i.ok ? 'OK' : `${i.error.code} ${i.error.params['kind']}`))).toEqual([
      'INPUT_BINARY a PDF document',
      'INPUT_BINARY a PNG image',
      'INPUT_BINARY an ELF executable',
      'INPUT_BINARY binary data (it contains NUL bytes)',
      'OK',
    ]);
    expect(items[0]!.input).toBe(pdf);
  });

  it('keeps the good items of a feed and the good lines of a JSONL file when one holds raw NUL bytes near the start', async () => {
    const item = (i: number, body: string) => `<item><title>Item ${i}</title><link>https://nul.example/${i}</link><description>${body}</description></item>`;
    const feed = tmp.write(
      'bad/nul-feed.xml',
      Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Nul Post</title>${item(1, 'First body.')}${item(2, 'Second\u0000 body\u0000.')}${item(3, 'Third body.')}</channel></rss>`, 'latin1'),
    );
    const items = await collect(ingest, [feed]);
    expect(summary(items)).toEqual([`OK ${feed}#1 text/plain`, `OK ${feed}#2 text/plain`, `OK ${feed}#3 text/plain`]);
    const second = items[1];
    expect(second?.ok && second.document.value.content).toBe('Second body.');
    expect(second?.ok && second.document.messages.find((m) => m.ruleId === 'invalid-characters')?.data).toEqual({ nul: 2, surrogates: 0 });

    const jsonl = tmp.write('bad/nul-lines.jsonl', Buffer.from(['{"text":"First line."}', '{"text":"Second\u0000 line."}', '{"text":"Third line.\u0001"}', '{"text":"Fourth line."}'].join('\n'), 'latin1'));
    expect(summary(await collect(ingest, [jsonl]))).toEqual([`OK ${jsonl}#1 text/plain`, `ERR ${jsonl}#2 JSONL_INVALID`, `ERR ${jsonl}#3 JSONL_INVALID`, `OK ${jsonl}#4 text/plain`]);
  });

  it('refuses a 200 MB page from its size without reading it into memory', async () => {
    const huge = tmp.write('bad/huge.html', '<!doctype html><html><body><p>');
    truncateSync(huge, 200 * MiB);
    const real = defaultIO();
    const reads: number[] = [];
    const spied = createIngest({
      io: {
        readFile: (path, max) => {
          reads.push(max);
          return real.readFile(path, max);
        },
      },
    });
    const items = await collect(spied, [huge, good()]);
    expect(summary(items)).toEqual([`ERR ${huge} INPUT_TOO_LARGE`, expect.stringMatching(/^OK /)]);
    expect(items[0]!.ok === false && items[0]!.error.params).toMatchObject({ size: 200 * MiB, limit: 32 * MiB });
    expect(Math.max(...reads)).toBeLessThanOrEqual(8192);
  });

  it('caps standard input while streaming', async () => {
    let produced = 0;
    const capped = createIngest({
      maxDocumentBytes: 64 * 1024,
      io: {
        stdin: async function* () {
          for (let i = 0; i < 10_000; i++) {
            produced += 1024;
            yield new TextEncoder().encode('a'.repeat(1024));
          }
        },
      },
    });
    expect(summary(await collect(capped, ['-']))).toEqual(['ERR - INPUT_TOO_LARGE']);
    expect(produced).toBeLessThan(100 * 1024);
  });
});

describe('hostile feeds', () => {
  it('refuses an external entity (XXE) and never returns file contents', async () => {
    const xxe = tmp.write(
      'feeds/xxe.xml',
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>t</title><item><title>&x;</title><description>&x;</description></item></channel></rss>`,
    );
    const items = await collect(ingest, [xxe, good()]);
    expect(summary(items)).toEqual([`ERR ${xxe} FEED_ENTITY_REFUSED`, expect.stringMatching(/^OK /)]);
    expect(JSON.stringify(items)).not.toMatch(/root:/);
  });

  it('refuses entity expansion ("billion laughs") quickly', async () => {
    const defs = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = tmp.write('feeds/laughs.xml', `<?xml version="1.0"?><!DOCTYPE rss [${defs.join('')}]><rss><channel><item><description>&lol9;</description></item></channel></rss>`);
    const started = Date.now();
    expect(summary(await collect(ingest, [bomb]))).toEqual([`ERR ${bomb} FEED_ENTITY_REFUSED`]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('leaves undeclared entities unexpanded in a feed without a DTD', async () => {
    const feed = tmp.write('feeds/undeclared.xml', `<rss version="2.0"><channel><title>t</title><item><description>Tide &x; rising</description></item></channel></rss>`);
    const [item] = await collect(ingest, [feed]);
    expect(item?.ok && item.document.value.content).toBe('Tide &x; rising');
  });
});

describe('archive bombs', () => {
  it('refuses a zip whose entry expands past the archive cap', async () => {
    const small = createIngest({ maxArchiveBytes: 1 * MiB });
    const zip = tmp.write('bombs/big.zip', buildZip([{ name: 'a.txt', data: 'word '.repeat(400_000) }]));
    expect(summary(await collect(small, [zip, good()]))).toEqual([`ERR ${zip} ARCHIVE_BOMB`, expect.stringMatching(/^OK /)]);
  });

  it('refuses one oversized page inside a zip and keeps the other entries', async () => {
    const capped = createIngest({ maxDocumentBytes: 1024 });
    const zip = tmp.write('bombs/mixed.zip', buildZip([{ name: 'big.txt', data: 'long text '.repeat(500) }, { name: 'small.txt', data: 'Short note.' }]));
    expect(summary(await collect(capped, [zip]))).toEqual([`ERR ${zip}!big.txt INPUT_TOO_LARGE`, `OK ${zip}!small.txt text/plain`]);
  });

  it('refuses a high-ratio zip by its declared sizes, before inflating', async () => {
    const zip = tmp.write('bombs/ratio.zip', buildZip([{ name: 'zeros.html', data: new Uint8Array(20 * MiB) }]));
    const items = await collect(ingest, [zip]);
    expect(summary(items)).toEqual([`ERR ${zip} ARCHIVE_BOMB`]);
    expect(Number(items[0]!.ok === false && items[0]!.error.params['ratio'])).toBeGreaterThan(200);
  });

  it('refuses a zip whose entry inflates past the size its header declares', async () => {
    const zip = tmp.write('bombs/liar.zip', buildZip([{ name: 'a.txt', data: 'x'.repeat(2 * MiB), declaredSize: 100 }]));
    expect(summary(await collect(ingest, [zip]))).toEqual([`ERR ${zip} ARCHIVE_BOMB`]);
  });

  it('refuses a gzip bomb and a zip with too many entries', async () => {
    const gz = tmp.write('bombs/zeros.html.gz', gzipSync(new Uint8Array(50 * MiB)));
    const many = tmp.write('bombs/many.zip', buildZip(Array.from({ length: 20 }, (_, i) => ({ name: `p${i}.txt`, data: `page ${i}` }))));
    const limited = createIngest({ maxArchiveEntries: 10 });
    expect(summary(await collect(limited, [gz, many]))).toEqual([`ERR ${gz} ARCHIVE_BOMB`, `ERR ${many} ARCHIVE_TOO_MANY_ENTRIES`]);
  });

  it('refuses archives nested past the depth limit', async () => {
    let data: Uint8Array = Buffer.from('deep page');
    for (let i = 0; i < 10; i++) data = buildZip([{ name: `level${i}.zip`, data, store: true }]);
    const path = tmp.write('bombs/nested.zip', data);
    const items = await collect(ingest, [path]);
    expect(items).toHaveLength(1);
    expect(items[0]!.ok === false && items[0]!.error.code).toBe('ARCHIVE_TOO_DEEP');
  });
});

describe('URL refusals', () => {
  /** A network where every host name resolves as given and the only reachable site redirects to loopback. */
  const fetched: string[] = [];
  const net = createIngest({
    io: {
      now: fixedNow,
      lookup: async (host) => {
        if (host === 'intranet.example') return [{ address: '10.1.2.3', family: 4 }];
        if (host === 'rebind.example') return [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.1', family: 4 }];
        return [{ address: '93.184.216.34', family: 4 }];
      },
      fetch: async (req: FetchRequest): Promise<FetchResponse> => {
        fetched.push(req.url);
        const location = req.url.includes('/hop') ? 'http://127.0.0.1/admin' : undefined;
        return {
          status: location ? 302 : 200,
          header: (name) => (name === 'location' ? location : name === 'content-type' ? 'text/plain' : undefined),
          body: (async function* () {
            yield new TextEncoder().encode('Public page.');
          })(),
          cancel: async () => undefined,
        };
      },
    },
  });

  it('refuses loopback, metadata, IPv6 loopback, IPv4-mapped, CGNAT and private-resolving hosts', async () => {
    const inputs = [
      'http://127.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://intranet.example/',
      'http://rebind.example/',
      'https://public.example/',
    ];
    const items = await collect(net, inputs);
    expect(items.map((i) => (i.ok ? 'OK' : `${i.error.code} ${i.error.params['range']}`))).toEqual([
      'URL_ADDRESS_REFUSED loopback',
      'URL_ADDRESS_REFUSED linkLocal',
      'URL_ADDRESS_REFUSED loopback',
      'URL_ADDRESS_REFUSED ipv4Mapped',
      'URL_ADDRESS_REFUSED carrierGradeNat',
      'URL_ADDRESS_REFUSED unspecified',
      'URL_ADDRESS_REFUSED private',
      'URL_ADDRESS_REFUSED private',
      'OK',
    ]);
    expect(fetched).toEqual(['https://public.example/']);
  });

  it('refuses a public URL that redirects to loopback, checking again at the redirect', async () => {
    const items = await collect(net, ['https://public.example/hop']);
    expect(items.map((i) => !i.ok && [i.input, i.error.code, i.error.params['address']])).toEqual([['https://public.example/hop', 'URL_ADDRESS_REFUSED', '127.0.0.1']]);
  });

  it('refuses file:// and other schemes, and malformed URLs', async () => {
    const items = await collect(net, ['file:///etc/passwd', 'ftp://files.example/a.html', 'data:text/html,<p>x</p>', 'http://exa mple.com/']);
    expect(summary(items)).toEqual([
      'ERR file:///etc/passwd URL_SCHEME_REFUSED',
      'ERR ftp://files.example/a.html URL_SCHEME_REFUSED',
      'ERR data:text/html,<p>x</p> URL_SCHEME_REFUSED',
      'ERR http://exa mple.com/ URL_INVALID',
    ]);
  });
});
