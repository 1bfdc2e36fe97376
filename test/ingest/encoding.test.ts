import { afterAll, describe, expect, it } from 'vitest';
import { createIngest, type IngestItem } from '../../src/pipeline/ingest/index.js';
import { encodeSingleByte } from './support/build.js';
import { collect, fixedNow, scratch } from './support/run.js';

const tmp = scratch();
afterAll(() => tmp.remove());
const ingest = createIngest({ io: { now: fixedNow } });

const arabic = 'قال وزير الخارجية في مؤتمر صحفي اليوم إن المحادثات مع الوفد الزائر كانت بناءة ومثمرة، وأضاف أن الجانبين اتفقا على مواصلة العمل المشترك.';
const french = 'Le maire a déclaré que les travaux du pont « reprendront » dès lundi – après l’été, a-t-il ajouté.';

async function one(name: string, bytes: Uint8Array): Promise<Extract<IngestItem, { ok: true }>> {
  const [item] = await collect(ingest, [tmp.write(name, bytes)]);
  if (!item?.ok) throw new Error(`expected a document, got ${item?.ok === false ? item.error.code : 'nothing'}`);
  return item;
}

describe('encodings', () => {
  it('decodes an undeclared windows-1256 Arabic page by detection, with a message', async () => {
    const bytes = encodeSingleByte('windows-1256', `<html><head><title>خبر</title></head><body><p>${arabic}</p></body></html>`);
    const item = await one('enc/arabic.html', bytes);
    expect(item.document.value.content).toContain(arabic);
    expect(item.document.value.encoding).toEqual({ name: 'windows-1256', source: 'detected' });
    expect(item.document.messages.map((m) => [m.ruleId, m.severity])).toEqual([['encoding-guessed', 'warning']]);
    expect(item.document.value.byteLength).toBe(bytes.length);
  });

  it('decodes a windows-1256 page by its <meta charset> without guessing', async () => {
    const bytes = encodeSingleByte('windows-1256', `<html><head><meta charset="windows-1256"></head><body><p>${arabic}</p></body></html>`);
    const item = await one('enc/arabic-meta.html', bytes);
    expect(item.document.value.content).toContain(arabic);
    expect(item.document.value.encoding).toEqual({ name: 'windows-1256', source: 'meta' });
    expect(item.document.messages).toEqual([]);
  });

  it('decodes cp1252 curly quotes and dashes, declared by http-equiv or detected', async () => {
    const declared = encodeSingleByte(
      'windows-1252',
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>${french}</p></body></html>`,
    );
    const a = await one('enc/french-meta.html', declared);
    expect(a.document.value.content).toContain(french);
    expect(a.document.value.encoding).toEqual({ name: 'windows-1252', source: 'meta' });

    const undeclared = encodeSingleByte('windows-1252', `${french}\n\n${french}`);
    const b = await one('enc/french.txt', undeclared);
    expect(b.document.value.content).toContain(french);
    expect(b.document.value.encoding.source).toBe('detected');
    expect(b.document.messages.map((m) => m.ruleId)).toEqual(['encoding-guessed']);
  });

  it('replaces invalid bytes in otherwise UTF-8 text and says where', async () => {
    const good = Buffer.from('Le café était fermé. ', 'utf8');
    const bytes = Buffer.concat([good, Buffer.from([0xff, 0xfe, 0x41]), good]);
    const item = await one('enc/broken.txt', bytes);
    const content = item.document.value.content;
    expect(content).toContain('\uFFFD');
    const [m] = item.document.messages;
    expect(m).toMatchObject({ ruleId: 'invalid-utf8', severity: 'warning', layer: 'source', data: { count: 2 } });
    expect(content.slice(m!.span!.start, m!.span!.end)).toBe('\uFFFD');
  });

  it('prefers the byte-order mark, and trusts valid UTF-8 over a wrong legacy declaration', async () => {
    const bom = await one('enc/bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Übersicht', 'utf8')]));
    expect(bom.document.value.content).toBe('Übersicht');
    expect(bom.document.value.encoding).toEqual({ name: 'utf-8', source: 'bom' });

    const utf16 = await one('enc/utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zürich ferry', 'utf16le')]));
    expect(utf16.document.value.content).toBe('Zürich ferry');

    const mislabelled = await one('enc/mislabelled.html', Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>Ærøskøbing ferry</p></body></html>', 'utf8'));
    expect(mislabelled.document.value.content).toContain('Ærøskøbing');
    expect(mislabelled.document.messages.map((m) => m.ruleId)).toEqual(['declared-charset-mismatch']);
  });

  it('takes the charset of an XML declaration in a feed', async () => {
    const feed = encodeSingleByte(
      'windows-1252',
      `<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>Gazette</title><item><title>Pont</title><description>${french}</description></item></channel></rss>`,
    );
    const item = await one('enc/feed.xml', feed);
    expect(item.document.value.content).toBe(french);
    expect(item.document.value.encoding).toEqual({ name: 'windows-1252', source: 'declared' });
  });

  it('re-detects a legacy page that wrongly declares UTF-8, and says so', async () => {
    const bytes = encodeSingleByte('windows-1256', `<html><head><meta charset="utf-8"></head><body><p>${arabic}</p></body></html>`);
    const item = await one('enc/arabic-lying.html', bytes);
    expect(item.document.value.content).toContain(arabic);
    expect(item.document.value.encoding).toEqual({ name: 'windows-1256', source: 'detected' });
    expect(item.document.messages.map((m) => m.ruleId)).toEqual(['declared-charset-invalid', 'encoding-guessed']);
  });
});
