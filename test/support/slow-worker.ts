// An understand worker that is busy for 300 ms on each chunk it claims, like a worker starved of
// CPU on a busy machine, then answers correctly; a chunk whose first text says "never" gets no
// answer at all, like a stuck worker. It follows the pool's claim protocol (see
// understand-worker.ts), so chunks it has not started can be taken back.
import { parentPort, workerData } from 'node:worker_threads';
import { understandJob, type UnderstandJob } from '../../src/core/pipeline.js';
import { redact } from '../../src/core/understand/redact.js';
import { loadTaxonomy } from '../../src/app/assets.js';
import { understanderFor } from '../../src/app/understander.js';

const deps = { redact, understand: understanderFor(loadTaxonomy()) };
const flags = (workerData as { flags: Int32Array }).flags;
const nap = new Int32Array(new SharedArrayBuffer(4));
parentPort?.on('message', (m: { id: number; flag: number; jobs: string }) => {
  if (Atomics.compareExchange(flags, m.flag, 0, 1) !== 0) {
    parentPort?.postMessage({ id: m.id, skipped: true });
    return;
  }
  const jobs = JSON.parse(m.jobs) as UnderstandJob[];
  if (jobs[0]?.text?.includes('never')) return;
  Atomics.wait(nap, 0, 0, 300);
  parentPort?.postMessage({ id: m.id, results: JSON.stringify(jobs.map((j) => understandJob(j, deps))) });
});
parentPort?.postMessage({ ready: true });
