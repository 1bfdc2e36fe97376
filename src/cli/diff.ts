/**
 * Terminal rendering of two passages: a word-level difference (what the copy dropped or added)
 * and a two-column, wrapped side-by-side view.
 */
import type { Style } from './format.js';

/** Words of `a` and `b` marked by a longest-common-subsequence difference. */
export function wordDiff(a: string, b: string, style: Style): { left: string; right: string } {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  // LCS table over words; passages are paragraph-sized, so the quadratic table stays small.
  const n = x.length;
  const m = y.length;
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * (m + 1) + j] = norm(x[i]) === norm(y[j]) ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
  const left: string[] = [];
  const right: string[] = [];
  let i = 0;
  let j = 0;
  const mark = (w: string, kind: 'del' | 'ins') => (style.bold(w) === w ? (kind === 'del' ? `[-${w}-]` : `{+${w}+}`) : kind === 'del' ? style.error(w) : style.warn(w));
  while (i < n || j < m) {
    if (i < n && j < m && norm(x[i]) === norm(y[j])) {
      left.push(x[i]!);
      right.push(y[j]!);
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * (m + 1) + j + 1]! >= dp[(i + 1) * (m + 1) + j]!)) {
      right.push(mark(y[j]!, 'ins'));
      j++;
    } else {
      left.push(mark(x[i]!, 'del'));
      i++;
    }
  }
  return { left: left.join(' '), right: right.join(' ') };
}

function norm(w: string | undefined): string {
  return (w ?? '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC.
const ANSI = /\u001b\[[0-9;]*m/g;

function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/** Wrap words to `width` visible columns (ANSI codes take no room). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Two texts in columns of equal width, separated by a bar. */
export function sideBySide(left: string, right: string, totalWidth: number): string {
  const col = Math.max(20, Math.floor((totalWidth - 5) / 2));
  const l = wrap(left, col);
  const r = wrap(right, col);
  const rows: string[] = [];
  for (let k = 0; k < Math.max(l.length, r.length); k++) {
    const a = l[k] ?? '';
    rows.push(`  ${a}${' '.repeat(Math.max(0, col - visibleLength(a)))} │ ${r[k] ?? ''}`);
  }
  return rows.join('\n');
}
