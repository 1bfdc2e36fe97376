import { describe, expect, it } from 'vitest';
import { createEventTime, createTimeExpressions } from '../../src/pipeline/analyze/time/index.js';
import { storyArticle as article, storyOf as story } from '../support/stories.js';

const eventTime = createEventTime();
const find = createTimeExpressions();

// 2024-05-08 is a Wednesday.
describe('event time on reports published the day after', () => {
  it('takes the day a story keeps returning to over a one-off of equal weight', () => {
    const s = story([
      article('a', 'f1', ['Voters in three provinces chose mayors.', 'Turnout was high.', 'Counting lasted all night.', 'Polls closed late on Tuesday.', 'The governor conceded on Tuesday.', 'Observers praised Tuesday\'s count.'], '2024-05-08'),
      article('b', 'f2', ['Voters in three provinces chose mayors.', 'Turnout was high.', 'Counting lasted all night.', 'The governor was seen leaving on Monday.'], '2024-05-08'),
    ]);
    expect(eventTime(s)?.value).toBe('2024-05-07');
  });

  it('does not read "tonight" inside a quotation as the publication day', () => {
    const s = story([article('a', 'f1', ['Results came in late.', '"Tonight, the valley voted for change," the winner said of her victory.', 'Polls closed on Tuesday.'], '2024-05-08')]);
    expect(eventTime(s)?.value).toBe('2024-05-07');
  });

  it('weighs "said Wednesday" in a Wednesday paper below the event\'s own day', () => {
    const s = story([article('a', 'f1', ['The union leader said Wednesday that talks would resume.', 'Workers at the plant walked out Tuesday after talks collapsed.'], '2024-05-08')]);
    expect(eventTime(s)?.value).toBe('2024-05-07');
  });

  it('keeps bounding dates out: "as of", "beginning", "as recently as"', () => {
    const s = story([
      article('a', 'f1', ['As of Monday, this page is no longer being updated.', 'A ferry ran aground near the pier on Sunday.'], '2024-05-08'),
      article('b', 'f2', ['Fines apply beginning Wednesday.', 'The ferry ran aground on Sunday, the port said as recently as May 7.'], '2024-05-08'),
    ]);
    expect(eventTime(s)?.value).toBe('2024-05-05');
  });

  it('does not date the event by a named day such as "Super Tuesday" or an offset from another event', () => {
    const s = story([
      article('a', 'f1', ['After gains on Super Tuesday, the senator rested.', 'Hearings used to wait 48 hours before a ruling.', 'Today the court ruled on the appeal.'], '2024-05-08'),
    ]);
    expect(eventTime(s)?.value).toBe('2024-05-08');
  });

  it('leaves out publication lines and embedded-post signatures', () => {
    const s = story([
      article('a', 'f1', ['Published on Wednesday, 8 May 2024', 'The council approved the budget on Monday.', 'Great news for the town — Town Hall (@townhall) May 8, 2024'], '2024-05-08'),
    ]);
    expect(eventTime(s)?.value).toBe('2024-05-06');
  });

  it('lets a family voting only for a plan lose to one naming a day that has come', () => {
    const s = story([
      article('a', 'f1', ['The singer will tour five cities before a final show on June 20.'], '2024-05-08'),
      article('b', 'f2', ['The singer will play in the capital on June 20.'], '2024-05-08'),
      article('c', 'f3', ['The singer announced the tour on Tuesday.'], '2024-05-08'),
    ]);
    expect(eventTime(s)?.value).toBe('2024-05-07');
  });

  it('lets families read against their own publication date decide; borrowed anchors only add votes', () => {
    const s = story([
      article('a', 'f1', ['The mayor on Wednesday urged calm.'], '2024-05-08'),
      article('b', 'f2', ['The square was quiet.', 'Shops opened.', 'Buses ran.', 'Crowds had gathered on Tuesday.'], '2024-05-08'),
      article('c', 'f3', ['Crowds gathered on Tuesday.']),
    ]);
    const t = eventTime(s)!;
    expect(t).toMatchObject({ value: '2024-05-08', votes: 1 });
    expect(t.alternatives[0]).toMatchObject({ value: '2024-05-07', votes: 2 });
  });
});

describe('weekdays opening a sentence', () => {
  it('point forward when the clause after them does ("On Tuesday, the vote could …")', () => {
    const [e] = find('On Tuesday, the state primary could end his campaign.', '2024-05-06');
    expect(e).toMatchObject({ text: 'Tuesday', value: '2024-05-07' });
  });

  it('stay past-leaning when the clause after them is past', () => {
    const [e] = find('On Tuesday, the state primary ended his campaign.', '2024-05-08');
    expect(e).toMatchObject({ text: 'Tuesday', value: '2024-05-07' });
  });
});
