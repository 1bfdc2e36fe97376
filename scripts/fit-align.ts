/**
 * Fit the claims alignment score (src/pipeline/analyze/claims/similarity.ts) on the MSRP and STS-B
 * news training pairs (plus unrelated pairs drawn from other rows) in ../shared/data/paraphrase, and
 * with --write rewrite src/pipeline/analyze/claims/align-model.json (weights and figures only, no text).
 * Usage: npx tsx scripts/fit-align.ts [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyseSentence, fitModel, binaryFigures, crossValidate } from '../src/pipeline/analyze/paraphrase/index.js';
import { ALIGN_FEATURES, alignFeatures, alignProbability } from '../src/pipeline/analyze/claims/similarity.js';
interface Row {
  readonly s1: string;
  readonly s2: string;
  readonly label?: number;
  readonly score?: number;
  readonly stsb_split?: string;
}
const DATA = new URL('../../shared/data/paraphrase/', import.meta.url);
const read = (f: string): Row[] =>
  gunzipSync(readFileSync(new URL(f, DATA)))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row);
const msrp = read('msrp-dev.jsonl.gz');
const sts = read('stsb-news-dev.jsonl.gz').filter((r) => r.stsb_split === 'train' && r.score !== undefined && (r.score >= 4 || r.score <= 2));
type P = { s1: string; s2: string; label: 0 | 1 };
const pairs: P[] = [...msrp.map((r) => ({ s1: r.s1, s2: r.s2, label: r.label as 0 | 1 })), ...sts.map((r) => ({ s1: r.s1, s2: r.s2, label: ((r.score ?? 0) >= 4 ? 1 : 0) as 0 | 1 }))];
// Unrelated pairs: each MSRP s1 with the s2 of the row 1,000 rows on (deterministic).
const n = pairs.length;
const unrelated: P[] = msrp.map((r, i) => ({ s1: r.s1, s2: msrp[(i + 1000) % msrp.length]!.s2, label: 0 as const }));
const all = [...pairs, ...unrelated];
const analysed = new Map<string, ReturnType<typeof analyseSentence>>();
const an = (s: string) => { let a = analysed.get(s); if (!a) analysed.set(s, (a = analyseSentence(s))); return a; };
const df = new Map<string, number>();
for (const s of new Set(all.flatMap((p) => [p.s1, p.s2]))) for (const t of an(s).content) df.set(t, (df.get(t) ?? 0) + 1);
const N = analysed.size;
const idf = (t: string): number => Math.log(N / (df.get(t) ?? 1));
const rows = all.map((p) => ({ x: alignFeatures(an(p.s1), an(p.s2), idf), label: p.label }));
const l2 = 1;
const cvr = crossValidate(rows, [...ALIGN_FEATURES], 5, { l2 });
const cvf = binaryFigures(cvr.predicted, rows.map((r) => r.label));
const cv = { accuracy: +cvf.accuracy.toFixed(3), f1: +cvf.f1.toFixed(3) };
console.log('cv', JSON.stringify(cv));
const model = fitModel(rows, [...ALIGN_FEATURES], { reason: '', provenance: '' }, { l2 });
const pred = rows.map((r) => (alignProbability(r.x, model) >= model.threshold ? 1 : 0) as 0 | 1);
const fig = binaryFigures(pred, rows.map((r) => r.label));
const onMsrp = binaryFigures(pred.slice(0, msrp.length), rows.slice(0, msrp.length).map((r) => r.label));
const onUnrel = pred.slice(n).filter((p) => p === 1).length / unrelated.length;
console.log('train', JSON.stringify(fig), 'msrp', JSON.stringify(onMsrp), 'unrelated said same', onUnrel.toFixed(3), 'threshold', model.threshold.toFixed(3));
console.log(ALIGN_FEATURES.map((f, i) => `${f} ${model.weights[i]!.toFixed(3)}`).join(', '), 'bias', model.bias.toFixed(3));
if (process.argv.includes('--write')) {
  const out = {
    reason: 'Logistic regression: do two sentences of one story state one fact? Features of similarity.ts, word rarity as idf over the sentences compared (the story\'s in use, the training pairs\' in fitting).',
    provenance: `Fitted by scripts/fit-align.ts (Newton/IRLS, L2 ${l2}) on ${msrp.length} MSRP training pairs (Dolan & Brockett 2005), ${sts.length} STS-B news training pairs (score >= 4 same, <= 2 not; Agirre et al. 2017) and ${unrelated.length} unrelated pairs (an MSRP sentence with another row's), from ../shared/data/paraphrase. Weights only, no corpus text. Training accuracy ${fig.accuracy.toFixed(3)}, F1 ${fig.f1.toFixed(3)}; MSRP rows F1 ${onMsrp.f1.toFixed(3)}; unrelated pairs judged the same ${onUnrel.toFixed(3)}; 5-fold CV ${JSON.stringify(cv)}.`,
    features: model.features, mean: model.mean, scale: model.scale, weights: model.weights, bias: model.bias, threshold: model.threshold,
  };
  writeFileSync('src/pipeline/analyze/claims/align-model.json', JSON.stringify(out, null, 2) + '\n');
}
