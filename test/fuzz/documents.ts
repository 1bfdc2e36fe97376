/**
 * Valid fictional documents for the fuzzer: articles made of made-up names (so no two cases share
 * text), and the forms ingest reads them in: an HTML page, plain text, a JSONL line, an RSS or Atom
 * item, a WARC record, a zip entry. Mutations start from these; canaries are these, untouched.
 */
import { buildZip } from '../ingest/support/build.js';
import type { Random } from './random.js';

export interface FictionalArticle {
  /** A made-up place name found in the title and text and nowhere else in the case. */
  readonly marker: string;
  readonly title: string;
  readonly author: string;
  readonly outlet: string;
  readonly url: string;
  /** ISO 8601 with its offset. */
  readonly published: string;
  readonly paragraphs: readonly string[];
}

const SUBJECTS = ['the harbour board', 'the town council', 'the school trust', 'the water company', 'the regional court', 'the ferry operator', 'the hospital board'];
const ACTIONS = [
  'approved a plan to rebuild the old quay before the winter storms',
  'voted to delay the new bypass until an inquiry reports',
  'opened a consultation on closing the night ferry',
  'agreed to fund repairs to the flooded library',
  'published figures showing waiting times had doubled',
  'announced an inquiry into the collapse of the footbridge',
];

/** A plausible news article about a made-up place, unique to this random source's state. */
export function fictionalArticle(random: Random): FictionalArticle {
  const marker = `${random.word(3, true)}${random.word(1)}`;
  const person = `${random.word(2, true)} ${random.word(3, true)}`;
  const official = `${random.word(2, true)} ${random.word(2, true)}`;
  const subject = random.pick(SUBJECTS);
  const action = random.pick(ACTIONS);
  const street = `${random.word(2, true)} Street`;
  const amount = random.int(2, 90);
  const day = random.int(1, 28);
  const month = random.int(1, 12);
  const pad = (n: number) => String(n).padStart(2, '0');
  const paragraphs = [
    `${marker} — In ${marker} on Tuesday, ${subject} ${action}, a decision that residents of ${street} had sought for years.`,
    `"We have waited a long time for this," said ${person}, who has lived in ${marker} since childhood. "The people here deserve to be heard before anything is built."`,
    `${official}, who chairs ${subject}, told reporters the work would cost about ${amount} million and take two years. She said most of the money would come from the regional fund.`,
    `Opponents in ${marker} argue the figures are too optimistic. A group of shop owners on ${street} said they would ask for the plans to be published in full before the next vote.`,
    `The next public meeting in ${marker} is expected in the spring, when ${subject} will present a revised timetable and answer questions from the floor.`,
  ];
  return {
    marker,
    title: `${marker}: ${subject.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase())} ${action.split(' ').slice(0, 4).join(' ')}`,
    author: person,
    outlet: `The ${random.word(2, true)} Gazette`,
    url: `https://${random.word(2)}.example/news/${marker.toLowerCase()}-${random.int(1000, 9999)}`,
    published: `2025-${pad(month)}-${pad(day)}T${pad(random.int(6, 20))}:${pad(random.int(0, 59))}:00+01:00`,
    paragraphs,
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article body as HTML paragraphs (with its headline). */
export function articleBodyHtml(a: FictionalArticle): string {
  return `<h1>${esc(a.title)}</h1>\n${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}`;
}

/** A whole web page with the metadata a news site puts in its head. */
export function htmlPage(a: FictionalArticle): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<meta property="og:title" content="${esc(a.title)}"><meta property="og:site_name" content="${esc(a.outlet)}">
<meta name="author" content="${esc(a.author)}"><meta property="article:published_time" content="${a.published}">
<link rel="canonical" href="${a.url}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>${articleBodyHtml(a)}
<p class="byline">By ${esc(a.author)}</p></article>
<footer>© ${esc(a.outlet)}</footer></body></html>
`;
}

/** The article as plain text: headline, blank line, paragraphs. */
export function plainText(a: FictionalArticle): string {
  return `${a.title}\n\n${a.paragraphs.join('\n\n')}\n`;
}

/** The fields of a JSONL record (serialised by the caller, which may mutate them first). */
export function jsonlRecord(a: FictionalArticle): Record<string, unknown> {
  return { url: a.url, title: a.title, author: a.author, published: a.published, site_name: a.outlet, text: a.paragraphs.join('\n\n') };
}

/** CDATA that survives any content: `]]>` is split across two sections. */
export const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** One RSS 2.0 `<item>`; `content` replaces the body HTML when given (already mutated). */
export function rssItem(a: FictionalArticle, content = articleBodyHtml(a)): string {
  return `<item><title>${esc(a.title)}</title><link>${a.url}</link><guid>${a.url}</guid>
