/**
 * The HTTP server under load: autocannon against `parallax serve`'s app on 127.0.0.1 over a SQLite
 * store of 10,000 generated articles (`test/store/records.ts`, stored through the store directly)
 * in 2,000 five-article stories, plus the Harbor Accord example run through the whole pipeline.
 * Per endpoint, a time-bounded run (10 s; `--quick` 3 s) with 10 connections from a worker thread
 * reports requests/s and p99 latency: the story list (plain and filtered), a story's report JSON
 * (remembered by the server after the first request, whose time is reported too), and the UI's page.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { serve, type ServerType } from '@hono/node-server';
import type { Family } from '../../src/model/story.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { createApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import type { StoryRecord } from '../../src/store/stories.js';
import { generateRecords } from '../../test/store/records.js';
import type { BenchFigure, BenchSuite } from '../types.js';

const ARTICLES = 10_000;
const PER_STORY = 5;
const EXAMPLE = fileURLToPath(new URL('../../examples/harbor-accord/input/', import.meta.url));

const suite: BenchSuite = {
  name: 'server',
  description: 'HTTP API under autocannon over 10k stored articles: requests/s and p99 latency for the story list, a report and the UI page',
  async run({ log, scratchDir, quick }) {
    const store = await openStore(join(scratchDir, 'server.db'));
    let server: ServerType | undefined;
    try {
      await runIngest({ inputs: [EXAMPLE], store });
      await runStories({ store });
      const accord = (await store.stories.list({ limit: 1 })).items[0]!;

      const t0 = performance.now();
      for (let start = 0; start < ARTICLES; start += 1000) {
        const batch = generateRecords({ seed: 9, start, count: 1000 });
        await store.saveIngested(batch);
        const articles = batch.flatMap((r) => r.articles.map((a) => a.article));
        const upsert: StoryRecord[] = [];
        for (let i = 0; i + PER_STORY <= articles.length; i += PER_STORY) {
          const members = articles.slice(i, i + PER_STORY);
          const id = `sty_${(start + i).toString(16).padStart(16, '0')}`;
          const dates = members.map((a) => a.published?.value).filter((d): d is string => d !== undefined).sort();
          // Two members copy the first; the others are independent sources.
          const families: Family[] = members.slice(2).map((a, k) => ({
            id: `fam_${id.slice(4)}_${k}`,
            storyId: id,
            originalId: k === 0 ? members[0]!.id : a.id,
            members: (k === 0 ? members.slice(0, 3) : [a]).map((m, j) => ({ articleId: m.id, derivation: j === 0 ? 'original' : 'verbatim', reuse: j === 0 ? 1 : 0.9, evidence: [] })),
          }));
          upsert.push({
            story: { id, title: members[0]!.title ?? id, articleIds: members.map((a) => a.id), sourceCount: families.length, ...(dates.length > 0 ? { firstSeen: dates[0]!, lastSeen: dates.at(-1)! } : {}) },
            members: members.map((a, k) => ({ articleId: a.id, score: k === 0 ? 1 : 0.6, sharedTerms: [] })),
            families,
            membersHash: id,
          });
        }
        await store.saveStories({ upsert, remove: [], state: [] });
      }
      log(`stored ${await store.articles.count()} articles in ${await store.stories.count()} stories (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

      const app = createApp({ store, allowedHosts: ['127.0.0.1'], log: () => {} });
      server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      const coldStart = performance.now();
      const cold = await fetch(`${base}/api/stories/${accord.id}/report`);
      if (!cold.ok) throw new Error(`report answered ${cold.status}`);
      await cold.arrayBuffer();
      const coldMs = performance.now() - coldStart;
      log(`first report of the ${accord.articleCount}-article example story: ${coldMs.toFixed(0)} ms (then remembered)`);

      const figures: BenchFigure[] = [{ name: 'report, first request (computed)', value: coldMs, unit: 'ms' }];
      const duration = quick ? 3 : 10;
      const targets: [string, string][] = [
        ['story list', '/api/stories?limit=50'],
        ['story list, filtered', '/api/stories?limit=50&language=en&since=2020-01-01&search=harbor'],
        ['story report (remembered)', `/api/stories/${accord.id}/report`],
        ['story page (member list)', `/api/stories/${accord.id}`],
      ];
      for (const [name, path] of targets) {
        const r = await autocannon({ url: `${base}${path}`, connections: 10, duration, workers: 1 });
        const bad = r.non2xx + r.errors + r.timeouts;
        log(`${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests${bad > 0 ? `, ${bad} failed` : ''}`);
        figures.push({ name: `${name}: requests/s`, value: r.requests.average, unit: 'req/s' });
        figures.push({ name: `${name}: p99 latency`, value: r.latency.p99, unit: 'ms', target: { op: '<=', value: 500 } });
        if (bad > 0) figures.push({ name: `${name}: failed requests`, value: bad, unit: 'requests', target: { op: '<=', value: 0 } });
      }
      return figures;
    } finally {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await store.close();
    }
  },
};

export default suite;
