import { afterAll, beforeAll, expect, it } from 'vitest';
import { NatsBus } from '../../src/adapters/nats/nats-bus.js';
import { PostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import {
  createTestDatabase,
  describeWithServers,
  natsReachable,
  NATS_URL,
  pgQuery,
  postgresReachable,
  randomSuffix,
} from '../support/servers.js';
import { makeAccounts, makeEvents } from './fixtures.js';
import { expectSameResult, referenceRun, snapshot, spawnWorker, waitFor, type Child } from './harness.js';

const missing = await Promise.all([postgresReachable(), natsReachable()]);

describeWithServers('scale-out: a worker killed with SIGKILL', missing, () => {
  const accounts = makeAccounts(40);
  const events = makeEvents(3_000, accounts, 7);
  const id = randomSuffix();
  const streamOpts = {
    stream: `CHATSIGNAL_TEST_${id}`,
    subjectPrefix: `chatsignal_test_${id}.events`,
    partitions: 4,
    ackWaitMs: 2_000,
  };
  let db: { url: string; drop: () => Promise<void> };
  let bus: NatsBus;
  let store: PostgresStore;
  const children: Child[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await PostgresStore.connect(db.url);
    for (const a of accounts) await store.upsertAccount(a);
    bus = await NatsBus.connect(NATS_URL, streamOpts);
  });

  afterAll(async () => {
    for (const c of children)
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await bus?.deleteStream().catch(() => {});
    await bus?.close();
    await store?.close();
    await db?.drop();
  });

  const audited = async () => Number((await pgQuery(db.url, 'SELECT COUNT(*) AS n FROM audit')).rows[0].n);

  const worker = (extra: Record<string, string> = {}) => {
    const c = spawnWorker({
      CHATSIGNAL_STORE: db.url,
      CHATSIGNAL_BUS: NATS_URL,
      CHATSIGNAL_STREAM: streamOpts.stream,
      CHATSIGNAL_PARTITIONS: String(streamOpts.partitions),
      CHATSIGNAL_BATCH_SIZE: '100',
      CHATSIGNAL_TEST_SUBJECT_PREFIX: streamOpts.subjectPrefix,
      CHATSIGNAL_TEST_ACK_WAIT_MS: String(streamOpts.ackWaitMs),
      ...extra,
    });
    children.push(c);
    return c;
  };

  it('loses nothing and counts nothing twice; profiles equal a single-process run', async () => {
    await bus.publish(events);
    // The same request again (a client retry): the server drops it by msgID.
    await bus.publish(events.slice(0, 200));
    expect(await bus.pending()).toBe(events.length);

    // Two workers at once (starting one takes seconds; the clean reference run goes meanwhile):
    // a dies right after its 2nd commit, before the ack — the store has the batch, the bus does not know;
    // b is killed from outside while it works, wherever it is.
    const a = worker({ CHATSIGNAL_TEST_CRASH_AFTER_COMMITS: '2' });
    const b = worker({ CHATSIGNAL_TEST_WAIT_FOR_GO: '1' });
    const expected = await referenceRun(accounts, events);
    const total = Object.values(expected.outcomes).reduce((n, x) => n + x, 0);

    expect(await a.exited, a.output()).toEqual({ code: null, signal: 'SIGKILL' });
    await b.ready;
    b.go();
    await waitFor('worker b to be well under way', async () => (await audited()) >= total / 2, 60_000, 10);
    b.proc.kill('SIGKILL');
    expect((await b.exited).signal).toBe('SIGKILL');
    const afterKill = await audited();
    expect(afterKill).toBeLessThan(total);
    // Never acked before committed: whatever is not in the store is still in the stream.
    expect(await bus.pending()).toBeGreaterThanOrEqual(events.length - afterKill);

    // Restarted: it finishes the job, redeliveries included.
    const c = worker();
    await waitFor(
      'every event to be committed and acked',
      async () => (await audited()) === total && (await bus.pending()) === 0,
      60_000,
      200,
    );
    c.proc.kill('SIGTERM');
    expect((await c.exited).code, c.output()).toBe(0);
    const stats = JSON.parse(/stats (.*)/.exec(c.output())?.[1] ?? '{}') as {
      events?: number;
      redelivered?: number;
    };
    expect(stats.redelivered, c.output()).toBeGreaterThan(0);

    expectSameResult(await snapshot(store, accounts), expected);
  }, 120_000);
});
