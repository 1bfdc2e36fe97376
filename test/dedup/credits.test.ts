/**
 * Credits and independence: a rewrite that credits an outlet of the story sits in that outlet's
 * family (on less shared text than an uncredited copy needs), and a family whose articles credit
 * a wire that publishes none of them is labelled with the wire. Fictional articles throughout.
 */
import { describe, expect, it } from 'vitest';
import { buildFamilies, findCredits, labelFamilies, DEFAULT_PARAMS, createOutletRegistry, type DedupInput } from '../../src/pipeline/dedup/index.js';
import { independent, original } from './fixtures.js';

/** A Brightwater paper's rewrite of the Velmar Gazette's report: three of its nine sentences taken, the rest its own. */
function brightwater(lead: string): DedupInput {
  return {
    id: 'art_brightwater',
    text: [
      `${lead} the harbour authority of Port Velmar approved a plan on Tuesday to dredge the northern channel, ending a dispute with fishing crews that had lasted almost two years.`,
      'Contractors are to take out some 400,000 cubic metres of silt ahead of the autumn storms so that bigger cargo vessels can at last reach the eastern quay.',
      '"We listened to every objection and changed the route of the dredgers twice," Marsh told a news conference at the port offices.',
      "Brightwater's own ferry line, which uses the southern channel, will not be affected, its operator said on Wednesday.",
      "Shipping analysts in Brightwater said the deeper channel could draw trade away from the city's harbour, which has struggled to attract large vessels since the bridge was built.",
      'The city council is due to debate a similar scheme for the Brightwater estuary next month, its chair said, and fishermen there have already asked to be heard.',
      'Ferry passengers between the two towns have complained for years that the crossing takes longer in winter, when the northern route silts up and boats must wait for the tide.',
      'A spokeswoman for the Brightwater port said it had not been consulted and would write to the national ministry to ask for a share of the fund.',
      'The cost, put at 38 million crowns, will come mostly from a national fund that parliament set up last year.',
    ].join('\n\n'),
    url: 'https://brightwater-post.example/velmar',
    siteName: 'Brightwater Post',
    published: '2025-05-06T18:00:00Z',
    credits: [],
  };
}

const familyOf = (families: ReturnType<typeof buildFamilies>, id: string) => families.find((f) => f.members.some((m) => m.articleId === id));

