/**
 * Arabic quotes (#18): verb-first cues, the complementizer, cues after the quotation, source
 * frames and dropped subjects; and speakers written in Arabic or Cyrillic script matched to the
 * story's people named in Latin script. Fictional text written for these tests.
 */
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/quote.js';
import { createQuotes, findArabicQuotes, lineParagraphs } from '../../src/pipeline/analyze/quotes/index.js';
import { matchAcrossScripts } from '../../src/pipeline/analyze/quotes/scripts.js';

const found = (text: string): { type: string; speaker?: string; text: string }[] =>
  findArabicQuotes(text, lineParagraphs(text)).map((q) => ({ type: q.type, ...(q.speaker ? { speaker: q.speaker } : {}), text: text.slice(q.span.start, q.span.end) }));

describe('Arabic quotes', () => {
  it('reads a verb-first cue before a colon and a quotation, and a dropped subject going on with the last speaker', () => {
    const text = ['وقال وزير النقل تيمور كيسا: «سنفتح الميناء أمام السفن يوم الاثنين».', 'وأضاف: «لن ننتظر شتاء آخر».'].join('\n');
    expect(found(text)).toEqual([
      { type: 'direct', speaker: 'وزير النقل تيمور كيسا', text: 'سنفتح الميناء أمام السفن يوم الاثنين' },
      { type: 'direct', speaker: 'وزير النقل تيمور كيسا', text: 'لن ننتظر شتاء آخر' },
    ]);
  });

  it('ends the speaker at a time adverb and takes what follows the complementizer as reported speech', () => {
    expect(found('أعلن وزير النقل تيمور كيسا يوم الخميس أن الميناء سيفتح خلال أسبوع.')).toEqual([{ type: 'indirect', speaker: 'وزير النقل تيمور كيسا', text: 'الميناء سيفتح خلال أسبوع' }]);
  });

  it('reads a cue after the quotation and a source frame', () => {
    expect(found('«الميناء آمن تماما»، قالت رئيسة البلدية لينا أوستروفا.')).toEqual([{ type: 'direct', speaker: 'رئيسة البلدية لينا أوستروفا', text: 'الميناء آمن تماما' }]);
    expect(found('بحسب وزارة النقل، سيفتح الميناء غدا.')).toEqual([{ type: 'indirect', speaker: 'وزارة النقل', text: 'سيفتح الميناء غدا' }]);
  });

  it('does not give a feminine dropped subject the words of the man quoted before', () => {
    const text = ['وقال تيمور كيسا: «سنفتح الميناء يوم الاثنين».', 'وأضافت: «هذا وعد قديم».'].join('\n');
    expect(found(text).map((q) => q.speaker)).toEqual(['تيمور كيسا', undefined]);
  });
});

describe('speakers across scripts', () => {
  const person = (id: string, name: string): Entity => ({ id, kind: 'person', name, forms: [name], roles: [] });

  it('gives an Arabic-script speaker to the story person whose Latin name it transliterates, with the evidence', () => {
    const english = 'Transport Minister Timur Kessa said on Thursday that the port would open within a week.';
    const arabic = 'وقال وزير النقل تيمور كيسا: «سنفتح الميناء أمام السفن يوم الاثنين».';
    const result = createQuotes()([
      { value: { id: 'en1', text: english, language: 'en' }, messages: [] },
      { value: { id: 'ar1', text: arabic, language: 'ar' }, messages: [] },
    ]);
    const kessa = result.entities.find((e) => e.name === 'Timur Kessa')!;
    expect(result.articles[1]!.value.quotes.map((q) => q.personId)).toEqual([kessa.id]);
    expect(result.articles[1]!.messages.find((m) => m.ruleId === 'speaker-across-scripts')?.reason).toContain('تيمور كيسا');
    expect(kessa.forms).toContain('تيمور كيسا');
    expect(kessa.evidence?.find((e) => e.rule === 'across-scripts')?.detail).toContain('tmr ks');
  });

  it('matches a surname alone, or Cyrillic, and never when two people share the skeleton', () => {
    const people = [person('a', 'Anselm Rovic'), person('b', 'Irene Duval'), person('c', 'Sergei Lavrov')];
    expect(matchAcrossScripts('روفيتش', people)?.personId).toBe('a');
    expect(matchAcrossScripts('رئيسة البلدية إيرين دوفال', people)).toMatchObject({ personId: 'b', form: 'إيرين دوفال' });
    expect(matchAcrossScripts('министр иностранных дел Лавров', people)?.personId).toBe('c');
    expect(matchAcrossScripts('دوفال', [...people, person('d', 'Marc Duvall')])).toBeUndefined();
    expect(matchAcrossScripts('وزير النقل', people)).toBeUndefined();
  });
});
