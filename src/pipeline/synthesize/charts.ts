/**
 * The report's two charts, drawn with Observable Plot into the `document` the caller gives (the
 * browser's, or linkedom's on the server): the coverage matrix (outlets by claims) and the
 * timeline. No Node-only imports, so the web UI draws the same charts.
 */
import * as Plot from '@observablehq/plot';
import type { StoryReport } from '../../model/report.js';

export interface ChartOptions {
  /** The document to create the SVG elements in. */
  readonly document: Document;
  /** Most claims drawn (best supported first; default 30). */
  readonly maxClaims?: number;
}

/** How an outlet relates to a claim in the coverage matrix. */
export type CoverageState = 'carries' | 'alone' | 'leaves out' | '—';

/** One cell of the coverage matrix. */
export interface CoverageCell {
  readonly site: string;
  /** Short label of the claim: `C1`, `C2`… in the order of {@link coverageClaims}. */
  readonly claim: string;
  readonly claimId: string;
  readonly state: CoverageState;
}

/** The claims the matrix shows: most independent sources first, then report order; at most `max`. */
export function coverageClaims(report: StoryReport, max = 30): StoryReport['claims'] {
  return [...report.claims]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.sourceCount - a.c.sourceCount || a.i - b.i)
    .slice(0, max)
    .map((x) => x.c);
}

/** The coverage matrix as data: one cell per outlet and shown claim. */
export function coverageCells(report: StoryReport, max = 30): CoverageCell[] {
  const claims = coverageClaims(report, max);
  const cells: CoverageCell[] = [];
  for (const o of report.coverage) {
    const carried = new Set(o.carried);
    const missing = new Set(o.missing);
    const alone = new Set(o.alone);
    claims.forEach((c, i) => {
      const state: CoverageState = alone.has(c.id) ? 'alone' : carried.has(c.id) ? 'carries' : missing.has(c.id) ? 'leaves out' : '—';
      cells.push({ site: o.site, claim: `C${i + 1}`, claimId: c.id, state });
    });
  }
  return cells;
}

/** The coverage matrix drawn: outlets (rows) by claims (columns), coloured by carries / alone / leaves out. */
export function coverageChart(report: StoryReport, options: ChartOptions): SVGSVGElement | HTMLElement {
  const cells = coverageCells(report, options.maxClaims ?? 30);
  const claims = [...new Set(cells.map((c) => c.claim))];
  return Plot.plot({
    document: options.document,
    marginLeft: 160,
    width: Math.max(320, 160 + claims.length * 28),
    height: Math.max(80, 40 + report.coverage.length * 26),
    x: { domain: claims, label: 'claim', axis: 'top' },
    y: { domain: report.coverage.map((o) => o.site), label: null },
    color: { domain: ['carries', 'alone', 'leaves out', '—'], range: ['#4e79a7', '#f28e2b', '#e15759', '#eeeeee'], legend: false },
    marks: [Plot.cell(cells, { x: 'claim', y: 'site', fill: 'state', inset: 1 })],
  });
}

/** The timeline drawn: one dot per dated entry on a time axis, labelled with its text (shortened). */
export function timelineChart(report: StoryReport, options: ChartOptions): SVGSVGElement | HTMLElement {
  const entries = report.timeline
    .map((e, i) => ({ date: new Date(e.date.length === 10 ? `${e.date}T00:00:00Z` : e.date), label: shorten(e.text, 60), row: String(i + 1) }))
    .filter((e) => !Number.isNaN(e.date.getTime()));
  return Plot.plot({
    document: options.document,
    marginLeft: 20,
    marginRight: 320,
    width: 720,
    height: Math.max(80, 40 + entries.length * 22),
    x: { type: 'utc', label: null, axis: 'top' },
    y: { axis: null, domain: entries.map((e) => e.row) },
    marks: [
      Plot.ruleY(entries, { y: 'row', stroke: '#eeeeee' }),
      Plot.dot(entries, { x: 'date', y: 'row', fill: '#4e79a7', r: 4 }),
      Plot.text(entries, { x: 'date', y: 'row', text: 'label', textAnchor: 'start', dx: 8, fontSize: 11 }),
    ],
  });
}

function shorten(text: string, n: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
}

/** Who cites whom drawn: citing outlets on the left, cited sources on the right, one line per citation (thicker for more). */
export function citationChart(report: StoryReport, options: ChartOptions): SVGSVGElement | HTMLElement {
  const { nodes, edges } = report.citations;
  const name = new Map(nodes.map((n) => [n.id, n.name] as const));
  const left = [...new Set(edges.map((e) => e.from))];
  const right = [...new Set(edges.map((e) => e.to))];
  const rows = Math.max(left.length, right.length, 1);
  const at = (list: readonly string[], id: string): number => ((list.indexOf(id) + 0.5) * rows) / list.length;
  const links = edges.map((e) => ({ x1: 0, y1: at(left, e.from), x2: 1, y2: at(right, e.to), width: Math.min(6, 1 + e.count) }));
  const labels = [
    ...left.map((id) => ({ x: 0, y: at(left, id), text: name.get(id) ?? id, anchor: 'end' as const, dx: -8 })),
    ...right.map((id) => ({ x: 1, y: at(right, id), text: name.get(id) ?? id, anchor: 'start' as const, dx: 8 })),
  ];
  return Plot.plot({
    document: options.document,
    width: 640,
    height: Math.max(80, 30 + rows * 26),
    marginLeft: 200,
    marginRight: 200,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [rows, 0] },
    marks: [
      Plot.link(links, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: '#4e79a7', strokeWidth: 'width', strokeOpacity: 0.7, markerEnd: 'arrow' }),
      Plot.dot(labels, { x: 'x', y: 'y', fill: '#333333', r: 3 }),
      Plot.text(labels.filter((l) => l.anchor === 'end'), { x: 'x', y: 'y', text: 'text', textAnchor: 'end', dx: -8, fontSize: 11 }),
      Plot.text(labels.filter((l) => l.anchor === 'start'), { x: 'x', y: 'y', text: 'text', textAnchor: 'start', dx: 8, fontSize: 11 }),
    ],
  });
}
