/**
 * Which of two articles that share text is the original: a weighted vote of explicit credits,
 * textual attributions, publication times, the agency prior and where the unshared text stands.
 * Every vote is kept as an evidence sentence.
 */
import { readPublished } from '../../model/published.js';
import type { Outlet } from '../../model/story.js';
import type { Analysed, Comparison, Extras } from './align.js';
import type { DedupInput } from './input.js';
import { identifyOutlet, namesOutlet, type OutletRegistry } from './outlets.js';
import type { DedupParams } from './params.js';

/** The decided direction of a pair, with the reasons. */
export interface Direction {
  readonly originalId: string;
  readonly copyId: string;
  /** Votes for the chosen original minus votes for the other (0 when decided by input order). */
  readonly margin: number;
  readonly evidence: readonly string[];
}

const CREDIT_ROLES = new Set(['source', 'agency', 'dateline']);

function creditVotes(copy: DedupInput, original: DedupInput, outlet: Outlet | undefined, copyOutlet: Outlet | undefined, reg: OutletRegistry): string | undefined {
  if (!outlet || (copyOutlet && copyOutlet.key === outlet.key)) return undefined;
  for (const c of copy.credits) {
    if (!CREDIT_ROLES.has(c.role)) continue;
    if (namesOutlet(c.name, outlet, reg)) return `${copy.id} credits "${c.name}" (${c.role} credit), the outlet of ${original.id} (${outlet.name})`;
  }
  return undefined;
}

function attributionVotes(copy: DedupInput, original: DedupInput, outlet: Outlet | undefined, copyOutlet: Outlet | undefined, reg: OutletRegistry, p: DedupParams): string | undefined {
  if (!outlet || (copyOutlet && copyOutlet.key === outlet.key)) return undefined;
  for (const { id, regex } of p.attributions) {
    for (const m of copy.text.matchAll(regex)) {
      const name = m.groups?.name;
      if (!name) continue;
      // Try the whole name, then shorter prefixes ("Reuters news agency" → "Reuters").
      const words = name.split(/\s+/);
      for (let n = words.length; n >= 1; n--) {
        const cand = words.slice(0, n).join(' ');
        if (namesOutlet(cand, outlet, reg)) return `${copy.id} attributes its text to ${outlet.name} ("${m[0].trim()}", ${id}), the outlet of ${original.id}`;
      }
    }
  }
  return undefined;
}

/**
 * How far apart two publication times are, in minutes, at the precision both carry: two instants by
 * their normalised UTC times (never the strings as written: `15:42+01:00` and `14:42Z` are one
 * instant); anything with a day-only date by the calendar days as written, in whole days.
 */
function publicationGap(a: string | undefined, b: string | undefined): { minutes: number; aFirst: boolean; day: boolean } | undefined {
  const ta = readPublished(a);
  const tb = readPublished(b);
  if (!ta || !tb) return undefined;
  if (ta.precision === 'datetime' && tb.precision === 'datetime') return { minutes: Math.abs(ta.ms - tb.ms) / 60_000, aFirst: ta.ms < tb.ms, day: false };
  const da = Date.parse(`${ta.day}T00:00:00Z`);
  const db = Date.parse(`${tb.day}T00:00:00Z`);
  return { minutes: Math.abs(da - db) / 60_000, aFirst: da < db, day: true };
}

function total(x: Extras): number {
  return x.lead + x.interior + x.trail;
}

function describe(x: Extras): string {
  const parts: string[] = [];
  if (x.lead > 0) parts.push(`${x.lead} words before`);
  if (x.interior > 0) parts.push(`${x.interior} words inside`);
  if (x.trail > 0) parts.push(`${x.trail} words after`);
  return `${parts.join(', ')} the shared text`;
}

/**
 * What X's unshared text says about X. `original`: text is missing from inside the other article
 * (an excerpt of X, with or without an intro or trailer of its own), or X's unshared edge text is
 * a large share of X (the other is a truncated excerpt). `copy`: X only added a little text at its
 * edges (an intro, a trailer, an extra paragraph). Undefined when both added text of their own.
 */
function containmentVote(x: Extras, y: Extras, wordsX: number, p: DedupParams): 'copy' | 'original' | undefined {
  // Text missing from inside the other article while it only added text at its edges: an excerpt with furniture.
  if (x.interior >= p.minEdgeExtraWords && y.interior === 0 && total(y) > 0) return 'original';
  if (total(y) >= p.minEdgeExtraWords || total(x) === 0) return undefined;
  if (x.interior >= p.minEdgeExtraWords) return 'original';
  if (x.lead + x.trail === 0) return undefined;
  return total(x) / Math.max(1, wordsX) >= p.excerptShare ? 'original' : 'copy';
}

