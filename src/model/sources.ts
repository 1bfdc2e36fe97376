/**
 * Primary sources: what a story's independent sources (families) rest on.
 *
 * Four families are four outlets, but not always four sources of information: three may relay one
 * official readout, two may rewrite one wire story, sixteen may relay one publicist's statement.
 * Each family rests on one primary source (the statement it mostly relays, the wire or outlet its
 * text is credited to, the source its lead credits, or else its own reporting) and may draw on
 * others for part of its text; each claim rests on the primary sources of its supports.
 */
import type { Span } from './message.js';

/** What a primary source is. */
export type PrimarySourceKind =
  /** An official account of a meeting or event published by the speaker's office or website. */
  | 'readout'
  /** What one speaker said (to the press, in a statement, to one outlet), relayed by several families. */
  | 'statement'
  /** A news agency's copy. */
  | 'wire'
  /** Another outlet's report (a scoop credited to it). */
  | 'outlet'
  /** The family's own reporting: nothing shows it rests on anything the others share. */
  | 'own-reporting';

/** A passage or credit that shows a family rests on (or draws on) a primary source. */
export interface SourceEvidence {
  readonly familyId: string;
  readonly articleId: string;
  /** What it shows, in words ("62% of its words are in sentences quoting Mara Lind"). */
  readonly reason: string;
  /** The passage in the article's clean text, when there is one. */
  readonly span?: Span;
  readonly text?: string;
}

export interface PrimarySource {
  /** `psr_` + 16 hex digits, stable for the same kind and key. */
  readonly id: string;
  readonly kind: PrimarySourceKind;
  /** How a reader sees it: "Mara Lind's remarks, as published by lind.gov (official readout)", "Agence France-Presse (wire)". */
  readonly label: string;
  /** The speaker (entity id and name) of a readout or statement. */
  readonly speaker?: { readonly id: string; readonly name: string };
  /** The outlet or agency of a wire or outlet source, or the one a statement or readout was published by. */
  readonly outlet?: string;
  /** Families that rest on it (each family rests on exactly one primary source). */
  readonly families: readonly string[];
  /** Families that draw on it for part of their text but rest on another. */
  readonly drawnOnBy: readonly string[];
  readonly evidence: readonly SourceEvidence[];
}

/** One family: the primary source it rests on and those it draws on. */
export interface FamilyBasis {
  readonly familyId: string;
  /** The outlet of its original, as a reader knows it. */
  readonly site: string;
  readonly restsOn: string;
  /** Why it rests on that source rather than its own reporting. */
  readonly reason: string;
  readonly drawsOn: readonly string[];
}

/** One claim: the primary sources its supporting families rest on. */
export interface ClaimBasis {
  readonly claimId: string;
  /** Independent sources (families) carrying it. */
  readonly familyCount: number;
  readonly primarySources: readonly string[];
}

/** What a story's sources rest on. */
export interface PrimarySources {
  /** Independent sources: number of families. */
  readonly familyCount: number;
  /** Distinct primary sources the families rest on. */
  readonly count: number;
  /** "4 independent sources, resting on 2 primary sources: … (3), … (1)". */
  readonly summary: string;
  /** Sources with the most families first. */
  readonly sources: readonly PrimarySource[];
  readonly families: readonly FamilyBasis[];
  readonly claims: readonly ClaimBasis[];
}
