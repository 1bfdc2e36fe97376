/**
 * Golden case: the fictional example's largest story through the naming analysis, compared with
 * `golden/harbor-accord/naming.json` (readable: terms per outlet and voice). Rewrite with
 * `UPDATE_GOLDEN=1 npx vitest run test/naming`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createNaming } from '../../src/pipeline/analyze/naming/index.js';
import { EXAMPLE_DIR, storiesOf } from '../support/stories.js';

const file = fileURLToPath(new URL('./golden/harbor-accord/naming.json', import.meta.url));

describe('naming golden case', () => {
  it('matches the expected namings for harbor-accord', async () => {
    const accord = (await storiesOf(EXAMPLE_DIR))[0]!;
    const out = createNaming({ useLibrary: false })(accord);
    const readable = out.map((n) => ({
      id: n.from === 'entity' ? `entity:${n.neutral}` : n.id,
      neutral: n.neutral,
      from: n.from,
      outlets: Object.fromEntries(n.outlets.map((o) => [o.site, o.uses.map((u) => `${u.voice}: ${u.term} ×${u.count}${u.tone && u.tone !== 'neutral' ? ` (${u.tone})` : ''}`)])),
    }));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(readable, null, 2)}\n`);
    expect(readable).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  }, 60_000);
});
