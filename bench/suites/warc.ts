/**
 * WARC reading: a crawl of N and of 2N small response records (fictional pages, built in memory),
 * read by `readWarc` from a plain Uint8Array as ingest hands it over. Reports records/s for both
 * and the ratio of time per record at 2N to N: 1 when reading is linear in the file's size (it was
 * quadratic while the reader copied the rest of the file at every line).
 */
import { readWarc } from '../../src/pipeline/ingest/warc.js';
import { buildWarc } from '../../test/ingest/support/build.js';
import type { BenchFigure, BenchSuite } from '../types.js';

function crawl(records: number): Uint8Array {
  const specs = Array.from({ length: records }, (_, i) => ({
    type: 'response' as const,
    id: `urn:uuid:bench-${i}`,
    uri: `https://harbour-gazette.example/story/${i}`,
    http: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
    body: `<html><head><title>Quay ${i}</title></head><body><p>The ferry to quay ${i} left on time, the harbour office said.</p></body></html>`,
  }));
  // A plain Uint8Array over the same bytes, not a Buffer: what ingest passes after reading a file.
  const b = buildWarc(specs);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

async function secondsToRead(bytes: Uint8Array): Promise<{ seconds: number; records: number }> {
  const started = performance.now();
  let records = 0;
  for await (const item of readWarc(bytes, 'bench.warc', 1 << 20)) if (item.ok) records++;
  return { seconds: (performance.now() - started) / 1000, records };
}

const suite: BenchSuite = {
  name: 'warc',
  description: 'WARC reading from memory: records/s at N and 2N records, and whether time per record stays flat',
  async run({ log, quick }) {
    const n = quick ? 4000 : 16000;
    // A first read warms the JIT, so the two timed reads compare like with like.
    await secondsToRead(crawl(500));
    const small = await secondsToRead(crawl(n));
    const large = await secondsToRead(crawl(2 * n));
    log(`${small.records} records in ${small.seconds.toFixed(2)} s; ${large.records} records in ${large.seconds.toFixed(2)} s`);
    const figures: BenchFigure[] = [
      { name: `read ${n} records`, value: small.records / small.seconds, unit: 'records/s' },
      { name: `read ${2 * n} records`, value: large.records / large.seconds, unit: 'records/s' },
      {
        name: 'time per record at 2N / at N',
        value: large.seconds / large.records / (small.seconds / small.records),
        unit: '',
        target: { op: '<=', value: 1.5 },
      },
    ];
    return figures;
  },
};

export default suite;
