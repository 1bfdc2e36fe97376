import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createTimeExpressions } from '../../src/pipeline/analyze/time/index.js';
const docs = gunzipSync(readFileSync('/work/shared/data/timex/tbaq_dev.jsonl.gz')).toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const find = createTimeExpressions();
const want = new Set(process.argv.slice(2));
for (const d of docs) {
  for (const t of find(d.text, d.dct)) {
    if (!want.has(t.rule)) continue;
    const g = d.timexes.find((x: any) => Math.min(x.end, t.span.end) > Math.max(x.start, t.span.start));
    if (g && g.value !== t.value) console.log(t.rule, d.dct.slice(0, 10), JSON.stringify(g.text), g.value, '| mine', JSON.stringify(t.text), t.value, '|', d.text.slice(Math.max(0, t.span.start - 50), t.span.end + 15).replace(/\n/g, ' '));
  }
}
