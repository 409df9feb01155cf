import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  UnavailableError,
  type Bus,
  type BusBatch,
  type BusConsumer,
  type BusEvent,
  type ConsumerOptions,
} from '../../ports/bus.js';

export interface NatsBusOptions {
  /** JetStream stream name. */
  stream?: string;
  /** Subjects are `<prefix>.<partition>`; must not overlap another stream's subjects. */
  subjectPrefix?: string;
  /** Number of partitions (subjects) events are spread over by account. Fixed for a stream's life. */
  partitions?: number;
  /** Stream replicas: 1 on a single server, 3 on a production cluster. */
  replicas?: number;
  /** Time a worker has to ack before JetStream redelivers; kept alive while a batch is in work. */
  ackWaitMs?: number;
  /** Events handed out and not yet acked, over all workers of a consumer. */
  maxAckPending?: number;
  /** Window in which a second publish of the same eventId is dropped by the server. */
  duplicateWindowMs?: number;
  publishTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Publishes in flight per call: bounded so that a huge request cannot flood the connection. */
  publishConcurrency?: number;
  retryAfterSeconds?: number;
}

export const DEFAULT_STREAM = 'CHATSIGNAL_EVENTS';
export const DEFAULT_SUBJECT_PREFIX = 'chatsignal.events';
export const DEFAULT_PARTITIONS = 16;
export const DEFAULT_CONSUMER = 'chatsignal-workers';

/**
 * Partition of an account: FNV-1a (32 bit) of its UTF-8 bytes, modulo `partitions`. Stable across
 * processes and versions, so that every API node routes an account to the same subject.
 */
