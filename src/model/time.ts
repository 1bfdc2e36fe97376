/**
 * Time and place: temporal expressions normalised against an article's publication date, and the
 * date and place of a story's event, voted by its independent sources with the evidence.
 */
import type { Span } from './message.js';

/** TIMEX3 types (TimeML): a calendar date, a time of day, a length of time, a recurrence. */
export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** One temporal expression in an article's clean text. */
export interface TimeExpression {
  /** Offsets into the article's clean text. */
  readonly span: Span;
  readonly text: string;
  readonly type: TimexType;
  /**
   * The TIMEX3 value: `2023-11-06`, `2023-11`, `2023-W45`, `2023-11-06T14:00`, `P3D`, `PT24H`,
   * `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`, `XXXX-10-07`… as TempEval-3 scores it.
   */
  readonly value: string;
  /** For ranges and durations tied to the anchor ("over the past three days", "since 2023"): the calendar range (ISO dates, inclusive). */
  readonly range?: { readonly start: string; readonly end: string };
  /** The rule that found or normalised it (kebab-case), so a reader can see why. */
  readonly rule: string;
}

/** Where one article supports a story's date or place. */
export interface TimePlaceEvidence {
  readonly articleId: string;
  /** The family (independent source) of the article; one family casts one vote. */
  readonly familyId: string;
  readonly span: Span;
  readonly text: string;
  /** The normalised value the text gave (an ISO date, or the place's name). */
  readonly value: string;
  /**
   * For a date: the publication date the text was read against, and whether it is the article's
   * own (`article`) or borrowed from the story's other articles because the article has none (`story`).
   */
  readonly anchor?: { readonly value: string; readonly from: 'article' | 'story' };
}

/** A voted value with the evidence behind it. */
export interface Voted {
  /** An ISO date (`2023-11-06`) for a date, a resolved name for a place. */
  readonly value: string;
  /** Distinct families that support it. */
  readonly votes: number;
  readonly evidence: readonly TimePlaceEvidence[];
}

/** The date of a story's event: the winner and the values that lost, with their votes. */
export interface EventTime extends Voted {
  readonly alternatives: readonly Voted[];
}

/** The place of a story's event; `entityId` when the entity resolver knows the place. */
export interface EventPlace extends Voted {
  readonly entityId?: string;
  readonly alternatives: readonly Voted[];
}
