/** Helpers shared by the ingest tests: run the stage over inputs, and make a scratch folder. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Ingest, IngestItem } from '../../../src/pipeline/ingest/index.js';

export async function collect(ingest: Ingest, inputs: readonly string[]): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of ingest(inputs)) out.push(item);
  return out;
}

/** Result summary: `OK <input> <mediaType>` or `ERR <input> <code>`, for compact assertions. */
export function summary(items: readonly IngestItem[]): string[] {
  return items.map((i) => (i.ok ? `OK ${i.input} ${i.document.value.mediaType}` : `ERR ${i.input} ${i.error.code}`));
}

export interface Scratch {
  readonly dir: string;
  write(rel: string, data: string | Uint8Array): string;
  remove(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-'));
  return {
    dir,
    write(rel, data) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fixed clock so ingestedAt is stable. */
export const fixedNow = (): Date => new Date('2025-01-01T00:00:00.000Z');
