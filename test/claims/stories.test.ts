/**
 * Claims on real stories: the fictional Harbor Accord example (answer key in
 * examples/harbor-accord/README.md) and the five seed articles (read at run time, never copied).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claim, OutletCoverage } from '../../src/model/claim.js';
import type { StoryInput } from '../../src/pipeline/analyze/input.js';
import { createClaims, type ClaimsContext, type ClaimsResult } from '../../src/pipeline/analyze/claims/index.js';
import { createStatements } from '../../src/pipeline/analyze/statements/index.js';
import { EXAMPLE_DIR, SEEDS_DIR, storiesOf } from '../support/stories.js';

const claims = createClaims();

function familiesOf(claim: Claim): Set<string> {
  return new Set(claim.supports.map((s) => s.familyId));
}

function find(result: ClaimsResult, pattern: RegExp): Claim[] {
  return result.claims.filter((c) => c.supports.some((s) => pattern.test(s.text)));
}

describe('claims: the Harbor Accord example', () => {
  let story: StoryInput;
  let result: ClaimsResult;
  const site = (name: RegExp): OutletCoverage => result.coverage.find((c) => name.test(c.site))!;
  const articleOf = (name: RegExp) => story.articles.find((a) => name.test(a.site))!;
  beforeAll(async () => {
    story = (await storiesOf(EXAMPLE_DIR))[0]!;
    result = claims(story).value;
  }, 60_000);

  it('carries the signing terms (berths, railway, cost) in claims of several families', () => {
    for (const term of [/Berths 7 and 8/, /212/, /2\.6/]) {
      const best = Math.max(...find(result, term).map((c) => c.sourceCount));
      expect(best, String(term)).toBeGreaterThanOrEqual(2);
    }
    expect(Math.max(...find(result, /212/).map((c) => c.sourceCount))).toBeGreaterThanOrEqual(4);
  });

  it('lists what KSNA alone adds (ferry to Tesk, 21-gun salute, its own quotes) as alone for KSNA', () => {
    const ksna = site(/KSNA/);
    for (const term of [/ferry/, /21-gun salute/, /piracy dressed up/, /grandfathers waited/]) {
      const [c] = find(result, term);
      expect(c, String(term)).toBeDefined();
      expect(c!.singleSource).toBe(true);
      expect(ksna.alone).toContain(c!.id);
    }
  });

  it('counts Daily Drift with Northwire as one family and gives it Northwire\'s omissions', () => {
    const dd = articleOf(/Daily Drift/);
    const nw = story.articles.find((a) => a.site === 'Northwire')!;
    expect(dd.familyId).toBe(nw.familyId);
    for (const c of result.claims) {
      const ids = new Set(c.supports.map((s) => s.articleId));
      if (ids.has(dd.id) && ids.has(nw.id) && familiesOf(c).size === 1) expect(c.sourceCount).toBe(1);
    }
    expect(site(/Daily Drift/).missing).toEqual(site(/^Northwire$/).missing);
    expect(site(/Daily Drift/).missing.length).toBeGreaterThan(0);
  });

  it('carries the facts the answer key gives to two outlets with exactly those two families', () => {
    const sitesOf = (c: Claim) => [...new Set(c.supports.map((x) => x.site))].sort();
    const [vessels] = result.claims.filter((c) => /1,140 vessels/.test(c.text));
    expect(sitesOf(vessels!)).toEqual(['HPA', 'Northwire – World News']);
    const [jobs] = result.claims.filter((c) => /3,000 jobs/.test(c.text));
    expect(sitesOf(jobs!)).toEqual(['Estravia Today', 'The Selm Ledger']);
    const [containers] = find(result, /400,000 containers/);
    expect(containers!.singleSource).toBe(true);
    expect(site(/^Northwire$/).alone).toContain(containers!.id);
  });

  it("reports the Ledger's dispute of the 3,000 jobs figure (Port Authority documents: about 900) as a conflict", () => {
    const [jobs] = result.claims.filter((c) => /3,000 jobs/.test(c.text));
    const numbers = jobs!.conflicts.filter((k) => k.kind === 'number').map((k) => k.values.map((v) => v.value));
    expect(numbers).toContainEqual(['3,000', '900']);
  });

  it('gives the signing one claim, though outlets centre it on different sentences', () => {
    const signing = result.claims.filter((c) => c.sourceCount >= 5 && c.supports.some((s) => /\bsign/.test(s.text)));
    expect(signing).toHaveLength(1);
    expect(signing[0]!.sourceCount).toBe(7);
  });

  it('finds the detentions and the opposition quote missing from both state media', () => {
    for (const term of [/Police said 11 people were detained/, /mortgaged our harbour/]) {
      const [c] = find(result, term).filter((x) => x.sourceCount >= 2);
      expect(c, String(term)).toBeDefined();
      expect(site(/KSNA/).missing).toContain(c!.id);
      expect(site(/Estravia Today/).missing).toContain(c!.id);
    }
  });

  it('matches the golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const file = fileURLToPath(new URL('./golden/harbor-accord/claims.json', import.meta.url));
    const byId = new Map(story.articles.map((a) => [a.id, a.site]));
    const textOf = new Map(result.claims.map((c) => [c.id, c.text]));
    const actual = {
      claims: result.claims.map((c) => ({
        text: c.text,
        families: c.sourceCount,
        supports: c.supports.map((s) => `${byId.get(s.articleId)} ${s.articleId}${s.quoted ? ' (quoted)' : ''}`),
        conflicts: c.conflicts.map((k) => ({ kind: k.kind, values: k.values.map((v) => v.value) })),
      })),
      coverage: result.coverage.map((c) => ({
        site: c.site,
        carried: c.carried.length,
        missing: c.missing.map((id) => textOf.get(id)),
        alone: c.alone.map((id) => textOf.get(id)),
      })),
    };
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(fileURLToPath(new URL('./golden/harbor-accord/', import.meta.url)), { recursive: true });
      writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});

describe('claims: the seed story', () => {
  let story: StoryInput;
  let result: ClaimsResult;
  // The seeds are text files: an article is found by its file name, its coverage row by its outlet's label.
  const byFile = (prefix: string) => story.articles.find((a) => a.fileLabel?.startsWith(prefix))!;
  const bySite = (prefix: string): OutletCoverage => result.coverage.find((c) => c.site === byFile(prefix).site)!;
  beforeAll(async () => {
    story = (await storiesOf(SEEDS_DIR))[0]!;
    result = claims(story).value;
  }, 60_000);

  it('finds the "real loser" remark and the Arbaeen thanks missing from the aawsat article and its repost', () => {
    for (const term of [/real loser/i, /Arbaeen/i]) {
      const carried = result.claims.filter((c) => term.test(c.text) && c.sourceCount >= 2);
      expect(carried.length, String(term)).toBeGreaterThan(0);
      for (const prefix of ['000', '003']) {
        expect(carried.some((c) => bySite(prefix).missing.includes(c.id)), `${term} ${prefix}`).toBe(true);
      }
    }
  });

  it('finds the Blinken-visit context carried by the aawsat family alone', () => {
    const blinken = result.claims.filter((c) => /Blinken/i.test(c.text));
    expect(blinken.length).toBeGreaterThan(0);
    const aawsat = byFile('000');
    for (const c of blinken) {
      expect(c.singleSource).toBe(true);
      expect(c.supports[0]!.familyId).toBe(aawsat.familyId);
      expect(bySite('000').alone).toContain(c.id);
    }
  });
});

/** The context the report builder passes: quote spans and the statements' renderings. */
function contextOf(story: StoryInput): ClaimsContext {
  const st = createStatements()({ value: { storyId: story.storyId, articles: story.articles }, messages: [] }).value;
  return {
    quotes: st.articles.map((a) => ({ articleId: a.value.articleId, spans: a.value.quotes.flatMap((q) => q.segments ?? [q.span]) })),
    statements: st.statements.map((s) => ({
      quoteSpans: s.renderings.flatMap((r) => (r.quote.segments ?? [r.quote.span]).map((span) => ({ articleId: r.quote.articleId, span }))),
    })),
  };
}

describe('claims: the seed story with the statements analysis', () => {
  it('carries one statement rendered by every outlet in one claim with every family', async () => {
    const story = (await storiesOf(SEEDS_DIR))[0]!;
    const result = claims(story, contextOf(story)).value;
    const families = new Set(story.articles.map((a) => a.familyId));
    const rendering = result.claims.filter((c) => c.supports.some((s) => /accomplices/i.test(s.text)));
    expect(rendering).toHaveLength(1);
    expect(rendering[0]!.sourceCount).toBe(families.size);
    const ids = new Set(rendering[0]!.supports.map((s) => s.articleId));
    expect(ids.size).toBe(story.articles.length);
  }, 60_000);
});
