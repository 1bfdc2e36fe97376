import { describe, expect, it } from 'vitest';
import { countWords, tokenize } from '../../src/pipeline/text/index.js';

describe('countWords', () => {
  it('counts exactly the word tokens that tokenize returns', () => {
    const samples = [
      'The U.S. envoy met al-Harbi on Oct. 7 at 10:30 — 1,200.5 tonnes, the 2nd shipment; don’t panic!',
      'وقال المتحدث إن الاجتماع عقد يوم الاثنين في طهران.',
      'Il a dit « oui » à 3 reprises… mais l’accord n’est pas signé.',
      '',
      '42 17,5 !!! ---',
    ];
    for (const s of samples) expect(countWords(s), s).toBe(tokenize(s).filter((t) => t.kind === 'word').length);
  });
});