<pubDate>${new Date(a.published).toUTCString()}</pubDate><dc:creator>${esc(a.author)}</dc:creator>
<description>${esc(a.paragraphs[0]!)}</description><content:encoded>${cdata(content)}</content:encoded></item>`;
}

export function rssFeed(outlet: string, items: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${esc(outlet)}</title><link>https://feeds.example/</link><language>en</language>
${items.join('\n')}
</channel></rss>
`;
}

/** One Atom `<entry>`; `content` replaces the body HTML when given. */
export function atomEntry(a: FictionalArticle, content = articleBodyHtml(a)): string {
  return `<entry><title>${esc(a.title)}</title><link rel="alternate" href="${a.url}"/><id>${a.url}</id>
<published>${a.published}</published><author><name>${esc(a.author)}</name></author>
<content type="html">${esc(content)}</content></entry>`;
}

export function atomFeed(outlet: string, entries: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${esc(outlet)}</title><id>https://feeds.example/atom</id>
${entries.join('\n')}
</feed>
`;
}

export interface WarcRecord {
  readonly type: 'response' | 'resource' | 'request' | 'warcinfo' | 'metadata';
  readonly uri?: string;
  readonly status?: number;
  readonly contentType?: string;
  /** The WARC-Date header as written (a mutation may make it nonsense). */
  readonly date?: string;
  readonly body: Uint8Array;
}

/** A WARC/1.1 file with honest lengths (a mutation that wants lying ones edits the bytes after). */
export function warcFile(records: readonly WarcRecord[], idPrefix: string): Buffer {
  return Buffer.concat(
    records.map((r, i) => {
      let block: Buffer = Buffer.from(r.body);
      let contentType = r.contentType ?? 'text/html; charset=utf-8';
      if (r.type === 'response') {
        const head = `HTTP/1.1 ${r.status ?? 200} OK\r\nContent-Type: ${contentType}\r\nContent-Length: ${block.length}\r\n\r\n`;
        block = Buffer.concat([Buffer.from(head, 'latin1'), block]);
        contentType = 'application/http; msgtype=response';
      }
      const head = [
        'WARC/1.1',
        `WARC-Type: ${r.type}`,
        `WARC-Record-ID: <urn:uuid:${idPrefix}-${i}>`,
        ...(r.uri === undefined ? [] : [`WARC-Target-URI: ${r.uri}`]),
        `WARC-Date: ${r.date ?? '2025-03-04T05:06:07Z'}`,
        `Content-Type: ${contentType}`,
        `Content-Length: ${block.length}`,
        '',
        '',
      ].join('\r\n');
      return Buffer.concat([Buffer.from(head, 'latin1'), block, Buffer.from('\r\n\r\n', 'latin1')]);
    }),
  );
}

export interface ZipEntry {
  /** Raw name bytes (a mutation may put NUL or `../` in them). */
  readonly name: Uint8Array;
  readonly data: Uint8Array;
  readonly store?: boolean;
  /** The uncompressed size written in the headers, when it should lie. */
  readonly declaredSize?: number;
}

/** A minimal PKZIP archive with raw entry names (the ingest tests' builder). */
export function zipFile(entries: readonly ZipEntry[]): Buffer {
  return buildZip(entries);
}
