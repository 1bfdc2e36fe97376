// The five shared seed articles through extract → clean → text. Seeds are read at run time; no
// seed text is written here: expectations are computed from the raw files or stated generally.
import { describe, expect, it } from 'vitest';
import type { Article, CleanArticle } from '../../src/model/article.js';
import type { Envelope } from '../../src/model/envelope.js';
import { createText } from '../../src/pipeline/text/index.js';
import { clean, readSeed, seedFiles } from './pipeline.js';

const text = createText();
const runs = new Map<string, Envelope<CleanArticle>[]>();
for (const f of seedFiles()) runs.set(f, clean(readSeed(f)));
const all = [...runs.values()].flat();
const seedStarting = (prefix: string): Envelope<CleanArticle>[] => {
  const name = seedFiles().find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return runs.get(name)!;
};
const paragraphsOf = (a: CleanArticle): string[] => a.paragraphs.map((p) => a.text.slice(p.start, p.end));

// General shapes of furniture: none of these may survive cleaning.
const FURNITURE: readonly [string, RegExp][] = [
  ['date-place caption', /^\d{1,2} [A-Z][a-z]+ \d{4}, [^:]{2,80}: /],
  ['photo-by caption', /\(Photo by [^)]+\)\s*$/i],
  ['provider/agency caption', /\([^()]*\/[^()]+\)\s*$/],
  ['position markers', /\((?:R|L)\).*\((?:R|L)\)/],
  ['lone short token', /^(?:\p{Lu}{1,2}|\d{1,4})$/u],
  ['related trailer', /^(?:Read more|Related|See also)\b/i],
  ['source credit', /Source\s*»/],
  ['date field', /^date 20\d\d-/i],
  ['glued site label', /^(?:\p{Lu}\p{L}* ){0,3}\p{Lu}\p{L}*\p{Ll}\p{Lu}\p{Ll}/u],
  ['site label colon', /^(?:\p{Lu}\p{L}* ){0,3}News:/u],
];

describe('seed articles through extract → clean → text', () => {
  it('gives six articles from five seeds, the one with a second story split in two', () => {
    expect(seedFiles()).toHaveLength(5);
    expect(all).toHaveLength(6);
    expect([...runs.values()].filter((r) => r.length === 2)).toHaveLength(1);
    expect(seedStarting('003').map((e) => e.value.part)).toEqual([0, 1]);
  });

  it('leaves no furniture line in any article', () => {
    for (const env of all) {
      for (const p of paragraphsOf(env.value)) {
        for (const [name, re] of FURNITURE) expect(re.test(p), `${name}: ${p.slice(0, 60)}`).toBe(false);
      }
    }
  });

  it('leaves no paragraph repeated within an article, and no headline in the text', () => {
    for (const env of all) {
      const ps = paragraphsOf(env.value);
      expect(new Set(ps).size).toBe(ps.length);
      const title = env.value.title;
      if (title) for (const p of ps) expect(p.startsWith(title)).toBe(false);
    }
  });

  it('explains every removed character with a message pointing into the extracted text', () => {
    for (const envs of runs.values()) {
      const extracted = envs[0]!.value.extractedText;
      const covered = new Uint8Array(extracted.length);
      for (const env of envs) {
        for (const m of env.value.sourceMap) covered.fill(1, m.extracted.start, m.extracted.end);
        for (const msg of env.messages) {
          if (msg.stage !== 'clean' || !msg.span || msg.ruleId === 'split-second-article') continue;
          expect(msg.layer).toBe('extracted');
          expect(msg.severity).toBe('info');
          covered.fill(1, msg.span.start, msg.span.end);
        }
      }
      for (let i = 0; i < extracted.length; i++) {
        if (!/\s/.test(extracted[i]!)) expect(covered[i], `uncovered at ${i}: ${extracted.slice(i, i + 40)}`).toBe(1);
      }
    }
  });

  it('maps every clean paragraph back to the same text in the extracted text', () => {
    for (const { value: a } of all) {
      expect(a.sourceMap).toHaveLength(a.paragraphs.length);
      for (const m of a.sourceMap) expect(a.text.slice(m.text.start, m.text.end)).toBe(a.extractedText.slice(m.extracted.start, m.extracted.end));
    }
  });

  it('keeps the closing "Source »" line of 000 as its source credit', () => {
    const raw = readSeed(seedFiles().find((f) => f.startsWith('000'))!);
    const lastLine = raw.trimEnd().split('\n').at(-1)!;
    const expected = lastLine.slice(lastLine.indexOf('»') + 1).trim();
    const [env] = seedStarting('000');
    expect(env!.value.credits.filter((c) => c.role === 'source').map((c) => c.name)).toEqual([expected]);
    const credit = env!.value.credits[0]!;
    expect(env!.value.extractedText.slice(credit.span.start, credit.span.end)).toBe(expected);
    expect(env!.messages.some((m) => m.ruleId === 'source-credit')).toBe(true);
  });

  it('keeps the lone acronym closing 002 as its agency credit and its date field as the publication date', () => {
    const raw = readSeed(seedFiles().find((f) => f.startsWith('002'))!);
    const lastLine = raw.trimEnd().split('\n').at(-1)!.trim();
    const [env] = seedStarting('002');
    expect(env!.value.credits).toContainEqual(expect.objectContaining({ name: lastLine, role: 'agency' }));
    const article: Envelope<Article> = text(env!);
    expect(article.value.publishedResolved).toMatchObject({ value: '2023-11-07', source: 'furniture' });
  });

  it('turns the dateline and the fused site label of 001 into credits and keeps the sentences after them', () => {
    const [env] = seedStarting('001');
    const roles = env!.value.credits.map((c) => c.role);
    expect(roles).toContain('dateline');
    expect(roles).toContain('site-label');
    for (const p of paragraphsOf(env!.value)) expect(p).toMatch(/^[\p{Lu}"“]/u);
    expect(env!.messages.filter((m) => m.ruleId === 'related-links-trailer')).toHaveLength(1);
  });

  it('splits 003 into two titled articles that both say where the page was cut', () => {
    const parts = seedStarting('003');
    const [a, b] = parts.map((e) => e.value);
    expect(a!.title).toBeTruthy();
    expect(b!.title).toBeTruthy();
    expect(a!.title).not.toBe(b!.title);
    const cuts = parts.map((e) => e.messages.find((m) => m.ruleId === 'split-second-article'));
    expect(cuts[0]?.span).toEqual(cuts[1]?.span);
    expect(a!.extractedText.slice(cuts[0]!.span!.start, cuts[0]!.span!.end)).toBe(b!.title);
    expect(parts.every((e) => e.value.credits.some((c) => c.role === 'photo'))).toBe(true);
  });

  it('takes the headline of 004 as its title and cuts it from the paragraph it was fused to', () => {
    const [env] = seedStarting('004');
    expect(env!.value.title).toBeTruthy();
    expect(env!.messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['headline', 'glued-headline']));
  });

  it('gives every article an English language id, sentences inside paragraphs and a stable id', () => {
    for (const env of all) {
      const a = text(env).value;
      expect(a.id).toMatch(/^art_[0-9a-f]{16}$/);
      expect(text(env).value.id).toBe(a.id);
      expect(a.language.code).toBe('en');
      expect(a.sentences.length).toBeGreaterThan(5);
      for (const s of a.sentences) expect(a.paragraphs.some((p) => p.start <= s.start && s.end <= p.end)).toBe(true);
    }
    expect(new Set(all.map((e) => text(e).value.id)).size).toBe(6);
  });
});
