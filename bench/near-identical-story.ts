/**
 * A pathological story for the report stage: one fictional article told by `count` outlets with
 * small variations, each kept by dedup as its own original (its own family). Each outlet names
 * itself in one sentence, changes one word in some sentences (a synonym), and shuffles the order
 * of the middle paragraphs; the quotes and most sentences stay word for word the same, so nearly
 * every sentence of one article has an identical twin in every other. Seeded: the same `count`
 * gives the same story on every machine.
 */
import type { Span } from '../src/model/message.js';
import type { StoryArticle, StoryInput } from '../src/pipeline/analyze/input.js';
import { prng } from '../test/support/prng.js';

/** The article's paragraphs; `{a|b|c}` picks one wording per outlet, `{OUTLET}` is the outlet's name. */
const TEMPLATE: readonly string[] = [
  'Harbour officials in Port Aldin {closed|shut|sealed} the eastern ferry terminal on Monday after a crane collapsed onto the loading dock, injuring 14 workers.',
  'The crane, which had been in service for 31 years, fell shortly before 7 a.m. as the morning shift was unloading a cargo of timber from the {freighter|vessel|ship} Northern Lark.',
  '“We are treating this as a serious failure of equipment that should have been retired long ago,” said Mara Velin, the harbour master. “Nobody should go to work and come home on a stretcher.”',
  'Velin said an inspection in March had found cracks in the crane’s main boom, but that repairs had been {delayed|postponed|put off} by a dispute over the maintenance budget.',
  'The Veskan transport ministry said it would open an inquiry and that all cranes of the same model would be inspected before the terminal reopens.',
  'Tomas Arkady, who leads the dockworkers’ union, told {OUTLET} that his members had warned about the crane for more than a year.',
  '“We wrote to the port authority three times,” Arkady said. “Each time we were told the money was not there.”',
  'Ferry services to Tarsk and Belmar Bay were {diverted|moved|redirected} to the western terminal, where passengers faced delays of up to four hours.',
  'Four of the injured workers remained in hospital on Monday evening, two of them in a serious condition, according to the regional health service.',
  'The port authority said in a statement that it was cooperating fully with the inquiry and that safety was its {first|highest|top} priority.',
  'Port Aldin handles about 2.4 million ferry passengers a year and is the largest employer on the eastern coast of the island.',
  'The terminal is expected to remain closed for at least two weeks, the harbour master said.',
];

/** Outlet names, combined into as many distinct ones as asked for. */
const FIRST = ['Coastal', 'Northern', 'Harbour', 'Island', 'Evening', 'Morning', 'Daily', 'Weekly', 'Veskan', 'Eastern', 'Western', 'Free'];
const SECOND = ['Herald', 'Courier', 'Post', 'Chronicle', 'Gazette', 'Observer', 'Times', 'Ledger', 'Tribune', 'Record', 'Standard', 'Sentinel'];

function outletName(i: number): string {
  const base = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
  const round = Math.floor(i / (FIRST.length * SECOND.length));
  return round === 0 ? base : `${base} ${round + 1}`;
}

function spansOf(text: string, re: RegExp): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) if (m[0].trim().length > 0) out.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  return out;
}

/** One outlet's telling: its own wording choices and the middle paragraphs in its own order. */
function telling(i: number): string {
  const rand = prng(7919 * (i + 1));
  const outlet = outletName(i);
  const paragraphs = TEMPLATE.map((p) => p.replace('{OUTLET}', outlet).replace(/\{([^}]+)\}/g, (_, options: string) => {
    const words = options.split('|');
    return words[Math.floor(rand() * words.length)]!;
  }));
  // Keep the lede and the closing line; shuffle the rest a little (swap two neighbours twice).
  for (let k = 0; k < 2; k++) {
    const at = 1 + Math.floor(rand() * (paragraphs.length - 3));
    [paragraphs[at], paragraphs[at + 1]] = [paragraphs[at + 1]!, paragraphs[at]!];
  }
  return paragraphs.join('\n\n');
}

/** The story of `count` near-identical articles, each its own family, published a minute apart. */
export function nearIdenticalStory(count: number): StoryInput {
  const articles: StoryArticle[] = Array.from({ length: count }, (_, i) => {
    const text = telling(i);
    const site = `${outletName(i).toLowerCase().replace(/\s+/g, '-')}.example`;
    return {
      id: `art_${i.toString(16).padStart(16, '0')}`,
      text,
      paragraphs: spansOf(text, /[^\n]+/g),
      sentences: spansOf(text, /[^\s][^]*?(?:[.!?]["”»]?(?=\s|$)|$)/g),
      site,
      familyId: `fam_${i}`,
      derivation: 'original',
      title: 'Crane collapse shuts Port Aldin ferry terminal',
      published: new Date(Date.UTC(2031, 3, 14, 9) + i * 60_000).toISOString(),
      language: 'en',
      credits: [],
    };
  });
  return { storyId: 'sty_near_identical', title: 'near-identical', articles };
}
