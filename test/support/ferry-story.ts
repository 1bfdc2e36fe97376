/**
 * A fictional ferry story told by four fictional outlets, as JSON Lines records: a wire (AFP) copied
 * by one outlet and relayed by a second, and two outlets relaying one coast guard spokesman's
 * statement. `markup` is written inside the spokesman's quoted words (as plain text) for tests that
 * check it stays text.
 */
export interface FerryLine {
  readonly url: string;
  readonly title: string;
  readonly published: string;
  readonly text: string;
}

/** The four records; `markup` goes inside the first quotation. */
export function ferryStoryLines(markup = ''): FerryLine[] {
  const WIRE = [
    'A passenger ferry ran aground off the Halvik lighthouse on Sunday night with 140 passengers and 12 crew aboard, the Halvik coast guard said.',
    'Rescue boats took everyone ashore by dawn and nobody was seriously hurt, according to the harbour master of Halvik.',
    'The ferry, the Nordvik Star, had left the port of Halvik an hour earlier on its nightly crossing to the island of Vessa.',
    'Investigators will examine why the Nordvik Star left the marked channel in calm weather, the maritime authority said on Monday.',
  ];
  const QUOTE = `"The Nordvik Star struck the northern reef ${markup === '' ? '' : `${markup} `}at full speed and began taking on water within minutes," coast guard spokesman Piet Almqvist said.`;
  const QUOTE2 = '"Every passenger was wearing a life jacket when our boats reached the ferry, and that saved lives," Almqvist said of the Halvik rescue.';

  return [
    { url: 'https://fjord-courier.example/halvik-ferry', title: 'Ferry runs aground off Halvik', published: '2025-03-10T07:00:00Z', text: `HALVIK (AFP) - ${WIRE.join('\n\n')}` },
    { url: 'https://valley-news.example/ferry-halvik', title: 'Halvik ferry aground, all rescued', published: '2025-03-10T09:00:00Z', text: [...WIRE.map((p) => p.replace('ran aground', 'went aground')), '— AFP'].join('\n\n') },
    {
      url: 'https://vessa-post.example/nordvik-star',
      title: 'Nordvik Star hit reef at full speed, coast guard says',
      published: '2025-03-10T10:00:00Z',
      text: [
        'The Nordvik Star ferry hit a reef off Halvik at full speed on Sunday night, coast guard spokesman Piet Almqvist said.',
        QUOTE,
        'The ferry, with 140 passengers and 12 crew, was on its nightly crossing from Halvik to Vessa when it ran aground near the lighthouse; rescue boats had everyone ashore by dawn.',
        'The island depends on the nightly crossing for its milk, its mail and the morning newspapers, which did not arrive on Monday.',
      ].join('\n\n'),
    },
    {
      url: 'https://island-herald.example/ferry-reef',
      title: 'Coast guard: Halvik ferry struck reef',
      published: '2025-03-10T11:00:00Z',
      text: [
        'Coast guard spokesman Piet Almqvist said on Monday that the Nordvik Star had struck a reef off Halvik without slowing down.',
        QUOTE,
        QUOTE2,
        'All 140 passengers and the 12 crew of the Halvik–Vessa ferry were brought ashore by rescue boats before dawn, and the maritime authority has opened an investigation.',
        'Shipping brokers in the capital said a replacement vessel could be chartered from the south within a week.',
      ].join('\n\n'),
    },
  ];
}
