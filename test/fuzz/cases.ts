/**
 * Fuzz cases: one hostile input between two good canary articles, for every input kind ingest
 * reads. Where the kind is a container whose parts stand alone (JSONL lines, feed items, WARC
 * records, zip entries), the canaries are parts of the same container and only the hostile part is
 * mutated, so the container's framing holds and losing a canary is the product's fault. Otherwise
 * (a page, a text file, a container mutated as a whole) the canaries are files of their own around
 * the hostile file, ingested in the same batch.
 */
import { gzipSync } from 'node:zlib';
import { createRandom, caseSeed, type Random } from './random.js';
import {
  articleBodyHtml,
  atomEntry,
  atomFeed,
  fictionalArticle,
  htmlPage,
  jsonlRecord,
  plainText,
  rssFeed,
  rssItem,
  warcFile,
  zipFile,
  type FictionalArticle,
  type WarcRecord,
  type ZipEntry,
} from './documents.js';
import { byteMutations, filler, textMutations, type ByteMutation } from './mutations.js';

export const INPUT_KINDS = ['html', 'text', 'jsonl', 'jsonl-gz', 'rss', 'atom', 'feed-file', 'warc', 'warc-file', 'zip', 'zip-file', 'gzip-file'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface FuzzFile {
  /** Name inside the case's folder; inputs are ingested in the order of `files`. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface Canary {
  /** The made-up place name only this canary's text holds. */
  readonly marker: string;
  /** Where ingest should say it came from, relative to the case folder (`a.html`, `batch.jsonl#1`, `batch.zip!a.html`). */
  readonly locator: string;
}

export interface FuzzCase {
  /** `runSeed:index`: all that is needed to build the case again. */
  readonly id: string;
  readonly kind: InputKind;
  readonly mutation: string;
  readonly files: readonly FuzzFile[];
  readonly canaries: readonly [Canary, Canary];
  /**
   * The hostile input: every stored document or reported failure whose locator starts with
   * `prefix` and is not a canary counts as it; each locator in `each` must be accounted for alone.
   */
  readonly hostile: { readonly prefix: string; readonly each?: readonly string[] };
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** Byte mutations that keep a part's neighbours readable when the part sits inside a container. */
const INNER_BYTE_MUTATIONS = byteMutations.filter((m) => m.name !== 'utf16' && m.name !== 'wrong-charset');

interface Hostile {
  readonly mutation: string;
  readonly bytes: Uint8Array;
}

/** A text or byte mutation of `text` (a page or text file), as bytes. */
function mutateDocument(text: string, random: Random, bytes: readonly ByteMutation[] = byteMutations): Hostile {
  if (random.chance(0.7)) {
    const m = random.pick(textMutations);
    const mutated = utf8(m.apply(text, random));
    if (random.chance(0.15)) {
      const b = random.pick(bytes);
      return { mutation: `${m.name}+${b.name}`, bytes: b.apply(mutated, random) };
    }
    return { mutation: m.name, bytes: mutated };
  }
  const b = random.pick(bytes);
  return { mutation: b.name, bytes: b.apply(utf8(text), random) };
}

function canaryFiles(random: Random, a: FictionalArticle, b: FictionalArticle): { first: FuzzFile; last: FuzzFile } {
  const form = (x: FictionalArticle, name: string): FuzzFile =>
    random.chance(0.7) ? { name: `${name}.html`, bytes: utf8(htmlPage(x)) } : { name: `${name}.txt`, bytes: utf8(plainText(x)) };
  return { first: form(a, 'a-canary'), last: form(b, 'c-canary') };
}

/** The case `index` of the run seeded `runSeed`, optionally of one kind. */
export function generateCase(runSeed: number, index: number, kinds: readonly InputKind[] = INPUT_KINDS): FuzzCase {
  const random = createRandom(caseSeed(runSeed, index));
  const id = `${runSeed}:${index}`;
  const kind = random.pick(kinds);
  const canaryA = fictionalArticle(random);
  const canaryB = fictionalArticle(random);
  const near = random.chance(0.1);
  const target = near ? nearDuplicate(canaryA, random) : fictionalArticle(random);
  const built = build(kind, random, canaryA, canaryB, target);
  return { id, kind, ...built, mutation: near ? `near-duplicate+${built.mutation}` : built.mutation };
}

/** The canary with one word changed: a near-identical article, which must stay a document of its own. */
function nearDuplicate(a: FictionalArticle, random: Random): FictionalArticle {
  const paragraphs = [...a.paragraphs];
  const i = random.int(1, paragraphs.length - 1);
  paragraphs[i] = paragraphs[i]!.replace(/\b(the|a|two|most)\b/, random.pick(['this', 'one', 'three', 'much']));
  return { ...a, paragraphs, url: `${a.url}-copy` };
}

type Built = Omit<FuzzCase, 'id' | 'kind'>;

function filesAround(random: Random, a: FictionalArticle, b: FictionalArticle, hostile: FuzzFile, mutation: string): Built {
  const { first, last } = canaryFiles(random, a, b);
  return {
    mutation,
    files: [first, hostile, last],
    canaries: [
      { marker: a.marker, locator: first.name },
      { marker: b.marker, locator: last.name },
    ],
    hostile: { prefix: hostile.name },
  };
}

function build(kind: InputKind, random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  switch (kind) {
    case 'html': {
      const h = mutateDocument(htmlPage(target), random);
      return filesAround(random, a, b, { name: `b-hostile${random.pick(['.html', '.htm', '.txt', '', '.xml'])}`, bytes: h.bytes }, h.mutation);
    }
    case 'text': {
      const h = mutateDocument(plainText(target), random);
      return filesAround(random, a, b, { name: `b-hostile${random.pick(['.txt', '.md', '', '.html'])}`, bytes: h.bytes }, h.mutation);
    }
    case 'jsonl':
    case 'jsonl-gz':
      return jsonl(kind === 'jsonl-gz', random, a, b, target);
    case 'rss':
    case 'atom':
      return feedItems(kind, random, a, b, target);
    case 'feed-file':
      return feedFile(random, a, b, target);
    case 'warc':
      return warcRecords(random, a, b, target);
    case 'warc-file':
      return warcWhole(random, a, b, target);
    case 'zip':
      return zipEntries(random, a, b, target);
    case 'zip-file':
      return zipWhole(random, a, b, target);
    case 'gzip-file':
      return gzipWhole(random, a, b, target);
  }
}

// ── JSONL ────────────────────────────────────────────────────────────────────

const nest = (depth: number, open: string, close: string, inner: string): string => open.repeat(depth) + inner + close.repeat(depth);

/** Hostile JSONL lines: wrong types, deep nesting, duplicated keys, escapes, or a mutated field. */
function jsonlHostile(random: Random, target: FictionalArticle): { mutation: string; line: string } {
  const record = jsonlRecord(target);
  const choice = random.int(0, 9);
  if (choice === 0) {
    const field = random.pick(['text', 'title', 'url', 'published', 'author', 'site_name', 'language']);
    const value = random.pick<unknown>([42, true, null, [], {}, [[['x']]], { name: { name: { name: { name: { name: 'deep' } } } } }, -0, 1e308, [1, 'a', null], { text: 'inner' }]);
    return { mutation: 'json-wrong-types', line: JSON.stringify({ ...record, [field]: value }) };
  }
  if (choice === 1) {
    const depth = random.pick([1000, 10_000, 100_000]);
    const field = random.pick(['text', 'title', 'author', 'extra']);
    const [open, close] = random.pick([['[', ']'], ['{"a":', '}'], ['{"name":', '}']] as const);
    const body = JSON.stringify(record).slice(1, -1);
    return { mutation: 'json-deep-nesting', line: `{${body},"${field}":${nest(depth, open, close, '"x"')}}` };
  }
  if (choice === 2) {
    const body = JSON.stringify(record).slice(1, -1);
    return { mutation: 'json-duplicate-keys', line: `{${body},"text":"","title":${JSON.stringify(target.title)},"text":${JSON.stringify(filler(random, 300))},"html":"<p></p>"}` };
  }
  if (choice === 3) {
    const escapes = random.pick(['\\u0000', '\\ud800', '\\udfff', '\\ud800\\ud800', '\\u0085', '\\u2028', '\\ufeff', '\\uffff']);
    const field = random.pick(['text', 'title', 'author', 'url', 'site_name', 'published']);
    const line = JSON.stringify(record).replace(new RegExp(`("${field}":")`), `$1${escapes.repeat(random.int(1, 30))}`);
    return { mutation: 'json-escapes', line };
  }
  if (choice === 4) {
    return {
      mutation: 'json-not-an-object',
      line: random.pick(['[1,2,3]', '"text"', '42', 'null', '{', '{"text": "a",}', "{'text': 'single quotes'}", '{"text": NaN}', '// comment', `{"text":${JSON.stringify(filler(random, 200))}} trailing`, '{}', '{"text":""}', '{"text":"   "}']),
    };
  }
  if (choice === 5) {
    const published = random.pick<unknown>([99999999999999, -1, '1e400', '0', 253402300800, '253402300800000', 1.5, '2025-02-30', [2025, 1, 1], '１７０００００００００']);
    return { mutation: 'json-malformed-dates', line: JSON.stringify({ ...record, published, date: published, timestamp: 1e21 }) };
  }
  if (choice === 6) {
    const extra = Object.fromEntries(Array.from({ length: random.pick([1000, 50_000]) }, (_, i) => [`k${i}`, i]));
    return { mutation: 'json-many-keys', line: JSON.stringify({ ...extra, ...record }) };
  }
  if (choice === 7) {
    const field = random.pick(['title', 'url', 'author', 'site_name']);
    return { mutation: 'json-huge-field', line: JSON.stringify({ ...record, [field]: `${random.word(2)} `.repeat(random.pick([10_000, 300_000])) }) };
  }
  // A text mutation of one field, through JSON's own escaping.
  const m = random.pick(textMutations);
  const html = random.chance(0.4);
  const base = html ? { ...record, text: undefined, html: htmlPage(target) } : record;
  const field = random.chance(0.8) ? (html ? 'html' : 'text') : random.pick(['title', 'author', 'url']);
  const value = m.apply(String((base as Record<string, unknown>)[field]), random);
  return { mutation: `json-field-${m.name}`, line: JSON.stringify({ ...base, [field]: value }) };
}

/**
 * gzip that stays within ingest's bomb rule (ratio 200 once past 1 MiB): a hostile line that is
 * one long run compresses past it, and the whole file is then refused by design. Such a file is
 * stored uncompressed in its gzip (level 0), still a gzip, so the canaries are owed. (A bomb
 * refused whole is tried on purpose by the `gzip-file` and `zip-file` kinds, with canaries outside.)
 */
function gzipWithinLimits(bytes: Uint8Array): Uint8Array {
  const packed = gzipSync(bytes);
  return bytes.byteLength > 1024 * 1024 && bytes.byteLength / packed.byteLength > 150 ? gzipSync(bytes, { level: 0 }) : packed;
}

function jsonl(gz: boolean, random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const name = gz ? 'batch.jsonl.gz' : 'batch.jsonl';
  const made = jsonlHostile(random, target);
  let mutation = made.mutation;
  let hostile = utf8(made.line);
  if (random.chance(0.15)) {
    const m = random.pick(INNER_BYTE_MUTATIONS);
    mutation = `${mutation}+${m.name}`;
    hostile = m.apply(hostile, random);
  }
  const text = Buffer.concat([utf8(`${JSON.stringify(jsonlRecord(a))}\n`), hostile, utf8(`\n${JSON.stringify(jsonlRecord(b))}\n`)]);
  // Line numbers as the reader counts them; the canaries are the first and the last.
  const lines = Buffer.from(text).toString('latin1').split(/\r?\n/);
  const last = lines.length - 1;
  const each: string[] = [];
  for (let i = 1; i < last - 1; i++) if (lines[i]!.trim() !== '') each.push(`${name}#${i + 1}`);
  return {
    mutation,
    files: [{ name, bytes: gz ? gzipWithinLimits(text) : text }],
    canaries: [
      { marker: a.marker, locator: `${name}#1` },
      { marker: b.marker, locator: `${name}#${last}` },
    ],
    hostile: { prefix: `${name}#`, each },
  };
}

// ── feeds ────────────────────────────────────────────────────────────────────

const BAD_FEED_DATES = ['Thu, 31 Feb 2024 25:61:00 +9900', '0000-00-00', '99999', '', 'NaN', 'Mon, 01 Jan 275761 00:00:00 GMT', '2025-01-01T00:00:00Z'.repeat(500)];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function hostileItem(kind: 'rss' | 'atom', random: Random, target: FictionalArticle): { mutation: string; xml: string } {
  const item = (x: FictionalArticle, content?: string) => (kind === 'rss' ? rssItem(x, content) : atomEntry(x, content));
  const choice = random.int(0, 9);
  if (choice === 0) {
    const depth = random.pick([5000, 300_000]);
    const deep = nest(depth, '<div>', '</div>', esc(filler(random, 400)));
    const xml = kind === 'rss' ? rssItem(target).replace(/<content:encoded>[\s\S]*<\/content:encoded>/, `<content:encoded>${deep}</content:encoded>`) : atomEntry(target).replace(/<content type="html">[\s\S]*<\/content>/, `<content type="xhtml">${deep}</content>`);
    return { mutation: `feed-item-${depth}-deep`, xml };
  }
  if (choice === 1) {
    const date = random.pick(BAD_FEED_DATES);
    return { mutation: 'feed-item-malformed-date', xml: item(target).replace(/<(pubDate|published)>[^<]*</, `<$1>${esc(date)}<`) };
  }
  if (choice === 2) {
    const payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
    const x = { ...target, title: `${target.title}${payload}`, author: payload, url: 'javascript:alert(1)' };
    return { mutation: 'feed-item-script-payloads', xml: item(x, `${articleBodyHtml(x)}${payload}`) };
  }
  if (choice === 3) {
    const one = item(target);
    const dup = one.replace(/(<title>[^<]*<\/title>)/, '$1'.repeat(random.int(2, 50))).replace(/(<content[^>]*>)/, `<content:encoded>${esc('<p>first body</p>')}</content:encoded>$1`);
    return { mutation: 'feed-item-duplicated-fields', xml: dup };
  }
  if (choice === 4) {
    return { mutation: 'feed-item-huge-title', xml: item({ ...target, title: `${target.marker} `.repeat(random.pick([10_000, 200_000])) }) };
  }
  if (choice === 5) {
    const empty = kind === 'rss' ? ['<item></item>', '<item><title>Only a title</title></item>', '<item><content:encoded><![CDATA[]]></content:encoded></item>'] : ['<entry></entry>', '<entry><title/></entry>', '<entry><content type="html"></content></entry>'];
    return { mutation: 'feed-item-empty', xml: random.pick(empty) };
  }
  const m = random.pick(textMutations);
  return { mutation: `feed-item-${m.name}`, xml: item(target, m.apply(articleBodyHtml(target), random)) };
}

function feedItems(kind: 'rss' | 'atom', random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const name = kind === 'rss' ? 'feed.rss' : 'feed.atom';
  const { mutation, xml } = hostileItem(kind, random, target);
  const items = kind === 'rss' ? [rssItem(a), xml, rssItem(b)] : [atomEntry(a), xml, atomEntry(b)];
  const feed = kind === 'rss' ? rssFeed(a.outlet, items) : atomFeed(a.outlet, items);
  return {
    mutation,
    files: [{ name, bytes: utf8(feed) }],
    canaries: [
      { marker: a.marker, locator: `${name}#1` },
      { marker: b.marker, locator: `${name}#3` },
    ],
    hostile: { prefix: `${name}#`, each: [`${name}#2`] },
  };
}

function feedFile(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const atom = random.chance(0.4);
  const feed = (items: readonly string[]) => (atom ? atomFeed(target.outlet, items) : rssFeed(target.outlet, items));
  const item = (x: FictionalArticle) => (atom ? atomEntry(x) : rssItem(x));
  const choice = random.int(0, 5);
  let mutation: string;
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  if (choice === 0) {
    const count = random.pick([20_000, 100_001]);
    const small = atom ? `<entry><title>t</title><content type="html">${esc('<p>Short item text.</p>')}</content></entry>` : '<item><title>t</title><description>Short item text.</description></item>';
    mutation = `feed-${count}-items`;
    text = feed([item(target), ...Array.from({ length: count }, () => small)]);
  } else if (choice === 1) {
    mutation = 'feed-entity-declaration';
    text = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n${feed([item(target).replace(target.title, '&c;')]).replace(/^<\?xml[^>]*>\n/, '')}`;
  } else if (choice === 2) {
    mutation = 'feed-unterminated';
    const whole = feed([item(target), item(target)]);
    text = whole.replace(random.pick(['</channel></rss>', '</feed>', ']]>', '</item>', '</entry>']), random.pick(['', '<![CDATA[', '<!--']));
  } else if (choice === 3) {
    const depth = random.pick([5000, 300_000]);
    mutation = `feed-raw-${depth}-deep`;
    text = feed([item(target).replace(/<title>/, `<title>${'<b>'.repeat(depth)}`)]);
  } else {
    const m = mutateDocument(feed([item(target), item({ ...target, marker: `${target.marker}x`, url: `${target.url}/2` })]), random);
    mutation = `feed-${m.mutation}`;
    bytes = m.bytes;
  }
  return filesAround(random, a, b, { name: `b-hostile${random.pick(['.xml', '.rss', '.atom', ''])}`, bytes: bytes ?? utf8(text!) }, mutation);
}

// ── WARC ─────────────────────────────────────────────────────────────────────

const page = (x: FictionalArticle): WarcRecord => ({ type: 'response', uri: x.url, body: utf8(htmlPage(x)) });

function warcRecords(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const name = 'crawl.warc';
  const choice = random.int(0, 5);
  let mutation: string;
  let hostile: WarcRecord[];
  if (choice === 0) {
    const count = random.pick([2000, 8000]);
    mutation = `warc-${count}-records`;
    hostile = Array.from({ length: count }, (_, i): WarcRecord => {
      const pick = i % 4;
      if (pick === 0) return { type: 'request', uri: `https://x.example/${i}`, contentType: 'application/http; msgtype=request', body: utf8(`GET /${i} HTTP/1.1\r\n\r\n`) };
      if (pick === 1) return { type: 'response', uri: `https://x.example/${i}`, status: 404, body: utf8('<p>Not found</p>') };
      if (pick === 2) return { type: 'response', uri: `https://x.example/${i}.png`, contentType: 'image/png', body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]) };
      return i % 400 === 3 ? page({ ...target, url: `${target.url}/${i}`, marker: `${target.marker}${i}` }) : { type: 'metadata', uri: `https://x.example/${i}`, contentType: 'application/warc-fields', body: utf8('via: x\r\n') };
    });
  } else if (choice === 1) {
    const bad = random.pick(['2025-13-45T99:99:99Z', '', 'yesterday', '0000-00-00T00:00:00Z', '9'.repeat(400)]);
    mutation = 'warc-malformed-date';
    hostile = [{ ...page(target), date: bad }];
  } else if (choice === 2) {
    const charset = random.pick(['x-evil', 'utf-7', 'utf-16', 'utf-32be', '', '"utf-8', 'iso-8859-1; charset=utf-16']);
    mutation = 'warc-bogus-charset';
    hostile = [{ ...page(target), contentType: `text/html; charset=${charset}` }];
  } else if (choice === 3) {
    mutation = 'warc-huge-uri';
    hostile = [{ ...page(target), uri: `https://x.example/${'a'.repeat(random.pick([10_000, 1_000_000]))}` }];
  } else {
    const m = mutateDocument(htmlPage(target), random);
    mutation = `warc-payload-${m.mutation}`;
    hostile = [{ ...page(target), body: m.bytes }];
  }
  const bytes = warcFile([page(a), ...hostile, page(b)], a.marker);
  const last = hostile.length + 2;
  return {
    mutation,
    files: [{ name, bytes }],
    canaries: [
      { marker: a.marker, locator: `${name}#1` },
      { marker: b.marker, locator: `${name}#${last}` },
    ],
    hostile: choice === 0 ? { prefix: `${name}#` } : { prefix: `${name}#`, each: [`${name}#2`] },
  };
}

