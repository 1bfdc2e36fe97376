/**
 * Building a Document envelope from decoded content: NFC content, content hash and id, and the
 * messages gathered while reading it.
 *
 * This is the text boundary: characters no store can hold (U+0000, lone UTF-16 surrogates from
 * JSON escapes) are removed or replaced here, in the content and the hints alike, with one
 * `invalid-characters` warning saying what was replaced and how often (`characters.json`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Document, DocumentHints, MediaType, Origin } from '../../model/document.js';
import { parseDate } from '../dates.js';
import type { Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import type { EncodingInfo } from './decode.js';

export interface DocumentParts {
  readonly origin: Origin;
  readonly mediaType: MediaType;
  readonly content: string;
  readonly encoding: EncodingInfo;
  readonly byteLength: number;
  readonly hints: DocumentHints;
  readonly messages: readonly Message[];
}

/** Drop undefined and blank hint fields so equal hints serialise equally. */
export function cleanHints(hints: Record<string, string | undefined>): DocumentHints {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hints)) {
    const t = v?.trim();
    if (t) out[k] = t;
  }
  return out as DocumentHints;
}

interface CharacterRule {
  readonly replacement: string;
  readonly reason: string;
}
const characters = JSON.parse(readFileSync(new URL('./characters.json', import.meta.url), 'utf8')) as {
  readonly nul: CharacterRule;
  readonly loneSurrogate: CharacterRule;
};

/** Rule id of the message left when unstorable characters were replaced; articles carry it too. */
export const INVALID_CHARACTERS_RULE = 'invalid-characters';

// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Counts of what {@link repairText} replaced. */
interface Repairs {
  nul: number;
  surrogates: number;
  /** Where the first one was, in the repaired text, and in which field. */
  first?: { readonly field: string; readonly at: number; readonly text: string };
}

/** `text` without NUL characters and lone surrogates, counting them into `repairs`. */
function repairText(text: string, field: string, repairs: Repairs): string {
  if (!UNSTORABLE.test(text)) return text;
  UNSTORABLE.lastIndex = 0;
  let shift = 0;
  const out = text.replace(UNSTORABLE, (ch: string, offset: number) => {
    const nul = ch === '\u0000';
    if (nul) repairs.nul++;
    else repairs.surrogates++;
    const replacement = nul ? characters.nul.replacement : characters.loneSurrogate.replacement;
    if (repairs.first === undefined) repairs.first = { field, at: offset + shift, text: '' };
    shift += replacement.length - ch.length;
    return replacement;
  });
  if (repairs.first?.field === field && repairs.first.text === '') repairs.first = { ...repairs.first, text: out };
  return out;
}

/**
 * `value` with every string in it (deeply) freed of NUL characters and lone surrogates, each
 * replaced by U+FFFD so that offsets into the strings stay valid; the message says how many, or is
 * undefined (and `value` returned as is) when there were none. For records built from content that
 * was already repaired, whose fields may still hold such characters from escapes (a JSON-LD
 * `\u0000` in a headline).
 */
export function repairStrings<T>(value: T): { value: T; message?: Message } {
  const repairs: Repairs = { nul: 0, surrogates: 0 };
  // The path to the string being walked, joined only for the first repair.
  const path: string[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!UNSTORABLE.test(v)) return v;
      UNSTORABLE.lastIndex = 0;
      let at = -1;
      const out = v.replace(UNSTORABLE, (ch: string, offset: number) => {
        if (ch === '\u0000') repairs.nul++;
        else repairs.surrogates++;
        if (at < 0) at = offset;
        return '\uFFFD';
      });
      repairs.first ??= { field: path.join('.'), at, text: out };
      return out;
    }
    if (Array.isArray(v)) {
      // Copied only from the first change on: records are large and nearly always clean.
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const y = walk(v[i]);
        if (out === undefined && y !== v[i]) out = v.slice(0, i);
        out?.push(y);
      }
      return out ?? v;
    }
    if (v !== null && typeof v === 'object') {
      let out: Record<string, unknown> | undefined;
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const x = (v as Record<string, unknown>)[k];
        path.push(k);
        const y = walk(x);
        path.pop();
        if (out === undefined && y !== x) out = Object.fromEntries(keys.slice(0, i).map((j) => [j, (v as Record<string, unknown>)[j]]));
        if (out !== undefined) out[k] = y;
      }
      return out ?? v;
    }
    return v;
  };
  const out = walk(value) as T;
  const message = repairMessage(repairs, 'replaced with U+FFFD');
  return message === undefined ? { value } : { value: out, message };
}

