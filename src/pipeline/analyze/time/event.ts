/**
 * The date of a story's event, voted by its independent sources (families).
 */
import type { EventTime, TimePlaceEvidence, Voted } from '../../../model/time.js';
import type { StoryInput } from '../input.js';
import { datedPassages, EVENT_RULES, type DatedPassage, type EventRules } from './dated.js';
import { createTimeExpressions, type TimeExpressionFinder } from './expressions.js';

export interface EventTimeOptions {
  /** The expression finder (defaults to `createTimeExpressions()`). */
  readonly find?: TimeExpressionFinder;
  /** Weights (defaults to the shipped `event-rules.json`). */
  readonly rules?: EventRules;
}

/** Dates a story's event, or `undefined` when no article gives a day. */
export type EventTimeFinder = (story: StoryInput) => EventTime | undefined;

function evidenceOf(p: DatedPassage): TimePlaceEvidence {
  return {
    articleId: p.article.id,
    familyId: p.article.familyId,
    span: p.expression.span,
    text: p.expression.text,
    value: p.day,
    ...(p.anchor ? { anchor: p.anchor } : {}),
  };
}

/**
 * Make the event dater. Each family (independent source) casts one vote: the day of its
 * strongest passage, weighing dates in the lead sentences and just before publication
 * above background dates and plans. The day with most votes wins (ties: the larger summed weight,
 * then the earlier day); every family behind it gives one evidence span. Articles with no
 * publication date are read against the story's latest publication date, which the evidence
 * records (`anchor.from = 'story'`).
 */
export function createEventTime(options: EventTimeOptions = {}): EventTimeFinder {
  const find = options.find ?? createTimeExpressions();
  const rules = options.rules ?? EVENT_RULES;
  return (story) => {
    const passages = datedPassages(story, find, rules);
    const byFamily = new Map<string, DatedPassage[]>();
    for (const p of passages) byFamily.set(p.article.familyId, [...(byFamily.get(p.article.familyId) ?? []), p]);
    const tally = new Map<string, { votes: number; weight: number; evidence: TimePlaceEvidence[] }>();
    for (const [, ps] of byFamily) {
      const score = new Map<string, number>();
      // A family's support for a day is its strongest passage: a follow-up day named in many later sentences does not outvote the lead.
      for (const p of ps) score.set(p.day, Math.max(score.get(p.day) ?? 0, p.weight));
      const [day, weight] = [...score].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      const best = ps.filter((p) => p.day === day).sort((a, b) => b.weight - a.weight || a.expression.span.start - b.expression.span.start)[0]!;
      const t = tally.get(day) ?? { votes: 0, weight: 0, evidence: [] };
      t.votes++;
      t.weight += weight;
      t.evidence.push(evidenceOf(best));
      tally.set(day, t);
    }
    const ranked = [...tally].sort((a, b) => b[1].votes - a[1].votes || b[1].weight - a[1].weight || a[0].localeCompare(b[0]));
    if (ranked.length === 0) return undefined;
    const voted = ranked.map(([value, t]): Voted => ({ value, votes: t.votes, evidence: t.evidence }));
    return { ...voted[0]!, alternatives: voted.slice(1) };
  };
}