function warcWhole(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const records = [page(target), page({ ...target, marker: `${target.marker}x`, url: `${target.url}/2` })];
  const gz = random.chance(0.3);
  const choice = random.int(0, 3);
  let mutation: string;
  let bytes: Uint8Array;
  if (choice === 0) {
    mutation = 'warc-lying-length';
    const text = warcFile(records, target.marker).toString('latin1');
    bytes = Buffer.from(text.replace(/Content-Length: (\d+)\r\n\r\nHTTP/, (_m, n: string) => `Content-Length: ${random.pick([0, Number(n) * 3, Number(n) - 50, 99_999_999_999])}\r\n\r\nHTTP`), 'latin1');
  } else if (choice === 1) {
    mutation = 'warc-garbage-between';
    const [one, two] = records.map((r) => warcFile([r], target.marker));
    bytes = Buffer.concat([one!, Buffer.from(filler(random, random.int(1, 3000))), two!]);
  } else {
    const m = random.pick(byteMutations);
    mutation = `warc-${m.name}`;
    bytes = m.apply(warcFile(records, target.marker), random);
  }
  if (gz) bytes = gzipSync(bytes);
  return filesAround(random, a, b, { name: `b-hostile.warc${gz ? '.gz' : ''}`, bytes }, `${mutation}${gz ? '-gz' : ''}`);
}

