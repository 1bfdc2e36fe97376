/**
 * Fictional feeds for the watch tests, built as strings: each item a few paragraphs of invented
 * news so the pipeline stores it as an article.
 */
const PLACES = ['Port Velling', 'Ashby', 'Denholm', 'North Marren', 'Quayside', 'Calder Bay'];
const TOPICS = ['ferry timetable', 'bridge repairs', 'apple harvest', 'harbour dredging', 'tram extension', 'library reopening'];

export interface TestItem {
  readonly n: number;
  readonly guid?: boolean;
  readonly link?: boolean;
}

/** The body of item n: four paragraphs that differ from every other item's. */
export function itemBody(n: number): string {
  const place = PLACES[n % PLACES.length]!;
  const topic = TOPICS[Math.floor(n / PLACES.length) % TOPICS.length]!;
  return [
    `Officials in ${place} said on Tuesday that the ${topic} would go ahead in item ${n}, after a council vote of ${n + 11} to ${n % 7}.`,
    `The ${topic} is expected to cost ${n + 3} million crowns, shared between the town of ${place} and the regional fund, a spokesperson for the council said.`,
    `Residents of ${place} who spoke at a public meeting on the ${topic} asked for the works to avoid the summer season and the ${n + 2} market days.`,
    `Work on the ${topic} is due to begin within ${n + 4} weeks and to finish before the end of the year, according to the council's published plan for ${place}.`,
  ]
    .map((p) => `<p>${p}</p>`)
    .join('');
}

/** An RSS 2.0 feed of the given items (guid and link by default). */
export function rss(items: readonly TestItem[], title = 'Velling Courier'): string {
  const entries = items.map((i) => {
    const guid = i.guid === false ? '' : `<guid isPermaLink="false">velling-${i.n}</guid>`;
    const link = i.link === false ? '' : `<link>https://courier.example/news/${i.n}</link>`;
    return `<item><title>Item ${i.n} headline</title>${link}${guid}<pubDate>Tue, 0${(i.n % 9) + 1} Sep 2031 10:00:00 GMT</pubDate><content:encoded><![CDATA[${itemBody(i.n)}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${title}</title><link>https://courier.example/</link>${entries.join('')}</channel></rss>`;
}

/** Items numbered from..to-1. */
export function range(from: number, to: number, extra: Omit<TestItem, 'n'> = {}): TestItem[] {
  return Array.from({ length: to - from }, (_, k) => ({ n: from + k, ...extra }));
}
