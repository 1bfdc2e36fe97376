/**
 * Generated news corpora for benchmarks: fictional but realistically shaped articles (headline,
 * dateline, 6–14 paragraphs of sentences with names, numbers, quotes), built from a seeded PRNG so
 * every run measures the same text. Nothing is committed; corpora are written at bench time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from '../test/support/prng.js';
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
