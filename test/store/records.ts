/**
 * Generated ingest records for store tests: fictional news in English and Arabic, with offsets,
 * credits and messages shaped like the pipeline's. Record `i` of a seed is always the same, so a
 * re-run after a crash saves exactly the same records.
 */
import { createHash } from 'node:crypto';
import type { Article, Credit, DateValue } from '../../src/model/article.js';
import type { Document } from '../../src/model/document.js';
import type { Message, Span } from '../../src/model/message.js';
import type { IngestRecord } from '../../src/store/index.js';
import { prng as random } from '../support/prng.js';

const EN_WORDS = (
  'the council of harbor town met on tuesday to debate a plan for the new bridge while fishermen gathered outside ' +
  'officials said the budget would rise by nine percent and the mayor promised answers before winter residents ' +
  'of the northern quarter asked for cleaner water and better roads a spokesperson for the ministry declined to comment'
).split(' ');
const EN_NAMES = ['Mira Tovel', 'Ansel Drake', 'Port Kessen', 'Valdoria', 'the Lumen Party', 'Orrin Vale', 'Teska Bay'];
const AR_WORDS = (
  'قال المسؤول إن المجلس سيجتمع يوم الثلاثاء لمناقشة خطة الجسر الجديد في المدينة بينما تجمع الصيادون أمام المبنى ' +
  'وأضاف أن الميزانية سترتفع هذا العام وأن الحكومة ستقدم إجابات قبل الشتاء وطالب سكان الحي الشمالي بمياه أنظف وطرق أفضل'
).split(' ');
const AR_NAMES = ['ميرا توفيل', 'أنسل دريك', 'ميناء كيسن', 'فالدوريا'];
const SITES = [
  { name: 'Harbor Daily', host: 'www.harbor-daily.example' },
  { name: 'Kessen Post', host: 'kessenpost.example' },
  { name: 'صحيفة الميناء', host: 'almina.example' },
];
const EMOJI = ['🌊', '🏗️', '📰', '👩🏽‍🔬'];


function hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface GenerateOptions {
  /** Distinguishes independent record sets (default 1). */
  readonly seed?: number;
  /** Index of the first record (default 0). */
  readonly start?: number;
  readonly count: number;
  /** Roughly this many paragraphs per article (default 6); raise for large texts. */
  readonly paragraphs?: number;
}

/** Records `start … start + count - 1` of a seed. */
export function generateRecords(options: GenerateOptions): IngestRecord[] {
  const out: IngestRecord[] = [];
  const start = options.start ?? 0;
  for (let i = start; i < start + options.count; i++) out.push(generateRecord(options.seed ?? 1, i, options.paragraphs ?? 6));
  return out;
}

