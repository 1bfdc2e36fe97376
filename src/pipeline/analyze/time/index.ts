/**
 * Time: temporal expressions normalised against an article's publication date, a story's event
 * date voted by its independent sources, and its timeline.
 */
export { createTimeExpressions, TIME_LEXICON, type TimeExpressionFinder, type TimeExpressionOptions, type TimeLexicon } from './expressions.js';
export { createEventTime, type EventTimeFinder, type EventTimeOptions } from './event.js';
export { createTimeline, type TimelineBuilder, type TimelineOptions } from './timeline.js';
export { datedPassages, EVENT_RULES, type DatedPassage, type EventRules } from './dated.js';
export { storyAnchors, type ArticleAnchor } from './anchor.js';
