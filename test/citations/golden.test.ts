/**
 * Golden case: the fictional example's largest story through the citation analysis, compared with
 * `golden/harbor-accord/citations.json`. Rewrite with `UPDATE_GOLDEN=1 npx vitest run test/citations`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCitations } from '../../src/pipeline/analyze/citations/index.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';

const file = fileURLToPath(new URL('./golden/harbor-accord/citations.json', import.meta.url));

describe('citations golden case', () => {
  it('matches the expected graph for harbor-accord', async () => {
    const accord = (await storiesOf(EXAMPLE_DIR))[0]!;
    const g = createCitations()(accord);
    const readable = {
      nodes: g.nodes,
      edges: g.edges.map((e) => ({ from: e.from, to: e.to, count: e.count, evidence: e.evidence.map((v) => `[${v.cue}] ${v.text}`) })),
    };
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(readable, null, 2)}\n`);
    expect(readable).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  }, 60_000);
});
