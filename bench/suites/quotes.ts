/**
 * Quotes and entities on a generated corpus: finding quotes, recognising and resolving entities
 * and attributing speakers, in batches of articles (one story's worth), as the analyze stage runs.
 */
import { createQuotes, lineParagraphs, quoteFinder } from '../../src/pipeline/analyze/quotes/index.js';
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
    // One article holding thousands of quotations, in each language's finder: the cost must grow with the
    // number of quotations, not its square (a French article of 20,000 took 187 s before its lookups were indexed).
    const lines: Readonly<Record<string, (i: number) => string>> = {
      en: (i) => `“We will open dock ${i},” Timur Kessa said. “It is a promise.”`,
      fr: (i) => `« Nous ouvrirons le quai ${i} », a déclaré Timur Kessa. « C'est promis. »`,
      de: (i) => `„Wir öffnen den Kai ${i}“, sagte Timur Kessa. „Das ist versprochen.“`,
      ar: (i) => `وقال تيمور كيسا: «سنفتح الرصيف ${i}». وأضاف: «هذا وعد».`,
    };
    const finderMs = (language: string, n: number): number => {
      const text = Array.from({ length: n / 2 }, (_, i) => lines[language]!(i)).join('\n');
      const t = performance.now();
      const finder = quoteFinder(language);
      finder(text, lineParagraphs(text));
      return performance.now() - t;
    };
    for (const language of Object.keys(lines)) {
      finderMs(language, 1000);
      const small = finderMs(language, 5000);
      const large = finderMs(language, 20_000);
      log(`${language}: 5,000 quotations in one article ${small.toFixed(0)} ms, 20,000 in ${large.toFixed(0)} ms`);
      figures.push(
        { name: `20,000 quotations in one ${language} article`, value: large, unit: 'ms' },
        // Linear growth gives about 4; a quadratic lookup gives 16.
        { name: `${language} finder, 20,000 vs 5,000 quotations`, value: large / Math.max(1, small), unit: 'x', target: { op: '<=' as const, value: 8 } },
      );
    }
    return figures;
  },
};

export default suite;
