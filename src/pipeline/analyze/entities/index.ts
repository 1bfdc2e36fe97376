/**
 * Entities: people, organisations and places mentioned in articles, resolved across articles.
 *
 * `createEntityResolver(options)` returns a function from articles (id + text) to entities and
 * the links from each mention to its entity. Every merge keeps its evidence (which rule joined
 * which forms); a user alias file can add forms or keep two forms apart.
 */
import { readFileSync } from 'node:fs';
import { recognizeMentions, type MentionRecognizer, type RecognizeOptions } from './recognize.js';
import { resolveEntities, type AliasFile, type Resolution } from './resolve.js';

export { createMentionRecognizer, recognizeMentions, roleKey, type Mention, type EntityKind, type MentionRecognizer, type RecognizeOptions } from './recognize.js';
export { resolveEntities, nameKey, nameWords, type AliasFile, type ArticleMentions, type MentionLink, type Resolution } from './resolve.js';

/** The shipped alias file: empty, with its format; users pass their own through {@link EntityOptions.aliases}. */
export const DEFAULT_ALIASES = JSON.parse(readFileSync(new URL('./aliases.json', import.meta.url), 'utf8')) as AliasFile;

export interface EntityOptions extends RecognizeOptions {
  /** Alias corrections (forms of one entity, forms kept apart); defaults to the shipped, empty file. */
  readonly aliases?: AliasFile;
  /** Recognises an article's mentions (default: {@link recognizeMentions} with these options); pass a shared one to recognise each text once across analyses. */
  readonly recognize?: MentionRecognizer;
}

/** One article's text with its id. */
export interface ArticleText {
  readonly id: string;
  readonly text: string;
}

export type EntityResolver = (articles: readonly ArticleText[]) => Resolution & { readonly mentions: ReadonlyMap<string, ReturnType<typeof recognizeMentions>> };

/** Make a resolver: recognise the mentions of each article, then resolve them across all of them. */
export function createEntityResolver(options: EntityOptions = {}): EntityResolver {
  const aliases = options.aliases ?? DEFAULT_ALIASES;
  return (articles) => {
    const recognize = options.recognize ?? ((text: string) => recognizeMentions(text, options));
    const mentions = new Map(articles.map((a) => [a.id, recognize(a.text)] as const));
    const resolution = resolveEntities(
      articles.map((a) => ({ articleId: a.id, mentions: mentions.get(a.id)! })),
      aliases,
    );
    return { ...resolution, mentions };
  };
}
