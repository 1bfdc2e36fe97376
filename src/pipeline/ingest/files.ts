/**
 * Folders → the files in them: recursive, in a stable order (code-point order of names), skipping
 * dotfiles and dot-folders, and never entering a folder twice (so symlink loops end).
 */
import { join } from 'node:path';
import { createError, type ParallaxError } from '../../errors.js';
import type { IngestIO } from './io.js';

export type WalkItem =
  | { readonly ok: true; readonly path: string; readonly size: number }
  | { readonly ok: false; readonly path: string; readonly error: ParallaxError };

function unreadable(path: string, err: unknown): ParallaxError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return createError('INPUT_NOT_FOUND', { input: path }, err);
  return createError('INPUT_UNREADABLE', { input: path, detail: code ?? (err instanceof Error ? err.message : String(err)) }, err);
}

/** The files under folder `root` (already known to be a folder). */
export async function* walkFolder(root: string, io: IngestIO): AsyncGenerator<WalkItem> {
  const seen = new Set<string>();
  async function* visit(dir: string): AsyncGenerator<WalkItem> {
    let real: string;
    try {
      real = await io.realpath(dir);
    } catch (err) {
      yield { ok: false, path: dir, error: unreadable(dir, err) };
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = await io.readdir(dir);
    } catch (err) {
      yield { ok: false, path: dir, error: unreadable(dir, err) };
      return;
    }
    names = names.filter((n) => !n.startsWith('.')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const path = join(dir, name);
      let info: Awaited<ReturnType<IngestIO['stat']>>;
      try {
        info = await io.stat(path);
      } catch (err) {
        yield { ok: false, path, error: unreadable(path, err) };
        continue;
      }
      if (info.isDirectory) yield* visit(path);
      else if (info.isFile) yield { ok: true, path, size: info.size };
    }
  }
  yield* visit(root);
}

export { unreadable };
