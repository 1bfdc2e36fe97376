/**
 * Quotes and entities on a generated corpus: finding quotes, recognising and resolving entities
 * and attributing speakers, in batches of articles (one story's worth), as the analyze stage runs.
 */
import { createQuotes } from '../../src/pipeline/analyze/quotes/index.js';
import { quoteArticle } from '../quote-corpus.js';
import type { BenchSuite } from '../types.js';

const BATCH = 50;

const suite: BenchSuite = {
  name: 'quotes',
  description: 'quotes, entities and speaker attribution on generated news articles',
  async run({ log, quick }) {
    const count = quick ? 1000 : 10_000;
    const figures = [];
    for (const useLibrary of [false, true]) {
      const stage = createQuotes({ useLibrary });
      let quotes = 0;
      let peak = process.memoryUsage().rss;
      const t0 = performance.now();
      for (let start = 0; start < count; start += BATCH) {
        const batch = [];
        for (let i = start; i < Math.min(count, start + BATCH); i++) batch.push({ value: quoteArticle(7, i), messages: [] });
        const out = stage(batch);
        for (const a of out.articles) quotes += a.value.quotes.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      const seconds = (performance.now() - t0) / 1000;
      const label = useLibrary ? 'with compromise' : 'rules only';
      log(`${label}: ${count} articles, ${quotes} quotes in ${seconds.toFixed(1)} s`);
      figures.push(
        { name: `articles/s (${label})`, value: count / seconds, unit: 'articles/s', ...(useLibrary ? {} : { target: { op: '>=' as const, value: 300 } }) },
        { name: `quotes per article (${label})`, value: quotes / count, unit: 'quotes' },
        { name: `peak RSS (${label})`, value: peak / 2 ** 20, unit: 'MiB' },
      );
    }
    return figures;
  },
};

export default suite;
