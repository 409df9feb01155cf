import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors.js';
import type { UnderstandJob } from '../core/pipeline.js';
import type { Understanding } from '../core/understand/types.js';
import type { FromWorker, ToWorker } from './understand-worker.js';

/**
 * Worker threads for the pure part of ingest (redact + understand), so that it runs on another
 * core while the main thread reads the store, gates and commits. The main thread decides what
 * reaches a worker (only events the gate let through) and what is done with the answer; a
 * worker never sees an account or the store.
 *
 * Chunks are posted to a worker as soon as they are submitted, so it stays busy while the main
 * thread is in a long synchronous commit. A caller with nothing else to do can take back a
 * chunk the worker has not started (`runQueued`): each chunk has a flag in memory shared with
 * the worker, and whichever thread claims it first (an atomic compare-and-swap) runs it, so no
 * chunk runs twice or not at all. When the other cores are busy (a shared machine), work is
 * then not left waiting for a worker that gets no CPU, and throughput stays near inline.
 *
 * Workers start on first use: until one is ready, `submit` returns undefined and the caller
 * understands inline, with the same result. A worker that stops fails the chunks it holds with
 * a 503 AppError (that batch is not committed; retrying it is safe, ingest is idempotent) and
 * is replaced.
 */

export interface UnderstandPoolOptions {
  threads: number;
  /** The worker's code (.js, or .ts run through tsx); next to this module by default. */
  entry?: URL;
  /** Told about every worker that stopped or failed to start (metrics, logs). */
  onWorkerFailure?: (err: AppError) => void;
  /** A worker that holds work and answers nothing for this long is stopped; 60 s by default. */
  answerTimeoutMs?: number;
}

/** Consecutive workers that die before they are ready, after which the pool stops trying. */
const MAX_FAILED_STARTS = 3;
/** Chunks a worker may hold at once (one claim flag each); more wait on the main thread. */
const FLAGS = 256;
/** Claim flag values, shared with understand-worker.ts. */
const FREE = 0;
const TAKEN_BACK = 2;

interface Chunk {
  jobs: readonly UnderstandJob[];
  resolve: (u: Understanding[]) => void;
  reject: (err: Error) => void;
}

interface Sent {
  chunk: Chunk;
  flag: number;
  /** Run by a caller (`runQueued`): the worker's "skipped" reply only frees the flag. */
  takenBack: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** One Int32 per chunk in the worker's hands: FREE, then claimed by the worker or taken back. */
  flags: Int32Array;
  freeFlags: number[];
  /** Chunks posted and not answered, by message id, oldest first. */
  sent: Map<number, Sent>;
  /** Fires when a worker holding work stays silent for answerTimeoutMs. */
  watchdog?: NodeJS.Timeout | undefined;
  /** The worker's last uncaught error, to say why it stopped. */
  error?: Error;
}

export class UnderstandPool {
  readonly threads: number;
  private readonly entry: () => URL;
  private readonly onWorkerFailure: (err: AppError) => void;
  private readonly answerTimeoutMs: number;
  private readonly slots = new Set<Slot>();
  /** Chunks no worker could take yet (all flags in use, or no worker ready any more). */
  private readonly queue: Chunk[] = [];
  private nextId = 1;
  private closed = false;
  private failedStarts = 0;
  private readyWaiters: (() => void)[] = [];
  private activityWaiters: (() => void)[] = [];
  /** Jobs answered by a worker, and the last failure: for metrics and tests. */
  pooledJobs = 0;
  lastFailure: AppError | undefined;

