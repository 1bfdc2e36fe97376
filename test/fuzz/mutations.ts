/**
 * Hostile mutations of a valid document, as a catalogue: text mutations work on the decoded text of
 * any input (a page, a text file, a JSONL field, a feed item's body, a WARC payload, a zip entry),
 * byte mutations on its encoded bytes. Each is named, so a failure says which one found it; sizes
 * come from the case's random source, so a seed replays the same input.
 */
import type { Random } from './random.js';

export interface TextMutation {
  readonly name: string;
  apply(text: string, random: Random): string;
}

export interface ByteMutation {
  readonly name: string;
  apply(bytes: Uint8Array, random: Random): Uint8Array;
}

/** Prose a fuzz case pads with: varied enough not to look like a repeated template. */
const FILLER = [
  'The committee heard evidence from residents who had waited months for an answer.',
  'Several speakers asked why the figures had changed since the last meeting.',
  'A spokesperson said the report would be published once the review was complete.',
  'Traffic on the coast road was slower than usual throughout the afternoon.',
  'The museum reopened its east wing after a year of repairs to the roof.',
];

export function filler(random: Random, bytes: number): string {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const s = random.pick(FILLER);
    out.push(s);
    size += s.length + 1;
  }
  return out.join(' ');
}

/** Places inside the text where something can go without breaking its outer structure. */
function spots(text: string): number[] {
  const out: number[] = [];
  for (const token of ['</p>', '<p>', '\n', '. ']) {
    let i = text.indexOf(token);
    while (i >= 0 && out.length < 2000) {
      out.push(i + (token === '</p>' ? 0 : token.length));
      i = text.indexOf(token, i + 1);
    }
  }
  return out.length > 0 ? out : [text.length];
}

function insert(text: string, random: Random, piece: string): string {
  const at = random.pick(spots(text));
  return text.slice(0, at) + piece + text.slice(at);
}

/** Insert `count` pieces from `make`, each at its own spot. */
function sprinkle(text: string, random: Random, count: number, make: () => string): string {
  let out = text;
  for (let i = 0; i < count; i++) out = insert(out, random, make());
  return out;
}

/** Text pushed past the 8 KiB that sniffing reads, so what follows is only met while parsing. */
function pastSniff(text: string, random: Random): string {
  const pad = filler(random, 9000);
  const at = text.indexOf('<p>');
  return at >= 0 ? `${text.slice(0, at)}<p>${pad}</p>${text.slice(at)}` : `${pad}\n\n${text}`;
}

const BAD_DATES = [
  '2024-13-45',
  '0000-00-00T00:00:00Z',
  '99999-01-01',
  'Thu, 31 Feb 2024 25:61:00 +9900',
  '1e400',
  '-271821-04-19T00:00:00Z',
  '275760-09-13T00:00:01Z',
  'yesterday at noon',
  '2024-02-30T12:00:00+25:00',
  '',
  '   ',
  'NaN',
  '2025-06-01T12:00:00Z'.repeat(2000),
  '\u0000',
  '12/13/14/15',
  '20250101',
  '9999999999999999999',
];

const CONTROLS = [...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)), '\u007f', '\u0085', '\u008d', '\u009b', '\u2028', '\u2029', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff', '\ufffe', '\uffff', '\ue000', '\u{10ffff}'];
const PUNCTUATION = ['.', '!', '?', '-', ',', '…', '—', '*', '#', '=', '|', ' ', '\n', '\t', '<', '>', '&', '"', "'", '“', '”', '«', '(', '[', '{', ':', ';', '/', '\\', '_'];
const TAGS = ['div', 'span', 'b', 'i', 'blockquote', 'section', 'a', 'p', 'li', 'td', 'em', 'font', 'q'];
const PAYLOADS = [
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="alert(1)">',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  '<style>*{display:none}</style>',
  "'; DROP TABLE articles; --",
  '${process.exit(1)}',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<!--<script>-->alert(1)//-->',
  '__proto__',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
];
const REGEX_BAIT = [
  'a@a.a',
  'http://',
  'Mr. ',
  'said ',
  '"\'',
  'Aaa Bbb ',
  '1,2,',
  '2024-01-01 ',
  'By ',
  '- ',
  '((((',
  '— ',
  ' .',
  'www.',
  'Photo: ',
  'Read more ',
  ' \t',
  '***',
];

