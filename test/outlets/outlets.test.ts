/**
 * Outlets: the user's outlet registry (validated, overriding bundled entries), each article's
 * outlet in the report (domain, dateline, site label, "Source:" credit, a copy's family), and the
 * outlet list and profiles over the stored reports, through the CLI and the API.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { StoryReport } from '../../src/model/report.js';
import { currentOutletRegistry, useOutletsFile } from '../../src/pipeline/analyze/outlets/config.js';
import type { OutletList, OutletProfile } from '../../src/pipeline/outlets.js';
import { createApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { captureCli } from '../support/cli.js';
import { orvaneLines, USER_OUTLETS } from './fixtures.js';

let dir: string;
let db: string;
let mine: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureCli(dir);
  const code = await runCli(argv, c.ctx);
  return { code, out: c.out(), err: c.err() };
}

/** The reports of every story of the database (the fixture is one event, but how it is grouped is the clustering's business). */
async function storyReports(): Promise<StoryReport[]> {
  const stories = JSON.parse((await run('stories', '--db', db, '--json')).out) as { items: { id: string }[] };
  const reports: StoryReport[] = [];
  for (const s of stories.items) reports.push(JSON.parse((await run('report', s.id, '--db', db, '--format', 'json')).out) as StoryReport);
  return reports;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parallax-outlets-'));
  db = path.join(dir, 'p.db');
  mine = path.join(dir, 'mine.json');
  writeFileSync(mine, JSON.stringify(USER_OUTLETS));
  const input = path.join(dir, 'orvane.jsonl');
  writeFileSync(input, `${orvaneLines().map((l) => JSON.stringify(l)).join('\n')}\n`);
  const ingested = await run('ingest', input, '--db', db, '--outlets', mine, '-q');
  expect(ingested.code).toBe(0);
}, 240_000);

afterAll(() => {
  useOutletsFile(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('the user outlet registry', () => {
  it('refuses a malformed outlets file, naming the entry and what is wrong with it', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ outlets: [USER_OUTLETS.outlets[0], { key: 'tallow-times.example', name: 'Tallow Times', kind: 'tabloid' }] }));
    const res = await run('outlets', '--db', db, '--outlets', bad);
    expect(res.code).toBe(2);
    expect(res.err).toContain('[DEDUP_OUTLETS_INVALID]');
    expect(res.err).toContain('entry 2 ("tallow-times.example")');
    expect(res.err).toContain('"tabloid"');
    writeFileSync(bad, JSON.stringify({ outlets: [{ key: 'tallow-times.example', name: 'Tallow Times', kind: 'private', country: 'Tallowland' }] }));
    expect((await run('outlets', '--db', db, '--outlets', bad)).err).toMatch(/entry 1 \("tallow-times.example"\).*country/);
    const missing = await run('outlets', '--db', db, '--outlets', path.join(dir, 'nowhere.json'));
    expect(missing.err).toContain('[INPUT_NOT_FOUND]');
  });

  it('lets a user entry override the bundled entry with the same key, and PARALLAX_OUTLETS name the file', async () => {
    const override = path.join(dir, 'override.json');
    writeFileSync(override, JSON.stringify({ outlets: [{ key: 'afp.com', name: 'Agence France-Presse', kind: 'state', country: 'FR', language: 'fr', aliases: ['AFP'], reason: 'A user who counts it as state media.' }] }));
    const bundled = useOutletsFile(undefined);
    useOutletsFile(override);
    const registry = currentOutletRegistry();
    expect(bundled.record('afp.com')).toMatchObject({ kind: 'agency', origin: 'bundled' });
    expect(registry.record('afp.com')).toMatchObject({ kind: 'state', origin: 'user' });
    expect(registry.byName('AFP')?.key).toBe('afp.com');
    expect(registry.records.length).toBe(bundled.records.length);
    // Through the CLI: the environment variable, when no --outlets is given.
    const c = captureCli(dir, { NO_COLOR: '1', PARALLAX_OUTLETS: mine });
    expect(await runCli(['outlets', '--db', db, '--json'], c.ctx)).toBe(0);
    expect(currentOutletRegistry().record('kessel-radio.example')?.origin).toBe('user');
    useOutletsFile(undefined);
    expect(currentOutletRegistry().record('kessel-radio.example')).toBeUndefined();
  });
});

describe("each article's outlet", () => {
  it('is named from its domain, dateline, fused site label, "Source:" credit or its copy, never from the file', async () => {
    const reports = await storyReports();
    const byTitle = new Map(reports.flatMap((r) => r.articles.map((a) => [a.title, a.outletKey] as const)));
    expect(byTitle.get('Orvane shuts Tessaly Bridge over cracked cables')).toBe('kessel-radio.example');
    expect(byTitle.get('Tessaly Bridge closed after cable inspection')).toBe('kessel-radio.example');
    expect(byTitle.get('Orvane closes Tessaly Bridge')).toBe('marrow-wire.example');
    expect(byTitle.get('Cracked cables close Orvane bridge for weeks')).toBe('lindqvist-post.example');
    expect(byTitle.get('Bridge closure strands Orvane commuters')).toBe('lindqvist-post.example');
    const outlets = new Map(reports.flatMap((r) => r.outlets.map((o) => [o.key, o] as const)));
    expect(outlets.get('kessel-radio.example')).toMatchObject({ kind: 'state', country: 'XA', basis: 'user' });
    expect(outlets.get('lindqvist-post.example')).toMatchObject({ kind: 'private', country: 'XB', basis: 'user', evidence: 'Lindqvist Post' });
    expect(outlets.get('marrow-wire.example')).toMatchObject({ kind: 'agency', country: 'XB', evidence: 'Marrow Wire' });
    for (const report of reports) {
      // Every article belongs to exactly one outlet entry, and no outlet is named after the input file.
      expect(report.outlets.flatMap((o) => o.articles).sort()).toEqual(report.articles.map((a) => a.id).sort());
      expect(report.outlets.some((o) => /orvane|jsonl/.test(o.key) || /jsonl/.test(o.name))).toBe(false);
    }
  });
});

