/**
 * The seed articles (read at run time from ../shared/seeds/), ingested and grouped into stories in
 * an in-memory store: in the meeting story (the story with the most articles), the most-quoted
 * person's most widely rendered statement is found in at least four of its five articles, every
 * rendering attributed to that person, aligned as one statement; and that person's name forms all
 * resolve to one entity. Nothing here names the seeds' words: all is computed from the data.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { runIngest } from '../../src/pipeline/run.js';
import { runStories } from '../../src/pipeline/stories.js';
import { createStatements, type StoryStatements } from '../../src/pipeline/analyze/statements/index.js';

const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

describe.skipIf(!existsSync(SEEDS))('statements in the seed meeting story', () => {
  let store: Store;
  let result: StoryStatements;
  let articleCount = 0;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await runIngest({ inputs: [SEEDS], store });
    await runStories({ store });
    const top = (await store.stories.list({ limit: 1 })).items[0]!;
    const story = (await store.stories.get(top.id))!;
    const articles = (await store.articles.getMany(story.members.map((m) => m.articleId))).map((s) => s.article);
    articleCount = articles.length;
    result = createStatements()({
      value: { storyId: top.id, articles: articles.map((a) => ({ id: a.id, text: a.text, paragraphs: a.paragraphs, site: a.siteName ?? a.id })) },
      messages: [],
    }).value;
  }, 120_000);
  afterAll(() => store.close());

  const mostQuoted = () => {
    const counts = new Map<string, number>();
    for (const s of [...result.statements, ...result.single]) counts.set(s.personId, (counts.get(s.personId) ?? 0) + s.renderings.length);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  };
  const widest = () =>
    result.statements
      .filter((s) => s.personId === mostQuoted())
      .sort((a, b) => b.renderings.length - a.renderings.length || b.articleIds.length - a.articleIds.length || b.similarity - a.similarity)[0]!;

  it('finds the most-quoted person’s main statement in at least four of the five articles, attributed to that person', () => {
    expect(articleCount).toBe(5);
    const s = widest();
    expect(s.articleIds.length).toBeGreaterThanOrEqual(4);
    expect(s.renderings.every((r) => r.quote.personId === mostQuoted())).toBe(true);
    expect(new Set(s.renderings.map((r) => r.quote.id)).size).toBe(s.renderings.length);
    expect(s.similarity).toBeGreaterThanOrEqual(0.45);
  });

  it('aligns every rendering of it against the most complete one', () => {
    const s = widest();
    expect(s.renderings[0]!.anchor).toBe(true);
    for (const r of s.renderings.slice(1)) {
      expect(r.alignment.some((w) => w.op === 'same')).toBe(true);
      expect(r.similarity).toBeGreaterThan(0);
    }
  });

  it('groups several statements rendered by four or more articles, each by one person', () => {
    const wide = result.statements.filter((s) => s.articleIds.length >= 4);
    expect(wide.length).toBeGreaterThanOrEqual(3);
    for (const s of wide) expect(new Set(s.renderings.map((r) => r.quote.personId)).size).toBe(1);
  });

  it('resolves every speaker mention of the most-quoted person to one entity holding all its name forms', () => {
    const id = mostQuoted();
    const person = result.entities.find((e) => e.id === id)!;
    expect(person.forms.length).toBeGreaterThanOrEqual(5);
    const surname = person.name.split(' ').pop()!;
    expect(result.entities.filter((e) => e.kind === 'person' && e.forms.some((f) => f.endsWith(surname)))).toHaveLength(1);
    const people = result.people.find((p) => p.entity.id === id)!;
    expect(people.articleIds).toHaveLength(5);
  });
});
