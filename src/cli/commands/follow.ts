/**
 * `parallax follow story ID | person NAME | outlet KEY | term WORDS [--webhook URL]`: follow
 * something; its new articles, claims, conflicts and quotes then appear in `parallax feed` after
 * each ingest or watch run (and are POSTed to the webhook if given). `parallax follow --list` lists
 * the follows with their last delivery; `parallax unfollow ID` removes one with its entries.
 */
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { StoredFollow } from '../../store/follows.js';
import { dbLocation, type CliContext } from '../context.js';

interface FollowCliOptions {
  db?: string;
  json?: boolean;
  list?: boolean;
  webhook?: string;
}

/** One follow as a line: id, kind, target, webhook and its last delivery. */
export function followLine(f: StoredFollow): string {
  const hook = f.webhook === undefined ? '' : ` → ${f.webhook}${f.delivery === undefined ? '' : f.delivery.ok ? ` (last delivery ${f.delivery.at}: ${f.delivery.entries} entries, HTTP ${f.delivery.status ?? '?'})` : ` (last delivery ${f.delivery.at} FAILED: ${f.delivery.error ?? 'unknown'})`}`;
  return `${f.id}  ${f.kind.padEnd(6)}  ${f.target}${hook}`;
}

/** Register `follow` and `unfollow`. */
export function registerFollow(program: Command, ctx: CliContext): void {
  program
    .command('follow')
    .description('Follow a story (its id or an article id), a person (a name), an outlet (its key) or a term (words): new articles, claims, conflicts and quotes for it go to `parallax feed` after each ingest or watch run. --list lists the follows.')
    .argument('[kind]', 'story, person, outlet or term')
    .argument('[target...]', 'the story id, name, outlet key or words')
    .option('--webhook <url>', 'also POST each run\'s new entries as JSON to this http(s) URL (public addresses only unless PARALLAX_WEBHOOK_ALLOW_PRIVATE=1)')
    .option('--list', 'list the follows')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .action(async (kind: string | undefined, target: string[], opts: FollowCliOptions) => {
      const location = dbLocation(ctx, opts.db);
      if (opts.list === true || kind === undefined) {
        if (kind !== undefined) throw createError('USAGE', { detail: '--list takes no kind or target' });
        const store = await openStore(location, { mustExist: true });
        try {
          const follows = await store.follows.list();
          if (opts.json) ctx.stdout.write(`${JSON.stringify({ follows }, null, 2)}\n`);
          else ctx.stdout.write(follows.length === 0 ? 'Nothing followed yet: `parallax follow story ID | person NAME | outlet KEY | term WORDS`.\n' : `${follows.map(followLine).join('\n')}\n`);
        } finally {
          await store.close();
        }
        return;
      }
      const { addFollow } = await import('../../pipeline/follow/service.js');
      const store = await openStore(location, { mustExist: true });
      try {
        const { follow, seen } = await addFollow(store, { kind, target: target.join(' '), ...(opts.webhook !== undefined ? { webhook: opts.webhook } : {}) }, location, (detail) => createError('USAGE', { detail }));
        if (opts.json) ctx.stdout.write(`${JSON.stringify({ follow, seen }, null, 2)}\n`);
        else ctx.stdout.write(`Following ${follow.kind} ${follow.target} as ${follow.id}; ${seen} item(s) already there are not reported. New ones appear in \`parallax feed\` after each ingest or watch run.\n`);
      } finally {
        await store.close();
      }
    });
  program
    .command('unfollow')
    .description('Stop following (a follow id from `parallax follow --list`); its feed entries go too.')
    .argument('<id>', 'the follow id (fol_…)')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .action(async (id: string, opts: { db?: string }) => {
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      try {
        if (!(await store.removeFollow(id))) throw createError('FOLLOW_NOT_FOUND', { id, db: dbLocation(ctx, opts.db) });
        ctx.stdout.write(`Unfollowed ${id}.\n`);
      } finally {
        await store.close();
      }
    });
}
