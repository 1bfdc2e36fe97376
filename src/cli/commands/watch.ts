/**
 * `parallax watch FEED_URL... [--feeds FILE] [--every 15m] [--db …] [--once]`: poll feeds on a
 * schedule and ingest only their new items.
 *
 * Each feed's state (validators, item keys seen, failures, next poll) lives in the store's analysis
 * state under `feed:URL`, so a restarted watcher carries on where it stopped. With a SQLite store the
 * new items are ingested at once and grouped into stories; with a PostgreSQL store (`postgres://…`)
 * each feed's new items become one queued ingest job that carries them, for `parallax worker`.
 * The state is saved only after the items were ingested or queued: a crash in between polls them
 * again, and the store's content ids keep them from being stored twice.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createError, toParallaxError } from '../../errors.js';
// The poller and the pipeline load only when a watch runs, so other commands start quickly.
import type { FeedFetch, FeedState } from '../../pipeline/ingest/poll.js';
import type { PipelineOptions } from '../../pipeline/run.js';
import { openStore } from '../../store/index.js';
import { dbLocation, type CliContext } from '../context.js';
import { EXIT_SOME_FAILED } from '../errors.js';

export interface WatchOptions {
  readonly feeds: readonly string[];
  /** Store location: a SQLite file (ingest inline) or `postgres://…` (queue jobs for the workers). */
  readonly db: string;
  /** Poll each feed once (those backing off after failures excepted) and return. */
  readonly once?: boolean;
  /** Seconds between polls of a healthy feed (default 900). */
  readonly everySeconds?: number;
  /** Feed requests (default: the real, address-guarded fetch). */
  readonly fetch?: FeedFetch;
  readonly now?: () => Date;
  /** Uniform in [0, 1), for the backoff jitter. */
  readonly random?: () => number;
  /** Wait between passes; resolves early when `signal` aborts (default: a timer). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stops the watcher after the feed being polled (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Stage options for inline ingestion. */
  readonly pipeline?: PipelineOptions;
  /** One line per poll outcome. */
  readonly log?: (line: string) => void;
  /** One catalogued line per failure. */
  readonly warn?: (line: string) => void;
}

export interface WatchSummary {
  readonly polls: number;
  /** Polls answered 304 Not Modified. */
  readonly notModified: number;
  readonly failed: number;
  /** New items taken (ingested inline or queued). */
  readonly newItems: number;
  /** Articles stored by inline ingestion (0 when queued). */
  readonly articles: number;
  /** Ingest jobs queued (PostgreSQL only). */
  readonly jobs: number;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish);
  });
}

/** `15m`, `30s`, `1h`, `1d` or plain seconds → seconds; throws USAGE otherwise. */
export function parseInterval(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(text.trim());
  const unit = { s: 1, m: 60, h: 3600, d: 86400 } as const;
  const seconds = m === null ? NaN : Number(m[1]) * unit[(m[2]?.toLowerCase() ?? 's') as keyof typeof unit];
  if (!Number.isFinite(seconds) || seconds < 1) throw createError('USAGE', { detail: `--every must be a duration such as 15m, 1h or 90s, not "${text}"` });
  return seconds;
}

/** Feed URLs from a feeds file: one per line; blank lines and `#` comments skipped. Throws WATCH_FEEDS_FILE. */
export function readFeedsFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw createError('WATCH_FEEDS_FILE', { file: path, detail: err instanceof Error ? err.message : String(err) }, err);
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l !== '');
}

/**
 * Watch feeds until `signal` aborts (or one pass with `once`). Throws WATCH_NO_FEEDS, a store
 * opening error, or QUEUE_START_FAILED; a failing feed never throws (it is reported through `warn`
 * and backed off).
 */
