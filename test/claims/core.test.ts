import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/pipeline/analyze/claims/index.js';
import { story } from './build.js';

const claims = createClaims();

describe('claims: one fact told in each outlet’s own words', () => {
  const s = story(
    {
      id: 'a',
      site: 'Valley Courier',
      text: [
        'Engineers at the Drummond Weir opened all four sluice gates late on Thursday after the Kessel river rose above its spring record.',
        'Farmers downstream moved their cattle to higher pastures.',
        'The weir was built in 1931 and last renovated a decade ago.',
        'A council spokesperson said roads near the town centre would stay open.',
      ].join('\n'),
    },
    {
      id: 'b',
      site: 'Northern Echo Daily',
      text: [
        'By Thursday night the Drummond Weir was letting water through every sluice, the Kessel at a spring record.',
        'Residents of low-lying streets were told to keep sandbags ready.',
        'Insurance brokers reported a rise in enquiries from shop owners.',
        'Schools in the district will close on Friday as a precaution.',
      ].join('\n'),
    },
    {
      id: 'c',
      site: 'Regional Ledger',
      text: ['Volunteers handed out sandbags at the fire station for a second day.', 'The national weather service expects the rain to ease by Sunday.'].join('\n'),
    },
  );
  const r = claims(s);

  it('holds both renderings in one claim of two sources, and nothing of the outlet that does not state it', () => {
    const c = r.value.claims.find((x) => x.supports.some((p) => /sluice/.test(p.text)))!;
    expect(c.supports.map((p) => p.articleId).sort()).toEqual(['a', 'b']);
    expect(c.sourceCount).toBe(2);
  });

  it('keeps sentences that share only the story’s running names apart', () => {
    const farmers = r.value.claims.find((x) => x.supports.some((p) => /cattle/.test(p.text)))!;
    expect(farmers.sourceCount).toBe(1);
  });
});
