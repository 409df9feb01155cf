import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NatsBus } from '../../src/adapters/nats/nats-bus.js';
import { PostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { runWorker, type WorkerStats } from '../../src/app/worker.js';
import {
  createTestDatabase,
  describeWithServers,
  natsReachable,
  NATS_URL,
  pgQuery,
  postgresReachable,
  randomSuffix,
  waitFor,
} from '../support/servers.js';
import { makeAccounts, makeEvents } from './fixtures.js';
import { expectSameResult, ingestInto, referenceRun, snapshot } from './harness.js';

const run = promisify(execFile);

/** This machine's own cluster (Debian layout); the restart test needs pg_ctlcluster and a local server. */
function localCluster(): string | null {
  try {
    const versions = readdirSync('/etc/postgresql');
    return versions[0] ?? null;
  } catch {
    return null;
  }
}

const version = localCluster();
const missing = await Promise.all([
  postgresReachable(),
  natsReachable(),
  version === null ? 'no local cluster under /etc/postgresql to restart' : null,
]);

describeWithServers('scale-out: PostgreSQL restarted during ingest', missing, () => {
  const accounts = makeAccounts(30, 'restart');
  const events = makeEvents(3_000, accounts, 11, 'restart-ev');
  const id = randomSuffix();
  let db: { url: string; drop: () => Promise<void> };
  let bus: NatsBus;
  let store: PostgresStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Patient enough for a restart (up to ~30 s), as in production.
    store = await PostgresStore.connect(db.url, {
      retry: { retries: 12, baseDelayMs: 100, maxDelayMs: 3_000 },
    });
    for (const a of accounts) await store.upsertAccount(a);
    bus = await NatsBus.connect(NATS_URL, {
      stream: `CHATSIGNAL_TEST_${id}`,
      subjectPrefix: `chatsignal_test_${id}.events`,
      partitions: 4,
      ackWaitMs: 5_000,
    });
  });

  afterAll(async () => {
    await bus?.deleteStream().catch(() => {});
    await bus?.close();
    await store?.close();
    await db?.drop();
  });

  it('the worker retries with backoff and ends with the same result as a clean run', async () => {
    const expected = await referenceRun(accounts, events);
    const total = Object.values(expected.outcomes).reduce((a, b) => a + b, 0);
    await bus.publish(events);

    const inner = await ingestInto(store);
    // Paced so that ingest is still running while the server stops and starts again (≈ 2–3 s).
    const app = {
      metrics: inner.metrics,
      ingest: async (raws: readonly unknown[]) => {
        await new Promise((r) => setTimeout(r, 60));
        return inner.ingest(raws);
      },
    };
    const stop = new AbortController();
    const errors: string[] = [];
    const worker: Promise<WorkerStats> = runWorker(app, bus, {
      batchSize: 50,
      concurrency: 1,
      signal: stop.signal,
      onError: (e) => errors.push((e as Error).message),
    });
    const audited = async () => Number((await pgQuery(db.url, 'SELECT COUNT(*) AS n FROM audit')).rows[0].n);
    try {
      await waitFor('the worker to be under way', async () => (await audited()) >= 100, 30_000, 20);
      const before = await audited();
      // Fast mode: sessions are terminated mid-transaction, as in a crash-restart or failover.
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', '--mode=fast', version!, 'main', 'restart'], {
        timeout: 60_000,
      });
      expect(before).toBeLessThan(total);
      // The restart happened mid-ingest, not after it.
      expect(await audited()).toBeLessThan(total);
      await waitFor(
        'every event to be committed and acked',
        async () => (await audited()) === total && (await bus.pending()) === 0,
        60_000,
        200,
      );
    } finally {
      stop.abort();
    }
    const stats = await worker;
    // The restart was felt (retries in the store or a nak'ed batch) and recovered from.
    expect(store.stats.retries + stats.failures, errors.join('\n')).toBeGreaterThan(0);
    expectSameResult(await snapshot(store, accounts), expected);
  }, 120_000);
});
