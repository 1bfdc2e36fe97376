/**
 * Fictional articles for the dedup tests: one original report on an invented event, the copies
 * made from it, and an independent report on the same event.
 */
import type { Credit } from '../../src/model/article.js';
import type { DedupInput } from '../../src/pipeline/dedup/index.js';

export const PARAGRAPHS = [
  'The harbour authority of Port Velmar approved a plan on Tuesday to dredge the northern channel, ending a dispute with fishing crews that had lasted almost two years.',
  'Under the plan, contractors will remove about 400,000 cubic metres of silt from the channel before the autumn storms, allowing larger cargo ships to reach the eastern quay.',
  'Authority chair Idona Marsh said the decision balanced the needs of shipping companies with the concerns of the fishing cooperative, which had warned that dredging would destroy spawning grounds.',
  '"We listened to every objection and changed the route of the dredgers twice," Marsh told a news conference at the port offices.',
  'The fishing cooperative said it would study the final plan before deciding whether to continue its legal challenge in the regional court.',
  'Its spokesman, Benedek Orlo, said the crews welcomed a promise to pause the work during the spring spawning season but still feared for the mussel beds near the lighthouse.',
  'The project is expected to cost 38 million crowns, two thirds of which will come from a national infrastructure fund approved by parliament last year.',
  'Work is due to begin in early June and last about five months, the authority said, adding that traffic in the channel would be restricted to daylight hours during that period.',
];

export const ORIGINAL_TEXT = PARAGRAPHS.join('\n\n');

function credit(name: string, role: Credit['role']): Credit {
  return { name, role, span: { start: 0, end: name.length } };
}

export const original: DedupInput = {
  id: 'art_original',
  text: ORIGINAL_TEXT,
  url: 'https://www.velmar-gazette.example/news/channel-dredging-approved',
  siteName: 'Velmar Gazette',
  published: '2025-05-06T09:00:00Z',
  credits: [],
};

export const exactCopy: DedupInput = {
  id: 'art_exact',
  text: ORIGINAL_TEXT.replace(/\n\n/g, '\n\n\n').toUpperCase(),
  url: 'https://mirror-news.example/2025/05/06/channel',
  published: '2025-05-06T11:00:00Z',
  credits: [],
};

/** Reposted with an intro paragraph, an extra closing paragraph and a "Source » velmar-gazette" credit; published earlier than the original claims (so only the credit decides). */
export const repost: DedupInput = {
  id: 'art_repost',
  text: [
    'Readers in the coastal districts have been following the channel dispute closely for months, and today brings the long-awaited ruling from the harbour board.',
    ...PARAGRAPHS,
    'Local ferry operators, who were not part of the dispute, said they would publish revised timetables for the summer once the dredging schedule is final.',
  ].join('\n\n'),
  url: 'https://coastline-daily.example/port/dredging-plan',
  siteName: 'Coastline Daily',
  credits: [credit('velmar-gazette', 'source')],
};

/** Paragraphs 0, 1, 4 and 7 only. */
export const partial: DedupInput = {
  id: 'art_partial',
  text: [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[4], PARAGRAPHS[7]].join('\n\n'),
  url: 'https://brief-news.example/velmar',
  published: '2025-05-06T15:00:00Z',
  credits: [],
};

const SUBSTITUTIONS: [RegExp, string][] = [
  [/approved/g, 'backed'],
  [/about/g, 'roughly'],
  [/said/g, 'stated'],
  [/dispute/g, 'row'],
  [/plan/g, 'scheme'],
  [/before/g, 'ahead of'],
  [/warned/g, 'cautioned'],
  [/crews/g, 'fishermen'],
  [/expected/g, 'forecast'],
  [/early/g, 'the first days of'],
];

/** Every paragraph reworded lightly (synonyms), two sentences trimmed. */
export const rewrite: DedupInput = {
  id: 'art_rewrite',
  text: PARAGRAPHS.map((p) => SUBSTITUTIONS.reduce((t, [re, by]) => t.replace(re, by), p))
    .map((p, i) => (i === 2 || i === 5 ? p.replace(/, (which|but) .*$/, '.') : p))
    .join('\n\n'),
  url: 'https://harbour-watch.example/velmar-channel',
  published: '2025-05-07T08:00:00Z',
  credits: [],
};

/** An independent report on the same event: same names, numbers and one quote, own wording. */
export const independent: DedupInput = {
  id: 'art_independent',
  text: [
    'Port Velmar will dredge its northern channel this summer after the harbour authority voted in favour of a compromise with local fishermen on Tuesday.',
    'The vote followed months of negotiations in which the fishing cooperative argued that heavy machinery would ruin the spawning grounds off the lighthouse.',
    '"We listened to every objection and changed the route of the dredgers twice," Marsh told a news conference at the port offices.',
    'Shipping firms have long complained that the silted channel keeps modern container vessels away from the eastern quay, costing the town business.',
    'The cooperative has not yet said whether it will drop its court case; its lawyers are expected to meet members next week.',
    'Funding for the 38 million crown project comes largely from a national fund, with the rest paid by the port itself.',
  ].join('\n\n'),
  url: 'https://velmar-observer.example/a/88123',
  published: '2025-05-06T10:30:00Z',
  credits: [],
};
