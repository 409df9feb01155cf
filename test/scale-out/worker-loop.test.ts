import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../src/adapters/memory/memory-bus.js';
import { Metrics } from '../../src/app/metrics.js';
import { runWorker } from '../../src/app/worker.js';
import { waitFor } from '../support/servers.js';

/** The loop alone, on the embedded bus with a fake ingest: no servers needed. */
describe('runWorker', () => {
  const events = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ eventId: `e${i}`, accountId: `a${i % 3}` }));

  it('ingests every event, acks after ingest, and stops on abort', async () => {
    const bus = new MemoryBus();
    await bus.publish(events(250));
    const seen: string[] = [];
    const app = {
      metrics: new Metrics(),
      ingest: async (raws: readonly unknown[]) => {
        // Not acked yet while ingest runs: the events are still pending on the bus.
        expect(bus.pending).toBeGreaterThanOrEqual(raws.length);
        seen.push(...raws.map((r) => (r as { eventId: string }).eventId));
        return { outcomes: [], counts: { kept: raws.length } };
      },
    };
    const stop = new AbortController();
    const done = runWorker(app, bus, { batchSize: 40, signal: stop.signal, waitMs: 50, concurrency: 3 });
    await waitFor('all events', async () => bus.pending === 0, 5_000, 10);
    stop.abort();
    const stats = await done;
    expect(new Set(seen).size).toBe(250);
    expect(seen).toHaveLength(250);
    expect(stats).toMatchObject({ events: 250, failures: 0, redelivered: 0 });
    expect(app.metrics.get('chatsignal_worker_events_total')).toBe(250);
    await bus.close();
  });

  it('naks a batch whose ingest failed, backs off, and succeeds on redelivery', async () => {
    const bus = new MemoryBus();
    await bus.publish(events(10));
    let calls = 0;
    const errors: unknown[] = [];
    const app = {
      metrics: new Metrics(),
      ingest: async (raws: readonly unknown[]) => {
        if (++calls <= 2) throw new Error('store unavailable');
        return { outcomes: [], counts: { kept: raws.length } };
      },
    };
    const stop = new AbortController();
    const done = runWorker(app, bus, {
      batchSize: 100,
      signal: stop.signal,
      waitMs: 50,
      concurrency: 1,
      minBackoffMs: 10,
      onError: (e) => errors.push(e),
    });
    await waitFor('redelivery to succeed', async () => bus.pending === 0, 5_000, 10);
    stop.abort();
    const stats = await done;
    expect(errors).toHaveLength(2);
    expect(stats).toMatchObject({ events: 10, failures: 2, redelivered: 10, batches: 1 });
    await bus.close();
  });

  it('returns promptly when aborted while idle', async () => {
    const bus = new MemoryBus();
    const stop = new AbortController();
    const app = { metrics: new Metrics(), ingest: async () => ({ outcomes: [], counts: {} }) };
    const done = runWorker(app, bus, { batchSize: 10, signal: stop.signal, waitMs: 200 });
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    stop.abort();
    await done;
    expect(Date.now() - t).toBeLessThan(1_000);
  });
});
