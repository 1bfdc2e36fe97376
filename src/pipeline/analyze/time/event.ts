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
 * above background dates and plans, and lends a share of its support to the other days it names.
 * Days are ranked by the families read against their own publication date (their votes, then
 * their summed support), then by all votes and support; every family behind it gives one evidence span. Articles with no
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
    const tally = new Map<string, { votes: number; weight: number; own: number; ownWeight: number; evidence: TimePlaceEvidence[] }>();
    for (const [, ps] of byFamily) {
      const score = new Map<string, number>();
      // A family's support for a day is its strongest passage plus a share of its others (repeatShare): a day the article keeps naming beats a one-off, a follow-up named in many later sentences does not outvote the lead.
      const byDay = new Map<string, number[]>();
      for (const p of ps) byDay.set(p.day, [...(byDay.get(p.day) ?? []), p.weight]);
      for (const [d, ws] of byDay) {
        const max = Math.max(...ws);
        score.set(d, max + rules.repeatShare.value * (ws.reduce((a, b) => a + b, 0) - max));
      }
      // Ties: the day named first in the family's articles (the lead tells the event before the background).
      const first = new Map<string, number>();
      ps.forEach((p, i) => first.set(p.day, Math.min(first.get(p.day) ?? i, i)));
      const [day] = [...score].sort((a, b) => b[1] - a[1] || first.get(a[0])! - first.get(b[0])!)[0]!;
      const best = ps.filter((p) => p.day === day).sort((a, b) => b.weight - a.weight || a.expression.span.start - b.expression.span.start)[0]!;
      const own = best.anchor?.from !== 'story';
      // The family votes for its strongest day and lends a share of its support to the other days it names.
      for (const [d, w] of score) {
        const t = tally.get(d) ?? { votes: 0, weight: 0, own: 0, ownWeight: 0, evidence: [] };
        const lent = d === day ? w : rules.otherDayShare.value * w;
        t.weight += lent;
        if (own) t.ownWeight += lent;
        if (d === day) {
          t.votes++;
          if (own) t.own++;
          t.evidence.push(evidenceOf(best));
        }
        tally.set(d, t);
      }
    }
    // A family whose strongest day is after its publication date votes for a plan (a scheduled vote, a tour);
    // plans date the story only when no family names a day that has come.
    const voted = [...tally].filter(([, t]) => t.votes > 0);
    const come = voted.filter(([day, t]) => t.evidence.some((e) => !e.anchor || day <= e.anchor.value.slice(0, 10)));
    // Families read against their own publication date decide; families read against a date borrowed
    // from the story (their weekdays may be a week off) add their votes but only break the remaining ties.
    const ranked = (come.length > 0 ? come : voted).sort(
      (a, b) => b[1].own - a[1].own || b[1].ownWeight - a[1].ownWeight || b[1].votes - a[1].votes || b[1].weight - a[1].weight || a[0].localeCompare(b[0]),
    );
    if (ranked.length === 0) return undefined;
    const days = ranked.map(([value, t]): Voted => ({ value, votes: t.votes, evidence: t.evidence }));
    return { ...days[0]!, alternatives: days.slice(1) };
  };
}