describe('parallax outlets and parallax outlet', () => {
  it('lists the outlets with kind, country and their articles and stories', async () => {
    const res = await run('outlets', '--db', db, '--json', '--outlets', mine);
    expect(res.code).toBe(0);
    const list = JSON.parse(res.out) as OutletList;
    const reports = await storyReports();
    const storiesOf = (key: string): number => reports.filter((r) => r.outlets.some((o) => o.key === key)).length;
    const counts = Object.fromEntries(list.outlets.map((o) => [o.key, [o.kind, o.country, o.articles, o.stories]]));
    expect(counts).toEqual({
      'kessel-radio.example': ['state', 'XA', 2, storiesOf('kessel-radio.example')],
      'lindqvist-post.example': ['private', 'XB', 2, storiesOf('lindqvist-post.example')],
      'marrow-wire.example': ['agency', 'XB', 1, storiesOf('marrow-wire.example')],
    });
    expect(list.stories).toBe(reports.length);
    const table = (await run('outlets', '--db', db)).out;
    expect(table).toMatch(new RegExp(`Kessel State Radio\\s+state\\s+XA\\s+en\\s+2\\s+${storiesOf('kessel-radio.example')}`));
  });

  it('profiles an outlet by an alias, with evidence ids that all exist in the store', async () => {
    const res = await run('outlet', 'KSR', '--db', db, '--json', '--outlets', mine);
    expect(res.code).toBe(0);
    const p = JSON.parse(res.out) as OutletProfile;
    expect(p).toMatchObject({ key: 'kessel-radio.example', kind: 'state', articles: 2 });
    // The agency text reprinted under the fused label: Marrow Wire copies it, and published it later.
    expect(p.copiedBy.map((o) => o.key)).toEqual(['marrow-wire.example']);
    expect(p.first.first).toBeGreaterThanOrEqual(1);
    expect(p.first.rate).toBe(p.first.first / p.first.ranked);
    expect(p.weeks).toEqual([expect.objectContaining({ week: '2026-03-02', stories: p.stories, articles: 2 })]);
    // Every id any figure cites is a stored story, article or claim of that story.
    const evidence = [p.weeks.map((w) => w.evidence), p.copies.evidence, p.copies.of.map((o) => o.evidence), p.copiedBy.map((o) => o.evidence), p.cites.map((c) => c.evidence), p.first.evidence, p.loadedTerms.map((t) => t.evidence), p.alone.evidence, p.leavesOut.evidence, p.languages.map((l) => l.evidence)].flat();
    const stories = new Set(evidence.flatMap((e) => e.stories));
    const articles = new Set(evidence.flatMap((e) => e.articles));
    const claims = new Set(evidence.flatMap((e) => e.claims ?? []));
    expect(articles.size).toBeGreaterThan(0);
    expect(claims.size).toBeGreaterThan(0);
    const reports = await storyReports();
    const store = await openStore(db, { mustExist: true });
    try {
      for (const s of stories) expect(await store.stories.get(s)).toBeDefined();
      for (const a of articles) expect(await store.articles.get(a)).toBeDefined();
    } finally {
      await store.close();
    }
    const known = new Set(reports.flatMap((r) => r.claims.map((c) => c.id)));
    for (const c of claims) expect(known.has(c)).toBe(true);
    expect(p.alone.count).toBe(p.alone.evidence.claims?.length);
  });

  it('says when no stored report names the outlet', async () => {
    const res = await run('outlet', 'Tallow Times', '--db', db);
    expect(res.code).toBe(2);
    expect(res.err).toContain('[OUTLET_NOT_FOUND]');
  });
});

describe('GET /api/outlets', () => {
  it('lists the outlets, profiles one by name, answers 404 for an unknown one and documents both', async () => {
    useOutletsFile(mine);
    const store = await openStore(db, { mustExist: true });
    const app = createApp({ store, log: () => {} });
    try {
      const list = (await (await app.request('/api/outlets')).json()) as OutletList;
      expect(list.outlets.map((o) => o.key).sort()).toEqual(['kessel-radio.example', 'lindqvist-post.example', 'marrow-wire.example']);
      const res = await app.request(`/api/outlets/${encodeURIComponent('Lindqvist Post')}`);
      expect(res.status).toBe(200);
      const p = (await res.json()) as OutletProfile;
      expect(p).toMatchObject({ key: 'lindqvist-post.example', kind: 'private', country: 'XB', articles: 2 });
      const none = await app.request('/api/outlets/tallow-times.example');
      expect(none.status).toBe(404);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('OUTLET_NOT_FOUND');
      const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      expect(spec.paths['/api/outlets']).toBeDefined();
      expect(spec.paths['/api/outlets/{key}']).toBeDefined();
      expect(spec.components.schemas.OutletProfile).toBeDefined();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
