// The text stage through its public entry: sentences, tokens, language, dates and ids.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CleanArticle } from '../../src/model/article.js';
import type { Span } from '../../src/model/message.js';
import { createText, identifyLanguage, segmentSentences, tokenize } from '../../src/pipeline/text/index.js';

/** Paragraph spans of text joined with blank lines. */
function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const p of text.split('\n\n')) {
    out.push({ start: at, end: at + p.length });
    at += p.length + 2;
  }
  return out;
}
const sentences = (text: string): string[] => segmentSentences(text, paragraphsOf(text)).map((s) => text.slice(s.start, s.end));

function article(text: string, extra: Partial<CleanArticle> = {}): CleanArticle {
  const paragraphs = paragraphsOf(text);
  return {
    documentId: 'doc_0123456789abcdef',
    text,
    paragraphs,
    part: 0,
    extractedText: text,
    sourceMap: paragraphs.map((p) => ({ text: p, extracted: p })),
    credits: [],
    ...extra,
  };
}

const EN = 'The harbour council of Weltmark said on Tuesday that the new ferry terminal would open next spring after two years of delays and rising costs.';
const AR = 'قال مجلس الميناء في المدينة يوم الثلاثاء إن محطة العبارات الجديدة ستفتح في الربيع المقبل بعد عامين من التأخير وارتفاع التكاليف.';
const FR = 'Le conseil du port a annoncé mardi que le nouveau terminal des ferries ouvrirait au printemps prochain après deux années de retard et de hausse des coûts.';
const FA = 'شورای بندر روز سه‌شنبه اعلام کرد که پایانه جدید کشتی‌ها پس از دو سال تأخیر و افزایش هزینه‌ها در بهار آینده افتتاح خواهد شد.';

describe('segmentSentences', () => {
  it('splits at sentence ends but not after titles, initials, months before a day, or decimals', () => {
    expect(sentences('Mr. Holm met Dr. J. R. Vance on Oct. 7 in the city. The talks cost 2.5 million crowns. They ended early.')).toEqual([
      'Mr. Holm met Dr. J. R. Vance on Oct. 7 in the city.',
      'The talks cost 2.5 million crowns.',
      'They ended early.',
    ]);
  });

  it('keeps an acronym inside a sentence and ends one when a usual opener follows it', () => {
    expect(sentences('The U.S. Navy sent a ship. It reached the U.S. The crew rested.')).toEqual([
      'The U.S. Navy sent a ship.',
      'It reached the U.S.',
      'The crew rested.',
    ]);
  });

  it('closes a sentence after the quote that follows its period', () => {
    expect(sentences('"We will rebuild," she said. "The work starts now." He agreed.')).toEqual([
      '"We will rebuild," she said.',
      '"The work starts now."',
      'He agreed.',
    ]);
  });

  it('does not split at an ellipsis followed by lower case, and does at one followed by a capital', () => {
    expect(sentences('They hoped for a truce … but none came. Then … Silence fell.')).toEqual([
      'They hoped for a truce … but none came.',
      'Then …',
      'Silence fell.',
    ]);
  });

  it('splits on question and exclamation marks, including the Arabic question mark', () => {
    expect(sentences('Will it open? Nobody knows! هل سيفتح؟ لا أحد يعرف.')).toEqual(['Will it open?', 'Nobody knows!', 'هل سيفتح؟', 'لا أحد يعرف.']);
  });

  it('handles French guillemets and the initial-like "M." before a name', () => {
    expect(sentences('« Nous ouvrons demain », a déclaré Mme Varga. M. Brell a salué le projet. « Enfin ! » Le maire a souri.')).toEqual([
      '« Nous ouvrons demain », a déclaré Mme Varga.',
      'M. Brell a salué le projet.',
      '« Enfin ! »',
      'Le maire a souri.',
    ]);
  });

  it('reads a 200,000-character run of one terminator as the end of one sentence, whatever follows it', () => {
    // Each run used to be retried from every one of its characters: a run of 100,000 dots took 15 s
    // (this test ran past its timeout). Its speed is measured by `npm run bench text`.
    for (const mark of ['.', '!', '?', '…', '。']) {
      const run = mark.repeat(200_000);
      expect(sentences(`Wait${run}`), mark).toEqual([`Wait${run}`]);
      expect(sentences(`Wait${run}then more`), mark).toEqual([`Wait${run}then more`]);
      expect(sentences(`Wait${run} Then more.`).map((s) => s.length), mark).toEqual([run.length + 4, 10]);
    }
  });

  it('never lets a sentence cross a paragraph boundary', () => {
    const text = 'The first paragraph ends without a period\n\nthe second one starts in lower case. And goes on.';
    expect(sentences(text)).toEqual(['The first paragraph ends without a period', 'the second one starts in lower case.', 'And goes on.']);
  });
});

