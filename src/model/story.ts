/**
 * Stories and families: which articles tell one story, and which of them are copies of each other.
 *
 * A Story groups articles about one event. Inside a story, articles that copy one another
 * (an original and its reposts, syndicated copies, light rewrites) form a Family; the number of
 * families is the number of independent sources. Every grouping carries its evidence.
 */
import type { Span } from './message.js';

/** Why an article belongs to a story: the score and what it shares with the story. */
export interface Membership {
  readonly storyId: string;
  readonly articleId: string;
  /** Similarity to the story when the article joined (0..1). */
  readonly score: number;
  /** Terms and entities the article shares with the story, most telling first. */
  readonly sharedTerms: readonly string[];
  /** ISO datetime it joined. */
  readonly joinedAt: string;
}

/** Something that happened to a story as articles arrived: created, merged with another, split. */
export interface StoryEvent {
  /** `create-story`, a merge rule (`merge-close-stories`, `consolidate-close-stories`, `attach-small-story`) or `split-story`. */
  readonly rule: string;
  /** Why, in words, with the similarity and threshold. */
  readonly reason: string;
  /** The article whose arrival caused it, when one did. */
  readonly at?: string;
  /** The other story: the one merged in, the one split off, or the one this was split from. */
  readonly story?: string;
}

export interface Story {
  /** `sty_` + 16 hex digits. */
  readonly id: string;
  /** Representative title (the most central article's) until the synthesize stage writes a neutral one. */
  readonly title: string;
  readonly articleIds: readonly string[];
  /** Earliest and latest publication dates of its articles (ISO). */
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  /** Number of families, i.e. independent sources. */
  readonly sourceCount: number;
  /** Its creation, merges and splits, oldest first (the latest few are kept). */
  readonly events?: readonly StoryEvent[];
}

/** How one article relates to the family's original. */
export type Derivation = 'original' | 'verbatim' | 'partial' | 'rewrite';

/** A passage of `copyId` reused from `originalId`, with the spans on both sides (clean-text offsets). */
export interface Alignment {
  readonly originalId: string;
  readonly copyId: string;
  readonly original: Span;
  readonly copy: Span;
  /** Share of the copy's words found in the original passage (0..1). */
  readonly overlap: number;
}

/** One independent source: an original and its copies. */
export interface Family {
  /** `fam_` + 16 hex digits. */
  readonly id: string;
  readonly storyId: string;
  readonly originalId: string;
  readonly members: readonly {
    readonly articleId: string;
    readonly derivation: Derivation;
    /** Share of this article's text reused from the original (0..1); 1 for the original. */
    readonly reuse: number;
    /** Why it was joined to the family and judged the copy (credits, times, containment). */
    readonly evidence: readonly string[];
  }[];
  /**
   * The outlet the family's text is credited to when that outlet publishes none of its articles:
   * a wire story relayed by rewrites is the wire's ("AFP"), not the first rewrite's. Recomputed
   * from the articles' credits when read back from a store.
   */
  readonly creditedTo?: FamilyCredit;
}

/** The outlet or agency a family's articles credit as the author of their text, with the credits. */
export interface FamilyCredit {
  /** Outlet key (a listed outlet's domain, else the normalised credited name). */
  readonly key: string;
  /** The name to show for the family ("Agence France-Presse"). */
  readonly name: string;
  readonly kind: Outlet['kind'];
  /** The members that credit it. */
  readonly articleIds: readonly string[];
  /** Each credit as written ("art_… credits its text to AFP: \"(AFP) -\" (dateline-credit)") and the conclusion. */
  readonly evidence: readonly string[];
}

/** A news outlet or agency, with the names it goes by (domain, site name, credits). */
export interface Outlet {
  /** Stable key, e.g. the main domain. */
  readonly key: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly kind: 'outlet' | 'agency' | 'state-media' | 'aggregator';
}
