/**
 * Text reuse on real articles: derivation labels and source identification.
 *
 * No public news text-reuse set is available here, so positives are generated from the real
 * development articles of `story-clustering` (ECB+, `articles.jsonl.gz`) with a seeded PRNG
 * (mulberry32, seed {@link SEED}); the construction is deterministic and documented in
 * `eval/README-reuse.md`.
 *
 * - Texts: each article's corpus sentences (one per line) are grouped into paragraphs of 1–3
 *   sentences, separated by a blank line, as clean article text is.
 * - Originals: up to {@link ORIGINALS_PER_CLUSTER} articles per gold cluster with at least 8
 *   sentences and 150 words. Each gets 1–3 copies, each of one kind:
 *   - `verbatim`: the whole text plus furniture: an intro paragraph (sentences from an article of
 *     another topic), a "Read more" trailer, a source credit naming the original's outlet.
 *   - `partial`: 30–70% of the paragraphs (at least two), sometimes reordered, sometimes with a
 *     credit or trailer.
 *   - `rewrite`: every paragraph kept but lightly edited: words swapped from a synonym table in
 *     most sentences (a word dropped where no synonym applies), trailing clauses trimmed,
 *     adjacent sentences swapped, sometimes one sentence dropped.
 *   Copies get their own fictional outlet URL; a copy's date is 1–3 days after the original's
 *   when the original has one (else none), and 60% of copies carry a credit to the original's
 *   outlet (when it has one) or a textual attribution ("…, <outlet> reported.").
 * - Hard negatives: the other real articles of the same gold cluster (independent reports of the
 *   same event), and every copy against them. Using the gold `cluster` field is legitimate here:
 *   it builds the evaluation, it is never shown to the system.
 *
 * Each topic (the real articles of its two events plus the generated copies, in a seeded shuffled
 * order) goes through `buildFamilies` as one story. A pair in one family gets the derivation of
 * whichever of the two is not the family's original (both copies: `relateArticles` on the pair);
 * a pair in different families gets `none`. Pairs come in three sets:
 * - `copy`: every copy with its original (gold: its kind);
 * - `other-event`: every pair across the two events of a topic, real or copy (gold `none`, certain:
 *   different events, usually years apart, same kind of story and vocabulary);
 * - `same-event`: every pair of real articles of one event (gold `none` as the brief asks, but
 *   NOT certain: ECB+ holds agency stories reprinted or updated by several sites, e.g. the same
 *   wire report in two versions, which are genuine reuse).
 *
 * Figures:
 * - `macroF1`: derivation-label macro-F1 over none / verbatim / partial / rewrite on `copy` +
 *   `other-event` pairs (certain gold).
 * - `macroF1SameEvent`: the same on `copy` + `same-event` pairs (the brief's hard negatives; a
 *   lower bound, since some of those negatives are real reuse).
 * - `sameEventJoinRate`: share of same-event real pairs put in one family (no floor).
 * - `sourceAccuracy`: share of copies whose family's original is their true original (the
 *   candidates are every article of the topic).
 *
 * With `--out FILE`: every scored pair, the mislabelled copies with the pairwise evidence, and the
 * copies whose source was missed with the family evidence.
 */
import { writeFileSync } from 'node:fs';
import { buildFamilies, hostOf, relateArticles, type DedupInput } from '../../src/pipeline/dedup/index.js';
import type { Credit } from '../../src/model/article.js';
import type { Family } from '../../src/model/story.js';
import type { EvalSet } from '../types.js';
import { prng } from '../../test/support/prng.js';
import { readJsonlGz } from '../data.js';

/** PRNG seed of the construction. */
export const SEED = 20251;
/** Originals drawn per gold cluster. */
export const ORIGINALS_PER_CLUSTER = 3;

type Label = 'none' | 'verbatim' | 'partial' | 'rewrite';
const LABELS: readonly Label[] = ['none', 'verbatim', 'partial', 'rewrite'];

interface Raw {
  readonly id: string;
  readonly cluster: string;
  readonly topic: string;
  readonly date: string | null;
  readonly title: string | null;
  readonly text: string;
  readonly url: string | null;
  readonly source: string | null;
}

/** One generated copy and what it was made from. */
export interface GeneratedCopy {
  readonly input: DedupInput;
  readonly originalId: string;
  readonly kind: Exclude<Label, 'none'>;
}