export function partitionOf(accountId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(accountId, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}

/**
 * NATS JetStream: one work-queue stream, subjects partitioned by account, publish answered only
 * after the JetStream ack (the event is on disk, on every replica), one durable pull consumer
 * that all workers share — JetStream hands each fetch whatever is pending, so adding or removing
 * a worker rebalances by itself.
 */
export class NatsBus implements Bus {
  readonly kind = 'nats';
  private connected = true;
  private readonly o: Required<NatsBusOptions>;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    opts: Required<NatsBusOptions>,
  ) {
    this.o = opts;
    void this.watchStatus();
  }

  static async connect(url: string, opts: NatsBusOptions = {}): Promise<NatsBus> {
    const o: Required<NatsBusOptions> = {
      stream: opts.stream ?? DEFAULT_STREAM,
      subjectPrefix: opts.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX,
      partitions: opts.partitions ?? DEFAULT_PARTITIONS,
      replicas: opts.replicas ?? 1,
      ackWaitMs: opts.ackWaitMs ?? 30_000,
      maxAckPending: opts.maxAckPending ?? 20_000,
      duplicateWindowMs: opts.duplicateWindowMs ?? 120_000,
      publishTimeoutMs: opts.publishTimeoutMs ?? 2_000,
      connectTimeoutMs: opts.connectTimeoutMs ?? 2_000,
      publishConcurrency: opts.publishConcurrency ?? 512,
      retryAfterSeconds: opts.retryAfterSeconds ?? 5,
    };
    if (!Number.isInteger(o.partitions) || o.partitions < 1)
      throw new Error('partitions must be a positive integer');
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: url.split(','),
        name: 'chatsignal',
        timeout: o.connectTimeoutMs,
        // Once connected, keep trying for ever: workers ride out a NATS restart.
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        pingInterval: 10_000,
        maxPingOut: 2,
      });
    } catch (err) {
      throw new UnavailableError(
        `NATS unreachable at ${url}: ${(err as Error).message}`,
        o.retryAfterSeconds,
      );
    }
    try {
      const jsm = await jetstreamManager(nc);
      const bus = new NatsBus(nc, jetstream(nc), jsm, o);
      await bus.ensureStream();
      return bus;
    } catch (err) {
      await nc.close().catch(() => {});
      throw err instanceof UnavailableError
        ? err
        : new UnavailableError(
            `NATS JetStream not usable at ${url}: ${(err as Error).message}`,
            o.retryAfterSeconds,
          );
    }
  }

  get streamName(): string {
    return this.o.stream;
  }

  subjectFor(accountId: string): string {
    return `${this.o.subjectPrefix}.${partitionOf(accountId, this.o.partitions)}`;
  }

  private async ensureStream(): Promise<void> {
    try {
      await this.jsm.streams.info(this.o.stream);
      return;
    } catch {
      // Not there yet: created below. A concurrent creator with the same config is fine.
    }
    try {
      await this.jsm.streams.add({
        name: this.o.stream,
        subjects: [`${this.o.subjectPrefix}.*`],
        // Work queue: an acked event is deleted; the stream holds only what still needs doing.
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        num_replicas: this.o.replicas,
        duplicate_window: nanos(this.o.duplicateWindowMs),
      });
    } catch (err) {
      // Lost a creation race: fine if the winner's stream is there now.
      await this.jsm.streams.info(this.o.stream).catch(() => {
        throw err;
      });
    }
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting' || s.type === 'staleConnection')
        this.connected = false;
      else if (s.type === 'reconnect') this.connected = true;
    }
  }

  private unavailable(why: string): UnavailableError {
    return new UnavailableError(`event bus unavailable: ${why}`, this.o.retryAfterSeconds);
  }

  async publish(events: readonly BusEvent[]): Promise<void> {
    // Fail fast: while the connection is down the client would buffer and the caller would wait
    // for a timeout; the API answers 503 at once and the client retries the same events later.
    if (!this.connected || this.nc.isClosed()) throw this.unavailable('not connected to NATS');
    let next = 0;
    let failure: unknown;
    const one = async (): Promise<void> => {
      while (failure === undefined && next < events.length) {
        const e = events[next++]!;
        try {
          await this.js.publish(this.subjectFor(e.accountId), JSON.stringify(e), {
            msgID: e.eventId,
            timeout: this.o.publishTimeoutMs,
          });
        } catch (err) {
          failure ??= err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.publishConcurrency, events.length) }, one));
    // SAFETY: one missing ack fails the whole call; the retry re-sends all, and msgID dedupe
    // plus the store's eventKey make the ones already accepted count once.
    if (failure !== undefined) throw this.unavailable((failure as Error).message);
  }

  async consumer(opts: ConsumerOptions = {}): Promise<BusConsumer> {
    const name = opts.name ?? DEFAULT_CONSUMER;
    const config = {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(this.o.ackWaitMs),
      max_ack_pending: this.o.maxAckPending,
      // Unlimited: an event is retried until some worker commits it; nothing is dropped.
      max_deliver: -1,
      filter_subject: `${this.o.subjectPrefix}.*`,
    };
    try {
      await this.jsm.consumers.add(this.o.stream, config);
    } catch (err) {
      // Already there with an older config (e.g. another ack wait): bring it in line.
      await this.jsm.consumers.update(this.o.stream, name, config).catch(() => {
        throw this.unavailable(`cannot create consumer ${name}: ${(err as Error).message}`);
      });
    }
    const c = await this.js.consumers.get(this.o.stream, name);
    return {
      fetch: async (max, waitMs) => {
        if (!this.connected) {
          await sleep(Math.min(waitMs, 500));
          throw this.unavailable('not connected to NATS');
        }
        const msgs: JsMsg[] = [];
        try {
          const it = await c.fetch({ max_messages: max, expires: Math.max(1_000, waitMs) });
          for await (const m of it) msgs.push(m);
        } catch (err) {
          // Events already handed to us are redelivered after ack wait; nothing to undo here.
          if (msgs.length === 0) throw this.unavailable((err as Error).message);
        }
        return msgs.length === 0 ? null : this.batch(msgs);
      },
      close: async () => {},
    };
  }

  private batch(msgs: JsMsg[]): BusBatch {
    const events: BusEvent[] = [];
    const good: JsMsg[] = [];
    for (const m of msgs) {
      try {
        const e = m.json<BusEvent>();
        if (typeof e?.eventId !== 'string' || typeof e.accountId !== 'string')
          throw new Error('not an event');
        events.push(e);
        good.push(m);
      } catch {
        // Not an event this code can ever read: terminate it rather than redeliver it for ever.
        m.term('not a chatsignal event');
      }
    }
    // Tells JetStream the batch is still in work, so a slow batch is not redelivered to another
    // worker while this one is committing it.
    const keepAlive = setInterval(
      () => {
        for (const m of good) m.working();
      },
      Math.max(250, this.o.ackWaitMs / 3),
    );
    keepAlive.unref();
    let settled = false;
    const settle = () => {
      clearInterval(keepAlive);
      if (settled) return false;
      settled = true;
      return true;
    };
    return {
      events,
      redelivered: good.filter((m) => m.redelivered).length,
      ack: async () => {
        if (!settle()) return;
        for (const m of good) m.ack();
        // A lost ack only means a redelivery, which the store skips by eventKey.
        await this.nc.flush().catch(() => {});
      },
      nak: async (delayMs) => {
        if (!settle()) return;
        for (const m of good) m.nak(delayMs);
        await this.nc.flush().catch(() => {});
      },
    };
  }

  /** Events in the stream not yet acked (work-queue retention deletes acked ones). */
  async pending(): Promise<number> {
    return (await this.jsm.streams.info(this.o.stream)).state.messages;
  }

  /** Deletes the stream and everything in it: for tests and benchmarks. */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.o.stream);
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain().catch(() => this.nc.close());
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
