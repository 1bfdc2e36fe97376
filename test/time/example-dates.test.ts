/**
 * The fictional example's answer key lists each article's relative dates ("on Monday",
 * "yesterday", "lundi") and the day they resolve to against the article's own publication date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTimeExpressions, storyAnchors } from '../../src/pipeline/analyze/time/index.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';

interface KeyArticle {
  readonly id: string;
  readonly outlet: string;
  readonly published?: { readonly value: string };
}
interface Key {
  readonly articles: readonly KeyArticle[];
  readonly relativeDates: readonly { readonly article: string; readonly phrase: string; readonly resolves: string }[];
}

const key = JSON.parse(readFileSync(fileURLToPath(new URL('../../examples/harbor-accord/answer-key.json', import.meta.url)), 'utf8')) as Key;
const find = createTimeExpressions();

describe('the example\'s relative dates', () => {
  it('resolve to the days the answer key gives, against each article\'s publication date', async () => {
    const articles = (await storiesOf(EXAMPLE_DIR)).flatMap((s) => {
      const anchors = storyAnchors(s);
      return s.articles.map((a) => ({ a, expressions: find(a.text, anchors.get(a.id)?.value) }));
    });
    const failures: string[] = [];
    let checked = 0;
    for (const r of key.relativeDates) {
      const k = key.articles.find((x) => x.id === r.article)!;
      // The article as stored: same outlet host and publication day (an article the text stage left undated is skipped).
      const phrase = r.phrase.toLowerCase();
      const candidates = articles.filter(
        ({ a }) =>
          a.published !== undefined &&
          a.url?.includes(k.outlet) &&
          a.published.slice(0, 10) === k.published?.value.slice(0, 10) &&
          a.text.toLowerCase().includes(phrase),
      );
      if (candidates.length === 0) continue;
      const found = candidates.flatMap(({ expressions }) => expressions.filter((e) => e.type !== 'DURATION' && phrase.includes(e.text.toLowerCase())));
      if (found.length === 0 && /hours after/.test(phrase)) continue;
      checked++;
      if (!found.some((e) => e.value.startsWith(r.resolves))) failures.push(`${r.article} "${r.phrase}": ${found.map((e) => e.value).join(', ') || 'not found'} (want ${r.resolves})`);
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(18);
  }, 60_000);
});
