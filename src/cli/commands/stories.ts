/**
 * `parallax stories`, `parallax story ID` and `parallax copies ARTICLE`: the stories the
 * articles were grouped into, their independent sources (families of copies), and what a copy
 * took from its original, side by side.
 */
import type { Command } from 'commander';
import { createError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { PrimarySources } from '../../model/sources.js';
import type { StoredStory } from '../../store/stories.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, formatPublished, hostOf, readerZone, type Style } from '../format.js';
import { firstReportsOfStory, formatFirstReports } from '../../pipeline/analyze/first-reports.js';
import type { ShowOptions } from '../../model/published.js';
import { sideBySide, wordDiff } from '../diff.js';

export function registerStories(program: Command, ctx: CliContext): void {
  program
    .command('stories')
    .description('List stories, most independent sources first.')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many', '50')
    .option('--offset <n>', 'skip this many', '0')
    .option('--min-articles <n>', 'only stories with at least this many articles', '1')
    .option('--search <words>', 'only stories whose title has all these words')
    .action(async (opts: { db?: string; json?: boolean; limit: string; offset: string; minArticles: string; search?: string }) => {
      const store = await openStore(dbLocation(ctx, opts.db), { mustExist: true });
      try {
        const page = await store.stories.list({
          limit: Number(opts.limit),
          offset: Number(opts.offset),
          minArticles: Number(opts.minArticles),
          ...(opts.search ? { search: opts.search } : {}),
        });
        if (opts.json) {
          ctx.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
          return;
        }
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        ctx.stdout.write(`${style.bold(`${'ID'.padEnd(21)} ${'SOURCES'.padStart(7)} ${'ARTICLES'.padStart(8)}  ${'FIRST'.padEnd(10)} ${'LAST'.padEnd(10)}  TITLE`)}\n`);
        for (const s of page.items) {
          ctx.stdout.write(
            `${s.id.padEnd(21)} ${String(s.sourceCount).padStart(7)} ${String(s.articleCount).padStart(8)}  ${(s.firstSeen ?? '').slice(0, 10).padEnd(10)} ${(s.lastSeen ?? '').slice(0, 10).padEnd(10)}  ${s.title}\n`,
          );
        }
        ctx.stdout.write(style.dim(`${page.items.length} of ${page.total} stories\n`));
      } finally {
        await store.close();
      }
    });

  program
    .command('story')
    .description('Show one story: its articles grouped by family (independent source), with outlet, time, credits and reuse.')
    .argument('<id>', 'story id (sty_…) or the id of an article in it')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--no-sources', 'skip what the sources rest on (quotes and citations are analysed for it, which takes a moment)')
    .option('--utc', 'show publication times in UTC (default: the local zone, $TZ)')
    .action(async (id: string, opts: { db?: string; json?: boolean; sources: boolean; utc?: boolean }) => {
      const location = dbLocation(ctx, opts.db);
      const store = await openStore(location, { mustExist: true });
      try {
        const storyId = id.startsWith('art_') ? await store.stories.ofArticle(id) : id;
        const stored = storyId ? await store.stories.get(storyId) : undefined;
        if (!stored) throw createError('STORY_NOT_FOUND', { id, db: location });
        // Family credits (a wire relayed by rewrites) are recomputed from the articles' credits.
        const { labelFamilies, toDedupInput, createOutletRegistry, DEFAULT_PARAMS } = await import('../../pipeline/dedup/index.js');
        const articles = (await store.articles.getMany(stored.members.map((m) => m.articleId))).map((a) => toDedupInput(a.article));
        const story: StoredStory = { ...stored, families: labelFamilies(stored.families, articles, createOutletRegistry(), DEFAULT_PARAMS) };
        let primarySources: PrimarySources | undefined;
        if (opts.sources) {
          const { storyPrimarySources } = await import('../../pipeline/synthesize/index.js');
          primarySources = await storyPrimarySources(store, stored.story.id, location);
        }
        if (opts.json) {
          ctx.stdout.write(`${JSON.stringify({ ...story, firstReports: firstReportsOfStory(story), ...(primarySources ? { primarySources } : {}) }, null, 2)}\n`);
          return;
        }
        ctx.stdout.write(`${formatStory(story, createStyle(ctx.stdout.isTTY, ctx.env), primarySources, readerZone(ctx.env, opts.utc))}\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('copies')
    .description("Show an article's family of copies and, side by side, the passages each copy took from the original.")
    .argument('<article>', 'article id (art_…)')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .option('--width <n>', 'total width of the side-by-side view (default: the terminal, else 120)')
    .action(async (articleId: string, opts: { db?: string; json?: boolean; width?: string }) => {
      const location = dbLocation(ctx, opts.db);
      const store = await openStore(location, { mustExist: true });
      try {
        const storyId = await store.stories.ofArticle(articleId);
        const story = storyId ? await store.stories.get(storyId) : undefined;
        if (!story) {
          if (!(await store.articles.get(articleId))) throw createError('ARTICLE_NOT_FOUND', { id: articleId, db: location });
          throw createError('STORY_NOT_FOUND', { id: articleId, db: location });
        }
        const family = story.families.find((f) => f.members.some((m) => m.articleId === articleId));
        if (!family) throw createError('STORY_NOT_FOUND', { id: articleId, db: location });
        const { alignPassages, toDedupInput } = await import('../../pipeline/dedup/index.js');
        const ids = family.members.map((m) => m.articleId);
        const articles = new Map((await store.articles.getMany(ids)).map((s) => [s.article.id, s.article]));
        const original = articles.get(family.originalId);
        const copies = family.members
          .filter((m) => m.articleId !== family.originalId)
          .map((m) => {
            const copy = articles.get(m.articleId);
            const passages = original && copy ? alignPassages(toDedupInput(original), toDedupInput(copy)) : [];
            return { member: m, copy, passages };
          });
        if (opts.json) {
          ctx.stdout.write(
            `${JSON.stringify(
              {
                family,
                copies: copies.map((c) => ({
                  articleId: c.member.articleId,
                  derivation: c.member.derivation,
                  reuse: c.member.reuse,
                  evidence: c.member.evidence,
                  passages: c.passages.map((p) => ({
                    ...p,
                    originalText: original?.text.slice(p.original.start, p.original.end),
                    copyText: c.copy?.text.slice(p.copy.start, p.copy.end),
                  })),
                })),
              },
              null,
              2,
            )}\n`,
          );
          return;
        }
        const style = createStyle(ctx.stdout.isTTY, ctx.env);
        const width = Number(opts.width ?? (ctx.stdout as NodeJS.WriteStream).columns ?? 120);
        const out: string[] = [];
        out.push(style.bold(`Family ${family.id} in story ${story.story.id}: ${family.members.length} article(s), one independent source`));
        out.push(`original  ${family.originalId}  ${original?.siteName ?? ''} ${original?.publishedResolved?.value ?? ''}  ${original?.title ?? ''}`);
        if (copies.length === 0) out.push(style.dim('No copies: no other article in the story shares enough text with it.'));
        for (const c of copies) {
          out.push('');
          out.push(style.bold(`${c.member.derivation} ${c.member.articleId}  ${c.copy?.siteName ?? ''} ${c.copy?.publishedResolved?.value ?? ''}  reuse ${Math.round(c.member.reuse * 100)}%`));
          for (const e of c.member.evidence) out.push(style.dim(`  · ${e}`));
          for (const p of c.passages) {
            const left = original?.text.slice(p.original.start, p.original.end) ?? '';
            const right = c.copy?.text.slice(p.copy.start, p.copy.end) ?? '';
            const diff = wordDiff(left, right, style);
            out.push(style.dim(`  original ${p.original.start}-${p.original.end}  │  copy ${p.copy.start}-${p.copy.end}  (${Math.round(p.overlap * 100)}% shared)`));
            out.push(sideBySide(diff.left, diff.right, width));
          }
        }
        ctx.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}

/**
 * A story with its articles grouped by family; with `primary`, what the families rest on ("4
 * independent (families), resting on 2 primary sources") and, per family, its primary source.
 */
export function formatStory(s: StoredStory, style: Style, primary?: PrimarySources, zone: ShowOptions = {}): string {
  const lines: string[] = [];
  lines.push(style.bold(s.story.title));
  const resting = primary ? `, resting on ${primary.count} primary source${primary.count === 1 ? '' : 's'}` : '';
  lines.push(
    `${style.dim('id'.padEnd(10))} ${s.story.id}\n${style.dim('sources'.padEnd(10))} ${s.story.sourceCount} independent (families)${resting}, ${s.members.length} articles\n` +
      `${style.dim('dates'.padEnd(10))} ${(s.story.firstSeen ?? '?').slice(0, 10)} – ${(s.story.lastSeen ?? '?').slice(0, 10)}`,
  );
  const sourceById = new Map((primary?.sources ?? []).map((p) => [p.id, p] as const));
  const siteOfFamily = new Map((primary?.families ?? []).map((f) => [f.familyId, f.site] as const));
  for (const p of primary?.sources ?? []) {
    if (p.families.length === 0) continue;
    const drawn = p.drawnOnBy.length > 0 ? `; drawn on by ${p.drawnOnBy.map((f) => siteOfFamily.get(f) ?? f).join(', ')}` : '';
    lines.push(`${style.dim('rests on'.padEnd(10))} ${p.label} (${p.kind}): ${p.families.length} of ${primary?.familyCount ?? 0} source(s)${drawn}`);
  }
  for (const e of s.story.events ?? []) {
    if (e.rule !== 'create-story') lines.push(style.dim(`${'history'.padEnd(10)} ${e.rule}${e.story ? ` (${e.story})` : ''}: ${e.reason}`));
  }
  const byId = new Map(s.members.map((m) => [m.articleId, m]));
  s.families.forEach((f, i) => {
    lines.push('');
    const credited = f.creditedTo ? ` — ${f.creditedTo.name}'s ${f.creditedTo.kind === 'agency' || f.creditedTo.kind === 'state-media' ? 'wire copy' : 'text'}` : '';
    lines.push(style.bold(`Source ${i + 1}${credited} (${f.id}): ${f.members.length === 1 ? 'one article' : `${f.members.length} articles, one original and its copies`}`));
    if (f.creditedTo) for (const e of f.creditedTo.evidence) lines.push(style.dim(`           · ${e}`));
    const basis = primary?.families.find((b) => b.familyId === f.id);
    const rests = basis ? sourceById.get(basis.restsOn) : undefined;
    if (basis && rests) {
      lines.push(`  rests on ${rests.label}: ${basis.reason}`);
      const draws = basis.drawsOn.map((d) => sourceById.get(d)?.label).filter((x): x is string => x !== undefined);
      if (draws.length > 0) lines.push(style.dim(`  draws on ${draws.join('; ')}`));
    }
    for (const fm of f.members) {
      const m = byId.get(fm.articleId);
      const a = m?.article;
      const site = a?.siteName ?? (a?.url ? hostOf(a.url) : undefined) ?? a?.locator ?? '';
      lines.push(
        `  ${fm.derivation.padEnd(8)} ${fm.articleId}  ${formatPublished(a?.published, zone).padEnd(22)}  ${site.slice(0, 24).padEnd(24)}  ${fm.derivation === 'original' ? '' : `reuse ${Math.round(fm.reuse * 100)}%  `}${a?.title ?? ''}`,
      );
      if (fm.derivation !== 'original') for (const e of fm.evidence) lines.push(style.dim(`           · ${e}`));
      if (m && m.sharedTerms.length > 0) lines.push(style.dim(`           joined the story on: ${m.sharedTerms.slice(0, 8).join(', ')} (score ${m.score.toFixed(2)})`));
    }
  });
  // Who reported first: outlets by the normalised instant of their first article (times in the reader's zone).
  const firsts = firstReportsOfStory(s);
  if (firsts.length > 1) lines.push('', style.bold('Who reported first'), ...formatFirstReports(firsts, zone).map((l) => `  ${l}`));
  return lines.join('\n');
}
