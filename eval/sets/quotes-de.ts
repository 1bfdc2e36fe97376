/**
 * Quotes and speakers in German news (quotes-de, Wikinews, dev split): the articles go through the
 * product's quotes stage (the one the statements stage of a report runs), with the article's
 * language `de`, and are scored with the PolNeAR set's scorer (`scoreQuotes` in quotes.ts):
 * quotation spans matched one-to-one at character overlap, P/R/F1 over all types and for Direct
 * alone, recall of all reported speech (every type), and the share of matched quotations with a
 * gold speaker whose predicted speaker overlaps it. The README's regex baseline (everything between
 * quotation marks is a Direct quote) is measured in the same run. Offsets in the set count code
 * points; they are converted at this boundary as in quotes.ts.
 */
import { writeFileSync } from 'node:fs';
import type { EvalSet } from '../types.js';
import { readJsonlGz } from '../data.js';
import { offsetMaps, predict, scoreQuotes, type GoldDoc, type QuoteRecord } from './quotes.js';

interface Role {
  readonly text: string;
  readonly spans: readonly (readonly [number, number])[];
}

interface GoldQuote {
  readonly article_id: string;
  readonly type: string;
  readonly quote: Role | null;
  readonly speaker: Role | null;
}

interface ArticleLine {
  readonly id: string;
  readonly text: string;
}

/** The quotation types of the set. */
export const TYPES = ['Direct', 'Indirect', 'FreeIndirect', 'IndirectFreeIndirect', 'Reported'] as const;

/** Gold documents of one split in the PolNeAR scorer's shape (a speaker with several spans is taken as their hull). */
export function loadGoldDe(dataDir: string, split: 'dev' | 'train'): GoldDoc[] {
  const articles = readJsonlGz<ArticleLine>(dataDir, `articles.${split}.jsonl.gz`);
  const quotes = readJsonlGz<GoldQuote>(dataDir, `quotes.${split}.jsonl.gz`);
  const byArticle = new Map<string, QuoteRecord[]>();
  for (const q of quotes) {
    if (!q.quote || q.quote.spans.length === 0) continue;
    const spans = [...q.quote.spans].sort((a, b) => a[0] - b[0]);
    const sp = q.speaker && q.speaker.spans.length > 0 ? q.speaker : null;
    const rec: QuoteRecord = {
      start: spans[0]![0],
      end: Math.max(...spans.map((s) => s[1])),
      ...(spans.length > 1 ? { segments: spans } : {}),
      type: q.type,
      speaker: sp ? sp.text : null,
      ...(sp ? { speaker_start: Math.min(...sp.spans.map((s) => s[0])), speaker_end: Math.max(...sp.spans.map((s) => s[1])) } : {}),
    };
    const list = byArticle.get(q.article_id) ?? [];
    list.push(rec);
    byArticle.set(q.article_id, list);
  }
  return articles.map((a) => ({ id: a.id, text: a.text, quotes: byArticle.get(a.id) ?? [] }));
}

/** The product's quotes for one German text, in the set's format (code-point offsets). */
export function predictDe(text: string, language = 'de'): QuoteRecord[] {
  return predict(text, language);
}

/** The README's baseline: everything between a pair of quotation marks is a Direct quote, no speaker. */
const BASELINE = /„([^„“”"\n]+)[“”"]|“([^“”\n]+)”|"([^"\n]+)"|»([^»«\n]+)«|«([^«»\n]+)»/gu;
export function regexBaseline(text: string): QuoteRecord[] {
  const { toCp } = offsetMaps(text);
  return [...text.matchAll(BASELINE)].map((m) => ({ start: toCp(m.index + 1), end: toCp(m.index + m[0].length - 1), speaker: null, type: 'direct' }));
}

/** Characters (not spaces) of a quotation's pieces, in code points. */
function chars(cps: readonly string[], q: QuoteRecord): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of q.segments ?? [[q.start, q.end]]) for (let i = Math.max(0, s); i < Math.min(cps.length, e); i++) if (!/\s/u.test(cps[i]!)) out.add(i);
  return out;
}

/** Speaker judged by the PolNeAR scorer for one matched pair. */
const speakerRight = (text: string, g: QuoteRecord, p: QuoteRecord): boolean => scoreQuotes([{ id: 'x', text, quotes: [g] }], { x: [p] }).attribution_accuracy === 1;