describe('credited rewrites', () => {
  it('puts a rewrite that credits an outlet of the story in that outlet’s family, saying so', () => {
    const credited = brightwater('According to the Velmar Gazette,');
    const families = buildFamilies([original, independent, credited], undefined, { storyId: 'sty_t' });
    expect(families).toHaveLength(2);
    const fam = familyOf(families, credited.id);
    expect(fam?.originalId).toBe(original.id);
    const member = fam?.members.find((m) => m.articleId === credited.id);
    expect(member?.derivation).toBe('rewrite');
    expect(member?.evidence[0]).toMatch(/credits Velmar Gazette.*"According to the Velmar Gazette".*\d+% of its words, \d+% of art_original's.*credited rewrite/);
  });

  it('keeps the same rewrite apart when it credits no one: too little is shared for an uncredited copy', () => {
    const uncredited = brightwater('On Tuesday');
    const families = buildFamilies([original, independent, uncredited], undefined, { storyId: 'sty_t' });
    expect(families).toHaveLength(3);
    expect(familyOf(families, uncredited.id)?.members).toHaveLength(1);
  });

  it('keeps apart an article that credits the outlet but shares only a quote with it', () => {
    const quoting: DedupInput = { ...independent, id: 'art_quoting', text: independent.text.replace('Marsh told', 'Marsh told the Velmar Gazette and') };
    const families = buildFamilies([original, quoting], undefined, { storyId: 'sty_t' });
    expect(families).toHaveLength(2);
  });
});

const WIRE = [
  'Engineers in the mountain town of Oskarvik reopened the old rail tunnel on Thursday, eleven years after a rockfall closed it to trains.',
  'The first passenger service left the northern portal shortly after nine in the morning, carrying the mayor, two hundred residents and a brass band.',
  'Repairs cost 210 million kroner and took four years, the regional rail company said, most of it spent on steel netting above the southern entrance.',
  '"For a decade the only way out in winter was the coast road," said mayor Sigrun Elvestad, who rode in the first carriage.',
  'Freight trains will return in the spring once signalling work on the valley line is finished, the company added.',
];

function relay(id: string, host: string, text: string, credits: DedupInput['credits'] = []): DedupInput {
  return { id, text, url: `https://${host}/tunnel`, published: id.endsWith('1') ? '2025-03-06T10:00:00Z' : '2025-03-06T12:00:00Z', credits };
}

describe('wire families', () => {
  it('labels a family of rewrites that credit a wire with the wire, not the first rewrite', () => {
    const a = relay('art_relay1', 'fjord-courier.example', `OSKARVIK, Norway (AFP) - ${WIRE.join('\n\n')}`);
    const b = relay('art_relay2', 'valley-news.example', [...WIRE.map((p) => p.replace('reopened', 'opened again')), '— AFP'].join('\n\n'));
    const families = buildFamilies([a, b], undefined, { storyId: 'sty_w' });
    expect(families).toHaveLength(1);
    const credit = families[0]?.creditedTo;
    expect(credit?.key).toBe('afp.com');
    expect(credit?.kind).toBe('agency');
    expect([...(credit?.articleIds ?? [])].sort()).toEqual(['art_relay1', 'art_relay2']);
    expect(credit?.evidence.join(' ')).toMatch(/\(AFP\) -.*dateline-credit/);
    expect(credit?.evidence.join(' ')).toMatch(/— AFP.*trailer-credit/);
  });

  it('does not label a family with the wire when the wire’s own article is its original', () => {
    const wire: DedupInput = { id: 'art_wire1', text: WIRE.join('\n\n'), url: 'https://www.afp.com/en/news/tunnel', published: '2025-03-06T09:00:00Z', credits: [] };
    const copy = relay('art_relay2', 'fjord-courier.example', `OSKARVIK, Norway (AFP) - ${WIRE.join('\n\n')}`);
    const families = buildFamilies([wire, copy], undefined, { storyId: 'sty_w' });
    expect(families).toHaveLength(1);
    expect(families[0]?.originalId).toBe('art_wire1');
    expect(families[0]?.creditedTo).toBeUndefined();
  });

  it('gives no label to a family that credits nobody or only part of its text, and recomputes labels for stored families', () => {
    const a = relay('art_relay1', 'fjord-courier.example', WIRE.join('\n\n'));
    const b = relay('art_relay2', 'valley-news.example', `${WIRE.join('\n\n')}\n\n© 2025 The Associated Press. All rights reserved.`);
    const built = buildFamilies([a, b], undefined, { storyId: 'sty_w' });
    expect(built[0]?.creditedTo?.name).toBe('Associated Press');
    const contributed = relay('art_relay2', 'valley-news.example', `${WIRE.join('\n\n')}\n\nThe Associated Press contributed to this report.`);
    expect(buildFamilies([a, contributed], undefined, { storyId: 'sty_w' })[0]?.creditedTo).toBeUndefined();
    const stored = built.map((f) => ({ id: f.id, storyId: f.storyId, originalId: f.originalId, members: f.members }));
    expect(labelFamilies(stored, [a, b], createOutletRegistry(), DEFAULT_PARAMS)).toEqual(built);
    const plain = buildFamilies([a, relay('art_relay2', 'valley-news.example', WIRE.join('\n\n'))], undefined, { storyId: 'sty_w' });
    expect(plain[0]?.creditedTo).toBeUndefined();
  });
});

describe('findCredits', () => {
  const reg = createOutletRegistry();
  it('tells whole-article credits from passage credits and resolves names against the outlet list', () => {
    const text = [
      'KARVIK (Reuters) - The ferry strike ended on Monday, according to the BBC.',
      'Union leaders told CNN the deal would be signed on Friday.',
      'Additional reporting by Mara Lind.',
      '© 2025 The Associated Press. All rights reserved.',
    ].join('\n\n');
    const found = findCredits({ id: 'art_c', text, url: 'https://karvik-times.example/a', credits: [] }, reg, DEFAULT_PARAMS);
    const seen = found.map((c) => `${c.scope}:${c.rule}:${c.outlet?.key ?? '?'}`);
    expect(seen).toContain('article:dateline-credit:reuters.com');
    expect(seen).toContain('article:copyright-credit:apnews.com');
    expect(seen).toContain('passage:according-to:bbc.co.uk');
    expect(seen).toContain('passage:told-x:cnn.com');
    expect(found.find((c) => c.name.startsWith('Mara'))?.outlet).toBeUndefined();
  });

  it('reads past a 200,000-letter capitalised run (name patterns start at word starts only) and still finds the credits after it', () => {
    // Each name pattern used to be tried from every capital of the run, each try running to its
    // end: minutes of work for one hostile word (found by the fuzz harness).
    const run = 'Zq'.repeat(100_000);
    const text = `${run} ${'Ωμέγα '.repeat(2000)}\n\nThe ferry strike is over, and Reuters reported the deal. The Associated Press contributed to this report.`;
    const found = findCredits({ id: 'art_z', text, url: 'https://karvik-times.example/z', credits: [] }, reg, DEFAULT_PARAMS);
    const seen = found.map((c) => `${c.rule}:${c.outlet?.key ?? '?'}`);
    expect(seen).toContain('x-reported:reuters.com');
    expect(seen).toContain('contributed-credit:apnews.com');
  }, 20_000);

  it("reads a long text's credit lines at its opening and close, and only its article credits when asked for them", () => {
    const body = 'The ferry strike in Karvik went into its third week as talks stalled again. '.repeat(30_000);
    const text = `Source: Reuters\n\n${body}\n\nThe Associated Press contributed to this report.`;
    const article: DedupInput = { id: 'art_long', text, url: 'https://karvik-times.example/long', credits: [] };
    const all = findCredits(article, reg, DEFAULT_PARAMS).map((c) => `${c.scope}:${c.rule}:${c.outlet?.key ?? '?'}`);
    expect(all).toContain('article:source-line:reuters.com');
    expect(all).toContain('article:contributed-credit:apnews.com');
    const articleOnly = findCredits({ ...article, text: `${text} Reuters reported the deal.` }, reg, DEFAULT_PARAMS, 'article');
    expect(articleOnly.every((c) => c.scope === 'article')).toBe(true);
    expect(articleOnly.map((c) => c.rule)).toEqual(expect.arrayContaining(['source-line', 'contributed-credit']));
  });

  it('ignores an outlet crediting itself', () => {
    const found = findCredits({ id: 'art_r', text: 'LONDON (Reuters) - Markets fell on Monday.', url: 'https://www.reuters.com/markets/x', credits: [] }, reg, DEFAULT_PARAMS);
    expect(found).toEqual([]);
  });
});
