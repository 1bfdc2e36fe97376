/**
 * Quotation marks: which stretches of a text stand between quotation marks, in every style news
 * text uses (“ ” " „ « » ‘ ’ ‚ ‹ › ' and the two-apostrophe '' style), including quotes left open
 * at a paragraph end and quotes that run over several paragraphs (each continued paragraph
 * re-opens the quote and only the last one closes it).
 */
import type { Span } from '../../../model/message.js';

/** One quotation: the content between its marks, possibly over several paragraphs. */
export interface Quoted {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset just past the closing mark, or the paragraph end when the quote was never closed. */
  readonly close: number;
  /** The content (inside the marks), one piece per paragraph it runs over. */
  readonly pieces: readonly Span[];
  /** False when the quote was still open at the end of its last paragraph (an unbalanced mark). */
  readonly closed: boolean;
  /** Number of words in the content. */
  readonly words: number;
  /** 'double' for “ ” " „ « » '' quotes, 'single' for ‘ ’ ‚ ‹ › ' quotes. */
  readonly family: 'double' | 'single';
}

type Family = 'double' | 'single';

const LETTER = /[\p{L}\p{N}]/u;
const SPACE_OR_OPEN = /[\s([{\-—–/]/u;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

function atWordStart(text: string, i: number): boolean {
  return i === 0 || SPACE_OR_OPEN.test(text[i - 1]!);
}

/** The mark at `i` as an opener: its family and width, or undefined. */
function opener(text: string, i: number): { family: Family; width: number } | undefined {
  const ch = text[i]!;
  if (ch === "'" && text[i + 1] === "'") return atWordStart(text, i) ? { family: 'double', width: 2 } : undefined;
  switch (ch) {
    case '“':
    case '„':
    case '«':
      return { family: 'double', width: 1 };
    case '»':
    case '”':
      // »German« and ”Swedish” styles open with what English uses to close.
      return atWordStart(text, i) && isLetter(text[i + 1]) ? { family: 'double', width: 1 } : undefined;
    case '"':
      return atWordStart(text, i) || !isLetter(text[i - 1]) ? { family: 'double', width: 1 } : undefined;
    case '‘':
    case '‚':
    case '‹':
      return atWordStart(text, i) ? { family: 'single', width: 1 } : undefined;
    case "'":
      return atWordStart(text, i) && isLetter(text[i + 1]) ? { family: 'single', width: 1 } : undefined;
    default:
      return undefined;
  }
}

/** Width of the closing mark at `i` for an open quote of `family`, or 0. */
function closer(text: string, i: number, family: Family, openMark: string): number {
  const ch = text[i]!;
  if (family === 'double') {
    if (ch === "'" && text[i + 1] === "'") return 2;
    if (ch === '”' || ch === '"' || ch === '»') return 1;
    if (ch === '«' && openMark === '»') return 1;
    // „German“ closes with “; a stray “ after a word also closes (a common typing slip).
    if (ch === '“' && (openMark === '„' || (!/\s/u.test(text[i - 1] ?? ' ') && !isLetter(text[i + 1])))) return 1;
    return 0;
  }
  if (ch === '›' || (ch === '‘' && openMark === '‚')) return 1;
  // ’ and ' are also apostrophes (Harbi’s, rock 'n' roll): a closer only when no letter follows.
  if ((ch === '’' || ch === "'") && !isLetter(text[i + 1]) && !/\s/u.test(text[i - 1] ?? ' ')) return 1;
  return 0;
}

function countWords(text: string, pieces: readonly Span[]): number {
  let n = 0;
  for (const p of pieces) n += text.slice(p.start, p.end).match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0;
  return n;
}

/**
 * Every quotation in `text`, in order. Quotes never cross a paragraph boundary except by the
 * continued-paragraph convention; a double quote still open at a paragraph end that the next
 * paragraph does not re-open ends there (`closed: false`). An unclosed single quote is taken for
 * apostrophes and dropped. Quotes nested inside another are part of the outer one.
 */
export function findQuoted(text: string, paragraphs: readonly Span[]): Quoted[] {
  const out: Quoted[] = [];
  let pi = 0;
  while (pi < paragraphs.length) {
    let para = paragraphs[pi]!;
    let i = para.start;
    while (i < para.end) {
      const o = opener(text, i);
      if (!o) {
        i++;
        continue;
      }
      const openMark = text[i]!;
      const open = i;
      const pieces: Span[] = [];
      let pieceStart = i + o.width;
      let j = pieceStart;
      let cur = para;
      let curIndex = pi;
      let width = 0;
      for (;;) {
        while (j < cur.end && (width = closer(text, j, o.family, openMark)) === 0) j++;
        if (width > 0) {
          pieces.push({ start: pieceStart, end: j });
          break;
        }
        pieces.push({ start: pieceStart, end: cur.end });
        const next = paragraphs[curIndex + 1];
        const reopen = next && o.family === 'double' ? opener(text, next.start) : undefined;
        if (!next || !reopen || reopen.family !== 'double') break;
        curIndex++;
        cur = next;
        pieceStart = next.start + reopen.width;
        j = pieceStart;
      }
      if (width > 0) {
        out.push({ open, close: j + width, pieces, closed: true, words: countWords(text, pieces), family: o.family });
        // Go on scanning in the paragraph the quote closed in.
        pi = curIndex;
        para = cur;
        i = j + width;
      } else if (o.family === 'double') {
        out.push({ open, close: cur.end, pieces, closed: false, words: countWords(text, pieces), family: o.family });
        pi = curIndex;
        para = cur;
        i = cur.end;
      } else {
        // An unclosed single mark: an apostrophe, not a quote.
        i = open + 1;
      }
    }
    pi++;
  }
  return out;
}

/** For each offset of `text`, the index of the quotation holding it (between its marks), else -1. */
export function quotationIndex(text: string, quoted: readonly Quoted[]): Int32Array {
  const inside = new Int32Array(text.length).fill(-1);
  quoted.forEach((q, qi) => {
    for (let k = q.open; k < q.close; k++) inside[k] = qi;
  });
  return inside;
}

/** A reported clause at least this share of whose letters lie inside quotation marks is that quotation ("“…,” she said."). */
export const MOSTLY_QUOTED = 0.7;

/** The share of the letters and digits of `segments` inside quotation marks (`inside` from {@link quotationIndex}); undefined when they hold none. */
export function quotedShare(text: string, segments: readonly Span[], inside: Int32Array): number | undefined {
  let n = 0;
  let q = 0;
  for (const g of segments) {
    for (let k = g.start; k < g.end; k++) {
      if (!/[\p{L}\p{N}]/u.test(text[k]!)) continue;
      n++;
      if (inside[k]! >= 0) q++;
    }
  }
  return n > 0 ? q / n : undefined;
}