/**
 * Matching at the README's measure: each gold quotation to at most one prediction, greedily by
 * overlap, a pair counting only when the shared characters are at least half of each side's
 * (the PolNeAR scorer in quotes.ts matches at any overlap; its figures are printed beside as `any_`).
 * `types` restricts the gold; predictions overlapping only gold of other types are then left out.
 */
export function match50(docs: readonly GoldDoc[], preds: Readonly<Record<string, readonly QuoteRecord[]>>, types?: ReadonlySet<string>): { gold: number; pred: number; tp: number; spk: number; spkRight: number; byType: Map<string, [number, number]> } {
  const r = { gold: 0, pred: 0, tp: 0, spk: 0, spkRight: 0, byType: new Map<string, [number, number]>() };
  for (const d of docs) {
    const cps = Array.from(d.text);
    const gAll = d.quotes.map((q) => chars(cps, q));
    const keep = d.quotes.map((q, i) => i).filter((i) => !types || types.has(d.quotes[i]!.type ?? ''));
    const other = new Set<number>();
    d.quotes.forEach((q, i) => {
      if (types && !types.has(q.type ?? '')) gAll[i]!.forEach((x) => other.add(x));
    });
    const kept = new Set<number>();
    keep.forEach((i) => gAll[i]!.forEach((x) => kept.add(x)));
    const ps = (preds[d.id] ?? []).filter((p) => p.end > p.start);
    const pSets = ps.map((p) => chars(cps, p));
    const pKeep = ps.map((_, j) => j).filter((j) => !types || ![...pSets[j]!].some((x) => other.has(x)) || [...pSets[j]!].some((x) => kept.has(x)));
    r.gold += keep.length;
    r.pred += pKeep.length;
    const pairs: [number, number, number][] = [];
    for (const gi of keep) {
      for (const pj of pKeep) {
        let ov = 0;
        for (const x of pSets[pj]!) if (gAll[gi]!.has(x)) ov++;
        if (ov > 0 && ov >= 0.5 * Math.max(gAll[gi]!.size, pSets[pj]!.size)) pairs.push([ov, gi, pj]);
      }
    }
    pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    const usedG = new Set<number>();
    const usedP = new Set<number>();
    for (const [, gi, pj] of pairs) {
      if (usedG.has(gi) || usedP.has(pj)) continue;
      usedG.add(gi);
      usedP.add(pj);
      r.tp++;
      const g = d.quotes[gi]!;
      if (g.speaker) {
        r.spk++;
        if (speakerRight(d.text, g, ps[pj]!)) r.spkRight++;
      }
    }
    for (const gi of keep) {
      const t = d.quotes[gi]!.type ?? '';
      const v = r.byType.get(t) ?? [0, 0];
      r.byType.set(t, [v[0] + 1, v[1] + (usedG.has(gi) ? 1 : 0)]);
    }
  }
  return r;
}

const prf = (tp: number, pred: number, gold: number): [number, number, number] => {
  const p = pred ? tp / pred : 0;
  const r = gold ? tp / gold : 0;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
};

/** The figures of one run: all types, Direct alone, recall by type and speakers. */
export function figuresOf(docs: readonly GoldDoc[], preds: Readonly<Record<string, readonly QuoteRecord[]>>): Record<string, number> {
  const directPreds = Object.fromEntries(Object.entries(preds).map(([k, v]) => [k, v.filter((q) => q.type === 'direct')]));
  const all = match50(docs, preds);
  const direct = match50(docs, directPreds, new Set(['Direct']));
  const [op, or, of] = prf(all.tp, all.pred, all.gold);
  const [dp, dr, df] = prf(direct.tp, direct.pred, direct.gold);
  const anyAll = scoreQuotes(docs, preds);
  const anyDirect = scoreQuotes(docs, directPreds, new Set(['Direct']));
  const f: Record<string, number> = {
    overlap_p: op,
    overlap_r: or,
    overlap_f1: of,
    direct_p: dp,
    direct_r: dr,
    direct_f1: df,
    // Recall of every reported speech (all five types), whatever type the product gave it.
    all_speech_recall: or,
    // Of the matched quotations with a gold speaker, the share whose predicted speaker overlaps it (or names the same words).
    speaker_right: all.spk ? all.spkRight / all.spk : 0,
    direct_speaker_right: direct.spk ? direct.spkRight / direct.spk : 0,
  };
  for (const t of TYPES) {
    const v = all.byType.get(t);
    f[`recall_${t}`] = v && v[0] ? v[1] / v[0] : 0;
  }
  f.any_overlap_f1 = anyAll.overlap_f1!;
  f.any_direct_f1 = anyDirect.overlap_f1!;
  f.any_speaker_right = anyAll.attribution_accuracy!;
  return f;
}

