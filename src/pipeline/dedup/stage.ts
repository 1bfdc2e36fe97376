/**
 * The dedup stage over envelopes: each article is indexed as it arrives, its candidate copies
 * verified against earlier articles fetched through the injected `lookup` (the store, in the
 * application), and every verified copy recorded as an `info` message on the copy's envelope.
 */
import type { Article } from '../../model/article.js';
import { advance, isFailed, type Envelope } from '../../model/envelope.js';
import type { Message } from '../../model/message.js';
import { relateArticles, type Relation } from './families.js';
import type { DedupInput, Match } from './input.js';
import { createDedupIndex, type DedupIndex } from './lsh.js';
import type { OutletRegistry } from './outlets.js';
import type { DedupParamOverrides } from './params.js';

/** Options of {@link createDedup}. */
export interface DedupOptions {
  readonly params?: DedupParamOverrides;
  readonly outlets?: OutletRegistry;
  /** Fetch an earlier article by id for exact verification; without it only estimates are reported. */
  readonly lookup?: (id: string) => DedupInput | undefined;
  /** Expected number of articles, to size the index once. */
  readonly expected?: number;
  /** Excerpt length in messages (default 200). */
  readonly excerptChars?: number;
}

/** An article with what the dedup stage found about it. */
export interface DedupRecord {
  readonly article: Article;
  /** Candidates among earlier articles, with estimated similarity. */
  readonly matches: readonly Match[];
  /** Verified relations with earlier articles (either direction); empty without `lookup`. */
  readonly relations: readonly Relation[];
}

/** The stage function, with the index it fills (for stats and for {@link buildFamilies}). */
export interface Dedup {
  (env: Envelope<Article>): Envelope<DedupRecord>;
  readonly index: DedupIndex;
}

/** The fields of an Article the dedup stage reads. */
export function toDedupInput(a: Article): DedupInput {
  return {
    id: a.id,
    text: a.text,
    credits: a.credits,
    ...(a.title !== undefined ? { title: a.title } : {}),
    ...(a.url !== undefined ? { url: a.url } : {}),
    ...(a.siteName !== undefined ? { siteName: a.siteName } : {}),
    ...(a.publishedResolved ? { published: a.publishedResolved.value } : {}),
  };
}

/**
 * Create the dedup stage. A failed envelope passes through with no matches and is not indexed.
 * Messages: `exact-duplicate` or `copy-of` on an article that copies an earlier one (span: its
 * first reused passage), `copied-by` when an earlier article turns out to copy this one.
 */
export function createDedup(options: DedupOptions = {}): Dedup {
  const index = createDedupIndex({ params: options.params, expected: options.expected });
  const excerptChars = options.excerptChars ?? 200;
  const stage = (env: Envelope<Article>): Envelope<DedupRecord> => {
    if (isFailed(env)) return advance(env, { article: env.value, matches: [], relations: [] });
    const input = toDedupInput(env.value);
    const matches = index.add(input);
    const relations: Relation[] = [];
    const messages: Message[] = [];
    if (options.lookup) {
      for (const m of matches) {
        const earlier = options.lookup(m.id);
        if (!earlier) continue;
        const rel = relateArticles(earlier, input, { params: options.params, ...(options.outlets ? { outlets: options.outlets } : {}) });
        if (!rel) continue;
        relations.push(rel);
        const isCopy = rel.copyId === input.id;
        const first = rel.alignments[0];
        const span = first ? (isCopy ? first.copy : first.original) : undefined;
        messages.push({
          stage: 'dedup',
          ruleId: m.exact ? 'exact-duplicate' : isCopy ? 'copy-of' : 'copied-by',
          reason: isCopy
            ? `This article ${rel.derivation === 'verbatim' ? 'reposts' : rel.derivation === 'partial' ? 'copies part of' : 'rewrites'} ${rel.originalId} (${Math.round(rel.reuse * 100)}% of its words reused): ${rel.evidence.join('; ')}.`
            : `${rel.copyId} was found to copy this article (${rel.derivation}): ${rel.evidence.join('; ')}.`,
          severity: 'info',
          ...(span ? { span, layer: 'text' as const, excerpt: input.text.slice(span.start, Math.min(span.end, span.start + excerptChars)) } : {}),
          data: { original: rel.originalId, copy: rel.copyId, derivation: rel.derivation, reuse: Math.round(rel.reuse * 1000) / 1000 },
        });
      }
    }
    return advance(env, { article: env.value, matches, relations }, messages);
  };
  return Object.assign(stage, { index });
}
