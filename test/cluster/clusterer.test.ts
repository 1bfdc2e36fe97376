import { describe, expect, it } from 'vitest';
import { isParallaxError } from '../../src/errors.js';
import { createClusterer, DEFAULT_SETTINGS, type ClusterInput, type ClusterState } from '../../src/pipeline/cluster/index.js';
import { generateArticle } from '../../bench/corpus.js';
import { prng } from '../support/prng.js';

// Fictional events. Two earthquakes on different islands, in different years, with different tolls:
// similar words, different names and numbers.
const quakeA: ClusterInput[] = [
  {
    id: 'a1',
    title: 'Earthquake of magnitude 6.1 strikes Varnholm island',
    text: 'An earthquake of magnitude 6.1 struck Varnholm island on Tuesday, killing 14 people in the fishing town of Kestrel Bay, officials said.\nRescue teams from Port Ossian searched collapsed houses in Kestrel Bay through the night.\nGovernor Elsa Marrow said 230 homes were damaged on Varnholm.',
    published: '2031-03-04',
  },
  {
    id: 'a2',
    title: 'Varnholm quake toll rises to 14',
    text: 'The toll from the magnitude 6.1 earthquake on Varnholm island rose to 14, Governor Elsa Marrow said on Wednesday.\nMost of the dead were in Kestrel Bay, where 230 homes were damaged.\nRescue teams from Port Ossian brought tents and water to Kestrel Bay.',
    published: '2031-03-05',
  },
  {
    id: 'a3',
    text: 'Survivors of the Varnholm earthquake slept outdoors in Kestrel Bay after the 6.1 tremor destroyed their homes.\nGovernor Elsa Marrow asked Port Ossian for more tents; 14 people died and 230 homes were damaged.',
    published: '2031-03-06',
  },
];
const quakeB: ClusterInput[] = [
  {
    id: 'b1',
    title: 'Magnitude 5.4 earthquake hits Tollemar, 3 dead',
    text: 'A magnitude 5.4 earthquake hit the mountain province of Tollemar on Sunday, killing 3 people in the village of Idrensk, the Red Lantern Society said.\nRescue teams searched collapsed houses in Idrensk.\nProvincial chief Oren Castaign said 57 homes were damaged in Tollemar.',
    published: '2031-03-09',
  },
  {
    id: 'b2',
    title: 'Tollemar earthquake: rescuers reach Idrensk',
    text: 'Rescuers reached the village of Idrensk in Tollemar a day after the 5.4 earthquake killed 3 people, Oren Castaign said.\nThe Red Lantern Society brought tents to Idrensk, where 57 homes were damaged.',
    published: '2031-03-10',
  },
];

function run(articles: readonly ClusterInput[], state?: ClusterState) {
  const c = createClusterer(undefined, state);
  return { c, out: articles.map((a) => c.add(a)) };
}

