// The real understand worker, except that it stops as soon as it is handed a chunk containing
// "CRASH-THE-UNDERSTAND-WORKER": what the pool and ingest do when a worker dies with work in hand.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (m: { jobs?: string }) => {
  if (m.jobs?.includes('CRASH-THE-UNDERSTAND-WORKER')) process.exit(7);
});
// Registered after the handler above, so that it never answers the chunk that crashes.
void import('../../src/app/understand-worker.js');
