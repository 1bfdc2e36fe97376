/**
 * A story's timeline: its dated events, one entry per day, oldest first.
 */
import type { SourceSpan, TimelineEntry } from '../../../model/report.js';
import type { StoryInput } from '../input.js';
import { datedPassages, EVENT_RULES, type DatedPassage, type EventRules } from './dated.js';
import { createTimeExpressions, type TimeExpressionFinder } from './expressions.js';

export interface TimelineOptions {
  readonly find?: TimeExpressionFinder;
  readonly rules?: EventRules;
}

/** Builds the timeline of one story. */
export type TimelineBuilder = (story: StoryInput) => TimelineEntry[];

const norm = (s: string): string => s.toLowerCase().replace(/[“”"‘’']/g, '').replace(/\s+/g, ' ').trim();

/**
 * Make the timeline builder. Every sentence whose date resolves to a day (or finer) is an event of
 * the story, background dates included. Sentences are grouped by day; the entry's text is the
 * sentence (verbatim) carried by the most families, ties broken by the number of articles carrying
 * it (copies), then weight (lead sentences first) and reading order; its sources are every article's sentences for that day, one per article.
 * An entry's date is a datetime when every source that gives a time agrees on it.
 */
export function createTimeline(options: TimelineOptions = {}): TimelineBuilder {
  const find = options.find ?? createTimeExpressions();
  const rules = options.rules ?? EVENT_RULES;
  return (story) => {
    const byDay = new Map<string, DatedPassage[]>();
    for (const p of datedPassages(story, find, rules)) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p]);
    const entries: TimelineEntry[] = [];
    for (const [day, ps] of [...byDay].sort((a, b) => a[0].localeCompare(b[0]))) {
      const families = new Map<string, Set<string>>();
      const articles = new Map<string, Set<string>>();
      const keyOf = (p: DatedPassage): string => norm(p.article.text.slice(p.sentence.start, p.sentence.end));
      for (const p of ps) {
        families.set(keyOf(p), (families.get(keyOf(p)) ?? new Set()).add(p.article.familyId));
        articles.set(keyOf(p), (articles.get(keyOf(p)) ?? new Set()).add(p.article.id));
      }
      const best = [...ps].sort(
        (a, b) =>
          families.get(keyOf(b))!.size - families.get(keyOf(a))!.size ||
          articles.get(keyOf(b))!.size - articles.get(keyOf(a))!.size ||
          b.weight - a.weight ||
          story.articles.indexOf(a.article) - story.articles.indexOf(b.article) ||
          a.sentence.start - b.sentence.start,
      )[0]!;
      const seen = new Set<string>();
      const sources: SourceSpan[] = [];
      for (const p of [...ps].sort((a, b) => b.weight - a.weight || a.sentence.start - b.sentence.start)) {
        if (seen.has(p.article.id)) continue;
        seen.add(p.article.id);
        sources.push({ articleId: p.article.id, site: p.article.site, span: p.sentence, text: p.article.text.slice(p.sentence.start, p.sentence.end) });
      }
      sources.sort((a, b) => story.articles.findIndex((x) => x.id === a.articleId) - story.articles.findIndex((x) => x.id === b.articleId));
      const times = new Set(ps.filter((p) => p.value.length > 10).map((p) => p.value));
      entries.push({ date: times.size === 1 ? [...times][0]! : day, text: best.article.text.slice(best.sentence.start, best.sentence.end), sources });
    }
    return entries;
  };
}
