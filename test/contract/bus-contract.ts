import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusBatch, BusConsumer, BusEvent } from '../../src/ports/bus.js';

export interface BusUnderTest {
  bus: Bus;
  /** Ack wait the bus was opened with: an unsettled batch comes back after it. */
  ackWaitMs: number;
  cleanup(): Promise<void>;
}

export function busEvent(i: number, accountId = `acct-${i % 7}`): BusEvent {
  return {
    eventId: `ev-${i}`,
    accountId,
    occurredAt: '2026-01-05T10:00:00Z',
    surface: 'assistant_chat',
    app: 'whatsapp',
    text: `I went hiking again, number ${i} — “ünïcödé” ok`,
    region: 'US',
  };
}

/** Fetches until `n` events came or `ms` passed, acking each batch. */
async function drain(c: BusConsumer, n: number, ms = 10_000): Promise<BusEvent[]> {
  const out: BusEvent[] = [];
  const end = Date.now() + ms;
  while (out.length < n && Date.now() < end) {
    const b = await c.fetch(Math.min(500, n - out.length), 1_000);
    if (!b) continue;
    out.push(...b.events);
    await b.ack();
  }
  return out;
}

async function fetchOne(c: BusConsumer, max: number, ms = 10_000): Promise<BusBatch> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const b = await c.fetch(max, 1_000);
    if (b) return b;
  }
  throw new Error('no batch came');
}

const ids = (es: readonly BusEvent[]) => es.map((e) => e.eventId).sort();

/** The behaviour every Bus must have; registered unchanged for memory and NATS. */
export function runBusContract(name: string, makeBus: () => Promise<BusUnderTest>): void {
  describe(`Bus contract: ${name}`, () => {
    let t: BusUnderTest;
    beforeEach(async () => {
      t = await makeBus();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('delivers published events unchanged, and not again once acked', async () => {
      const events = [0, 1, 2, 3, 4].map((i) => busEvent(i));
      await t.bus.publish(events);
      const c = await t.bus.consumer();
      const got = await drain(c, 5);
      expect([...got].sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(events);
      expect(await c.fetch(10, 1_000)).toBeNull();
      await c.close();
    });

    it('accepts an empty publish', async () => {
      await t.bus.publish([]);
      const c = await t.bus.consumer();
      expect(await c.fetch(10, 1_000)).toBeNull();
    });

    it('returns null after waiting when there is nothing to do', async () => {
      const c = await t.bus.consumer();
      const start = Date.now();
      expect(await c.fetch(10, 1_000)).toBeNull();
      expect(Date.now() - start).toBeLessThan(4_000);
    });

    it('gives at most `max` events per batch', async () => {
      await t.bus.publish(Array.from({ length: 30 }, (_, i) => busEvent(i)));
      const c = await t.bus.consumer();
      const b = await fetchOne(c, 10);
      expect(b.events.length).toBeGreaterThan(0);
      expect(b.events.length).toBeLessThanOrEqual(10);
      await b.ack();
      expect(ids(await drain(c, 30 - b.events.length))).toHaveLength(30 - b.events.length);
    });

    it('drops a second publish of the same eventId', async () => {
      await t.bus.publish([busEvent(1), busEvent(2)]);
      await t.bus.publish([busEvent(2), busEvent(3), busEvent(3)]);
      const c = await t.bus.consumer();
      expect(ids(await drain(c, 3))).toEqual(['ev-1', 'ev-2', 'ev-3']);
      expect(await c.fetch(10, 1_000)).toBeNull();
    });

    it("redelivers nak'ed events after the delay, marked as redelivered", async () => {
      await t.bus.publish([busEvent(1), busEvent(2)]);
      const c = await t.bus.consumer();
      const first = await fetchOne(c, 10);
      const firstIds = ids(first.events);
      expect(first.redelivered).toBe(0);
      await first.nak(100);
      await first.ack(); // settling twice is a no-op
      const again: BusEvent[] = [];
      let redelivered = 0;
      const end = Date.now() + 10_000;
      while (again.length < firstIds.length && Date.now() < end) {
        const b = await c.fetch(10, 1_000);
        if (!b) continue;
        again.push(...b.events);
        redelivered += b.redelivered;
        await b.ack();
      }
      expect(ids(again)).toEqual(firstIds);
      expect(redelivered).toBeGreaterThan(0);
    });

    it('redelivers a batch nobody settled once the ack wait is over (a worker died)', async () => {
      await t.bus.publish([busEvent(7)]);
      const c = await t.bus.consumer();
      const lost = await fetchOne(c, 10);
      expect(ids(lost.events)).toEqual(['ev-7']);
      // No ack, no nak: as if the process had been killed.
      const start = Date.now();
      const again = await fetchOne(c, 10, t.ackWaitMs + 10_000);
      expect(ids(again.events)).toEqual(['ev-7']);
      expect(again.redelivered).toBe(1);
      expect(Date.now() - start).toBeGreaterThanOrEqual(t.ackWaitMs - 300);
      await again.ack();
    });

    it('splits events between workers sharing the consumer, each exactly once', async () => {
      const n = 600;
      await t.bus.publish(Array.from({ length: n }, (_, i) => busEvent(i)));
      const [c1, c2] = await Promise.all([t.bus.consumer(), t.bus.consumer()]);
      const got: BusEvent[] = [];
      const end = Date.now() + 15_000;
      const work = async (c: BusConsumer) => {
        let mine = 0;
        while (got.length < n && Date.now() < end) {
          const b = await c.fetch(50, 1_000);
          if (!b) continue;
          got.push(...b.events);
          mine += b.events.length;
          await b.ack();
        }
        return mine;
      };
      const [m1, m2] = await Promise.all([work(c1!), work(c2!)]);
      expect(got).toHaveLength(n);
      expect(new Set(got.map((e) => e.eventId)).size).toBe(n);
      expect(m1 + m2).toBe(n);
    });

    it('fails with a 503-mappable error once closed', async () => {
      await t.bus.close();
      await expect(t.bus.publish([busEvent(1)])).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    });
  });
}
