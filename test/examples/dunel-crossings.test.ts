/**
 * The multilingual example (examples/dunel-crossings, #18 scope 5): five fictional outlets write
 * in English, French, German, Spanish and Arabic about two events that share people and places.
 * Ingested through the product path (ingest -> stories -> report), each event must make one story
 * holding every language's article and no article of the other event, and each statement of the
 * answer key must show every language's rendering beside the English one, with its speaker.
 *
 * Checks that depend on work not done yet are `it.fails` with the reason in their name (see
 * PENDING): they pass while the behaviour is missing and fail, asking to be moved back to `it`,
 * the day it arrives.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportStatement, StoryReport } from '../../src/model/report.js';
import { createReport } from '../../src/pipeline/synthesize/index.js';
import { storiesOf } from '../support/stories.js';

const DIR = fileURLToPath(new URL('../../examples/dunel-crossings/', import.meta.url));

interface Key {
  readonly articles: readonly { readonly id: string; readonly file: string; readonly language: string; readonly story: string }[];
  readonly stories: readonly { readonly id: string; readonly articles: readonly string[] }[];
  readonly people: readonly { readonly id: string; readonly name: string }[];
  readonly statements: readonly {
    readonly id: string;
    readonly story: string;
    readonly speaker: string;
    readonly renderings: readonly { readonly article: string; readonly text: string }[];
  }[];
}
const KEY = JSON.parse(readFileSync(`${DIR}answer-key.json`, 'utf8')) as Key;

/** Checks known to fail today, by check id, with the reason (none since the Arabic quotations and names across scripts). */
const PENDING: Readonly<Record<string, string>> = {};
const check = (id: string, name: string, fn: () => void): void => {
  const reason = PENDING[id];
  if (reason) it.fails(`${name} — fails until: ${reason}`, fn);
  else it(name, fn);
};

/** Letters and digits only, lower case: renderings compare on their words, not on quote marks or spacing. */
const norm = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('multilingual example: Dunel Crossings', () => {
  let reports: StoryReport[] = [];
  /** Answer-key article id -> stored article id (by the file name in its canonical URL's slug). */
  const articleIds = new Map<string, string>();
  beforeAll(async () => {
    const stories = await storiesOf(`${DIR}input/`);
    const report = createReport();
    reports = stories.map((s) => report(s).value);
    const slugs = new Map(
      KEY.articles.map((a) => {
        const html = readFileSync(`${DIR}${a.file}`, 'utf8');
        return [html.match(/<link rel="canonical" href="([^"]+)"/u)![1]!, a.id] as const;
      }),
    );
    for (const r of reports) for (const a of r.articles) if (a.url && slugs.has(a.url)) articleIds.set(slugs.get(a.url)!, a.id);
  }, 300_000);

  it('reads every article of the answer key', () => {
    expect([...articleIds.keys()].sort()).toEqual(KEY.articles.map((a) => a.id).sort());
  });

  const storyOf = (keyArticle: string): StoryReport | undefined => reports.find((r) => r.articles.some((a) => a.id === articleIds.get(keyArticle)));

  for (const story of KEY.stories) {
    const english = story.articles.find((a) => KEY.articles.find((k) => k.id === a)!.language === 'en')!;
    it(`${story.id}: its story holds no article of the other event (names shared across events do not merge them)`, () => {
      const r = storyOf(english)!;
      const other = KEY.articles.filter((a) => a.story !== story.id).map((a) => articleIds.get(a.id));
      expect(r.articles.filter((a) => other.includes(a.id)).map((a) => a.site)).toEqual([]);
    });
    for (const keyArticle of story.articles.filter((a) => a !== english)) {
      const language = KEY.articles.find((k) => k.id === keyArticle)!.language;
      check(`story:${story.id}:${language}`, `${story.id}: the ${language} article is in the English article's story`, () => {
        expect(storyOf(keyArticle)?.storyId).toBe(storyOf(english)!.storyId);
      });
    }
  }

  /** The report statement holding the answer key's rendering `text` of article `keyArticle`. */
  const statementWith = (keyArticle: string, text: string): ReportStatement | undefined => {
    const id = articleIds.get(keyArticle);
    return storyOf(keyArticle)?.statements.find((s) => s.renderings.some((r) => r.articleId === id && norm(r.text) === norm(text)));
  };

  for (const st of KEY.statements) {
    const speaker = KEY.people.find((p) => p.id === st.speaker)!.name;
    const english = st.renderings.find((r) => KEY.articles.find((a) => a.id === r.article)!.language === 'en')!;
    it(`${st.id}: the English rendering is found, said by ${speaker}`, () => {
      const s = statementWith(english.article, english.text);
      expect(s?.speaker).toBe(speaker);
      expect(s!.renderings[0]!.articleId).toBe(articleIds.get(english.article));
    });
    for (const r of st.renderings.filter((x) => x !== english)) {
      const language = KEY.articles.find((a) => a.id === r.article)!.language;
      check(`statement:${st.id}:${language}`, `${st.id}: the ${language} rendering stands beside the English one, aligned`, () => {
        const s = statementWith(english.article, english.text)!;
        const rendering = s.renderings.find((x) => x.articleId === articleIds.get(r.article));
        expect(rendering?.text && norm(rendering.text)).toBe(norm(r.text));
        expect(rendering!.alignment.some((w) => w.op === 'same')).toBe(true);
      });
    }
  }
});
