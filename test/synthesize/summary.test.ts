import { beforeAll, describe, expect, it } from 'vitest';
import type { StoryInput } from '../../src/pipeline/analyze/input.js';
import { checkFaithfulness, createReport, summarise } from '../../src/pipeline/synthesize/index.js';
import type { StoryReport } from '../../src/model/report.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';

let story: StoryInput;
let report: StoryReport;

beforeAll(async () => {
  [story] = (await storiesOf(EXAMPLE_DIR)) as [StoryInput];
  report = createReport()(story).value;
}, 120_000);

describe('summary of the example story', () => {
  it('holds three to six sentences, each passing the faithfulness check', () => {
    expect(report.summary.length).toBeGreaterThanOrEqual(3);
    expect(report.summary.length).toBeLessThanOrEqual(6);
    for (const s of report.summary) expect(checkFaithfulness(s)).toMatchObject({ ok: true, missing: [], ordered: true });
  });

  it('cites spans whose text equals the article text (or, for a title span, its title) at those offsets', () => {
    const byId = new Map(story.articles.map((a) => [a.id, a]));
    for (const s of [report.headline, ...report.summary]) {
      expect(s.sources.length).toBeGreaterThan(0);
      for (const src of s.sources) {
        const a = byId.get(src.articleId)!;
        expect((src.field === 'title' ? (a.title ?? '') : a.text).slice(src.span.start, src.span.end)).toBe(src.text);
      }
    }
  });

  it('gives the headline spans and keeps it within the words of the top sentence', () => {
    expect(report.headline.sources.length).toBeGreaterThan(0);
    expect(checkFaithfulness(report.headline).ok).toBe(true);
    expect(report.headline.text).not.toMatch(/\.$/);
  });

  it('never repeats a sentence', () => {
    const texts = report.summary.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('checkFaithfulness', () => {
  const source = { articleId: 'art_x', site: 'x.example', span: { start: 0, end: 30 }, text: 'The mayor opened the new bridge' };
  it('fails a sentence with a word its spans do not hold', () => {
    const r = checkFaithfulness({ text: 'The mayor closed the new bridge', sources: [source], sourceCount: 1 });
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['closed']);
  });
  it('tells a sentence with words deleted from one that reorders them', () => {
    expect(checkFaithfulness({ text: 'The mayor opened the bridge', sources: [source], sourceCount: 1 }).ordered).toBe(true);
    expect(checkFaithfulness({ text: 'The bridge opened the mayor', sources: [source], sourceCount: 1 }).ordered).toBe(false);
  });
  it('accepts the neutral name of a recorded replacement', () => {
    const r = checkFaithfulness({ text: 'The city opened the new bridge', sources: [{ ...source, text: 'The regime opened the new bridge' }], replacements: [{ from: 'The regime', to: 'The city', namingId: 'n1' }], sourceCount: 1 });
    expect(r.ok).toBe(true);
  });
});

describe('summarise', () => {
  it('replaces a loaded term outside quotes and records the replacement', () => {
    const text = 'The junta in Varde closed the port on Monday, officials said.';
    const s: StoryInput = {
      storyId: 'sty_t',
      title: 't',
      articles: [{ id: 'art_a', text, paragraphs: [{ start: 0, end: text.length }], sentences: [{ start: 0, end: text.length }], site: 'a.example', familyId: 'f1', derivation: 'original', language: 'en', credits: [] }],
    };
    const find = (t: string) => {
      const i = t.indexOf('The junta in Varde');
      return i < 0 ? [] : [{ span: { start: i, end: i + 18 }, term: 'the junta', neutral: 'the government of Varde', namingId: 'gov-varde' }];
    };
    const out = summarise(s, [], { findLoadedTerms: find });
    expect(out.summary[0]!.text).toBe('The government of Varde closed the port on Monday, officials said.');
    expect(out.summary[0]!.replacements).toEqual([{ from: 'The junta in Varde', to: 'The government of Varde', namingId: 'gov-varde' }]);
    expect(out.messages.map((m) => m.ruleId)).toContain('summary-neutral-name');
  });

  const article = (id: string, familyId: string, text: string) => ({ id, text, paragraphs: [{ start: 0, end: text.length }], sentences: [{ start: 0, end: text.length }], site: `${id}.example`, familyId, derivation: 'original' as const, language: 'en', credits: [] });
  const findWord = (word: string, neutral: string) => (t: string) => {
    const i = t.indexOf(word);
    return i < 0 ? [] : [{ span: { start: i, end: i + word.length }, term: word, neutral, namingId: 'n' }];
  };

  it("takes a claim's neutral rendering over a loaded one with its names replaced", () => {
    const loaded = 'The brutal junta closed the harbour of Varde on Monday night.';
    const neutral = 'The government closed the harbour of Varde on Monday night.';
    const s: StoryInput = { storyId: 'sty_n', title: 't', articles: [article('art_a', 'f1', loaded), article('art_b', 'f2', neutral)] };
    const support = (id: string, text: string, similarity: number) => ({ articleId: id, familyId: id === 'art_a' ? 'f1' : 'f2', site: `${id}.example`, span: { start: 0, end: text.length }, text, similarity });
    const claim = { id: 'clm_1', storyId: 'sty_n', text: loaded, supports: [support('art_a', loaded, 1), support('art_b', neutral, 0.8)], sourceCount: 2, singleSource: false, conflicts: [] };
    const out = summarise(s, [claim], { findLoadedTerms: findWord('brutal ', '') });
    expect(out.summary[0]!.text).toBe(neutral);
    expect(out.summary[0]!.replacements).toBeUndefined();
  });

  it('keeps a loaded word whose deletion would leave a wrong article ("a historic accord")', () => {
    const text = 'The two leaders signed a historic accord in Varde on Monday.';
    const s: StoryInput = { storyId: 'sty_a', title: 't', articles: [article('art_a', 'f1', text)] };
    const out = summarise(s, [], { findLoadedTerms: findWord('historic ', '') });
    expect(out.summary[0]!.text).toBe(text);
    expect(out.summary[0]!.text).not.toMatch(/\ba accord/);
  });
});
