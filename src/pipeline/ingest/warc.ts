/**
 * WARC (and, via the gzip layer, WARC.gz) → one payload per `response` or `resource` record whose
 * payload is a page, text or feed. Request, metadata, warcinfo and revisit records, non-2xx
 * responses and non-text payloads (images, scripts, styles) are not documents and are passed over;
 * a file whose every record is passed over fails with WARC_NO_PAGES, saying how many of each.
 */
import { WARCParser } from 'warcio';
import { createError, type ParallaxError } from '../../errors.js';

export interface WarcPayload {
  /** 1-based position of the record in the file (counting every record). */
  readonly index: number;
  readonly recordId?: string;
  readonly url?: string;
  readonly date?: string;
  readonly contentType?: string;
  readonly contentLanguage?: string;
  readonly bytes: Uint8Array;
}

export type WarcItem = { readonly ok: true; readonly payload: WarcPayload } | { readonly ok: false; readonly index: number; readonly error: ParallaxError };

const TEXTUAL = /^(text\/(html|plain|markdown|xml)|application\/(xhtml\+xml|rss\+xml|atom\+xml|rdf\+xml|xml))\b/i;

/** Where the well-framed records end, and why the next one could not be framed. */
interface Framing {
  /** Bytes up to the first record that cannot be framed (all of them when every record can). */
  readonly end: number;
  readonly bad?: { readonly index: number; readonly detail: string };
}

const CONTENT_LENGTH = /^content-length:[ \t]*(\d{1,15})[ \t]*$/im;

/**
 * Check every record's framing before warcio reads it: each starts with `WARC/`, has an end of
 * headers and a Content-Length of digits that stays within the file. warcio loops forever skipping
 * a record whose length it cannot read (a damaged `Content-Length: 178ÿ5`), so such a record and
 * everything after it are not handed to it but reported.
 */
function frame(bytes: Buffer): Framing {
  let at = 0;
  let index = 0;
  while (at < bytes.length) {
    while (at < bytes.length && (bytes[at] === 0x0d || bytes[at] === 0x0a)) at++;
    if (at >= bytes.length) break;
    index++;
    const crlf = bytes.indexOf('\r\n\r\n', at, 'latin1');
    const lf = bytes.indexOf('\n\n', at, 'latin1');
    const headEnd = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    const bad = (detail: string): Framing => ({ end: at, bad: { index, detail: `record ${index} ${detail}` } });
    if (bytes.toString('latin1', at, at + 5) !== 'WARC/') return bad('does not start with a WARC/ version line');
    if (headEnd < 0) return bad('has no end to its headers');
    const length = CONTENT_LENGTH.exec(bytes.toString('latin1', at, headEnd));
    if (length === null) return bad('has no readable Content-Length');
    const next = headEnd + Number(length[1]);
    if (next > bytes.length) return bad(`claims ${length[1]} bytes, past the end of the file`);
    at = next;
  }
  return { end: bytes.length };
}

/** Iterate the usable payloads of a WARC held in memory; each payload is capped at `maxBytes`. */
export async function* readWarc(bytes: Uint8Array, locator: string, maxBytes: number): AsyncGenerator<WarcItem> {
  let index = 0;
  let yielded = 0;
  /** Records passed over, by why: said when the file yields nothing, so that it does not vanish silently. */
  const passed = { 'not a response or resource': 0, 'a response that is not 2xx': 0, 'a payload that is not HTML, text or a feed': 0 };
  let framing: Framing = { end: 0 };
  try {
    // warcio slices its input at every line: a Buffer's slice is a view, a plain Uint8Array's a copy
    // of the rest of the file (quadratic in the file's size). Hand it a Buffer view of the same bytes.
    const whole = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    framing = frame(whole);
    const view = whole.subarray(0, framing.end);
    for await (const record of WARCParser.iterRecords(view.length > 0 ? [view] : [])) {
      index++;
      const type = record.warcType;
      if (type !== 'response' && type !== 'resource') {
        passed['not a response or resource']++;
        continue;
      }
      let contentType: string | undefined;
      let contentLanguage: string | undefined;
      if (type === 'response') {
        const info = record.getResponseInfo();
        const status = Number(info?.status ?? 0);
        if (status < 200 || status >= 300) {
          passed['a response that is not 2xx']++;
          continue;
        }
        contentType = info?.headers.get('content-type') ?? undefined;
        contentLanguage = info?.headers.get('content-language') ?? undefined;
      } else {
        contentType = record.warcContentType ?? undefined;
      }
      if (contentType !== undefined && !TEXTUAL.test(contentType.trim())) {
        passed['a payload that is not HTML, text or a feed']++;
        continue;
      }
      yielded++;
      const recordLocator = `${locator}#${index}`;
      const chunks: Uint8Array[] = [];
      let size = 0;
      let tooLarge = false;
      for await (const chunk of record) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          tooLarge = true;
          break;
        }
        chunks.push(chunk);
      }
      if (tooLarge) {
        yield { ok: false, index, error: createError('INPUT_TOO_LARGE', { input: recordLocator, size: `over ${maxBytes}`, limit: maxBytes }) };
        continue;
      }
      yield {
        ok: true,
        payload: {
          index,
          recordId: record.warcHeader('WARC-Record-ID')?.replace(/^<|>$/g, '') ?? undefined,
          url: record.warcTargetURI ?? undefined,
          date: record.warcDate ?? undefined,
          contentType,
          contentLanguage,
          bytes: Buffer.concat(chunks, size),
        },
      };
    }
  } catch (err) {
    yield { ok: false, index, error: createError('WARC_INVALID', { input: locator, detail: err instanceof Error ? err.message : String(err) }, err) };
    return;
  }
  if (framing.bad !== undefined) {
    // The file itself when nothing before the damage was read, else the damaged record.
    const at = index === 0 ? 0 : framing.bad.index;
    yield { ok: false, index: at, error: createError('WARC_INVALID', { input: at === 0 ? locator : `${locator}#${at}`, detail: `${framing.bad.detail}; it and the rest of the file were not read` }) };
    return;
  }
  if (index === 0) yield { ok: false, index: 0, error: createError('WARC_INVALID', { input: locator, detail: 'it holds no WARC records' }) };
  else if (yielded === 0) {
    const detail = Object.entries(passed)
      .filter(([, n]) => n > 0)
      .map(([why, n]) => `${n} ${why}`)
      .join(', ');
    yield { ok: false, index: 0, error: createError('WARC_NO_PAGES', { input: locator, records: index, detail }) };
  }
}
