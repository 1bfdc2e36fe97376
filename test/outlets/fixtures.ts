/**
 * A fictional story (the Orvane bridge closure) told by fictional outlets, and the user outlet
 * registry that names them. Each article names its outlet a different way: an agency dateline,
 * a "Source:" trailer, its URL's domain, a site label fused to its first line, or not at all.
 */

/** The user's outlets file for these outlets (ISO codes XA and XB are user-assigned, so fictional). */
export const USER_OUTLETS = {
  outlets: [
    { key: 'kessel-radio.example', name: 'Kessel State Radio', kind: 'state', country: 'XA', language: 'en', aliases: ['KSR'], domains: ['kessel-radio.example'], owner: 'Republic of Kessel', reason: 'Fictional state broadcaster of the test story.', source: null },
    { key: 'lindqvist-post.example', name: 'Lindqvist Post', kind: 'private', country: 'XB', language: 'en', aliases: ['The Lindqvist Post'], reason: 'Fictional private daily of the test story.' },
    { key: 'marrow-wire.example', name: 'Marrow Wire', kind: 'agency', wire: true, country: 'XB', language: 'en', aliases: ['MWA'], reason: 'Fictional news agency of the test story.' },
  ],
};

const QUOTE = '"We will not reopen the Tessaly Bridge until every cable has been tested," harbour director Ilse Varnum told reporters in Orvane on Tuesday.';

/** The agency's text, reprinted by the fused-label article. */
const WIRE = [
  'The harbour authority of Orvane closed the Tessaly Bridge to all traffic on Tuesday after inspectors found cracks in two of its steel cables, stranding thousands of commuters on the eastern shore.',
  'Harbour director Ilse Varnum said the bridge would stay shut for at least three weeks while engineers replace the damaged cables and test the others.',
  QUOTE,
  'The Orvane ferry company said it would add six extra crossings a day from Wednesday to carry commuters across the harbour during the closure.',
];

/** The daily's text, reprinted without its credit by the article naming no outlet. */
const DAILY = [
  'Commuters in Orvane queued for hours at the ferry piers on Tuesday evening after the Tessaly Bridge was shut because two of its cables had cracked.',
  QUOTE,
  'Shop owners in the old town said they feared losing customers from the eastern shore, and the chamber of commerce asked the harbour authority for help.',
  'The Tessaly Bridge carries about forty thousand vehicles a day between the old town of Orvane and the eastern shore.',
];

/** One JSON Lines record per article, in the shape `parallax ingest` reads. */
export function orvaneLines(): Record<string, string>[] {
  return [
    // An agency dateline: "ORVANE (KSR) -".
    { title: 'Orvane shuts Tessaly Bridge over cracked cables', published: '2026-03-03T08:10:00Z', text: [`ORVANE (KSR) - ${WIRE[0]}`, ...WIRE.slice(1)].join('\n\n') },
    // A site label fused to the first line ("Marrow Wire: The…") over a copy of the agency's text.
    { title: 'Orvane closes Tessaly Bridge', published: '2026-03-03T10:05:00Z', text: [`Marrow Wire: ${WIRE[0]}`, ...WIRE.slice(1)].join('\n\n') },
    // A "Source:" trailer naming a private daily.
    { title: 'Cracked cables close Orvane bridge for weeks', published: '2026-03-03T11:30:00Z', text: [...DAILY, 'Source: Lindqvist Post'].join('\n\n') },
    // No outlet named anywhere: a copy of the daily's text without its credit.
    { title: 'Bridge closure strands Orvane commuters', published: '2026-03-03T12:00:00Z', text: DAILY.join('\n\n') },
    // The URL's domain (a subdomain of a listed one).
    {
      title: 'Tessaly Bridge closed after cable inspection',
      published: '2026-03-03T09:45:00Z',
      url: 'https://news.kessel-radio.example/2026/03/tessaly-bridge',
      text: [
        'A routine inspection on Monday night found two cracked cables on the Tessaly Bridge, and the harbour authority of Orvane barred all vehicles from it on Tuesday morning.',
        QUOTE,
        'Engineers from the capital arrived in Orvane on Tuesday afternoon to examine the remaining cables of the Tessaly Bridge.',
      ].join('\n\n'),
    },
  ];
}
