// Related-link trailers and fused desk labels in common wordings, through the clean stage's entry.
import { describe, expect, it } from 'vitest';
import { clean } from './pipeline.js';

const body = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the report describes how the river ferry service changed its winter schedule this year.`).join('\n\n');
const cleaned = (input: string) => {
  const [env] = clean(input);
  return { paragraphs: env!.value.paragraphs.map((p) => env!.value.text.slice(p.start, p.end)), env: env! };
};

describe('related-link trailers and desk labels', () => {
  it.each([
    ["Editors' Picks", 'Ferry Fares Rise in Spring'],
    ['More regional news:', 'Tram Line Opens Early'],
    ['Up next', 'Harbour Crane Sold to Buyer'],
    ['Das könnte Sie auch interessieren', 'Neue Fähre für den Hafen'],
    ['Sur le même sujet', 'Le bac reprend ses traversées'],
    ['Te puede interesar', 'El ferri vuelve al puerto'],
    ['По теме', 'Паром вернулся в порт'],
    ['相关阅读', '渡轮恢复运营'],
  ])('removes the label %s and the link title after it, and says so', (label, link) => {
    const { paragraphs, env } = cleaned(`${body(3)}\n\n${label}\n\n${link}`);
    expect(paragraphs).toHaveLength(3);
    const ids = env.messages.map((m) => m.ruleId);
    expect(ids).toContain('related-links-trailer');
    expect(ids).toContain('related-link');
  });

  it('keeps a sentence that merely starts with such words', () => {
    const line = 'More regional news outlets are expected to cover the ferry hearing next week, the council said.';
    expect(cleaned(`${body(2)}\n\n${line}`).paragraphs).toContain(line);
  });

  it.each([
    ['Web Desk: ', 'Web Desk'],
    ['Valley Newsroom | ', 'Valley Newsroom'],
    ['Harbour Bureau — ', 'Harbour Bureau'],
    ['Redacción Noticias: ', 'Redacción Noticias'],
  ])('turns the desk label %s fused to the first sentence into a credit', (prefix, label) => {
    const first = 'The river ferry resumed its crossings on Monday after a three-week halt caused by a cracked shaft.';
    const { paragraphs, env } = cleaned(`${prefix}${first}\n\n${body(2)}`);
    expect(paragraphs[0]).toBe(first);
    expect(env.value.credits).toContainEqual(expect.objectContaining({ name: label, role: 'site-label' }));
  });
});
