/**
 * Golden case: the fictional example's largest story through event time, event place and the
 * timeline, compared with `golden/harbor-accord/*.json`. Rewrite with
 * `UPDATE_GOLDEN=1 npx vitest run test/time`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEventPlace } from '../../src/pipeline/analyze/place/index.js';
import { createEventTime, createTimeline } from '../../src/pipeline/analyze/time/index.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';

const dir = fileURLToPath(new URL('./golden/harbor-accord/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

function compare(name: string, actual: unknown): void {
  const file = `${dir}${name}`;
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/time`).toBe(true);
  expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe('time and place golden case', () => {
  it('matches the expected event time, place and timeline for harbor-accord', async () => {
    const [accord] = await storiesOf(EXAMPLE_DIR);
    const site = new Map(accord!.articles.map((a) => [a.id, a.site] as const));
    const when = createEventTime()(accord!)!;
    const where = createEventPlace()(accord!)!;
    const readableVote = (v: { value: string; votes: number; evidence: readonly { articleId: string; text: string }[] }) => ({
      value: v.value,
      votes: v.votes,
      evidence: v.evidence.map((e) => `${site.get(e.articleId)}: ${e.text}`),
    });
    compare('when.json', { ...readableVote(when), alternatives: when.alternatives.map(readableVote) });
    compare('where.json', { ...readableVote(where), alternatives: where.alternatives.map(readableVote) });
    compare(
      'timeline.json',
      createTimeline()(accord!).map((e) => ({ date: e.date, text: e.text, sources: e.sources.map((s) => `${s.site}: ${s.text}`) })),
    );
  }, 60_000);
});
