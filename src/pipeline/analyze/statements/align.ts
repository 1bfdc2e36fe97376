/**
 * Word-level alignment of one rendering against the statement's most complete rendering: which
 * words both share (by stem, so "accomplice" matches "accomplices"), which only the complete
 * rendering has, and which only this one adds.
 */
import type { Span } from '../../../model/message.js';
import type { Word } from './similarity.js';

/**
 * One step of an alignment.
 * - `same`: the word is in both (`span` in the rendering's article, `anchorSpan` in the anchor's).
 * - `missing`: only the complete rendering has it (`anchorSpan` only).
 * - `added`: only this rendering has it (`span` only).
 */
export interface AlignedWord {
  readonly op: 'same' | 'missing' | 'added';
  /** The word as this rendering writes it (`same`, `added`) or as the anchor does (`missing`). */
  readonly word: string;
  /** Offsets in this rendering's article text. */
  readonly span?: Span;
  /** Offsets in the anchor's article text. */
  readonly anchorSpan?: Span;
  /** For a `same` word of a rendering in another language matched through the lexicon: the anchor's word it translates. */
  readonly gloss?: string;
}

/** Align `rendering` against `anchor` by a longest common subsequence of word stems. */
export function alignWords(anchor: readonly Word[], rendering: readonly Word[]): AlignedWord[] {
  const n = anchor.length;
  const m = rendering.length;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * w + j] = anchor[i]!.stem === rendering[j]!.stem ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
  const out: AlignedWord[] = [];
  let i = 0;
  let j = 0;
  const at = (x: Word): Span => ({ start: x.start, end: x.end });
  while (i < n || j < m) {
    if (i < n && j < m && anchor[i]!.stem === rendering[j]!.stem) {
      out.push({ op: 'same', word: rendering[j]!.text, span: at(rendering[j]!), anchorSpan: at(anchor[i]!) });
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      out.push({ op: 'added', word: rendering[j]!.text, span: at(rendering[j]!) });
      j++;
    } else {
      out.push({ op: 'missing', word: anchor[i]!.text, anchorSpan: at(anchor[i]!) });
      i++;
    }
  }
  return out;
}
