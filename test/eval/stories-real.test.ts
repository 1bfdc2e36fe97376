import path from 'node:path';
import { describe, expect, it } from 'vitest';
import set, { loadGold, rouge, samePassage, sameSpeaker, speakerVerdict } from '../../eval/sets/stories-real.js';
import { belowFloors, defaultDataDir } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = defaultDataDir(set);
const data = evalData([path.join(dataDir, 'multi-outlet', 'articles.val.jsonl.gz'), path.join(dataDir, 'story-clustering', 'articles.jsonl.gz')]);

describe('stories-real evaluation', () => {
  it('scores ROUGE-1, ROUGE-2 and ROUGE-L as F1 over lowercase words, by hand on a small case', () => {
    // 5 of 6 unigrams, 3 of 5 bigrams, and a common subsequence of 5 words either way.
    const r = rouge('The cat sat on the mat.', 'the cat is on the mat');
    expect(r.r1).toBeCloseTo((100 * 5) / 6, 10);
    expect(r.r2).toBeCloseTo(60, 10);
    expect(r.rl).toBeCloseTo((100 * 5) / 6, 10);
    expect(rouge('', 'anything at all')).toEqual({ r1: 0, r2: 0, rl: 0 });
  });

  it('matches passages of one article by their words, whatever the cleaning did to spacing and quotes', () => {
    expect(samePassage('“We will respond,” the ministry said', 'We will respond, the ministry said.')).toBe(true);
    expect(samePassage('seven Russian oligarchs and 12 companies', 'The Treasury sanctioned seven Russian oligarchs and 12 companies they own.')).toBe(true);
    expect(samePassage('The ministry promised a harsh response', 'Shares in the company fell sharply on Friday.')).toBe(false);
  });

  it('takes a speaker as right when the last names meet, titles aside', () => {
    expect(sameSpeaker('Treasury Secretary Steven Mnuchin', 'Steven Mnuchin')).toBe(true);
    expect(sameSpeaker('Mnuchin', 'Sen. Steven Mnuchin')).toBe(true);
    expect(sameSpeaker('H.R. McMaster', 'Donald Trump')).toBe(false);
  });

  it('counts a null speaker as right on a quote whose gold names no one, and as a missing speaker on a named one', () => {
    expect(speakerVerdict(null, null)).toBe('right');
    expect(speakerVerdict(null, 'Steven Mnuchin')).toBe('wrong');
    expect(speakerVerdict('Treasury Secretary Steven Mnuchin', null)).toBe('missing');
    expect(speakerVerdict('Treasury Secretary Steven Mnuchin', 'Mnuchin')).toBe('right');
    expect(speakerVerdict('H.R. McMaster', 'Donald Trump')).toBe('wrong');
  });

  it('reads gold files that hold offsets, never the publishers\' text', () => {
    for (const g of loadGold()) {
      const spans = [...g.quotes.map((q) => q.span), ...g.facts.flatMap((f) => f.spans), ...g.loaded.map((l) => l.span)];
      for (const s of spans) {
        expect(Object.keys(s).sort()).toEqual(['article', 'end', 'start']);
        expect(s.end).toBeGreaterThan(s.start);
      }
    }
  });

  it.skipIf(!data.run)(`holds its floors on the gold events through ingest, stories and the report, in both orders${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await set.run({ dataDir, log: (l) => lines.push(l) });
    expect(result.figures.events).toBe(loadGold().length);
    expect(belowFloors(result)).toEqual([]);
  }, 900_000);
});
