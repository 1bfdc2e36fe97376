/**
 * Story summaries on the ECB+ development stories (`story-clustering`, grouped by their gold
 * event cluster; each article its own family, since ECB+ outlets write their own text): every
 * story's report is built as `parallax report` builds it, and its summary is checked against the
 * spans it cites. ECB+ has no human summaries, so this measures faithfulness and support, not
 * content: the share of sentences passing the check (must be 1), the share that are one cited span
 * with words deleted (in order), the share of summary words found
 * in the cited spans (neutral replacements aside), and the independent sources per sentence.
 *
 * Then the content, on real multi-outlet news (`../multi-outlet` beside the ECB+ folder, validation
 * split; `SUMMARY_SPLIT=train` reads the train split, `SUMMARY_EVENTS=N` its first N events): every
 * article of the split, with the fields a user has, is ingested into a fresh store and grouped by
 * the stories run (`runIngest`, `runStories`: what `parallax ingest` does), each event is read from
 * the story holding most of its articles, and its report (`reportStory`, what `parallax report`
 * builds) gives the headline + summary scored by ROUGE-1/2/L F1 against the editors'
 * `neutral_title. neutral_summary` (lowercase alphanumeric tokens, no stemming, as the set's README
 * gives the published figures), beside the first article's title + lead. Its summary sentences are
 * checked against their spans as above.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Span } from '../../src/model/message.js';
import type { StoryArticle, StoryInput } from '../../src/pipeline/analyze/input.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { checkFaithfulness, createReport, reportStory, wordsOf } from '../../src/pipeline/synthesize/index.js';
import { openStore } from '../../src/store/index.js';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';
import { loadMultiOutlet } from './multi-outlet.js';
import { rouge } from './stories-real.js';
import { userLine } from '../stories.js';

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

interface NeutralEvent {
  readonly event_id: string;
  readonly neutral_title: string;
  readonly neutral_summary: string;
  readonly article_ids: readonly string[];
}

/**
 * ROUGE of the reports' headline + summary on multi-outlet events through ingest → stories →
 * report (see the module comment), with the faithfulness of their sentences.
 */
async function neutralRouge(dir: string, split: string, limit: number, log: (line: string) => void): Promise<Record<string, number>> {
  const events = readJsonlGz<NeutralEvent>(dir, `events.${split}.jsonl.gz`).slice(0, limit);
  const keep = new Set(events.map((e) => e.event_id));
  const leads = new Map(readJsonlGz<{ id: string; title: string | null; lead: string | null }>(dir, `articles.${split}.jsonl.gz`).map((r) => [r.id, r] as const));
  const key = (p: string | undefined): string => p ?? '\uffff';
  const articles = loadMultiOutlet(dir, split)
    .articles.filter((a) => keep.has(a.gold))
    .sort((a, b) => key(a.published).localeCompare(key(b.published)) || a.id.localeCompare(b.id));
  const tmp = mkdtempSync(path.join(tmpdir(), 'parallax-eval-summary-'));
  const store = await openStore(path.join(tmp, 'eval.db'));
  try {
    const file = path.join(tmp, 'articles.jsonl');
    writeFileSync(file, `${articles.map((a) => userLine(a)).join('\n')}\n`);
    await runIngest({ inputs: [file], store });
    await runStories({ store });
    const votes = new Map<string, Map<string, number>>();
    for await (const s of store.articles.iterate()) {
      const input = articles[(s.document.origin.index ?? 0) - 1];
      if (input === undefined) continue;
      const story = await store.stories.ofArticle(s.article.id);
      if (story === undefined) continue;
      const v = votes.get(input.gold) ?? new Map<string, number>();
      v.set(story, (v.get(story) ?? 0) + 1);
      votes.set(input.gold, v);
    }
    const sum = { r1: 0, r2: 0, rl: 0, lead1: 0, words: 0, sentences: 0, faithful: 0, events: 0 };
    for (const e of events) {
      const v = [...(votes.get(e.event_id) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      if (v.length === 0) continue;
      const report = await reportStory(store, v[0]![0], 'eval');
      const reference = `${e.neutral_title}. ${e.neutral_summary}`;
      const mine = [report.headline.text, ...report.summary.map((x) => x.text)].join(' ');
      const r = rouge(mine, reference);
      sum.r1 += r.r1;
      sum.r2 += r.r2;
      sum.rl += r.rl;
      const first = leads.get(e.article_ids[0]!);
      sum.lead1 += rouge(`${first?.title ?? ''}. ${first?.lead ?? ''}`, reference).r1;
      sum.words += wordsOf(mine).length;
      for (const x of report.summary) {
        sum.sentences++;
        if (checkFaithfulness(x).ok) sum.faithful++;
      }
      sum.events++;
    }
    const n = Math.max(1, sum.events);
    log(`multi-outlet ${split}: ${sum.events} events, ${articles.length} articles`);
    return {
      neutral_events: sum.events,
      neutral_rouge1: round(sum.r1 / n),
      neutral_rouge2: round(sum.r2 / n),
      neutral_rougeL: round(sum.rl / n),
      neutral_lead_rouge1: round(sum.lead1 / n),
      neutral_words: round(sum.words / n),
      neutral_faithful_share: round(sum.faithful / Math.max(1, sum.sentences)),
    };
  } finally {
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

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
    const neutralDir = path.join(dataDir, '..', 'multi-outlet');
    const split = process.env.SUMMARY_SPLIT ?? 'val';
    const limit = Number(process.env.SUMMARY_EVENTS ?? Infinity);
    if (existsSync(path.join(neutralDir, `events.${split}.jsonl.gz`))) {
      Object.assign(figures, await neutralRouge(neutralDir, split, limit, log));
      // The ROUGE floors hold on the whole validation split only.
      if (split === 'val' && limit === Infinity) return { figures, floors: { ...SUMMARY_FLOORS, ...NEUTRAL_FLOORS } };
    }
    return { figures, floors: SUMMARY_FLOORS };
  },
};

/**
 * Floors set a little below the measured figures (faithfulness must stay 1). Measured: 3.1
 * sentences per story, 4.37 sources per sentence (8.5 before titles weighed in the ranking: the
 * sentences the titles echo are more often one outlet's rendering).
 */
export const SUMMARY_FLOORS: Readonly<Record<string, number>> = {
  faithful_share: 1,
  stories_summarised: 45,
  sentences_per_story: 3,
  extractive_share: 1,
  words_in_spans: 0.99,
  sources_per_sentence: 4,
};

/**
 * Multi-outlet validation split, through ingest → stories → report (measured: ROUGE-1 35.0, R-2
 * 13.7, R-L 22.2 over 307 events, before the title weighting and the headline not repeated 33.8;
 * the first article's title + lead 38.1; the target of issue #14 is 44). Floors a little below;
 * every summary sentence faithful.
 */
export const NEUTRAL_FLOORS: Readonly<Record<string, number>> = {
  neutral_events: 300,
  neutral_rouge1: 34.7,
  neutral_rouge2: 13.4,
  neutral_rougeL: 21.9,
  neutral_faithful_share: 1,
};

export default set;
