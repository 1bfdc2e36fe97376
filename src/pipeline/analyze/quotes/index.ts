/**
 * Quotes: who said what in one article. Re-exports only; see find.ts and stage.ts.
 */
export { findQuotes, lineParagraphs, type FoundQuote, type AttributionRule } from './find.js';
export { findQuoted, type Quoted } from './marks.js';
