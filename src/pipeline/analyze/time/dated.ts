/**
 * Dated passages of a story: every expression in its articles that resolves to a calendar day
 * (or a finer time), with its sentence and how strongly it is likely to date the story's event.
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../../model/message.js';
import type { TimeExpression } from '../../../model/time.js';
import type { StoryArticle, StoryInput } from '../input.js';
import { storyAnchors, type ArticleAnchor } from './anchor.js';
import { dayOf } from './calendar.js';
import type { TimeExpressionFinder } from './expressions.js';

interface Weight<T> {
  readonly value: T;
  readonly reason: string;
}

/** Weights for event dating (see `event-rules.json`). */
export interface EventRules {
  readonly leadWeights: Weight<readonly number[]>;
  readonly nearDays: Weight<number>;
  readonly backgroundWeight: Weight<number>;
  readonly futureWeight: Weight<number>;
  readonly dayAfterWeight: Weight<number>;
  readonly timeWeight: Weight<number>;
  readonly exactAnchorRules: Weight<readonly string[]>;
  readonly quotedRules: Weight<readonly string[]>;
  readonly boundaryCues: Weight<readonly string[]>;
  readonly boundaryWeight: Weight<number>;
  readonly reportingVerbs: Weight<readonly string[]>;
  readonly reportingWeight: Weight<number>;
  readonly repeatShare: Weight<number>;
  readonly otherDayShare: Weight<number>;
  readonly notEventLines: Weight<readonly string[]>;
  readonly namedDayWords: Weight<readonly string[]>;
  readonly offsetPatterns: Weight<readonly string[]>;
}

/** The shipped weights. */
export const EVENT_RULES = JSON.parse(readFileSync(new URL('./event-rules.json', import.meta.url), 'utf8')) as EventRules;

/** One expression that names a day, in its sentence. */
export interface DatedPassage {
  readonly article: StoryArticle;
  readonly expression: TimeExpression;
  /** The ISO day it names. */
  readonly day: string;
  /** The full value (a datetime when a time of day is known). */
  readonly value: string;
  readonly sentenceIndex: number;
  readonly sentence: Span;
  readonly anchor: ArticleAnchor | undefined;
  /** How likely it dates the event: lead sentences and dates just before publication weigh most. */
  readonly weight: number;
}

const DAY = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2})?/;
/** Rules whose day is only the anchor's (a clock time, "now"): they date nothing by themselves. */
const ANCHOR_ONLY = new Set(['clock', 'generic-reference']);

function daysBetween(a: string, b: string): number {
  const x = dayOf(a)!;
  const y = dayOf(b)!;
  return Math.round((Date.UTC(x.y, x.m - 1, x.d) - Date.UTC(y.y, y.m - 1, y.d)) / 86_400_000);
}

const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Cues {
  readonly boundary: RegExp;
  readonly reportingBefore: RegExp;
  readonly reportingAfter: RegExp;
  readonly lines: readonly RegExp[];
  readonly namedDay: RegExp;
  readonly offsets: readonly RegExp[];
}

const compiled = new WeakMap<EventRules, Cues>();
function cuesOf(rules: EventRules): Cues {
  let c = compiled.get(rules);
  if (!c) {
    const verbs = rules.reportingVerbs.value.map(esc).join('|');
    c = {
      boundary: new RegExp(`\\b(?:${rules.boundaryCues.value.map(esc).join('|')})\\s+(?:the\\s+)?$`, 'i'),
      // "said Friday", "said on Friday", "told reporters on Friday" (up to two words between).
      reportingBefore: new RegExp(`\\b(?:${verbs})(?:\\s+\\S+){0,2}?\\s+(?:on\\s+)?$`, 'i'),
      reportingAfter: new RegExp(`^\\s+(?:${verbs})\\b`, 'i'),
      lines: rules.notEventLines.value.map((x) => new RegExp(x, 'i')),
      namedDay: new RegExp(`\\b(?:${rules.namedDayWords.value.map(esc).join('|')})\\s+$`),
      offsets: rules.offsetPatterns.value.map((x) => new RegExp(x, 'i')),
    };
    compiled.set(rules, c);
  }
  return c;
}

/** True when `at` is inside quotation marks of its sentence (curly or straight). */
function quoted(before: string): boolean {
  const open = (before.match(/[“]/g) ?? []).length;
  const close = (before.match(/[”]/g) ?? []).length;
  if (open > close) return true;
  return (before.match(/"/g) ?? []).length % 2 === 1;
}

/**
 * Every day-precision expression of the story's articles, in article then text order. In an
 * article read against a date borrowed from the story, expressions that need the exact
 * publication day ("today", "yesterday") are left out; weekday names are kept, as they resolve
 * within the week whatever the exact day.
 */
export function datedPassages(story: StoryInput, find: TimeExpressionFinder, rules: EventRules = EVENT_RULES): DatedPassage[] {
  const anchors = storyAnchors(story);
  const cues = cuesOf(rules);
  const out: DatedPassage[] = [];
  for (const article of story.articles) {
    const anchor = anchors.get(article.id);
    for (const expression of find(article.text, anchor?.value)) {
      if (expression.type !== 'DATE' && expression.type !== 'TIME') continue;
      if (ANCHOR_ONLY.has(expression.rule)) continue;
      if (anchor?.from === 'story' && rules.exactAnchorRules.value.includes(expression.rule)) continue;
      const m = DAY.exec(expression.value);
      if (!m) continue;
      const day = m[1]!;
      const sentenceIndex = article.sentences.findIndex((s) => s.start <= expression.span.start && expression.span.start < s.end);
      const sentence = article.sentences[sentenceIndex] ?? { start: expression.span.start, end: expression.span.end };
      // The sentence up to the date (from the line start), and what follows it.
      const head = article.text.slice(Math.max(sentence.start, article.text.lastIndexOf('\n', expression.span.start - 1) + 1), expression.span.start);
      if (cues.lines.some((re) => re.test(head))) continue;
      if (expression.rule.startsWith('weekday') && cues.namedDay.test(head)) continue;
      if (cues.offsets.some((re) => re.test(expression.text))) continue;
      if (rules.quotedRules.value.includes(expression.rule) && quoted(article.text.slice(sentence.start, expression.span.start))) continue;
      const tail = article.text.slice(expression.span.end, Math.min(sentence.end, expression.span.end + 30));
      let lead = rules.leadWeights.value[sentenceIndex] ?? 1;
      let near = 1;
      if (anchor) {
        const before = daysBetween(anchor.value, day);
        if (before < 0) {
          near = rules.futureWeight.value;
          lead = 1;
        } else if (before === 0) {
          near = rules.dayAfterWeight.value;
          if (cues.reportingBefore.test(head) || cues.reportingAfter.test(tail)) near *= rules.reportingWeight.value;
        } else if (before > rules.nearDays.value) near = rules.backgroundWeight.value;
      }
      if (cues.boundary.test(head)) near = Math.min(near, rules.boundaryWeight.value);
      out.push({
        article,
        expression,
        day,
        value: m[2] ? `${day}${m[2]}` : day,
        sentenceIndex: sentenceIndex < 0 ? article.sentences.length : sentenceIndex,
        sentence,
        anchor,
        weight: lead * near * (m[2] ? rules.timeWeight.value : 1),
      });
    }
  }
  return out;
}
