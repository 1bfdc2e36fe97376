/**
 * Entity resolution across articles: the forms one person is written in (full name, honorific +
 * name, surname only, transliteration variants, "al-" prefixes, role phrases like "the Leader")
 * become one entity, and every merge records the rule that made it.
 */
import { createHash } from 'node:crypto';
import type { Span } from '../../../model/message.js';
import type { Entity, EntityEvidence } from '../../../model/quote.js';
import { givenNameGender, honorificGender } from './gender.js';
import { NAMES, roleKey, type EntityKind, type Mention } from './recognize.js';

/** User corrections: forms that name one entity, and forms that must never be merged. */
export interface AliasFile {
  readonly entities: readonly { readonly name: string; readonly kind?: EntityKind; readonly forms: readonly string[]; readonly roles?: readonly string[] }[];
  readonly distinct: readonly (readonly [string, string])[];
}

/** One article's mentions, as input to resolution. */
export interface ArticleMentions {
  readonly articleId: string;
  readonly mentions: readonly Mention[];
}

/** Which entity a mention was resolved to, and by which rule. */
export interface MentionLink {
  readonly articleId: string;
  readonly span: Span;
  readonly entityId: string;
  readonly rule: string;
}

export interface Resolution {
  readonly entities: readonly Entity[];
  readonly links: readonly MentionLink[];
}

const TRANSLIT = new Map<string, string>();
for (const set of NAMES.transliterations.sets) for (const n of set) TRANSLIT.set(n, set[0]!);
const PARTICLES = new Set(NAMES.particles.terms.map((p) => p.replace(/-$/u, '')));

/** A name word reduced for comparison: no diacritics, apostrophes or article prefix, one spelling per transliteration set. */
export function nameKey(word: string): string {
  const w = word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ‘`]s$/u, '')
    .replace(/['’ʼ‘`]/gu, '')
    .replace(/^(?:al|el|ul|as|ash|ad|an|ar|at|az)-/u, '');
  return TRANSLIT.get(w) ?? w;
}

/** The comparable words of a name: particles and honorifics dropped, each word keyed. */
export function nameWords(name: string): string[] {
  return name
    .split(/[\s]+/u)
    .filter((w) => w !== '' && !PARTICLES.has(w.toLowerCase()))
    .map(nameKey)
    .filter((w) => w !== '');
}

/** True when the words of `short` appear in `long` in order (given names may be left out, never changed). */
function compatible(short: readonly string[], long: readonly string[]): boolean {
  if (short.length === 0 || short[short.length - 1] !== long[long.length - 1]) return false;
  let k = 0;
  for (const w of long) if (k < short.length && w === short[k]) k++;
  return k === short.length;
}

interface Draft {
  kind: EntityKind;
  words: string[];
  name: string;
  forms: Set<string>;
  roles: Set<string>;
  evidence: EntityEvidence[];
  genders: Set<'female' | 'male'>;
}

function entityId(kind: string, words: readonly string[]): string {
  return `ent_${createHash('sha256').update(`${kind}:${words.join(' ')}`).digest('hex').slice(0, 16)}`;
}

const EMPTY_ALIASES: AliasFile = { entities: [], distinct: [] };

/**
 * Resolve the mentions of several articles to entities. Named mentions are grouped first (full
 * names, then shorter forms attached to the unique compatible full name); role phrases are then
 * resolved inside their article to the person holding that role, using roles seen anywhere.
 */
