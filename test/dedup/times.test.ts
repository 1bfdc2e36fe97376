// Which of two copies is older is read from their normalised instants, never from the times as
// written: two zones compared as strings made a copy look an hour older than its original.
import { describe, expect, it } from 'vitest';
import { relateArticles, type DedupInput } from '../../src/pipeline/dedup/index.js';
import { ORIGINAL_TEXT } from './fixtures.js';

const base = { text: ORIGINAL_TEXT, credits: [] };
const timeEvidence = (evidence: readonly string[]) => evidence.filter((e) => /was published/.test(e));

describe('publication times in copy direction', () => {
  it('takes the earlier instant as the original when the strings as written say the opposite', () => {
    // 09:00+03:00 is 06:00 UTC; 08:00+01:00 is 07:00 UTC: the +03:00 page came an hour earlier.
    const east: DedupInput = { ...base, id: 'art_east', published: '2025-05-06T09:00:00+03:00' };
    const west: DedupInput = { ...base, id: 'art_west', text: ORIGINAL_TEXT.toUpperCase(), published: '2025-05-06T08:00:00+01:00' };
    const r = relateArticles(west, east);
    expect(r).toMatchObject({ originalId: 'art_east', copyId: 'art_west' });
    expect(timeEvidence(r!.evidence)).toEqual(['art_east was published 1 h before art_west']);
  });

  it('gives no time vote to one instant written in two zones', () => {
    const page: DedupInput = { ...base, id: 'art_page', published: '2026-03-16T15:42:00+01:00' };
    const feed: DedupInput = { ...base, id: 'art_feed', text: ORIGINAL_TEXT.toUpperCase(), published: '2026-03-16T14:42:00Z' };
    expect(timeEvidence(relateArticles(page, feed)!.evidence)).toEqual([]);
    expect(timeEvidence(relateArticles(feed, page)!.evidence)).toEqual([]);
  });

  it('compares a day-only date by calendar day and a zone-less time as a day', () => {
    const day: DedupInput = { ...base, id: 'art_day', published: '2026-03-16' };
    const sameDay: DedupInput = { ...base, id: 'art_timed', text: ORIGINAL_TEXT.toUpperCase(), published: '2026-03-16T23:10:00-05:00' };
    expect(timeEvidence(relateArticles(day, sameDay)!.evidence)).toEqual([]);
    const zoneless: DedupInput = { ...base, id: 'art_local', text: ORIGINAL_TEXT.toUpperCase(), published: '2026-03-17T01:00:00' };
    const r = relateArticles(zoneless, day);
    expect(timeEvidence(r!.evidence)).toEqual(['art_day was published 1 day(s) before art_local']);
  });
});
