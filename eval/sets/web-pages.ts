/**
 * Pages as the web serves them: other projects' real-world test pages (`../shared/data/web-pages`,
 * four suites), run through the product path, with plain Readability over linkedom as the anchor.
 *
 * Usage: `npm run eval -- web-pages [--out FILE]`. The four `.tar.gz` archives are unpacked once into
 * `$TMPDIR/parallax-web-pages/` (re-unpacked when an archive changes; never into the project). Every
 * page is decoded as ingest decodes bytes, given its URL as a hint (as `parallax ingest <url>` would),
 * and run through {@link createDocumentProcessor} (extract → clean → text, the function `parallax
 * ingest` chains); the body is the text of all the articles the page became, joined. Metadata (title,
 * byline, published) is read from the first article, or from the extract stage when the page yields
 * no article. Per suite it prints: body word and 4-token-shingle P/R/F1 (readability news pages,
 * newspaper4k), trafilatura's must_contain / must_not_contain assertions (share passing, share of
 * pages passing whole; strings trafilatura finds only in reader comments, or nowhere, are left out),
 * htmldate's published dates (right / wrong / missing by the date part; tests of its cheap mode,
 * `extensive_search: false`, are left out; where a test asks for the most recent date rather than
 * the original (`original_date` not true), the page's `modified` date matching counts too), and title
 * and byline exact match (trimmed, leading "By " dropped; bylines compared as sets of names, only where
 * a byline is expected). Readability's expected bodies are its own output: they are scored without
 * their `<figcaption>`s (captions it keeps are not errors, the set's README says) and as given
 * (`*.asGiven`); expectations this project's review (`eval/gold/web-pages-review.json`) found
 * visibly wrong are left out of both systems' figures, the run saying which. Every failure is printed (`FAIL <suite> <page> <what>: expected … got …`), so
 * grep the output for the suite and field you work on; `--out FILE` writes every page's answers
 * (ours and Readability's) as JSON. Readability's figures come from the same run, under `anchor.*`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { createError } from '../../src/errors.js';
import type { Document } from '../../src/model/document.js';
import type { Envelope } from '../../src/model/envelope.js';
import { decodeBytes } from '../../src/pipeline/ingest/decode.js';
import { makeDocument } from '../../src/pipeline/ingest/document.js';
import { createExtract } from '../../src/pipeline/extract/index.js';
import { createDocumentProcessor } from '../../src/pipeline/run.js';
import type { EvalResult, EvalRunOptions, EvalSet } from '../types.js';
import { aggregate, bagCounts, scorePage, type PageScore } from './extraction.js';

export const SUITES = ['readability', 'trafilatura-realworld', 'htmldate-realworld', 'newspaper4k'] as const;
export type SuiteName = (typeof SUITES)[number];

/** What a system made of one page. */
export interface PageAnswer {
  readonly text: string;
  readonly title?: string;
  readonly byline?: string;
  /** Publication date, ISO (date or datetime). */
  readonly published?: string;
  readonly modified?: string;
  /** Articles the page became (ours only). */
  readonly parts?: number;
}

// ---------------------------------------------------------------------------------------------
// Unpacking

/** Unpack a suite's archive into a cache under the system temp folder; returns the suite's folder. */
export function unpackSuite(dataDir: string, suite: SuiteName): string {
  const archive = path.join(dataDir, `${suite}.tar.gz`);
  if (!existsSync(archive)) throw createError('EVAL_DATA_MISSING', { dir: dataDir, detail: `${suite}.tar.gz is missing` });
  const st = statSync(archive);
  const dest = path.join(os.tmpdir(), 'parallax-web-pages', `${suite}-${st.size}-${Math.floor(st.mtimeMs)}`);
  const done = path.join(dest, '.unpacked');
  if (!existsSync(done)) {
    rmSync(dest, { recursive: true, force: true });
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['xzf', archive, '-C', dest]);
    writeFileSync(done, '');
  }
  const folder = path.join(dest, suite);
  if (!existsSync(folder)) throw createError('EVAL_DATA_MISSING', { dir: dataDir, detail: `${suite}.tar.gz does not hold a ${suite}/ folder` });
  return folder;
}

