/**
 * The story page's charts, drawn with Observable Plot: the coverage matrix (outlets × claims:
 * carried, left out, carried alone) and the timeline of dated events. They read the report as the
 * API returns it; every label is data handed to Plot, which writes it as SVG text.
 */
import * as Plot from '@observablehq/plot';
import type { StoryReport } from '../model/report.js';

/** How an outlet stands to a claim in the matrix. */
type Cell = 'carried' | 'alone' | 'left out' | 'absent';

/** Claims are numbered in report order (C1, C2…) so the matrix stays readable; the list beside it gives their text. */
export function claimLabel(index: number): string {
  return `C${index + 1}`;
}

/** The coverage matrix of `report`, or undefined when it has no claims or outlets. */
export function coverageChart(report: StoryReport, options: { document: Document }): Element | undefined {
  if (report.claims.length === 0 || report.coverage.length === 0) return undefined;
  const cells: { outlet: string; claim: string; state: Cell; text: string }[] = [];
  report.claims.forEach((claim, i) => {
    for (const outlet of report.coverage) {
      const state: Cell = outlet.alone.includes(claim.id) ? 'alone' : outlet.carried.includes(claim.id) ? 'carried' : outlet.missing.includes(claim.id) ? 'left out' : 'absent';
      cells.push({ outlet: outlet.site, claim: claimLabel(i), state, text: claim.text });
    }
  });
  return Plot.plot({
    document: options.document,
    width: Math.max(360, 120 + report.claims.length * 34),
    height: 60 + report.coverage.length * 28,
    marginLeft: 170,
    padding: 0.06,
    x: { label: 'Claims', domain: report.claims.map((_, i) => claimLabel(i)), axis: 'top' },
    y: { label: null, domain: report.coverage.map((o) => o.site) },
    color: { legend: true, domain: ['carried', 'alone', 'left out', 'absent'], range: ['#3a7ca5', '#e09f3e', '#d1495b', '#eeeeee'] },
    marks: [Plot.cell(cells, { x: 'claim', y: 'outlet', fill: 'state', title: (d: (typeof cells)[number]) => `${d.outlet} · ${d.claim} (${d.state}): ${d.text}`, inset: 1 })],
  });
}

/** The timeline of `report`, or undefined when nothing is dated. */
export function timelineChart(report: StoryReport, options: { document: Document }): Element | undefined {
  const rows = report.timeline
    .map((t) => ({ date: new Date(t.date), text: t.text, sources: t.sources.length }))
    .filter((r) => !Number.isNaN(r.date.getTime()));
  if (rows.length === 0) return undefined;
  return Plot.plot({
    document: options.document,
    width: 720,
    height: 70 + rows.length * 22,
    marginLeft: 20,
    marginRight: 20,
    x: { type: 'utc', label: null, grid: true },
    y: { axis: null, domain: rows.map((_, i) => i) },
    marks: [
      Plot.ruleY(rows.map((_, i) => i), { stroke: '#ddd' }),
      Plot.dot(rows, { x: 'date', y: (_d: unknown, i: number) => i, r: (d: (typeof rows)[number]) => 3 + d.sources, fill: '#3a7ca5', title: 'text' }),
      Plot.text(rows, { x: 'date', y: (_d: unknown, i: number) => i, text: (d: (typeof rows)[number]) => truncate(d.text, 70), dx: 10, textAnchor: 'start', fontSize: 11 }),
    ],
  });
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
