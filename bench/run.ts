/**
 * `npm run bench [-- [--quick] [--keep] [suite…]]`: run benchmark suites (every module in `bench/suites/`
 * default-exports a {@link BenchSuite}) and print their figures against their targets; `--keep` leaves
 * each suite's scratch folder (its databases and inputs) for a closer look.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchFigure, BenchSuite } from './types.js';

const suitesDir = fileURLToPath(new URL('./suites/', import.meta.url));

function formatFigure(f: BenchFigure): string {
  const value = Math.abs(f.value) >= 100 ? f.value.toFixed(0) : f.value.toPrecision(3);
  let line = `   ${f.name.padEnd(44)} ${value.padStart(10)} ${f.unit}`;
  if (f.target) {
    const met = f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
    line += `   target ${f.target.op} ${f.target.value} ${met ? 'met' : 'MISSED'}`;
  }
  return line;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { quick: { type: 'boolean' }, keep: { type: 'boolean' } } });
  const available = readdirSync(suitesDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
  const chosen = positionals.length > 0 ? positionals : available;
  for (const name of chosen) {
    if (!available.includes(name)) throw new Error(`unknown suite ${name}; known: ${available.join(', ')}`);
    const suite = ((await import(pathToFileURL(path.join(suitesDir, `${name}.ts`)).href)) as { default: BenchSuite }).default;
    const scratchDir = mkdtempSync(path.join(tmpdir(), `parallax-bench-${name}-`));
    console.log(`== ${suite.name}: ${suite.description}`);
    // The machine may be shared: its load beside the figures (ratios to in-process baselines survive it better).
    const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${availableParallelism()} CPUs`;
    console.log(`   ${load()} at start`);
    try {
      const figures = await suite.run({ log: (l) => console.log(`   ${l}`), scratchDir, quick: values.quick === true });
      console.log(`   ${load()} at end`);
      for (const f of figures) console.log(formatFigure(f));
    } finally {
      if (values.keep === true) console.log(`   scratch folder kept: ${scratchDir}`);
      else rmSync(scratchDir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
