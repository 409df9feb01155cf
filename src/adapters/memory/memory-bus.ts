import {
  UnavailableError,
  type Bus,
  type BusBatch,
  type BusConsumer,
  type BusEvent,
} from '../../ports/bus.js';

export interface MemoryBusOptions {
  /** Events waiting or in flight before publish answers 503: backpressure instead of unbounded memory. */
  maxQueued?: number;
  /** A batch neither acked nor nak'ed within this time is delivered again, as with NATS. */
  ackWaitMs?: number;
}

interface Entry {
  event: BusEvent;
  deliveries: number;
  notBefore: number;
}

/**
 * The embedded queue: same contract as NATS within one process (at-least-once, ack after
 * commit, nak for redelivery). What it cannot give is durability across a crash — embedded mode
 * commits to SQLite right after, so there is little in flight to lose.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory';
  private readonly maxQueued: number;
  private readonly ackWaitMs: number;
  private readonly ready: Entry[] = [];
  private readonly delayed = new Set<NodeJS.Timeout>();
  /** Ids queued or in flight: a second publish of the same event is dropped, as NATS does with msgID. */
  private readonly known = new Set<string>();
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(opts: MemoryBusOptions = {}) {
    this.maxQueued = opts.maxQueued ?? 100_000;
    this.ackWaitMs = opts.ackWaitMs ?? 60_000;
  }

  async publish(events: readonly BusEvent[]): Promise<void> {
    if (this.closed) throw new UnavailableError('the event bus is closed');
    const ids = new Set<string>();
    const fresh = events.filter((e) => {
      if (this.known.has(e.eventId) || ids.has(e.eventId)) return false;
      ids.add(e.eventId);
      return true;
    });
    // All or nothing, so that a 503 never leaves half of a request behind unannounced.
    if (this.known.size + fresh.length > this.maxQueued) {
      throw new UnavailableError(`the event queue is full (${this.maxQueued} events)`, 1);
    }
    for (const event of fresh) {
      this.known.add(event.eventId);
      this.ready.push({ event, deliveries: 0, notBefore: 0 });
    }
    this.wake();
  }

  async consumer(): Promise<BusConsumer> {
    return {
      fetch: (max, waitMs) => this.fetch(max, waitMs),
      close: async () => {},
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.delayed) clearTimeout(t);
    this.delayed.clear();
    this.wake();
  }

  /** Events waiting or in flight. */
  get pending(): number {
    return this.known.size;
  }

  private async fetch(max: number, waitMs: number): Promise<BusBatch | null> {
    const deadline = Date.now() + waitMs;
    while (this.ready.length === 0 && !this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (this.ready.length === 0) return null;
    const taken = this.ready.splice(0, max);
    for (const e of taken) e.deliveries++;
    let settled = false;
    const requeue = (delayMs: number) => {
      if (this.closed) return;
      const t = setTimeout(() => {
        this.delayed.delete(t);
        this.ready.push(...taken);
        this.wake();
      }, delayMs);
      this.delayed.add(t);
    };
    // A consumer that never settles (it crashed, or hangs) gives its events back.
    const expiry = setTimeout(() => {
      if (settled) return;
      settled = true;
      requeue(0);
    }, this.ackWaitMs);
    expiry.unref();
    const settle = () => {
      clearTimeout(expiry);
      if (settled) return false;
      settled = true;
      return true;
    };
    return {
      events: taken.map((e) => e.event),
      redelivered: taken.filter((e) => e.deliveries > 1).length,
      ack: async () => {
        // Late ack after expiry: the events are queued again and the store will skip them.
        if (settle()) for (const e of taken) this.known.delete(e.event.eventId);
      },
      nak: async (delayMs) => {
        if (settle()) requeue(delayMs);
      },
    };
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
