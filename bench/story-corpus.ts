/**
 * A generated stream of news articles with known stories, for the clustering benchmark: fictional
 * events (an event kind, people, places, numbers, a date) each told by several articles that
 * rephrase its facts with background sentences, ordered by publication time. Deterministic from
 * a seed; nothing is written to disk.
 */
import { prng } from '../test/support/prng.js';


const KINDS = [
  { noun: 'earthquake', verbs: ['struck', 'shook', 'hit'], words: ['magnitude', 'tremor', 'rescue', 'collapsed', 'aftershock', 'epicentre', 'villagers', 'tents'] },
  { noun: 'strike', verbs: ['began', 'spread', 'shut'], words: ['union', 'workers', 'wages', 'pickets', 'talks', 'contract', 'walkout', 'employers'] },
  { noun: 'election', verbs: ['was held', 'closed', 'was won'], words: ['voters', 'ballots', 'turnout', 'candidates', 'parliament', 'seats', 'polls', 'campaign'] },
  { noun: 'fire', verbs: ['destroyed', 'gutted', 'swept through'], words: ['firefighters', 'blaze', 'flames', 'smoke', 'arson', 'damage', 'evacuated', 'investigators'] },
  { noun: 'trial', verbs: ['opened', 'resumed', 'ended'], words: ['jury', 'prosecutors', 'defence', 'verdict', 'witness', 'court', 'charges', 'sentence'] },
  { noun: 'merger', verbs: ['was agreed', 'was announced', 'collapsed'], words: ['shareholders', 'deal', 'shares', 'regulators', 'bid', 'board', 'investors', 'valuation'] },
  { noun: 'flood', verbs: ['swamped', 'cut off', 'inundated'], words: ['river', 'rainfall', 'levees', 'residents', 'evacuation', 'water', 'bridges', 'relief'] },
  { noun: 'match', verbs: ['was won', 'ended', 'was decided'], words: ['goals', 'coach', 'season', 'fans', 'league', 'striker', 'penalty', 'stadium'] },
] as const;
const FILLER = ['officials', 'said', 'expected', 'week', 'statement', 'local', 'government', 'people', 'area', 'later', 'earlier', 'report', 'region', 'spokesman', 'according', 'month'];
const SYLL = ['ka', 'ver', 'os', 'tal', 'mir', 'den', 'lo', 'ran', 'bel', 'ish', 'tor', 'val', 'ne', 'dra', 'kos', 'mun', 'sel', 'par', 'ith', 'gor'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function name(r: () => number, syllables: number): string {
  let s = '';
  for (let i = 0; i < syllables; i++) s += pick(r, SYLL);
  return s[0]!.toUpperCase() + s.slice(1);
}

export interface CorpusArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly published: string;
  /** The story it was generated for (the answer key). */
  readonly story: number;
}

interface Event {
  readonly kind: (typeof KINDS)[number];
  readonly people: readonly string[];
  readonly place: string;
  readonly org: string;
  readonly numbers: readonly string[];
  readonly day: number;
  readonly size: number;
}

function event(r: () => number, day: number): Event {
  const size = Math.min(40, 1 + Math.floor(-Math.log(1 - r()) * 8));
  return {
    kind: pick(r, KINDS),
    people: [`${name(r, 2)} ${name(r, 2)}`, `${name(r, 2)} ${name(r, 3)}`],
    place: name(r, 3),
    org: `${name(r, 2)} ${pick(r, ['Council', 'Authority', 'Union', 'Group', 'Ministry'])}`,
    numbers: [String(Math.floor(r() * 900 + 10)), String(Math.floor(r() * 60 + 2)), (r() * 9 + 1).toFixed(1)],
    day,
    size,
  };
}

function article(r: () => number, e: Event): { title: string; text: string } {
  const [p1, p2] = e.people as [string, string];
  const [n1, n2, n3] = e.numbers as [string, string, string];
  const w = (): string => pick(r, e.kind.words);
  const f = (): string => pick(r, FILLER);
  const facts = [
    `The ${e.kind.noun} ${pick(r, e.kind.verbs)} ${e.place} on ${pick(r, ['Monday', 'Tuesday', 'Friday', 'Sunday'])}, ${f()} ${p1} said.`,
    `${p2} of the ${e.org} said ${n1} ${w()} were affected and ${n2} more were ${pick(r, ['expected', 'reported', 'counted'])}.`,
    `In ${e.place}, the ${w()} and the ${w()} ${pick(r, ['drew attention', 'were discussed', 'remained the main concern'])}, with a figure of ${n3} cited by ${p1}.`,
    `"We will ${pick(r, ['act', 'respond', 'continue'])} on the ${w()}," ${p2} told reporters in ${e.place}.`,
  ];
  const sentences: string[] = [];
  const n = 4 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    if (i < 2 || r() < 0.5) sentences.push(pick(r, facts));
    else sentences.push(`The ${f()} ${f()} ${pick(r, ['noted', 'added', 'said'])} the ${w()} and ${f()} ${w()} would ${pick(r, ['matter', 'follow', 'be reviewed'])} ${f()}.`);
  }
  const title = `${e.kind.noun[0]!.toUpperCase()}${e.kind.noun.slice(1)} in ${e.place}: ${p1.split(' ')[1]} ${pick(r, ['speaks', 'responds', 'warns'])}`;
  return { title, text: sentences.join(' ') };
}

/** `count` articles in publication order (stories spread over about a year), generated from `seed`. */
export function* storyCorpus(count: number, seed = 11): Generator<CorpusArticle> {
  const r = prng(seed);
  const perDay = Math.max(1, Math.round(count / 365));
  let made = 0;
  let story = 0;
  // Open events: each emits its articles over a few days.
  let open: { e: Event; left: number; id: number }[] = [];
  for (let day = 0; made < count; day++) {
    let budget = perDay;
    while (budget > 0 && made < count) {
      if (open.length === 0 || r() < 0.12) {
        const e = event(r, day);
        open.push({ e, left: e.size, id: story++ });
      }
      const o = pick(r, open);
      const { title, text } = article(r, o.e);
      const date = new Date(Date.UTC(2030, 0, 1) + (day + r() * 0.9) * 86_400_000).toISOString();
      yield { id: `art_${made.toString(16).padStart(16, '0')}`, title, text, published: date, story: o.id };
      made++;
      budget--;
      o.left--;
      open = open.filter((x) => x.left > 0 && day - x.e.day < 4);
    }
  }
}
