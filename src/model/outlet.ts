/**
 * Outlets as the registry knows them (what kind of outlet, from which country, in which language,
 * owned by whom) and as a story's report lists them: one entry per distinct outlet among the
 * story's articles, with how it was recognised.
 */

/**
 * What kind of outlet: a news agency (its copy is syndicated), state-owned or state-funded media,
 * a public broadcaster (public money at arm's length: licence fee, independent charter), a
 * privately owned outlet, or an aggregator (reposts others' texts).
 */
export type OutletKind = 'agency' | 'state' | 'public-broadcaster' | 'private' | 'aggregator';

export const OUTLET_KINDS: readonly OutletKind[] = ['agency', 'state', 'public-broadcaster', 'private', 'aggregator'];

/** One outlet of the registry (bundled `outlets.json` or a user's file). Unknown fields are `null`. */
export interface OutletRecord {
  /** Stable key: the outlet's main domain for bundled entries; any lower-case id in a user's file. */
  readonly key: string;
  readonly name: string;
  readonly kind: OutletKind | null;
  /** Whether it is a news agency whose copy other outlets reprint (AFP, IRNA, Xinhua). */
  readonly wire: boolean;
  /** ISO 3166-1 alpha-2 code of the country it is based in. */
  readonly country: string | null;
  /** ISO 639-1 code of its main language. */
  readonly language: string | null;
  /** Owner, where it is public. */
  readonly owner: string | null;
  /** Names it goes by in credits and datelines ("AFP", "Agence France-Presse"). */
  readonly aliases: readonly string[];
  /** Domains it publishes on (subdomains included). */
  readonly domains: readonly string[];
  /** Why it is listed and why this kind. */
  readonly reason: string;
  /** Where the fields come from (the outlet's about page, a Wikipedia title). */
  readonly source: string | null;
  /** `user` when it comes from the user's outlets file. */
  readonly origin: 'bundled' | 'user';
}

/**
 * How an article's outlet was recognised: its URL's domain, a credit in its text ("Source: X",
 * "— AFP", or the credit of another copy of the same text), an agency dateline ("Tehran (IP)-",
 * "(Reuters) -"), a site label fused to its first lines or the page's site name, an entry of the
 * user's outlets file, or not at all.
 */
export type OutletBasis = 'domain' | 'credit' | 'dateline' | 'site-label' | 'user' | 'unknown';

/** One distinct outlet of a story, with its articles. */
export interface ReportOutlet {
  /** Registry key, the domain (or normalised name) of an unlisted outlet, or `unknown` for the articles whose outlet is not known. */
  readonly key: string;
  readonly name: string;
  readonly kind: OutletKind | null;
  readonly country: string | null;
  readonly language: string | null;
  /** Ids of the story's articles from this outlet. */
  readonly articles: readonly string[];
  readonly basis: OutletBasis;
  /** The text or domain that named it; for `unknown`, the outlets its articles relay ("X reported"), if any. */
  readonly evidence?: string;
}
