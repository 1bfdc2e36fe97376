/**
 * Generated news corpora for benchmarks: fictional but realistically shaped articles (headline,
 * dateline, 6–14 paragraphs of sentences with names, numbers, quotes), built from a seeded PRNG so
 * every run measures the same text. Nothing is committed; corpora are written at bench time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from '../test/support/prng.js';
import type { Store } from '../src/store/store.js';
export { prng } from '../test/support/prng.js';

const PEOPLE = ['Mara Velin', 'Tomas Arkady', 'Ilse Brandvik', 'Omar Qasimi', 'Lena Ostrova', 'Pavel Dunmore', 'Rhea Castellan', 'Idris Mbeki', 'Sana Rahimi', 'Jonah Whitlock'];
const PLACES = ['Port Aldin', 'Veska', 'North Calder', 'Saint Morrow', 'Lake Orrin', 'Tarsk', 'Belmar Bay', 'Kovel'];
const ORGS = ['the Harbour Authority', 'the Ministry of Water', 'the Northern Rail Board', 'the Regional Council', 'the Fisheries Union', 'the Coastal Guard'];
const VERBS = ['said', 'told reporters', 'stressed', 'noted', 'announced', 'warned'];
const NOUNS = ['agreement', 'budget', 'pipeline', 'inquiry', 'strike', 'tariff', 'bridge', 'election', 'reservoir', 'contract', 'ceasefire', 'port'];
const ADJ = ['new', 'disputed', 'long-awaited', 'regional', 'emergency', 'controversial', 'joint', 'provisional'];
const OUTLETS = ['northwire.example', 'calder-times.example', 'veska-post.example', 'morrow-daily.example', 'orrin-herald.example'];


function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function sentence(rand: () => number): string {
  const kind = rand();
  const who = pick(rand, PEOPLE);
  const noun = pick(rand, NOUNS);
  if (kind < 0.3) return `“The ${pick(rand, ADJ)} ${noun} will be decided by ${pick(rand, ORGS)} before ${pick(rand, ['Friday', 'the end of the month', 'the summer recess'])},” ${who} ${pick(rand, VERBS)}.`;
  if (kind < 0.6) return `${who} ${pick(rand, VERBS)} that ${pick(rand, ORGS)} would review the ${pick(rand, ADJ)} ${noun} in ${pick(rand, PLACES)} after ${Math.floor(rand() * 900 + 12)} residents signed a petition.`;
  return `Officials in ${pick(rand, PLACES)} estimated the ${noun} at ${(rand() * 90 + 1).toFixed(1)} million, up ${Math.floor(rand() * 40 + 2)}% on last year, according to ${pick(rand, ORGS)}.`;
}

export interface GeneratedArticle {
  readonly url: string;
  readonly title: string;
  readonly published: string;
  readonly text: string;
}

/** The i-th article of the corpus with this seed. */
export function generateArticle(seed: number, i: number): GeneratedArticle {
  const rand = prng(seed * 1_000_003 + i);
  const place = pick(rand, PLACES);
  const title = `${pick(rand, ['Talks on', 'Protest over', 'Vote on', 'Deal reached on', 'Questions over'])} ${pick(rand, ADJ)} ${pick(rand, NOUNS)} in ${place}`;
  const paragraphs: string[] = [];
  const n = 6 + Math.floor(rand() * 9);
  for (let p = 0; p < n; p++) {
    const k = 1 + Math.floor(rand() * 3);
    const ss: string[] = [];
    for (let s = 0; s < k; s++) ss.push(sentence(rand));
    paragraphs.push(ss.join(' '));
  }
  const day = 1 + Math.floor(rand() * 28);
  return {
    url: `https://www.${pick(rand, OUTLETS)}/news/${2024}/${String(1 + (i % 12)).padStart(2, '0')}/${i}-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    title,
    published: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:00:00Z`,
    text: `${title}\n\n${paragraphs.join('\n\n')}`,
  };
}

