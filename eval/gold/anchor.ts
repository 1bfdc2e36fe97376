/**
 * Story-level gold written by this project's annotators (eval/gold/README.md): the annotator writes
 * passages as they appear in the source articles (in a git-ignored working file), and this tool
 * anchors each passage to character offsets in the article's text in `../shared/data`, so the gold
 * kept in the repository holds article ids and offsets only, never the publishers' text.
 *
 *   npx tsx eval/gold/anchor.ts WORKING.json [--data DIR]   → eval/gold/stories-real/<event>.json
 *   npx tsx eval/gold/anchor.ts --show GOLD.json [--data DIR] prints the gold with its passages resolved
 *   npx tsx eval/gold/anchor.ts --check GOLD.json…           quotations no gold quote covers, passages cutting words
 *
 * A passage that is not found, or found more than once without `n` (which occurrence, from 1), is an
 * error naming it; nothing is written until every passage is anchored.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonlGz } from '../data.js';

/** A passage of one article: `[start, end)` in the set's `text` field. */
export interface GoldSpan {
  readonly article: string;
  readonly start: number;
  readonly end: number;
}

export interface GoldQuote {
  /** The quoted words, without the quotation marks. */
  readonly span: GoldSpan;
  /** A mention of who said it (the fullest name form in the story); null when the text names nobody. */
  readonly speaker: GoldSpan | null;
  /** Who said it when not named: 'anonymous' (a source, an official), 'unstated'. Absent when named. */
  readonly unnamed?: string;
}

export interface GoldFact {
  readonly id: string;
  /** The fact in the annotator's own words (not the source's). */
  readonly gist: string;
  /** Every passage, in every article, that states it; an article with none does not state it. */
  readonly spans: readonly GoldSpan[];
}

export interface GoldConflict {
  readonly kind: 'number' | 'date' | 'name' | 'certainty';
  readonly gist: string;
  /** The passages that disagree (at least two articles). */
  readonly spans: readonly GoldSpan[];
}

export interface GoldLoaded {
  /** A loaded or evaluative word or phrase in the outlet's own voice (never inside a quotation). */
  readonly span: GoldSpan;
}

/** One annotated event. */
export interface StoryGold {
  readonly event: string;
  /** `multi-outlet/articles.val.jsonl.gz`, `story-clustering/articles.jsonl.gz`: where the texts are. */
  readonly source: string;
  readonly articles: readonly { readonly id: string; readonly sha1: string }[];
  readonly annotator: string;
  /** The day the main event happened (YYYY-MM-DD), with the passages that date it. */
  readonly date: { readonly value: string; readonly evidence: readonly GoldSpan[] } | null;
  /** Mentions naming where the main event happened; null when it happened nowhere in particular. */
  readonly place: { readonly mentions: readonly GoldSpan[] } | null;
  readonly quotes: readonly GoldQuote[];
  readonly facts: readonly GoldFact[];
  readonly conflicts: readonly GoldConflict[];
  readonly loaded: readonly GoldLoaded[];
  readonly notes?: string;
}

/** A passage as the annotator writes it: the article id, the exact text, and which occurrence. */
interface Passage {
  readonly a: string;
  readonly text: string;
  readonly n?: number;
}

