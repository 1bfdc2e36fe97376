/**
 * Render a {@link StoryReport} as one self-contained page: Markdown (tables and text, the charts
 * as text matrices), HTML (inline CSS, SVG charts, no script at all, a Content-Security-Policy
 * that allows none, every piece of source text escaped, only http(s) links) or JSON.
 */
import { parseHTML } from 'linkedom';
import type { Claim } from '../../model/claim.js';
import type { Naming } from '../../model/framing.js';
import type { ReportRendering, SourceSpan, StoryReport, SummarySentence } from '../../model/report.js';
import type { Voted } from '../../model/time.js';
import { citationChart, coverageCells, coverageChart, coverageClaims, timelineChart } from './charts.js';

export type ReportFormat = 'md' | 'html' | 'json';

/** The report as a page in `format` (deterministic for the same report). */
export function renderReport(report: StoryReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'html' ? renderHtml(report) : renderMarkdown(report);
}

const MAX_CLAIMS = 30;

// ── shared helpers ─────────────────────────────────────────────────────────────

/** The URL when it is an absolute http(s) URL, else undefined (never a javascript: or data: link). */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const shorten = (text: string, n: number): string => {
  const t = oneLine(text);
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
};

function claimLabels(report: StoryReport): Map<string, string> {
  return new Map(coverageClaims(report, MAX_CLAIMS).map((c, i) => [c.id, `C${i + 1}`] as const));
}

function votedLine(v: Voted): string {
  return `${v.value} (${v.votes} ${v.votes === 1 ? 'source' : 'sources'})`;
}

/** ", resting on 2 primary sources" when fewer primary sources than families. */
function restingOn(r: StoryReport): string {
  const p = r.primarySources;
  if (!p || p.count >= p.familyCount) return '';
  return `, resting on ${p.count} primary source${p.count === 1 ? '' : 's'}`;
}

/** " · 1 primary source" for a claim carried by more families than primary sources. */
function claimPrimary(r: StoryReport, claimId: string): string {
  const c = r.primarySources?.claims.find((x) => x.claimId === claimId);
  if (!c || c.primarySources.length >= c.familyCount) return '';
  return ` · ${c.primarySources.length} primary source${c.primarySources.length === 1 ? '' : 's'}`;
}

const MAX_SOURCE_EVIDENCE = 6;

/** Each primary source: its kind, the families (by outlet) resting on it and drawing on it, the evidence. */
function primaryRows(r: StoryReport): { label: string; kind: string; resting: string[]; drawing: string[]; evidence: string[] }[] {
  const p = r.primarySources;
  if (!p) return [];
  const siteOfFamily = new Map(p.families.map((f) => [f.familyId, f.site] as const));
  const name = (f: string): string => siteOfFamily.get(f) ?? f;
  return p.sources.map((s) => ({
    label: s.label,
    kind: s.kind,
    resting: s.families.map(name),
    drawing: s.drawnOnBy.map(name),
    evidence: s.evidence.slice(0, MAX_SOURCE_EVIDENCE).map((e) => `${name(e.familyId)} (${e.articleId}): ${e.reason}${e.text ? ` — “${shorten(e.text, 160)}”` : ''}`),
  }));
}

// ── Markdown ───────────────────────────────────────────────────────────────────

function mdPrimarySources(r: StoryReport): string[] {
  const p = r.primarySources;
  if (!p) return ['_Not analysed._', ''];
  const out = [md(p.summary), ''];
  for (const row of primaryRows(r)) {
    out.push(`- **${md(row.label)}** (${row.kind}): ${row.resting.length > 0 ? `families resting on it: ${md(row.resting.join(', '))}` : 'no family rests on it'}${row.drawing.length > 0 ? `; drawn on by: ${md(row.drawing.join(', '))}` : ''}`);
    for (const e of row.evidence) out.push(`  - ${md(e)}`);
  }
  out.push('');
  return out;
}

