/**
 * Scraped text keeps the person cards a page shows beside a name (the full name glued to headlines
 * of other articles, closed by "MORE"): they are cut from the text, each with a message pointing
 * at it in the document, and ordinary text with a repeated name or a "MORE" stays.
 */
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { makeDocument } from './support.js';

const extract = createExtract();

describe('person cards in scraped text', () => {
  it('cuts a card after a name and points at it in the document', () => {
    const card = " Orla Maren VanceHarbour board delays vote on tolls Kesh ferry strike enters second week MORE";
    const content = `\r\nThe plan was backed by Governor Vance${card} and two mayors.\r\n\r\nMinister Anselm Rovic Anselm Peter Rovic2026 budget gives ports more MORE (Lauvia) said it would pass.`;
    const out = extract({ value: makeDocument(content, 'text/plain', {}, 'a.txt'), messages: [] });
    expect(out.value.text).toBe('The plan was backed by Governor Vance and two mayors.\n\nMinister Anselm Rovic (Lauvia) said it would pass.');
    const cards = out.messages.filter((m) => m.ruleId === 'person-card');
    expect(cards).toHaveLength(2);
    expect(content.slice(cards[0]!.span!.start, cards[0]!.span!.end)).toBe(card);
    expect(cards[0]!.layer).toBe('source');
    expect(content.slice(cards[1]!.span!.start, cards[1]!.span!.end)).toMatch(/^ Anselm Peter Rovic2026.*MORE$/u);
  });

  it('keeps a name written twice and a capitalised MORE in ordinary text', () => {
    const content = 'Vance thanked Orla Vance, her aunt. Tickets: BUY ONE GET ONE MORE at the gate.';
    const out = extract({ value: makeDocument(content, 'text/plain', {}, 'b.txt'), messages: [] });
    expect(out.value.text).toBe(content);
    expect(out.messages.filter((m) => m.ruleId === 'person-card')).toHaveLength(0);
  });
});
