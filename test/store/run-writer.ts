/**
 * Runs `crash-writer.ts` in a child process for the crash tests of every store driver.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

export interface WriterRun {
  readonly code: number | null;
  readonly signal: string | null;
  /** The last batch the writer reported saved (-1 for none). */
  readonly saved: number;
}

/**
 * Save `batches` batches of `size` generated records (from `seed`) into `db`. With `killAt`, SIGKILL
 * the writer as soon as it announces it has begun that batch, so the kill lands inside a write
 * transaction.
 */
export function runWriter(db: string, seed: number, batches: number, size: number, killAt?: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, db, String(seed), String(batches), String(size)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let saved = -1;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      for (const m of out.matchAll(/saved (\d+)/g)) saved = Math.max(saved, Number(m[1]));
      if (killAt !== undefined && out.includes(`begin ${killAt}\n`)) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killAt === undefined && code !== 0) reject(new Error(`writer failed (${code}): ${err}`));
      else resolve({ code, signal, saved });
    });
  });
}