export async function watchFeeds(options: WatchOptions): Promise<WatchSummary> {
  const feeds = [...new Set(options.feeds)];
  if (feeds.length === 0) throw createError('WATCH_NO_FEEDS');
  const { asFeedState, createFeedFetch, createPoller, feedStateKey, inlineInputIO, itemsJsonl, pollDefaults } = await import('../../pipeline/ingest/poll.js');
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const signal = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? defaultSleep;
  const everySeconds = options.everySeconds ?? pollDefaults.everySeconds;
  const poller = createPoller({
    fetch: options.fetch ?? createFeedFetch(),
    now,
    everySeconds,
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  const { isPostgresLocation } = await import('../../queue/index.js');
  const queued = isPostgresLocation(options.db);
  const store = await openStore(options.db);
  const queue = queued ? await (await import('../../queue/index.js')).createQueue({ url: options.db, pipeline: options.pipeline ?? {} }) : undefined;
  const summary = { polls: 0, notModified: 0, failed: 0, newItems: 0, articles: 0, jobs: 0 };
  const saveState = (feed: string, state: FeedState) => store.saveStories({ upsert: [], remove: [], state: [{ key: feedStateKey(feed), value: state }] });

  try {
    while (!signal.aborted) {
      let addedThisPass = 0;
      for (const feed of feeds) {
        if (signal.aborted) break;
        const state = asFeedState(await store.analysis.getState(feedStateKey(feed)));
        if (options.once ? poller.backingOff(state) : !poller.due(state)) {
          if (options.once) log(`${feed}: backing off after ${state?.failures ?? 0} failures, next try at ${state?.nextPollAt ?? 'once due'}`);
          continue;
        }
        const result = await poller.poll(feed, state);
        summary.polls++;
        if (result.kind === 'failed') {
          summary.failed++;
          warn(`parallax: ${result.error.message} [${result.error.code}]`);
          await saveState(feed, result.state);
          continue;
        }
        if (result.kind === 'not-modified') {
          summary.notModified++;
          log(`${feed}: not modified`);
          await saveState(feed, result.state);
          continue;
        }
        for (const m of result.messages) warn(`${feed}: ${m.reason}`);
        if (result.items.length > 0) {
          const name = `watch:${feed}@${now().toISOString()}`;
          const content = itemsJsonl(result.items);
          try {
            if (queue !== undefined) {
              summary.jobs += (await queue.enqueueIngest([{ input: name, content }])).length;
              log(`${feed}: ${result.items.length} new items queued (${result.known} already seen)`);
            } else {
              const { runIngest } = await import('../../pipeline/run.js');
              const pipeline = options.pipeline ?? {};
              const ingested = await runIngest({
                ...pipeline,
                ingest: { ...pipeline.ingest, io: { ...pipeline.ingest?.io, ...inlineInputIO(name, content) } },
                inputs: [name],
                store,
                onFailure: (input, error) => warn(`parallax: ${error.message} [${error.code}] (${input})`),
              });
              summary.articles += ingested.articles;
              addedThisPass += ingested.articles;
              log(`${feed}: ${result.items.length} new items, ${ingested.articles} articles stored (${result.known} already seen)`);
            }
          } catch (err) {
            // Not remembered as seen: the next poll takes them again.
            summary.failed++;
            const error = toParallaxError(err);
            warn(`parallax: ${error.message} [${error.code}] (new items of ${feed}, taken again next poll)`);
            continue;
          }
          summary.newItems += result.items.length;
        } else {
          log(`${feed}: nothing new (${result.known} items already seen)`);
        }
        await saveState(feed, result.state);
      }
      if (addedThisPass > 0) {
        const { runStories } = await import('../../pipeline/stories.js');
        const stories = await runStories({ store });
        log(`stories: ${stories.assigned} articles assigned, ${stories.changed} stories changed, ${stories.stories} stories`);
      }
      if (options.once) break;
      // Sleep until the first feed falls due (at most one interval).
      let wakeAt = now().getTime() + everySeconds * 1000;
      for (const feed of feeds) {
        const next = asFeedState(await store.analysis.getState(feedStateKey(feed)))?.nextPollAt;
        if (next !== undefined) wakeAt = Math.min(wakeAt, Date.parse(next));
      }
      await sleep(Math.max(1000, wakeAt - now().getTime()), signal);
    }
  } finally {
    await queue?.stop();
    await store.close();
  }
  return summary;
}

interface WatchCliOptions {
  feeds?: string;
  every?: string;
  db?: string;
  once?: boolean;
  allowPrivateNetwork?: boolean;
  timeout?: string;
}

/** Register `parallax watch` (the lead wires it into the program). */
export function registerWatch(program: Command, ctx: CliContext): void {
  program
    .command('watch')
    .description('Poll RSS/Atom feeds on a schedule and ingest their new items (queued for workers with a postgres:// --db).')
    .argument('[feeds...]', 'feed URLs')
    .option('--feeds <file>', 'file of feed URLs, one per line (# comments)')
    .option('--every <interval>', 'time between polls of a feed: 90s, 15m, 1h', '15m')
    .option('--db <location>', 'database: SQLite file or postgres://… (default ./parallax.db, or $PARALLAX_DB)')
    .option('--once', 'poll each feed once and exit (for cron)')
    .option('--allow-private-network', 'allow feeds on loopback or private addresses')
    .option('--timeout <seconds>', 'timeout for each feed request (default 30)')
    .action(async (args: string[], opts: WatchCliOptions) => {
      const everySeconds = parseInterval(opts.every ?? '15m');
      const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
      if (timeout !== undefined && !(timeout > 0)) throw createError('USAGE', { detail: `--timeout must be a positive number of seconds, not "${opts.timeout}"` });
      const feeds = [...args, ...(opts.feeds === undefined ? [] : readFeedsFile(resolve(ctx.cwd, opts.feeds)))];
      const { createFeedFetch } = await import('../../pipeline/ingest/poll.js');
      const controller = new AbortController();
      const stop = () => {
        ctx.stderr.write('watch: stopping after the current feed\n');
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const allowPrivateNetwork = opts.allowPrivateNetwork === true;
        const summary = await watchFeeds({
          feeds,
          db: dbLocation(ctx, opts.db),
          everySeconds,
          once: opts.once === true,
          fetch: createFeedFetch({ allowPrivateNetwork, ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }) }),
          pipeline: { ingest: { allowPrivateNetwork } },
          signal: controller.signal,
          log: (line) => ctx.stdout.write(`${line}\n`),
          warn: (line) => ctx.stderr.write(`${line}\n`),
        });
        if (opts.once) {
          ctx.stdout.write(
            `${summary.polls} feeds polled: ${summary.newItems} new items, ${summary.notModified} not modified, ${summary.failed} failed` +
              `${summary.jobs > 0 ? `; ${summary.jobs} ingest jobs queued` : `; ${summary.articles} articles stored`}\n`,
          );
          if (summary.failed > 0) ctx.exitCode = EXIT_SOME_FAILED;
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
