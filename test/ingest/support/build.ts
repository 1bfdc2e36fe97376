/**
 * Test-time builders for binary fixtures: zip files (with honest or lying sizes), WARC files and
 * legacy-encoded bytes. Nothing here is committed as binary; every fixture is made when a test runs.
 */
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export interface ZipEntrySpec {
  /** The entry's name; raw bytes when a test needs bytes UTF-8 cannot say (NUL, `../`). */
  readonly name: string | Uint8Array;
  readonly data: Uint8Array | string;
  /** Override the uncompressed size written in the headers (to build a lying archive). */
  readonly declaredSize?: number;
  /** Store without compression. */
  readonly store?: boolean;
}

/** A minimal PKZIP archive (deflate or stored entries, no zip64). */
export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    const body = e.store ? raw : deflateRawSync(raw);
    const method = e.store ? 0 : 8;
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface WarcRecordSpec {
  readonly type: 'response' | 'resource' | 'request' | 'warcinfo';
  readonly uri?: string;
  readonly date?: string;
  readonly id: string;
  /** For response records: the HTTP status line and headers before the body. */
  readonly http?: { readonly status: number; readonly headers: Readonly<Record<string, string>> };
  readonly contentType?: string;
  readonly body: Uint8Array | string;
}

/** A WARC/1.1 file; `gzip` compresses each record as its own member, as crawlers do. */
export function buildWarc(records: readonly WarcRecordSpec[], gzip = false): Buffer {
  const parts = records.map((r) => {
    const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : Buffer.from(r.body);
    let block = body;
    let contentType = r.contentType ?? 'application/octet-stream';
    if (r.http) {
      const head = [`HTTP/1.1 ${r.http.status} OK`, ...Object.entries(r.http.headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
      block = Buffer.concat([Buffer.from(head, 'latin1'), body]);
      contentType = 'application/http; msgtype=response';
    }
    const headers = [
      'WARC/1.1',
      `WARC-Type: ${r.type}`,
      `WARC-Record-ID: <${r.id}>`,
      ...(r.uri ? [`WARC-Target-URI: ${r.uri}`] : []),
      `WARC-Date: ${r.date ?? '2024-01-02T03:04:05Z'}`,
      `Content-Type: ${contentType}`,
      `Content-Length: ${block.length}`,
      '',
      '',
    ].join('\r\n');
    const rec = Buffer.concat([Buffer.from(headers, 'latin1'), block, Buffer.from('\r\n\r\n', 'latin1')]);
    return gzip ? gzipSync(rec) : rec;
  });
  return Buffer.concat(parts);
}

/** Encode text in a single-byte legacy encoding, using the platform decoder to build the table. */
export function encodeSingleByte(label: string, text: string): Uint8Array {
  const decoder = new TextDecoder(label);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(new Uint8Array([b]), { stream: true }) + decoder.decode();
    if (!table.has(ch)) table.set(ch, b);
  }
  return new Uint8Array(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`${label} cannot encode U+${ch.codePointAt(0)!.toString(16)}`);
      return b;
    }),
  );
}
