/**
 * Bilingual lexicon: a word of French, German, Spanish or Arabic in, its English translations out,
 * from dictionaries installed offline (Debian's FreeDict packages, dictd format; `dictionaries.json`).
 *
 * `createLexicon(options)` returns pure lookups over a {@link LexiconSource} (the only I/O, injected:
 * {@link fileSource} reads the installed files; tests pass their own). A language's dictionary is
 * loaded on its first lookup only, so a batch pays for the languages it holds; its entries are
 * inflated from the dictzip chunk that holds them. Where the dictionary into English is small
 * (Arabic), a dictionary from English is also read backwards: each of its short translations leads
 * to its English headword. Before a lookup the word is lightly lemmatised (`lemmas.json`: clitics,
 * plural, feminine and verb endings per language, each rule with its reason).
 * A language whose dictionary is not installed is never an error: lookups answer nothing and
 * {@link Lexicon.missing} gives the one message saying which package would provide it (or, when
 * only the dictionary read backwards is missing, which package would add it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Message, Stage } from '../../../model/message.js';
import { dictReader, englishEntries, entryTranslations, parseDictdIndex, type DictdIndex, type DictReader } from './dictd.js';

export { decodeDictdNumber, dictReader, englishEntries, entryTranslations, parseDictdIndex, type DictdIndex, type DictReader } from './dictd.js';

/** A whole dictionary text from its `.dict.dz` (or plain `.dict`) bytes. */
function wholeText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString('utf8');
}

/** The shape of `dictionaries.json`. */
export interface Dictionaries {
  readonly directory: { readonly value: string; readonly reason: string };
  readonly languages: Readonly<
    Record<
      string,
      {
        readonly file: string;
        readonly package: string;
        readonly reason: string;
        /** A dictionary from English into the language, read backwards (each translation leads to its English headword). */
        readonly reverse?: {
          readonly file: string;
          readonly package: string;
          readonly reason: string;
          /** Letters folded before a translation and a word are compared (spelling variants of one letter). */
          readonly folds: readonly (readonly [string, string])[];
          /** An article written onto the word, dropped before comparing (`ال`). */
          readonly article?: string;
        };
      }
    >
  >;
}