export function resolveEntities(articles: readonly ArticleMentions[], aliases: AliasFile = EMPTY_ALIASES): Resolution {
  const drafts: Draft[] = [];
  const distinct = aliases.distinct.map(([a, b]) => [nameWords(a).join(' '), nameWords(b).join(' ')] as const);
  const forbidden = (d: Draft, words: readonly string[]): boolean => {
    const w = words.join(' ');
    return distinct.some(([a, b]) => (a === w && [...d.forms].some((f) => nameWords(f).join(' ') === b)) || (b === w && [...d.forms].some((f) => nameWords(f).join(' ') === a)));
  };
  // Drafts by surname key: a name can only join an entity with the same surname.
  const bySurname = new Map<string, Draft[]>();
  const index = (d: Draft): void => {
    const key = d.words[d.words.length - 1];
    if (key !== undefined) bySurname.set(key, [...(bySurname.get(key) ?? []), d]);
  };
  // Alias entities come first, so their forms win.
  const aliasOf = new Map<string, Draft>();
  for (const a of aliases.entities) {
    const d: Draft = { kind: a.kind ?? 'person', words: nameWords(a.name), name: a.name, forms: new Set([a.name]), roles: new Set(a.roles ?? []), evidence: [{ rule: 'alias-file', forms: [a.name, ...a.forms] }], genders: new Set() };
    drafts.push(d);
    index(d);
    for (const f of [a.name, ...a.forms]) aliasOf.set(f.toLowerCase(), d);
  }
  const named: { article: string; m: Mention; words: string[] }[] = [];
  for (const art of articles) for (const m of art.mentions) if (m.name) named.push({ article: art.articleId, m, words: nameWords(m.name) });
  // Longest names first: they found entities that shorter forms join; of one length, titled names
  // first, then people (a name's kind is surest from its title).
  const titled = (m: Mention): boolean => m.roles.length > 0 || m.honorifics.length > 0;
  const order = [...named].sort((a, b) => b.words.length - a.words.length || Number(titled(b.m)) - Number(titled(a.m)) || Number(b.m.kind === 'person') - Number(a.m.kind === 'person'));
  const acronyms = definedAcronyms(articles);
  const draftOf = new Map<Mention, Draft>();
  const articleOf = new Map<Mention, string>(named.map((n) => [n.m, n.article] as const));
  const inArticle = new Map<string, Set<Draft>>();
  const ruleOf = new Map<Mention, string>();
  for (const n of order) {
    if (n.words.length === 0) continue;
    const alias = aliasOf.get(n.m.text.toLowerCase()) ?? aliasOf.get(n.m.name!.toLowerCase());
    if (alias) {
      attach(alias, n.m, 'alias-file');
      continue;
    }
    // An acronym an article defines ("the Department of Justice (DOJ)") is that name's, in every article of the story.
    const defined = n.words.length === 1 ? acronyms.get(n.m.name!) : undefined;
    const full = defined === undefined ? undefined : draftOf.get(defined);
    if (full) {
      attach(full, n.m, 'acronym-defined');
      continue;
    }
    // The library's kind for an untitled name is a guess (an English tagger calls 'Lidia Marsh' in a
    // French sentence a place): a full name that is a person's elsewhere in the story is that person.
    const fullName = n.words.join(' ');
    const kindFits = (d: Draft): boolean => d.kind === n.m.kind || (d.kind === 'person' && n.words.length > 1 && !titled(n.m) && d.words.join(' ') === fullName);
    const candidates = (bySurname.get(n.words[n.words.length - 1]!) ?? []).filter((d) => kindFits(d) && compatible(n.words, d.words) && !forbidden(d, n.words));
    // A surname alone is ambiguous when two people share it: prefer one named in the same article.
    let chosen = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length > 1) {
      const here = inArticle.get(n.article);
      const local = candidates.filter((d) => here?.has(d));
      if (local.length === 1) chosen = local[0];
    }
    if (n.words.length > 1 && chosen && chosen.words.length === n.words.length && chosen.words.join(' ') !== n.words.join(' ')) chosen = undefined;
    if (chosen) {
      const same = [...chosen.forms].some((f) => f === n.m.name);
      const rule = same
        ? 'same-name'
        : n.words.length === chosen.words.length
          ? 'spelling-variant'
          : n.words.length === 1
            ? n.m.honorifics.length > 0 || n.m.roles.length > 0
              ? 'title-and-surname'
              : 'surname-only'
            : 'name-subset';
      attach(chosen, n.m, rule);
    } else {
      const d: Draft = { kind: n.m.kind, words: n.words, name: n.m.name!, forms: new Set(), roles: new Set(), evidence: [], genders: new Set() };
      drafts.push(d);
      index(d);
      attach(d, n.m, 'new');
    }
  }

  function attach(d: Draft, m: Mention, rule: string): void {
    const name = m.name ?? m.text;
    if (rule !== 'new' && rule !== 'same-name' && !d.forms.has(name)) {
      const variant = rule === 'spelling-variant' ? transliterationNote(d.name, name) : undefined;
      d.evidence.push({ rule, forms: [d.name, name], ...(variant ? { detail: variant } : {}) });
    }
    d.forms.add(name);
    if (m.text !== name) d.forms.add(m.text);
    for (const r of m.roles) d.roles.add(r);
    if (nameWords(name).length > d.words.length) {
      d.words = nameWords(name);
      d.name = name;
    }
    // The given name of a full name only ("Sanders" alone is a surname, whatever the lists say);
    // full names that disagree ("Sarah Sanders", a "Bernie Sanders" merged in) mark no gender.
    const gender = nameWords(name).length >= 2 ? givenNameGender(nameKey(name.split(/\s+/u)[0] ?? '')) : undefined;
    if (gender) d.genders.add(gender);
    for (const h of m.honorifics) {
      const said = honorificGender(h);
      if (said) d.genders.add(said);
    }
    draftOf.set(m, d);
    ruleOf.set(m, rule);
    const art = articleOf.get(m);
    if (art !== undefined) {
      const set = inArticle.get(art) ?? new Set<Draft>();
      set.add(d);
      inArticle.set(art, set);
    }
  }

  // Role phrases: the person in the same article who holds that role.
  for (const art of articles) {
    const people = art.mentions.filter((m) => m.kind === 'person' && draftOf.has(m));
    for (const m of art.mentions) {
      if (!m.roleOnly || draftOf.has(m)) continue;
      const alias = aliasOf.get(m.text.toLowerCase().replace(/^(?:the|his|her|their|its)\s+/u, ''));
      if (alias) {
        attach(alias, { ...m, name: undefined }, 'alias-file');
        draftOf.set(m, alias);
        continue;
      }
      const holders = people.filter((p) => [...draftOf.get(p)!.roles].some((r) => roleKey(r) === m.roleOnly));
      const free = people.filter((p) => draftOf.get(p)!.roles.size === 0);
      const pick = nearest(holders, m) ?? nearest(free, m);
      if (!pick) continue;
      const d = draftOf.get(pick)!;
      const rule = holders.includes(pick) ? 'role-holder' : 'role-only-candidate';
      if (!d.forms.has(m.text)) d.evidence.push({ rule, forms: [d.name, m.text], detail: `role "${m.roleOnly}" in article ${art.articleId}` });
      d.forms.add(m.text);
      draftOf.set(m, d);
      ruleOf.set(m, rule);
    }
  }

  const ids = new Map<Draft, string>();
  const entities: Entity[] = drafts
    .filter((d) => d.forms.size > 0)
    .map((d) => {
      const id = entityId(d.kind, d.words);
      ids.set(d, id);
      return { id, kind: d.kind, name: d.name, forms: [...d.forms], roles: [...d.roles], evidence: d.evidence, ...(d.genders.size === 1 ? { gender: [...d.genders][0]! } : {}) };
    });
  const links: MentionLink[] = [];
  for (const art of articles) {
    for (const m of art.mentions) {
      const d = draftOf.get(m);
      if (d) links.push({ articleId: art.articleId, span: m.span, entityId: ids.get(d)!, rule: ruleOf.get(m) ?? 'new' });
    }
  }
  return { entities, links };
}