/** Gold quotations missed, and predictions matching no gold, for reading (one-to-one at any overlap as the scorer matches). */
function misses(docs: readonly GoldDoc[], preds: Readonly<Record<string, readonly QuoteRecord[]>>, log: (line: string) => void, perClass: number): void {
  const byClass = new Map<string, string[]>();
  const add = (k: string, line: string): void => {
    const list = byClass.get(k) ?? [];
    list.push(line);
    byClass.set(k, list);
  };
  for (const d of docs) {
    const cps = Array.from(d.text);
    const cut = (s: number, e: number): string => JSON.stringify(cps.slice(s, e).join('').slice(0, 140));
    const ps = preds[d.id] ?? [];
    const used = new Set<number>();
    for (const g of d.quotes) {
      const segs = g.segments ?? [[g.start, g.end]];
      let best = -1;
      let bestOv = 0;
      ps.forEach((p, j) => {
        if (used.has(j)) return;
        let ov = 0;
        for (const [s, e] of segs) ov += Math.max(0, Math.min(e, p.end) - Math.max(s, p.start));
        if (ov > bestOv) [best, bestOv] = [j, ov];
      });
      if (best < 0) {
        add(`missed ${g.type}`, `${d.id} ${cut(g.start, g.end)} (speaker ${JSON.stringify(g.speaker ?? null)})`);
        continue;
      }
      used.add(best);
      const p = ps[best]!;
      const okSpeaker = speakerRight(d.text, g, p);
      if (g.speaker && !okSpeaker) add(`wrong speaker ${g.type}`, `${d.id} ${cut(g.start, g.end)} gold ${JSON.stringify(g.speaker)} got ${JSON.stringify(p.speaker ?? null)}`);
    }
    ps.forEach((p, j) => {
      if (!used.has(j)) add(`spurious ${p.type ?? ''}`, `${d.id} ${cut(p.start, p.end)} (speaker ${JSON.stringify(p.speaker ?? null)})`);
    });
  }
  for (const [k, lines] of [...byClass].sort((a, b) => a[0].localeCompare(b[0]))) {
    log(`${k}: ${lines.length}`);
    for (const l of lines.slice(0, perClass)) log(`  ${l}`);
  }
}

const set: EvalSet = {
  name: 'quotes-de',
  dataFolder: 'quotes-de',
  description: 'German quotations (direct and reported speech) with speakers (Wikinews, dev split), with the regex baseline',
  async run({ dataDir, outFile, log }) {
    const docs = loadGoldDe(dataDir, process.env.QUOTES_DE_SPLIT === 'train' ? 'train' : 'dev');
    const t0 = performance.now();
    const preds: Record<string, QuoteRecord[]> = {};
    for (const d of docs) preds[d.id] = predictDe(d.text);
    log(`${docs.length} articles, ${docs.reduce((n, d) => n + d.quotes.length, 0)} gold quotations, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (outFile) writeFileSync(outFile, JSON.stringify(preds));
    misses(docs, preds, log, Number(process.env.QUOTES_DE_MISSES ?? 12));
    const baseline: Record<string, QuoteRecord[]> = {};
    for (const d of docs) baseline[d.id] = regexBaseline(d.text);
    const base = figuresOf(docs, baseline);
    const figures: Record<string, number> = { ...figuresOf(docs, preds) };
    for (const k of ['direct_p', 'direct_r', 'direct_f1', 'all_speech_recall']) figures[`baseline_${k}`] = base[k]!;
    // Measured on the dev split minus a small margin; targets (#18): direct_f1 0.85, all_speech_recall 0.60, speaker_right 0.80.
    // Measured before German rules (English rules on German text): direct_f1 0.729, all_speech_recall 0.138, speaker_right 0.314.
    // With the German rules (german.ts, languages/de.json): 0.884, 0.613, 0.808. Quotation precision over all types (0.738)
    // is not a target and was let down from 0.75 to 0.74 and now 0.73: reported speech acts and more source frames are
    // quotes, which found more gold than they added false ones. Floors a little below the measured figures.
    const floors: Record<string, number> = {
      direct_f1: 0.875,
      overlap_p: 0.73,
      all_speech_recall: 0.605,
      speaker_right: 0.803,
    };
    return { figures, floors };
  },
};

export default set;