  constructor(opts: UnderstandPoolOptions) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1) {
      throw new AppError(500, 'internal', `an understand pool needs at least 1 thread, not ${opts.threads}`);
    }
    this.threads = opts.threads;
    const entry = opts.entry;
    this.entry = entry ? () => entry : defaultEntry;
    this.onWorkerFailure = opts.onWorkerFailure ?? (() => {});
    this.answerTimeoutMs = opts.answerTimeoutMs ?? 60_000;
  }

  /** True once every worker is ready to take work. */
  get ready(): boolean {
    return this.readyCount() === this.threads;
  }

  /**
   * Starts the workers if they are not running and resolves when all of them are ready (or the
   * pool gave up on starting them: then callers keep understanding inline).
   */
  start(): Promise<void> {
    this.spawnMissing();
    if (this.ready || this.gaveUp() || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * Hands a chunk to the workers. Undefined when no worker is ready (the first call starts
   * them): the caller then understands the chunk itself.
   */
  submit(jobs: readonly UnderstandJob[]): Promise<Understanding[]> | undefined {
    if (this.closed) return undefined;
    this.spawnMissing();
    if (this.readyCount() === 0) return undefined;
    return new Promise<Understanding[]>((resolve, reject) => {
      this.queue.push({ jobs, resolve, reject });
      this.dispatch();
      this.notify();
    });
  }

  /**
   * Runs on the calling thread, with `inline` (the same redact + understand), one chunk that no
   * worker has started: the most recent one, since workers take the oldest first. For a caller
   * that would otherwise wait. False when there is none.
   */
  runQueued(inline: (jobs: readonly UnderstandJob[]) => Understanding[]): boolean {
    const chunk = this.queue.pop() ?? this.takeBack();
    if (chunk === undefined) return false;
    try {
      chunk.resolve(inline(chunk.jobs));
    } catch (err) {
      chunk.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return true;
  }

  /** Resolves at the next change a waiting caller may act on: an answer, a new chunk, a stop. */
  activity(): Promise<void> {
    return new Promise((resolve) => this.activityWaiters.push(resolve));
  }

  /** Fails what is queued or in flight and stops every worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = [...this.slots];
    this.slots.clear();
    const err = unavailable('the app is closing');
    for (const s of slots) this.failSent(s, err);
    for (const c of this.queue.splice(0)) c.reject(err);
    this.wakeReadyWaiters();
    this.notify();
    // Referenced until they have stopped: an unreferenced worker's exit would not keep the
    // event loop alive, and whoever awaits close() would never resume.
    for (const s of slots) s.worker.ref();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private readyCount(): number {
    let n = 0;
    for (const s of this.slots) if (s.ready) n++;
    return n;
  }

  private gaveUp(): boolean {
    return this.failedStarts >= MAX_FAILED_STARTS;
  }

  /** Posts queued chunks, oldest first, each to the ready worker holding the fewest. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) {
        if (s.ready && s.freeFlags.length > 0 && (slot === undefined || s.sent.size < slot.sent.size))
          slot = s;
      }
      if (slot === undefined) return;
      const chunk = this.queue.shift()!;
      const id = this.nextId++;
      const flag = slot.freeFlags.pop()!;
      Atomics.store(slot.flags, flag, FREE);
      slot.sent.set(id, { chunk, flag, takenBack: false });
      if (slot.sent.size === 1) {
        // Referenced only while it holds work: an idle worker must not keep a command alive.
        slot.worker.ref();
        this.armWatchdog(slot);
      }
      slot.worker.postMessage({ id, flag, jobs: JSON.stringify(chunk.jobs) } satisfies ToWorker);
    }
  }

  /** The most recently posted chunk that no worker has started, claimed for the caller. */
  private takeBack(): Chunk | undefined {
    for (const slot of this.slots) {
      for (const sent of [...slot.sent.values()].reverse()) {
        if (sent.takenBack) continue;
        // SAFETY: exactly one thread wins the flag; the worker skips a chunk taken back.
        if (Atomics.compareExchange(slot.flags, sent.flag, FREE, TAKEN_BACK) !== FREE) continue;
        sent.takenBack = true;
        return sent.chunk;
      }
    }
    return undefined;
  }

  /**
   * A chunk takes milliseconds; a worker holding work and silent for answerTimeoutMs is stuck
   * (its loop never returns): stopping it fails its chunks with a clear error, not a hang.
   */
  private armWatchdog(slot: Slot): void {
    clearTimeout(slot.watchdog);
    slot.watchdog = setTimeout(() => {
      slot.error = new Error(`no answer in ${this.answerTimeoutMs} ms`);
      void slot.worker.terminate();
    }, this.answerTimeoutMs);
    slot.watchdog.unref();
  }

  private notify(): void {
    const ws = this.activityWaiters;
    this.activityWaiters = [];
    for (const w of ws) w();
  }

  private spawnMissing(): void {
    if (this.closed || this.gaveUp()) return;
    while (this.slots.size < this.threads) {
      try {
        this.spawn();
      } catch (err) {
        // The entry could not be found or loaded: counted like a worker that died at start.
        this.failed(
          unavailable(`an understand worker thread could not start: ${(err as Error).message}`),
          false,
        );
        if (this.gaveUp()) return;
      }
    }
  }

  private spawn(): void {
    const flags = new Int32Array(new SharedArrayBuffer(FLAGS * Int32Array.BYTES_PER_ELEMENT));
    const worker = startWorker(this.entry(), flags);
    // Referenced while it starts (someone may be waiting in start()), then only while it works.
    const slot: Slot = {
      worker,
      ready: false,
      flags,
      freeFlags: Array.from({ length: FLAGS }, (_, i) => FLAGS - 1 - i),
      sent: new Map(),
    };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (err) => {
      slot.error = err;
    });
    worker.on('messageerror', (err) => {
      slot.error = err;
      void worker.terminate();
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (!this.slots.has(slot)) return; // closed, or stopped after this was sent
    if ('ready' in m) {
      slot.ready = true;
      slot.worker.unref();
      this.failedStarts = 0;
      if (this.ready) this.wakeReadyWaiters();
      this.dispatch();
      return;
    }
    const sent = slot.sent.get(m.id);
    if (sent === undefined) return;
    slot.sent.delete(m.id);
    // The worker is done with the flag (it ran the chunk or skipped it): it can be used again.
    slot.freeFlags.push(sent.flag);
    if (slot.sent.size === 0) {
      clearTimeout(slot.watchdog);
      slot.worker.unref();
    } else {
      this.armWatchdog(slot);
    }
    if (!sent.takenBack) this.answer(sent.chunk, m);
    this.dispatch();
    this.notify();
  }

  private answer(chunk: Chunk, m: Exclude<FromWorker, { ready: true }>): void {
    if ('skipped' in m) {
      // SAFETY: a worker skips only chunks taken back; any other skip is a fault, not a pass.
      chunk.reject(new AppError(500, 'internal', 'a worker thread skipped a chunk it was given'));
      return;
    }
    if ('error' in m) {
      chunk.reject(new AppError(500, 'internal', `understanding failed in a worker thread: ${m.error}`));
      return;
    }
    let out: Understanding[];
    try {
      out = 'results' in m ? (JSON.parse(m.results) as Understanding[]) : m.understandings;
    } catch (err) {
      chunk.reject(
        new AppError(500, 'internal', `unreadable answer from a worker thread: ${(err as Error).message}`),
      );
      return;
    }
    // SAFETY: an answer that does not match the chunk is not used at all.
    if (!Array.isArray(out) || out.length !== chunk.jobs.length) {
      chunk.reject(
        new AppError(500, 'internal', 'a worker thread answered with the wrong number of results'),
      );
      return;
    }
    this.pooledJobs += out.length;
    chunk.resolve(out);
  }

  private onExit(slot: Slot, code: number): void {
    if (!this.slots.delete(slot)) return; // closed: close() failed its work already
    const why = slot.error ? slot.error.message : `exit code ${code}`;
    const err = unavailable(
      slot.ready
        ? `an understand worker thread stopped (${why}); its events were not committed: send them again`
        : `an understand worker thread could not start (${why})`,
    );
    this.failSent(slot, err);
    this.failed(err, slot.ready);
    // A replacement starts now, so that it is warm by the next batch. Chunks queued here go to
    // it or to a caller.
    this.spawnMissing();
    if (this.slots.size === 0) {
      // No worker will come back (see MAX_FAILED_STARTS): what is queued fails rather than waits.
      for (const c of this.queue.splice(0)) c.reject(err);
      this.wakeReadyWaiters();
    }
    this.notify();
  }

  /** Fails the chunks a worker held, except those a caller took back (they are answered). */
  private failSent(slot: Slot, err: AppError): void {
    clearTimeout(slot.watchdog);
    for (const sent of slot.sent.values()) if (!sent.takenBack) sent.chunk.reject(err);
    slot.sent.clear();
  }

  private failed(err: AppError, wasReady: boolean): void {
    if (!wasReady) this.failedStarts++;
    this.lastFailure = err;
    this.onWorkerFailure(err);
  }

  private wakeReadyWaiters(): void {
    const ws = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of ws) w();
  }
}

const unavailable = (message: string) => new AppError(503, 'unavailable', message);

/**
 * The worker's code, wherever this module runs from: built (dist/, where tsup puts
 * understand-worker.js at the top and this module in a chunk beside it or in cli/), or from
 * source under tsx or vitest.
 */
function defaultEntry(): URL {
  const here = import.meta.url;
  for (const rel of ['./understand-worker.js', '../understand-worker.js', './understand-worker.ts']) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error(
    `understand-worker.js is missing next to ${fileURLToPath(here)}: rebuild (npm run build) or set CHATSIGNAL_UNDERSTAND_THREADS=0`,
  );
}

/**
 * A worker thread does not inherit the TypeScript loader of tsx or vitest (and tsx's `--import`
 * hook skips worker threads), so a .ts entry is imported by a small bootstrap that registers
 * tsx's ESM hooks in the thread first. tsx is a devDependency: only source runs need it.
 */
const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

function startWorker(entry: URL, flags: Int32Array): Worker {
  const name = 'chatsignal-understand';
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { name, workerData: { flags } });
  return new Worker(TS_BOOTSTRAP, {
    name,
    eval: true,
    workerData: { flags, tsxApi: tsxEsmApi(), entry: entry.href },
  });
}

/** The ESM entry of `tsx/esm/api`, found through tsx's own exports map. */
function tsxEsmApi(): string {
  const pkgFile = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  const target = pkg.exports['./esm/api']?.import?.default;
  if (target === undefined) throw new Error(`no "./esm/api" import entry in ${pkgFile}`);
  return pathToFileURL(join(dirname(pkgFile), target)).href;
}
