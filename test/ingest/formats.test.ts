import { afterAll, describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readPublished } from '../../src/model/published.js';
import { createIngest } from '../../src/pipeline/ingest/index.js';
import { generateCase } from '../fuzz/cases.js';
import { buildWarc, buildZip } from './support/build.js';
import { collect, fixedNow, scratch, summary } from './support/run.js';

const tmp = scratch();
afterAll(() => tmp.remove());
const ingest = createIngest({ io: { now: fixedNow } });

const page = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;

describe('files and folders', () => {
  it('walks a folder recursively in code-point order, skipping dotfiles and ending symlink loops', async () => {
    const root = join(tmp.dir, 'tree');
    tmp.write('tree/b.txt', 'The harbour council met on Tuesday.');
    tmp.write('tree/a.html', page('Bridge opens', 'The new bridge opened to traffic.'));
    tmp.write('tree/Z.txt', 'Upper-case names sort first in code-point order.');
    tmp.write('tree/sub/c.md', '# Ferry timetable\n\nThe ferry now leaves at [nine](https://example.org/ferry).');
    tmp.write('tree/.hidden.txt', 'never read');
    tmp.write('tree/.git/config', 'never read');
    symlinkSync(root, join(root, 'sub', 'loop'));
    const items = await collect(ingest, [root]);
    expect(summary(items)).toEqual([
      `OK ${root}/Z.txt text/plain`,
      `OK ${root}/a.html text/html`,
      `OK ${root}/b.txt text/plain`,
      `OK ${root}/sub/c.md text/markdown`,
    ]);
    const first = items[0]!;
    expect(first.ok && first.document.value.origin).toEqual({ kind: 'file', locator: `${root}/Z.txt`, input: root });
  });

  it('derives the id from the NFC content hash, so equal content gives equal ids', async () => {
    const composed = tmp.write('nfc/composed.txt', 'Caf\u00e9 owners met the mayor.');
    const decomposed = tmp.write('nfc/decomposed.txt', 'Cafe\u0301 owners met the mayor.');
    const [a, b] = await collect(ingest, [composed, decomposed]);
    expect(a?.ok && b?.ok).toBe(true);
    if (!a?.ok || !b?.ok) return;
    expect(a.document.value.id).toBe(b.document.value.id);
    expect(a.document.value.id).toBe(`doc_${a.document.value.contentHash.slice(0, 16)}`);
    expect(a.document.value.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.document.messages.map((m) => m.ruleId)).toContain('normalized-nfc');
    expect(a.document.value.ingestedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('sniffs the type from the bytes, not the file name', async () => {
    const html = tmp.write('sniff/looks-like.txt', page('Dam report', 'Water levels rose.'));
    const md = tmp.write('sniff/notes.html', '## Council notes\n\n- budget passed\n- **road** works delayed\n');
    const xml = tmp.write('sniff/data.xml', '<?xml version="1.0"?><inventory><item>bolts</item></inventory>');
    const json = tmp.write('sniff/config.json', '{\n  "a": 1\n}\n');
    expect(summary(await collect(ingest, [html, md, xml, json]))).toEqual([
      `OK ${html} text/html`,
      `OK ${md} text/markdown`,
      `ERR ${xml} INPUT_UNSUPPORTED`,
      `ERR ${json} INPUT_UNSUPPORTED`,
    ]);
  });

  it('reads standard input for "-"', async () => {
    const stdinIngest = createIngest({
      io: {
        now: fixedNow,
        stdin: async function* () {
          yield new TextEncoder().encode('Rain is expected ');
          yield new TextEncoder().encode('over the valley tonight.');
        },
      },
    });
    const [item] = await collect(stdinIngest, ['-']);
    expect(item?.ok && item.document.value.content).toBe('Rain is expected over the valley tonight.');
    expect(item?.ok && item.document.value.origin.kind).toBe('stdin');
  });
});

describe('feeds', () => {
  it('turns each RSS item into a document with full text and item hints', async () => {
    const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Valley Gazette</title><language>en</language>
<item><title>Mill reopens</title><link>https://gazette.example/mill</link><pubDate>Tue, 07 Nov 2023 09:30:00 GMT</pubDate>
<dc:creator>R. Ortiz</dc:creator><description>Short teaser.</description>
<content:encoded><![CDATA[<p>The old mill reopened on Tuesday after repairs.</p>]]></content:encoded></item>
<item><title>Market day</title><link>https://gazette.example/market</link><description>&lt;p&gt;Stalls return to the square.&lt;/p&gt;</description></item>
<item><title>No body</title></item>
</channel></rss>`;
    const path = tmp.write('feeds/gazette.rss', rss);
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([`OK ${path}#1 text/html`, `OK ${path}#2 text/html`, `ERR ${path}#3 INPUT_EMPTY`]);
    const [full, teaser] = items;
    if (!full?.ok || !teaser?.ok) throw new Error('expected documents');
    expect(full.document.value.content).toBe('<p>The old mill reopened on Tuesday after repairs.</p>');
    expect(full.document.value.hints).toEqual({
      url: 'https://gazette.example/mill',
      title: 'Mill reopens',
      published: '2023-11-07T09:30:00Z',
      author: 'R. Ortiz',
      siteName: 'Valley Gazette',
      language: 'en',
    });
    expect(full.document.value.origin).toMatchObject({ kind: 'feed-item', index: 1, locator: `${path}#1` });
    expect(full.document.messages).toEqual([]);
    expect(teaser.document.value.content).toBe('<p>Stalls return to the square.</p>');
    expect(teaser.document.messages.map((m) => [m.ruleId, m.severity])).toEqual([['feed-no-full-text', 'warning']]);
  });

  it('reads Atom entries and RSS 1.0 (RDF) items', async () => {
    const atom = tmp.write(
      'feeds/atom.xml',
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Phare</title>
<entry><title>Marée haute</title><link rel="alternate" href="https://phare.example/maree"/><published>2024-03-01T08:00:00+01:00</published>
<author><name>C. Martin</name></author><content type="html">&lt;p&gt;La marée a atteint un record.&lt;/p&gt;</content></entry></feed>`,
    );
    const rdf = tmp.write(
      'feeds/rdf.xml',
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title></channel>
<item rdf:about="https://rdf.example/a"><title>Plain item</title><description>Snow closed the pass.</description><dc:date>2024-02-02</dc:date></item></rdf:RDF>`,
    );
    const items = await collect(ingest, [atom, rdf]);
    expect(summary(items)).toEqual([`OK ${atom}#1 text/html`, `OK ${rdf}#1 text/plain`]);
    const [a, r] = items;
    if (!a?.ok || !r?.ok) throw new Error('expected documents');
    expect(a.document.value.hints).toMatchObject({ url: 'https://phare.example/maree', author: 'C. Martin', siteName: 'Le Phare', language: 'fr', published: '2024-03-01T08:00:00+01:00' });
    expect(a.document.messages).toEqual([]);
    expect(r.document.value.hints).toMatchObject({ url: 'https://rdf.example/a', published: '2024-02-02', siteName: 'RDF Daily' });
  });
});

describe('WARC', () => {
  const records = [
    { type: 'warcinfo' as const, id: 'urn:uuid:info', body: 'software: test' },
    { type: 'request' as const, id: 'urn:uuid:req', uri: 'https://news.example/a', body: 'GET /a HTTP/1.1\r\n\r\n', contentType: 'application/http; msgtype=request' },
    {
      type: 'response' as const,
      id: 'urn:uuid:resp-a',
      uri: 'https://news.example/a',
      date: '2024-05-06T07:08:09Z',
      http: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
      body: page('Tram line', 'The tram line extension was approved.'),
    },
    { type: 'response' as const, id: 'urn:uuid:img', uri: 'https://news.example/a.png', http: { status: 200, headers: { 'Content-Type': 'image/png' } }, body: 'PNGDATA' },
    { type: 'response' as const, id: 'urn:uuid:404', uri: 'https://news.example/gone', http: { status: 404, headers: { 'Content-Type': 'text/html' } }, body: '<p>gone</p>' },
    { type: 'resource' as const, id: 'urn:uuid:res', uri: 'https://news.example/b.txt', contentType: 'text/plain', body: 'A resource record with plain text.' },
  ];

  it('yields one document per 2xx response or resource record with a page or text payload', async () => {
    for (const gz of [false, true]) {
      const path = tmp.write(gz ? 'warc/crawl.warc.gz' : 'warc/crawl.warc', buildWarc(records, gz));
      const items = await collect(ingest, [path]);
      expect(summary(items)).toEqual([`OK ${path}#3 text/html`, `OK ${path}#6 text/plain`]);
      const [a] = items;
      if (!a?.ok) throw new Error('expected a document');
      expect(a.document.value.origin).toEqual({ kind: 'warc-record', locator: `${path}#3`, input: path, recordId: 'urn:uuid:resp-a', index: 3 });
      expect(a.document.value.hints).toEqual({ url: 'https://news.example/a', capturedAt: '2024-05-06T07:08:09Z' });
      expect(a.document.value.encoding).toEqual({ name: 'utf-8', source: 'header' });
      expect(a.document.value.content).toContain('The tram line extension was approved.');
    }
  });

  it('reads the records before one whose Content-Length is damaged and reports that one, instead of hanging', async () => {
    const good = buildWarc(records.slice(2, 3));
    const damaged = buildWarc(records.slice(5, 6)).toString('latin1').replace(/Content-Length: (\d+)/, (_m, n: string) => `Content-Length: ${n.slice(0, 2)}\u00ff${n.slice(2)}`);
    const path = tmp.write('warc/damaged-length.warc', Buffer.concat([good, Buffer.from(damaged, 'latin1'), good]));
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([`OK ${path}#1 text/html`, `ERR ${path}#2 WARC_INVALID`]);
    expect(items[1]?.ok === false && items[1].error.params['detail']).toBe('record 2 has no readable Content-Length; it and the rest of the file were not read');
  });

  it('ends on the damaged WARC the fuzz harness found warcio looping on forever (case 7:1871), reporting the damage', async () => {
    const found = generateCase(7, 1871).files.find((f) => f.name.includes('.warc'))!;
    const path = tmp.write('warc/fuzz-7-1871.warc', gunzipSync(found.bytes));
    expect(summary(await collect(ingest, [path]))).toEqual([`ERR ${path} WARC_INVALID`]);
  });

  it('reports a WARC file none of whose records is a page, saying why each was passed over', async () => {
    const path = tmp.write('warc/no-pages.warc', buildWarc(records.filter((r) => r.id !== 'urn:uuid:resp-a' && r.id !== 'urn:uuid:res')));
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([`ERR ${path} WARC_NO_PAGES`]);
    const failed = items[0];
    expect(failed?.ok === false && failed.error.params).toMatchObject({
      records: 4,
      detail: '2 not a response or resource, 1 a response that is not 2xx, 1 a payload that is not HTML, text or a feed',
    });
  });
});

describe('JSONL', () => {
  it('yields one document per line, tolerating alternate field names, and reports bad lines', async () => {
    const lines = [
      JSON.stringify({ url: 'https://j.example/1', title: 'One', html: '<p>First story body.</p>', published: '2024-01-05' }),
      '',
      JSON.stringify({ link: 'https://j.example/2', headline: 'Two', content: 'Second story as plain text.', date: '2024-01-06T10:00:00Z', byline: ['A. Lee', 'B. Kim'] }),
      '{not json',
      JSON.stringify({ title: 'No body' }),
      JSON.stringify({ body: 'Third story.', published_at: 1704067200 }),
    ].join('\n');
    const path = tmp.write('jsonl/articles.jsonl', lines);
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([
      `OK ${path}#1 text/html`,
      `OK ${path}#3 text/plain`,
      `ERR ${path}#4 JSONL_INVALID`,
      `ERR ${path}#5 JSONL_INVALID`,
      `OK ${path}#6 text/plain`,
    ]);
    const second = items[1];
    if (!second?.ok) throw new Error('expected a document');
    expect(second.document.value.hints).toEqual({ url: 'https://j.example/2', title: 'Two', published: '2024-01-06T10:00:00Z', author: 'A. Lee, B. Kim' });
    expect(second.document.value.origin).toMatchObject({ kind: 'jsonl-line', index: 3 });
    const sixth = items[4];
    expect(sixth?.ok && sixth.document.value.hints.published).toBe('2024-01-01T00:00:00Z');
  });

  it('reads every item of a feed one of whose items nests its markup thousands deep, that one as text with a warning', async () => {
    const deep = `${'<div>'.repeat(5000)}Deep body about the ferry.${'</div>'.repeat(5000)}`;
    const items = [1, 2, 3].map((i) => `<item><title>Item ${i}</title><link>https://deep.example/${i}</link><description>${i === 2 ? deep : `Body ${i} about the ferry.`}</description></item>`);
    const path = tmp.write('feeds/deep.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep Post</title>${items.join('')}</channel></rss>`);
    const read = await collect(ingest, [path]);
    expect(summary(read)).toEqual([`OK ${path}#1 text/plain`, `OK ${path}#2 text/plain`, `OK ${path}#3 text/plain`]);
    const second = read[1];
    if (!second?.ok) throw new Error('expected a document');
    expect(second.document.value.content).toBe('Deep body about the ferry.');
    expect(second.document.messages.map((m) => m.ruleId)).toContain('feed-markup-too-deep');
    const first = read[0];
    expect(first?.ok && first.document.messages.map((m) => m.ruleId)).not.toContain('feed-markup-too-deep');
  });

  it('reads a feed item nested 300,000 deep in seconds, not minutes (the parser stays linear)', async () => {
    const deep = `${'<div>'.repeat(300_000)}Deep body about the ferry.${'</div>'.repeat(300_000)}`;
    const items = [1, 2, 3].map((i) => `<item><title>Item ${i}</title><link>https://deep.example/${i}</link><content:encoded>${i === 2 ? deep : `Body ${i} about the ferry.`}</content:encoded></item>`);
    const path = tmp.write('feeds/very-deep.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Deep Post</title>${items.join('')}</channel></rss>`);
    const started = performance.now();
    const read = await collect(ingest, [path]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(summary(read)).toEqual([`OK ${path}#1 text/plain`, `OK ${path}#2 text/plain`, `OK ${path}#3 text/plain`]);
    const second = read[1];
    expect(second?.ok && second.document.value.content).toBe('Deep body about the ferry.');
    expect(second?.ok && second.document.messages.map((m) => m.ruleId)).toContain('feed-markup-too-deep');
  });

  it('reads every item of a feed whose title opens thousands of elements it never closes', async () => {
    const items = [1, 2, 3].map((i) => `<item><title>${i === 2 ? '<b>'.repeat(5000) : ''}Item ${i}</title><link>https://open.example/${i}</link><description>Body ${i} about the ferry.</description></item>`);
    const path = tmp.write('feeds/unclosed-title.xml', `<?xml version="1.0"?><rss version="2.0"><channel><title>Open Post</title>${items.join('')}</channel></rss>`);
    const read = await collect(ingest, [path]);
    expect(summary(read)).toEqual([`OK ${path}#1 text/plain`, `OK ${path}#2 text/plain`, `OK ${path}#3 text/plain`]);
    expect(read.map((r) => r.ok && r.document.value.hints.title)).toEqual(['Item 1', 'Item 2', 'Item 3']);
  });

  it('reads a file whose first line is longer than the sample its kind is told from (one long article per line)', async () => {
    const long = 'The ferry strike went on for a third week. '.repeat(8000);
    const lines = [JSON.stringify({ title: 'Long', text: long }), JSON.stringify({ title: 'Short', text: 'Second story.' }), '{"text": "cut off'].join('\n');
    const path = tmp.write('jsonl/long-first.jsonl', lines);
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([`OK ${path}#1 text/plain`, `OK ${path}#2 text/plain`, `ERR ${path}#3 JSONL_INVALID`]);
    const first = items[0];
    expect(first?.ok && first.document.value.content.length).toBe(long.length);
    // One line cut off before its end is a bad line, not another format.
    const broken = tmp.write('jsonl/one-broken-line.jsonl', '{"title": "Cut", "text": "cut off');
    expect(summary(await collect(ingest, [broken]))).toEqual([`ERR ${broken}#1 JSONL_INVALID`]);
  });

  it('reads every line after one whose author is nested thousands deep, taking no author from it', async () => {
    const depth = 10_000;
    const deepAuthor = `${'{"name":'.repeat(depth)}"A. Lee"${'}'.repeat(depth)}`;
    const lines = [
      JSON.stringify({ title: 'One', text: 'First story.' }),
      `{"title":"Deep","text":"Second story.","author":${deepAuthor}}`,
      JSON.stringify({ title: 'Three', text: 'Third story.', author: { name: { name: 'B. Kim' } } }),
    ].join('\n');
    const path = tmp.write('jsonl/deep.jsonl', lines);
    const items = await collect(ingest, [path]);
    expect(summary(items)).toEqual([`OK ${path}#1 text/plain`, `OK ${path}#2 text/plain`, `OK ${path}#3 text/plain`]);
    const [, deep, third] = items;
    expect(deep?.ok && deep.document.value.hints.author).toBeUndefined();
    expect(third?.ok && third.document.value.hints.author).toBe('B. Kim');
  });
});

describe('publication hints keep the time and offset as written', () => {
  const written = [
    ['Mon, 16 Mar 2026 15:42:00 +0100', '2026-03-16T15:42:00+01:00'],
    ['Mon, 16 Mar 2026 23:30:00 -0500', '2026-03-16T23:30:00-05:00'],
    ['Mon, 16 Mar 2026 14:42:00 GMT', '2026-03-16T14:42:00Z'],
    ['Mon, 16 Mar 2026 14:42:00 UTC', '2026-03-16T14:42:00Z'],
    ['Mon, 16 Mar 2026 22:10:00 EDT', '2026-03-16T22:10:00-04:00'],
    ['Mon, 16 Mar 2026 23:50:00', '2026-03-16T23:50'],
    ['16 March 2026', '2026-03-16'],
  ] as const;
  const feedWith = (dates: readonly string[]): string => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Zone Post</title>
${dates.map((d, i) => `<item><title>Item ${i + 1}</title><link>https://zone.example/${i + 1}</link><pubDate>${d}</pubDate><description>Item ${i + 1} body about the ferry.</description></item>`).join('\n')}
</channel></rss>`;
  const jsonl = [
    { url: 'https://j.example/off', text: 'Offset.', published: '2026-03-16T23:30:00-05:00' },
    { url: 'https://j.example/z', text: 'Zulu.', published: '2026-03-16T23:30:00Z' },
    { url: 'https://j.example/local', text: 'No zone.', published: '2026-03-16 23:30:00' },
    { url: 'https://j.example/day', text: 'Day.', published: '2026-03-16' },
    { url: 'https://j.example/epoch', text: 'Epoch.', published: 1773703800 },
    { url: 'https://j.example/ist', text: 'IST.', published: 'March 16, 2026, 11:30 PM IRST' },
  ];
  const jsonlExpected = ['2026-03-16T23:30:00-05:00', '2026-03-16T23:30:00Z', '2026-03-16T23:30', '2026-03-16', '2026-03-16T23:30:00Z', '2026-03-16T23:30:00+03:30'];

  async function published(): Promise<string[]> {
    const rss = tmp.write('zones/feed.rss', feedWith(written.map(([raw]) => raw)));
    const atom = tmp.write(
      'zones/feed.atom',
      `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Zone</title>
<entry><title>A</title><link href="https://atom.example/a"/><published>2026-03-16T23:30:00+09:00</published><content type="html">&lt;p&gt;A.&lt;/p&gt;</content></entry>
<entry><title>B</title><link href="https://atom.example/b"/><updated>2026-03-16T01:30:00-08:00</updated><content type="html">&lt;p&gt;B.&lt;/p&gt;</content></entry></feed>`,
    );
    const lines = tmp.write('zones/items.jsonl', jsonl.map((r) => JSON.stringify(r)).join('\n'));
    const items = await collect(ingest, [rss, atom, lines]);
    return items.map((i) => (i.ok ? (i.document.value.hints.published ?? '(none)') : `ERR ${i.error.code}`));
  }

  it('keeps RSS, Atom and JSONL dates with the offset, Z, zone abbreviation, no zone or no time they were written with', async () => {
    expect(await published()).toEqual([...written.map(([, iso]) => iso), '2026-03-16T23:30:00+09:00', '2026-03-16T01:30:00-08:00', ...jsonlExpected]);
  });

  it('anchors on the calendar day as written, not the UTC day', async () => {
    const days = (await published()).map((v) => readPublished(v)?.day);
    // 23:30 at -05:00 is 04:30 UTC on the 17th, and 01:30 at -08:00 is 09:30 UTC: both still the 16th where they were written.
    expect(new Set(days)).toEqual(new Set(['2026-03-16']));
    expect(readPublished('2026-03-16T23:30:00-05:00')?.utc).toBe('2026-03-17T04:30:00Z');
    expect(readPublished('2026-03-16T23:30')).toMatchObject({ precision: 'day', localTime: '23:30' });
  });

  it('stores the same values whatever the machine time zone', async () => {
    const zone = process.env.TZ;
    const runs: { offset: number; values: string[] }[] = [];
    try {
      for (const tz of ['America/New_York', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        runs.push({ offset: new Date(2026, 2, 16, 23, 50).getTimezoneOffset(), values: await published() });
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const [ny, tokyo] = runs;
    // The zone really changed between the runs (New York is behind UTC, Tokyo ahead), so equal values are not an accident.
    expect([ny!.offset, tokyo!.offset]).toEqual([240, -540]);
    expect(tokyo!.values).toEqual(ny!.values);
    expect(ny!.values).toContain('2026-03-16T23:50');
  });
});

describe('archives', () => {
  it('reads a .jsonl.gz, and a zip holding pages and a .warc.gz, naming each entry', async () => {
    const jsonlGz = tmp.write('arch/feed.jsonl.gz', gzipSync(JSON.stringify({ url: 'https://g.example/1', text: 'Gzipped line.' }) + '\n'));
    const warcGz = buildWarc([{ type: 'resource', id: 'urn:uuid:z', uri: 'https://z.example/', contentType: 'text/html', body: page('Zipped', 'Inside a zip.') }], true);
    const zip = tmp.write(
      'arch/bundle.zip',
      buildZip([
        { name: 'pages/', data: '', store: true },
        { name: 'pages/one.html', data: page('One', 'First zipped page.') },
        { name: 'pages/__MACOSX/._one.html', data: 'resource fork' },
        { name: 'pages/two.txt', data: 'Second zipped page.' },
        { name: 'crawl.warc.gz', data: warcGz, store: true },
        { name: 'logo.png', data: Buffer.from('89504e470d0a1a0a0000', 'hex') },
      ]),
    );
    expect(summary(await collect(ingest, [jsonlGz, zip]))).toEqual([
      `OK ${jsonlGz}#1 text/plain`,
      `OK ${zip}!pages/one.html text/html`,
      `OK ${zip}!pages/two.txt text/plain`,
      `OK ${zip}!crawl.warc.gz#1 text/html`,
      `ERR ${zip}!logo.png INPUT_BINARY`,
    ]);
  });

  it('reads every entry of a zip when some are named as unsafe paths (absolute, a drive, "..")', async () => {
    const names = ['one.html', '../../etc/two.html', '/abs/three.html', 'C:\\win\\four.html', 'b:five.html', 'six.html'];
    const zip = tmp.write('arch/unsafe-names.zip', buildZip(names.map((name, i) => ({ name, data: page(`Page ${i}`, `Zipped page ${i}.`) }))));
    expect(summary(await collect(ingest, [zip]))).toEqual([
      `OK ${zip}!one.html text/html`,
      `OK ${zip}!../../etc/two.html text/html`,
      `OK ${zip}!/abs/three.html text/html`,
      `OK ${zip}!C:/win/four.html text/html`,
      `OK ${zip}!b:five.html text/html`,
      `OK ${zip}!six.html text/html`,
    ]);
  });

  it('reads a zip entry whose name holds a NUL, naming it with U+FFFD and saying so', async () => {
    const zip = tmp.write('arch/nul-name.zip', buildZip([{ name: 'b\u0000.html', data: page('Nul', 'A page with a NUL in its name.') }, { name: 'c.html', data: page('Next', 'The next page.') }]));
    const items = await collect(ingest, [zip]);
    expect(summary(items)).toEqual([`OK ${zip}!b\uFFFD.html text/html`, `OK ${zip}!c.html text/html`]);
    const first = items[0];
    expect(first?.ok && first.document.messages.find((m) => m.ruleId === 'entry-name-repaired')).toMatchObject({ severity: 'warning', data: { name: 'b\uFFFD.html', replaced: 1 } });
    expect(items[1]?.ok && items[1].document.messages).toEqual([]);
  });

  it('refuses an office document that is a zip of XML parts', async () => {
    const docx = tmp.write('arch/report.docx', buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]));
    expect(summary(await collect(ingest, [docx]))).toEqual([`ERR ${docx} INPUT_BINARY`]);
  });
});
