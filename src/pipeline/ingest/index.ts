/**
 * Ingest stage: any raw input → Documents, safely.
 *
 * Inputs (each string is one of):
 * - a file path: HTML, plain text, Markdown, an RSS 2.0/Atom/RSS 1.0 (RDF) feed (one Document per
 *   item, full text from `content:encoded`/Atom `content` else the description), a WARC (one
 *   Document per 2xx `response`/`resource` record with an HTML, text or feed payload; non-page
 *   records are passed over), JSONL (one Document per line), or a `.gz`/`.zip` of any of these,
 *   recursively (a zip of pages, a `.jsonl.gz`, a `.warc.gz`). What a file is comes from its bytes,
 *   never its name; binaries (PDF, images, executables, office documents, NUL bytes) are refused.
 * - a folder: every file in it, recursively, in code-point order, skipping dotfiles; symlink
 *   loops end because no folder is entered twice.
 * - `-`: standard input.
 * - an `http://` or `https://` URL. Every other scheme (`file:`, `ftp:`, `data:` …) is refused.
 *
 * Safety limits (options; defaults in brackets):
 * - `maxDocumentBytes` [32 MiB]: one page, record, item or line. Files are refused on their size
 *   before being read; stdin, HTTP bodies and archive entries are cut off while streaming.
 * - `maxArchiveBytes` [512 MiB]: the total an archive may expand to, all nested layers together;
 *   also the cap on a container file (zip, gzip, WARC, feed, JSONL) read whole.
 * - `maxArchiveRatio` [200]: expansion ratio refused once an archive expands past 1 MiB;
 *   zip entries are judged on declared sizes before inflating and on actual bytes while inflating.
 * - `maxArchiveEntries` [100 000] entries per zip; archives nest at most 8 deep.
 * - URLs: refused unless every resolved address is public unicast (no loopback, private,
 *   link-local/metadata, CGNAT, multicast, unspecified, IPv4-mapped …), checked after DNS, at every
 *   redirect and in the connection itself; `allowPrivateNetwork` lifts this. `timeoutMs` [30 s] for
 *   the whole fetch, `maxRedirects` [5], a real `userAgent`.
 * - Feeds with a DTD internal subset (XXE, entity bombs) are refused; entities are never expanded.
 *
 * Encoding: BOM, then HTTP charset, then `<meta>`/XML declaration, then detection, then UTF-8;
 * every guess or repair (guessed encoding, invalid UTF-8 replaced, feed item without full text,
 * NFC normalisation) is a Message on the Document's envelope. One bad input yields one
 * `{ ok: false }` item naming it, and ingestion goes on with the rest.
 */