/** Escape text for a Markdown paragraph or table cell (no HTML, no link syntax, no pipes). */
function md(text: string): string {
  return oneLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/([`*_[\]|#])/g, '\\$1');
}

/** Where a cited span lies: characters of the article's text, or of its title. */
function spanLabel(s: SourceSpan): string {
  return `${s.field === 'title' ? 'title ' : ''}${s.span.start}–${s.span.end}`;
}

function mdSource(s: SourceSpan, n: number): string {
  return `  ${n}. ${md(s.site)} — \`${s.articleId}\` [${spanLabel(s)}]: “${md(shorten(s.text, 300))}”`;
}

function mdSentence(s: SummarySentence, n: number): string[] {
  const head = `${n}. ${md(s.text)} _(${s.sourceCount} ${s.sourceCount === 1 ? 'source' : 'sources'})_`;
  const reps = (s.replacements ?? []).map((r) => `  - neutral name: “${md(r.from)}” → “${md(r.to)}”`);
  return [head, ...reps, ...s.sources.map((src, i) => mdSource(src, i + 1))];
}

function mdAlignment(r: ReportRendering): string {
  if (r.anchor) return md(r.text);
  const words = r.alignment.map((w) => (w.op === 'same' ? `${md(w.word)}${w.gloss !== undefined ? ` _(${md(w.gloss)})_` : ''}` : w.op === 'added' ? `**${md(w.word)}**` : `~~${md(w.word)}~~`)).join(' ');
  // A translation says so, its words matched through the dictionaries glossed with the anchor's.
  return r.language !== undefined ? `[${md(r.language)}] ${words}` : words;
}

const KIND_WORDS: Readonly<Record<string, string>> = { agency: 'agency', state: 'state', 'public-broadcaster': 'public broadcaster', private: 'private', aggregator: 'aggregator' };

/** "Outlets: 2 state (IR), 1 private (SA), 1 not known — Iran Press (state, IR); …": the story's sources by kind and country. */
function outletsLine(r: StoryReport): string | undefined {
  const outlets = r.outlets ?? [];
  if (outlets.length === 0) return undefined;
  const groups = new Map<string, { n: number; countries: Set<string> }>();
  for (const o of outlets) {
    const kind = o.key === 'unknown' ? 'not known' : o.kind === null ? 'kind not known' : (KIND_WORDS[o.kind] ?? o.kind);
    const g = groups.get(kind) ?? { n: 0, countries: new Set<string>() };
    g.n += o.key === 'unknown' ? o.articles.length : 1;
    if (o.country !== null) g.countries.add(o.country);
    groups.set(kind, g);
  }
  const byKind = [...groups.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))
    .map(([kind, g]) => `${g.n} ${kind}${g.countries.size > 0 ? ` (${[...g.countries].sort().join(', ')})` : ''}`);
  const named = outlets
    .filter((o) => o.key !== 'unknown')
    .map((o) => `${o.name}${o.kind !== null || o.country !== null ? ` (${[o.kind === null ? null : (KIND_WORDS[o.kind] ?? o.kind), o.country].filter((x) => x !== null).join(', ')})` : ''}`);
  return `Outlets: ${byKind.join(', ')}${named.length > 0 ? ` — ${named.join('; ')}` : ''}`;
}

function renderMarkdown(r: StoryReport): string {
  const out: string[] = [];
  const labels = claimLabels(r);
  const claimById = new Map(r.claims.map((c) => [c.id, c] as const));
  out.push(`# ${md(r.headline.text)}`, '');
  out.push(`Story \`${r.storyId}\` · ${r.articles.length} articles · ${r.sourceCount} independent sources${restingOn(r)}`, '');
  const outletsMd = outletsLine(r);
  if (outletsMd !== undefined) out.push(md(outletsMd), '');
  if (r.headline.sources.length > 0) out.push('Headline sources:', ...r.headline.sources.map((s, i) => mdSource(s, i + 1)), '');

  out.push('## Summary', '');
  if (r.summary.length === 0) out.push('_No sentence could be summarised faithfully._');
  r.summary.forEach((s, i) => out.push(...mdSentence(s, i + 1)));
  out.push('');

  out.push('## When and where', '');
  for (const [label, v] of [['When', r.when], ['Where', r.where]] as const) {
    if (!v) {
      out.push(`- **${label}:** unknown`);
      continue;
    }
    out.push(`- **${label}:** ${md(votedLine(v))}`);
    for (const e of v.evidence) out.push(`  - ${md(siteOf(r, e.articleId))} \`${e.articleId}\` [${e.span.start}–${e.span.end}]: “${md(shorten(e.text, 200))}” → ${md(e.value)}`);
    for (const a of v.alternatives) out.push(`  - also: ${md(votedLine(a))}`);
  }
  out.push('');

  out.push('## What the sources rest on', '');
  out.push(...mdPrimarySources(r));

  out.push('## Who said what', '');
  if (r.statements.length === 0) out.push('_No attributed quotes._', '');
  for (const s of r.statements) {
    out.push(`### ${s.speaker === null ? '_Speaker not named_' : md(s.speaker)}`, '');
    out.push('| outlet | type | rendering (**added**, ~~missing~~ against the first) |', '|---|---|---|');
    for (const x of s.renderings) out.push(`| ${md(x.site)} | ${x.type}${x.anchor ? ' (anchor)' : ` ${x.similarity}`} | ${mdAlignment(x)} |`);
    out.push('');
  }

  out.push('## Who agrees', '');
  const shown = coverageClaims(r, MAX_CLAIMS);
  if (shown.length === 0) out.push('_No claims._', '');
  else {
    out.push('| claim | sources | text | conflicts |', '|---|---|---|---|');
    for (const c of shown) out.push(`| ${labels.get(c.id)} | ${c.sourceCount}${c.singleSource ? ' (single source)' : ''}${claimPrimary(r, c.id)} | ${md(shorten(c.text, 200))} | ${md(conflictText(c))} |`);
    out.push('', 'Coverage (● carries, ★ alone carries, ✗ leaves out, · not covered):', '', '```');
    out.push(...textMatrix(r));
    out.push('```', '');
  }

  out.push('## What each outlet leaves out and alone adds', '');
  for (const o of r.coverage) {
    out.push(`### ${md(o.site)}`, '');
    out.push(`- carries ${o.carried.length} claims`);
    for (const id of o.missing) out.push(`- leaves out ${labels.get(id) ?? ''}: ${md(shorten(claimById.get(id)?.text ?? id, 200))}`);
    for (const id of o.alone) out.push(`- alone adds ${labels.get(id) ?? ''}: ${md(shorten(claimById.get(id)?.text ?? id, 200))}`);
    out.push('');
  }

  out.push('## How each names things', '');
  if (r.naming.length === 0) out.push('_No naming differences found._', '');
  for (const n of r.naming) {
    out.push(`### ${md(namingTitle(n))}`, '', md(n.reason), '');
    out.push('| outlet | own voice | quoted |', '|---|---|---|');
    for (const o of n.outlets) out.push(`| ${md(o.site)} | ${md(usesOf(n, o.site, 'own'))} | ${md(usesOf(n, o.site, 'quoted'))} |`);
    out.push('');
  }

  out.push('## Who cites whom', '');
  const names = new Map(r.citations.nodes.map((n) => [n.id, n.name] as const));
  if (r.citations.edges.length === 0) out.push('_No citations found._', '');
  else {
    out.push('| outlet | cites | times | cue |', '|---|---|---|---|');
    for (const e of r.citations.edges) out.push(`| ${md(names.get(e.from) ?? e.from)} | ${md(names.get(e.to) ?? e.to)} | ${e.count} | ${md(e.evidence.map((x) => x.cue).join('; '))} |`);
    out.push('');
  }

  out.push('## Timeline', '');
  if (r.timeline.length === 0) out.push('_No dated events._', '');
  else {
    out.push('| date | event | sources |', '|---|---|---|');
    for (const t of r.timeline) out.push(`| ${md(t.date)} | ${md(shorten(t.text, 200))} | ${md([...new Set(t.sources.map((s) => s.site))].join(', '))} |`);
    out.push('');
  }

  if (r.limits && r.limits.length > 0) {
    out.push('## Limits of this report', '');
    for (const l of r.limits) out.push(`- ${md(l.text)}`);
    out.push('');
  }

  out.push('## Articles', '');
  out.push('| article | outlet | title | published | family | derivation |', '|---|---|---|---|---|---|');
  for (const a of r.articles) {
    const url = safeUrl(a.url);
    const title = url ? `[${md(a.title || a.id)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : md(a.title || a.id);
    out.push(`| \`${a.id}\` | ${md(a.site)} | ${title} | ${md(a.published ?? '')} | \`${a.familyId}\` | ${a.derivation} |`);
  }
  out.push('');
  return out.join('\n');
}