/** Record `index` of `seed`: every 11th has no article (and says why), every 7th has two. */
export function generateRecord(seed: number, index: number, paragraphs = 6): IngestRecord {
  const rnd = random(seed * 1_000_003 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const arabic = index % 3 === 2;
  const words = arabic ? AR_WORDS : EN_WORDS;
  const names = arabic ? AR_NAMES : EN_NAMES;
  const site = arabic ? (SITES[2] as (typeof SITES)[number]) : pick(SITES.slice(0, 2));

  const sentence = (): string => {
    const n = 8 + Math.floor(rnd() * 14);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(k === 3 ? pick(names) : pick(words));
    if (rnd() < 0.1) parts.push(pick(EMOJI));
    const s = parts.join(' ');
    return (arabic ? s : s.charAt(0).toUpperCase() + s.slice(1)) + '.';
  };
  const paragraph = (): string => Array.from({ length: 1 + Math.floor(rnd() * 3) }, sentence).join(' ');

  const partCount = index % 11 === 10 ? 0 : index % 7 === 6 ? 2 : 1;
  const bodies = Array.from({ length: partCount }, () => Array.from({ length: paragraphs + Math.floor(rnd() * 3) }, paragraph));
  const caption = arabic ? `صورة: ${pick(names)}` : `Photo: ${pick(names)} at the harbor`;
  const title = arabic ? `${pick(names)} ${pick(words)} ${pick(words)}` : `${pick(names)} ${pick(words)} ${pick(words)} ${pick(words)}`;
  const url = `https://${site.host}/news/${2020 + (index % 5)}/${hex(`${seed}:${index}:url`).slice(0, 8)}`;
  const day = `${2020 + (index % 5)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
  const datetime = `${day}T${String(index % 24).padStart(2, '0')}:15:00+03:00`;

  const content = `<html lang="${arabic ? 'ar' : 'en'}"><head><title>${title}</title></head><body>\n${bodies
    .map((b) => `<article><h1>${title}</h1>\n<figure>${caption}</figure>\n${b.map((p) => `<p>${p}</p>`).join('\n')}\n</article>`)
    .join('\n')}\n</body></html>`;
  const contentHash = hex(`${seed}:${index}:${content}`);
  const document: Document = {
    id: `doc_${contentHash.slice(0, 16)}`,
    contentHash,
    origin:
      index % 4 === 0
        ? { kind: 'archive-entry', locator: `batch-${seed}.zip!pages/${index}.html`, input: `batch-${seed}.zip` }
        : { kind: 'file', locator: `pages/${seed}/${index}.html`, input: `pages/${seed}` },
    mediaType: 'text/html',
    content,
    encoding: { name: 'utf-8', source: index % 2 === 0 ? 'meta' : 'default' },
    byteLength: Buffer.byteLength(content),
    hints: index % 5 === 0 ? { url, title, published: day } : {},
    ingestedAt: `2026-01-0${1 + (index % 9)}T10:00:00.000Z`,
  };

  const documentMessages: Message[] = [
    { stage: 'ingest', ruleId: 'encoding-detected', severity: 'info', reason: 'The encoding was taken from the meta tag.', data: { confidence: 0.9 } },
  ];
  if (partCount === 0) {
    documentMessages.push({ stage: 'extract', ruleId: 'no-content', severity: 'error', reason: 'No article text was found on the page.' });
  }
  if (partCount === 2) {
    documentMessages.push({ stage: 'clean', ruleId: 'split-second-article', severity: 'info', reason: 'The page holds two articles.' });
  }

  const articles = bodies.map((body, part) => {
    const extractedParas = [caption, ...body, caption];
    const extractedText = extractedParas.join('\n\n');
    const text = body.join('\n\n');
    const paragraphsSpans = spans(body);
    const extractedSpans = spans(extractedParas);
    const sourceMap = paragraphsSpans.map((t, k) => ({ text: t, extracted: extractedSpans[k + 1] as Span }));
    const sentences: Span[] = [];
    for (const p of paragraphsSpans) {
      const para = text.slice(p.start, p.end);
      const re = /[^.]+\.\s*/g;
      for (let m = re.exec(para); m !== null; m = re.exec(para)) {
        const s = m[0].trimEnd();
        sentences.push({ start: p.start + m.index, end: p.start + m.index + s.length });
      }
    }
    const lastCaption = extractedSpans[extractedSpans.length - 1] as Span;
    const credits: Credit[] = rnd() < 0.5 ? [{ name: arabic ? 'وكالة الميناء' : 'HPA', role: 'agency', span: lastCaption }] : [];
    const published: DateValue = { value: datetime, precision: 'datetime', source: 'json-ld', raw: datetime };
    const id = `art_${hex(`${document.id}:${part}`).slice(0, 16)}`;
    const article: Article = {
      documentId: document.id,
      url,
      ...(index % 6 === 0 ? {} : { canonicalUrl: url }),
      ...(index % 9 === 0 ? {} : { title: part === 0 ? title : `${title} (${part + 1})` }),
      ...(index % 5 === 1 ? {} : { byline: pick(names) }),
      siteName: site.name,
      ...(index % 8 === 7 ? {} : { published }),
      declaredLanguage: arabic ? 'ar' : 'en',
      text,
      paragraphs: paragraphsSpans,
      part,
      extractedText,
      sourceMap,
      credits,
      id,
      language: { code: arabic ? 'ar' : 'en', confidence: 0.5 + rnd() / 2, source: 'detected' },
      sentences,
      ...(index % 8 === 7 ? {} : { publishedResolved: { value: datetime, precision: 'datetime', source: 'json-ld' } }),
      wordCount: text.split(/\s+/).filter((w) => w !== '').length,
    };
    const messages: Message[] = [
      {
        stage: 'clean',
        ruleId: 'duplicate-caption',
        severity: 'info',
        reason: 'Dropped a photo caption repeated twice.',
        span: lastCaption,
        layer: 'extracted',
        excerpt: caption,
        data: { occurrences: 2, first: extractedSpans[0] },
      },
    ];
    if (index % 8 === 7) {
      messages.push({ stage: 'text', ruleId: 'no-date', severity: 'warning', reason: 'No publication date was found.' });
    }
    return { article, messages };
  });
  return { document, documentMessages, articles };
}

/** Spans of paragraphs joined by a blank line. */
function spans(paragraphs: readonly string[]): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const p of paragraphs) {
    out.push({ start: at, end: at + p.length });
    at += p.length + 2;
  }
  return out;
}