// ── zip and gzip ─────────────────────────────────────────────────────────────

const HOSTILE_NAMES = ['b\u0000.html', '../../etc/b.html', '/abs/b.html', 'C:\\win\\b.html', 'b\n.html', '', ' ', 'a/../../b.html', '\u202eb.html', 'b.html\u0000.png', 'con', 'b:html'];

function zipEntries(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const name = 'pages.zip';
  const entry = (n: string, data: Uint8Array, store = false): ZipEntry => ({ name: utf8(n), data, store });
  const choice = random.int(0, 6);
  let mutation: string;
  let hostile: ZipEntry[];
  if (choice === 0) {
    const n = random.chance(0.2) ? 'x'.repeat(random.pick([300, 65_000])) : random.pick(HOSTILE_NAMES);
    mutation = `zip-entry-name-${JSON.stringify(n.slice(0, 12))}`;
    hostile = [entry(n, utf8(htmlPage(target)))];
  } else if (choice === 1) {
    mutation = 'zip-entry-name-invalid-utf8';
    hostile = [{ name: Uint8Array.from([0x62, 0xff, 0xfe, 0xc0, 0x2e, 0x68, 0x74, 0x6d, 0x6c]), data: utf8(htmlPage(target)) }];
  } else if (choice === 2) {
    const depth = random.int(2, 10);
    mutation = `zip-nested-${depth}`;
    let inner: Uint8Array = utf8(htmlPage(target));
    for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? zipFile([entry(`n${i}.html`, inner)]) : gzipSync(inner);
    hostile = [entry('nested.bin', inner)];
  } else if (choice === 3) {
    const count = random.pick([1000, 5000]);
    mutation = `zip-${count}-entries`;
    hostile = Array.from({ length: count }, (_, i) => entry(`many/${i}.txt`, utf8(i % 50 === 0 ? plainText({ ...target, marker: `${target.marker}${i}` }) : ' ')));
  } else if (choice === 4) {
    mutation = 'zip-within-limits-bomb';
    hostile = [entry('spaces.txt', utf8(' '.repeat(1_000_000) + target.paragraphs.join('\n\n'))), entry('big.html', utf8(htmlPage(target).replace('<p>', `<p>${filler(random, 3_000_000)}</p><p>`)))];
  } else {
    const m = mutateDocument(htmlPage(target), random);
    mutation = `zip-entry-${m.mutation}`;
    hostile = [entry('b-hostile.html', m.bytes, random.chance(0.3))];
  }
  const first = entry('a-canary.html', utf8(htmlPage(a)));
  const last = entry('c-canary.html', utf8(htmlPage(b)));
  return {
    mutation,
    files: [{ name, bytes: zipWithinLimits([first, ...hostile, last]) }],
    canaries: [
      { marker: a.marker, locator: `${name}!a-canary.html` },
      { marker: b.marker, locator: `${name}!c-canary.html` },
    ],
    hostile: { prefix: `${name}!` },
  };
}

