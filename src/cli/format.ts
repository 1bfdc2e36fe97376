/**
 * How articles and messages look in a terminal. Plain text, fixed columns; colour only on a TTY.
 */
import type { DateValue } from '../model/article.js';
import type { Message } from '../model/message.js';
import { readPublished, showPublished, type ShowOptions } from '../model/published.js';
import { hostOf } from '../pipeline/dedup/outlets.js';
import type { ArticleSummary, StoredArticle, StoredDocument } from '../store/store.js';
import { colourOn } from './terminal.js';

export interface Style {
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly error: (s: string) => string;
}

/** ANSI styling on a TTY (unless NO_COLOR is set), identity otherwise. */
export function createStyle(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Style {
  const on = colourOn(isTTY, env);
  const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { dim: wrap(2, 22), bold: wrap(1, 22), warn: wrap(33, 39), error: wrap(31, 39) };
}

/**
 * The zone publication times are shown in: UTC with `--utc`, else the process's zone (`TZ` in the
 * command's environment when it names a zone, else the system's).
 */
export function readerZone(env: Readonly<Record<string, string | undefined>>, utc = false): ShowOptions {
  if (utc) return { timeZone: 'UTC' };
  const tz = env.TZ?.replace(/^:/, '');
  if (!tz) return {};
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return { timeZone: tz };
  } catch {
    return {};
  }
}

/** A publication date for a listing column: `2023-11-07 11:39 +01:00` in the reader's zone, or the day. */
export function formatPublished(date: DateValue | string | undefined, zone: ShowOptions = {}): string {
  return showPublished(date, zone);
}

/** A publication date in the reader's zone, with where it came from and how the page wrote it. */
function describePublished(date: DateValue, zone: ShowOptions): string {
  const p = readPublished(date);
  const how = p?.precision === 'datetime' ? `written ${date.value}${date.zone ? ` (${date.zone})` : ''}` : p?.localTime ? 'no zone given: compared by day' : 'day only';
  return `${showPublished(date, zone)} (from ${date.source}, ${how})`;
}

function cut(s: string, width: number): string {
  return s.length <= width ? s.padEnd(width) : `${s.slice(0, width - 1)}…`;
}

/**
 * A fixed-width table of article summaries; publication times in the reader's zone (`zone`), a
 * date-only value as its day.
 */
export function formatArticleTable(items: readonly ArticleSummary[], style: Style, zone: ShowOptions = {}): string {
  const shown = items.map((a) => formatPublished(a.published, zone));
  const width = Math.max(10, ...shown.map((s) => s.length));
  const head = `${'ID'.padEnd(21)} ${'PUBLISHED'.padEnd(width)} ${'LANG'.padEnd(4)} ${'WORDS'.padStart(6)} ${'MSGS'.padStart(4)}  ${'SITE'.padEnd(18)} TITLE`;
  const rows = items.map(
    (a, i) =>
      `${a.id.padEnd(21)} ${shown[i]!.padEnd(width)} ${a.language.padEnd(4)} ${String(a.wordCount).padStart(6)} ${String(a.messageCount).padStart(4)}  ${cut(a.siteName ?? (a.url ? hostOf(a.url) : undefined) ?? '', 18)} ${a.title ?? style.dim(a.locator)}`,
  );
  return [style.bold(head), ...rows].join('\n');
}


/** One message as a line: `stage severity rule-id [start-end layer] reason «excerpt»`. */
export function formatMessage(m: Message, style: Style): string {
  const sev = m.severity === 'error' ? style.error('error') : m.severity === 'warning' ? style.warn('warn ') : style.dim('info ');
  const where = m.span ? ` ${m.span.start}-${m.span.end}${m.layer ? ` ${m.layer}` : ''}` : '';
  const excerpt = m.excerpt ? ` ${style.dim(`«${oneLine(m.excerpt, 100)}»`)}` : '';
  return `  ${m.stage.padEnd(8)} ${sev} ${m.ruleId}${style.dim(where)}: ${m.reason}${excerpt}`;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The full view of one article: metadata (publication time in the reader's `zone`), clean text, messages. */
export function formatArticle(stored: StoredArticle, style: Style, zone: ShowOptions = {}): string {
  const a = stored.article;
  const lines: string[] = [];
  lines.push(style.bold(a.title ?? '(untitled)'));
  const meta: [string, string | undefined][] = [
    ['id', a.id],
    ['document', `${a.documentId} (part ${a.part})`],
    ['origin', stored.document.origin.locator],
    ['url', a.canonicalUrl ?? a.url],
    ['site', a.siteName],
    ['byline', a.byline],
    ['published', a.publishedResolved ? describePublished(a.publishedResolved, zone) : undefined],
    ['language', `${a.language.code} (${a.language.source}, ${a.language.confidence.toFixed(2)})`],
    ['words', `${a.wordCount} in ${a.paragraphs.length} paragraphs, ${a.sentences.length} sentences`],
    ['credits', a.credits.length > 0 ? a.credits.map((c) => `${c.name} (${c.role})`).join(', ') : undefined],
  ];
  for (const [k, v] of meta) if (v !== undefined && v !== '') lines.push(`${style.dim(k.padEnd(10))} ${v}`);
  lines.push('', a.text, '');
  lines.push(style.bold(`Messages (${stored.messages.length})`));
  for (const m of stored.messages) lines.push(formatMessage(m, style));
  return lines.join('\n');
}

/** A document that yielded no article (or a document id asked for directly). */
export function formatDocument(stored: StoredDocument, style: Style): string {
  const d = stored.document;
  const lines = [
    style.bold(`Document ${d.id}`),
    `${style.dim('origin'.padEnd(10))} ${d.origin.locator}`,
    `${style.dim('type'.padEnd(10))} ${d.mediaType}, ${d.byteLength} bytes, ${d.encoding.name} (${d.encoding.source})`,
    `${style.dim('articles'.padEnd(10))} ${stored.articleIds.length > 0 ? stored.articleIds.join(', ') : 'none'}`,
    '',
    style.bold(`Messages (${stored.messages.length})`),
    ...stored.messages.map((m) => formatMessage(m, style)),
  ];
  return lines.join('\n');
}

export { hostOf };
