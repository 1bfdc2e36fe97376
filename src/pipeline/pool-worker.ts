/**
 * The entry of ingest's worker threads (started by `pool.ts`): builds the pure stages once from
 * the options it was started with, then answers each chunk of documents with what each became,
 * or null for one whose stages threw (the pool processes that one again in its own thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentProcessor } from './process.js';
import type { PoolRequest, PoolResponse, PoolResult, PoolStageOptions } from './pool.js';

const { stages } = workerData as { readonly stages: PoolStageOptions };
const port = parentPort!;
const processDocument = createDocumentProcessor(stages);

port.on('message', (request: PoolRequest) => {
  const results: PoolResult[] = request.docs.map((doc) => {
    try {
      const { documentMessages, articles } = processDocument(doc);
      return { documentMessages, articles };
    } catch {
      return null;
    }
  });
  const response: PoolResponse = { id: request.id, results };
  port.postMessage(response);
});
