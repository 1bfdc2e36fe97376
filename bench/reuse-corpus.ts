/**
 * A generated news stream with stories and text reuse, for the dedup benchmark. Deterministic
 * (seeded mulberry32 per article), generated on demand, never written to disk.
 *
 * - Vocabulary: 120 function words (drawn 45% of the time) and 30,000 pseudo-words built from
 *   syllables, drawn with a Zipf-like law, so unrelated articles share common words but few
 *   four-word sequences, as real news does.
 * - Stories: article `i` belongs to story `floor(i / 12)` on average (story sizes 1–24); each
 *   story has 12 names and terms of its own used in every article of it.
 * - Reuse: 30% of articles derive from an earlier independent article of their story: 12%
 *   verbatim reposts (intro and trailer added), 9% partial copies (a subset of paragraphs),
 *   9% light rewrites (words substituted, sentences dropped). The rest are independent reports.
 */
import { prng } from '../test/support/prng.js';
export { prng } from '../test/support/prng.js';


const FUNCTION_WORDS = (
  'the of and to a in that is was he for it with as his on be at by i this had not are but from or have an they which one you were her all she there would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people mr how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'
).split(' ');

const SYLLABLES = 'ka ri mo tel van sor bi lu den ar pe ko mi nal tus ver ga shi ron el da fo qui bar zen lo tam ur ne sil'.split(' ');

function pseudoWord(n: number): string {
  let w = '';
  let x = n + 7;
  do {
    w += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return w;
}

const VOCAB = Array.from({ length: 30_000 }, (_, i) => pseudoWord(i * 7919 + 13));

function zipf(rand: () => number, n: number): number {
  // Inverse of a continuous 1/x law over [1, n]: heavy head, long tail.
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n)) - 1));
}

function storyTerms(story: number): string[] {
  const rand = prng(story * 2654435761 + 1);
  return Array.from({ length: 12 }, () => {
    const w = VOCAB[Math.floor(rand() * VOCAB.length)]!;
    return w[0]!.toUpperCase() + w.slice(1);
  });
}

function sentence(rand: () => number, terms: readonly string[]): string {
  const len = 12 + Math.floor(rand() * 18);
  const words: string[] = [];
  for (let i = 0; i < len; i++) {
    const r = rand();
    if (r < 0.45) words.push(FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)]!);
    else if (r < 0.55) words.push(terms[Math.floor(rand() * terms.length)]!);
    else if (r < 0.58) words.push(String(Math.floor(rand() * 2000)));
    else words.push(VOCAB[zipf(rand, VOCAB.length)]!);
  }
  const s = words.join(' ');
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
}

/** One article of the stream. */
export interface StreamArticle {
  readonly id: string;
  readonly story: number;
  readonly text: string;
  /** Index of the article it was derived from, for reused ones. */
  readonly source?: number;
  readonly kind: 'original' | 'verbatim' | 'partial' | 'rewrite';
  /** Always empty: the stream carries no credits. */
  readonly credits: readonly [];
}

function storyOf(i: number, seed: number): { story: number; start: number } {
  // Stories are consecutive runs; their sizes (1..24) come from a PRNG keyed by the block.
  const block = Math.floor(i / 240);
  const rand = prng(seed * 7 + block);
  let start = block * 240;
  let story = block * 1000;
  for (;;) {
    const size = 1 + Math.floor(rand() * 24);
    if (i < start + size || start + size >= (block + 1) * 240) return { story, start };
    start += size;
    story++;
  }
}

function originalParagraphs(i: number, seed: number, story: number): string[][] {
  const rand = prng(seed * 1_000_003 + i);
  const terms = storyTerms(story);
  const n = 5 + Math.floor(rand() * 8);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(rand, terms)));
}

function isOriginal(i: number, seed: number, start: number): boolean {
  return i === start || prng(seed * 31 + i * 17 + 5)() >= 0.3;
}

/** The i-th article of the stream with this seed. */
export function streamArticle(i: number, seed = 11): StreamArticle {
  const { story, start } = storyOf(i, seed);
  const rand = prng(seed * 31 + i * 17 + 5);
  const r = rand();
  const id = `a${i}`;
  if (isOriginal(i, seed, start)) return { id, story, credits: [], kind: 'original', text: originalParagraphs(i, seed, story).map((p) => p.join(' ')).join('\n\n') };
  // The source is an earlier independent article of the story (the story's first one at worst).
  const pickIdx = start + Math.floor(rand() * (i - start));
  const source = isOriginal(pickIdx, seed, start) ? pickIdx : start;
  const src = originalParagraphs(source, seed, story);
  const terms = storyTerms(story);
  if (r < 0.12) {
    const paras = [[sentence(rand, terms)], ...src, ['Read more on our website.']];
    return { id, story, source, credits: [], kind: 'verbatim', text: paras.map((p) => p.join(' ')).join('\n\n') };
  }
  if (r < 0.21) {
    const keep = src.filter(() => rand() < 0.5);
    const paras = keep.length >= 2 ? keep : src.slice(0, 2);
    return { id, story, source, credits: [], kind: 'partial', text: paras.map((p) => p.join(' ')).join('\n\n') };
  }
  const paras = src
    .map((p) => p.filter(() => rand() > 0.1).map((s) => s.split(' ').map((w) => (rand() < 0.08 ? VOCAB[zipf(rand, VOCAB.length)]! : w)).join(' ')))
    .filter((p) => p.length > 0);
  return { id, story, source, credits: [], kind: 'rewrite', text: paras.map((p) => p.join(' ')).join('\n\n') };
}
