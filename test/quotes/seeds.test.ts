/**
 * The seed articles (read at run time from ../shared/seeds/): one statement rendered by several
 * translators, one person named many ways, roles standing for people. The supreme leader's, the
 * Iraqi prime minister's and the Iranian president's quotes must be attributed to them, and each
 * one's name forms resolve to one person.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createQuotes } from '../../src/pipeline/analyze/quotes/index.js';
import type { Entity } from '../../src/model/quote.js';

const dir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const present = existsSync(dir);
const files = present ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
const inputs = files.map((f) => ({ value: { id: f, text: readFileSync(dir + f, 'utf8') }, messages: [] }));
const result = present ? createQuotes()(inputs) : undefined;

/** The person entity holding a role (by role words) — found from the data, not named in the test. */
function holder(entities: readonly Entity[], ...roleWords: string[]): Entity | undefined {
  return entities.find((e) => e.kind === 'person' && e.roles.some((r) => roleWords.every((w) => r.toLowerCase().includes(w))));
}

describe.skipIf(!present)('seed articles', () => {
  const entities = result?.entities ?? [];
  const leader = holder(entities, 'supreme', 'leader');
  const pm = holder(entities, 'iraqi', 'prime minister');
  const president = holder(entities, 'iranian', 'president');

  it('finds one person for each of the three office holders', () => {
    expect(leader).toBeDefined();
    expect(pm).toBeDefined();
    expect(president).toBeDefined();
    expect(new Set([leader!.id, pm!.id, president!.id]).size).toBe(3);
  });

  it('resolves the supreme leader’s name forms (full, honorific, surname, role phrases) to one person', () => {
    const forms = leader!.forms;
    expect(forms.some((f) => /^Ayatollah /u.test(f))).toBe(true);
    expect(forms.some((f) => /^Imam /u.test(f))).toBe(true);
    expect(forms.some((f) => /^the Leader$/iu.test(f))).toBe(true);
    expect(forms.some((f) => /Supreme Leader$/iu.test(f) && /^the /iu.test(f))).toBe(true);
    expect(forms.filter((f) => !/\s/u.test(f)).length).toBeGreaterThan(0);
    expect(entities.filter((e) => e.kind === 'person' && e.forms.some((f) => f.endsWith(leader!.name.split(' ').pop()!)))).toHaveLength(1);
  });

  it('resolves the prime minister’s spelling variants and role phrases to one person', () => {
    expect(pm!.evidence!.some((e) => e.rule === 'spelling-variant')).toBe(true);
    expect(pm!.forms.some((f) => /^the PM$/iu.test(f))).toBe(true);
    expect(pm!.forms.some((f) => /^Al-/u.test(f))).toBe(true);
  });

  it('resolves the president’s transliteration variants to one person', () => {
    expect(president!.evidence!.some((e) => e.rule === 'spelling-variant')).toBe(true);
  });

  it('attributes the supreme leader’s quotes to him in every article that quotes him', () => {
    let articlesQuotingHim = 0;
    for (const a of result!.articles) {
      const text = inputs.find((i) => i.value.id === a.value.articleId)!.value.text;
      const direct = a.value.quotes.filter((q) => q.type === 'direct' && q.personId === leader!.id);
      if (direct.length > 0) articlesQuotingHim++;
      // Every direct quote whose speaker is a form of his name or his role resolves to him.
      for (const q of a.value.quotes.filter((x) => x.speakerMention)) {
        const mention = text.slice(q.speakerMention!.start, q.speakerMention!.end);
        if (leader!.forms.includes(mention) || /\bLeader\b/u.test(mention)) expect(q.personId, mention).toBe(leader!.id);
      }
    }
    expect(articlesQuotingHim).toBe(5);
  });

  it('attributes quotes to the prime minister and the president where they speak', () => {
    const all = result!.articles.flatMap((a) => a.value.quotes);
    expect(all.filter((q) => q.personId === pm!.id).length).toBeGreaterThanOrEqual(4);
    expect(all.filter((q) => q.personId === president!.id).length).toBeGreaterThanOrEqual(3);
  });
});