/** A zip within ingest's bomb rule, as {@link gzipWithinLimits}: entries stored, not deflated, when they would compress past it. */
function zipWithinLimits(entries: readonly ZipEntry[]): Uint8Array {
  const packed = zipFile(entries);
  const expanded = entries.reduce((n, e) => n + e.data.byteLength, 0);
  return expanded > 1024 * 1024 && expanded / packed.byteLength > 150 ? zipFile(entries.map((e) => ({ ...e, store: true }))) : packed;
}

function zipWhole(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const entries: ZipEntry[] = [
    { name: utf8('one.html'), data: utf8(htmlPage(target)) },
    { name: utf8('two.txt'), data: utf8(plainText({ ...target, marker: `${target.marker}x` })) },
  ];
  const choice = random.int(0, 2);
  let mutation: string;
  let bytes: Uint8Array;
  if (choice === 0) {
    mutation = 'zip-lying-sizes';
    bytes = zipFile(entries.map((e) => ({ ...e, declaredSize: random.pick([1, 10, 2 ** 32 - 1, 600 * 1024 * 1024]) })));
  } else {
    const m = random.pick(byteMutations);
    mutation = `zip-${m.name}`;
    bytes = m.apply(zipFile(entries), random);
  }
  return filesAround(random, a, b, { name: 'b-hostile.zip', bytes }, mutation);
}