function siteOf(r: StoryReport, articleId: string): string {
  return r.articles.find((a) => a.id === articleId)?.site ?? articleId;
}

function conflictText(c: Claim): string {
  return c.conflicts.map((k) => `${k.kind}: ${k.values.map((v) => v.value).join(' / ')}`).join('; ');
}

/** A naming's heading: its neutral name, or its id when the neutral form is to drop the term (titles, praise). */
function namingTitle(n: Naming): string {
  return n.neutral.length > 0 ? n.neutral : n.id;
}

function usesOf(n: Naming, site: string, voice: 'own' | 'quoted'): string {
  const o = n.outlets.find((x) => x.site === site);
  return (o?.uses ?? [])
    .filter((u) => u.voice === voice)
    .map((u) => `${u.term} ×${u.count}${u.tone && u.tone !== 'neutral' ? ` (${u.tone})` : ''}`)
    .join(', ');
}

const SYMBOL = { carries: '●', alone: '★', 'leaves out': '✗', '—': '·' } as const;

/** The coverage matrix as fixed-width text: one row per outlet, one column per shown claim. */
function textMatrix(r: StoryReport): string[] {
  const cells = coverageCells(r, MAX_CLAIMS);
  const claims = [...new Set(cells.map((c) => c.claim))];
  const width = Math.max(6, ...r.coverage.map((o) => o.site.length));
  const col = Math.max(...claims.map((c) => c.length)) + 1;
  const lines = [`${''.padEnd(width)} ${claims.map((c) => c.padStart(col)).join('')}`];
  for (const o of r.coverage) {
    const row = cells.filter((c) => c.site === o.site);
    lines.push(`${oneLine(o.site).padEnd(width)} ${row.map((c) => SYMBOL[c.state].padStart(col)).join('')}`);
  }
  return lines;
}