import { readFileSync } from 'node:fs';
import type { DocumentHints, MediaType, Origin } from '../../model/document.js';
import type { Document } from '../../model/document.js';
import type { Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import { createError, toParallaxError, type ParallaxError } from '../../errors.js';
import { defaultIO, type IngestIO } from './io.js';
import { classifyText, sniffBytes as sniffKind } from './sniff.js';
import { charsetOf, decodeBytes } from './decode.js';
import { cleanHints, isoDate, makeDocument } from './document.js';
import { parseFeed } from './feed.js';
import { parseJsonl } from './jsonl.js';
import { readWarc } from './warc.js';
import { gunzipCapped, readZip, type ArchiveBudget, type RenamedEntry } from './archive.js';
import { fetchUrl, networkDefaults } from './fetch.js';
import { readCapped, sniffBytes } from './capped.js';
import { unreadable, walkFolder } from './files.js';

export type { IngestIO, FetchRequest, FetchResponse, CheckedLookup } from './io.js';
export { defaultIO } from './io.js';

interface Limits {
  readonly ratioFloorBytes: { readonly value: number; readonly reason: string };
  readonly maxNesting: { readonly value: number; readonly reason: string };
  readonly feedMaxItems: { readonly value: number; readonly reason: string };
}
const limits = JSON.parse(readFileSync(new URL('./limits.json', import.meta.url), 'utf8')) as Limits;

export interface IngestOptions {
  /** Injected I/O; missing members are the real node:fs / node:dns / undici / stdin / clock. */
  io?: Partial<IngestIO>;
  /** Largest single document (page, record, item, line), in bytes. Default 32 MiB. */
  maxDocumentBytes?: number;
  /** Total expanded bytes per archive (all nested layers), and the cap on a container file. Default 512 MiB. */
  maxArchiveBytes?: number;
  /** Expansion ratio refused as a bomb (judged past 1 MiB expanded). Default 200. */
  maxArchiveRatio?: number;
  /** Entries per zip. Default 100 000. */
  maxArchiveEntries?: number;
  /** Fetch loopback, private, link-local … addresses too. Default false. */
  allowPrivateNetwork?: boolean;
  /** Deadline for one URL input (all redirects and the body). Default 30 000 ms. */
  timeoutMs?: number;
  /** Redirects followed per URL. Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Called after every item: top-level inputs done, of total; the item's locator; raw bytes read so far. */
  onProgress?(p: { done: number; total?: number; current: string; bytes: number }): void;
}

/** One result per document or per failure; `input` names what it came from (a path, URL, `a.zip!b.html`, `feed.xml#3`). */
export type IngestItem =
  | { ok: true; input: string; document: Envelope<Document> }
  | { ok: false; input: string; error: ParallaxError };

export type Ingest = (inputs: readonly string[]) => AsyncGenerator<IngestItem>;

const MiB = 1024 * 1024;

/** Where bytes being processed came from, and what their container already knows. */
interface Context {
  readonly input: string;
  readonly locator: string;
  readonly kind: Origin['kind'];
  readonly recordId?: string;
  readonly index?: number;
  readonly headerCharset?: string;
  readonly hints: DocumentHints;
  readonly depth: number;
  readonly budget?: ArchiveBudget;
  /** Messages every document read from these bytes carries (a zip entry whose name was repaired). */
  readonly notes?: readonly Message[];
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^(data|javascript|mailto|about|blob|file):/i;

/** Container messages copied onto each item: spans pointed into the container, so they are dropped. */
function inherited(messages: readonly Message[], container: string): Message[] {
  return messages.map(({ span: _s, layer: _l, excerpt: _e, ...rest }) => ({ ...rest, data: { ...rest.data, container } }));
}

/** The message on documents from a zip entry whose name held control characters. */
function renamedMessage(name: string, renamed: RenamedEntry): Message {
  return {
    stage: 'ingest',
    ruleId: 'entry-name-repaired',
    severity: 'warning',
    reason: `The zip entry's name held ${renamed.replaced} control character(s) (NUL, newline …), replaced with U+FFFD in its locator: no store can hold a NUL, and they are no part of a name.`,
    // Not the raw name: a NUL cannot be stored even escaped (PostgreSQL refuses \u0000 in JSON).
    data: { name, replaced: renamed.replaced },
  };
}

/** Create the ingest stage. */
export function createIngest(options: IngestOptions = {}): Ingest {
  const io: IngestIO = { ...defaultIO(), ...options.io };
  const maxDocumentBytes = options.maxDocumentBytes ?? 32 * MiB;
  const maxArchiveBytes = options.maxArchiveBytes ?? 512 * MiB;
  const policy = {
    allowPrivateNetwork: options.allowPrivateNetwork ?? false,
    timeoutMs: options.timeoutMs ?? networkDefaults.timeoutMs,
    maxRedirects: options.maxRedirects ?? networkDefaults.maxRedirects,
    userAgent: options.userAgent ?? networkDefaults.userAgent,
  };
  const newBudget = (): ArchiveBudget => ({
    limit: maxArchiveBytes,
    used: 0,
    maxRatio: options.maxArchiveRatio ?? 200,
    ratioFloor: limits.ratioFloorBytes.value,
    maxEntries: options.maxArchiveEntries ?? 100_000,
  });

  /** Byte cap for an input from its first bytes: containers get the archive cap. */
  const limitFor = (head: Uint8Array): number => {
    const kind = sniffKind(head);
    if (kind.kind === 'gzip' || kind.kind === 'zip' || kind.kind === 'warc') return maxArchiveBytes;
    if (kind.kind === 'binary') return maxDocumentBytes;
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    const text = Buffer.from(head).toString(utf16 ? 'utf16le' : 'latin1');
    const t = classifyText(text).kind;
    return t === 'feed' || t === 'jsonl' ? maxArchiveBytes : maxDocumentBytes;
  };

  const failure = (input: string, err: unknown): IngestItem => ({ ok: false, input, error: toParallaxError(err) });

  function document(ctx: Context, content: string, mediaType: MediaType, encoding: Document['encoding'], byteLength: number, messages: readonly Message[], hints: DocumentHints = ctx.hints): IngestItem {
    if (content.trim() === '') return failure(ctx.locator, createError('INPUT_EMPTY', { input: ctx.locator }));
    if (byteLength > maxDocumentBytes) return failure(ctx.locator, createError('INPUT_TOO_LARGE', { input: ctx.locator, size: byteLength, limit: maxDocumentBytes }));
    const origin: Origin = {
      kind: ctx.kind,
      locator: ctx.locator,
      input: ctx.input,
      ...(ctx.recordId === undefined ? {} : { recordId: ctx.recordId }),
      ...(ctx.index === undefined ? {} : { index: ctx.index }),
    };
    const all = ctx.notes === undefined ? messages : [...ctx.notes, ...messages];
    return { ok: true, input: ctx.locator, document: makeDocument({ origin, mediaType, content, encoding, byteLength, hints, messages: all }, io.now()) };
  }

  const textMediaType = (text: string): MediaType => {
    const kind = classifyText(text.slice(0, sniffBytes)).kind;
    return kind === 'html' ? 'text/html' : kind === 'markdown' ? 'text/markdown' : 'text/plain';
  };

  async function* guarded(locator: string, run: () => AsyncGenerator<IngestItem>): AsyncGenerator<IngestItem> {
    try {
      yield* run();
    } catch (err) {
      yield failure(locator, err);
    }
  }

  async function* processBytes(bytes: Uint8Array, ctx: Context): AsyncGenerator<IngestItem> {
    if (bytes.byteLength === 0) throw createError('INPUT_EMPTY', { input: ctx.locator });
    const kind = sniffKind(bytes.subarray(0, sniffBytes));
    if (kind.kind === 'binary') throw createError('INPUT_BINARY', { input: ctx.locator, kind: kind.what });
    if (kind.kind !== 'text') {
      const limit = limits.maxNesting.value;
      if (ctx.depth >= limit) throw createError('ARCHIVE_TOO_DEEP', { input: ctx.locator, depth: ctx.depth + 1, limit });
    }
    if (kind.kind === 'gzip') {
      const budget = ctx.budget ?? newBudget();
      const inner = await gunzipCapped(bytes, ctx.locator, budget);
      yield* processBytes(inner, { ...ctx, depth: ctx.depth + 1, budget });
      return;
    }
    if (kind.kind === 'zip') {
      const budget = ctx.budget ?? newBudget();
      let any = false;
      for await (const entry of readZip(bytes, ctx.locator, budget)) {
        any = true;
        const locator = `${ctx.locator}!${entry.name}`;
        if (!entry.ok) {
          yield failure(locator, entry.error);
          continue;
        }
        const notes = [...(ctx.notes ?? []), ...(entry.renamed === undefined ? [] : [renamedMessage(entry.name, entry.renamed)])];
        const entryCtx: Context = { input: ctx.input, locator, kind: 'archive-entry', hints: {}, depth: ctx.depth + 1, budget, ...(notes.length > 0 ? { notes } : {}) };
        yield* guarded(locator, () => processBytes(entry.bytes, entryCtx));
      }
      if (!any) throw createError('INPUT_EMPTY', { input: ctx.locator });
      return;
    }
    if (kind.kind === 'warc') {
      for await (const rec of readWarc(bytes, ctx.locator, maxDocumentBytes)) {
        if (!rec.ok) {
          yield failure(rec.index === 0 ? ctx.locator : `${ctx.locator}#${rec.index}`, rec.error);
          continue;
        }
        const p = rec.payload;
        const locator = `${ctx.locator}#${p.index}`;
        const recCtx: Context = {
          input: ctx.input,
          locator,
          kind: 'warc-record',
          ...(p.recordId === undefined ? {} : { recordId: p.recordId }),
          index: p.index,
          ...(charsetOf(p.contentType) === undefined ? {} : { headerCharset: charsetOf(p.contentType) }),
          hints: cleanHints({ url: p.url, capturedAt: isoDate(p.date), language: p.contentLanguage }),
          depth: ctx.depth + 1,
          ...(ctx.budget === undefined ? {} : { budget: ctx.budget }),
          ...(ctx.notes === undefined ? {} : { notes: ctx.notes }),
        };
        yield* guarded(locator, () => processBytes(p.bytes, recCtx));
      }
      return;
    }

    const cap = limitFor(bytes.subarray(0, sniffBytes));
    if (bytes.byteLength > cap) throw createError('INPUT_TOO_LARGE', { input: ctx.locator, size: bytes.byteLength, limit: cap });
    const decoded = decodeBytes(bytes, { input: ctx.locator, ...(ctx.headerCharset === undefined ? {} : { headerCharset: ctx.headerCharset }) });
    const text = decoded.text;
    if (text.trim() === '') throw createError('INPUT_EMPTY', { input: ctx.locator });
    const textKind = classifyText(text.slice(0, sniffBytes));
    switch (textKind.kind) {
      case 'feed': {
        const feed = parseFeed(text, ctx.locator, limits.feedMaxItems.value);
        if (feed.items.length === 0) throw createError('FEED_INVALID', { input: ctx.locator, detail: 'it has no items' });
        const fromContainer = inherited(decoded.messages, ctx.locator);
        for (const item of feed.items) {
          const locator = `${ctx.locator}#${item.index}`;
          const itemCtx: Context = { ...ctx, locator, kind: 'feed-item', index: item.index };
          if (item.content === undefined) {
            yield failure(locator, createError('INPUT_EMPTY', { input: locator }));
            continue;
          }
          const messages = [...fromContainer];
          if (!item.full) {
            messages.push({
              stage: 'ingest',
              ruleId: 'feed-no-full-text',
              severity: 'warning',
              reason: 'The feed item carries no full text (content:encoded or Atom content); its description or summary was used and may be truncated.',
            });
          }
          if (item.flattened) {
            messages.push({
              stage: 'ingest',
              ruleId: 'feed-markup-too-deep',
              severity: 'warning',
              reason: 'The feed item\'s markup is nested deeper than any article is written; only its text was read.',
            });
          }
          const hints = cleanHints({
            ...ctx.hints,
            url: item.link ?? ctx.hints.url,
            title: item.title,
            published: isoDate(item.published),
            author: item.author,
            siteName: feed.title ?? ctx.hints.siteName,
            language: item.language ?? ctx.hints.language,
          });
          const mediaType: MediaType = item.html ? 'text/html' : textMediaType(item.content);
          yield document(itemCtx, item.content, mediaType, decoded.encoding, Buffer.byteLength(item.content), messages, hints);
        }
        return;
      }
      case 'jsonl': {
        const fromContainer = inherited(decoded.messages, ctx.locator);
        for (const line of parseJsonl(text, ctx.locator)) {
          const locator = `${ctx.locator}#${line.ok ? line.record.line : line.line}`;
          if (!line.ok) {
            yield failure(locator, line.error);
            continue;
          }
          const r = line.record;
          const itemCtx: Context = { ...ctx, locator, kind: 'jsonl-line', index: r.line };
          const mediaType: MediaType = r.bodyKey === 'html' ? 'text/html' : textMediaType(r.body);
          const hints = cleanHints({ ...ctx.hints, ...r.hints, published: isoDate(r.hints.published) ?? r.hints.published });
          yield document(itemCtx, r.body, mediaType, decoded.encoding, Buffer.byteLength(r.body), fromContainer, hints);
        }
        return;
      }
      case 'json':
        throw createError('INPUT_UNSUPPORTED', { input: ctx.locator, detail: 'it is JSON but not JSON Lines (one object per line)' });
      case 'xml':
        throw createError('INPUT_UNSUPPORTED', { input: ctx.locator, detail: `it is XML with root <${textKind.root}>, not a feed or a web page` });
      default: {
        const mediaType: MediaType = textKind.kind === 'html' ? 'text/html' : textKind.kind === 'markdown' ? 'text/markdown' : 'text/plain';
        yield document(ctx, text, mediaType, decoded.encoding, bytes.byteLength, decoded.messages);
      }
    }
  }

  async function* ingestFile(path: string, input: string, size: number): AsyncGenerator<IngestItem> {
    if (size === 0) throw createError('INPUT_EMPTY', { input: path });
    let bytes: Uint8Array;
    try {
      const head = await io.readFile(path, Math.min(size, sniffBytes));
      const limit = limitFor(head);
      if (size > limit) throw createError('INPUT_TOO_LARGE', { input: path, size, limit });
      bytes = size <= head.byteLength ? head : await io.readFile(path, limit + 1);
      if (bytes.byteLength > limit) throw createError('INPUT_TOO_LARGE', { input: path, size: bytes.byteLength, limit });
    } catch (err) {
      throw err instanceof Error && err.name === 'ParallaxError' ? err : unreadable(path, err);
    }
    yield* processBytes(bytes, { input, locator: path, kind: 'file', hints: {}, depth: 0 });
  }

  async function* ingestOne(input: string): AsyncGenerator<IngestItem> {
    if (input === '-') {
      const bytes = await readCapped(io.stdin(), '-', limitFor);
      yield* processBytes(bytes, { input, locator: '-', kind: 'stdin', hints: {}, depth: 0 });
      return;
    }
    if (URL_LIKE.test(input)) {
      const fetched = await fetchUrl(input, io, policy, limitFor);
      const charset = charsetOf(fetched.contentType);
      yield* processBytes(fetched.bytes, {
        input,
        locator: input,
        kind: 'url',
        ...(charset === undefined ? {} : { headerCharset: charset }),
        hints: cleanHints({ url: fetched.url, language: fetched.contentLanguage }),
        depth: 0,
      });
      return;
    }
    let info: Awaited<ReturnType<IngestIO['stat']>>;
    try {
      info = await io.stat(input);
    } catch (err) {
      throw unreadable(input, err);
    }
    if (info.isDirectory) {
      for await (const file of walkFolder(input, io)) {
        if (!file.ok) yield failure(file.path, file.error);
        else yield* guarded(file.path, () => ingestFile(file.path, input, file.size));
      }
      return;
    }
    if (!info.isFile) throw createError('INPUT_UNSUPPORTED', { input, detail: 'it is not a regular file or folder' });
    yield* ingestFile(input, input, info.size);
  }

  return async function* ingest(inputs) {
    let done = 0;
    let bytes = 0;
    for (const input of inputs) {
      for await (const item of guarded(input, () => ingestOne(input))) {
        if (item.ok) bytes += item.document.value.byteLength;
        yield item;
        options.onProgress?.({ done, total: inputs.length, current: item.input, bytes });
      }
      done++;
    }
    if (inputs.length > 0) options.onProgress?.({ done, total: inputs.length, current: inputs[inputs.length - 1]!, bytes });
  };
}
export * from './poll.js';
