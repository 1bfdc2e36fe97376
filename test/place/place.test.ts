import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventPlace, placeCues } from '../../src/pipeline/analyze/place/index.js';
import { EXAMPLE_DIR, SEEDS_DIR, storiesOf, storyArticle, storyOf } from '../support/stories.js';

const article = storyArticle;
const story = storyOf;
const eventPlace = createEventPlace();

describe('event place', () => {
  it('reads an agency dateline with a date', () => {
    const cues = placeCues(article('a', 'f', ['VARDEN CITY, March 16 (Wirepress) - Talks opened on Monday.']));
    expect(cues[0]).toMatchObject({ name: 'Varden City', rule: 'dateline' });
  });

  it('reads a dateline without a date', () => {
    expect(placeCues(article('a', 'f', ['Lorvik (Wirepress) – The strike went on.']))[0]).toMatchObject({ name: 'Lorvik', rule: 'dateline' });
  });

  it('prefers "held in PLACE" to a place merely mentioned', () => {
    const cues = placeCues(article('a', 'f', ['The talks on trade with Ostmark were held in Belvar on Monday.']));
    expect(cues[0]).toMatchObject({ name: 'Belvar', rule: 'event-in' });
  });

  it('reads a sentence-initial "In PLACE," but not "In January"', () => {
    const cues = placeCues(article('a', 'f', ['In Belvar, ministers signed the pact.', 'In January, talks stalled.']));
    expect(cues.map((c) => c.name)).toEqual(['Belvar']);
  });

  it('stops a place name before a day name', () => {
    const cues = placeCues(article('a', 'f', ['Ministers met in Port Anselm Monday to sign the deal.']));
    expect(cues[0]!.name).toBe('Port Anselm');
  });

  it('gives one vote per family and keeps the losers as alternatives', () => {
    const s = story([
      article('a', 'f1', ['Leaders met in Belvar on Monday.']),
      article('b', 'f1', ['Leaders met in Belvar on Monday.']),
      article('c', 'f2', ['The summit was held in Corvik.']),
      article('d', 'f3', ['The summit took place in Corvik on Monday.']),
    ]);
    const p = eventPlace(s)!;
    expect(p).toMatchObject({ value: 'Corvik', votes: 2 });
    expect(p.alternatives).toEqual([expect.objectContaining({ value: 'Belvar', votes: 1 })]);
    for (const e of p.evidence) expect(s.articles.find((a) => a.id === e.articleId)!.text.slice(e.span.start, e.span.end)).toBe(e.text);
  });

  it('returns nothing when no article names a place', () => {
    expect(eventPlace(story([article('a', 'f1', ['prices rose again on monday.'])]))).toBeUndefined();
  });

  it.skipIf(!existsSync(SEEDS_DIR))('places the seed story in Tehran', async () => {
    const [seed] = await storiesOf(SEEDS_DIR);
    expect(eventPlace(seed!)).toMatchObject({ value: 'Tehran' });
  }, 60_000);

  it('places the fictional example in Port Selm', async () => {
    const [accord] = await storiesOf(EXAMPLE_DIR);
    const p = eventPlace(accord!)!;
    expect(p.value).toBe('Port Selm');
    expect(p.votes).toBeGreaterThan(p.alternatives[0]?.votes ?? 0);
  }, 60_000);
});

describe('place cues', () => {
  it('does not take "the regime in PLACE" for the event\'s place', () => {
    const cues = placeCues(article('a', 'f', ['The president signed a deal that angered the regime in Tavra.', 'He was welcomed in Belvar by the prime minister.']));
    expect(cues.map((c) => c.name)).not.toContain('Tavra');
    expect(cues[0]!.name).toBe('Belvar');
  });
});
