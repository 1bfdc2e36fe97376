/**
 * JSON Lines: one article per line, as a JSON object with the body under `html` or `text` (or a
 * common alternate such as `content` or `body`) and optional url, title, published, author.
 */
import { readFileSync } from 'node:fs';
import { createError, type ParallaxError } from '../../errors.js';

type Field = 'html' | 'text' | 'url' | 'title' | 'published' | 'author' | 'siteName' | 'language';
interface JsonlRules {
  readonly fields: Readonly<Record<Field, { readonly value: readonly string[]; readonly reason: string }>>;
}
const rules = JSON.parse(readFileSync(new URL('./jsonl.json', import.meta.url), 'utf8')) as JsonlRules;

export interface JsonlRecord {
  /** 1-based line number. */
  readonly line: number;
  /** The body and whether it came from an HTML key (`html`) or a text key (`text`, to be sniffed). */
  readonly body: string;
  readonly bodyKey: 'html' | 'text';
  readonly hints: Readonly<Record<'url' | 'title' | 'published' | 'author' | 'siteName' | 'language', string | undefined>>;
}

export type JsonlLine = { readonly ok: true; readonly record: JsonlRecord } | { readonly ok: false; readonly line: number; readonly error: ParallaxError };

/** How deep a field's value is looked into for a name (`{"author": {"name": …}}`); deeper is not a name. */
const MAX_FIELD_DEPTH = 4;

function scalar(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (depth >= MAX_FIELD_DEPTH) return undefined;
  if (Array.isArray(v)) {
    const parts = v.map((x) => (typeof x === 'string' ? x : x !== null && typeof x === 'object' && 'name' in x ? scalar(x.name, depth + 1) : undefined)).filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (v !== null && typeof v === 'object' && 'name' in v) return scalar(v.name, depth + 1);
  return undefined;
}

function pick(obj: Record<string, unknown>, field: Field): string | undefined {
  for (const key of rules.fields[field].value) {
    const v = scalar(obj[key]);
    if (v !== undefined && v.trim() !== '') return v;
  }
  return undefined;
}

/** Timestamps in seconds or milliseconds since the epoch become UTC instants (`…Z`, an instant has no other zone); others pass through. */
function dateValue(v: string | undefined): string | undefined {
  if (v === undefined || !/^\d{9,13}$/.test(v)) return v;
  const n = Number(v);
  return new Date(v.length <= 10 ? n * 1000 : n).toISOString().replace(/\.000Z$/, 'Z');
}

/** Parse JSONL text line by line; a bad line is reported and the rest go on. Blank lines are skipped. */
export function* parseJsonl(text: string, input: string): Generator<JsonlLine> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (err) {
      yield { ok: false, line, error: createError('JSONL_INVALID', { input, line, detail: `not valid JSON (${(err as Error).message})` }) };
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      yield { ok: false, line, error: createError('JSONL_INVALID', { input, line, detail: 'not a JSON object' }) };
      continue;
    }
    const record = obj as Record<string, unknown>;
    const html = pick(record, 'html');
    const body = html ?? pick(record, 'text');
    if (body === undefined) {
      yield { ok: false, line, error: createError('JSONL_INVALID', { input, line, detail: 'no "html" or "text" field with content' }) };
      continue;
    }
    yield {
      ok: true,
      record: {
        line,
        body,
        bodyKey: html !== undefined ? 'html' : 'text',
        hints: {
          url: pick(record, 'url'),
          title: pick(record, 'title'),
          published: dateValue(pick(record, 'published')),
          author: pick(record, 'author'),
          siteName: pick(record, 'siteName'),
          language: pick(record, 'language'),
        },
      },
    };
  }
}
