// Publication times: to the minute with the page's own offset; zones by abbreviation from the zones
// file; a time without a zone stays a day with its local time; a day made precise by a same-day time.
import { describe, expect, it } from 'vitest';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { parseDate, zoneOffset } from '../../src/pipeline/extract/dates.js';
import type { DocumentHints } from '../../src/model/document.js';
import { htmlDocument, makeDocument } from './support.js';

const extract = createExtract();
const BODY = `<p>${'The ferry council met late into the evening to settle the timetable for the winter crossings. '.repeat(4)}</p>`;

function published(head: string, body = `<article>${BODY}</article>`, hints: DocumentHints = {}) {
  return extract({ value: htmlDocument(`<html><head>${head}</head><body>${body}</body></html>`, hints), messages: [] }).value.published;
}

describe('publication times as pages write them', () => {
  it('keeps the offset as written, not its UTC reading, so the calendar day stays the page’s', () => {
    expect(parseDate('Mon, 18 Nov 2019 16:07:38 -0600', 'json-ld')).toMatchObject({ value: '2019-11-18T16:07:38-06:00', precision: 'datetime' });
    // 19:47 EST is already the 20th in UTC; the page's day is the 19th.
    expect(parseDate('November 19, 2019, 07:47 PM EST', 'opengraph')).toMatchObject({ value: '2019-11-19T19:47:00-05:00', precision: 'datetime', zone: 'EST' });
    expect(parseDate('2023-11-07T14:09+0330', 'meta')).toMatchObject({ value: '2023-11-07T14:09:00+03:30', precision: 'datetime' });
    // UTC as the page wrote it: in digits, or as a name.
    expect(parseDate('Tue Nov 19 2019 03:05:46 GMT+0000', 'json-ld')?.value).toBe('2019-11-19T03:05:46+00:00');
    expect(parseDate('2019-11-19T03:05:46+00:00', 'json-ld')?.value).toBe('2019-11-19T03:05:46+00:00');
    expect(parseDate('19 Nov 2019 07:09 GMT', 'json-ld')?.value).toBe('2019-11-19T07:09:00Z');
  });

  it('reads zone abbreviations from the zones file, with daylight time by the US rule for ET/PT', () => {
    expect(parseDate('Tue, 07 Nov 2023 14:09 IRST', 'meta')).toMatchObject({ value: '2023-11-07T14:09:00+03:30', zone: 'IRST' });
    expect(parseDate('Tue Jan 28 15:28:56 CET 2020', 'json-ld')?.value).toBe('2020-01-28T15:28:56+01:00');
    expect(parseDate('2019-11-20 04:00:00 CDT', 'meta')?.value).toBe('2019-11-20T04:00:00-05:00');
    expect(parseDate('July 4, 2023 9:30 a.m. ET', 'meta')?.value).toBe('2023-07-04T09:30:00-04:00');
    expect(parseDate('Nov 7, 2023 9:30 a.m. ET', 'meta')?.value).toBe('2023-11-07T09:30:00-05:00');
    // The US switch days: 12 March 2023 (02:00 → daylight) and 5 November 2023 (02:00 → standard).
    expect(zoneOffset('PT', 2023, 3, 12, 1)).toBe(-480);
    expect(zoneOffset('PT', 2023, 3, 12, 3)).toBe(-420);
    expect(zoneOffset('PT', 2023, 11, 5, 1)).toBe(-420);
    expect(zoneOffset('PT', 2023, 11, 5, 3)).toBe(-480);
  });

  it('keeps a time with an ambiguous or unknown zone as a local time on a day', () => {
    // IST: India, Israel or Ireland.
    expect(parseDate('Tue, 07 Nov 2023 14:09 IST', 'meta')).toEqual({ value: '2023-11-07', precision: 'day', source: 'meta', raw: 'Tue, 07 Nov 2023 14:09 IST', localTime: '14:09' });
    expect(parseDate('November 20, 2019 - 11:28 AMT', 'meta')).toMatchObject({ value: '2019-11-20', precision: 'day', localTime: '11:28' });
    expect(parseDate('2019-06-20T07:30:00', 'meta')).toMatchObject({ value: '2019-06-20', precision: 'day', localTime: '07:30' });
    expect(parseDate('2019-11-19 19:31:39', 'json-ld')).toMatchObject({ value: '2019-11-19', localTime: '19:31:39' });
    expect(parseDate('Saturday, December 27, 2014, 12:06 PM', 'meta')).toMatchObject({ value: '2014-12-27', precision: 'day', localTime: '12:06' });
    expect(parseDate('2014-12-27 04:06 PM', 'meta')).toMatchObject({ value: '2014-12-27', precision: 'day', localTime: '16:06' });
    // A capitalised word of a dateline is not a zone; a listed abbreviation after it still is.
    expect(parseDate('BRASK, March 17, 2026 12:48 CET', 'meta')).toMatchObject({ value: '2026-03-17T12:48:00+01:00', zone: 'CET' });
  });

  it('never gives a date-only value a time', () => {
    const d = parseDate('2023-11-07', 'meta');
    expect(d).toEqual({ value: '2023-11-07', precision: 'day', source: 'meta', raw: '2023-11-07' });
    expect(parseDate('November 7, 2023', 'meta')).toEqual({ value: '2023-11-07', precision: 'day', source: 'meta', raw: 'November 7, 2023' });
  });

  it('takes a same-day time from later metadata when the first source gives only the day', () => {
    const ld = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2023-11-07"}</script>`;
    const og = `<meta property="article:published_time" content="2023-11-07T14:09:00+03:30">`;
    expect(published(ld + og)).toMatchObject({ value: '2023-11-07T14:09:00+03:30', precision: 'datetime', source: 'opengraph' });
    // Another day is another claim: the first source stands.
    const ogOther = `<meta property="article:published_time" content="2023-11-09T10:00:00Z">`;
    expect(published(ld + ogOther)).toMatchObject({ value: '2023-11-07', precision: 'day', source: 'json-ld' });
  });

  it('takes the time of a dateline on the day the URL gives', () => {
    const body = `<article><p class="dateline">Updated 11:11 PM EST Nov 19, 2019</p>${BODY}</article>`;
    expect(published('<title>T</title>', body, { url: 'https://ferry.example/2019/11/19/timetable' })).toMatchObject({ value: '2019-11-19T23:11:00-05:00', source: 'text' });
  });

  it('reads feed and JSONL hints of text documents the same way', () => {
    const doc = makeDocument('Ferry timetable settled.\nThe council met.', 'text/plain', { published: '2026-03-16T14:42:00.000Z' }, 'feed.xml#1');
    expect(extract({ value: doc, messages: [] }).value.published).toMatchObject({ value: '2026-03-16T14:42:00Z', precision: 'datetime', source: 'hint' });
  });
});
