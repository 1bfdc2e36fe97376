/**
 * Content sniffing: what an input is, judged from its bytes and never from its name.
 *
 * {@link sniffBytes} looks at magic numbers (containers, binaries) on raw bytes;
 * {@link classifyText} decides between feed, HTML, JSONL, Markdown and plain text on decoded text.
 */
import { readFileSync } from 'node:fs';

interface Signature {
  readonly hex?: string;
  readonly ascii?: string;
  readonly offset: number;
  readonly kind: 'gzip' | 'zip' | 'warc' | 'binary';
  readonly what: string;
  readonly reason: string;
}
interface SniffRules {
  readonly signatures: readonly Signature[];
  readonly officeZipMarkers: { readonly value: readonly string[]; readonly reason: string };
  readonly feedRoots: { readonly value: readonly string[]; readonly reason: string };
  readonly htmlRoots: { readonly value: readonly string[]; readonly reason: string };
  readonly htmlFragmentTags: { readonly pattern: string; readonly minHits: number; readonly reason: string };
  readonly markdown: {
    readonly signals: readonly { readonly pattern: string; readonly weight: number; readonly reason: string }[];
    readonly threshold: number;
    readonly reason: string;
  };
  readonly controlCharShare: { readonly value: number; readonly reason: string };
}

const rules = JSON.parse(readFileSync(new URL('./sniff.json', import.meta.url), 'utf8')) as SniffRules;

const signatures = rules.signatures.map((s) => ({
  ...s,
  bytes: s.hex !== undefined ? Buffer.from(s.hex, 'hex') : Buffer.from(s.ascii ?? '', 'latin1'),
}));
const feedRoots = new Set(rules.feedRoots.value);
const htmlRoots = new Set(rules.htmlRoots.value);
const fragmentTags = new RegExp(rules.htmlFragmentTags.pattern, 'gi');
const markdownSignals = rules.markdown.signals.map((s) => ({ ...s, re: new RegExp(s.pattern, 'm') }));

/** Names inside a zip that make it an office document or e-book rather than an archive of pages. */
export const officeZipMarkers: ReadonlySet<string> = new Set(rules.officeZipMarkers.value);

/** What the bytes are at the container level. */
export type ByteKind = { readonly kind: 'gzip' | 'zip' | 'warc' } | { readonly kind: 'binary'; readonly what: string } | { readonly kind: 'text' };

/**
 * Whether the bytes open as markup or JSON (`<` or `{` first, after an optional UTF-8 BOM and
 * whitespace): then NUL bytes and control characters further on are damage inside a text (a feed
 * item, a JSONL line, a page), repaired or refused part by part later, not signs of binary data;
 * refusing the whole file would lose every good item beside the damaged one.
 */
function opensAsText(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c || head[i] === 0x7b;
}

/** Classify raw bytes by magic number, NUL bytes and control characters. Empty input is `text`. */
export function sniffBytes(head: Uint8Array): ByteKind {
  for (const sig of signatures) {
    const end = sig.offset + sig.bytes.length;
    if (head.length >= end && Buffer.from(head.buffer, head.byteOffset + sig.offset, sig.bytes.length).equals(sig.bytes)) {
      return sig.kind === 'binary' ? { kind: 'binary', what: sig.what } : { kind: sig.kind };
    }
  }
  const utf16 = (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe);
  if (!utf16 && !opensAsText(head)) {
    let controls = 0;
    for (const b of head) {
      if (b === 0) return { kind: 'binary', what: 'binary data (it contains NUL bytes)' };
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
    }
    if (head.length > 0 && controls / head.length > rules.controlCharShare.value) {
      return { kind: 'binary', what: 'binary data (it is mostly control characters)' };
    }
  }
  return { kind: 'text' };
}

/** What decoded text is. `xml` is well-formed-looking XML that is neither a feed nor XHTML. */
export type TextKind =
  | { readonly kind: 'feed' | 'html' | 'jsonl' | 'markdown' | 'plain' }
  | { readonly kind: 'xml'; readonly root: string }
  | { readonly kind: 'json' };

/** Name of the first element, skipping the XML declaration, processing instructions, comments and the DOCTYPE. */
function rootElement(text: string): { name: string; xmlDecl: boolean; doctype?: string } | undefined {
  let i = 0;
  let xmlDecl = false;
  let doctype: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      if (text.startsWith('<?xml', i)) xmlDecl = true;
      const end = text.indexOf('?>', i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (/^<!doctype/i.test(text.slice(i, i + 9))) {
      const m = /^<!doctype\s+([^\s>[]+)/i.exec(text.slice(i, i + 200));
      doctype = m?.[1]?.toLowerCase();
      const bracket = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      if (close < 0) return undefined;
      if (bracket >= 0 && bracket < close) {
        const endSubset = text.indexOf(']', bracket);
        const after = endSubset < 0 ? -1 : text.indexOf('>', endSubset);
        if (after < 0) return undefined;
        i = after + 1;
      } else i = close + 1;
    } else if (text[i] === '<') {
      const m = /^<([A-Za-z_][\w:.-]*)/.exec(text.slice(i, i + 100));
      return m?.[1] === undefined ? undefined : { name: m[1].toLowerCase(), xmlDecl, ...(doctype === undefined ? {} : { doctype }) };
    } else return undefined;
  }
  return undefined;
}

/** Classify decoded text (the first few kilobytes are enough). */
export function classifyText(text: string): TextKind {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) {
    const root = rootElement(t);
    if (root !== undefined) {
      if (feedRoots.has(root.name) || (root.doctype !== undefined && feedRoots.has(root.doctype))) return { kind: 'feed' };
      if (root.name === 'html' || root.doctype === 'html' || htmlRoots.has(root.name)) return { kind: 'html' };
      if (root.xmlDecl) return { kind: 'xml', root: root.name };
    } else if (/^<!doctype\s+html/i.test(t)) return { kind: 'html' };
  }
  if (t.startsWith('{')) {
    const end = t.indexOf('\n');
    // No line ends in the sample: a first line longer than the sample (one long article per line)
    // cannot be parsed here. It is read as JSON Lines, whose reader names a line that is no object.
    if (end === -1) return { kind: 'jsonl' };
    const firstLine = t.slice(0, end).trim();
    try {
      const v: unknown = JSON.parse(firstLine);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return { kind: 'jsonl' };
    } catch {
      if (/^\{\s*("|$)/.test(firstLine)) return { kind: 'json' };
    }
  }
  if (t.startsWith('[')) {
    try {
      JSON.parse(t);
      return { kind: 'json' };
    } catch {
      // not JSON: fall through to text
    }
  }
  // HTML fragments and Markdown show themselves early; looking further only costs time on long texts.
  const head = t.slice(0, 16_384);
  const hits = head.match(fragmentTags)?.length ?? 0;
  if (hits >= rules.htmlFragmentTags.minHits) return { kind: 'html' };
  let score = 0;
  for (const s of markdownSignals) if (s.re.test(head)) score += s.weight;
  return { kind: score >= rules.markdown.threshold ? 'markdown' : 'plain' };
}