/** Write `count` articles as JSONL (url, title, published, text); returns the bytes written. */
export async function writeJsonlCorpus(file: string, count: number, seed = 7): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const line = `${JSON.stringify(generateArticle(seed, i))}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

// Story-structured corpus: events with their own names, each told by several outlets.
const SYLLABLES = ['ka', 'ver', 'os', 'tal', 'mir', 'den', 'lo', 'ran', 'bel', 'ish', 'tor', 'val', 'ne', 'dra', 'kos', 'mun', 'sel', 'par', 'ith', 'gor', 'ul', 'fen', 'ast', 'rho'];
const EVENT_KINDS = [
  { noun: 'strike', act: ['began', 'spread to', 'shut down work at'], words: ['union', 'workers', 'wages', 'pickets', 'walkout', 'employers', 'shifts', 'negotiators'] },
  { noun: 'flood', act: ['swamped', 'cut off', 'inundated'], words: ['river', 'rainfall', 'levees', 'evacuation', 'pumps', 'sandbags', 'bridges', 'shelters'] },
  { noun: 'fire', act: ['destroyed', 'gutted', 'swept through'], words: ['firefighters', 'blaze', 'smoke', 'arson', 'warehouse', 'embers', 'hydrants', 'investigators'] },
  { noun: 'trial', act: ['opened in', 'resumed in', 'ended in'], words: ['jury', 'prosecutors', 'defence', 'verdict', 'witness', 'charges', 'testimony', 'judge'] },
  { noun: 'merger', act: ['was agreed in', 'was announced in', 'collapsed in'], words: ['shareholders', 'shares', 'regulators', 'bid', 'board', 'investors', 'valuation', 'takeover'] },
  { noun: 'election', act: ['was held in', 'closed in', 'was won in'], words: ['voters', 'ballots', 'turnout', 'candidates', 'seats', 'polls', 'campaign', 'recount'] },
  { noun: 'outbreak', act: ['was confirmed in', 'spread through', 'was contained in'], words: ['patients', 'clinics', 'vaccines', 'infections', 'quarantine', 'nurses', 'symptoms', 'testing'] },
  { noun: 'collision', act: ['happened near', 'blocked traffic in', 'was reported in'], words: ['train', 'passengers', 'carriages', 'signals', 'injured', 'tracks', 'drivers', 'inspectors'] },
] as const;
const STORY_OUTLETS = ['northwire.example', 'calder-times.example', 'veska-post.example', 'morrow-daily.example', 'orrin-herald.example', 'belmar-ledger.example', 'tarsk-courier.example', 'kovel-review.example', 'aldin-standard.example', 'lakeside-journal.example'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function coined(rand: () => number, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += pick(rand, SYLLABLES);
  return s[0]!.toUpperCase() + s.slice(1);
}

/** A generated article with the event (story) it was written about: the answer key. */
export interface GeneratedStoryArticle extends GeneratedArticle {
  /** The event it reports; articles of one event form one true story. */
  readonly event: number;
}

export interface StoryCorpusOptions {
  /** Articles in the corpus. */
  readonly count: number;
  /**
   * Share of events (0–1, default 0) set in the place of an earlier event and naming one of its
   * people, as news has recurring officials and cities: distinct stories that share names.
   */
  readonly recurring?: number;
}

interface CorpusEvent {
  readonly id: number;
  readonly kind: (typeof EVENT_KINDS)[number];
  readonly people: readonly [string, string, string];
  readonly place: string;
  readonly district: string;
  readonly org: string;
  readonly numbers: readonly [string, string, string];
  readonly day: number;
  readonly weekday: string;
  readonly outlets: readonly string[];
  readonly size: number;
}

/** Event sizes as news has them: most events 1–5 articles, about one in twenty 20–60. */
function eventSize(rand: () => number): number {
  const u = rand();
  if (u < 0.05) return 20 + Math.floor(rand() * 41);
  if (u < 0.12) return 6 + Math.floor(rand() * 14);
  return 1 + Math.floor(rand() * 5);
}

function makeEvent(rand: () => number, id: number, size: number): CorpusEvent {
  const outlets = [...STORY_OUTLETS].sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * 6));
  return {
    id,
    kind: pick(rand, EVENT_KINDS),
    people: [`${coined(rand, 2)} ${coined(rand, 2)}`, `${coined(rand, 2)} ${coined(rand, 3)}`, `${coined(rand, 1)} ${coined(rand, 2)}`],
    place: coined(rand, 3),
    district: `${coined(rand, 2)} ${pick(rand, ['Quarter', 'Heights', 'Valley', 'Harbour', 'Crossing'])}`,
    org: `the ${coined(rand, 2)} ${pick(rand, ['Council', 'Authority', 'Union', 'Group', 'Ministry', 'Institute'])}`,
    numbers: [String(Math.floor(rand() * 900 + 10)), String(Math.floor(rand() * 60 + 2)), (rand() * 9 + 1).toFixed(1)],
    day: Math.floor(rand() * 360),
    weekday: pick(rand, WEEKDAYS),
    outlets,
    size,
  };
}

/** One outlet's telling of the event: the shared core facts reworded, plus background. */
function tellEvent(rand: () => number, e: CorpusEvent): { title: string; paragraphs: string[] } {
  const [p1, p2, p3] = e.people;
  const [n1, n2, n3] = e.numbers;
  const k = e.kind;
  const w = (): string => pick(rand, k.words);
  const surname = (p: string): string => p.split(' ')[1]!;
  const core = [
    [
      `The ${k.noun} ${pick(rand, k.act)} ${e.place} on ${e.weekday}, ${p1} of ${e.org} said.`,
      `On ${e.weekday} a ${k.noun} ${pick(rand, k.act)} ${e.place}, according to ${p1} of ${e.org}.`,
      `${p1}, speaking for ${e.org}, confirmed that the ${k.noun} ${pick(rand, k.act)} ${e.place} on ${e.weekday}.`,
    ],
    [
      `${p2} said ${n1} ${w()} in the ${e.district} were affected and ${n2} more were expected.`,
      `About ${n1} ${w()} in the ${e.district} were affected, ${p2} said, with ${n2} more expected.`,
      `In the ${e.district}, ${n1} ${w()} were affected and another ${n2} were expected, ${surname(p2)} told reporters.`,
    ],
    [
      `“We will ${pick(rand, ['act', 'respond', 'not stop'])} until the ${w()} are safe,” ${p2} told reporters in ${e.place}.`,
      `“The ${w()} in ${e.place} come first,” ${surname(p2)} said.`,
    ],
    [
      `${p3} put the cost at ${n3} million and asked ${e.org} for an inquiry.`,
      `The cost was put at ${n3} million by ${p3}, who called on ${e.org} to open an inquiry.`,
    ],
  ];
  const background = (): string =>
    pick(rand, [
      `Residents of ${e.place} said the ${w()} and the ${w()} had worried them for months.`,
      `The ${e.org.slice(4)} has faced questions about the ${w()} before.`,
      `Local officials in the ${e.district} said the ${w()} would be reviewed next week.`,
      `${surname(p1)} said the ${w()} and the ${w()} would be discussed at a meeting in ${e.place}.`,
    ]);
  const paragraphs: string[] = [];
  for (const variants of core) if (paragraphs.length < 2 || rand() < 0.8) paragraphs.push(pick(rand, variants));
  const extra = 2 + Math.floor(rand() * 6);
  for (let i = 0; i < extra; i++) paragraphs.splice(2 + Math.floor(rand() * (paragraphs.length - 1)), 0, `${background()} ${rand() < 0.5 ? background() : ''}`.trim());
  const noun = `${k.noun[0]!.toUpperCase()}${k.noun.slice(1)}`;
  const title = pick(rand, [`${noun} in ${e.place}: ${surname(p1)} ${pick(rand, ['speaks', 'responds', 'warns'])}`, `${e.place} ${k.noun} affects ${n1} ${k.words[0]}`, `${surname(p2)} on the ${e.place} ${k.noun}`]);
  return { title, paragraphs };
}

/**
 * A corpus of `count` articles about generated events (the stories to find), in publication order.
 * Each event has its own coined people, place, organisation and numbers (unless `recurring`); its articles come from
 * several outlets rewording the same core facts, published over the days after the event. Event
 * sizes: mostly 1–5 articles, a few 20–60. Deterministic from `seed`.
 */
export function generateStoryCorpus(seed: number, options: StoryCorpusOptions): GeneratedStoryArticle[] {
  const rand = prng(seed * 7_919 + 17);
  const out: GeneratedStoryArticle[] = [];
  const made: CorpusEvent[] = [];
  for (let id = 0; out.length < options.count; id++) {
    let e = makeEvent(rand, id, Math.min(eventSize(rand), options.count - out.length));
    if (made.length > 0 && rand() < (options.recurring ?? 0)) {
      const earlier = pick(rand, made);
      e = { ...e, place: earlier.place, people: [earlier.people[0], e.people[1], e.people[2]] };
    }
    made.push(e);
    for (let j = 0; j < e.size; j++) {
      const { title, paragraphs } = tellEvent(rand, e);
      const outlet = pick(rand, e.outlets);
      const at = new Date(Date.UTC(2024, 0, 1) + (e.day + Math.min(4, -Math.log(1 - rand()))) * 86_400_000);
      at.setUTCMinutes(0, 0, 0);
      const slug = title.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
      out.push({
        url: `https://www.${outlet}/news/${at.toISOString().slice(0, 10).replaceAll('-', '/')}/e${id}-${out.length}-${slug}`,
        title,
        published: at.toISOString().replace('.000Z', 'Z'),
        text: `${title}\n\n${paragraphs.join('\n\n')}`,
        event: id,
      });
    }
  }
  return out.sort((a, b) => a.published.localeCompare(b.published) || a.url.localeCompare(b.url));
}

/** The event id an article of `generateStoryCorpus` was generated for, read back from its URL. */
export function storyEventOf(url: string): number | undefined {
  const m = /\/e(\d+)-\d+-/.exec(url);
  return m ? Number(m[1]) : undefined;
}

/**
 * Every stored article's story, keyed by the article's URL (by its id when it has none): the
 * prediction to score against `generateStoryCorpus`'s events.
 */
export async function storyAssignment(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const { items } = await store.stories.list({ limit, offset });
    for (const s of items) {
      const stored = await store.stories.get(s.id);
      for (const m of stored?.members ?? []) out[m.article.url ?? m.articleId] = s.id;
    }
    if (items.length < limit) return out;
  }
}