function gzipWhole(random: Random, a: FictionalArticle, b: FictionalArticle, target: FictionalArticle): Built {
  const pageBytes = utf8(htmlPage(target));
  const choice = random.int(0, 6);
  let mutation: string;
  let bytes: Uint8Array;
  if (choice === 0) {
    const depth = random.int(2, 10);
    mutation = `gzip-nested-${depth}`;
    bytes = pageBytes;
    for (let i = 0; i < depth; i++) bytes = gzipSync(bytes);
  } else if (choice === 1) {
    mutation = 'gzip-trailing-garbage';
    bytes = Buffer.concat([gzipSync(pageBytes), Buffer.from(random.pick(['garbage', '\u0000\u0000\u0000', filler(random, 500)]))]);
  } else if (choice === 2) {
    mutation = 'gzip-members';
    const half = Math.floor(pageBytes.length / 2);
    bytes = Buffer.concat([gzipSync(pageBytes.subarray(0, half)), gzipSync(pageBytes.subarray(half))]);
  } else if (choice === 3) {
    const size = random.pick([1_000_000, 40_000_000]);
    mutation = `gzip-bomb-${size}`;
    bytes = gzipSync(Buffer.concat([Buffer.from(random.pick(['.', ' ', 'a', '<div>']).repeat(size)), pageBytes]));
  } else if (choice === 4) {
    mutation = 'gzip-empty';
    bytes = gzipSync(Buffer.alloc(0));
  } else {
    const m = random.chance(0.5) ? mutateDocument(htmlPage(target), random) : undefined;
    const b2 = random.pick(byteMutations);
    mutation = m === undefined ? `gzip-${b2.name}` : `gzip-of-${m.mutation}`;
    bytes = m === undefined ? b2.apply(gzipSync(pageBytes), random) : gzipSync(m.bytes);
  }
  return filesAround(random, a, b, { name: `b-hostile${random.pick(['.html.gz', '.gz', '.warc.gz', ''])}`, bytes }, mutation);
}