interface Working {
  readonly event: string;
  readonly source: string;
  readonly articles: readonly string[];
  readonly annotator: string;
  readonly date: { readonly value: string; readonly evidence: readonly Passage[] } | null;
  readonly place: { readonly mentions: readonly Passage[] } | null;
  readonly quotes: readonly { readonly text: Passage; readonly speaker: Passage | null; readonly unnamed?: string }[];
  readonly facts: readonly { readonly id: string; readonly gist: string; readonly spans: readonly Passage[] }[];
  readonly conflicts: readonly { readonly kind: GoldConflict['kind']; readonly gist: string; readonly spans: readonly Passage[] }[];
  readonly loaded: readonly Passage[];
  readonly notes?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const GOLD_DIR = path.join(here, 'stories-real');
const DEFAULT_DATA = path.join(here, '../../../shared/data');

/** The texts of a gold's articles, by id, from `<data>/<source>`. */
export function loadTexts(dataRoot: string, source: string, ids: readonly string[]): Map<string, string> {
  const [folder, file] = source.split('/') as [string, string];
  const wanted = new Set(ids);
  const texts = new Map<string, string>();
  for (const row of readJsonlGz<{ id: string; text: string | null }>(path.join(dataRoot, folder), file)) {
    if (wanted.has(row.id)) texts.set(row.id, row.text ?? '');
  }
  for (const id of ids) if (!texts.has(id)) throw new Error(`article ${id} is not in ${source}`);
  return texts;
}

export function textSha1(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** The text of a span. */
export function spanText(texts: ReadonlyMap<string, string>, s: GoldSpan): string {
  return texts.get(s.article)!.slice(s.start, s.end);
}

function anchor(texts: ReadonlyMap<string, string>, p: Passage, where: string): GoldSpan {
  const text = texts.get(p.a);
  if (text === undefined) throw new Error(`${where}: article ${p.a} is not one of the event's articles`);
  if (p.text.length === 0) throw new Error(`${where}: empty passage`);
  const at: number[] = [];
  for (let i = text.indexOf(p.text); i >= 0; i = text.indexOf(p.text, i + 1)) at.push(i);
  if (at.length === 0) throw new Error(`${where}: not found in ${p.a}: ${JSON.stringify(p.text.slice(0, 80))}`);
  if (p.n === undefined && at.length > 1) throw new Error(`${where}: found ${at.length} times in ${p.a}; say which with "n" (1-${at.length}): ${JSON.stringify(p.text.slice(0, 80))}`);
  const start = at[(p.n ?? 1) - 1];
  if (start === undefined) throw new Error(`${where}: occurrence ${p.n} asked, ${at.length} found in ${p.a}`);
  return { article: p.a, start, end: start + p.text.length };
}

/** Anchor a working annotation; throws on the first passage that cannot be anchored. */
export function anchorWorking(w: Working, dataRoot: string): StoryGold {
  const texts = loadTexts(dataRoot, w.source, w.articles);
  const at = (p: Passage, where: string) => anchor(texts, p, where);
  if (w.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(w.date.value)) throw new Error(`date: ${w.date.value} is not YYYY-MM-DD`);
  const ids = new Set<string>();
  for (const f of w.facts) {
    if (ids.has(f.id)) throw new Error(`fact ${f.id}: id used twice`);
    ids.add(f.id);
  }
  return {
    event: w.event,
    source: w.source,
    articles: w.articles.map((id) => ({ id, sha1: textSha1(texts.get(id)!) })),
    annotator: w.annotator,
    date: w.date === null ? null : { value: w.date.value, evidence: w.date.evidence.map((p, i) => at(p, `date evidence ${i + 1}`)) },
    place: w.place === null ? null : { mentions: w.place.mentions.map((p, i) => at(p, `place mention ${i + 1}`)) },
    quotes: w.quotes.map((q, i) => ({
      span: at(q.text, `quote ${i + 1}`),
      speaker: q.speaker === null ? null : at(q.speaker, `quote ${i + 1} speaker`),
      ...(q.speaker === null ? { unnamed: q.unnamed ?? 'unstated' } : {}),
    })),
    facts: w.facts.map((f) => ({ id: f.id, gist: f.gist, spans: f.spans.map((p, i) => at(p, `fact ${f.id} passage ${i + 1}`)) })),
    conflicts: w.conflicts.map((c, k) => {
      const spans = c.spans.map((p, i) => at(p, `conflict ${k + 1} passage ${i + 1}`));
      if (new Set(spans.map((s) => s.article)).size < 2) throw new Error(`conflict ${k + 1}: its passages must come from at least two articles`);
      return { kind: c.kind, gist: c.gist, spans };
    }),
    loaded: w.loaded.map((p, i) => ({ span: at(p, `loaded ${i + 1}`) })),
    ...(w.notes ? { notes: w.notes } : {}),
  };
}

function show(gold: StoryGold, dataRoot: string): string {
  const texts = loadTexts(dataRoot, gold.source, gold.articles.map((a) => a.id));
  const t = (s: GoldSpan) => `[${s.article.slice(-6)}] ${JSON.stringify(spanText(texts, s))}`;
  const lines = [`# ${gold.event} (${gold.source})`, `date ${gold.date?.value ?? 'none'}: ${(gold.date?.evidence ?? []).map(t).join('; ')}`, `place: ${(gold.place?.mentions ?? []).map(t).join('; ') || 'none'}`, '## quotes'];
  for (const q of gold.quotes) lines.push(`- ${t(q.span)} — ${q.speaker ? t(q.speaker) : `(${q.unnamed})`}`);
  lines.push('## facts');
  for (const f of gold.facts) lines.push(`- ${f.id} ${f.gist}`, ...f.spans.map((s) => `    ${t(s)}`));
  lines.push('## conflicts');
  for (const c of gold.conflicts) lines.push(`- ${c.kind}: ${c.gist}`, ...c.spans.map((s) => `    ${t(s)}`));
  lines.push('## loaded', ...gold.loaded.map((l) => `- ${t(l.span)}`));
  if (gold.notes) lines.push('## notes', gold.notes);
  return lines.join('\n');
}

/**
 * What a reviewer should look at again: quoted stretches of three words or more that no gold quote
 * covers, and short passages (speakers, places, loaded words) that start or end inside a word.
 */
function check(gold: StoryGold, dataRoot: string): string[] {
  const texts = loadTexts(dataRoot, gold.source, gold.articles.map((a) => a.id));
  const out: string[] = [];
  for (const [id, text] of texts) {
    const covered = gold.quotes.filter((q) => q.span.article === id).map((q) => q.span);
    for (const m of text.matchAll(/[“"]([^“”"\n]+)[”"]/g)) {
      const start = m.index + 1;
      const end = start + m[1]!.length;
      if (m[1]!.trim().split(/\s+/).length < 3) continue;
      if (covered.some((c) => c.start < end && start < c.end)) continue;
      out.push(`uncovered quotation in ${id}: ${JSON.stringify(m[1]!.slice(0, 90))}`);
    }
  }
  const short = [...gold.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])), ...(gold.place?.mentions ?? []), ...gold.loaded.map((l) => l.span)];
  for (const s of short) {
    const text = texts.get(s.article)!;
    const inWord = (i: number) => i > 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i - 1]!) && /[\p{L}\p{N}]/u.test(text[i]!);
    if (inWord(s.start) || inWord(s.end)) out.push(`passage cuts a word in ${s.article}: ${JSON.stringify(text.slice(Math.max(0, s.start - 10), s.end + 10))}`);
  }
  return out;
}

