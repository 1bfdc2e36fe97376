import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { createClean } from '../../src/pipeline/clean/index.js';
import type { Document } from '../../src/model/document.js';

function page(body: string): Document {
  const content = `<!doctype html><html><head><title>Dam talks resume</title></head><body><article>${body}</article></body></html>`;
  return {
    id: 'doc_0000000000000001',
    contentHash: '0'.repeat(64),
    origin: { kind: 'file', locator: 'dam.html', input: 'dam.html' },
    mediaType: 'text/html',
    content,
    encoding: { name: 'utf-8', source: 'default' },
    byteLength: content.length,
    hints: {},
    ingestedAt: '2026-01-01T00:00:00.000Z',
  };
}

const PROSE = [
  'Negotiators from both river states met again on Thursday to discuss how much water the upstream dam may hold back during the dry season.',
  'The talks had stalled in spring after a drought cut the flow downstream by a third and farmers blocked the border crossing for a week.',
  'Officials said a technical committee would publish its figures before the next round, expected in the first week of the new year.',
].map((p) => `<p>${p}</p>`).join('');

describe('credit lines naming the original outlet', () => {
  it('keeps a "Source » X" line even when its class looks like page furniture, so clean records the credit', () => {
    const extracted = createExtract()({ value: page(`${PROSE}<p class="source-line">Source » Riverside Wire</p>`), messages: [] });
    expect(extracted.value.text.endsWith('Source » Riverside Wire')).toBe(true);
    const [article] = createClean()(extracted);
    expect(article?.value.credits).toContainEqual(expect.objectContaining({ name: 'Riverside Wire', role: 'source' }));
    expect(article?.value.text).not.toContain('Source »');
  });

  it('still drops other short furniture with the same class', () => {
    const extracted = createExtract()({ value: page(`${PROSE}<p class="source-line">Photo: Lena Ostrova</p>`), messages: [] });
    expect(extracted.value.text).not.toContain('Lena Ostrova');
  });
});
