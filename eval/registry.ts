/**
 * Finds the evaluation sets: every module in `eval/sets/` default-exports an {@link EvalSet}.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { createError } from '../src/errors.js';
import type { EvalSet } from './types.js';

const setsDir = fileURLToPath(new URL('./sets/', import.meta.url));

/** Names of the available sets, sorted. */
export function listEvalSets(): string[] {
  return readdirSync(setsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Load one set by name; EVAL_UNKNOWN_SET when there is none. */
export async function loadEvalSet(name: string): Promise<EvalSet> {
  const known = listEvalSets();
  if (!known.includes(name)) throw createError('EVAL_UNKNOWN_SET', { set: name, known: known.join(', ') });
  const mod = (await import(pathToFileURL(path.join(setsDir, `${name}.ts`)).href)) as { default: EvalSet };
  return mod.default;
}

/** `../shared/data/<folder>` relative to the project root. */
export function defaultDataDir(set: EvalSet): string {
  return fileURLToPath(new URL(`../../shared/data/${set.dataFolder}`, import.meta.url));
}

/** Figures below their floors, as `name: value < floor` lines; empty when all hold. */
export function belowFloors(result: { figures: Readonly<Record<string, number>>; floors: Readonly<Record<string, number>> }): string[] {
  return Object.entries(result.floors)
    .filter(([k, floor]) => !((result.figures[k] ?? Number.NaN) >= floor))
    .map(([k, floor]) => `${k}: ${result.figures[k]?.toFixed(4) ?? 'missing'} < floor ${floor}`);
}
