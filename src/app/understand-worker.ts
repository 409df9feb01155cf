import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { understandJob, type UnderstandJob } from '../core/pipeline.js';
import { redact } from '../core/understand/redact.js';
import { TOPICS } from '../demo/phrases.js';
import type { Understanding } from '../core/understand/types.js';
import { loadTaxonomy } from './assets.js';
import { understanderFor } from './understander.js';

/**
 * The entry of an understand worker thread (see understand-pool.ts): redact + understand, the
 * pure part of ingest, on another core. It builds the same understander the main thread uses
 * (`understanderFor`), so its answers are the ones inline processing would give.
 */

/**
 * Pool → worker: a chunk of jobs, as JSON (cheaper to move between threads than objects), and
 * the index of its claim flag in `workerData.flags` (memory shared with the pool).
 */
export interface ToWorker {
  id: number;
  flag: number;
  jobs: string;
}

/**
 * Worker → pool. Results travel as JSON, which the main thread parses in about half the time
 * it takes to deserialize the same objects; `understandings` (structured clone) is the exact
 * fallback for values JSON would change (-0, NaN, ±Infinity).
 */
export type FromWorker =
  | { ready: true }
  | { id: number; skipped: true }
  | { id: number; results: string }
  | { id: number; understandings: Understanding[] }
  | { id: number; error: string };

const port = parentPort;
if (port === null) throw new Error('understand-worker.ts runs as a worker thread of understand-pool.ts');

// The worker is for spare CPU. On Linux a nice value is per thread: at the lowest priority it
// yields to the main thread and to other processes, and the main thread runs queued chunks
// itself when the worker gets no CPU (see runQueued), so on a busy machine it cannot slow
// ingest down. Elsewhere the call would lower the whole process, so it is not made.
if (process.platform === 'linux') setPriority(19);

const deps = { redact, understand: understanderFor(loadTaxonomy()) };

/**
 * True when JSON carries `v` unchanged: plain objects, arrays, strings, booleans, null and
 * finite numbers other than -0 (JSON turns -0 into 0, NaN into null, drops undefined).
 */
function jsonExact(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!jsonExact(v[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return false;
      for (const k in v) if (!jsonExact((v as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Claim flags: 0 free, 1 run here, 2 taken back by the main thread (see understand-pool.ts). */
const flags = (workerData as { flags?: Int32Array } | null)?.flags;
const FREE = 0;
const CLAIMED = 1;

port.on('message', (m: ToWorker) => {
  // The main thread may have taken this chunk back while it waited here: it runs it, not us.
  if (flags !== undefined && Atomics.compareExchange(flags, m.flag, FREE, CLAIMED) !== FREE) {
    port.postMessage({ id: m.id, skipped: true } satisfies FromWorker);
    return;
  }
  let reply: FromWorker;
  try {
    const understandings = (JSON.parse(m.jobs) as UnderstandJob[]).map((j) => understandJob(j, deps));
    reply = jsonExact(understandings)
      ? { id: m.id, results: JSON.stringify(understandings) }
      : { id: m.id, understandings };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

/**
 * A fresh thread builds each language's tables on first use and runs the understander
 * interpreted at first, several times slower. Understanding the demo's phrases (every topic,
 * every language) twice before saying it is ready (about half a second, on a spare core) means
 * the first batches after a start do not wait on a cold worker.
 */
function warmUp(): void {
  for (let round = 0; round < 2; round++) {
    for (const topic of TOPICS) {
      for (const [lang, [phrases, scenes]] of Object.entries(topic.text)) {
        for (const text of `${phrases}|${scenes}`.split('|')) {
          understandJob({ text, localeHint: lang, surface: 'assistant_chat' }, deps);
        }
      }
      understandJob({ imageLabels: topic.labels.split(','), surface: 'glasses_image' }, deps);
    }
  }
}

warmUp();
port.postMessage({ ready: true } satisfies FromWorker);