/**
 * Acronyms the articles define (the recogniser marks each use with the full name it `expands`):
 * acronym → the mention of that full name in the defining article (the first article that defines
 * it; longer names are resolved first, so it has its entity when the acronym comes).
 */
function definedAcronyms(articles: readonly ArticleMentions[]): Map<string, Mention> {
  const out = new Map<string, Mention>();
  for (const art of articles) {
    for (const m of art.mentions) {
      if (m.expands === undefined || m.name === undefined || out.has(m.name)) continue;
      const full = art.mentions.find((x) => x.name === m.expands && x.span.end <= m.span.start);
      if (full) out.set(m.name, full);
    }
  }
  return out;
}

/** The mention closest before `m` (else the first after it). */
function nearest(candidates: readonly Mention[], m: Mention): Mention | undefined {
  let before: Mention | undefined;
  let after: Mention | undefined;
  for (const c of candidates) {
    if (c.span.end <= m.span.start) {
      if (!before || c.span.start > before.span.start) before = c;
    } else if (!after || c.span.start < after.span.start) after = c;
  }
  return before ?? after;
}

/** "Mohammed ≈ Mohammad": which words differ only in spelling. */
function transliterationNote(a: string, b: string): string | undefined {
  const wa = a.split(/\s+/u);
  const wb = b.split(/\s+/u);
  const pairs: string[] = [];
  for (const x of wa) for (const y of wb) if (x !== y && nameKey(x) === nameKey(y)) pairs.push(`${x} ≈ ${y}`);
  return pairs.length > 0 ? pairs.join(', ') : undefined;
}