function shuffle<T>(rand: () => number, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function loadRaw(dataDir: string): Raw[] {
  return readJsonlGz<Raw>(dataDir, 'articles.jsonl.gz');
}

function sentencesOf(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function paragraphs(rand: () => number, sentences: readonly string[]): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < sentences.length) {
    const n = 1 + Math.floor(rand() * 3);
    out.push(sentences.slice(i, i + n));
    i += n;
  }
  return out;
}

const render = (paras: readonly (readonly string[])[]): string => paras.map((p) => p.join(' ')).join('\n\n');

const SYNONYMS: Record<string, string> = {
  said: 'stated', says: 'states', told: 'informed', announced: 'revealed', reported: 'noted', according: 'as per',
  killed: 'left dead', died: 'passed away', people: 'persons', police: 'officers', officials: 'authorities',
  before: 'prior to', after: 'following', about: 'around', more: 'over', big: 'large', large: 'big', small: 'minor',
  began: 'started', started: 'began', new: 'fresh', also: 'additionally', however: 'but', because: 'since',
  during: 'throughout', near: 'close to', later: 'subsequently', help: 'assist', show: 'display', major: 'key',
  company: 'firm', government: 'administration', city: 'town', house: 'home', children: 'kids', home: 'residence',
  found: 'discovered', arrested: 'detained', attack: 'assault', fire: 'blaze', quickly: 'rapidly', several: 'a number of',
  many: 'numerous', first: 'initial', last: 'final', week: 'seven days', including: 'among them', million: 'mln',
  percent: 'per cent', game: 'match', team: 'side', win: 'victory', won: 'claimed', lost: 'dropped', led: 'headed',
  would: 'will', could: 'might', will: 'is set to', was: 'had been', were: 'had been', has: 'had', have: 'had',
};

function rewriteSentence(rand: () => number, s: string): string {
  const words = s.split(' ');
  let changed = 0;
  const out = words.map((w) => {
    const bare = w.toLowerCase().replace(/[^a-z]/g, '');
    const syn = SYNONYMS[bare];
    if (syn && rand() < 0.6) {
      changed++;
      return w.replace(new RegExp(bare, 'i'), syn);
    }
    return w;
  });
  if (changed === 0 && out.length > 6) out.splice(1 + Math.floor(rand() * (out.length - 3)), 1);
  let r = out.join(' ');
  if (rand() < 0.25) {
    const comma = r.indexOf(', ', Math.floor(r.length / 2));
    if (comma > 0) r = `${r.slice(0, comma)}.`;
  }
  return r;
}

const TRAILERS = ['Read more: latest news and analysis', 'Read the full story on our website', 'Follow us for more updates on this story'];

/**
 * Generate the copies of one original. `outlet` is the original's host (for credits), `filler`
 * supplies unrelated sentences for intro paragraphs.
 */
export function makeCopies(rand: () => number, orig: DedupInput & { paras: string[][] }, n: number, filler: () => string[]): GeneratedCopy[] {
  const out: GeneratedCopy[] = [];
  const outlet = orig.url ? hostOf(orig.url) : undefined;
  for (let c = 0; c < n; c++) {
    const kind = pick(rand, ['verbatim', 'partial', 'rewrite'] as const);
    let paras: string[][];
    if (kind === 'verbatim') paras = orig.paras.map((p) => [...p]);
    else if (kind === 'partial') {
      const share = 0.3 + rand() * 0.4;
      const keep = Math.max(2, Math.round(orig.paras.length * share));
      const idx = shuffle(rand, orig.paras.map((_, i) => i)).slice(0, keep);
      if (rand() >= 0.3) idx.sort((x, y) => x - y);
      paras = idx.map((i) => [...orig.paras[i]!]);
    } else {
      paras = orig.paras.map((p) => p.map((s) => (rand() < 0.8 ? rewriteSentence(rand, s) : s)));
      for (const p of paras) if (p.length > 1 && rand() < 0.3) [p[0], p[1]] = [p[1]!, p[0]!];
      if (rand() < 0.4) {
        const p = pick(rand, paras.filter((x) => x.length > 1));
        if (p) p.splice(Math.floor(rand() * p.length), 1);
      }
    }
    const credits: Credit[] = [];
    const host = `copy-outlet-${Math.floor(rand() * 1000)}.example`;
    const attributed = rand() < 0.6;
    if (kind !== 'rewrite' && rand() < 0.5) paras.unshift(filler());
    if (kind !== 'rewrite' && rand() < 0.4) paras.push([pick(rand, TRAILERS)]);
    if (attributed && outlet) {
      if (rand() < 0.6) credits.push({ name: outlet, role: 'source', span: { start: 0, end: outlet.length } });
      else paras[paras.length - 1]!.push(`The story was first reported by ${outlet}.`);
    }
    let published: string | undefined;
    if (orig.published) {
      const d = new Date(`${orig.published.slice(0, 10)}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1 + Math.floor(rand() * 3));
      published = d.toISOString().slice(0, 10);
    }
    out.push({
      originalId: orig.id,
      kind,
      input: {
        id: `${orig.id}-copy${c}`,
        text: render(paras),
        url: `https://${host}/news/${orig.id}-${c}`,
        credits,
        ...(published ? { published } : {}),
      },
    });
  }
  return out;
}

