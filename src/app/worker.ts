import type { Bus, ConsumerOptions } from '../ports/bus.js';
import type { App } from './container.js';
import type { IngestReport } from './ingest.js';

export interface WorkerOptions {
  /** Events per fetch and per store transaction. */
  batchSize: number;
  /**
   * Batches in work at once in this process (default 2): while one waits for its PostgreSQL
   * commit, the next one is fetched and understood, so the core is not idle during I/O.
   */
  concurrency?: number;
  /** Stops the loop; the batch in hand is finished (committed and acked) first. */
  signal?: AbortSignal;
  /** How long one fetch waits for events before looking at `signal` again. */
  waitMs?: number;
  consumer?: ConsumerOptions;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Called after each committed and acked batch. */
  onBatch?: (report: WorkerBatchReport) => void;
  /** Called on each failed fetch or batch; the worker backs off and goes on. */
  onError?: (err: unknown) => void;
}

export interface WorkerBatchReport {
  events: number;
  redelivered: number;
  counts: IngestReport['counts'];
  ms: number;
}

export interface WorkerStats {
  batches: number;
  events: number;
  failures: number;
  redelivered: number;
}

/**
 * The scale-out ingest loop: fetch a batch, run it through `ingestBatch` (validate → gate →
 * redact → understand → signals, committed in one transaction, idempotent by eventKey), then ack.
 * Ack comes only after commit, so a crash anywhere means redelivery, and redelivery means
 * "duplicate" outcomes, never double counting. Returns when `signal` aborts.
 */
export async function runWorker(
  app: Pick<App, 'ingest' | 'metrics'>,
  bus: Bus,
  opts: WorkerOptions,
): Promise<WorkerStats> {
  const waitMs = opts.waitMs ?? 1_000;
  const minBackoff = opts.minBackoffMs ?? 200;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const stats: WorkerStats = { batches: 0, events: 0, failures: 0, redelivered: 0 };
  const consumer = await bus.consumer(opts.consumer);
  // Shared by the loops: one failing batch slows all of them down, as it should when the store is away.
  let backoff = minBackoff;
  const failed = async (err: unknown) => {
    stats.failures++;
    app.metrics.inc('chatsignal_worker_failures_total', 'Failed worker fetches or batches');
    opts.onError?.(err);
    const wait = backoff;
    backoff = Math.min(maxBackoff, backoff * 2);
    await sleep(wait, opts.signal);
  };
  const loop = async () => {
    while (!opts.signal?.aborted) {
      let batch;
      try {
        batch = await consumer.fetch(opts.batchSize, waitMs);
      } catch (err) {
        await failed(err);
        continue;
      }
      if (batch === null) continue;
      const started = performance.now();
      try {
        const report = await app.ingest(batch.events);
        await batch.ack();
        backoff = minBackoff;
        stats.batches++;
        stats.events += batch.events.length;
        stats.redelivered += batch.redelivered;
        app.metrics.inc('chatsignal_worker_batches_total', 'Batches committed and acked by workers');
        app.metrics.inc(
          'chatsignal_worker_events_total',
          'Events handled by workers',
          {},
          batch.events.length,
        );
        app.metrics.inc(
          'chatsignal_worker_redelivered_total',
          'Events delivered more than once',
          {},
          batch.redelivered,
        );
        opts.onBatch?.({
          events: batch.events.length,
          redelivered: batch.redelivered,
          counts: report.counts,
          ms: performance.now() - started,
        });
      } catch (err) {
        // The store retried already; hand the events back and let this or another worker try later.
        await batch.nak(backoff).catch(() => {});
        await failed(err);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, loop));
  } finally {
    await consumer.close();
  }
  return stats;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
