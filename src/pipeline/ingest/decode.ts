/**
 * Bytes → text. Order of evidence: byte-order mark, then the HTTP Content-Type charset, then a
 * `<meta charset>` / `<meta http-equiv>` / XML declaration in the first bytes, then detection
 * (chardet), then UTF-8. Every guess and every repair is a message; the output text is NFC.
 */
import { readFileSync } from 'node:fs';
import chardet from 'chardet';
import type { Document } from '../../model/document.js';
import type { Message } from '../../model/message.js';
import { createError } from '../../errors.js';

interface Threshold<T> {
  readonly value: T;
  readonly reason: string;
}
interface DecodeRules {
  readonly prescanBytes: Threshold<number>;
  readonly brokenUtf8MinValidRatio: Threshold<number>;
  readonly detectMinConfidence: Threshold<number>;
  readonly maxReplacementShare: Threshold<number>;
  readonly metaUtf16AsUtf8: Threshold<boolean>;
}

const rules = JSON.parse(readFileSync(new URL('./decode.json', import.meta.url), 'utf8')) as DecodeRules;

export type EncodingInfo = Document['encoding'];

export interface Decoded {
  /** Decoded text, BOM removed, normalised to NFC. */
  readonly text: string;
  readonly encoding: EncodingInfo;
  /** Guesses and repairs, with spans into {@link text} where they concern one place. */
  readonly messages: readonly Message[];
}

export interface DecodeOptions {
  /** The charset parameter of an HTTP (or WARC payload) Content-Type header. */
  readonly headerCharset?: string;
  /** Name used in error messages. */
  readonly input: string;
}

/** Canonical WHATWG encoding name for a label, or undefined when the label is unknown. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

/** Charset parameter of a Content-Type header value (`text/html; charset="windows-1256"`). */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType === undefined ? null : /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m?.[1];
}

