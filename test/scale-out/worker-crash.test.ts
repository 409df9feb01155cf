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
  const events = makeEvents(1_500, accounts, 7);
  const id = randomSuffix();
  const streamOpts = { stream: `CHATSIGNAL_TEST_${id}`, subjectPrefix: `chatsignal_test_${id}.events`, partitions: 4, ackWaitMs: 2_000 };
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
    for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
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
    const expected = await referenceRun(accounts, events);
    const total = Object.values(expected.outcomes).reduce((a, b) => a + b, 0);

    await bus.publish(events);
    // The same request again (a client retry): the server drops it by msgID.
    await bus.publish(events.slice(0, 200));
    expect(await bus.pending()).toBe(events.length);

    // 1. Dies right after its 2nd commit, before the ack: those 200 events come back.
    const a = worker({ CHATSIGNAL_TEST_CRASH_AFTER_COMMITS: '2' });
    expect(await a.exited, a.output()).toEqual({ code: null, signal: 'SIGKILL' });
    const afterA = await audited();
    expect(afterA).toBeGreaterThanOrEqual(200);
    expect(await bus.pending()).toBe(events.length);

    // 2. Killed from outside while it works, wherever it is.
    const b = worker();
    await waitFor('worker b to commit', async () => (await audited()) >= afterA + 300, 60_000, 20);
    b.proc.kill('SIGKILL');
    expect((await b.exited).signal).toBe('SIGKILL');
    expect(await audited()).toBeLessThan(total);

    // 3. Two fresh workers finish the job, redeliveries included.
    const c1 = worker();
    const c2 = worker();
    await waitFor(
      'every event to be committed and acked',
      async () => (await audited()) === total && (await bus.pending()) === 0,
      60_000,
      200,
    );
    c1.proc.kill('SIGTERM');
    c2.proc.kill('SIGTERM');
    const [e1, e2] = await Promise.all([c1.exited, c2.exited]);
    expect(e1.code, c1.output()).toBe(0);
    expect(e2.code, c2.output()).toBe(0);
    // Both did real work (the stream was split between them).
    for (const c of [c1, c2]) expect(c.output()).toMatch(/stats \{"batches":\d+/);

    expectSameResult(await snapshot(store, accounts), expected);
  }, 120_000);
});
