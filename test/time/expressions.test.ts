import { describe, expect, it } from 'vitest';
import { createTimeExpressions } from '../../src/pipeline/analyze/time/index.js';

const find = createTimeExpressions();
/** Published Tuesday 7 November 2023. */
const ANCHOR = '2023-11-07';
const one = (text: string, anchor: string = ANCHOR) => {
  const out = find(text, anchor);
  expect(out, JSON.stringify(out)).toHaveLength(1);
  return out[0]!;
};

describe('time expressions', () => {
  it('resolves "on Monday" to the Monday before a Tuesday publication, without "on" in the span', () => {
    const t = one('The minister said on Monday that talks would resume.');
    expect(t).toMatchObject({ text: 'Monday', type: 'DATE', value: '2023-11-06', rule: 'weekday' });
  });

  it('resolves a weekday forward when the clause points to the future', () => {
    expect(one('The ministers will meet on Friday.').value).toBe('2023-11-10');
  });

  it('reads the publication weekday itself as the publication day', () => {
    expect(one('The ministry said on Tuesday it would respond.').value).toBe('2023-11-07');
  });

  it('takes the day of a datetime anchor as written, whatever its offset', () => {
    expect(one('It happened yesterday.', '2023-11-07T23:30:00+03:00').value).toBe('2023-11-06');
  });

  it('resolves yesterday, today and tomorrow against the anchor', () => {
    const out = find('Yesterday he left; today he spoke; tomorrow he flies home.', ANCHOR);
    expect(out.map((t) => t.value)).toEqual(['2023-11-06', '2023-11-07', '2023-11-08']);
  });

  it('gives this morning a part-of-day TIME value', () => {
    expect(one('The plane landed this morning.')).toMatchObject({ type: 'TIME', value: '2023-11-07TMO' });
  });

  it('gives last week an ISO week and this year a year', () => {
    const out = find('Prices rose last week and have doubled this year.', ANCHOR);
    expect(out.map((t) => [t.text, t.value])).toEqual([
      ['last week', '2023-W44'],
      ['this year', '2023'],
    ]);
  });

  it('keeps "earlier this month" as the month with its modifier', () => {
    expect(one('The deal was struck earlier this month.')).toMatchObject({ text: 'earlier this month', value: '2023-11' });
  });

  it('resolves a bare month past-leaning to the last such month', () => {
    expect(one('Fighting broke out in October.', '2024-01-15').value).toBe('2023-10');
  });

  it('resolves "Nov. 25" to the nearest year and "Aug. 7, 1998" to its own', () => {
    expect(find('On Nov. 25 and on Aug. 7, 1998 it rained.', '1998-01-08').map((t) => t.value)).toEqual(['1997-11-25', '1998-08-07']);
  });

  it('reads day-month dates with a year', () => {
    expect(one('The accord was signed on 16 March 2026.').value).toBe('2026-03-16');
  });

  it('does not take the modal verb "may" for a month', () => {
    expect(find('The talks may resume soon.', ANCHOR).map((t) => t.value)).toEqual(['FUTURE_REF']);
  });

  it('turns "three days ago" into the day and "two years ago" into the year', () => {
    expect(find('It began three days ago, two years ago it ended.', ANCHOR).map((t) => t.value)).toEqual(['2023-11-04', '2021']);
  });

  it('gives a duration tied to the anchor its calendar range', () => {
    const t = one('Over the past three days, prices fell.');
    expect(t).toMatchObject({ text: 'the past three days', type: 'DURATION', value: 'P3D', rule: 'duration-anchored' });
    expect(t.range).toEqual({ start: '2023-11-04', end: '2023-11-07' });
  });

  it('writes hours as a time duration and leaves "after" out of "less than 24 hours after"', () => {
    const t = one('He arrived less than 24 hours after the meeting.');
    expect(t).toMatchObject({ text: 'less than 24 hours', type: 'DURATION', value: 'PT24H' });
    expect(t.range).toEqual({ start: '2023-11-06', end: '2023-11-07' });
  });

  it('reads hyphenated adjectives and vague counts as durations', () => {
    expect(find('A 40-year lease, several years of talks.', ANCHOR).map((t) => t.value)).toEqual(['P40Y', 'PXY']);
  });

  it('does not read an age as a duration', () => {
    expect(find('A 39-year-old man was hurt.', ANCHOR)).toEqual([]);
  });

  it('gives "since 2023" the range from that year up to the anchor, and "in 2022" its own year', () => {
    expect(one('Prices have risen since 2023.', '2024-05-02')).toMatchObject({ text: '2023', value: '2023', range: { start: '2023-01-01', end: '2024-05-02' } });
    expect(one('Prices rose in 2022.', '2024-05-02').range).toEqual({ start: '2022-01-01', end: '2022-12-31' });
  });

  it('does not read an amount or a number inside a figure as a year', () => {
    expect(find('It cost $2023 and 1,998 people came.', ANCHOR)).toEqual([]);
  });

  it('gives quarters the quarter of the past year when later than the anchor quarter', () => {
    expect(find('Profit in the third quarter rose; fourth-quarter sales fell.', '1990-02-01').map((t) => t.value)).toEqual(['1989-Q3', '1989-Q4']);
  });

  it('reads "the quarter" and "a year earlier" against the quarter in view', () => {
    const out = find('Third-quarter profit rose. In the quarter, sales grew from a year earlier.', '1989-10-30');
    expect(out.map((t) => t.value)).toEqual(['1989-Q3', '1989-Q3', '1988-Q3']);
  });

  it('marks now, recently and the future as generic references', () => {
    expect(find('Now prices are high; recently they fell; the future is unclear.', ANCHOR).map((t) => t.value)).toEqual(['PRESENT_REF', 'PAST_REF', 'FUTURE_REF']);
  });

  it('reads "daily" and "every week" as recurrences', () => {
    expect(find('Rallies are held daily and reports come every week.', ANCHOR).map((t) => [t.type, t.value])).toEqual([
      ['SET', 'P1D'],
      ['SET', 'P1W'],
    ]);
  });

  it('gives clock times the anchor day', () => {
    expect(one('The signing began at 2 p.m.')).toMatchObject({ type: 'TIME', value: '2023-11-07T14:00', text: '2 p.m.' });
  });

  it('gives decades and seasons their TIMEX3 values', () => {
    expect(find('In the 1990s, and this summer.', '1998-03-22').map((t) => t.value)).toEqual(['199', '1998-SU']);
  });

  it('adds explicit numeric dates from chrono-node', () => {
    expect(one('The filing is dated 2023-11-06.')).toMatchObject({ value: '2023-11-06', rule: 'chrono' });
  });

  it('leaves a weekday unresolved without an anchor', () => {
    expect(find('He spoke on Monday.').map((t) => t.value)).toEqual(['XXXX-WXX-1']);
  });

  it('returns spans that point at the expression in the text', () => {
    const text = 'After a quiet weekend, on Monday the talks in the capital resumed for two days.';
    for (const t of find(text, ANCHOR)) expect(text.slice(t.span.start, t.span.end)).toBe(t.text);
  });
  it('does not report "a year" after an amount (a rate) as a duration', () => {
    expect(find('The plan saves $500 million a year.', ANCHOR)).toEqual([]);
  });

  it('writes half units in the next smaller unit', () => {
    expect(find('They waited 2 1/2 years, then 5 1/2 hours.', ANCHOR).map((t) => t.value)).toEqual(['P2Y6M', 'PT5H30M']);
  });

  it('reads "recent years" as the recent past', () => {
    expect(one('Prices have soared in recent years.')).toMatchObject({ text: 'recent years', value: 'PAST_REF' });
  });

  it('gives "the 1988 quarter" the quarter in view in that year', () => {
    expect(find('Third-quarter net fell from the 1988 quarter.', '1989-10-30').map((t) => t.value)).toEqual(['1989-Q3', '1988-Q3']);
  });

  it('reads spelled-out years from broadcast transcripts', () => {
    expect(find('In nineteen ninety-six, and by the year two thousand.', '1998-01-15').map((t) => t.value)).toEqual(['1996', '2000']);
  });

  it('joins a clock time and its day into one TIME', () => {
    expect(one('Police said the fire began at 10 p.m. Wednesday.', '1998-02-13')).toMatchObject({ text: '10 p.m. Wednesday', type: 'TIME', value: '1998-02-11T22:00' });
  });

  it('gives "the fiscal year" the anchor year and "year-end" its last day', () => {
    expect(find('Sales for the fiscal year rose; the deal closes by year-end.', '1989-11-02').map((t) => t.value)).toEqual(['1989', '1989-12-31']);
  });

  it('reads "the year ended March 31" as a twelve-month period', () => {
    expect(find('Revenue for the year ended March 31 rose.', '1989-11-01')[0]).toMatchObject({ text: 'the year', type: 'DURATION', value: 'P1Y' });
  });

  it('dates holidays, fixed and by weekday rule', () => {
    expect(find('He was found on Thanksgiving Day and home by Christmas Eve.', '2000-01-06').map((t) => t.value)).toEqual(['1999-11-25', '1999-12-24']);
  });

  it('resolves a month and day shortly after the anchor forward', () => {
    expect(one('The dividend is payable Dec. 15 to holders.', '1989-11-02').value).toBe('1989-12-15');
  });

  it('does not let a future word before a past-tense verb push a weekday forward', () => {
    expect(one('They said they would appeal the decision, announced Wednesday by the agency.', '2000-01-06').value).toBe('2000-01-05');
  });

  it('resolves French day names', () => {
    expect(find('Signé lundi, le président doit se rendre mardi à Varde.', '2026-03-16').map((t) => t.value)).toEqual(['2026-03-16', '2026-03-17']);
  });

  it('writes minutes as a time unit and decades in years', () => {
    expect(find('It lasted two minutes, after four decades.', ANCHOR).map((t) => t.value)).toEqual(['PT2M', 'P40Y']);
    expect(one('Two minutes later, the lights went out.').value).toBe('2023-11-07');
  });

  it('keeps the article of "the nine months" but not of "the 10-year bond"', () => {
    expect(find('In the nine months, the 10-year bond fell.', ANCHOR).map((t) => t.text)).toEqual(['the nine months', '10-year']);
  });

  it('does not read a price with a fraction as a date', () => {
    expect(find('The shares fell 7/8 to $1.35 a share.', ANCHOR)).toEqual([]);
  });
});
