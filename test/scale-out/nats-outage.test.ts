import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NatsBus } from '../../src/adapters/nats/nats-bus.js';
import { isUnavailable, type BusEvent } from '../../src/ports/bus.js';
import { describeWithServers, natsReachable, NATS_URL, randomSuffix, waitFor } from '../support/servers.js';
import { makeAccounts, makeEvents } from './fixtures.js';

/**
 * A TCP proxy in front of the shared NATS server: cutting it makes NATS unreachable for this
 * test's client only, without stopping a server other tests and engineers use.
 */
class Proxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const up = tcpConnect(this.target.port, this.target.host);
      for (const s of [client, up]) {
        this.sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          up.destroy();
        });
      }
      client.pipe(up).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    for (const x of this.sockets) x.destroy();
    if (s) await new Promise((r) => s.close(r));
  }
}

const missing = await natsReachable();

describeWithServers('scale-out: NATS unreachable', [missing], () => {
  const target = new URL(NATS_URL);
  const proxy = new Proxy({ host: target.hostname, port: Number(target.port || 4222) });
  const id = randomSuffix();
  const opts = {
    stream: `CHATSIGNAL_TEST_${id}`,
    subjectPrefix: `chatsignal_test_${id}.events`,
    partitions: 4,
  };
  let bus: NatsBus;
  let direct: NatsBus;

  beforeAll(async () => {
    await proxy.open();
    bus = await NatsBus.connect(`nats://127.0.0.1:${proxy.port}`, { ...opts, publishTimeoutMs: 1_000 });
    direct = await NatsBus.connect(NATS_URL, opts);
  });

  afterAll(async () => {
    await proxy.cut();
    await direct?.deleteStream().catch(() => {});
    await direct?.close();
    await bus?.close().catch(() => {});
  });

  it('publish fails fast with a 503 + Retry-After error, and nothing acknowledged is lost', async () => {
    const accounts = makeAccounts(10, 'outage');
    const [a, b, c] = [
      makeEvents(300, accounts, 1, 'a'),
      makeEvents(2_000, accounts, 2, 'b'),
      makeEvents(50, accounts, 3, 'c'),
    ];
    const acked = new Set<string>();
    const publish = async (events: BusEvent[]) => {
      await bus.publish(events);
      for (const e of events) acked.add(e.eventId);
    };

    await publish(a);

    // The connection drops while a large publish is in flight: it either completes or fails as a whole.
    const inFlight = publish(b).then(
      () => 'acked' as const,
      (err: unknown) => err,
    );
    await new Promise((r) => setTimeout(r, 5));
    await proxy.cut();
    const bResult = await inFlight;
    if (bResult !== 'acked') expect(isUnavailable(bResult), String(bResult)).toBe(true);

    // While NATS is away: an immediate 503 the HTTP layer maps with Retry-After.
    await new Promise((r) => setTimeout(r, 200));
    const start = Date.now();
    const err = await publish(c).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - start).toBeLessThan(1_000);
    expect(err).toMatchObject({ status: 503, code: 'unavailable' });
    expect(isUnavailable(err) && err.retryAfterSeconds).toBeGreaterThan(0);

    // Back again: the client retries what was refused, as a 503 tells it to.
    await proxy.open();
    await waitFor(
      'publish to succeed after reconnect',
      () =>
        publish(c).then(
          () => true,
          () => false,
        ),
      15_000,
      250,
    );
    if (bResult !== 'acked') await publish(b);

    // Everything acknowledged is in the stream, each event once.
    const consumer = await direct.consumer({ name: 'outage-check' });
    const seen: string[] = [];
    await waitFor(
      'all acknowledged events',
      async () => {
        const batch = await consumer.fetch(1_000, 1_000);
        if (batch) {
          seen.push(...batch.events.map((e) => e.eventId));
          await batch.ack();
        }
        return seen.length >= acked.size;
      },
      20_000,
      0,
    );
    expect(acked.size).toBe(a.length + b.length + c.length);
    expect(new Set(seen)).toEqual(acked);
    expect(seen).toHaveLength(acked.size);
  }, 60_000);
});
