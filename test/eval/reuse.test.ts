import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import reuse from '../../eval/sets/reuse.js';
import { belowFloors } from '../../eval/registry.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/story-clustering', import.meta.url));

describe('reuse evaluation', () => {
  it.skipIf(!existsSync(dataDir))('labels derivations and names originals at or above its floors', async () => {
    const lines: string[] = [];
    const result = await reuse.run({ dataDir, log: (l) => lines.push(l) });
    expect(Object.keys(result.floors).sort()).toEqual(['macroF1', 'macroF1SameEvent', 'sourceAccuracy']);
    expect(belowFloors(result)).toEqual([]);
    expect(lines.some((l) => l.includes('generated copies'))).toBe(true);
  });
});
