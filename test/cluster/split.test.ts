import { describe, expect, it } from 'vitest';
import { createClusterer, type ClusterInput, type ClusterOptions, type ClusterState, type StoryView } from '../../src/pipeline/cluster/index.js';

// Two fictional events in the same week with nothing in common but an article that mentions both.
const port: ClusterInput[] = [
  { id: 'p1', title: 'Dockworkers walk out at Halvard Port', text: 'Dockworkers at Halvard Port walked out on Monday over the Ostrand Line contract. Union leader Pia Solberg said 1,800 members joined the strike.\nCranes stood idle along the quays.', published: '2031-05-04' },
  { id: 'p2', title: 'Halvard Port strike enters second day', text: 'The strike at Halvard Port entered its second day as union leader Pia Solberg rejected the Ostrand Line offer.\nShips queued outside the harbour; 1,800 dockworkers stayed out.', published: '2031-05-05' },
  { id: 'p3', text: 'Ostrand Line chief executive Tomas Rehn called the Halvard Port strike illegal and said his ships would dock elsewhere.\nPia Solberg said the union would not back down.', published: '2031-05-06' },
  { id: 'p4', title: 'Talks resume at Halvard Port', text: 'Talks between the Ostrand Line and the dockworkers union resumed at Halvard Port on Thursday, Pia Solberg said.\nTomas Rehn offered a 4 percent raise to the 1,800 strikers.', published: '2031-05-07' },
];
const flood: ClusterInput[] = [
  { id: 'f1', title: 'Floods cut off Mirelund valley', text: 'Heavy rain flooded the Mirelund valley on Monday, cutting off the town of Esker Falls, the regional council said.\nMayor Anneli Korvak said 600 homes were under water.', published: '2031-05-04' },
  { id: 'f2', title: 'Esker Falls evacuated as river rises', text: 'Soldiers evacuated Esker Falls as the Mirelund river kept rising, Mayor Anneli Korvak said.\nAbout 600 homes were flooded and the valley road was closed.', published: '2031-05-05' },
  { id: 'f3', text: 'Rescue boats reached farms in the Mirelund valley where families had waited on rooftops since the flood.\nAnneli Korvak asked the government for pumps for Esker Falls.', published: '2031-05-06' },
  { id: 'f4', title: 'Mirelund waters recede', text: 'Flood waters in the Mirelund valley began to recede on Thursday, and residents of Esker Falls returned to 600 damaged homes, Anneli Korvak said.', published: '2031-05-07' },
];
const bridge: ClusterInput = { id: 'x1', title: 'Strike and floods', text: 'The strike at Halvard Port held up relief supplies for the Mirelund valley floods, Pia Solberg and Anneli Korvak said on Tuesday.\nShips carrying pumps for Esker Falls waited outside Halvard Port.', published: '2031-05-05' };

// The ambiguous article arrives early and, with lenient thresholds, joins both events into one story;
// each event then gathers its own articles.
const stream = [port[0]!, flood[0]!, bridge, port[1]!, flood[1]!, port[2]!, flood[2]!, port[3]!, flood[3]!];
const lenient: ClusterOptions = { joinThreshold: 0.2, mergeThreshold: 0.1 };

function members(views: readonly StoryView[]): string[][] {
  return views.map((s) => s.members.map((m) => m.articleId).sort());
}

