/**
 * `parallax outlets [--db FILE] [--json]`: the outlets of a database with kind, country, language
 * and counts (articles, stories); `parallax outlet NAME [--db FILE] [--json]`: one outlet's profile
 * from the stored reports (stories per week, copies and of whom, who copies it, whom it cites, how
 * often it reports first, loaded terms in its own voice, claims it alone carries and claims it
 * leaves out, languages), every figure with its evidence ids. See README "Outlet profiles".
 *
 * The outlet registry in use is the bundled one plus the user's file: `--outlets FILE` (a program
 * option, see `main.ts`), else `$PARALLAX_OUTLETS`.
 */
import type { Command } from 'commander';
import { openStore } from '../../store/index.js';
import type { OutletList, OutletProfile } from '../../pipeline/outlets.js';
import { dbLocation, type CliContext } from '../context.js';
import { createStyle, type Style } from '../format.js';

const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** The list as a table. */
export function formatOutletList(list: OutletList, style: Style): string {
  const head = ['OUTLET', 'KIND', 'COUNTRY', 'LANG', 'ARTICLES', 'STORIES', 'KEY'];
  const rows = list.outlets.map((o) => [o.name, o.kind ?? '?', o.country ?? '?', o.language ?? '?', String(o.articles), String(o.stories), o.key]);
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (r: readonly string[]): string => r.map((c, i) => (i === 4 || i === 5 ? c.padStart(widths[i]!) : c.slice(0, widths[i]).padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [style.bold(line(head)), ...rows.map(line)];
  out.push(style.dim(`${list.outlets.length} outlet(s) in ${list.stories} analysed ${list.stories === 1 ? 'story' : 'stories'}; kind and country from the outlet registry ('?' when it does not list them)`));
  if (list.withoutOutlets.length > 0) out.push(style.dim(`${list.withoutOutlets.length} stored report(s) name no outlets (analysed by an older version): run \`parallax analyze --story ${list.withoutOutlets.slice(0, 3).join(' ')}${list.withoutOutlets.length > 3 ? ' …' : ''}\``));
  return out.join('\n');
}

const ids = (xs: readonly string[], n = 4): string => (xs.length === 0 ? '' : ` [${xs.slice(0, n).join(' ')}${xs.length > n ? ` +${xs.length - n}` : ''}]`);

/** One profile as text: each figure with the first few ids of its evidence (all of them with --json). */
export function formatOutletProfile(p: OutletProfile, style: Style): string {
  const out: string[] = [];
  out.push(style.bold(`${p.name} (${p.key})`));
  out.push(`${p.kind ?? 'kind unknown'} · ${p.country ?? 'country unknown'} · ${p.language ?? 'language unknown'}${p.owner ? ` · owner: ${p.owner}` : ''}${p.listed ? '' : ' · not in the outlet registry'}`);
  if (p.reason) out.push(style.dim(`${p.reason}${p.source ? ` (${p.source})` : ''}`));
  out.push(`${p.articles} article(s) in ${p.stories} stor${p.stories === 1 ? 'y' : 'ies'}; recognised by ${Object.entries(p.basis).map(([b, n]) => `${b} ${n}`).join(', ')}`);
  out.push('', style.bold('Stories per week'));
  for (const w of p.weeks) out.push(`  ${w.week.padEnd(10)}  ${String(w.stories).padStart(3)} stor${w.stories === 1 ? 'y' : 'ies'}, ${w.articles} article(s)${ids(w.evidence.stories)}`);
  out.push('', style.bold('Copies'), `  ${p.copies.count} of ${p.articles} article(s) are copies (${pct(p.copies.share)})${ids(p.copies.evidence.articles)}`);
  for (const o of p.copies.of) out.push(`  of ${o.name}: ${o.count}${ids(o.evidence.articles)}`);
  out.push('', style.bold('Copied by'));
  if (p.copiedBy.length === 0) out.push(style.dim('  no other outlet copies its articles in these stories'));
  for (const o of p.copiedBy) out.push(`  ${o.name}: ${o.count}${ids(o.evidence.articles)}`);
  out.push('', style.bold('Cites'));
  if (p.cites.length === 0) out.push(style.dim('  no cited source found'));
  for (const c of p.cites.slice(0, 15)) out.push(`  ${c.name}: ${c.count}${ids(c.evidence.articles)}`);
  out.push('', style.bold('Reports first'), `  first in ${p.first.first} of ${p.first.ranked} stor${p.first.ranked === 1 ? 'y' : 'ies'} with two or more dated outlets (${pct(p.first.rate)})${ids(p.first.evidence.stories)}`);
  out.push('', style.bold('Loaded terms in its own voice'));
  if (p.loadedTerms.length === 0) out.push(style.dim('  none where another outlet names the same referent plainly'));
  for (const t of p.loadedTerms.slice(0, 15)) out.push(`  “${t.term}” for ${t.referent} ×${t.count} (others: ${t.othersPlain.join(', ')})${ids(t.evidence.articles)}`);
  out.push('', style.bold('Claims'));
  out.push(`  carries alone ${p.alone.count} of the ${p.alone.carried} claim(s) it carries (${pct(p.alone.rate)})${ids(p.alone.evidence.claims ?? [])}`);
  out.push(`  leaves out ${p.leavesOut.count} of ${p.leavesOut.widelyCarried} claim(s) carried by two or more other sources (${pct(p.leavesOut.rate)})${ids(p.leavesOut.evidence.claims ?? [])}`);
  out.push('', style.bold('Languages'), `  ${p.languages.map((l) => `${l.language} ${l.articles}`).join(', ')}`);
  out.push('', style.dim('Evidence ids in full: --json. What each figure means: README, "Outlet profiles".'));
  return out.join('\n');
}

/** Register `outlets` and `outlet` on the program. */
export function registerOutlets(program: Command, ctx: CliContext): void {
  program
    .command('outlets')
    .description('The outlets of a database with kind, country, language and counts (articles, stories), from the stored reports and the outlet registry (bundled + --outlets FILE / $PARALLAX_OUTLETS).')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const location = dbLocation(ctx, opts.db);
      const [{ storeOutlets }, { currentOutletRegistry }] = await Promise.all([import('../../pipeline/outlets.js'), import('../../pipeline/analyze/outlets/config.js')]);
      const store = await openStore(location, { mustExist: true });
      try {
        const list = await storeOutlets(store, currentOutletRegistry());
        ctx.stdout.write(opts.json ? `${JSON.stringify(list, null, 2)}\n` : `${formatOutletList(list, createStyle(ctx.stdout.isTTY, ctx.env))}\n`);
      } finally {
        await store.close();
      }
    });
  program
    .command('outlet')
    .description("One outlet's profile from the stored reports: stories per week, copies and of whom, who copies it, whom it cites, how often it reports first, loaded terms in its own voice, claims it alone carries or leaves out, languages; every figure with its evidence ids.")
    .argument('<name>', 'the outlet: its key or domain (aawsat.com), name or alias (Asharq Al-Awsat, AFP)')
    .option('--db <file>', 'database file (default ./parallax.db, or $PARALLAX_DB)')
    .option('--json', 'print JSON (every evidence id)')
    .action(async (name: string, opts: { db?: string; json?: boolean }) => {
      const location = dbLocation(ctx, opts.db);
      const [{ storeOutletProfile }, { currentOutletRegistry }] = await Promise.all([import('../../pipeline/outlets.js'), import('../../pipeline/analyze/outlets/config.js')]);
      const store = await openStore(location, { mustExist: true });
      try {
        const profile = await storeOutletProfile(store, name, currentOutletRegistry(), location);
        ctx.stdout.write(opts.json ? `${JSON.stringify(profile, null, 2)}\n` : `${formatOutletProfile(profile, createStyle(ctx.stdout.isTTY, ctx.env))}\n`);
      } finally {
        await store.close();
      }
    });
}
