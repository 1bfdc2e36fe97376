// Publication times compared by their normalised instant, at the precision both carry, and shown in
// the reader's zone.
import { describe, expect, it } from 'vitest';
import { comparePublished, readPublished, relatePublished, showPublished } from '../../src/model/published.js';

describe('reading a publication time', () => {
  it('gives the instant in UTC beside the day and offset as written', () => {
    expect(readPublished('2023-11-07T14:09:00+03:30')).toEqual({
      value: '2023-11-07T14:09:00+03:30',
      precision: 'datetime',
      day: '2023-11-07',
      utc: '2023-11-07T10:39:00Z',
      offset: '+03:30',
      ms: Date.UTC(2023, 10, 7, 10, 39),
    });
    // Early morning at +01:00 is the evening before in UTC; the page's day is kept.
    expect(readPublished('2026-03-17T00:30:00+01:00')).toMatchObject({ day: '2026-03-17', utc: '2026-03-16T23:30:00Z' });
  });

  it('keeps a day a day, and reads a zone-less time of an older record as a day with its local time', () => {
    expect(readPublished({ value: '2023-11-07', precision: 'day', source: 'meta' })).toMatchObject({ precision: 'day', day: '2023-11-07' });
    expect(readPublished({ value: '2023-11-07', precision: 'day', source: 'meta', localTime: '14:09' })).toMatchObject({ precision: 'day', localTime: '14:09' });
    expect(readPublished('2019-06-20T07:30:00')).toMatchObject({ precision: 'day', day: '2019-06-20', localTime: '07:30' });
    expect(readPublished('yesterday')).toBeUndefined();
    expect(readPublished(undefined)).toBeUndefined();
  });
});

describe('comparing publication times', () => {
  it('orders by the instant, not by the string as written', () => {
    // As strings the +01:00 copy sorts first; as instants the +03:00 report came 35 minutes earlier.
    const copy = '2026-03-17T07:05:11+01:00';
    const report = '2026-03-17T08:30:00+03:00';
    expect(copy < report).toBe(true);
    expect(comparePublished(report, copy)).toBeLessThan(0);
    expect([copy, undefined, report].sort(comparePublished)).toEqual([report, copy, undefined]);
    // One instant in two zones.
    expect(comparePublished('2026-03-16T14:42:00Z', '2026-03-16T15:42:00+01:00')).toBe(0);
  });

  it('relates two times at the precision both carry', () => {
    const at = (v: string) => readPublished(v)!;
    expect(relatePublished(at('2026-03-16T14:42:00Z'), at('2026-03-16T15:42:30+01:00'))).toBe('same-minute');
    expect(relatePublished(at('2026-03-16T14:41:00Z'), at('2026-03-16T15:42:00+01:00'))).toBe('before');
    expect(relatePublished(at('2026-03-16'), at('2026-03-16T15:42:00+01:00'))).toBe('same-day');
    expect(relatePublished(at('2026-03-17'), at('2026-03-16T15:42:00+01:00'))).toBe('after');
    expect(relatePublished(at('2019-06-20T07:30:00'), at('2019-06-20T01:00:00Z'))).toBe('same-day');
  });
});

describe('showing a publication time', () => {
  it('shows an instant in the reader’s zone with its offset, or in UTC', () => {
    expect(showPublished('2026-03-16T15:42:00+01:00', { timeZone: 'UTC' })).toBe('2026-03-16 14:42 UTC');
    expect(showPublished('2026-03-16T14:42:00Z', { timeZone: 'Europe/Paris' })).toBe('2026-03-16 15:42 +01:00');
    expect(showPublished('2023-11-07T14:09:00+03:30', { timeZone: 'America/New_York' })).toBe('2023-11-07 05:39 -05:00');
    expect(showPublished('2023-11-07T14:09:00+03:30', { timeZone: 'Asia/Tehran' })).toBe('2023-11-07 14:09 +03:30');
  });

  it('never gives a day a time, and says when a time has no zone', () => {
    expect(showPublished('2026-03-16', { timeZone: 'Pacific/Kiritimati' })).toBe('2026-03-16');
    expect(showPublished({ value: '2026-03-16', precision: 'day', source: 'meta', localTime: '14:09' })).toBe('2026-03-16 14:09 (zone unknown)');
    expect(showPublished(undefined)).toBe('');
  });
});
