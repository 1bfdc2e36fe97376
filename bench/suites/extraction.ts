/**
 * Extraction speed on the 121 dev pages of the article-extraction benchmark: plain Mozilla
 * Readability over linkedom (parse + `new Readability(doc).parse()`) against our extract stage
 * (and the clean stage after it, when there is one), in the same process, several passes each.
 * Pages are decompressed and decoded before any timing. Also prints the article-body F1 of both,
 * and the resident set size as pages are added, which should stay flat.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedArticle } from '../../src/model/article.js';
import type { Envelope } from '../../src/model/envelope.js';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { aggregate, benchmarkDocument, loadPages, scorePage } from '../../eval/sets/extraction.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/article-extraction', import.meta.url));
const MB = 1024 * 1024;

type Stage = (env: Envelope<ExtractedArticle>) => unknown;

/** The clean stage, if `src/pipeline/clean/index.ts` exports `createClean` yet. */
async function loadClean(): Promise<Stage | undefined> {
  const file = fileURLToPath(new URL('../../src/pipeline/clean/index.ts', import.meta.url));
  if (!existsSync(file)) return undefined;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { createClean?: () => Stage };
    return typeof mod.createClean === 'function' ? mod.createClean() : undefined;
  } catch {
    return undefined;
  }
}

function rss(): number {
  return process.memoryUsage().rss / MB;
}

const suite: BenchSuite = {
  name: 'extraction',
  description: 'HTML main-text extraction: our extract stage vs plain Readability over linkedom, on the 121 dev pages',
  async run({ log, quick }): Promise<readonly BenchFigure[]> {
    const pages = loadPages(dataDir);
    const docs = pages.map((p) => benchmarkDocument(p.id, p.html, p.truth.url, dataDir));
    const bytes = docs.reduce((sum, d) => sum + d.byteLength, 0);
    const passes = quick ? 1 : 3;
    log(`${docs.length} pages, ${(bytes / MB).toFixed(1)} MiB of HTML, ${passes} timed pass(es) each after one warm-up pass`);

    const extract = createExtract();
    const clean = await loadClean();

    // Ours first, sampling RSS as pages are added (the warm-up pass), so Readability's garbage does not count.
    const rssBefore = rss();
    const marks = [Math.floor(docs.length / 4), Math.floor(docs.length / 2), docs.length];
    const rssAt: number[] = [];
    const ours: string[] = [];
    for (let i = 0; i < docs.length; i++) {
      const out = extract({ value: docs[i]!, messages: [] });
      ours.push(out.value.text);
      if (marks.includes(i + 1)) rssAt.push(rss());
    }
    let oursMs = 0;
    for (let pass = 0; pass < passes; pass++) {
      const t = performance.now();
      for (const doc of docs) extract({ value: doc, messages: [] });
      oursMs += performance.now() - t;
    }
    const oursPeak = process.resourceUsage().maxRSS / 1024;
    let cleanMs = 0;
    if (clean) {
      for (let pass = 0; pass < passes; pass++) {
        const t = performance.now();
        for (const doc of docs) clean(extract({ value: doc, messages: [] }));
        cleanMs += performance.now() - t;
      }
    }

    // Plain Readability over linkedom.
    const theirs: string[] = [];
    const readability = (html: string): string => {
      const { document } = parseHTML(html);
      return new Readability(document as unknown as Document).parse()?.textContent ?? '';
    };
    for (const doc of docs) theirs.push(readability(doc.content));
    let theirMs = 0;
    for (let pass = 0; pass < passes; pass++) {
      const t = performance.now();
      for (const doc of docs) readability(doc.content);
      theirMs += performance.now() - t;
    }

    const n = docs.length * passes;
    const oursRate = (n / oursMs) * 1000;
    const theirRate = (n / theirMs) * 1000;
    const f1Ours = aggregate(pages.map((p, i) => scorePage(p.id, p.truth.articleBody, ours[i]!))).f1;
    const f1Theirs = aggregate(pages.map((p, i) => scorePage(p.id, p.truth.articleBody, theirs[i]!))).f1;
    log(`RSS before ${rssBefore.toFixed(0)} MiB; after 1/4, 1/2, all pages: ${rssAt.map((r) => r.toFixed(0)).join(', ')} MiB`);

    const figures: BenchFigure[] = [
      { name: 'ours: pages/s', value: oursRate, unit: 'pages/s', target: { op: '>=', value: Math.round(theirRate * 10) / 10 } },
      { name: 'ours: MB/s of HTML', value: ((bytes * passes) / MB / oursMs) * 1000, unit: 'MiB/s' },
      { name: 'readability+linkedom: pages/s', value: theirRate, unit: 'pages/s' },
      { name: 'readability+linkedom: MB/s of HTML', value: ((bytes * passes) / MB / theirMs) * 1000, unit: 'MiB/s' },
      { name: 'speed ratio ours/readability', value: oursRate / theirRate, unit: 'x', target: { op: '>=', value: 1 } },
    ];
    if (clean) figures.push({ name: 'ours extract+clean: pages/s', value: (n / cleanMs) * 1000, unit: 'pages/s' });
    figures.push(
      { name: 'article-body F1, ours', value: f1Ours, unit: '', target: { op: '>=', value: Math.round(f1Theirs * 1000) / 1000 } },
      { name: 'article-body F1, readability', value: f1Theirs, unit: '' },
      { name: 'RSS growth, 1/4 → all pages (ours)', value: rssAt[2]! - rssAt[0]!, unit: 'MiB', target: { op: '<=', value: 64 } },
      { name: 'peak RSS after our passes (pages loaded)', value: oursPeak, unit: 'MiB' },
      { name: 'peak RSS (whole run, with Readability)', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' },
    );
    return figures;
  },
};

export default suite;
