/**
 * Generated news articles for the quotes benchmark: fictional people with titles and honorifics,
 * direct quotes in several mark styles, interrupted and multi-paragraph quotes, indirect speech,
 * pronouns and role phrases. A seeded PRNG makes every run measure the same text.
 */
import { prng } from '../test/support/prng.js';
const GIVEN = ['Mara', 'Tomas', 'Ilse', 'Omar', 'Lena', 'Pavel', 'Rhea', 'Idris', 'Sana', 'Jonah', 'Mohammed', 'Ebrahim'];
const FAMILY = ['Velin', 'Arkady', 'Brandvik', 'Qasimi', 'Ostrova', 'Dunmore', 'Castellan', 'Mbeki', 'Rahimi', 'Whitlock', 'al-Tarsk', 'Orrin'];
const ROLES = ['Prime Minister', 'President', 'Foreign Minister', 'Supreme Leader', 'Mayor', 'Governor'];
const NATIONS = ['Northern', 'Coastal', 'Veskan', 'Calderian'];
const HONORIFICS = ['Ayatollah', 'Sheikh', 'Dr.', 'Imam'];
const VERBS = ['said', 'stressed', 'noted', 'told reporters', 'warned', 'added', 'emphasised', 'reiterated'];
const TOPICS = ['the new bridge', 'the port agreement', 'the water tariff', 'the ceasefire talks', 'the rail strike', 'the budget'];
const CLAIMS = ['would be decided before the summer recess', 'had been delayed by the regional council', 'was the only way forward for both nations', 'would cost far more than the ministry admitted'];
const MARKS: [string, string][] = [['“', '”'], ['"', '"'], ['«', '»'], ["''", "''"]];


const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** The i-th generated article: an id and plain text, one paragraph per line group. */
export function quoteArticle(seed: number, i: number): { id: string; text: string } {
  const rand = prng(seed * 1_000_003 + i);
  const a = `${pick(rand, GIVEN)} ${pick(rand, FAMILY)}`;
  const b = `${pick(rand, GIVEN)} ${pick(rand, FAMILY)}`;
  const roleA = pick(rand, ROLES);
  const [o, c] = pick(rand, MARKS);
  const topic = pick(rand, TOPICS);
  const paragraphs = [
    `${pick(rand, NATIONS)} ${roleA} ${a} met ${pick(rand, HONORIFICS)} ${b} in ${pick(rand, ['Veska', 'Tarsk', 'Port Aldin'])} on Monday to discuss ${topic}.`,
    `${o}We have waited long enough for ${topic},${c} ${a.split(' ')[1]} ${pick(rand, VERBS)}. ${o}Nobody in this country will accept another delay.${c}`,
    `He ${pick(rand, VERBS)} that ${topic} ${pick(rand, CLAIMS)}.`,
    `The ${roleA.toLowerCase()} ${pick(rand, VERBS)}: ${o}Our people deserve an answer this week.${c}`,
    `According to ${b.split(' ')[1]}, ${topic} ${pick(rand, CLAIMS)}.`,
    `${topic[0]!.toUpperCase()}${topic.slice(1)}, ${b.split(' ')[1]} said, ${pick(rand, CLAIMS)}.`,
  ];
  const extra = Math.floor(rand() * 6);
  for (let k = 0; k < extra; k++) paragraphs.push(`Officials in ${pick(rand, ['Veska', 'Tarsk', 'Belmar Bay'])} estimated the cost of ${pick(rand, TOPICS)} at ${(rand() * 90 + 1).toFixed(1)} million, up ${Math.floor(rand() * 40 + 2)}% on last year.`);
  return { id: `bench_${seed}_${i}`, text: paragraphs.join('\n\n') };
}