export const textMutations: readonly TextMutation[] = [
  { name: 'nul', apply: (t, r) => sprinkle(t, r, r.int(1, 40), () => '\u0000') },
  {
    name: 'nul-past-sniff',
    apply: (t, r) => {
      const padded = pastSniff(t, r);
      return padded.slice(0, 9200) + sprinkle(padded.slice(9200), r, r.int(1, 20), () => '\u0000');
    },
  },
  { name: 'lone-surrogate', apply: (t, r) => sprinkle(t, r, r.int(1, 40), () => r.pick(['\ud800', '\udfff', '\udbff\udbff', '\udc00x'])) },
  { name: 'bom', apply: (t, r) => '\ufeff'.repeat(r.int(1, 3)) + sprinkle(t, r, r.int(0, 5), () => '\ufeff') },
  { name: 'control-chars', apply: (t, r) => sprinkle(t, r, r.int(1, 2000), () => r.pick(CONTROLS)) },
  {
    name: 'punctuation-run',
    apply: (t, r) => insert(t, r, r.pick(PUNCTUATION).repeat(r.pick([1000, 20_000, 100_000, 200_000]))),
  },
  { name: 'quote-run', apply: (t, r) => insert(t, r, r.pick(['"', '“', '«', "'", '„', '「']).repeat(20_000) + ' he said ' + '"'.repeat(r.int(0, 3))) },
  {
    name: 'deep-nesting',
    apply: (t, r) => {
      const depth = r.pick([300, 1000, 5000, 50_000, 300_000]);
      const tag = r.pick(TAGS);
      const closed = r.chance(0.5);
      return insert(t, r, `<${tag}>`.repeat(depth) + `<p>${filler(r, 300)}</p>` + (closed ? `</${tag}>`.repeat(depth) : ''));
    },
  },
  {
    name: 'huge-attribute',
    apply: (t, r) => {
      const size = r.pick([100_000, 1_000_000, 4_000_000]);
      const shape = r.int(0, 3);
      if (shape === 0) return insert(t, r, `<p class="${'x'.repeat(size)}">${filler(r, 200)}</p>`);
      if (shape === 1) return insert(t, r, `<a href="https://x.example/${'a/'.repeat(size / 2)}">link</a>`);
      if (shape === 2) return insert(t, r, `<div ${Array.from({ length: 20_000 }, (_, i) => `data-a${i}="${i}"`).join(' ')}>${filler(r, 200)}</div>`);
      return t.replace('<html', `<html style="${'color:red;'.repeat(size / 10)}"`);
    },
  },
  {
    name: 'entity-bomb',
    apply: (t, r) => {
      const entity = r.pick(['&amp;amp;amp;', '&#0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&nbsp;', '&', '&unknownentity;', '&#x;', '&lt;script&gt;', '&#8203;', '&#65279;']);
      return insert(t, r, entity.repeat(r.pick([1000, 50_000, 200_000])));
    },
  },
  { name: 'script-payloads', apply: (t, r) => t.replace(/>([^<>]{3,})</g, (_m, inner: string) => `>${inner}${r.pick(PAYLOADS)}<`).replace(/content="([^"]*)"/g, () => `content="${r.pick(PAYLOADS).replace(/"/g, '&quot;')}"`) },
  {
    name: 'duplicated-fields',
    apply: (t, r) => {
      const heads = Array.from({ length: r.int(2, 400) }, (_, i) => `<title>Other headline ${i}</title><meta property="og:title" content="Copy ${i}"><meta property="article:published_time" content="${r.pick(BAD_DATES)}">`).join('');
      const withHeads = t.includes('</head>') ? t.replace('</head>', `${heads}</head>`) : heads + t;
      const para = /<p>[^<]*<\/p>/.exec(withHeads)?.[0] ?? filler(r, 200);
      return insert(withHeads, r, `${para}\n`.repeat(r.int(2, 500)));
    },
  },
  {
    name: 'malformed-dates',
    apply: (t, r) =>
      insert(
        t.replace(/\d{4}-\d\d-\d\dT[\d:]+[+-]\d\d:\d\d/g, () => r.pick(BAD_DATES)),
        r,
        `<time datetime="${r.pick(BAD_DATES)}">${r.pick(BAD_DATES)}</time><script type="application/ld+json">{"@type":"NewsArticle","datePublished":${JSON.stringify(r.pick(BAD_DATES))},"dateModified":[1,{"a":null}]}</script>`,
      ),
  },
  { name: 'long-word', apply: (t, r) => insert(t, r, r.pick(['x', 'ab', 'Zq', '٣', '字']).repeat(r.pick([50_000, 300_000, 1_000_000]))) },
  { name: 'long-sentence', apply: (t, r) => insert(t, r, Array.from({ length: r.pick([5000, 40_000]) }, () => r.word(2)).join(' ')) },
  {
    name: 'many-blocks',
    apply: (t, r) => insert(t, r, r.pick(['<p>x</p>', '<br>', '<li>a', '\n\n', '<p></p>', '<h2>H</h2>', '<hr>', '<td>1</td>']).repeat(r.pick([5000, 20_000, 100_000]))),
  },
  {
    name: 'combining-marks',
    apply: (t, r) => {
      if (r.chance(0.5)) return insert(t, r, `Z${'\u0301\u0308\u0336'.repeat(r.pick([1000, 10_000]))}`);
      // Characters NFC normalisation expands into several code points.
      return insert(t, r, r.pick(['\ufb2c', '\u0344', '\u1f82', '\u0958']).repeat(r.pick([10_000, 100_000])));
    },
  },
  {
    name: 'mixed-scripts',
    apply: (t, r) =>
      insert(t, r, r.pick(['مرحبا بالعالم ', 'שלום עולם ', '天気が良いので散歩した', '👩‍👩‍👧‍👦', '\u{1d54f}\u{1d550}', 'Ελληνικά ', 'ѕрооf ', '\u202eevil\u202c ']).repeat(r.pick([100, 10_000, 50_000]))),
  },
  { name: 'regex-bait', apply: (t, r) => insert(t, r, r.pick(REGEX_BAIT).repeat(r.pick([2000, 20_000, 80_000])) + r.pick(['', '!', '@', 'x'])) },
  {
    name: 'unterminated',
    apply: (t, r) => insert(t, r, r.pick(['<!--', '<script>', '<style>', '<![CDATA[', '<textarea>', '<title>', '<?xml', '<a href="', '<p class=\'', '<noscript>', '<template>', '<svg><![CDATA['])),
  },
  { name: 'huge-article', apply: (t, r) => insert(t, r, Array.from({ length: r.pick([2000, 10_000, 40_000]) }, () => `<p>${filler(r, 200)} ${r.word(3, true)} ${r.word(2)}.</p>`).join('\n')) },
  { name: 'no-text', apply: (_t, r) => r.pick(['<html><head></head><body></body></html>', '<div><nav>Home | News</nav></div>', '   \n\t  ', '<p>\u00a0</p>'.repeat(100), '<script>var a = 1;</script>', '.', '<!-- -->', '\u200b\u200b']) },
  { name: 'truncate-text', apply: (t, r) => t.slice(0, r.int(0, t.length)) },
];

/** Invalid UTF-8 sequences and bytes no decoder accepts as they stand. */
const BAD_SEQUENCES = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff], [0xc3]];

function spliceBytes(bytes: Uint8Array, at: number, piece: Uint8Array | readonly number[]): Uint8Array {
  return Buffer.concat([bytes.subarray(0, at), Uint8Array.from(piece), bytes.subarray(at)]);
}

export const byteMutations: readonly ByteMutation[] = [
  {
    name: 'byte-flips',
    apply: (b, r) => {
      const out = Uint8Array.from(b);
      for (let i = r.int(1, 50); i > 0 && out.length > 0; i--) {
        const at = r.int(0, out.length - 1);
        out[at] = out[at]! ^ r.int(1, 255);
      }
      return out;
    },
  },
  { name: 'truncate-bytes', apply: (b, r) => b.subarray(0, r.int(0, Math.max(0, b.length - 1))) },
  {
    name: 'invalid-utf8',
    apply: (b, r) => {
      let out = b;
      for (let i = r.int(1, 500); i > 0; i--) out = spliceBytes(out, r.int(0, out.length), r.pick(BAD_SEQUENCES));
      return out;
    },
  },
  {
    name: 'wrong-charset',
    apply: (b, r) => {
      const label = r.pick(['utf-16', 'utf-16be', 'utf-32', 'x-bogus', 'shift_jis', 'iso-2022-jp', 'ebcdic-cp-us', 'utf-7', 'windows-1256', '', 'replacement']);
      const text = Buffer.from(b).toString('latin1').replace(/<meta charset="[^"]*">|encoding="[^"]*"/i, (m) => (m.startsWith('<') ? `<meta charset="${label}">` : `encoding="${label}"`));
      const out = Buffer.from(text, 'latin1');
      return r.chance(0.3) ? Buffer.concat([Buffer.from(r.pick([[0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0]])), out]) : out;
    },
  },
  {
    name: 'utf16',
    apply: (b, r) => {
      const text = Buffer.from(b).toString('utf8');
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      const body = r.chance(0.5) ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
      return r.chance(0.3) ? body.subarray(0, body.length - 1) : body;
    },
  },
  {
    name: 'nul-bytes-past-sniff',
    apply: (b, r) => {
      if (b.length <= 8200) return Buffer.concat([b, Buffer.from(`\n${filler(r, 9000)}\n`), Buffer.from([0, 0]), Buffer.from(` ${filler(r, 300)}\n`)]);
      let out = b;
      for (let i = r.int(1, 10); i > 0; i--) out = spliceBytes(out, r.int(8200, out.length), [0]);
      return out;
    },
  },
];