interface Scored {
  readonly a: string;
  readonly b: string;
  readonly gold: Label;
  readonly pred: Label;
  /** `copy`: a copy with its original; `other-event`: articles of the two different events of a topic; `same-event`: two real articles of one event. */
  readonly set: 'copy' | 'other-event' | 'same-event';
}

function pairLabel(fams: readonly Family[], a: DedupInput, b: DedupInput): Label {
  const famOf = (id: string): Family | undefined => fams.find((f) => f.members.some((m) => m.articleId === id));
  const fa = famOf(a.id);
  const fb = famOf(b.id);
  if (!fa || fa !== fb) return 'none';
  const deriv = (id: string): Label => (fa.members.find((m) => m.articleId === id)!.derivation as Label) ?? 'none';
  if (fa.originalId === a.id) return deriv(b.id);
  if (fa.originalId === b.id) return deriv(a.id);
  return relateArticles(a, b)?.derivation ?? 'none';
}

function macroF1(pairs: readonly { gold: Label; pred: Label }[]): { macro: number; perClass: Record<string, number> } {
  const perClass: Record<string, number> = {};
  let sum = 0;
  for (const l of LABELS) {
    const tp = pairs.filter((p) => p.gold === l && p.pred === l).length;
    const fp = pairs.filter((p) => p.gold !== l && p.pred === l).length;
    const fn = pairs.filter((p) => p.gold === l && p.pred !== l).length;
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    perClass[l] = f1;
    sum += f1;
  }
  return { macro: sum / LABELS.length, perClass };
}

