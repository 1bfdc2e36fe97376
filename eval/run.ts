/**
 * `npm run eval -- <set> [--data DIR] [--out FILE]`: run one evaluation set (or `all`), print its
 * figures, and exit non-zero when a figure falls below its floor.
 */
import { parseArgs } from 'node:util';
import { isParallaxError } from '../src/errors.js';
import { belowFloors, defaultDataDir, listEvalSets, loadEvalSet } from './registry.js';

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { data: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const name = positionals[0];
  if (values.help || name === undefined) {
    console.log(`usage: npm run eval -- <set|all> [--data DIR] [--out FILE]\nsets: ${listEvalSets().join(', ')}`);
    return name === undefined && !values.help ? 2 : 0;
  }
  const names = name === 'all' ? listEvalSets() : [name];
  if (names.length > 1 && (values.data || values.out)) {
    console.error('--data and --out name one set: run the sets one at a time to use them.');
    return 2;
  }
  let failed = 0;
  for (const n of names) {
    const set = await loadEvalSet(n);
    const dataDir = values.data ?? defaultDataDir(set);
    console.log(`== ${set.name}: ${set.description}\n   data: ${dataDir}`);
    const result = await set.run({ dataDir, outFile: values.out, log: (line) => console.log(`   ${line}`) });
    for (const [k, v] of Object.entries(result.figures)) {
      const floor = result.floors[k];
      console.log(`   ${k.padEnd(28)} ${v.toFixed(4)}${floor === undefined ? '' : `   (floor ${floor})`}`);
    }
    const below = belowFloors(result);
    for (const line of below) console.error(`   BELOW FLOOR ${line}`);
    if (below.length > 0) failed++;
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(isParallaxError(err) ? `parallax eval: ${err.message}` : err);
    process.exit(isParallaxError(err) ? 2 : 1);
  },
);
