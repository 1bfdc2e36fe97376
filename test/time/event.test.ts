import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventTime, createTimeline } from '../../src/pipeline/analyze/time/index.js';
import { EXAMPLE_DIR, SEEDS_DIR, storiesOf, storyArticle, storyOf } from '../support/stories.js';

const article = storyArticle;
const story = storyOf;

const eventTime = createEventTime();
const timeline = createTimeline();

describe('event time', () => {
  it('dates the event by the lead sentence, not a background date further down', () => {
    const s = story([
      article('a', 'f1', ['The council voted on Monday to close the bridge.', 'The bridge was damaged in a storm on October 7.'], '2023-11-07'),
    ]);
    expect(eventTime(s)).toMatchObject({ value: '2023-11-06', votes: 1 });
  });

  it('gives one vote per family, however many copies carry the date', () => {
    const s = story([
      article('a', 'f1', ['Fire broke out on Sunday in the old mill.'], '2023-11-07'),
      article('b', 'f1', ['Fire broke out on Sunday in the old mill.'], '2023-11-07'),
      article('c', 'f2', ['The mill burned on Monday.'], '2023-11-07'),
      article('d', 'f3', ['Firefighters fought the blaze on Monday.'], '2023-11-07'),
    ]);
    const t = eventTime(s)!;
    expect(t).toMatchObject({ value: '2023-11-06', votes: 2 });
    expect(t.alternatives).toEqual([expect.objectContaining({ value: '2023-11-05', votes: 1 })]);
    expect(t.evidence.map((e) => e.familyId).sort()).toEqual(['f2', 'f3']);
  });

  it('anchors an article without a publication date on the story\'s other articles and says so', () => {
    const s = story([
      article('a', 'f1', ['The summit opened on Monday.'], '2023-11-07'),
      article('b', 'f2', ['Leaders met on Monday at the summit.']),
    ]);
    const t = eventTime(s)!;
    expect(t.value).toBe('2023-11-06');
    expect(t.evidence.find((e) => e.articleId === 'b')?.anchor).toEqual({ value: '2023-11-07', from: 'story' });
    expect(t.evidence.find((e) => e.articleId === 'a')?.anchor).toEqual({ value: '2023-11-07', from: 'article' });
  });

  it('lets an outlet that leads with the follow-up back the event day it names further down', () => {
    // Family f1 opens on Tuesday's arrest and tells Monday's fire in its second sentence; f2 names
    // Monday in its second sentence. Without f1's lent support, f1's lead outweighs f2 and Tuesday wins.
    const s = story([
      article('a', 'f1', ['Police on Tuesday arrested a man over the warehouse fire.', 'The fire broke out on Monday evening and burned for hours.'], '2023-11-08'),
      article('b', 'f2', ['A warehouse on the river burned down.', 'Flames were first seen on Monday just after dark.'], '2023-11-08'),
    ]);
    const t = eventTime(s)!;
    expect(t).toMatchObject({ value: '2023-11-06', votes: 1 });
    expect(t.alternatives).toEqual([expect.objectContaining({ value: '2023-11-07', votes: 1 })]);
    expect(t.evidence.map((e) => e.articleId)).toEqual(['b']);
  });

  it('returns nothing when no article gives a day', () => {
    expect(eventTime(story([article('a', 'f1', ['Prices have risen for years.'], '2023-11-07')]))).toBeUndefined();
  });

  it.skipIf(!existsSync(SEEDS_DIR))('dates the seed story on 2023-11-06', async () => {
    const [seed] = await storiesOf(SEEDS_DIR);
    const t = eventTime(seed!)!;
    expect(t.value).toBe('2023-11-06');
    expect(t.votes).toBeGreaterThanOrEqual(3);
    expect(t.evidence.some((e) => e.anchor?.from === 'story')).toBe(true);
    for (const e of t.evidence) {
      const a = seed!.articles.find((x) => x.id === e.articleId)!;
      expect(a.text.slice(e.span.start, e.span.end)).toBe(e.text);
    }
  }, 60_000);

  it('dates the fictional example on 2026-03-16', async () => {
    const [accord] = await storiesOf(EXAMPLE_DIR);
    expect(eventTime(accord!)?.value).toBe('2026-03-16');
  }, 60_000);
});

describe('timeline', () => {
  it('groups dated sentences by day, oldest first, with background dates kept', () => {
    const s = story([
      article('a', 'f1', ['The council voted on Monday to close the bridge.', 'The bridge was damaged in a storm on October 7.'], '2023-11-07'),
      article('b', 'f2', ['The council voted on Monday to close the bridge.'], '2023-11-07'),
    ]);
    const t = timeline(s);
    expect(t.map((e) => e.date)).toEqual(['2023-10-07', '2023-11-06']);
    expect(t[0]!.text).toBe('The bridge was damaged in a storm on October 7.');
    expect(t[1]!.sources.map((x) => x.articleId)).toEqual(['a', 'b']);
  });

  it('takes the entry text from the sentence most families carry', () => {
    const s = story([
      article('a', 'f1', ['Rescuers reached the village on Monday after the flood.'], '2023-11-07'),
      article('b', 'f2', ['The flood cut the road on Monday.'], '2023-11-07'),
      article('c', 'f3', ['The flood cut the road on Monday.'], '2023-11-07'),
    ]);
    expect(timeline(s)[0]!.text).toBe('The flood cut the road on Monday.');
  });

  it('gives a source span that points at its sentence', async () => {
    const [accord] = await storiesOf(EXAMPLE_DIR);
    const t = timeline(accord!);
    expect(t.length).toBeGreaterThan(1);
    expect(t.map((e) => e.date)).toContain('2026-03-16');
    for (const e of t)
      for (const src of e.sources) {
        const a = accord!.articles.find((x) => x.id === src.articleId)!;
        expect(a.text.slice(src.span.start, src.span.end)).toBe(src.text);
      }
  }, 60_000);
});

describe('borrowed anchors', () => {
  it('leaves out "today" and "this morning" of an undated article, but keeps its weekdays', () => {
    const s = story([
      article('a', 'f1', ['The summit opened on Monday.'], '2023-11-07'),
      article('b', 'f2', ['Delegates arrived this morning.', 'The summit opened on Monday.']),
    ]);
    const t = eventTime(s)!;
    expect(t).toMatchObject({ value: '2023-11-06', votes: 2 });
    expect(timeline(s).map((e) => e.date)).toEqual(['2023-11-06']);
  });

  it.skipIf(!existsSync(SEEDS_DIR))('gives the seed story a timeline with the background date first', async () => {
    const [seed] = await storiesOf(SEEDS_DIR);
    const dates = timeline(seed!).map((e) => e.date);
    expect(dates[0]).toBe('2023-10-07');
    expect(dates).toContain('2023-11-06');
    expect([...dates].sort()).toEqual(dates);
  }, 60_000);
});
