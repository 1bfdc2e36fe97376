/**
 * Which of two articles that share text is the original: a weighted vote of explicit credits,
 * textual attributions, publication times, the agency prior and where the unshared text stands.
 * Every vote is kept as an evidence sentence.
 */
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

function parseTime(value: string | undefined): { ms: number; day: boolean } | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : { ms, day: /^\d{4}-\d{2}-\d{2}$/.test(value) };
}

function edgeOnly(x: Extras, min: number): boolean {
  return x.lead + x.trail >= min && x.interior < min;
}

function total(x: Extras): number {
  return x.lead + x.interior + x.trail;
}

/**
 * Decide which of A and B is the original. `order` gives each id's position in input order
 * (earlier seen wins a tie).
 */
export function decideDirection(A: Analysed, B: Analysed, cmp: Comparison, reg: OutletRegistry, p: DedupParams, order: (id: string) => number): Direction {
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

  const ta = parseTime(a.published);
  const tb = parseTime(b.published);
  if (ta && tb) {
    const gapMin = Math.abs(ta.ms - tb.ms) / 60_000;
    const needed = ta.day || tb.day ? 1440 : p.timeGapMinutes;
    if (gapMin >= needed) {
      const hours = gapMin >= 1440 ? `${Math.round(gapMin / 1440)} day(s)` : `${Math.round(gapMin / 6) / 10} h`;
      if (ta.ms < tb.ms) voteA(w.time, `${a.id} was published ${hours} before ${b.id}`);
      else voteB(w.time, `${b.id} was published ${hours} before ${a.id}`);
    }
  }

  if (oa && ob && oa.key !== ob.key) {
    if (oa.kind === 'agency' && ob.kind !== 'agency') voteA(w.agency, `${a.id} comes from a news agency (${oa.name}), ${b.id} from ${ob.name}`);
    else if (ob.kind === 'agency' && oa.kind !== 'agency') voteB(w.agency, `${b.id} comes from a news agency (${ob.name}), ${a.id} from ${oa.name}`);
  }

  const min = p.minEdgeExtraWords;
  const ea = cmp.extrasA;
  const eb = cmp.extrasB;
  if (edgeOnly(eb, min) && total(ea) < min) voteA(w.containment, `${b.id} carries ${a.id}'s text plus ${eb.lead + eb.trail} words of its own at the start or end, as a repost does`);
  else if (edgeOnly(ea, min) && total(eb) < min) voteB(w.containment, `${a.id} carries ${b.id}'s text plus ${ea.lead + ea.trail} words of its own at the start or end, as a repost does`);
  else if (ea.interior >= min && total(eb) < min) voteA(w.containment, `${b.id} is ${a.id} with ${ea.interior} words cut from the middle, as an excerpt is`);
  else if (eb.interior >= min && total(ea) < min) voteB(w.containment, `${a.id} is ${b.id} with ${eb.interior} words cut from the middle, as an excerpt is`);

  if (sa === sb) {
    const aFirst = order(a.id) <= order(b.id);
    const first = aFirst ? a.id : b.id;
    const evidence = [...evA, ...evB, `no evidence decides which came first; ${first}, seen first, is taken as the original`];
    return aFirst ? { originalId: a.id, copyId: b.id, margin: 0, evidence } : { originalId: b.id, copyId: a.id, margin: 0, evidence };
  }
  return sa > sb ? { originalId: a.id, copyId: b.id, margin: sa - sb, evidence: evA } : { originalId: b.id, copyId: a.id, margin: sb - sa, evidence: evB };
}