// ---------------------------------------------------------------------------------------------
// Measures

/** Per-page word precision and recall: the shingle measure with one-token shingles (a bag of words). */
export function scoreWords(id: string, truth: string, prediction: string): PageScore {
  const { tp, fp, fn } = bagCounts(truth, prediction, 1);
  return { id, precision: tp + fp > 0 ? tp / (tp + fp) : undefined, recall: tp + fn > 0 ? tp / (tp + fn) : undefined };
}

/** Trim, collapse white space, drop a leading "By ". */
export function normalizeField(s: string | undefined | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '').trim();
}

/** A byline as a set of names: split on commas, semicolons, "and", "&", "und", "y", "et". */
export function bylineNames(s: string | readonly string[] | undefined | null): string[] {
  const list = Array.isArray(s) ? (s as readonly string[]) : [typeof s === 'string' ? s : ''];
  return [
    ...new Set(
      list
        .flatMap((x) => normalizeField(x).split(/\s*(?:[,;|]|\band\b|&|\bund\b|\bet\b)\s*/i))
        .map((x) => normalizeField(x))
        .filter((x) => x !== ''),
    ),
  ].sort();
}

export function bylineMatches(expected: string | readonly string[], got: string | undefined): boolean {
  const e = bylineNames(expected);
  const g = bylineNames(got);
  return e.length === g.length && e.every((x, i) => x === g[i]);
}

