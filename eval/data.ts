/**
 * Reading evaluation data: every set ships gzipped JSON Lines beside its README.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createError } from '../src/errors.js';

/** The records of `<dataDir>/<name>` (a `.jsonl.gz` file); EVAL_DATA_MISSING when it is absent. */
export function readJsonlGz<T>(dataDir: string, name: string): T[] {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) throw createError('EVAL_DATA_MISSING', { dir: dataDir, detail: `${name} not found` });
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