/**
 * Decide which of A and B is the original. A tie goes to the more central article (`centrality`:
 * its summed similarity to the other articles it shares text with; copies made independently
 * from one original resemble the original more than each other), then to the one seen first
 * (`order`: position in input order).
 */
export function decideDirection(
  A: Analysed,
  B: Analysed,
  cmp: Comparison,
  reg: OutletRegistry,
  p: DedupParams,
  order: (id: string) => number,
  centrality?: (id: string) => number,
): Direction {
  const a = A.input;
  const b = B.input;
  const oa = identifyOutlet(a, reg);
  const ob = identifyOutlet(b, reg);
  const w = p.weights;
  let sa = 0;
  let sb = 0;
  const evA: string[] = [];
  const evB: string[] = [];
  const voteA = (weight: number, why: string): void => {
    sa += weight;
    evA.push(why);
  };
  const voteB = (weight: number, why: string): void => {
    sb += weight;
    evB.push(why);
  };

  const creditA = creditVotes(b, a, oa, ob, reg);
  if (creditA) voteA(w.credit, creditA);
  const creditB = creditVotes(a, b, ob, oa, reg);
  if (creditB) voteB(w.credit, creditB);

  if (!creditA) {
    const attrA = attributionVotes(b, a, oa, ob, reg, p);
    if (attrA) voteA(w.attribution, attrA);
  }
  if (!creditB) {
    const attrB = attributionVotes(a, b, ob, oa, reg, p);
    if (attrB) voteB(w.attribution, attrB);
  }

  const gap = publicationGap(a.published, b.published);
  if (gap && gap.minutes >= (gap.day ? 1440 : p.timeGapMinutes)) {
    const hours = gap.minutes >= 1440 ? `${Math.round(gap.minutes / 1440)} day(s)` : `${Math.round(gap.minutes / 6) / 10} h`;
    if (gap.aFirst) voteA(w.time, `${a.id} was published ${hours} before ${b.id}`);
    else voteB(w.time, `${b.id} was published ${hours} before ${a.id}`);
  }

  if (oa && ob && oa.key !== ob.key) {
    if (oa.kind === 'agency' && ob.kind !== 'agency') voteA(w.agency, `${a.id} comes from a news agency (${oa.name}), ${b.id} from ${ob.name}`);
    else if (ob.kind === 'agency' && oa.kind !== 'agency') voteB(w.agency, `${b.id} comes from a news agency (${ob.name}), ${a.id} from ${oa.name}`);
  }

  const ca = containmentVote(cmp.extrasA, cmp.extrasB, cmp.wordsA, p);
  if (ca === 'copy') voteB(w.containment, `${a.id} carries ${b.id}'s text plus ${describe(cmp.extrasA)}, as a repost does`);
  else if (ca === 'original') voteA(w.containment, `${b.id} is ${a.id} without ${describe(cmp.extrasA)}, as an excerpt is`);
  else {
    const cb = containmentVote(cmp.extrasB, cmp.extrasA, cmp.wordsB, p);
    if (cb === 'copy') voteA(w.containment, `${b.id} carries ${a.id}'s text plus ${describe(cmp.extrasB)}, as a repost does`);
    else if (cb === 'original') voteB(w.containment, `${a.id} is ${b.id} without ${describe(cmp.extrasB)}, as an excerpt is`);
  }

  if (sa === sb && centrality) {
    const ca = centrality(a.id);
    const cb = centrality(b.id);
    if (Math.abs(ca - cb) >= p.centralityMargin) {
      const [hi, lo] = ca > cb ? [a.id, b.id] : [b.id, a.id];
      const evidence = [...evA, ...evB, `no credit, time or containment decides; ${hi} resembles the other articles of the family more than ${lo} does (${Math.max(ca, cb).toFixed(2)} vs ${Math.min(ca, cb).toFixed(2)}), as an original does its copies`];
      return { originalId: hi, copyId: lo, margin: 0, evidence };
    }
  }
  if (sa === sb) {
    const aFirst = order(a.id) <= order(b.id);
    const first = aFirst ? a.id : b.id;
    const evidence = [...evA, ...evB, `no evidence decides which came first; ${first}, seen first, is taken as the original`];
    return aFirst ? { originalId: a.id, copyId: b.id, margin: 0, evidence } : { originalId: b.id, copyId: a.id, margin: 0, evidence };
  }
  return sa > sb ? { originalId: a.id, copyId: b.id, margin: sa - sb, evidence: evA } : { originalId: b.id, copyId: a.id, margin: sb - sa, evidence: evB };
}