describe('cluster stage', () => {
  it('puts articles about the same event in one story', () => {
    const { c, out } = run(quakeA);
    expect(out[0]!.action).toBe('created');
    expect(out.slice(1).map((a) => a.action)).toEqual(['joined', 'joined']);
    expect(new Set(out.map((a) => a.storyId)).size).toBe(1);
    expect(c.stories()).toHaveLength(1);
    expect(c.stories()[0]!.members.map((m) => m.articleId)).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps two similar but different events apart', () => {
    const { c, out } = run([quakeA[0]!, quakeB[0]!, quakeA[1]!, quakeB[1]!, quakeA[2]!]);
    const story = Object.fromEntries(out.map((a) => [a.articleId, a.storyId]));
    expect(story.a1).toBe(story.a2);
    expect(story.a1).toBe(story.a3);
    expect(story.b1).toBe(story.b2);
    expect(story.a1).not.toBe(story.b1);
    c.consolidate();
    expect(c.storyOf('a1')).not.toBe(c.storyOf('b1'));
  });

  it('never links articles years apart, however alike', () => {
    const late: ClusterInput = { ...quakeA[1]!, id: 'late', published: '2035-06-01' };
    const { c, out } = run([quakeA[0]!, late]);
    expect(out[1]!.action).toBe('created');
    c.consolidate();
    expect(c.storyOf('late')).not.toBe(c.storyOf('a1'));
  });

  it('takes time as evidence: a follow-up weeks later with the same names joins its story', () => {
    const followUp: ClusterInput = { ...quakeA[1]!, id: 'follow-up', published: '2031-04-02' };
    const { c } = run([quakeA[0]!, followUp]);
    c.consolidate();
    expect(c.storyOf('follow-up')).toBe(c.storyOf('a1'));
  });

  it('groups the same articles the same way in any arrival order and batching', () => {
    const all = [...quakeA, ...quakeB];
    const grouping = (c: ReturnType<typeof createClusterer>) =>
      c
        .stories()
        .map((s) => s.members.map((m) => m.articleId).sort().join(' '))
        .sort();
    const forward = createClusterer();
    for (const a of all) forward.add(a);
    forward.consolidate();
    const backfill = createClusterer();
    for (const batch of [all.slice(3).reverse(), all.slice(0, 3).reverse()]) {
      for (const a of batch) backfill.add(a);
      backfill.consolidate();
    }
    expect(grouping(forward)).toEqual(['a1 a2 a3', 'b1 b2']);
    expect(grouping(backfill)).toEqual(grouping(forward));
  });

  // Two votes of one fictional harbour council: alike in words, two events unless their leads name one day.
  const fares: ClusterInput = {
    id: 'fares',
    title: 'Harbour council backs dearer ferry fares',
    text: 'The Lindqvist harbour council voted on Monday to raise ferry fares by a fifth from next spring, after a heated debate over the price of fuel.\nCouncillors said the operator had lost money for three years.',
  };
  const sailings = (day: string, published?: string): ClusterInput => ({
    id: 'sailings',
    title: 'Fewer winter sailings for Lindqvist island',
    text: `Lindqvist councillors agreed on ${day} to cut the winter timetable to two sailings a day, saying skippers were hard to find.\nHarbour staff welcomed the decision, and the mayor promised a review in April.`,
    ...(published ? { published } : {}),
  });
  const together = (articles: readonly ClusterInput[]): boolean => {
    const { c } = run(articles);
    c.consolidate();
    return c.storyOf(articles[0]!.id) === c.storyOf(articles[1]!.id);
  };

  it('keeps apart two alike reports whose leads name days of the week more than a day apart', () => {
    expect(together([fares, sailings('Monday')])).toBe(true);
    expect(together([fares, sailings('Tuesday')])).toBe(true);
    expect(together([fares, sailings('Thursday')])).toBe(false);
    expect(together([fares, sailings('Friday')])).toBe(false);
  });

  it('places two dated articles by their dates, not their weekdays: a follow-up naming its own day stays', () => {
    const firstVote = { ...fares, published: '2031-03-04' };
    expect(together([firstVote, sailings('Thursday', '2031-03-07')])).toBe(true);
    expect(together([fares, sailings('Thursday', '2031-03-07')])).toBe(false);
  });

  it('keeps plainly alike reports of one event together whatever days their leads name', () => {
    const checkIn = { ...quakeA[0]!, published: undefined };
    const confirmed = { ...quakeA[1]!, published: undefined, text: quakeA[1]!.text.replace('on Wednesday', 'on Saturday') };
    expect(together([checkIn, confirmed])).toBe(true);
    const score = (options?: Parameters<typeof createClusterer>[0]): number => {
      const c = createClusterer(options);
      c.add(checkIn);
      return c.add(confirmed).score;
    };
    // Alike above weekdayStrongLink: the days cost nothing; below it they would cost the conflict weight.
    expect(score()).toBeCloseTo(score({ weekdayConflictWeight: 1 }), 10);
    expect(score({ weekdayStrongLink: 1 })).toBeCloseTo(score() * DEFAULT_SETTINGS.weekdayConflictWeight, 10);
  });

  // Two long reports of one fictional ferry strike: their figures beyond the lead (past sailings and
  // fares) differ throughout, as background does.
  const longReport = (id: string, seed: number, leadFigure = ''): ClusterInput => {
    const background = Array.from({ length: 45 }, (_, i) => `In week ${seed * 100 + i * 3 + 11}, the harbour board counted ${seed * 1000 + i * 7 + 120} sailings and ${seed * 5000 + i * 13 + 700} passengers.`);
    return {
      id,
      title: 'Ferry crews strike at Lindqvist harbour',
      text: `Ferry crews at Lindqvist harbour walked out${leadFigure} over pay, stranding islanders on the mainland.\nThe harbour board called the strike reckless.\n${background.join(' ')}`,
    };
  };

  it('counts figures beyond the lead of two long reports as background: only their headlines and leads set them apart', () => {
    const scoreOf = (a: ClusterInput, b: ClusterInput, options?: Parameters<typeof createClusterer>[0]) => {
      const c = createClusterer(options);
      c.add(a);
      const r = c.add(b);
      expect(r.action).toBe('joined');
      return r.score;
    };
    const long = scoreOf(longReport('l1', 1), longReport('l2', 2));
    const asShort = scoreOf(longReport('l1', 1), longReport('l2', 2), { longArticleTokens: 100_000 });
    expect(asShort).toBeCloseTo(long * DEFAULT_SETTINGS.numberConflictWeight, 10);
    const leadsApart = scoreOf(longReport('l1', 1, ' with 40 sailings cancelled'), longReport('l2', 2, ' with 65 sailings cancelled'));
    const leadsAlike = scoreOf(longReport('l1', 1, ' with 40 sailings cancelled'), longReport('l2', 2, ' with 40 sailings cancelled'));
    expect(leadsApart).toBeLessThan(leadsAlike * 0.6);
  });

  it('lets an undated article join a dated story', () => {
    const { out } = run([quakeA[0]!, { ...quakeA[2]!, published: undefined }]);
    expect(out[1]!.action).toBe('joined');
  });

  it('weighs a link to an undated article below one to an article known to be days away', () => {
    const dated = run([quakeA[0]!, quakeA[1]!]).out[1]!;
    const undated = run([quakeA[0]!, { ...quakeA[1]!, published: undefined }]).out[1]!;
    expect(undated.score).toBeCloseTo(dated.score * DEFAULT_SETTINGS.undatedWeight, 10);
    expect(DEFAULT_SETTINGS.undatedWeight).toBeLessThan(1);
  });

  it('keeps thousands of verbatim copies in one story although each meets only a few earlier ones', () => {
    const c = createClusterer();
    for (let i = 0; i < 2500; i++) c.add({ ...quakeA[0]!, id: `copy${i}` });
    c.consolidate();
    expect(c.stories().map((s) => s.members.length)).toEqual([2500]);
  });

  it('lists the shared names as evidence of a membership', () => {
    const { out } = run(quakeA.slice(0, 2));
    const joined = out[1]!;
    expect(joined.score).toBeGreaterThanOrEqual(DEFAULT_SETTINGS.linkThreshold);
    expect(joined.score).toBeLessThanOrEqual(1);
    expect(joined.sharedTerms).toEqual(expect.arrayContaining(['Varnholm', 'Kestrel Bay']));
    expect(out[0]!.sharedTerms).toEqual([]);
  });

  it('derives story ids from the first article id', () => {
    const first = run(quakeA).out[0]!.storyId;
    expect(first).toMatch(/^sty_[0-9a-f]{16}$/);
    expect(run(quakeA).out[0]!.storyId).toBe(first);
  });

  it('gives identical assignments after a JSON snapshot and restore', () => {
    const all = [quakeA[0]!, quakeB[0]!, quakeA[1]!, quakeB[1]!, quakeA[2]!];
    const straight = run(all).out;
    const { c } = run(all.slice(0, 2));
    const state = JSON.parse(JSON.stringify(c.snapshot())) as ClusterState;
    const resumed = run(all.slice(2), state);
    expect(resumed.out).toEqual(straight.slice(2));
    expect(resumed.c.snapshot()).toEqual(JSON.parse(JSON.stringify(run(all).c.snapshot())));
  });

  it('returns the current assignment when an article is added twice', () => {
    const { c, out } = run(quakeA);
    const again = c.add(quakeA[1]!);
    expect(again.storyId).toBe(out[1]!.storyId);
    expect(c.stories()[0]!.members).toHaveLength(3);
  });

  it('merges two stories an article shows to be one event, with a message', () => {
    // Two halves of one event that share little until a full report arrives.
    const left: ClusterInput = { id: 'm1', text: 'Dockworkers at Halvard Port walked out on Monday over the Ostrand Line contract. Union leader Pia Solberg called 1,800 members out.' };
    const right: ClusterInput = { id: 'm2', text: 'The Ostrand Line said its ships would skip Halvard Port. Chief executive Tomas Rehn called the 1,800-strong walkout illegal.' };
    const bridge: ClusterInput = {
      id: 'm3',
      text: 'Union leader Pia Solberg led 1,800 dockworkers out at Halvard Port over the Ostrand Line contract, and Ostrand Line chief executive Tomas Rehn said its ships would skip Halvard Port during the walkout.',
    };
    const c = createClusterer({ linkThreshold: 0.45 });
    const [a, b] = [c.add(left), c.add(right)];
    expect(c.consolidate()).toEqual([]);
    expect(a.storyId).not.toBe(b.storyId);
    c.add(bridge);
    const messages = c.consolidate();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ stage: 'cluster', ruleId: 'merge-close-stories', severity: 'info', data: { threshold: 0.45 } });
    expect(c.stories()).toHaveLength(1);
    expect(c.storyOf('m1')).toBe(c.storyOf('m2'));
    expect(c.stories()[0]!.events.map((e) => e.rule)).toEqual(['create-story', 'merge-close-stories']);
  });

  it('splits a story when later articles show it to be two events, logging it on both', () => {
    // An early report mixing both earthquakes puts their first articles together; once each has
    // its own follow-ups, they are two stories.
    const mixed: ClusterInput = {
      id: 'mix',
      text: 'Two earthquakes this month: a 6.1 quake on Varnholm island killed 14 in Kestrel Bay, and a 5.4 quake in Tollemar killed 3 in Idrensk.',
      published: '2031-03-10',
    };
    const c = createClusterer({ linkThreshold: 0.15, edgeThreshold: 0.05 });
    for (const a of [quakeA[0]!, mixed, quakeB[0]!]) c.add(a);
    c.consolidate();
    const before = c.storyOf('a1');
    expect(c.storyOf('b1')).toBe(before);
    for (const a of [...quakeA.slice(1), ...quakeB.slice(1)]) c.add(a);
    const messages = c.consolidate();
    expect(c.storyOf('b1')).not.toBe(c.storyOf('a1'));
    expect(messages.map((m) => m.ruleId)).toContain('split-story');
    const split = c.stories().flatMap((s) => s.events.filter((e) => e.rule === 'split-story'));
    expect(split).toHaveLength(2);
  });

  it('reads a huge article only to its opening: megabytes cost no more than a long article, and the story is found from the opening', () => {
    // Quake A's report followed by megabytes of text that names nothing.
    const filler = 'the committee met again and talked about the weather at some length before lunch. '.repeat(130_000);
    const huge: ClusterInput = { ...quakeA[1]!, id: 'huge', text: `${quakeA[1]!.text}\n${filler}` };
    expect(huge.text.length).toBeGreaterThan(10_000_000);
    const c = createClusterer();
    for (const a of [quakeA[0]!, quakeB[0]!, quakeB[1]!]) c.add(a);
    const started = performance.now();
    c.add(huge);
    c.consolidate();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(c.storyOf('huge')).toBe(c.storyOf('a1'));
    expect(c.storyOf('huge')).not.toBe(c.storyOf('b1'));
  });

  it('rejects out-of-range options with CLUSTER_OPTIONS_INVALID', () => {
    expect(() => createClusterer({ linkThreshold: 1.5 })).toThrow();
    expect(() => createClusterer({ edgeThreshold: 0.5, linkThreshold: 0.3 })).toThrow();
    try {
      createClusterer({ nameWeight: 0.7, numberWeight: 0.6 });
      expect.unreachable();
    } catch (err) {
      expect(isParallaxError(err, 'CLUSTER_OPTIONS_INVALID')).toBe(true);
    }
  });

  it('rejects a state it cannot read with CLUSTER_STATE_INVALID', () => {
    try {
      createClusterer(undefined, { version: 1, df: [], stories: [] } as unknown as ClusterState);
      expect.unreachable();
    } catch (err) {
      expect(isParallaxError(err, 'CLUSTER_STATE_INVALID')).toBe(true);
    }
  });

  it('consolidates the same way after a snapshot taken between adds', () => {
    const opts = { linkThreshold: 0.25 };
    const stream = [quakeA[0]!, quakeB[0]!, { ...quakeA[0]!, id: 'a1-copy' }, ...quakeA.slice(1), quakeB[1]!];
    const straight = createClusterer(opts);
    for (const a of stream) straight.add(a);
    const first = createClusterer(opts);
    first.add(stream[0]!);
    const resumed = createClusterer(opts, JSON.parse(JSON.stringify(first.snapshot())) as ClusterState);
    for (const a of stream.slice(1)) resumed.add(a);
    expect(resumed.consolidate()).toEqual(straight.consolidate());
    expect(resumed.stories()).toEqual(straight.stories());
  });

  it('keeps every article in exactly one story through regroupings in any batching (no story id given twice)', () => {
    // Generated articles in files of 25, the files in a shuffled order, consolidated after every
    // one to four files: batchings that made one regrouping give a new group the id a later group
    // kept, leaving up to 5 of 600 articles in no story (runs 1-4 and 6-7 of the first 8 seeds).
    const articles = Array.from({ length: 600 }, (_, i) => generateArticle(31, i));
    for (const seed of [1001, 1003]) {
      const rand = prng(seed);
      const files = Array.from({ length: 24 }, (_, f) => articles.slice(f * 25, f * 25 + 25)).sort(() => rand() - 0.5);
      let clusterer = createClusterer();
      let added = 0;
      for (let i = 0; i < files.length; ) {
        const take = 1 + Math.floor(rand() * 4);
        for (const file of files.slice(i, i + take)) {
          for (const a of file) clusterer.add({ id: a.url, title: a.title, text: a.text, published: a.published });
          added += file.length;
        }
        i += take;
        clusterer.consolidate();
        const placed = clusterer.stories().flatMap((s) => s.members.map((m) => m.articleId));
        expect(placed).toHaveLength(added);
        expect(new Set(placed).size).toBe(added);
        clusterer = createClusterer(undefined, JSON.parse(JSON.stringify(clusterer.snapshot())) as ClusterState);
      }
    }
  });
});
