import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import timex from '../../eval/sets/timex.js';
import { belowFloors } from '../../eval/registry.js';
import { evalData } from '../support/eval-data.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/timex', import.meta.url));
const data = evalData([dataDir]);

describe('timex evaluation', () => {
  it.skipIf(!data.run)(`finds and normalises temporal expressions at or above its floors${data.note}`, async () => {
    data.check();
    const lines: string[] = [];
    const result = await timex.run({ dataDir, log: (l) => lines.push(l) });
    expect(Object.keys(result.floors).sort()).toEqual(['relaxedF1', 'strictF1', 'valueF1']);
    expect(belowFloors(result)).toEqual([]);
    expect(result.figures.valueF1).toBeCloseTo(result.figures.relaxedF1! * result.figures.valueAccuracy!, 10);
    expect(lines.some((l) => l.includes('gold timexes'))).toBe(true);
  }, 60_000);
});
