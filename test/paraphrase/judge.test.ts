// Sentence equivalence through the public entry point, on fictional sentence pairs.
import { describe, expect, it } from 'vitest';
import { createParaphraseJudge, FEATURE_NAMES, type ParaphraseModel } from '../../src/pipeline/analyze/paraphrase/index.js';
import { isParallaxError } from '../../src/errors.js';

const judge = createParaphraseJudge();

describe('paraphrase judge', () => {
  it('judges two outlets\' translations of one quote equivalent', () => {
    const a = 'The harbour of Velmora will reopen to fishing boats on Monday after three weeks of repairs, mayor Ilse Brandt told reporters.';
    const b = 'Mayor Ilse Brandt told reporters that Velmora\'s harbour will reopen to fishing boats on Monday, after three weeks of repair work.';
    const s = judge.score(a, b);
    expect(s.equivalent).toBe(true);
    expect(s.probability).toBeGreaterThan(0.5);
  });

  it('judges a sentence with a changed number not equivalent', () => {
    const a = 'The Velmora council approved a budget of 42 million crowns for the new tram line on Tuesday.';
    const b = 'The Velmora council approved a budget of 57 million crowns for the new tram line on Tuesday.';
    const s = judge.score(a, b);
    expect(s.features.numberMismatchAny).toBe(1);
    expect(s.equivalent).toBe(false);
  });

  it('judges a negated sentence not equivalent', () => {
    const a = 'The Velmora council approved the new tram line on Tuesday after a long debate.';
    const b = 'The Velmora council did not approve the new tram line on Tuesday after a long debate.';
    const s = judge.score(a, b);
    expect(s.features.negationMismatch).toBe(1);
    expect(s.equivalent).toBe(false);
  });

  it('scores a negative contraction like its spelled-out form', () => {
    const a = 'Ministers didn\'t sign the accord in Ostrava.';
    const b = 'Ministers did not sign the accord in Ostrava.';
    expect(judge.score(a, b).features.negationMismatch).toBe(0);
    expect(judge.score(a, b).features.wordMin).toBe(1);
  });

  it('counts a WordNet synonym as a match', () => {
    const a = 'The cooperative will buy the old mill in Dornach.';
    const b = 'The cooperative will purchase the old mill in Dornach.';
    const s = judge.score(a, b);
    expect(s.features.contentMin).toBeLessThan(1);
    expect(s.features.synContentMin).toBe(1);
    expect(s.equivalent).toBe(true);
  });

  it('gives the same score whichever sentence comes first', () => {
    const a = 'Rescue teams pulled 14 miners from the flooded shaft near Karvin late on Friday.';
    const b = 'Fourteen miners were rescued on Friday night from a flooded shaft outside Karvin, officials said.';
    const ab = judge.score(a, b);
    const ba = judge.score(b, a);
    expect(ba.probability).toBe(ab.probability);
    expect(ba.features).toEqual(ab.features);
  });

  it('judges unrelated sentences not equivalent', () => {
    const s = judge.score('The orchestra of Lindau opened its season with a new symphony.', 'Heavy snow closed the mountain pass to lorries for a second day.');
    expect(s.equivalent).toBe(false);
    expect(s.probability).toBeLessThan(0.2);
  });

  it('reports every feature the model reads', () => {
    const s = judge.score('A short sentence.', 'Another short sentence.');
    expect(Object.keys(s.features).sort()).toEqual([...FEATURE_NAMES].sort());
    expect(judge.score("Prices rose 5 percent.", "Prices rose 7 percent.").features["veto:number-swapped"]).toBe(1);
  });

  it('takes its threshold from the options', () => {
    const a = 'The ferry left the port at noon.';
    const b = 'Snowfall buried the northern valleys overnight.';
    expect(createParaphraseJudge({ threshold: 0 }).score(a, b).equivalent).toBe(true);
    expect(createParaphraseJudge({ threshold: 1 }).score(a, a).equivalent).toBe(false);
  });

  it('rejects a model naming a feature it does not compute', () => {
    const model: ParaphraseModel = { reason: 'r', provenance: 'p', features: ['noSuchFeature'], mean: [0], scale: [1], weights: [1], bias: 0, threshold: 0.5 };
    let caught: unknown;
    try {
      createParaphraseJudge({ model });
    } catch (e) {
      caught = e;
    }
    expect(isParallaxError(caught, 'PARAPHRASE_MODEL_INVALID')).toBe(true);
  });
});
