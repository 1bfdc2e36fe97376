/**
 * Story reports on generated stories: the time to build and render one 50-article story's report
 * (every analysis, the summary, the HTML page with its charts), the analysis throughput
 * (articles/s) of building reports over a generated 10,000-article corpus split into its stories,
 * and stories of N and 2N near-identical articles (one telling, each outlet its own family): time
 * per article should stay flat, and 2,000 of them should report in seconds (issue #13: 71 s).
 */
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';
import type { Span } from '../../src/model/message.js';
import { createReport, renderReport } from '../../src/pipeline/synthesize/index.js';
import { generateArticle } from '../corpus.js';
import { quoteArticle } from '../quote-corpus.js';
import { storyCorpus } from '../story-corpus.js';
import { nearIdenticalStory } from '../near-identical-story.js';
import type { BenchSuite } from '../types.js';

/** Sentence spans: text up to a full stop, question or exclamation mark followed by white space. */
function sentencesOf(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\s][^]*?(?:[.!?]["”»]?(?=\s|$)|$)/g;
  for (const m of text.matchAll(re)) if (m[0].trim().length > 0) out.push({ start: m.index, end: m.index + m[0].trimEnd().length });
  return out;
}

function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function storyArticle(id: string, text: string, site: string, familyId: string, derivation: StoryArticle['derivation'], published: string): StoryArticle {
  return { id, text, paragraphs: paragraphsOf(text), sentences: sentencesOf(text), site, familyId, derivation, published, language: 'en', credits: [] };
}

/** A 50-article story: quote-rich articles from ten outlets, every fourth one a verbatim copy of the one before. */
function bigStory(): StoryInput {
  const articles: StoryArticle[] = [];
  for (let i = 0; i < 50; i++) {
    const copy = i % 4 === 3;
    const source = copy ? articles[i - 1]! : undefined;
    const text = source ? source.text : quoteArticle(5, i).text;
    const published = new Date(Date.UTC(2030, 2, 16, 8) + i * 1_800_000).toISOString();
    articles.push(storyArticle(`art_${i.toString(16).padStart(16, '0')}`, text, `outlet-${i % 10}.example`, source ? source.familyId : `fam_${i}`, copy ? 'verbatim' : 'original', published));
  }
  return { storyId: 'sty_bench', title: 'bench', articles };
}

/**
 * A story of one long article (`parts` generated articles run together, about 400 words each) and a
 * short one that repeats its opening, as a long read and its brief: the report's cost per word of
 * the long article should not grow with its length.
 */
function longRead(parts: number): { story: StoryInput; words: number } {
  const texts = Array.from({ length: parts }, (_, i) => generateArticle(7, i).text);
  const long = texts.join('\n\n');
  const brief = texts.slice(0, 3).join('\n\n');
  const story = {
    storyId: 'sty_long',
    title: 'long read',
    articles: [
      storyArticle('art_long', long, 'long.example', 'fam_long', 'original', '2031-01-02T08:00:00Z'),
      storyArticle('art_brief', brief, 'brief.example', 'fam_brief', 'original', '2031-01-02T09:00:00Z'),
    ],
  };
  return { story, words: long.split(/\s+/).length };
}

/** The generated corpus as stories (the generator's answer key), each article its own family. */
function corpusStories(count: number): StoryInput[] {
  const byStory = new Map<number, StoryArticle[]>();
  for (const a of storyCorpus(count)) {
    const list = byStory.get(a.story) ?? byStory.set(a.story, []).get(a.story)!;
    list.push(storyArticle(a.id, a.text, `outlet-${list.length % 12}.example`, `fam_${a.id}`, 'original', a.published));
  }
  return [...byStory].map(([id, articles]) => ({ storyId: `sty_${id}`, title: String(id), articles }));
}

const suite: BenchSuite = {
  name: 'report',
  description: 'story reports: one 50-article report built and rendered; analysis throughput over a 10k-article corpus',
  async run({ log, quick }) {
    const build = createReport();
    const story = bigStory();
    const times: number[] = [];
    let pageBytes = 0;
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const t = performance.now();
      const report = build(story).value;
      const html = renderReport(report, 'html');
      times.push(performance.now() - t);
      pageBytes = html.length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    log(`50-article story: report built and rendered in ${median.toFixed(0)} ms (median of ${times.length}), HTML ${Math.round(pageBytes / 1024)} KiB`);

    // One long article at N and 2N words: seconds per word should stay flat (it grew with the length
    // while entity offsets were read through the library's per-match JSON and claim merges rescored
    // every pair after each merge: 100 s for 120,000 words).
    const parts = quick ? 25 : 75;
    const perWord: number[] = [];
    for (const n of [parts, 2 * parts]) {
      const { story: long, words } = longRead(n);
      const t = performance.now();
      build(long);
      const seconds = (performance.now() - t) / 1000;
      log(`a ${words}-word article: report built in ${seconds.toFixed(1)} s`);
      perWord.push(seconds / words);
    }

    // Near-identical articles kept as separate originals: one fictional telling by N and 2N outlets.
    const nearN = quick ? 250 : 1000;
    const perArticle: number[] = [];
    for (const n of [nearN, 2 * nearN]) {
      const near = nearIdenticalStory(n);
      const t = performance.now();
      const report = build(near).value;
      const seconds = (performance.now() - t) / 1000;
      log(`${n} near-identical articles: report built in ${seconds.toFixed(1)} s, ${report.claims.length} claims, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
      perArticle.push(seconds / n);
    }
    const nearSeconds = perArticle[1]! * 2 * nearN;
    const nearPeak = process.resourceUsage().maxRSS / 1024;

    const count = quick ? 1000 : 10_000;
    const stories = corpusStories(count);
    let sentences = 0;
    let peak = process.memoryUsage().rss;
    const t0 = performance.now();
    for (const s of stories) {
      sentences += build(s).value.summary.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - t0) / 1000;
    log(`${count} articles in ${stories.length} stories: reports in ${seconds.toFixed(1)} s, ${sentences} summary sentences`);
    return [
      { name: '50-article report (build + HTML)', value: median, unit: 'ms', target: { op: '<=', value: 10_000 } },
      { name: 'long article: time per word at 2N / at N', value: perWord[1]! / perWord[0]!, unit: '', target: { op: '<=', value: 1.5 } },
      { name: 'near-identical: time per article at 2N / N', value: perArticle[1]! / perArticle[0]!, unit: '', target: { op: '<=', value: 1.5 } },
      { name: `${2 * nearN} near-identical articles: report`, value: nearSeconds, unit: 's', ...(quick ? {} : { target: { op: '<=' as const, value: 10 } }) },
      { name: `peak RSS after ${2 * nearN} near-identical`, value: nearPeak, unit: 'MiB' },
      { name: 'report analysis throughput', value: count / seconds, unit: 'articles/s' },
      { name: 'stories', value: stories.length, unit: 'stories' },
      { name: 'peak RSS', value: peak / 2 ** 20, unit: 'MiB' },
    ];
  },
};

export default suite;