const reuse: EvalSet = {
  name: 'reuse',
  dataFolder: 'story-clustering',
  description: 'Text reuse: derivation labels (none/verbatim/partial/rewrite) and source identification on generated copies of real ECB+ articles',
  async run({ dataDir, outFile, log }) {
    const raw = loadRaw(dataDir);
    const rand = prng(SEED);

    const scored: Scored[] = [];
    let copiesTotal = 0;
    let sourceRight = 0;
    let rootIsCopy = 0;
    const misses: unknown[] = [];
    const labelErrors: unknown[] = [];

    const topics = [...new Set(raw.map((r) => r.topic))].sort();
    for (const topic of topics) {
      const members = raw.filter((r) => r.topic === topic).sort((x, y) => (x.id < y.id ? -1 : 1));
      const others = raw.filter((r) => r.topic !== topic);
      const filler = (): string[] => {
        const o = pick(rand, others);
        const s = sentencesOf(o.text);
        const k = Math.floor(rand() * Math.max(1, s.length - 1));
        return s.slice(k, k + 1 + Math.floor(rand() * 2));
      };
      const reals = members.map((r) => {
        const paras = paragraphs(rand, sentencesOf(r.text));
        return {
          id: r.id,
          cluster: r.cluster,
          text: render(paras),
          paras,
          credits: [] as Credit[],
          ...(r.title ? { title: r.title } : {}),
          ...(r.url ? { url: r.url } : {}),
          ...(r.date ? { published: r.date } : {}),
        };
      });
      const copies: GeneratedCopy[] = [];
      for (const cl of [...new Set(reals.map((r) => r.cluster))].sort()) {
        const eligible = reals.filter((r) => r.cluster === cl && r.paras.flat().length >= 8 && r.text.split(/\s+/).length >= 150);
        for (const o of shuffle(rand, [...eligible]).slice(0, ORIGINALS_PER_CLUSTER)) copies.push(...makeCopies(rand, o, 1 + Math.floor(rand() * 3), filler));
      }
      const clusterOf = new Map<string, string>(reals.map((r) => [r.id, r.cluster]));
      for (const c of copies) clusterOf.set(c.input.id, clusterOf.get(c.originalId)!);
      const inputs: DedupInput[] = shuffle(rand, [...reals.map(({ paras: _p, cluster: _c, ...x }) => x), ...copies.map((c) => c.input)]);
      const fams = buildFamilies(inputs, undefined, { storyId: topic });
      const byId = new Map(inputs.map((x) => [x.id, x]));
      const label = (a: string, b: string): Label => pairLabel(fams, byId.get(a)!, byId.get(b)!);

      const all = [...reals.map((r) => r.id), ...copies.map((c) => c.input.id)];
      const isCopy = new Set(copies.map((c) => c.input.id));
      // Positives: each copy with its original.
      for (const c of copies) {
        const pred = label(c.originalId, c.input.id);
        scored.push({ a: c.originalId, b: c.input.id, gold: c.kind, pred, set: 'copy' });
        if (pred !== c.kind) {
          const rel = relateArticles(byId.get(c.originalId)!, c.input);
          labelErrors.push({ original: c.originalId, copy: c.input.id, gold: c.kind, pred, pairwise: rel ? { derivation: rel.derivation, reuse: rel.reuse, coverage: rel.coverage, evidence: rel.evidence } : 'none', copyText: c.input.text });
        }
      }
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          const a = all[i]!;
          const b = all[j]!;
          if (isCopy.has(a) && isCopy.has(b)) continue;
          const sameEvent = clusterOf.get(a) === clusterOf.get(b);
          if (!sameEvent) scored.push({ a, b, gold: 'none', pred: label(a, b), set: 'other-event' });
          else if (!isCopy.has(a) && !isCopy.has(b)) scored.push({ a, b, gold: 'none', pred: label(a, b), set: 'same-event' });
        }
      }
      for (const c of copies) {
        copiesTotal++;
        const fam = fams.find((f) => f.members.some((m) => m.articleId === c.input.id));
        if (fam && fam.originalId === c.originalId) sourceRight++;
        else {
          if (fam && isCopy.has(fam.originalId)) rootIsCopy++;
          const evidenceOf = (id: string): readonly string[] => fam?.members.find((m) => m.articleId === id)?.evidence ?? [];
          misses.push({ copy: c.input.id, kind: c.kind, original: c.originalId, predicted: fam?.originalId, copyEvidence: evidenceOf(c.input.id), originalEvidence: evidenceOf(c.originalId) });
        }
      }
    }

    const clean = scored.filter((p) => p.set !== 'same-event');
    const withSame = scored.filter((p) => p.set !== 'other-event');
    const main = macroF1(clean);
    const same = macroF1(withSame);
    const sameEvent = scored.filter((p) => p.set === 'same-event');
    const sameJoined = sameEvent.filter((p) => p.pred !== 'none').length;
    const confusion: Record<string, number> = {};
    for (const p of scored) confusion[`${p.set}:${p.gold}->${p.pred}`] = (confusion[`${p.set}:${p.gold}->${p.pred}`] ?? 0) + 1;
    log(`${copiesTotal} generated copies; ${clean.length} pairs with certain gold (copies + other-event negatives), ${sameEvent.length} same-event real pairs`);
    log(`per-class F1: ${LABELS.map((l) => `${l} ${main.perClass[l]!.toFixed(3)}`).join(', ')}`);
    log(`confusion (set:gold->pred): ${Object.entries(confusion).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
    log(`source misses: ${copiesTotal - sourceRight} (${rootIsCopy} with a generated copy taken as the original)`);
    if (outFile) writeFileSync(outFile, `${JSON.stringify({ seed: SEED, labelErrors, misses, pairs: scored }, null, 1)}\n`);
    return {
      figures: {
        macroF1: main.macro,
        macroF1SameEvent: same.macro,
        sameEventJoinRate: sameJoined / Math.max(1, sameEvent.length),
        sourceAccuracy: sourceRight / copiesTotal,
      },
      // Measured on this construction (seed 20251): 0.997, 0.877, 0.760; floors a small margin below.
      floors: { macroF1: 0.98, macroF1SameEvent: 0.85, sourceAccuracy: 0.73 },
    };
  },
};

export default reuse;
