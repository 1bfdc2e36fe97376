// Single clean rules through the stage's public entry, on small fictional inputs.
import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '../../src/model/article.js';
import { createClean } from '../../src/pipeline/clean/index.js';
import { clean } from './pipeline.js';

const body = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the report describes how the river ferry service changed its winter schedule this year.`).join('\n\n');
const paragraphs = (input: string, options = {}): string[] => {
  const [env] = clean(input, options);
  return env!.value.paragraphs.map((p) => env!.value.text.slice(p.start, p.end));
};
const ruleIds = (input: string): string[] => clean(input)[0]!.messages.map((m) => m.ruleId);

describe('clean rules', () => {
  it('drops a photo caption repeated twice and keeps one photo credit', () => {
    const caption = 'Passengers board the first morning ferry at Kessel pier. (Photo by Riverpix)';
    const [env] = clean(`${body(1)}\n\n${caption}\n${caption}\n\n${body(2)}`);
    expect(env!.value.text).not.toContain('Riverpix');
    expect(env!.value.credits).toEqual([expect.objectContaining({ name: 'Riverpix', role: 'photo' })]);
    expect(env!.messages.map((m) => m.ruleId)).toEqual(['photo-caption', 'duplicate-caption', 'duplicate-paragraph']);
  });

  it('keeps a line with a single (R) party marker: one marker is not a caption', () => {
    const line = 'Senator Alma Quist (R) said the ferry subsidy would be renewed for another five years at least.';
    expect(paragraphs(`${body(1)}\n\n${line}`)).toContain(line);
  });

  it('removes only the label and link titles of a related box in mid-article, keeping the body after it', () => {
    const out = paragraphs(`${body(2)}\n\nRead also: Ferry Fares Rise in Spring\n\nThe ferry company said the new timetable would be reviewed in March after complaints from commuters.`);
    expect(out).toHaveLength(3);
    expect(out.some((p) => p.startsWith('Read also'))).toBe(false);
  });

  it('does not take a byline for a headline', () => {
    const [env] = clean(`By Hanna Korp\n\n${body(2)}`);
    expect(env!.value.title).toBeUndefined();
  });

  it('keeps a page-level title and removes a top line only when it restates that title', () => {
    const [env] = clean(`Night Ferries Return to Kessel\n\n${body(2)}`, {}, { title: 'Night ferries return' });
    expect(env!.value.title).toBe('Night ferries return');
    expect(env!.value.text.startsWith('Night Ferries')).toBe(false);
    // A top line that does not restate the page title is the article's own.
    const [other] = clean(`Timetable Changes at a Glance\n\n${body(2)}`, {}, { title: 'Night ferries return' });
    expect(other!.value.text.startsWith('Timetable Changes')).toBe(true);
  });

  it('drops widget labels the caller adds', () => {
    expect(paragraphs(`${body(2)}\n\nGift this article`, { add: { widgetWords: ['Gift this article'] } })).toHaveLength(2);
    expect(paragraphs(`${body(2)}\n\nGift this article`)).toHaveLength(3);
  });

  it('does not split when splitting is turned off', () => {
    const second = `Village Choir Wins Regional Contest\n\nMembers of the choir hold their trophy. (Photo by Lakepix)\n\nThe village choir of Brenne won the regional contest on Saturday with a programme of folk songs arranged by its conductor.\n\nIt was the first win for the choir since it was founded by a group of teachers more than thirty years ago.`;
    expect(clean(`${body(3)}\n\n${second}`)).toHaveLength(2);
    expect(clean(`${body(3)}\n\n${second}`, { split: false })).toHaveLength(1);
  });

  it('reports an error when nothing but furniture is left', () => {
    const [env] = clean('Share\n\nPrint\n\n12 Comments');
    expect(env!.value.text).toBe('');
    expect(env!.messages.at(-1)).toMatchObject({ ruleId: 'no-article-text', severity: 'error' });
  });

  it('passes an input that already failed through as part 0 without cleaning', () => {
    const value: ExtractedArticle = { documentId: 'doc_x', text: 'Share', paragraphs: [{ start: 0, end: 5 }] };
    const failed = { stage: 'extract' as const, ruleId: 'no-content', reason: 'nothing', severity: 'error' as const };
    const out = createClean()({ value, messages: [failed] });
    expect(out).toHaveLength(1);
    expect(out[0]!.messages).toEqual([failed]);
    expect(out[0]!.value.text).toBe('Share');
  });

  it('records a dateline without an agency from a capitalised city', () => {
    const [env] = clean(`KESSEL — ${body(1)}\n\n${body(1)}`);
    expect(env!.value.credits).toEqual([expect.objectContaining({ name: 'KESSEL', role: 'dateline' })]);
    expect(env!.value.text.startsWith('Paragraph 1')).toBe(true);
    expect(ruleIds(`KESSEL — ${body(1)}`)).toEqual(['dateline']);
  });

  it('credits a known two-letter agency on the last line, but not an end-of-copy marker', () => {
    expect(clean(`${body(2)}\n\nAP`)[0]!.value.credits).toEqual([expect.objectContaining({ name: 'AP', role: 'agency' })]);
    const [ends] = clean(`${body(2)}\n\nENDS`);
    expect(ends!.value.credits).toEqual([]);
    expect(ends!.messages.map((m) => m.ruleId)).toEqual(['widget-residue']);
  });

  it('keeps a closing sentence that merely starts with "Sources"', () => {
    const line = 'Sources close to the ferry company said the new boats would arrive by June.';
    const [env] = clean(`${body(2)}\n\n${line}`);
    expect(env!.value.credits).toEqual([]);
    expect(env!.value.text.endsWith(line)).toBe(true);
  });

  it('credits the agency after the slash of a photographer/agency caption credit', () => {
    const [env] = clean(`${body(1)}\n\nThe new ferry leaves the yard at Osterby. (Photo: Ines Lark/Nordwire)\n\n${body(2)}`);
    expect(env!.value.credits).toEqual([expect.objectContaining({ name: 'Nordwire', role: 'photo' })]);
  });

  it('cuts the page title from the paragraph it is fused to, when the page gave a title', () => {
    const [env] = clean(`Night Ferries Return${body(2)}`, {}, { title: 'Night Ferries Return' });
    expect(env!.value.text.startsWith('Paragraph 1')).toBe(true);
    expect(env!.messages.map((m) => m.ruleId)).toContain('glued-headline');
  });

  it('takes a short line in a caseless script at the top, before a body paragraph, as the headline', () => {
    const headline = 'افتتاح جسر جديد في مدينة الساحل';
    const lede = 'افتتحت بلدية مدينة الساحل يوم الأحد جسرا جديدا فوق النهر بعد عامين من أعمال البناء، وقالت إنه سيخفف الازدحام في وسط المدينة.';
    const [env] = clean(`${headline}\n\n${lede}\n\n${lede.replace('الأحد', 'الاثنين')}`);
    expect(env!.value.title).toBe(headline);
    expect(env!.value.text.startsWith(lede)).toBe(true);
  });

  it('credits the agency side of an "X/Y" photo credit, whichever side it stands on', () => {
    const credit = (line: string): string | undefined =>
      clean(`${body(1)}\n\n${line}\n\n${body(2)}`)[0]!.value.credits.find((c) => c.role === 'photo')?.name;
    expect(credit('The ferry at dawn. Nordwire/Karel Vint')).toBe('Nordwire');
    expect(credit('The ferry at dawn. Photograph: Ines Lark/The Kessel Courier')).toBe('The Kessel Courier');
    expect(credit('The ferry at dawn. Photograph: Kessel Coastguard/handout')).toBe('Kessel Coastguard');
    expect(credit('The ferry at dawn. (Kessel Harbour Office/npa)')).toBe('npa');
    expect(credit('The ferry at dawn. (AP Photo/Ines Lark)')).toBe('AP');
    expect(credit('In this March 3 file photo, the ferry leaves Kessel at dawn. (AP Photo/Ines Lark, File)')).toBe('AP');
  });

  it('keeps a long body paragraph that happens to end with a parenthesised agency', () => {
    const line = `${body(4).replace(/\n\n/g, ' ')} (NRW)`;
    expect(line.length).toBeGreaterThan(350);
    expect(paragraphs(`${body(1)}\n\n${line}\n\n${body(2)}`)).toContain(line);
  });
  it('drops newsletter promotions, inline picture captions, video blurbs, update stamps, age banners and kickers, and keeps a sentence that mentions a newsletter', () => {
    const furniture = [
      'Get all the latest ferry news delivered daily to your inbox. Sign up here.',
      'Sign up for the Kessel morning briefing',
      'Image copyright Riverpix Image caption Passengers wait at the Kessel pier on Sunday',
      'Media playback is unsupported on your device Media caption The harbour master explains the new timetable',
      'CLOSE The harbour master explains what the winter timetable means for commuters. Ana Ferro, Kessel Daily',
      'Enlarge this image toggle caption Ines Lark/Kessel Daily Ines Lark/Kessel Daily',
      'Updated at 3:31 p.m. ET Saturday',
      'This article is more than 2 years old',
      'ANALYSIS/OPINION:',
      'Image copyright Riverpix',
    ];
    const reported = 'The harbour master wrote in the ferry company newsletter that the winter timetable would change in March.';
    const out = paragraphs([body(1), ...furniture, reported, body(2)].join('\n\n'));
    for (const f of furniture) expect(out).not.toContain(f);
    expect(out).toContain(reported);
    expect(clean([body(1), furniture[2], body(2)].join('\n\n'))[0]!.value.credits).toEqual([expect.objectContaining({ name: 'Riverpix', role: 'photo' })]);
  });
});