describe('tokenize', () => {
  const sample = `Varga’s aides, the al-Harbi clan and U.S. envoys met 12,500 people at 10:30 on 2nd March… ${FA}`;

  it('gives offsets that slice back to each token', () => {
    const tokens = tokenize(sample);
    expect(tokens.length).toBeGreaterThan(20);
    for (const t of tokens) expect(sample.slice(t.start, t.end)).toBe(t.text);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
  });

  it('keeps apostrophes, hyphens and dotted acronyms inside words and separators inside numbers', () => {
    const texts = tokenize(sample).map((t) => `${t.kind}:${t.text}`);
    expect(texts).toEqual(expect.arrayContaining(['word:Varga’s', 'word:al-Harbi', 'word:U.S.', 'number:12,500', 'number:10:30', 'word:2nd', 'punct:…', 'word:سه‌شنبه']));
  });

  it('is deterministic', () => {
    expect(tokenize(sample)).toEqual(tokenize(sample));
  });
});

describe('identifyLanguage', () => {
  it('identifies English, Arabic, French and Persian samples', () => {
    expect(identifyLanguage(EN, undefined).code).toBe('en');
    expect(identifyLanguage(AR, undefined).code).toBe('ar');
    expect(identifyLanguage(FR, undefined).code).toBe('fr');
    expect(identifyLanguage(FA, undefined).code).toBe('fa');
  });

  it('is confident on a full sentence', () => {
    expect(identifyLanguage(`${EN} ${EN}`, undefined).confidence).toBeGreaterThan(0.9);
  });

  it('falls back to the declared language when the text is short', () => {
    expect(identifyLanguage('Port news', 'de')).toEqual({ code: 'de', confidence: 0.5, source: 'declared' });
    expect(identifyLanguage('Port news', undefined)).toMatchObject({ code: 'und', confidence: 0 });
  });
});

describe('createText', () => {
  const text = createText();

  it('derives the article id from the document id and part', () => {
    const out = text({ value: article(EN, { part: 1 }), messages: [] });
    const hash = createHash('sha256').update('doc_0123456789abcdef:1').digest('hex');
    expect(out.value.id).toBe(`art_${hash.slice(0, 16)}`);
  });

  it('counts words, not numbers or punctuation', () => {
    expect(text({ value: article('Ferries ran 12 times, twice late.'), messages: [] }).value.wordCount).toBe(5);
  });

  it('prefers the page date, then a full date in the first paragraph, else warns', () => {
    const published = { value: '2031-05-01', precision: 'day' as const, source: 'meta' as const };
    expect(text({ value: article(EN, { published }), messages: [] }).value.publishedResolved).toEqual(published);

    const dated = text({ value: article(`The terminal opened on March 3, 2031, the council said.\n\n${EN}`), messages: [] });
    expect(dated.value.publishedResolved).toMatchObject({ value: '2031-03-03', source: 'text' });
    expect(dated.messages.at(-1)).toMatchObject({ ruleId: 'published-from-text', layer: 'text' });

    const relative = text({ value: article(`Three days ago the council met; the terminal opens in 3 days.\n\nIt was announced on January 9, 2031.`), messages: [] });
    expect(relative.value.publishedResolved).toBeUndefined();
    expect(relative.messages.at(-1)).toMatchObject({ ruleId: 'no-publication-date', severity: 'warning' });
  });

  it('says which instant a page time is and when a time had no zone', () => {
    const timed = text({ value: article(EN, { published: { value: '2023-11-07T14:09:00+03:30', precision: 'datetime', source: 'meta', zone: 'IRST' } }), messages: [] });
    expect(timed.value.publishedResolved?.value).toBe('2023-11-07T14:09:00+03:30');
    expect(timed.messages.at(-1)).toMatchObject({ ruleId: 'published-from-metadata', data: { precision: 'datetime', utc: '2023-11-07T10:39:00Z' } });
    expect(timed.messages.at(-1)?.reason).toContain('10:39 UTC; zone IRST read as +03:30');
    const local = text({ value: article(EN, { published: { value: '2023-11-07', precision: 'day', source: 'opengraph', localTime: '14:09' } }), messages: [] });
    expect(local.value.publishedResolved).toMatchObject({ value: '2023-11-07', precision: 'day', localTime: '14:09' });
    expect(local.messages.at(-1)?.reason).toContain('14:09 without a zone, so it is compared by day');
  });

  it('keeps earlier messages and adds its own after them', () => {
    const earlier = { stage: 'clean' as const, ruleId: 'headline', reason: 'x', severity: 'info' as const };
    const out = text({ value: article(EN), messages: [earlier] });
    expect(out.messages[0]).toBe(earlier);
    expect(out.messages.length).toBeGreaterThan(1);
  });

  it('uses the declared language for a short text and says so', () => {
    const out = text({ value: article('Ferry late.', { declaredLanguage: 'sv' }), messages: [] });
    expect(out.value.language).toMatchObject({ code: 'sv', source: 'declared' });
    expect(out.messages.map((m) => m.ruleId)).toContain('language-declared');
  });
});
