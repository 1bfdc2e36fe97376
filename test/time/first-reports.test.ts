// Who reported first: outlets ordered by the normalised instant of their earliest article, precision
// shown, ties and day-only dates stated rather than guessed.
import { describe, expect, it } from 'vitest';
import { firstReports, formatFirstReports, showReportTime, type ReportedArticle } from '../../src/pipeline/analyze/first-reports.js';

const story: ReportedArticle[] = [
  { id: 'art_b2', site: 'Brinwater Post', published: '2031-04-02T07:05:00+01:00', familyId: 'fam_a' },
  { id: 'art_k1', site: 'Kestral Wire', published: '2031-04-02T08:30:00+03:00', familyId: 'fam_k' },
  { id: 'art_b1', site: 'Brinwater Post', published: '2031-04-01T18:00:00+01:00', familyId: 'fam_b' },
  { id: 'art_m1', site: 'Mossdale Times', published: '2031-04-02T05:30:00Z', familyId: 'fam_m' },
  { id: 'art_o1', site: 'Ostra Herald', published: '2031-04-02T07:45:00+01:00', familyId: 'fam_o' },
  { id: 'art_d1', site: 'Dunmore Daily', published: '2031-04-01', familyId: 'fam_d' },
  { id: 'art_u1', site: 'Umbral Notes', familyId: 'fam_u' },
  { id: 'art_l1', site: 'Larchfield Ledger', published: { value: '2031-04-03', precision: 'day', source: 'opengraph', localTime: '09:15' }, familyId: 'fam_l' },
];

describe('who reported first', () => {
  it('orders outlets by the instant of their first article, not by the time as written', () => {
    const list = firstReports(story);
    // As written, Ostra's 07:45+01:00 reads before Kestral's 08:30+03:00; as instants it came 75 minutes after.
    expect(list.map((e) => e.site)).toEqual(['Dunmore Daily', 'Brinwater Post', 'Kestral Wire', 'Mossdale Times', 'Ostra Herald', 'Larchfield Ledger', 'Umbral Notes']);
    expect(list.map((e) => e.rank)).toEqual([1, 1, 2, 2, 3, 4, undefined]);
    // Brinwater's first report is the one of 1 April, and it has two.
    expect(list[1]).toMatchObject({ articleId: 'art_b1', articles: 2, utc: '2031-04-01T17:00:00Z', precision: 'datetime' });
    // 08:30+03:00 and 05:30Z are one minute.
    expect(list[3]).toMatchObject({ site: 'Mossdale Times', rank: 2, tie: { with: 'Kestral Wire', relation: 'same-minute' } });
    expect(list[4]).toMatchObject({ site: 'Ostra Herald', utc: '2031-04-02T06:45:00Z' });
    expect(list[4]!.tie).toBeUndefined();
  });

  it('states day-only dates and ties instead of ordering them', () => {
    const list = firstReports(story);
    expect(list[0]).toMatchObject({ rank: 1, precision: 'day', published: '2031-04-01' });
    expect(list[1]).toMatchObject({ rank: 1, tie: { with: 'Dunmore Daily', relation: 'same-day' } });
    expect(list[5]).toMatchObject({ site: 'Larchfield Ledger', precision: 'day', localTime: '09:15' });
    expect(list[6]).toEqual({ site: 'Umbral Notes', articleId: 'art_u1', familyId: 'fam_u', articles: 1, precision: 'none' });
  });

  it('shows each time in the reader’s zone, and says what is unknown', () => {
    const list = firstReports(story);
    expect(list.map((e) => showReportTime(e, { timeZone: 'UTC' }))).toEqual([
      '2031-04-01 (time unknown)',
      '2031-04-01 17:00 UTC',
      '2031-04-02 05:30 UTC',
      '2031-04-02 05:30 UTC',
      '2031-04-02 06:45 UTC',
      '2031-04-03 09:15 (zone unknown)',
      'undated',
    ]);
    const lines = formatFirstReports(list, { timeZone: 'Asia/Tehran' });
    expect(lines[1]).toMatch(/^ 1= 2031-04-01 20:30 \+03:30\s+Brinwater Post\s+art_b1 {2}\(\+1 later\) {2}same day as Dunmore Daily, which came first unknown$/);
    expect(lines[3]).toMatch(/^ 2= 2031-04-02 09:00 \+03:30\s+Mossdale Times\s+art_m1 {2}same minute as Kestral Wire$/);
    expect(lines[6]).toMatch(/^ {2}- undated\s+Umbral Notes/);
  });

  it('does not depend on the order of its input', () => {
    expect(firstReports([...story].reverse())).toEqual(firstReports(story));
  });
});