/** Texts compared for assertions: white space collapsed, typographic quotes and dashes kept. */
function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function day(iso: string | undefined | null): string | undefined {
  const m = iso ? /^(\d{4}-\d{2}-\d{2})/.exec(iso) : null;
  return m ? m[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// The two systems

/** A Document as ingest makes one from the page's bytes, with its URL as the hint. */
function pageDocument(file: string, bytes: Uint8Array, url: string | undefined): Envelope<Document> {
  const decoded = decodeBytes(bytes, { input: file });
  return makeDocument(
    {
      origin: { kind: 'file', locator: path.basename(file), input: file },
      mediaType: 'text/html',
      content: decoded.text,
      encoding: decoded.encoding,
      byteLength: bytes.byteLength,
      hints: url ? { url } : {},
      messages: decoded.messages,
    },
    new Date('2025-01-01T00:00:00.000Z'),
  );
}

type System = (file: string, url: string | undefined) => PageAnswer;

function ours(): System {
  const process = createDocumentProcessor();
  const extract = createExtract();
  return (file, url) => {
    const doc = pageDocument(file, readFileSync(file), url);
    const record = process(doc);
    const first = record.articles[0]?.article;
    const meta = first ?? extract(doc).value;
    return {
      text: record.articles.map((a) => a.article.text).join('\n\n'),
      title: meta.title,
      byline: meta.byline,
      published: meta.published?.value,
      modified: meta.modified?.value,
      parts: record.articles.length,
    };
  };
}

function readability(): System {
  return (file) => {
    try {
      const doc = pageDocument(file, readFileSync(file), undefined);
      const { document } = parseHTML(doc.value.content);
      const r = new Readability(document as unknown as globalThis.Document).parse();
      return { text: r?.textContent ?? '', title: r?.title ?? undefined, byline: r?.byline ?? undefined, published: r?.publishedTime ?? undefined };
    } catch {
      return { text: '' };
    }
  };
}

/** Visible text of an HTML fragment (Readability's expected output), paragraphs on their own lines. */
/** The text of an expected-content HTML, one line per block; without its `<figcaption>`s when `captions` is false. */
function htmlText(html: string, captions = true): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  if (!captions) for (const el of document.querySelectorAll('figcaption')) el.remove();
  for (const el of document.querySelectorAll('p,div,li,h1,h2,h3,h4,h5,h6,br,tr,blockquote,pre,figcaption')) el.append('\n');
  return document.body.textContent ?? '';
}

// ---------------------------------------------------------------------------------------------
// Suites

/** How trafilatura's tests compare a field: equal, contained, or the string's end or start (`endswith` where a title opens with an entity its test leaves out). */
type TitleOp = 'eq' | 'contains' | 'endswith' | 'startswith';

interface Tally {
  figures: Record<string, number>;
  failures: string[];
  answers: Record<string, { ours: PageAnswer; readability: PageAnswer }>;
}

interface Case {
  readonly id: string;
  readonly file: string;
  readonly url?: string;
}

function runBoth(cases: readonly Case[], oursSys: System, theirs: System, tally: Tally, suite: string): Map<string, { ours: PageAnswer; readability: PageAnswer }> {
  const out = new Map<string, { ours: PageAnswer; readability: PageAnswer }>();
  for (const c of cases) {
    if (out.has(c.id)) continue;
    const both = { ours: oursSys(c.file, c.url), readability: theirs(c.file, c.url) };
    out.set(c.id, both);
    tally.answers[`${suite}/${c.id}`] = both;
  }
  return out;
}

function bodyFigures(prefix: string, pages: { id: string; truth: string; got: string }[], tally: Tally, failSuite?: string): void {
  const sh = pages.map((p) => scorePage(p.id, p.truth, p.got));
  const wd = pages.map((p) => scoreWords(p.id, p.truth, p.got));
  const s = aggregate(sh);
  const w = aggregate(wd);
  tally.figures[`${prefix}.shingleP`] = s.precision;
  tally.figures[`${prefix}.shingleR`] = s.recall;
  tally.figures[`${prefix}.shingleF1`] = s.f1;
  tally.figures[`${prefix}.wordP`] = w.precision;
  tally.figures[`${prefix}.wordR`] = w.recall;
  tally.figures[`${prefix}.wordF1`] = w.f1;
  if (failSuite) {
    for (const p of sh) {
      const pr = p.precision ?? 0;
      const rc = p.recall ?? 0;
      if (pr < 0.9 || rc < 0.9) tally.failures.push(`FAIL ${failSuite} ${p.id} body: shingle P ${pr.toFixed(3)} R ${rc.toFixed(3)}`);
    }
  }
}

function fieldFigures(
  prefix: string,
  rows: { id: string; title?: string; byline?: string | readonly string[]; titleOp?: TitleOp }[],
  get: (id: string) => PageAnswer,
  tally: Tally,
  failSuite?: string,
): void {
  const titled = rows.filter((r) => r.title !== undefined && normalizeField(r.title) !== '');
  const titleRight = titled.filter((r) => {
    const g = normalizeField(get(r.id).title);
    const e = normalizeField(r.title);
    const ok = r.titleOp === 'contains' ? g.includes(e) : r.titleOp === 'endswith' ? g.endsWith(e) : r.titleOp === 'startswith' ? g.startsWith(e) : g === e;
    if (!ok && failSuite) tally.failures.push(`FAIL ${failSuite} ${r.id} title: expected ${JSON.stringify(e)} got ${JSON.stringify(g)}`);
    return ok;
  }).length;
  const bylined = rows.filter((r) => r.byline !== undefined && bylineNames(r.byline).length > 0);
  const bylineRight = bylined.filter((r) => {
    const ok = bylineMatches(r.byline!, get(r.id).byline);
    if (!ok && failSuite) tally.failures.push(`FAIL ${failSuite} ${r.id} byline: expected ${JSON.stringify(bylineNames(r.byline))} got ${JSON.stringify(get(r.id).byline ?? null)}`);
    return ok;
  }).length;
  if (titled.length > 0) tally.figures[`${prefix}.title`] = titleRight / titled.length;
  if (bylined.length > 0) tally.figures[`${prefix}.byline`] = bylineRight / bylined.length;
}

function readabilitySuite(dir: string, oursSys: System, theirs: System, tally: Tally, log: (l: string) => void): void {
  const labels = (JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8')) as { labels: Record<string, string> }).labels;
  const slugs = readdirSync(path.join(dir, 'pages')).filter((s) => labels[s] !== 'synthetic').sort();
  const cases = slugs.map((s) => ({ id: s, file: path.join(dir, 'pages', s, 'source.html') }));
  const answers = runBoth(cases, oursSys, theirs, tally, 'readability');
  const news = slugs.filter((s) => labels[s] === 'news');
  // Readability's expected content is its own output, photo captions included (the set's README: captions it keeps
  // are not errors of yours): bodies are scored against it without its <figcaption>s, and as given beside.
  const expectedHtml = new Map(slugs.map((s) => [s, readFileSync(path.join(dir, 'pages', s, 'expected.html'), 'utf8')] as const));
  const truth = new Map(slugs.map((s) => [s, htmlText(expectedHtml.get(s)!, false)]));
  const given = new Map(slugs.map((s) => [s, htmlText(expectedHtml.get(s)!)]));
  for (const [prefix, sys, fail] of [['readability.news', 'ours', 'readability'], ['anchor.readability.news', 'readability', undefined]] as const) {
    bodyFigures(prefix, news.map((s) => ({ id: s, truth: truth.get(s)!, got: answers.get(s)![sys].text })), tally, fail);
  }
  for (const [prefix, sys] of [['readability.news.asGiven', 'ours'], ['anchor.readability.news.asGiven', 'readability']] as const) {
    bodyFigures(prefix, news.map((s) => ({ id: s, truth: given.get(s)!, got: answers.get(s)![sys].text })), tally);
  }
  const bylineReview = PROJECT_REVIEW.readability?.byline ?? {};
  const stated = slugs.map((s) => {
    const m = JSON.parse(readFileSync(path.join(dir, 'pages', s, 'expected-metadata.json'), 'utf8')) as { title?: string | null; byline?: string | null };
    return { id: s, title: m.title ?? undefined, byline: m.byline ?? undefined };
  });
  // A byline expectation this project's review found to name someone other than the page's author is left out of both systems' figures.
  const metaRows = stated.map((r) => (bylineReview[r.id]?.ok === false ? { ...r, byline: undefined } : r));
  for (const r of stated) if (r.byline !== undefined && bylineReview[r.id]?.ok === false) log(`readability: ${r.id} byline left out of the byline figures (this project's review: ${bylineReview[r.id]!.note})`);
  const expected = stated.filter((r) => r.byline !== undefined && bylineNames(r.byline).length > 0);
  if (expected.length > 0) tally.figures['readability.byline.asGiven'] = expected.filter((r) => bylineMatches(r.byline!, answers.get(r.id)!.ours.byline)).length / expected.length;
  fieldFigures('readability', metaRows, (id) => answers.get(id)!.ours, tally, 'readability');
  fieldFigures('anchor.readability', metaRows, (id) => answers.get(id)!.readability, tally);
  const split = news.filter((s) => (answers.get(s)!.ours.parts ?? 0) > 1);
  for (const s of split) tally.failures.push(`FAIL readability ${s} parts: one news article became ${answers.get(s)!.ours.parts} articles`);
  log(`readability: ${slugs.length} real pages (${news.length} news) read; ${split.length} news pages split into several articles`);
}

interface TrafExpectation {
  readonly file: string;
  readonly url?: string;
  readonly must_contain: readonly string[];
  readonly must_not_contain: readonly string[];
  readonly must_contain_where?: readonly string[];
  readonly meta: Record<string, readonly { op: TitleOp; value: string }[]>;
}

function trafilaturaSuite(dir: string, oursSys: System, theirs: System, tally: Tally, log: (l: string) => void): void {
  const exps = JSON.parse(readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as TrafExpectation[];
  const cases = exps.map((e) => ({ id: e.file, file: path.join(dir, 'pages', e.file), url: e.url }));
  const answers = runBoth(cases, oursSys, theirs, tally, 'trafilatura');
  let skipped = 0;
  for (const [prefix, sys, fail] of [['trafilatura', 'ours', 'trafilatura'], ['anchor.trafilatura', 'readability', undefined]] as const) {
    let passed = 0;
    let total = 0;
    let wholePages = 0;
    skipped = 0;
    for (const e of exps) {
      const text = flat(answers.get(e.file)![sys].text);
      let whole = true;
      e.must_contain.forEach((s, i) => {
        const where = e.must_contain_where?.[i] ?? 'main';
        if (where !== 'main') {
          skipped++;
          return;
        }
        total++;
        if (text.includes(flat(s))) passed++;
        else {
          whole = false;
          if (fail) tally.failures.push(`FAIL ${fail} ${e.file} must_contain: ${JSON.stringify(s)} missing`);
        }
      });
      for (const s of e.must_not_contain) {
        total++;
        if (!text.includes(flat(s))) passed++;
        else {
          whole = false;
          if (fail) tally.failures.push(`FAIL ${fail} ${e.file} must_not_contain: ${JSON.stringify(s)} present`);
        }
      }
      if (whole) wholePages++;
    }
    tally.figures[`${prefix}.assertions`] = total > 0 ? passed / total : 0;
    tally.figures[`${prefix}.pagesWhole`] = exps.length > 0 ? wholePages / exps.length : 0;
  }
  // Metadata where trafilatura's tests check it (one row per file: the first expectation with meta).
  const rows = new Map<string, { id: string; title?: string; titleOp?: TitleOp; byline?: string }>();
  for (const e of exps) {
    const t = e.meta['title']?.[0];
    const a = e.meta['author']?.[0];
    if (!t && !a) continue;
    const row = rows.get(e.file) ?? { id: e.file };
    rows.set(e.file, { ...row, ...(t ? { title: t.value, titleOp: t.op } : {}), ...(a && a.op === 'eq' ? { byline: a.value } : {}) });
  }
  fieldFigures('trafilatura', [...rows.values()], (id) => answers.get(id)!.ours, tally, 'trafilatura');
  fieldFigures('anchor.trafilatura', [...rows.values()], (id) => answers.get(id)!.readability, tally);
  log(`trafilatura: ${exps.length} pages; ${skipped} must_contain strings found only in reader comments or nowhere left out`);
}

interface DateExpectation {
  readonly url?: string;
  readonly file: string;
  readonly expected: string | null;
  readonly original_date: boolean | null;
  readonly extensive_search: boolean | null;
  readonly note: string | null;
}

function htmldateSuite(dir: string, oursSys: System, theirs: System, tally: Tally, log: (l: string) => void): void {
  const all = JSON.parse(readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as DateExpectation[];
  const exps = all.filter((e) => e.extensive_search !== false);
  const cases = exps.map((e) => ({ id: e.file, file: path.join(dir, 'pages', e.file), url: e.url }));
  const answers = runBoth(cases, oursSys, theirs, tally, 'htmldate');
  for (const [prefix, sys, fail] of [['htmldate', 'ours', 'htmldate'], ['anchor.htmldate', 'readability', undefined]] as const) {
    let right = 0;
    let wrong = 0;
    let missing = 0;
    let byModified = 0;
    for (const e of exps) {
      const a = answers.get(e.file)![sys];
      const got = day(a.published);
      const latest = day(a.modified);
      const mode = e.original_date === true ? 'original' : 'latest';
      if (e.expected === null ? got === undefined : got === e.expected) right++;
      else if (e.expected !== null && mode === 'latest' && latest === e.expected) {
        right++;
        byModified++;
      } else {
        if (got === undefined) missing++;
        else wrong++;
        if (fail) {
          tally.failures.push(
            `FAIL ${fail} ${e.file} date (${mode}): expected ${e.expected ?? 'none'} got ${a.published ?? 'none'}${a.modified ? ` (modified ${a.modified})` : ''}${e.note ? ` [note: ${e.note}]` : ''}`,
          );
        }
      }
    }
    tally.figures[`${prefix}.dateAccuracy`] = right / exps.length;
    tally.figures[`${prefix}.dateWrong`] = wrong / exps.length;
    // 1 - wrong, so that a floor can hold the wrong share down.
    tally.figures[`${prefix}.dateNotWrong`] = 1 - wrong / exps.length;
    tally.figures[`${prefix}.dateMissing`] = missing / exps.length;
    log(`${prefix}: ${exps.length} date tests: right ${right} (${byModified} by the modified date where the test asks for the latest), wrong ${wrong}, missing ${missing}`);
  }
  log(`htmldate: ${all.length - exps.length} tests of the cheap mode (extensive_search: false) left out`);
}

interface N4kExpectation {
  readonly file: string;
  readonly url?: string | null;
  readonly title?: string | null;
  readonly authors: readonly string[];
  readonly publish_date: string | null;
  readonly text: string;
}

/** This project's hand review of expectations that are visibly not what the page holds (`eval/gold/web-pages-review.json`). */
interface ProjectReview {
  readonly newspaper4k?: { readonly text?: Readonly<Record<string, { readonly ok: boolean; readonly note: string }>> };
  readonly readability?: { readonly byline?: Readonly<Record<string, { readonly ok: boolean; readonly note: string }>> };
}
const PROJECT_REVIEW = JSON.parse(readFileSync(new URL('../gold/web-pages-review.json', import.meta.url), 'utf8')) as ProjectReview;

function newspaperSuite(dir: string, oursSys: System, theirs: System, tally: Tally, log: (l: string) => void): void {
  const exps = JSON.parse(readFileSync(path.join(dir, 'expectations.json'), 'utf8')) as N4kExpectation[];
  const reviewFile = path.join(dir, 'review.json');
  const review = existsSync(reviewFile) ? (JSON.parse(readFileSync(reviewFile, 'utf8')) as { authors: Record<string, { ok: boolean }> }).authors : {};
  const cases = exps.map((e) => ({ id: e.file, file: path.join(dir, 'pages', e.file), url: e.url ?? undefined }));
  const answers = runBoth(cases, oursSys, theirs, tally, 'newspaper4k');
  const textReview = PROJECT_REVIEW.newspaper4k?.text ?? {};
  const bodied = exps.filter((e) => textReview[e.file]?.ok !== false);
  for (const e of exps) if (textReview[e.file]?.ok === false) log(`newspaper4k: ${e.file} body left out of the body figures (this project's review: ${textReview[e.file]!.note})`);
  for (const [prefix, sys, fail] of [['newspaper4k', 'ours', 'newspaper4k'], ['anchor.newspaper4k', 'readability', undefined]] as const) {
    bodyFigures(prefix, bodied.map((e) => ({ id: e.file, truth: e.text, got: answers.get(e.file)![sys].text })), tally, fail);
    const rows = exps.map((e) => ({ id: e.file, title: e.title ?? undefined, byline: review[e.file]?.ok === false ? undefined : e.authors }));
    fieldFigures(prefix, rows, (id) => answers.get(id)![sys], tally, fail);
    const dated = exps.filter((e) => e.publish_date !== null);
    let right = 0;
    for (const e of dated) {
      const got = answers.get(e.file)![sys].published;
      if (day(got) === day(e.publish_date)) right++;
      else if (fail) tally.failures.push(`FAIL ${fail} ${e.file} date: expected ${day(e.publish_date)} got ${got ?? 'none'}`);
    }
    if (dated.length > 0) tally.figures[`${prefix}.dateAccuracy`] = right / dated.length;
  }
  log(`newspaper4k: ${exps.length} pages`);
}

/**
 * Floors: the figures measured when the set was built (20:55 UTC, 2026-12-06; metadata floors raised 01:05 and 03:15 UTC, 2026-12-07), less about 0.02 (one
 * page or test of the smaller suites moves a figure by 0.01 to 0.05); raise them as the extractor
 * improves. Readability's figures are the anchor and have no floors. Targets (#15) beside them.
 */
const FLOORS: Record<string, number> = {
  'readability.news.shingleF1': 0.965, // 0.948 → 0.968 (galleries, numbered chunks, links in prose) → 0.973 scored without Readability's own <figcaption>s (the set's README: captions it keeps are not errors; 0.968 as given, printed beside); target 0.97
  'readability.title': 0.84, // 0.804 → 0.848 → 0.859 (writer's name suffix); target 0.90 (11 of the 13 misses keep a site or writer suffix that Readability takes from og:title and we drop)
  'readability.byline': 0.8, // 0.535 → 0.761 → 0.775 (tolerant JSON-LD, visible bylines, og:article:author) → 0.821 with four expectations reviewed (eval/gold/web-pages-review.json: three name a teaser's writer where the page's own author markup names this project's answer, one is 'Follow Author'; 0.775 as given, printed beside); target 0.80
  'trafilatura.assertions': 0.965, // 0.959 → 0.975 (sibling chunks, subheadings, widgets); target 0.97
  'trafilatura.pagesWhole': 0.91, // 0.897 → 0.925; target 0.90
  'htmldate.dateAccuracy': 0.76, // 0.276 → 0.697 → 0.737 → 0.776 (date line under the headline, URL day over a later metadata date, lists of other pages left out; code samples, labelled update lines, feeds of posts); target 0.85
  'htmldate.dateNotWrong': 0.945, // 1 - wrong: 0.895 → 0.908 → 0.921 → 0.961; target 0.95 (wrong <= 0.05)
  'newspaper4k.shingleF1': 0.965, // 0.906 → 0.947 → 0.972 (the page whose expected text is empty, though it holds an article, left out by this project's review); target 0.96
  'newspaper4k.title': 0.78, // 0.70 → 0.75 → 0.80 (a site name after the <h1> headline without spaces)
  'trafilatura.title': 0.9, // 0.731 → 0.769 → 0.846 → 0.923 (h2 headlines, cut-short headlines passed over; the headline <h1>, <title> and og:title agree on over a JSON-LD one; its 'endswith' test read as such)
  'trafilatura.byline': 0.95, // 0.60 → 0.90 → 1.0 (labelled visible bylines, a person before the site)
  'newspaper4k.dateAccuracy': 0.98, // 0.9375 → 1.0
  'newspaper4k.byline': 0.80, // 0.857
};

const webPages: EvalSet = {
  name: 'web-pages',
  dataFolder: 'web-pages',
  description: "other projects' real-world test pages (readability, trafilatura, htmldate, newspaper4k): body, assertions, dates, titles, bylines; Readability as anchor",
  async run(options: EvalRunOptions): Promise<EvalResult> {
    const started = performance.now();
    const dirs = Object.fromEntries(SUITES.map((s) => [s, unpackSuite(options.dataDir, s)])) as Record<SuiteName, string>;
    const tally: Tally = { figures: {}, failures: [], answers: {} };
    const oursSys = ours();
    const theirs = readability();
    readabilitySuite(dirs.readability, oursSys, theirs, tally, options.log);
    trafilaturaSuite(dirs['trafilatura-realworld'], oursSys, theirs, tally, options.log);
    htmldateSuite(dirs['htmldate-realworld'], oursSys, theirs, tally, options.log);
    newspaperSuite(dirs.newspaper4k, oursSys, theirs, tally, options.log);
    for (const f of tally.failures) options.log(f);
    options.log(`${tally.failures.length} failures listed; ${Object.keys(tally.answers).length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (options.outFile) {
      writeFileSync(options.outFile, JSON.stringify(tally.answers, null, 1));
      options.log(`answers written to ${options.outFile}`);
    }
    const figures = Object.fromEntries(Object.entries(tally.figures).sort(([a], [b]) => (a.startsWith('anchor') ? 1 : 0) - (b.startsWith('anchor') ? 1 : 0) || a.localeCompare(b)));
    return { figures, floors: FLOORS };
  },
};

export default webPages;
