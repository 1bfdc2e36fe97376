/**
 * The job journal: one JSON file per ingest job in a folder of its own (`<id>.json`, written whole
 * by rename, so a crash leaves the old or the new record, never half of one), and beside it the
 * folder of each upload job's files (`<id>/`). See `jobs.ts` for how a server resumes from it.
 * Folders and partial records that belong to no job (a crash while an upload was arriving) are
 * removed when the journal is opened. One process holds a journal at a time (`.lock` names it): a
 * second server over the same folder is refused, since it would resume jobs the first is running
 * and remove uploads still arriving there; the lock of a process that died is taken over.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createError } from '../errors.js';
import type { IngestJob } from './ingest.js';
import type { JobStatus } from './jobs.js';

/** A job as the journal holds it: its last status and what it reads. */
export interface JournalRecord {
  readonly status: JobStatus;
  readonly job: IngestJob;
}

export interface JobJournal {
  /** The records found when the journal was opened, oldest first. */
  load(): JournalRecord[];
  save(record: JournalRecord): void;
  /** Forget a job's record (and its folder, if left). */
  remove(id: string): void;
  /** A new folder for an upload's files, named after the job id it will have. */
  uploadFolder(id: string): Promise<string>;
  /** Files of `job` no longer on disk. */
  missingFiles(job: IngestJob): string[];
  /** Let another process open the journal. */
  release(): void;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Open (creating) the journal in `dir`, clearing leftovers of jobs it has no record of. */
export function openJobJournal(dir: string): JobJournal {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = join(dir, '.lock');
  takeLock(lock, dir);
  const records: JournalRecord[] = [];
  const names = readdirSync(dir).filter((n) => n !== '.lock');
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    try {
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as JournalRecord;
      if (record.status?.id && ID.test(record.status.id)) records.push(record);
    } catch {
      // An unreadable record is dropped below with the rest of the leftovers.
    }
  }
  const known = new Set(records.map((r) => r.status.id));
  for (const name of names) {
    const id = name.replace(/\.json$/, '');
    if (!known.has(id)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  records.sort((a, b) => a.status.createdAt.localeCompare(b.status.createdAt));

  const file = (id: string) => join(dir, `${id}.json`);
  return {
    load: () => records.slice(),
    save(record) {
      const tmp = `${file(record.status.id)}.tmp`;
      writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
      renameSync(tmp, file(record.status.id));
    },
    remove(id) {
      rmSync(file(id), { force: true });
      rmSync(join(dir, id), { recursive: true, force: true });
    },
    async uploadFolder(id) {
      const folder = join(dir, id);
      await mkdir(folder, { mode: 0o700 });
      return folder;
    },
    missingFiles: (job) => (job.kind === 'upload' ? job.files.filter((f) => !existsSync(f.path)).map((f) => f.name) : []),
    release() {
      if (holder(lock) === process.pid) rmSync(lock, { force: true });
    },
  };
}

/** Hold `lock` for this process, unless a live other process holds it. */
function takeLock(lock: string, dir: string): void {
  const pid = holder(lock);
  if (pid !== undefined && pid !== process.pid && alive(pid)) {
    throw createError('USAGE', { detail: `the jobs folder ${dir} is in use by process ${pid} (another server over the same database): stop it, or give this one its own --jobs-dir` });
  }
  writeFileSync(lock, String(process.pid), { mode: 0o600 });
}

function holder(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
