/**
 * `parallax quotes STORY` and `parallax people [STORY]`: who said what in a story, each outlet's
 * rendering of every statement aligned against the most complete one; and the people and
 * organisations the stories mention, with their name forms, roles and resolution evidence.
 */
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import type { Entity } from '../../model/quote.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
// The analysis modules (NLP library, word lists) load only when a quotes command runs.
import type {
  PersonView,
  StatementView,
  StoryStatements,
} from '../../pipeline/analyze/statements/index.js';
import type { StoredStatements } from '../../pipeline/analyses.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, type Style } from '../format.js';
import { sideBySide, wordDiff } from '../diff.js';

/** Register `quotes` and `people` on the program. */
export function registerQuotes(program: Command, ctx: CliContext): void {
  program
    .command('quotes')
    .description(
      "Who said what in a story: each speaker's statements, every outlet's rendering aligned against the most complete one. Without STORY, with --speaker and/or --search: statements across every analysed story.",
    )
    .argument('[story]', 'story id (sty_…) or the id of an article in it')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--speaker <name>', 'across stories: statements by a speaker with this in a name form')
    .option('--search <words>', 'across stories: statements holding all these words')
    .option('--limit <n>', 'across stories: at most this many statements', '50')
    .option('--json', 'print JSON')
    .option('--width <n>', 'total width of the side-by-side view (default: the terminal, else 120)')
    .action(async (id: string | undefined, opts: { db?: string; json?: boolean; width?: string; speaker?: string; search?: string; limit: string }) => {
      const location = dbLocation(ctx, opts.db);
      if (id === undefined && opts.speaker === undefined && opts.search === undefined) {
        throw createError('USAGE', { detail: 'name a story, or ask across stories with --speaker NAME and/or --search WORDS' });
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw createError('USAGE', { detail: `--limit must be a positive whole number, not "${opts.limit}"` });
      const store = await openStore(location, { mustExist: true });
      try {
        if (id === undefined) {
          const { searchStatements } = await import('../../pipeline/analyses.js');
          const found = await searchStatements(store, { ...(opts.speaker !== undefined ? { speaker: opts.speaker } : {}), ...(opts.search !== undefined ? { words: opts.search } : {}), limit });
          if (opts.json) {
            ctx.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
            return;
          }
          const style = createStyle(ctx.stdout.isTTY, ctx.env);
          const out = found.hits.map(
            (h) => `${style.bold(h.speaker ?? 'Speaker not named')}: “${h.text}”\n  ${style.dim(`${h.sites.join(', ')} · ${h.storyId} ${h.storyTitle}`)}`,
          );
          out.push(
            style.dim(
              `${found.hits.length} statement(s) in ${found.searched} analysed ${found.searched === 1 ? 'story' : 'stories'}` +
                (found.stale > 0 ? `; ${found.stale} not analysed yet or changed since (run \`parallax analyze\`)` : ''),
            ),
          );
          ctx.stdout.write(`${out.join('\n')}\n`);
          return;
        }
        const { title, result, members } = await analyseStory(store, id, location);
        if (opts.json) {
          const { title: _title, members: _members, ...rest } = result;
          void _title;
          void _members;
          ctx.stdout.write(`${JSON.stringify({ title, articles: members, ...rest }, null, 2)}\n`);
          return;
        }
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        const width = Number(opts.width ?? (ctx.stdout as NodeJS.WriteStream).columns ?? 120);
        ctx.stdout.write(`${formatQuotes(title, result, style, width, members)}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('people')
    .description('People and organisations with their name forms, roles, how many articles mention them and why their forms were joined; over one story, or the largest stories.')
    .argument('[story]', 'story id (sty_…) or the id of an article in it; all stories (the largest ones) without it')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--stories <n>', 'without STORY: how many of the largest stories to read', '20')
    .action(async (id: string | undefined, opts: { db?: string; json?: boolean; stories: string }) => {
      const location = dbLocation(ctx, opts.db);
      const limit = Number(opts.stories);
      if (!Number.isInteger(limit) || limit < 1) throw createError('USAGE', { detail: `--stories must be a positive whole number, not "${opts.stories}"` });
      const store = await openStore(location, { mustExist: true });
      try {
        const ids = id !== undefined ? [id] : (await store.stories.list({ limit })).items.map((s) => s.id);
        const per: { storyId: string; people: readonly PersonView[] }[] = [];
        for (const sid of ids) {
          const { result } = await analyseStory(store, sid, location);
          per.push({ storyId: result.storyId, people: result.people });
        }
        const { mergePeople } = await import('../../pipeline/analyze/statements/index.js');
        const people = mergePeople(per);
        if (opts.json) {
          ctx.stdout.write(`${JSON.stringify({ stories: per.map((p) => p.storyId), people }, null, 2)}\n`);
          return;
        }
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        const out = people.map((p) => formatPerson(p.entity, p, style, id === undefined ? p.storyIds.length : undefined));
        out.push(style.dim(`${people.length} people and organisations in ${per.length} ${per.length === 1 ? 'story' : 'stories'}`));
        ctx.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}

/** A story member as the quotes view shows it: its outlet and its family (independent source). */
export interface MemberInfo {
  readonly articleId: string;
  readonly site: string;
  readonly familyId: string;
  readonly derivation: string;
}

/** Read a story (by story id or member article id) from the store and find its statements. */
/** Who said what in story `id`: its stored analysis when current, else computed now and stored. */
async function analyseStory(store: Store, id: string, location: string): Promise<{ title: string; result: StoredStatements; members: readonly MemberInfo[] }> {
  const { readAnalysis } = await import('../../pipeline/analyses.js');
  const { body } = await readAnalysis(store, id, 'statements', location);
  const { title, members, ...result } = body;
  return { title, result: { ...result, title, members }, members };
}

/** The terminal view of a story's statements, by speaker. */
export function formatQuotes(title: string, r: Omit<StoryStatements, 'articles'>, style: Style, width: number, members: readonly MemberInfo[] = []): string {
  const family = new Map(members.map((m) => [m.articleId, m] as const));
  const entities = new Map(r.entities.map((e) => [e.id, e] as const));
  const out: string[] = [];
  out.push(style.bold(`Quotes in ${r.storyId}: ${title}`));
  const speakers = [...new Set([...r.statements, ...r.single].map((s) => s.personId))];
  out.push(
    style.dim(
      `${r.statements.length} statement(s) rendered by several outlets, ${r.single.length} said only in one outlet, ${speakers.length} speaker(s), ${r.unattributed.length} quote(s) without a speaker`,
    ),
  );
  for (const pid of speakers) {
    const e = entities.get(pid);
    out.push('');
    out.push(style.bold(`${e?.name ?? pid}${e && e.roles.length > 0 ? ` (${e.roles.join('; ')})` : ''}`));
    if (e && e.forms.length > 1) out.push(style.dim(`  also written: ${e.forms.filter((f) => f !== e.name).join(' · ')}`));
    for (const s of r.statements.filter((x) => x.personId === pid)) out.push(...formatStatement(s, style, width, family));
    const single = r.single.filter((x) => x.personId === pid);
    if (single.length > 0) {
      out.push(style.bold('  Said only in one outlet'));
      for (const s of single)
        for (const q of s.renderings) out.push(`    ${q.site}  ${style.dim(`${q.quote.articleId} ${q.quote.type}`)}  “${q.text}”`);
    }
  }
  if (r.unattributed.length > 0) {
    out.push('');
    out.push(style.bold('Without a speaker'));
    for (const u of r.unattributed) out.push(`    ${u.site}  ${style.dim(`${u.quote.articleId} ${u.quote.type}`)}  “${u.text}”`);
  }
  return out.join('\n');
}

function formatStatement(s: StatementView, style: Style, width: number, family: ReadonlyMap<string, MemberInfo>): string[] {
  const out: string[] = [];
  const anchor = s.renderings[0]!;
  const sources = new Set(s.articleIds.map((a) => family.get(a)?.familyId ?? a)).size;
  const copy = (articleId: string) => {
    const m = family.get(articleId);
    return m && m.derivation !== 'original' ? ` (${m.derivation} copy in ${m.familyId})` : '';
  };
  out.push('');
  out.push(
    `  ${style.bold(`Statement ${s.id}`)}  ${s.sites.length} outlets, ${s.articleIds.length} articles${family.size > 0 ? ` (${sources} independent sources)` : ''}, ${s.renderings.length} renderings, similarity ${s.similarity.toFixed(2)}`,
  );
  out.push(`    ${style.bold('most complete')}  ${anchor.site}  ${style.dim(`${anchor.quote.articleId} ${anchor.quote.type}${copy(anchor.quote.articleId)}`)}`);
  out.push(`      “${anchor.text}”`);
  for (const r of s.renderings.slice(1)) {
    const how = `similarity ${r.similarity.toFixed(2)}${r.match === 'partial' ? ' (partial)' : ''}${r.via ? `, joined via ${r.via.quoteId} (${r.via.score.toFixed(2)})` : ''}`;
    out.push(`    ${r.site}  ${style.dim(`${r.quote.articleId} ${r.quote.type}${copy(r.quote.articleId)}  ${how}`)}`);
    const diff = wordDiff(anchor.text, r.text, style);
    out.push(sideBySide(diff.left, diff.right, width).replace(/^ {2}/gmu, '      '));
  }
  return out;
}

/** One person or organisation, with forms, roles and resolution evidence. */
function formatPerson(e: Entity, p: PersonView, style: Style, stories: number | undefined): string {
  const lines = [
    `${style.bold(e.name)}  ${style.dim(`${e.kind}, ${p.articleIds.length} article(s)${stories !== undefined ? ` in ${stories} story(ies)` : ''}, ${p.mentions} mention(s), ${p.quotes} quote(s)`)}`,
  ];
  if (e.forms.length > 1) lines.push(`  forms     ${e.forms.join(' · ')}`);
  if (e.roles.length > 0) lines.push(`  roles     ${e.roles.join(' · ')}`);
  for (const ev of e.evidence ?? []) lines.push(style.dim(`  evidence  ${ev.rule}: ${ev.forms.join(' = ')}${ev.detail ? ` (${ev.detail})` : ''}`));
  return lines.join('\n');
}
