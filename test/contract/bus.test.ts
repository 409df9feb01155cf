import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../../src/adapters/memory/memory-bus.js';
import { NatsBus, partitionOf } from '../../src/adapters/nats/nats-bus.js';
import { openBus } from '../../src/app/open-bus.js';
import { describeWithServers, natsReachable, NATS_URL, randomSuffix } from '../support/servers.js';
import { busEvent, runBusContract } from './bus-contract.js';

runBusContract('memory', async () => {
  const bus = new MemoryBus({ ackWaitMs: 1_000 });
  return { bus, ackWaitMs: 1_000, cleanup: () => bus.close() };
});

describe('memory bus specifics', () => {
  it('answers 503 when the queue is full, and takes nothing of that request', async () => {
    const bus = new MemoryBus({ maxQueued: 3 });
    await bus.publish([busEvent(1), busEvent(2)]);
    await expect(bus.publish([busEvent(3), busEvent(4)])).rejects.toMatchObject({ status: 503 });
    expect(bus.pending).toBe(2);
    await bus.close();
  });

  it('is what openBus gives for "memory"', async () => {
    const bus = await openBus('memory');
    expect(bus.kind).toBe('memory');
    await bus.close();
  });
});

describe('partitionOf', () => {
  it('is stable and spreads accounts over all partitions', () => {
    expect(partitionOf('acct-1', 16)).toBe(partitionOf('acct-1', 16));
    const seen = new Set(Array.from({ length: 1000 }, (_, i) => partitionOf(`acct-${i}`, 16)));
    expect(seen.size).toBe(16);
    for (let i = 0; i < 100; i++) expect(partitionOf(`x${i}`, 7)).toBeLessThan(7);
  });
});

const missing = await natsReachable();

describeWithServers('nats', [missing], () => {
  runBusContract('nats', async () => {
    const id = randomSuffix();
    const bus = await NatsBus.connect(NATS_URL, {
      stream: `CHATSIGNAL_TEST_${id}`,
      subjectPrefix: `chatsignal_test_${id}.events`,
      partitions: 4,
      ackWaitMs: 1_000,
    });
    return {
      bus,
      ackWaitMs: 1_000,
      cleanup: async () => {
        const admin = await NatsBus.connect(NATS_URL, {
          stream: `CHATSIGNAL_TEST_${id}`,
          subjectPrefix: `chatsignal_test_${id}.events`,
        });
        await admin.deleteStream();
        await admin.close();
        await bus.close();
      },
    };
  });

  describe('nats specifics', () => {
    it('routes every event of an account to the subject of its partition', async () => {
      const id = randomSuffix();
      const bus = await NatsBus.connect(NATS_URL, {
        stream: `CHATSIGNAL_TEST_${id}`,
        subjectPrefix: `t_${id}.ev`,
        partitions: 8,
      });
      try {
        expect(bus.subjectFor('acct-42')).toBe(`t_${id}.ev.${partitionOf('acct-42', 8)}`);
        await bus.publish([busEvent(1, 'acct-42'), busEvent(2, 'acct-42')]);
        expect(await bus.pending()).toBe(2);
      } finally {
        await bus.deleteStream();
        await bus.close();
      }
    });

    it('fails fast with 503 when NATS cannot be reached', async () => {
      const start = Date.now();
      await expect(openBus('nats://127.0.0.1:1', { connectTimeoutMs: 1_000 })).rejects.toMatchObject({
        status: 503,
        code: 'unavailable',
      });
      expect(Date.now() - start).toBeLessThan(3_000);
    });
  });
});

describe('enqueueEvents (API side of scale-out)', () => {
  it('publishes valid events once, reports invalid ones by path, and maps a full bus to 503', async () => {
    const { enqueueEvents } = await import('../../src/app/enqueue.js');
    const { Metrics } = await import('../../src/app/metrics.js');
    const bus = new MemoryBus({ maxQueued: 3 });
    const metrics = new Metrics();
    const r = await enqueueEvents(
      [busEvent(1), { eventId: 'bad', accountId: 'x' }, busEvent(1), busEvent(2)],
      bus,
      metrics,
      'events',
    );
    expect(r.queued).toBe(2);
    expect(r.counts).toEqual({ queued: 2, invalid: 1 });
    expect(r.invalid).toHaveLength(1);
    expect(r.invalid[0]).toMatchObject({ index: 1, eventId: 'bad', decision: { kind: 'invalid' } });
    expect(JSON.stringify(r.invalid[0]?.decision)).toContain('events[1]');
    expect(bus.pending).toBe(2);
    await expect(enqueueEvents([busEvent(3), busEvent(4)], bus, metrics)).rejects.toMatchObject({
      status: 503,
      code: 'unavailable',
      retryAfterSeconds: 1,
    });
    await bus.close();
  });
});
