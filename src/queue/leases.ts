/**
 * Job leases: how a worker shows that a job it took is still running, and how any worker finds the
 * jobs whose worker died, without waiting for the job's expiry (hours, since a long WARC or a large
 * stories run must not be declared lost while it runs).
 *
 * A running job holds a session-level PostgreSQL advisory lock keyed by its id, on a connection of
 * its own. The lock lives exactly as long as that session: a worker killed with SIGKILL, a machine
 * that vanished or a dropped connection frees it at once, while a job that runs for hours keeps it.
 * A keeper checks each held lease every `keepSeconds` and takes it again on a fresh connection when
 * the session ended (a database restart ends them all).
 *
 * The sweeper (one at a time across workers, under an advisory lock of its own) lists the active
 * jobs started more than `graceSeconds` ago (so a job just fetched has time to take its lease) and
 * tries each one's lock. A lock it can take has no holder; a job found so on two sweeps in a row (so
 * a keeper had time to take a lease back after a restart) is lost, and is failed so that pg-boss
 * retries it. Retrying is safe: ingest stores nothing twice, and story building takes the store's
 * own lock, so a lost run that was in fact alive only makes the retry wait for it.
 */
import pg from 'pg';
import { SteadyClient } from '../store/postgres/driver.js';

/** First key of the job leases' advisory locks (the second is the job id's hash). */
const LEASE_KEY = 'parallax-job-lease';
/** The sweeper's own lock, so that one worker sweeps at a time. */
const SWEEP_KEY = 'parallax-job-sweep';

export interface LeaseOptions {
  readonly url: string;
  /** pg-boss's schema, where its `job` table is. */
  readonly schema: string;
  /** The queues whose jobs are leased. */
  readonly queues: readonly string[];
  /** Connections for leases and sweeping: one per job run at once, plus one. */
  readonly maxConnections: number;
  readonly keepSeconds: number;
  readonly graceSeconds: number;
  /** A lease lost and not taken back; the job goes on (and may be retried beside it, which is safe). */
  readonly onFault?: (detail: string) => void;
}

/** A job found without a holder on two sweeps in a row. */
export interface LostJob {
  readonly name: string;
  readonly id: string;
}

export interface Leases {
  /** Take the lease of a job this worker starts; resolves to its release. Never throws. */
  hold(jobId: string): Promise<() => void>;
  /** Active jobs whose lease nobody has held across two sweeps; empty while another worker sweeps. */
  sweep(): Promise<LostJob[]>;
  close(): Promise<void>;
}

interface Held {
  readonly jobId: string;
  client: pg.PoolClient | undefined;
  locked: boolean;
  /** Set by the release: a keeper still taking the lease back must give its connection up. */
  released: boolean;
}

const detailOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A double-quoted SQL identifier (pg-boss schema names are plain identifiers; quoting keeps it so). */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function createLeases(options: LeaseOptions): Leases {
  const pool = new pg.Pool({ Client: SteadyClient, connectionString: options.url, max: options.maxConnections });
  // An idle pooled connection that the server dropped reports here; the next checkout replaces it.
  pool.on('error', () => undefined);
  const held = new Set<Held>();
  const suspects = new Set<string>();
  let closed = false;

  const lock = async (lease: Held): Promise<void> => {
    if (closed || lease.released) return;
    try {
      if (lease.client === undefined) {
        // A SteadyClient: the server dropping it (a restart) fails its next query, never the worker.
        const client = await pool.connect();
        // Released or closed while connecting: the connection is given back at once, never leaked
        // (a connection never given back would keep the pool, and so the worker, from closing).
        if (closed || lease.released) {
          client.release(true);
          return;
        }
        lease.client = client;
      }
      const { rows } = await lease.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [LEASE_KEY, lease.jobId]);
      // Not taken: another run of the same job (an expired one retried) holds it, which keeps it alive too.
      lease.locked = rows[0]?.ok === true;
      if (lease.released && lease.client !== undefined) {
        // Released while the lock was being taken: the session ends, and the lock with it.
        lease.client.release(true);
        lease.client = undefined;
        lease.locked = false;
      }
    } catch (err) {
      lease.client?.release(true);
      lease.client = undefined;
      lease.locked = false;
      options.onFault?.(`could not take the lease of job ${lease.jobId}: ${detailOf(err)}`);
    }
  };

  /** Each held lease still answers, or is taken again on a fresh session. */
  let keeping = false;
  const keep = async (): Promise<void> => {
    if (keeping) return;
    keeping = true;
    try {
      for (const lease of [...held]) {
        const client = lease.client;
        if (client !== undefined && lease.locked) {
          const alive = await client.query('SELECT 1').then(
            () => true,
            () => false,
          );
          if (alive || lease.client !== client) continue;
          client.release(true);
          lease.client = undefined;
          lease.locked = false;
        }
        if (held.has(lease)) await lock(lease);
      }
    } finally {
      keeping = false;
    }
  };
  const keeper = setInterval(() => void keep(), options.keepSeconds * 1000);
  keeper.unref();

  return {
    async hold(jobId) {
      const lease: Held = { jobId, client: undefined, locked: false, released: false };
      held.add(lease);
      await lock(lease);
      return () => {
        lease.released = true;
        held.delete(lease);
        const client = lease.client;
        lease.client = undefined;
        lease.locked = false;
        // The connection is closed rather than pooled: ending its session frees the lock whatever
        // a keeper was doing with it, and a job is long enough that a new connection costs nothing.
        client?.release(true);
      };
    },

    async sweep() {
      if (closed) return [];
      const client = await pool.connect();
      let clean = true;
      try {
        const { rows: turn } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), 0) AS ok', [SWEEP_KEY]);
        if (turn[0]?.ok !== true) return [];
        try {
          const { rows } = await client.query<{ name: string; id: string }>(
            `SELECT name, id::text AS id FROM ${ident(options.schema)}.job
             WHERE name = ANY($1::text[]) AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
            [[...options.queues], options.graceSeconds],
          );
          const lost: LostJob[] = [];
          const free = new Set<string>();
          for (const job of rows) {
            const { rows: probe } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [LEASE_KEY, job.id]);
            if (probe[0]?.ok !== true) continue;
            await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LEASE_KEY, job.id]);
            free.add(job.id);
            if (suspects.has(job.id)) lost.push(job);
          }
          suspects.clear();
          for (const id of free) if (!lost.some((j) => j.id === id)) suspects.add(id);
          return lost;
        } finally {
          clean = await client.query('SELECT pg_advisory_unlock(hashtext($1), 0)', [SWEEP_KEY]).then(
            () => true,
            () => false,
          );
        }
      } catch (err) {
        clean = false;
        throw err;
      } finally {
        client.release(!clean);
      }
    },

    async close() {
      closed = true;
      clearInterval(keeper);
      for (const lease of held) {
        lease.released = true;
        lease.client?.release(true);
        lease.client = undefined;
      }
      held.clear();
      // The pool ends once every connection is back; a sweep cut off mid-query is not waited for long.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pool.end().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
    },
  };
}