function decodeWith(name: string, bytes: Uint8Array): string {
  // Stream mode on purpose: Node 20's one-shot fast path decodes windows-1252 as ISO-8859-1.
  const decoder = new TextDecoder(name);
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

function bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Counts of well-formed multi-byte sequences and invalid bytes, by the UTF-8 rules. */
function utf8Stats(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else {
      invalid++;
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

interface Declared {
  readonly name: string;
  readonly source: 'header' | 'meta' | 'declared';
  readonly label: string;
}

/** `<meta charset>`, `<meta http-equiv content="…charset=…">` or `<?xml encoding="…"?>` near the start. */
function prescan(bytes: Uint8Array): { label: string; source: 'meta' | 'declared' } | undefined {
  const head = decodeWith('windows-1252', bytes.subarray(0, rules.prescanBytes.value));
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return { label: xml[1], source: 'declared' };
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    const content = /\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i.exec(meta);
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(content ? meta.replace(content[0], '') : meta);
    if (direct?.[1]) return { label: direct[1], source: 'meta' };
    if (content?.[1] && /\bhttp-equiv\s*=\s*["']?content-type/i.test(meta)) {
      const label = charsetOf(content[1].replace(/^["']|["']$/g, ''));
      if (label !== undefined) return { label, source: 'meta' };
    }
  }
  return undefined;
}

function message(ruleId: string, severity: Message['severity'], reason: string, data?: Record<string, unknown>): Message {
  return { stage: 'ingest', ruleId, severity, reason, ...(data === undefined ? {} : { data }) };
}

/** The most likely legacy encoding by chardet, if it is confident enough and decodable here. */
function detectLegacy(bytes: Uint8Array): { name: string; confidence: number } | undefined {
  for (const match of chardet.analyse(bytes)) {
    if (match.confidence < rules.detectMinConfidence.value) break;
    const name = encodingName(match.name);
    if (name === undefined || name === 'utf-8' || name.startsWith('utf-16')) continue;
    return { name, confidence: match.confidence };
  }
  return undefined;
}

function finish(raw: string, encoding: EncodingInfo, messages: Message[], input: string): Decoded {
  const text = raw.normalize('NFC');
  if (text !== raw) {
    messages.push(message('normalized-nfc', 'info', 'The text was normalised to Unicode NFC (composed characters), so equal text hashes equally.'));
  }
  const first = text.indexOf('\uFFFD');
  if (first >= 0 && encoding.name === 'utf-8') {
    let count = 0;
    for (const ch of text) if (ch === '\uFFFD') count++;
    if (text.length > 0 && count / text.length > rules.maxReplacementShare.value) {
      throw createError('ENCODING_INVALID', { input, encoding: encoding.name, detail: `${count} of ${text.length} characters could not be decoded` });
    }
    messages.push({
      ...message('invalid-utf8', 'warning', `${count} invalid UTF-8 byte sequence(s) were replaced with U+FFFD; the first is marked.`, { count }),
      span: { start: first, end: first + 1 },
      layer: 'source',
      excerpt: text.slice(Math.max(0, first - 40), first + 40),
    });
  }
  return { text, encoding, messages };
}

/** Decode raw bytes to text, deciding the encoding as described above. Throws ENCODING_INVALID for undecodable bytes. */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions): Decoded {
  const messages: Message[] = [];
  const fromBom = bom(bytes);
  if (fromBom !== undefined) return finish(decodeWith(fromBom, bytes), { name: fromBom, source: 'bom' }, messages, options.input);

  let declared: Declared | undefined;
  const candidates: { label: string; source: Declared['source'] }[] = [];
  if (options.headerCharset !== undefined) candidates.push({ label: options.headerCharset, source: 'header' });
  const scanned = prescan(bytes);
  if (scanned !== undefined) candidates.push(scanned);
  for (const c of candidates) {
    let name = encodingName(c.label);
    if (name === undefined) {
      messages.push(message('unknown-charset', 'warning', `The declared charset "${c.label}" is not a known encoding and was ignored.`, { label: c.label, source: c.source }));
      continue;
    }
    if (c.source !== 'header' && name.startsWith('utf-16') && rules.metaUtf16AsUtf8.value) name = 'utf-8';
    declared = { name, source: c.source, label: c.label };
    break;
  }

  const stats = utf8Stats(bytes);
  const validUtf8 = stats.invalid === 0;

  if (declared !== undefined && declared.name !== 'utf-8') {
    if (validUtf8 && stats.multibyte > 0 && !declared.name.startsWith('utf-16')) {
      messages.push(
        message('declared-charset-mismatch', 'warning', `The input declares ${declared.name} but its bytes are valid UTF-8, so it was decoded as UTF-8.`, {
          declared: declared.name,
        }),
      );
      return finish(decodeWith('utf-8', bytes), { name: 'utf-8', source: 'detected' }, messages, options.input);
    }
    try {
      const decoder = new TextDecoder(declared.name, { fatal: true });
      const text = decoder.decode(bytes, { stream: true }) + decoder.decode();
      return finish(text, { name: declared.name, source: declared.source }, messages, options.input);
    } catch {
      messages.push(
        message('declared-charset-invalid', 'warning', `The input declares ${declared.name} but is not valid in it; the encoding was detected instead.`, {
          declared: declared.name,
        }),
      );
      declared = undefined;
    }
  }

  if (validUtf8) {
    const source = declared !== undefined ? declared.source : stats.multibyte > 0 ? 'detected' : 'default';
    return finish(decodeWith('utf-8', bytes), { name: 'utf-8', source }, messages, options.input);
  }

  if (declared?.name === 'utf-8') {
    messages.push(message('declared-charset-invalid', 'warning', 'The input declares UTF-8 but is not valid UTF-8.', { declared: 'utf-8' }));
  }
  // Not valid UTF-8: damaged UTF-8, or a legacy encoding?
  const damagedUtf8 = stats.multibyte > 0 && stats.multibyte >= stats.invalid * rules.brokenUtf8MinValidRatio.value;
  if (!damagedUtf8) {
    const legacy = detectLegacy(bytes);
    if (legacy !== undefined) {
      messages.push(
        message(
          'encoding-guessed',
          'warning',
          `No usable charset was declared and the bytes are not UTF-8; decoded as ${legacy.name} (detector confidence ${legacy.confidence}/100).`,
          { encoding: legacy.name, confidence: legacy.confidence },
        ),
      );
      return finish(decodeWith(legacy.name, bytes), { name: legacy.name, source: 'detected' }, messages, options.input);
    }
  }
  return finish(decodeWith('utf-8', bytes), { name: 'utf-8', source: declared?.source ?? 'default' }, messages, options.input);
}