/** The message for what was repaired, or undefined when nothing was. */
function repairMessage(repairs: Repairs, nulDone = 'removed'): Message | undefined {
  if (repairs.nul === 0 && repairs.surrogates === 0) return undefined;
  const done: string[] = [];
  if (repairs.nul > 0) done.push(`${repairs.nul} NUL character(s) (U+0000) were ${nulDone}`);
  if (repairs.surrogates > 0) done.push(`${repairs.surrogates} lone UTF-16 surrogate(s) were replaced with U+FFFD`);
  const first = repairs.first;
  const where = first === undefined || first.field === 'content' ? '' : ` (first in the ${first.field})`;
  return {
    stage: 'ingest',
    ruleId: INVALID_CHARACTERS_RULE,
    severity: 'warning',
    reason: `${done.join(' and ')}${where}: no database can store them, and they carry no text.`,
    ...(first === undefined ? {} : { excerpt: first.text.slice(Math.max(0, first.at - 40), first.at + 40) }),
    data: { nul: repairs.nul, surrogates: repairs.surrogates },
  };
}

/**
 * A Document envelope; `content` is normalised to NFC and hashed. NUL characters and lone
 * surrogates in the content or hints are replaced first, with a message.
 */
export function makeDocument(parts: DocumentParts, now: Date): Envelope<Document> {
  const repairs: Repairs = { nul: 0, surrogates: 0 };
  const content = repairText(parts.content, 'content', repairs).normalize('NFC');
  const hints = Object.fromEntries(Object.entries(parts.hints).map(([k, v]) => [k, typeof v === 'string' ? repairText(v, k, repairs) : v])) as DocumentHints;
  const repaired = repairMessage(repairs);
  const contentHash = createHash('sha256').update(content, 'utf8').digest('hex');
  const value: Document = {
    id: `doc_${contentHash.slice(0, 16)}`,
    contentHash,
    origin: parts.origin,
    mediaType: parts.mediaType,
    content,
    encoding: parts.encoding,
    byteLength: parts.byteLength,
    hints,
    ingestedAt: now.toISOString(),
  };
  return { value, messages: repaired === undefined ? parts.messages : [...parts.messages, repaired] };
}

/**
 * Where a document was published, as a key: its URL (without the fragment, scheme and host in
 * lower case) when it has one, else its outlet's name; '' when neither is known (a file, stdin).
 * A file's path is not an origin: it says where the bytes were found, not who published them, so
 * one page saved under two names is one document.
 */
export function originKey(hints: DocumentHints): string {
  if (hints.url !== undefined && hints.url.trim() !== '') {
    try {
      const u = new URL(hints.url.trim());
      u.hash = '';
      return `url:${u.href}`;
    } catch {
      return `url:${hints.url.trim()}`;
    }
  }
  if (hints.siteName !== undefined && hints.siteName.trim() !== '') return `site:${hints.siteName.trim().toLowerCase()}`;
  return '';
}

/**
 * The id of a document whose content is already stored from another origin: its content hash
 * qualified by its {@link originKey}. The first document of a content keeps `doc_` + its content
 * hash, so documents seen once keep the ids they always had.
 */
export function originDocumentId(contentHash: string, origin: string): string {
  return `doc_${createHash('sha256').update(`${contentHash}\n${origin}`, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Rule id of the message on a document (and its articles) that gained metadata when seen again. */
export const METADATA_ADDED_RULE = 'metadata-added';

/** The hint fields that a document seen again may add to the stored one, in the order messages name them. */
export const ENRICHING_HINTS = ['url', 'siteName', 'title', 'published', 'author', 'language'] as const;

/**
 * A date string from a feed, JSONL record or header, in the ISO 8601 form a publication date is stored
 * in, with the offset as written (`Mon, 16 Mar 2026 15:42:00 +0100` → `2026-03-16T15:42:00+01:00`;
 * `Z`, `GMT` or `UTC` → `…Z`), so the calendar day stays the writer's. A time written without a
 * zone stays a time without a zone (`2026-03-16T15:42`: a day with its local time, never read in the
 * machine's zone); a date alone stays a date. Undefined when unparseable.
 */
export function isoDate(raw: string | undefined): string | undefined {
  const d = parseDate(raw, 'hint');
  if (d === undefined) return undefined;
  return d.precision === 'day' && d.localTime !== undefined ? `${d.value}T${d.localTime}` : d.value;
}