async function main(argv: readonly string[]): Promise<void> {
  const dataAt = argv.indexOf('--data');
  const dataRoot = dataAt >= 0 ? argv[dataAt + 1]! : DEFAULT_DATA;
  const rest = dataAt >= 0 ? argv.filter((_, i) => i !== dataAt && i !== dataAt + 1) : [...argv];
  if (rest[0] === '--check') {
    for (const f of rest.slice(1)) for (const line of check(JSON.parse(readFileSync(f, 'utf8')) as StoryGold, dataRoot)) console.log(`${path.basename(f)}: ${line}`);
    return;
  }
  if (rest[0] === '--show') {
    for (const f of rest.slice(1)) console.log(show(JSON.parse(readFileSync(f, 'utf8')) as StoryGold, dataRoot));
    return;
  }
  for (const f of rest) {
    const gold = anchorWorking(JSON.parse(readFileSync(f, 'utf8')) as Working, dataRoot);
    mkdirSync(GOLD_DIR, { recursive: true });
    const out = path.join(GOLD_DIR, `${gold.event}.json`);
    writeFileSync(out, `${JSON.stringify(gold, null, 1)}\n`);
    console.log(`${out}: ${gold.quotes.length} quotes, ${gold.facts.length} facts, ${gold.conflicts.length} conflicts, ${gold.loaded.length} loaded`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  });
}