describe('cluster stage: splits', () => {
  it('splits a story two events were wrongly merged into once each has its own articles', () => {
    const c = createClusterer(lenient);
    const out = stream.map((a) => c.add(a));
    expect(out[2]!.merged).toHaveLength(1);
    expect(c.stories()).toHaveLength(1);
    const messages = c.consolidate();
    const split = messages.filter((m) => m.ruleId === 'split-story');
    expect(split).toHaveLength(1);
    expect(members(c.stories())).toEqual([
      ['f1', 'f2', 'f3', 'f4', 'x1'],
      ['p1', 'p2', 'p3', 'p4'],
    ]);
    expect(c.storyOf('p3')).not.toBe(c.storyOf('f3'));
    expect(c.storyOf('p1')).toBe(c.storyOf('p4'));
  });

  it('names the split, its score and the separating terms in the message', () => {
    const c = createClusterer(lenient);
    for (const a of stream) c.add(a);
    const whole = c.stories()[0]!.id;
    const [msg] = c.consolidate().filter((m) => m.ruleId === 'split-story');
    expect(msg).toMatchObject({ stage: 'cluster', ruleId: 'split-story', severity: 'info' });
    const data = msg!.data as { from: string; into: string; score: number; threshold: number; moved: string[]; keptTerms: string[]; movedTerms: string[] };
    expect(data.from).toBe(whole);
    expect(data.score).toBeLessThan(data.threshold);
    expect(data.moved.sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(data.movedTerms).toEqual(expect.arrayContaining(['ostrand']));
    expect(data.keptTerms).toEqual(expect.arrayContaining(['esker']));
    expect(msg!.reason).toContain(data.into);
    expect(msg!.reason).toContain(whole);
  });

  it('gives the larger half the story id and the other an id from its first article', () => {
    const c = createClusterer(lenient);
    for (const a of stream) c.add(a);
    const whole = c.stories()[0]!.id;
    c.consolidate();
    const [kept, moved] = c.stories();
    expect(kept!.id).toBe(whole);
    expect(kept!.members).toHaveLength(5);
    expect(moved!.id).toMatch(/^sty_[0-9a-f]{16}$/);
    expect(moved!.title).toBe(port[0]!.title);
    expect(moved!.firstSeen).toBe('2031-05-04');
    expect(moved!.lastSeen).toBe('2031-05-07');
  });

  it('logs creation, merges and the split on the stories', () => {
    const c = createClusterer(lenient);
    for (const a of stream) c.add(a);
    const before = c.stories()[0]!;
    expect(before.events[0]).toMatchObject({ rule: 'create-story', at: 'f1' });
    expect(before.events[1]).toMatchObject({ rule: 'merge-close-stories', at: 'x1' });
    c.consolidate();
    const [kept, moved] = c.stories();
    expect(kept!.events.at(-1)).toMatchObject({ rule: 'split-story', story: moved!.id });
    expect(moved!.events).toEqual([expect.objectContaining({ rule: 'split-story', story: kept!.id })]);
  });

  it('gives identical results after a snapshot and restore, splits included', () => {
    const straight = createClusterer(lenient);
    const straightOut = stream.map((a) => straight.add(a));
    const straightMessages = straight.consolidate();

    const first = createClusterer(lenient);
    stream.slice(0, 4).forEach((a) => first.add(a));
    const resumed = createClusterer(lenient, JSON.parse(JSON.stringify(first.snapshot())) as ClusterState);
    const resumedOut = stream.slice(4).map((a) => resumed.add(a));
    expect(resumedOut).toEqual(straightOut.slice(4));
    expect(resumed.consolidate()).toEqual(straightMessages);
    expect(resumed.stories()).toEqual(straight.stories());
    expect(resumed.snapshot()).toEqual(straight.snapshot());

    // A snapshot taken after the split restores the split stories, their logs and their evidence.
    const again = createClusterer(lenient, JSON.parse(JSON.stringify(straight.snapshot())) as ClusterState);
    expect(again.stories()).toEqual(straight.stories());
    expect(again.storyOf('p2')).toBe(straight.storyOf('p2'));
    expect(again.consolidate()).toEqual([]);
  });

  it('sends later articles of the split-off event to its new story', () => {
    const c = createClusterer(lenient);
    for (const a of stream) c.add(a);
    c.consolidate();
    const portStory = c.storyOf('p1');
    const later: ClusterInput = { id: 'p5', title: 'Halvard Port strike ends', text: 'Dockworkers at Halvard Port voted to end the strike after the Ostrand Line raised its offer, Pia Solberg said.\nTomas Rehn said ships would return on Monday.', published: '2031-05-08' };
    expect(c.add(later).storyId).toBe(portStory);
    expect(c.consolidate().filter((m) => m.ruleId === 'split-story')).toEqual([]);
    expect(c.storyOf('p5')).not.toBe(c.storyOf('f1'));
  });

  it('keeps the story whole when splitting is off or a half would be too small', () => {
    for (const opts of [{ splitThreshold: 0 }, { splitMinSize: 5 }, { splitMaxSize: 8 }]) {
      const c = createClusterer({ ...lenient, ...opts });
      for (const a of stream) c.add(a);
      expect(c.consolidate().filter((m) => m.ruleId === 'split-story')).toEqual([]);
      expect(c.stories()).toHaveLength(1);
    }
  });

  it('drops per-article vectors of a story grown past splitMaxSize', () => {
    const c = createClusterer({ ...lenient, splitMaxSize: 3 });
    for (const a of stream.slice(0, 3)) c.add(a);
    expect(c.snapshot().stories[0]!.traces).toHaveLength(3);
    c.add(stream[3]!);
    expect(c.snapshot().stories[0]!.traces).toBeUndefined();
  });

  it('keeps at most splitVectorTerms terms per article vector', () => {
    const c = createClusterer({ splitVectorTerms: 5 });
    c.add(port[0]!);
    const traces = c.snapshot().stories[0]!.traces!;
    expect(traces[0]!.terms).toHaveLength(5);
  });
});
