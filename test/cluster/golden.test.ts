import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createClusterer, type ClusterInput, type ClusterOptions } from '../../src/pipeline/cluster/index.js';

// Golden cases: test/cluster/golden/<case>/input.json ({options, articles}) is streamed through the
// clusterer and consolidated; expected.json holds the assignments and final stories, messages.json
// every message. `UPDATE_GOLDEN=1 npx vitest run test/cluster` rewrites them.
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function check(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update || !existsSync(file)) writeFileSync(file, text);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(text));
}

describe('cluster golden cases', () => {
  for (const name of readdirSync(root)) {
    it(`clusters ${name} as recorded`, () => {
      const dir = path.join(root, name);
      const input = JSON.parse(readFileSync(path.join(dir, 'input.json'), 'utf8')) as { options: ClusterOptions; articles: ClusterInput[] };
      const c = createClusterer(input.options);
      const assignments = input.articles.map((a) => c.add(a));
      const consolidated = c.consolidate();
      const messages = [...assignments.flatMap((a) => a.messages), ...consolidated];
      const round = (x: number): number => Math.round(x * 1e4) / 1e4;
      check(path.join(dir, 'expected.json'), {
        assignments: assignments.map(({ messages: _m, score, ...rest }) => ({ ...rest, score: round(score) })),
        stories: c.stories().map((s) => ({ ...s, members: s.members.map((m) => m.articleId) })),
      });
      check(path.join(dir, 'messages.json'), messages.map((m) => ({ ...m, data: { ...m.data, score: round(Number(m.data?.score)) } })));
    });
  }
});
