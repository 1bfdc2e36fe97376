/**
 * The outlet registry in use: the bundled `outlets.json` plus the user's outlets file, if any.
 *
 * One rule: the file given with `--outlets FILE` (any command), else the file named by the
 * `PARALLAX_OUTLETS` environment variable, else none. Its entries override bundled ones with the
 * same key. The CLI sets the file once per run ({@link useOutletsFile}); code that never set it
 * (the server's workers, library users) reads `PARALLAX_OUTLETS`.
 */
import { statSync } from 'node:fs';
import { createOutletRegistry, readOutletsFile, type OutletRegistry } from '../../dedup/outlets.js';

let chosen: { readonly file: string | undefined } | undefined;
const cache = new Map<string, OutletRegistry>();
const BUNDLED = createOutletRegistry();

/** Use this outlets file (undefined: the bundled list only) until told otherwise. Reads it now, so a bad file fails at once (and is not used). */
export function useOutletsFile(file: string | undefined): OutletRegistry {
  const registry = file === undefined ? BUNDLED : load(file);
  chosen = { file };
  return registry;
}

/** The file {@link currentOutletRegistry} reads: the one chosen with {@link useOutletsFile}, else `$PARALLAX_OUTLETS`. */
export function outletsFile(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  if (chosen) return chosen.file;
  const f = env.PARALLAX_OUTLETS;
  return f !== undefined && f.trim().length > 0 ? f : undefined;
}

/**
 * The registry in use: bundled plus the user's file (re-read when the file changes). Throws
 * `INPUT_NOT_FOUND` or `DEDUP_OUTLETS_INVALID` (naming the entry) for a missing or bad file.
 */
export function currentOutletRegistry(env?: Readonly<Record<string, string | undefined>>): OutletRegistry {
  const file = outletsFile(env);
  return file === undefined ? BUNDLED : load(file);
}

/** Bundled plus `file`, read again when it changed. */
function load(file: string): OutletRegistry {
  let stamp = 'missing';
  try {
    const st = statSync(file);
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    // readOutletsFile says so
  }
  const id = `${file}\u0000${stamp}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const registry = createOutletRegistry(readOutletsFile(file));
  cache.set(id, registry);
  return registry;
}
