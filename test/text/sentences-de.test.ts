import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../src/pipeline/text/index.js';

const split = (text: string): string[] => segmentSentences(text, [{ start: 0, end: text.length }]).map((s) => text.slice(s.start, s.end));

describe('German sentence splitting', () => {
  it('does not end a sentence at an ordinal date or an ordinal before a noun', () => {
    expect(split('Die Fähre fuhr am 3. Oktober wieder. Zum 16. Mal fand das Hafenfest statt. Am 25. Mai 1961 war es anders.')).toEqual([
      'Die Fähre fuhr am 3. Oktober wieder.',
      'Zum 16. Mal fand das Hafenfest statt.',
      'Am 25. Mai 1961 war es anders.',
    ]);
  });

  it('does not end a sentence at German abbreviations', () => {
    expect(split('Es gab z. B. Regen, d. h. Sturm. Die Stadt zahlte ca. 3 Mio. Euro bzw. mehr. Dr. Anke Roth kam.')).toEqual([
      'Es gab z. B. Regen, d. h. Sturm.',
      'Die Stadt zahlte ca. 3 Mio. Euro bzw. mehr.',
      'Dr. Anke Roth kam.',
    ]);
  });

  it('ends a sentence after a German closing mark and before an opening one', () => {
    expect(split('Er sagte: „Wir bleiben.“ Dann ging er. „Morgen kommen wir wieder.“ »Gut so.« Sie nickte.')).toEqual([
      'Er sagte: „Wir bleiben.“',
      'Dann ging er.',
      '„Morgen kommen wir wieder.“',
      '»Gut so.«',
      'Sie nickte.',
    ]);
  });

  it('still ends an English sentence after a number', () => {
    expect(split('The port reopened in 2019. The ferries came back. He finished 3. Then he left.')).toEqual(['The port reopened in 2019.', 'The ferries came back.', 'He finished 3.', 'Then he left.']);
  });
});

describe('French and Spanish sentence splitting', () => {
  it('does not end a sentence at French and Spanish titles, forms of address and page references', () => {
    expect(split('Mgr. Dubreuil et Mmes. Astier et Roux sont venues. La Dra. Ruiz y el Excmo. Sr. Quiroga llegaron. Ud. lo sabe. Vea la pág. 12 del informe.')).toEqual([
      'Mgr. Dubreuil et Mmes. Astier et Roux sont venues.',
      'La Dra. Ruiz y el Excmo. Sr. Quiroga llegaron.',
      'Ud. lo sabe.',
      'Vea la pág. 12 del informe.',
    ]);
  });

  it('still ends an English sentence at "mm." and "PR."', () => {
    expect(split('The bolt is 5 mm. The nut is larger. She works in PR. Then she left.')).toEqual(['The bolt is 5 mm.', 'The nut is larger.', 'She works in PR.', 'Then she left.']);
  });
});
