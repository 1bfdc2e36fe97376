/**
 * Naming and citations: the words each outlet uses for one referent, in its own voice and inside
 * quotes; and who cites whom.
 */
import type { Span } from './message.js';

/** Where a term or a citation occurs. */
export interface Occurrence {
  readonly articleId: string;
  readonly span: Span;
  readonly text: string;
}

/** One outlet's use of one term for a referent. */
export interface TermUse {
  /** The term as written, normalised for counting ("Zionist regime"). */
  readonly term: string;
  /** `own`: in the outlet's own voice; `quoted`: inside a quote (someone else's words). */
  readonly voice: 'own' | 'quoted';
  readonly count: number;
  readonly occurrences: readonly Occurrence[];
  /** From the term-family data file: `loaded`, `neutral` or `honorific`, when the term is listed there. */
  readonly tone?: 'loaded' | 'neutral' | 'honorific';
  /**
   * For a loaded word in the outlet's own voice: what another outlet of the story writes in its own
   * voice in the same place (the same two words before and the word after), when it is no loaded
   * word; the plain alternative a reader can compare ("criticised" beside "slammed").
   */
  readonly plain?: string;
}

/** The names a story's outlets use for one referent, outlet by outlet. */
export interface Naming {
  /** Stable id of the referent: a term family id from the data file, or an entity id. */
  readonly id: string;
  /** The neutral name for it (used by summaries in place of loaded terms). */
  readonly neutral: string;
  /** Why these terms are one family and what the difference signals (from the data file), or how the entity's forms were joined. */
  readonly reason: string;
  /** `term-list`: a family from the data file; `entity`: forms detected for one resolved entity. */
  readonly from: 'term-list' | 'entity';
  readonly outlets: readonly { readonly site: string; readonly uses: readonly TermUse[] }[];
}

/** Who cites whom in a story: outlets and the agencies, outlets or official sources they name. */
export interface CitationGraph {
  readonly nodes: readonly { readonly id: string; readonly name: string; readonly kind: 'outlet' | 'cited' }[];
  readonly edges: readonly CitationEdge[];
}

/** One outlet citing one source, with each place it does. */
export interface CitationEdge {
  /** Node id of the citing outlet. */
  readonly from: string;
  /** Node id of the cited source ("AFP", "IRNA", "Khamenei.ir"). */
  readonly to: string;
  readonly count: number;
  /** The cue phrase and the place, e.g. "reported AFP", "according to the official IRNA website". */
  readonly evidence: readonly (Occurrence & { readonly cue: string })[];
}
