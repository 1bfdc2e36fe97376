import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import reuse from '../../eval/sets/reuse.js';
import { belowFloors } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/story-clustering', import.meta.url));
const data = evalData([dataDir]);

describe('reuse evaluation', () => {
  it.skipIf(!data.run)(`labels derivations and names originals at or above its floors${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await reuse.run({ dataDir, log: (l) => lines.push(l) });
    expect(Object.keys(result.floors).sort()).toEqual(['macroF1', 'macroF1SameEvent', 'sourceAccuracy']);
    expect(belowFloors(result)).toEqual([]);
    expect(lines.some((l) => l.includes('generated copies'))).toBe(true);
  });
});
