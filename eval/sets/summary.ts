/**
 * Story summaries on the ECB+ development stories (`story-clustering`, grouped by their gold
 * event cluster; each article its own family, since ECB+ outlets write their own text): every
 * story's report is built as `parallax report` builds it, and its summary is checked against the
 * spans it cites. ECB+ has no human summaries, so this measures faithfulness and support, not
 * content: the share of sentences passing the check (must be 1), the share that are one cited span
 * with words deleted (in order), the share of summary words found
 * in the cited spans (neutral replacements aside), and the independent sources per sentence.
 */
import { writeFileSync } from 'node:fs';
import type { Span } from '../../src/model/message.js';
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';
import { checkFaithfulness, createReport, wordsOf } from '../../src/pipeline/synthesize/index.js';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';

interface Row {
  readonly id: string;
  readonly cluster: string;
  readonly title: string | null;
  readonly text: string | null;
  readonly date: string | null;
  readonly url: string | null;
  readonly source: string | null;
}

/** One line per sentence (the set's text is one corpus sentence per line): its span. */
function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (body.length > 0) out.push({ start: at + lead, end: at + lead + body.length });
    at += line.length + 1;
  }
  return out;
}

/** The set's stories (gold clusters) as StoryInputs, largest first. */
export function loadStories(dataDir: string): StoryInput[] {
  const byCluster = new Map<string, StoryArticle[]>();
  for (const r of readJsonlGz<Row>(dataDir, 'articles.jsonl.gz')) {
    const text = r.text ?? '';
    const spans = lineSpans(text);
    const article: StoryArticle = {
      id: r.id,
      text,
      paragraphs: spans,
      sentences: spans,
      site: r.source ?? r.id,
      familyId: r.id,
      derivation: 'original',
      ...(r.title ? { title: r.title } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.date ? { published: r.date } : {}),
      language: 'en',
      credits: [],
    };
    (byCluster.get(r.cluster) ?? byCluster.set(r.cluster, []).get(r.cluster)!).push(article);
  }
  return [...byCluster]
    .map(([cluster, articles]) => ({
      storyId: cluster,
      title: cluster,
      articles: [...articles].sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id)),
    }))
    .sort((a, b) => b.articles.length - a.articles.length || a.storyId.localeCompare(b.storyId));
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

const set: EvalSet = {
  name: 'summary',
  dataFolder: 'story-clustering',
  description: 'Story summaries on ECB+ gold stories: faithfulness to the cited spans, support, time per story.',
  async run({ dataDir, outFile, log }) {
    const stories = loadStories(dataDir);
    const report = createReport();
    let sentences = 0;
    let faithful = 0;
    let ordered = 0;
    let words = 0;
    let wordsInSpans = 0;
    let sources = 0;
    let spans = 0;
    let summarised = 0;
    let dropped = 0;
    let ms = 0;
    const out: unknown[] = [];
    for (const story of stories) {
      const t = performance.now();
      const env = report(story);
      ms += performance.now() - t;
      const r = env.value;
      dropped += env.messages.filter((m) => m.ruleId === 'summary-unfaithful').length;
      if (r.summary.length > 0) summarised++;
      for (const s of r.summary) {
        sentences++;
        const check = checkFaithfulness(s);
        if (check.ok) faithful++;
        if (check.ordered) ordered++;
        const cited = new Set(s.sources.flatMap((x) => wordsOf(x.text)));
        const w = wordsOf(s.text);
        words += w.length;
        wordsInSpans += w.filter((x) => cited.has(x)).length;
        sources += s.sourceCount;
        spans += s.sources.length;
      }
      out.push({ story: story.storyId, articles: story.articles.length, headline: r.headline.text, summary: r.summary.map((s) => ({ text: s.text, sources: s.sources.map((x) => ({ articleId: x.articleId, span: x.span })) })) });
    }
    if (outFile) writeFileSync(outFile, `${out.map((o) => JSON.stringify(o)).join('\n')}\n`);
    const figures = {
      stories: stories.length,
      stories_summarised: summarised,
      sentences,
      sentences_per_story: round(sentences / Math.max(1, summarised)),
      faithful_share: round(faithful / Math.max(1, sentences)),
      extractive_share: round(ordered / Math.max(1, sentences)),
      words_in_spans: round(wordsInSpans / Math.max(1, words)),
      sources_per_sentence: round(sources / Math.max(1, sentences)),
      spans_per_sentence: round(spans / Math.max(1, sentences)),
      dropped_unfaithful: dropped,
      ms_per_story: round(ms / Math.max(1, stories.length)),
    };
    for (const [k, v] of Object.entries(figures)) log(`${k.padEnd(22)} ${v}`);
    return { figures, floors: SUMMARY_FLOORS };
  },
};

/** Floors set a little below the measured figures (faithfulness must stay 1). */
export const SUMMARY_FLOORS: Readonly<Record<string, number>> = {
  faithful_share: 1,
  stories_summarised: 45,
  sentences_per_story: 3,
  extractive_share: 1,
  words_in_spans: 0.99,
  sources_per_sentence: 4,
};

export default set;