interface LemmaRule {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** The shape of `lemmas.json`. */
export interface LemmaRules {
  readonly minStem: { readonly value: number; readonly reason: string };
  readonly languages: Readonly<
    Record<
      string,
      {
        readonly elisions?: { readonly reason: string; readonly prefixes: readonly string[] };
        readonly prefixes?: { readonly reason: string; readonly values: readonly string[] };
        /** Rules on the word's start (`from` replaced by `to`), tried after the clitics are off. */
        readonly startRules?: readonly LemmaRule[];
        /** How many ending rules may apply one after another (default 1): an attached pronoun after a plural ending. */
        readonly ruleDepth?: { readonly value: number; readonly reason: string };
        readonly rules: readonly LemmaRule[];
      }
    >
  >;
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;

/** The shipped dictionary list and lemma rules. */
export const DICTIONARIES = readJson<Dictionaries>('dictionaries.json');
export const LEMMAS = readJson<LemmaRules>('lemmas.json');

/** Where dictionary files come from: the bytes of `name` (e.g. `freedict-fra-eng.index`), or undefined when absent. */
export interface LexiconSource {
  read(name: string): Uint8Array | undefined;
  /** Whether `name` exists, without reading it (optional: else the first read says). */
  has?(name: string): boolean;
}

/** The installed files under `directory` (default: Debian's /usr/share/dictd). */
export function fileSource(directory: string = DICTIONARIES.directory.value): LexiconSource {
  return {
    read: (name) => {
      const path = join(directory, name);
      return existsSync(path) ? readFileSync(path) : undefined;
    },
    has: (name) => existsSync(join(directory, name)),
  };
}

export interface LexiconOptions {
  /** Where the dictionary files are read from (default {@link fileSource}). */
  readonly source?: LexiconSource;
  readonly dictionaries?: Dictionaries;
  readonly lemmas?: LemmaRules;
}

/** How a word was translated: the headwords found for it (after lemmatisation) and their English phrases. */
export interface Translation {
  readonly word: string;
  readonly headwords: readonly string[];
  readonly english: readonly string[];
}

/** A loaded dictionary's size and what loading it cost. */
export interface LexiconLoad {
  readonly language: string;
  /** Size of the index read, in bytes. */
  readonly lines: number;
  readonly loadMs: number;
}

export interface Lexicon {
  /** True when `language` (ISO 639-1) has an installed dictionary (loads it on first call). */
  has(language: string): boolean;
  /** The English phrases for a word form of `language`; empty when unknown or no dictionary. */
  translate(word: string, language: string): readonly string[];
  /** {@link translate} with the headwords that gave the phrases (the evidence). */
  lookup(word: string, language: string): Translation;
  /** The message saying `language` has no dictionary (which package provides it); undefined when installed or English. A stage says it once per envelope. */
  missing(language: string, stage: Stage): Message | undefined;
  /** The dictionaries loaded so far. */
  loaded(): readonly LexiconLoad[];
}

interface Loaded {
  readonly index: DictdIndex;
  readonly read: DictReader;
  readonly cache: Map<string, Translation>;
  /** From the reverse dictionary: a folded word of the language -> the English headwords it translates. */
  readonly reverse?: ReadonlyMap<string, readonly string[]>;
  /** The folding the reverse map is keyed by. */
  readonly fold?: (word: string) => string;
  /** The Debian package of a reverse dictionary the language's entry names but that is not installed. */
  readonly reverseMissing?: string;
}

/** How a language's words are compared with the reverse dictionary's translations: marks dropped, letters folded, the article off. */
function reverseFold(folds: readonly (readonly [string, string])[], article: string | undefined): (word: string) => string {
  const map = new Map(folds.map(([from, to]) => [from, to] as const));
  const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const letters = folds.length > 0 ? new RegExp(folds.map(([from]) => escape(from)).join('|'), 'gu') : undefined;
  return (word) => {
    let w = word.replace(/[\p{M}\u0640]/gu, '').toLowerCase();
    if (letters) w = w.replace(letters, (c) => map.get(c) ?? c);
    if (article && w.startsWith(article) && w.length - article.length >= 2) w = w.slice(article.length);
    return w;
  };
}

/** The reverse map of a dictionary from English: each one- or two-word translation, folded, to its headwords. */
function reverseMap(text: string, fold: (word: string) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { headword, phrases } of englishEntries(text)) {
    for (const phrase of phrases) {
      if (phrase.split(' ').length > 2) continue;
      const key = phrase.split(' ').map(fold).join(' ');
      if (key.length < 2) continue;
      const list = out.get(key);
      if (!list) out.set(key, [headword]);
      else if (!list.includes(headword) && list.length < 12) list.push(headword);
    }
  }
  return out;
}

const EMPTY: readonly string[] = [];

/** Base language of a tag: `fr-CA` -> `fr`. */
const base = (language: string): string => language.toLowerCase().split(/[-_]/u)[0] ?? '';

/** Make a lexicon (see the module comment). Nothing is read until a language is first looked up. */
export function createLexicon(options: LexiconOptions = {}): Lexicon {
  const source = options.source ?? fileSource();
  const dictionaries = options.dictionaries ?? DICTIONARIES;
  const lemmas = options.lemmas ?? LEMMAS;
  const loaded = new Map<string, Loaded | null>();
  const loads: LexiconLoad[] = [];

  const load = (language: string): Loaded | null => {
    const code = base(language);
    const hit = loaded.get(code);
    if (hit !== undefined) return hit;
    const entry = dictionaries.languages[code];
    let result: Loaded | null = null;
    if (entry) {
      const t0 = performance.now();
      const indexBytes = source.read(`${entry.file}.index`);
      if (indexBytes && (source.has ? source.has(`${entry.file}.dict.dz`) || source.has(`${entry.file}.dict`) : true)) {
        const index = parseDictdIndex(indexBytes);
        // The dictionary text is read on the first entry looked up, not with the index.
        let reader: DictReader | undefined;
        const read: DictReader = (offset, length) => {
          reader ??= dictReader(source.read(`${entry.file}.dict.dz`) ?? source.read(`${entry.file}.dict`) ?? new Uint8Array(0));
          return reader(offset, length);
        };
        // A dictionary from English read backwards adds what the small one into English lacks.
        const rev = entry.reverse;
        const revBytes = rev ? (source.read(`${rev.file}.dict.dz`) ?? source.read(`${rev.file}.dict`)) : undefined;
        const fold = rev ? reverseFold(rev.folds, rev.article) : undefined;
        const reverse = rev && revBytes && fold ? reverseMap(wholeText(revBytes), fold) : undefined;
        result = { index, read, cache: new Map(), ...(reverse && fold ? { reverse, fold } : {}), ...(rev && !revBytes ? { reverseMissing: rev.package } : {}) };
        loads.push({ language: code, lines: indexBytes.byteLength, loadMs: Math.round(performance.now() - t0) });
      }
    }
    loaded.set(code, result);
    return result;
  };

  const candidates = (word: string, code: string): string[] => {
    const lang = lemmas.languages[code];
    let w = word.normalize('NFC').toLowerCase();
    for (const p of lang?.elisions?.prefixes ?? []) if (w.startsWith(p) && w.length > p.length + 1) w = w.slice(p.length);
    const forms = [w];
    for (const p of lang?.prefixes?.values ?? []) if (w.startsWith(p) && w.length - p.length >= lemmas.minStem.value) forms.push(w.slice(p.length));
    for (const f of [...forms])
      for (const r of lang?.startRules ?? [])
        if (f.startsWith(r.from) && f.length - r.from.length >= lemmas.minStem.value) forms.push(r.to + f.slice(r.from.length));
    const out: string[] = [...forms];
    let round = forms;
    for (let depth = 0; depth < (lang?.ruleDepth?.value ?? 1); depth++) {
      const next: string[] = [];
      for (const f of round)
        for (const r of lang?.rules ?? [])
          if (f.endsWith(r.from) && f.length - r.from.length >= lemmas.minStem.value) next.push(f.slice(0, f.length - r.from.length) + r.to);
      out.push(...next);
      round = next;
    }
    return [...new Set(out)];
  };

  const lookup = (word: string, language: string): Translation => {
    const code = base(language);
    const dict = load(code);
    if (!dict) return { word, headwords: EMPTY, english: EMPTY };
    const key = word.toLowerCase();
    const cached = dict.cache.get(key);
    if (cached) return cached;
    const forms = candidates(word, code);
    const headwords: string[] = [];
    const english: string[] = [];
    // The form as written first, then every lemmatised guess that is a headword: an inflected
    // form listed as a headword may carry only a rare sense ("öffnet": unclasps), its lemma the usual one.
    for (const f of forms) {
      const pos = dict.index.get(f);
      if (!pos) continue;
      headwords.push(f);
      for (let i = 0; i < pos.length; i += 2) for (const e of entryTranslations(dict.read(pos[i]!, pos[i + 1]!))) english.push(e);
    }
    if (dict.reverse && dict.fold) {
      for (const f of forms) {
        const back = dict.reverse.get(dict.fold(f));
        if (!back) continue;
        headwords.push(f);
        english.push(...back);
      }
    }
    const t: Translation = { word, headwords, english: [...new Set(english)] };
    dict.cache.set(key, t);
    return t;
  };

  return {
    has: (language) => load(language) !== null,
    translate: (word, language) => lookup(word, language).english,
    lookup,
    missing: (language, stage) => {
      const code = base(language);
      if (code === 'en' || code === 'und' || code === '') return undefined;
      const loadedDict = load(code);
      if (loadedDict?.reverseMissing) {
        return {
          stage,
          ruleId: 'lexicon-missing',
          severity: 'info',
          reason: `The ${code} dictionary into English is installed but the one from English read backwards is not (Debian package ${loadedDict.reverseMissing}): everyday ${code} words it lacks were not translated.`,
          data: { language: code, package: loadedDict.reverseMissing },
        };
      }
      if (loadedDict !== null) return undefined;
      const entry = dictionaries.languages[code];
      return {
        stage,
        ruleId: 'lexicon-missing',
        severity: 'info',
        reason: entry
          ? `No ${code} to English dictionary is installed (Debian package ${entry.package}), so ${code} words were not translated: only names and numbers link its text to English.`
          : `The lexicon has no dictionary for the language "${code}", so its words were not translated: only names and numbers link its text to English.`,
        data: { language: code, ...(entry ? { package: entry.package } : {}) },
      };
    },
    loaded: () => [...loads],
  };
}

let shared: Lexicon | undefined;

/** One lexicon over the installed dictionaries for the whole process (each language loaded once). */
export function installedLexicon(): Lexicon {
  return (shared ??= createLexicon());
}