// ── HTML ───────────────────────────────────────────────────────────────────────

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const h = escapeHtml;

const CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;line-height:1.25}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f6f6f6}.meta{color:#666}.src{font-size:.85em;color:#555;margin:.2em 0 .8em 1.5em}.src li{margin:.15em 0}
ins{background:#dcf5dc;text-decoration:none}del{background:#f8dcdc}.q{font-style:italic}svg{max-width:100%;height:auto}
.legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:.9em;height:.9em;vertical-align:middle;margin-right:.3em}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; form-action 'none'; base-uri 'none'";

function htmlSources(sources: readonly SourceSpan[], articleUrl: (id: string) => string | undefined): string {
  if (sources.length === 0) return '';
  const items = sources.map((s) => {
    const url = articleUrl(s.articleId);
    const site = url ? `<a href="${h(url)}" rel="noopener noreferrer nofollow">${h(s.site)}</a>` : h(s.site);
    return `<li>${site} · <a href="#${h(s.articleId)}"><code>${h(s.articleId)}</code></a> [${spanLabel(s)}]: <span class="q">“${h(shorten(s.text, 300))}”</span></li>`;
  });
  return `<ol class="src">${items.join('')}</ol>`;
}

function htmlAlignment(r: ReportRendering): string {
  if (r.anchor) return h(r.text);
  const words = r.alignment.map((w) => (w.op === 'same' ? `${h(w.word)}${w.gloss !== undefined ? ` <small>(${h(w.gloss)})</small>` : ''}` : w.op === 'added' ? `<ins>${h(w.word)}</ins>` : `<del>${h(w.word)}</del>`)).join(' ');
  return r.language !== undefined ? `<span lang="${h(r.language)}">[${h(r.language)}] ${words}</span>` : words;
}

function htmlPrimarySources(r: StoryReport): string {
  const p = r.primarySources;
  if (!p) return '<p><em>Not analysed.</em></p>';
  const items = primaryRows(r).map(
    (row) =>
      `<li><p><strong>${h(row.label)}</strong> <span class="meta">(${h(row.kind)})</span>: ${row.resting.length > 0 ? `families resting on it: ${h(row.resting.join(', '))}` : 'no family rests on it'}${row.drawing.length > 0 ? `; drawn on by: ${h(row.drawing.join(', '))}` : ''}</p><ul class="src">${row.evidence.map((e) => `<li>${h(e)}</li>`).join('')}</ul></li>`,
  );
  return `<p>${h(p.summary)}</p><ul>${items.join('')}</ul>`;
}

function renderHtml(r: StoryReport): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const doc = document as unknown as Document;
  const urls = new Map(r.articles.map((a) => [a.id, safeUrl(a.url)] as const));
  const articleUrl = (id: string): string | undefined => urls.get(id);
  const labels = claimLabels(r);
  const claimById = new Map(r.claims.map((c) => [c.id, c] as const));
  const b: string[] = [];
  b.push(`<h1>${h(r.headline.text)}</h1>`);
  b.push(`<p class="meta">Story <code>${h(r.storyId)}</code> · ${r.articles.length} articles · ${r.sourceCount} independent sources${h(restingOn(r))}</p>`);
  const outletsHtml = outletsLine(r);
  if (outletsHtml !== undefined) b.push(`<p class="meta outlets">${h(outletsHtml)}</p>`);
  b.push(htmlSources(r.headline.sources, articleUrl));

  b.push('<h2>Summary</h2>');
  if (r.summary.length === 0) b.push('<p><em>No sentence could be summarised faithfully.</em></p>');
  b.push('<ol>');
  for (const s of r.summary) {
    const reps = (s.replacements ?? []).map((x) => `<li>neutral name: “${h(x.from)}” → “${h(x.to)}”</li>`).join('');
    b.push(`<li><p>${h(s.text)} <span class="meta">(${s.sourceCount} ${s.sourceCount === 1 ? 'source' : 'sources'})</span></p>${reps ? `<ul class="src">${reps}</ul>` : ''}${htmlSources(s.sources, articleUrl)}</li>`);
  }
  b.push('</ol>');

  b.push('<h2>When and where</h2><dl>');
  for (const [label, v] of [['When', r.when], ['Where', r.where]] as const) {
    b.push(`<dt><strong>${label}</strong></dt>`);
    if (!v) {
      b.push('<dd>unknown</dd>');
      continue;
    }
    const ev = v.evidence.map((e) => `<li>${h(siteOf(r, e.articleId))} · <a href="#${h(e.articleId)}"><code>${h(e.articleId)}</code></a> [${e.span.start}–${e.span.end}]: <span class="q">“${h(shorten(e.text, 200))}”</span> → ${h(e.value)}</li>`);
    const alt = v.alternatives.map((a) => `<li>also: ${h(votedLine(a))}</li>`);
    b.push(`<dd>${h(votedLine(v))}<ul class="src">${[...ev, ...alt].join('')}</ul></dd>`);
  }
  b.push('</dl>');

  b.push('<h2>What the sources rest on</h2>');
  b.push(htmlPrimarySources(r));

  b.push('<h2>Who said what</h2>');
  if (r.statements.length === 0) b.push('<p><em>No attributed quotes.</em></p>');
  for (const s of r.statements) {
    b.push(`<h3>${s.speaker === null ? '<em>Speaker not named</em>' : h(s.speaker)}</h3><table><tr><th>outlet</th><th>type</th><th>rendering (<ins>added</ins>, <del>missing</del> against the first)</th></tr>`);
    for (const x of s.renderings) b.push(`<tr><td>${h(x.site)}</td><td>${h(x.type)}${x.anchor ? ' (anchor)' : ` ${x.similarity}`}</td><td>${htmlAlignment(x)}</td></tr>`);
    b.push('</table>');
  }

  b.push('<h2>Who agrees</h2>');
  const shown = coverageClaims(r, MAX_CLAIMS);
  if (shown.length === 0) b.push('<p><em>No claims.</em></p>');
  else {
    b.push(`<figure>${coverageChart(r, { document: doc, maxClaims: MAX_CLAIMS }).outerHTML}<figcaption class="legend">${legend()}</figcaption></figure>`);
    b.push('<table><tr><th>claim</th><th>sources</th><th>text</th><th>conflicts</th></tr>');
    for (const c of shown) b.push(`<tr><td>${labels.get(c.id)}</td><td>${c.sourceCount}${c.singleSource ? ' (single source)' : ''}${h(claimPrimary(r, c.id))}</td><td>${h(c.text)}</td><td>${h(conflictText(c))}</td></tr>`);
    b.push('</table>');
  }

  b.push('<h2>What each outlet leaves out and alone adds</h2>');
  for (const o of r.coverage) {
    const items = [
      `<li>carries ${o.carried.length} claims</li>`,
      ...o.missing.map((id) => `<li>leaves out ${h(labels.get(id) ?? '')}: ${h(shorten(claimById.get(id)?.text ?? id, 200))}</li>`),
      ...o.alone.map((id) => `<li>alone adds ${h(labels.get(id) ?? '')}: ${h(shorten(claimById.get(id)?.text ?? id, 200))}</li>`),
    ];
    b.push(`<h3>${h(o.site)}</h3><ul>${items.join('')}</ul>`);
  }

  b.push('<h2>How each names things</h2>');
  if (r.naming.length === 0) b.push('<p><em>No naming differences found.</em></p>');
  for (const n of r.naming) {
    b.push(`<h3>${h(namingTitle(n))}</h3><p class="meta">${h(n.reason)}</p><table><tr><th>outlet</th><th>own voice</th><th>quoted</th></tr>`);
    for (const o of n.outlets) b.push(`<tr><td>${h(o.site)}</td><td>${h(usesOf(n, o.site, 'own'))}</td><td>${h(usesOf(n, o.site, 'quoted'))}</td></tr>`);
    b.push('</table>');
  }

  b.push('<h2>Who cites whom</h2>');
  const names = new Map(r.citations.nodes.map((n) => [n.id, n.name] as const));
  if (r.citations.edges.length === 0) b.push('<p><em>No citations found.</em></p>');
  else {
    b.push(`<figure>${citationChart(r, { document: doc }).outerHTML}</figure>`);
    b.push('<table><tr><th>outlet</th><th>cites</th><th>times</th><th>cue</th></tr>');
    for (const e of r.citations.edges) b.push(`<tr><td>${h(names.get(e.from) ?? e.from)}</td><td>${h(names.get(e.to) ?? e.to)}</td><td>${e.count}</td><td>${h(e.evidence.map((x) => x.cue).join('; '))}</td></tr>`);
    b.push('</table>');
  }

  b.push('<h2>Timeline</h2>');
  if (r.timeline.length === 0) b.push('<p><em>No dated events.</em></p>');
  else {
    b.push(`<figure>${timelineChart(r, { document: doc }).outerHTML}</figure><table><tr><th>date</th><th>event</th><th>sources</th></tr>`);
    for (const t of r.timeline) b.push(`<tr><td>${h(t.date)}</td><td>${h(t.text)}</td><td>${htmlSources(t.sources, articleUrl)}</td></tr>`);
    b.push('</table>');
  }

  if (r.limits && r.limits.length > 0) b.push(`<h2>Limits of this report</h2><ul>${r.limits.map((l) => `<li>${h(l.text)}</li>`).join('')}</ul>`);

  b.push('<h2>Articles</h2><table><tr><th>article</th><th>outlet</th><th>title</th><th>published</th><th>family</th><th>derivation</th></tr>');
  for (const a of r.articles) {
    const url = safeUrl(a.url);
    const title = url ? `<a href="${h(url)}" rel="noopener noreferrer nofollow">${h(a.title || a.id)}</a>` : h(a.title || a.id);
    b.push(`<tr id="${h(a.id)}"><td><code>${h(a.id)}</code></td><td>${h(a.site)}</td><td>${title}</td><td>${h(a.published ?? '')}</td><td><code>${h(a.familyId)}</code></td><td>${h(a.derivation)}</td></tr>`);
  }
  b.push('</table>');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(r.headline.text)}</title>
<style>${CSS}</style>
</head>
<body>
${b.filter((x) => x.length > 0).join('\n')}
</body>
</html>
`;
}

function legend(): string {
  const items: [string, string][] = [
    ['#4e79a7', 'carries'],
    ['#f28e2b', 'alone carries'],
    ['#e15759', 'leaves out'],
    ['#eeeeee', 'not covered'],
  ];
  return items.map(([c, l]) => `<span><i class="sw" style="background:${c}"></i>${l}</span>`).join('');
}

