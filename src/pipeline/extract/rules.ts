/**
 * The extractor's data: boilerplate patterns, furniture phrases and thresholds, loaded from the
 * JSON files in `rules/` (each entry carries its reason) and compiled once.
 */
import { readFileSync } from 'node:fs';
import type BoilerplateFile from './rules/boilerplate.json';
import type PhrasesFile from './rules/phrases.json';
import type ThresholdsFile from './rules/thresholds.json';

// Read at run time rather than imported: JSON modules are still experimental (and warn) on Node 20.
function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./rules/${name}`, import.meta.url), 'utf8')) as T;
}
const boilerplateJson = load<typeof BoilerplateFile>('boilerplate.json');
const phrasesJson = load<typeof PhrasesFile>('phrases.json');
const thresholdsJson = load<typeof ThresholdsFile>('thresholds.json');

/** A furniture rule: its id (the message's ruleId) and why what it matches is not article text. */
export interface ClassRule {
  readonly id: string;
  readonly reason: string;
  /** The rule removes only elements with at most this much text: prose that happens to carry the class stays. */
  readonly maxChars?: number;
}

export type TagRule = ClassRule;

export interface PhraseRule {
  readonly id: string;
  readonly reason: string;
  readonly pattern: RegExp;
  readonly maxChars: number;
}

export type Thresholds = { readonly [K in keyof typeof thresholdsJson as K extends `$${string}` ? never : K]: number };

export interface Rules {
  readonly tagRules: ReadonlyMap<string, TagRule>;
  readonly roleRule: TagRule;
  readonly roles: ReadonlySet<string>;
  /** The furniture rule a class/id value matches, if any. */
  classRule(value: string): ClassRule | undefined;
  /** True when a class/id value names the article body. */
  isContentClass(value: string): boolean;
  readonly contentItemprops: ReadonlySet<string>;
  /** Whole class tokens that mark an element as one post or article entry (`hentry`, `type-post`). */
  readonly entryClasses: ReadonlySet<string>;
  readonly phrases: readonly PhraseRule[];
  /** The longest block any phrase rule looks at. */
  readonly phraseMaxChars: number;
  /** A credit line naming the outlet the text was taken from: kept for the clean stage whatever its class or wording rule. */
  readonly provenance: { readonly pattern: RegExp; readonly maxChars: number };
  readonly thresholds: Thresholds;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Split a class/id token into its pieces on `-`, `_` and camelCase humps, lowercased. */
export function tokenParts(token: string): string[] {
  return token
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s\-_]+/)
    .filter((p) => p !== '');
}

function compile(): Rules {
  const tagRules = new Map<string, TagRule>();
  for (const r of boilerplateJson.tags) for (const t of r.tags) tagRules.set(t, { id: r.id, reason: r.reason });

  // One alternation per kind of match, remembering which rule each pattern belongs to.
  const subs: { re: RegExp; rule: ClassRule }[] = [];
  const parts = new Map<string, ClassRule>();
  /** Position of each rule in the file: of several parts of one token, the earliest rule's wins. */
  const order = new Map<ClassRule, number>();
  const exact = new Map<string, ClassRule>();
  for (const r of boilerplateJson.classRules as { id: string; reason: string; maxChars?: number; substrings?: string[]; parts?: string[]; exact?: string[] }[]) {
    const rule = { id: r.id, reason: r.reason, maxChars: r.maxChars ?? Infinity };
    order.set(rule, order.size);
    if (r.substrings && r.substrings.length > 0) subs.push({ re: new RegExp(r.substrings.map(escape).join('|')), rule });
    for (const p of r.parts ?? []) parts.set(p, rule);
    for (const e of r.exact ?? []) exact.set(e, rule);
  }
  const content = new RegExp(boilerplateJson.contentClassRules.substrings.map(escape).join('|'));
  const cache = new Map<string, ClassRule | null>();

  const classRule = (value: string): ClassRule | undefined => {
    const hit = cache.get(value);
    if (hit !== undefined) return hit ?? undefined;
    let found: ClassRule | undefined;
    for (const token of value.split(/\s+/)) {
      if (token === '') continue;
      const lower = token.toLowerCase();
      found = exact.get(lower);
      if (found) break;
      for (const s of subs) {
        if (s.re.test(lower)) {
          found = s.rule;
          break;
        }
      }
      if (found) break;
      // 'photo-gallery' is a gallery before it is a photo.
      for (const p of tokenParts(token)) {
        const rule = parts.get(p);
        if (rule && (!found || order.get(rule)! < order.get(found)!)) found = rule;
      }
      if (found) break;
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(value, found ?? null);
    return found;
  };

  const phrases = (phrasesJson.rules as { id: string; reason: string; pattern: string; maxChars?: number; caseSensitive?: boolean }[]).map((r) => ({
    id: r.id,
    reason: r.reason,
    pattern: new RegExp(r.pattern, r.caseSensitive ? 'u' : 'iu'),
    maxChars: r.maxChars ?? phrasesJson.maxChars,
  }));
  const phraseMaxChars = Math.max(...phrases.map((r) => r.maxChars));

  const thresholds = Object.fromEntries(
    Object.entries(thresholdsJson)
      .filter(([k]) => !k.startsWith('$'))
      .map(([k, v]) => [k, (v as { value: number }).value]),
  ) as Thresholds;

  return {
    tagRules,
    roleRule: { id: 'furniture-role', reason: boilerplateJson.roles.reason },
    roles: new Set(boilerplateJson.roles.values),
    classRule,
    isContentClass: (value) => content.test(value.toLowerCase()),
    contentItemprops: new Set(boilerplateJson.contentClassRules.itemprops),
    entryClasses: new Set(boilerplateJson.entryClasses.exact),
    phrases,
    phraseMaxChars,
    provenance: { pattern: new RegExp(phrasesJson.provenance.pattern, 'iu'), maxChars: phrasesJson.provenance.maxChars },
    thresholds,
  };
}

export const rules: Rules = compile();
