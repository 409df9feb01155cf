import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { loadConfig } from '../../src/app/config.js';
import type { App } from '../../src/app/container.js';
import { eraseAccount, muteTopic, optOut } from '../../src/app/controls.js';
import { ingestBatch, IngestQueue, InFlightKeys, type IngestReport } from '../../src/app/ingest.js';
import { UnderstandPool } from '../../src/app/understand-pool.js';
import { AppError } from '../../src/core/errors.js';
import type { Account } from '../../src/core/model/account.js';
import { understandJob, type UnderstandJob } from '../../src/core/pipeline.js';
import { generateWorld } from '../../src/demo/generate-world.js';
import type { Store } from '../../src/ports/store.js';
import { adult, chatEvent, NOW, testApp } from '../support/fixtures.js';

// Worker threads load the TypeScript sources through tsx: give them time on a busy machine.
const SLOW = { timeout: 120_000 };

const apps: App[] = [];
const pools: UnderstandPool[] = [];
afterEach(async () => {
  await Promise.all([...apps.splice(0), ...pools.splice(0)].map((x) => x.close()));
});

async function appWith(threads: number, accounts: readonly Account[], pool?: UnderstandPool) {
  const store = new SqliteStore(':memory:');
  for (const a of accounts) await store.upsertAccount(a);
  const app = await testApp(
    { store, ...(pool ? { understandPool: pool } : {}) },
    { CHATSIGNAL_UNDERSTAND_THREADS: String(threads) },
  );
  apps.push(app);
  return { app, store };
}

function newPool(file?: string, answerTimeoutMs?: number): UnderstandPool {
  const pool = new UnderstandPool({
    threads: 1,
    ...(file ? { entry: new URL(`../support/${file}`, import.meta.url) } : {}),
    ...(answerTimeoutMs ? { answerTimeoutMs } : {}),
  });
  pools.push(pool);
  return pool;
}

/** Ingest through the pool, but without taking chunks back: every chunk reaches the worker. */
function noTakeBack(app: App, pool: UnderstandPool) {
  return {
    store: app.store,
    pipeline: app.pipeline,
    metrics: app.metrics,
    now: () => NOW,
    pool: { submit: (jobs: readonly UnderstandJob[]) => pool.submit(jobs) },
  };
}

/** Events of every kind the demo world has (ten languages, every surface, sensitive ones...). */
function variedWorld() {
  const world = generateWorld({ seed: 7, accounts: 120, events: 1200 });
  const special = [
    'mail me at jane.doe@example.com or +1 415 555 0100 about my hiking boots',
    'my card 4111 1111 1111 1111 was charged for the football tickets',
    'I was diagnosed with diabetes, what should I cook tonight?',
    'which party should I vote for in the election? also, best pizza nearby',
    'Ich liebe Fußball und gehe jedes Wochenende ins Stadion',
    'sto organizzando un escursione sulle Dolomiti',
    'emoji 🏔️🥾 and a lone surrogate \ud800 in the middle of a guitar lesson',
    '   ',
    'x'.repeat(5_000) + ' recipe for pasta',
  ];
  const extra = special.map((text, i) =>
    chatEvent({
      eventId: `special-${i}`,
      accountId: world.accounts[i % world.accounts.length]!.accountId,
      occurredAt: '2026-01-20T10:00:00Z',
      text,
      region: world.accounts[i % world.accounts.length]!.region ?? 'US',
    }),
  );
  const labels = chatEvent({
    eventId: 'labels-1',
    accountId: world.accounts[0]!.accountId,
    occurredAt: '2026-01-20T10:00:00Z',
    surface: 'glasses_image',
    app: 'glasses',
    text: undefined,
    imageLabels: ['bicycle', 'helmet', 'mountain trail', 'call 555-0100'],
    region: world.accounts[0]!.region ?? 'US',
  });
  const invalid = [{ eventId: 'bad-1', nonsense: true }, 'not an event', null, chatEvent({ region: 'usa' })];
  const raws: unknown[] = [...world.events, ...extra, labels, ...invalid];
  // Duplicates inside a batch and across batches.
  raws.push(...world.events.slice(0, 30), ...world.events.slice(600, 610));
  return { accounts: world.accounts, raws };
}

describe('understand pool', SLOW, () => {
  it('gives exactly the understandings inline processing gives', async () => {
    const { app } = await appWith(1, []);
    const pool = app.understandPool!;
    await pool.start();
    expect(pool.ready).toBe(true);
    const { raws } = variedWorld();
    const jobs: UnderstandJob[] = raws
      .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && 'surface' in r)
      .map((r) => ({
        text: r.text as string | undefined,
        imageLabels: r.imageLabels as string[] | undefined,
        localeHint: r.locale as string | undefined,
        surface: r.surface as UnderstandJob['surface'],
      }));
    const pooled = await pool.submit(jobs);
    expect(pooled).toBeDefined();
    expect(pooled).toStrictEqual(jobs.map((j) => understandJob(j, app.pipeline)));
    expect(pooled!.some((u) => u.sensitive.length > 0)).toBe(true);
    expect(new Set(pooled!.map((u) => u.lang)).size).toBeGreaterThan(5);
  });

  it('ingests exactly as inline processing does: outcomes, audit rows and signals', async () => {
    const { accounts, raws } = variedWorld();
    const inline = await appWith(0, accounts);
    const pooled = await appWith(1, accounts);
    expect(inline.app.understandPool).toBeUndefined();
    await pooled.app.understandPool!.start();
    const reports: [IngestReport, IngestReport][] = [];
    for (let i = 0; i < raws.length; i += 400) {
      const batch = raws.slice(i, i + 400);
      reports.push([await inline.app.ingest(batch, 'events'), await pooled.app.ingest(batch, 'events')]);
    }
    for (const [a, b] of reports) expect(b).toStrictEqual(a);
    const all = reports.flatMap(([a]) => a.outcomes);
    const labels = new Set(Object.keys(Object.assign({}, ...reports.map(([a]) => a.counts))));
    for (const l of ['kept', 'duplicate', 'invalid', 'excluded:sensitive', 'excluded:region'])
      expect(labels).toContain(l);
    expect(all.length).toBe(raws.length);
    const [p, i] = [pooled.store.dumpTables(), inline.store.dumpTables()];
    expect(p.audit).toStrictEqual(i.audit);
    expect(p.signals).toStrictEqual(i.signals);
    expect(p.audit!.length).toBeGreaterThan(300);
    // Under load this thread may take back every queued chunk, so one more batch goes through
    // without take-back: all of its chunks are answered by the worker, and it still matches.
    const pool = pooled.app.understandPool!;
    const fresh = raws
      .slice(0, 300)
      .map((r) =>
        typeof r === 'object' && r !== null && 'eventId' in r
          ? { ...r, eventId: `again-${String(r.eventId)}` }
          : r,
      );
    const before = pool.pooledJobs;
    const viaWorker = await ingestBatch(fresh, noTakeBack(pooled.app, pool));
    const { pool: _unused, ...inlineDeps } = noTakeBack(inline.app, pool);
    expect(viaWorker).toStrictEqual(await ingestBatch(fresh, inlineDeps));
    expect(pool.pooledJobs).toBeGreaterThan(before);
  });

  it('fails the chunks of a worker that dies, commits nothing of that batch, and replaces it', async () => {
    const pool = newPool('crash-worker.ts');
    const { app, store } = await appWith(1, [adult()], pool);
    await pool.start();
    const batch = Array.from({ length: 40 }, (_, i) =>
      chatEvent({ eventId: `c${i}`, ...(i === 17 ? { text: 'CRASH-THE-UNDERSTAND-WORKER hiking' } : {}) }),
    );
    // Without runQueued, the batch cannot take its chunk back from the worker before it dies.
    const err = await ingestBatch(batch, noTakeBack(app, pool)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 503, code: 'unavailable' });
    expect((err as Error).message).toMatch(/worker thread stopped.*send them again/);
    expect(await store.outcomeCounts()).toEqual({});
    expect(pool.lastFailure).toBe(err);

    await pool.start(); // the replacement
    expect(pool.ready).toBe(true);
    const ok = batch.map((e, i) => (i === 17 ? chatEvent({ eventId: 'c17' }) : e));
    const r = await ingestBatch(ok, noTakeBack(app, pool));
    expect(r.counts).toEqual({ kept: 40 });
    expect(pool.pooledJobs).toBe(40);
  });

  it('lets a waiting batch run queued chunks itself when the worker is slow', async () => {
    const pool = newPool('slow-worker.ts');
    const { app } = await appWith(1, [adult()], pool);
    const inline = await appWith(0, [adult()]);
    await pool.start();
    const batch = Array.from({ length: 1000 }, (_, i) =>
      chatEvent({
        eventId: `s${i}`,
        text: ['hiking in the Alps', 'jazz concert tickets', 'pasta recipe'][i % 3],
      }),
    );
    const r = await app.ingest(batch);
    expect(r).toStrictEqual(await inline.app.ingest(batch));
    // The worker answered the chunk it was handed; this thread ran the three queued behind it.
    expect(pool.pooledJobs).toBe(250);
  });

  it('stops a worker that holds a chunk too long, failing that batch', async () => {
    const pool = newPool('slow-worker.ts', 500);
    const { app, store } = await appWith(1, [adult()], pool);
    await pool.start();
    const batch = Array.from({ length: 40 }, (_, i) =>
      chatEvent({ eventId: `n${i}`, text: 'never answer: a hiking trip' }),
    );
    await expect(ingestBatch(batch, noTakeBack(app, pool))).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('no answer in 500 ms'),
    });
    expect(await store.outcomeCounts()).toEqual({});
  });

  it('never uses an answer that does not match its chunk', async () => {
    const pool = newPool('liar-worker.ts');
    const { app, store } = await appWith(1, [adult()], pool);
    await pool.start();
    const batch = Array.from({ length: 40 }, () => chatEvent());
    await expect(ingestBatch(batch, noTakeBack(app, pool))).rejects.toMatchObject({
      status: 500,
      code: 'internal',
    });
    expect(await store.outcomeCounts()).toEqual({});
  });

  it('understands inline when its workers cannot start', async () => {
    const pool = newPool('no-such-worker.ts');
    const { app } = await appWith(1, [adult()], pool);
    await pool.start();
    expect(pool.ready).toBe(false);
    expect(pool.lastFailure?.message).toMatch(/could not start/);
    const r = await app.ingest(Array.from({ length: 40 }, () => chatEvent()));
    expect(r.counts).toEqual({ kept: 40 });
    expect(pool.pooledJobs).toBe(0);
  });

  it('fails work in flight when closed, then understands nothing more', async () => {
    const pool = newPool();
    await pool.start();
    const jobs = Array.from({ length: 200 }, () => ({ text: 'a hiking trip', surface: 'voice' as const }));
    const failed = expect(pool.submit(jobs)).rejects.toMatchObject({ status: 503, code: 'unavailable' });
    await pool.close();
    await failed;
    expect(pool.submit(jobs)).toBeUndefined();
    expect(pool.ready).toBe(false);
  });

  it('lets a command that closes it finish (an idle worker does not hold the process)', () => {
    const child = fileURLToPath(new URL('../support/pool-close-child.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('closed ready=false\n');
    expect(r.status).toBe(3);
  });

  it('is configured by CHATSIGNAL_UNDERSTAND_THREADS, with a message naming it', () => {
    expect(loadConfig({ CHATSIGNAL_UNDERSTAND_THREADS: '0' }).understandThreads).toBe(0);
    expect(loadConfig({ CHATSIGNAL_UNDERSTAND_THREADS: '3' }).understandThreads).toBe(3);
    expect(loadConfig({}).understandThreads).toBeGreaterThanOrEqual(0);
    for (const bad of ['two', '-1', '1.5', '1000']) {
      expect(() => loadConfig({ CHATSIGNAL_UNDERSTAND_THREADS: bad })).toThrow(
        /CHATSIGNAL_UNDERSTAND_THREADS/,
      );
    }
  });
});

describe('batches in flight together', SLOW, () => {
  it('process an event sent twice at once in one batch only; the other says duplicate', async () => {
    const { app, store } = await appWith(1, [adult()]);
    await app.understandPool!.start();
    const events = Array.from({ length: 150 }, (_, i) => chatEvent({ eventId: `e${i}` }));
    const [a, b] = await Promise.all([app.ingest(events.slice(0, 100)), app.ingest(events.slice(50))]);
    expect(a.counts).toEqual({ kept: 100 });
    expect(b.counts).toEqual({ kept: 50, duplicate: 50 });
    expect(b.outcomes.slice(0, 50).every((o) => o.decision.kind === 'duplicate')).toBe(true);
    expect(await store.outcomeCounts()).toEqual({ kept: 150 });
  });

  it('hand their reports over in order', async () => {
    const order: number[] = [];
    const queue = new IngestQueue<number>(
      (n) =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ outcomes: [], counts: { [String(n)]: 1 } }), n === 0 ? 30 : 1),
        ),
      (report) => order.push(Number(Object.keys(report.counts)[0])),
    );
    for (let i = 0; i < 5; i++) await queue.push(i);
    await queue.drain();
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

/**
 * Accounts change while a worker understands (a control, an erasure): the batch must end as
 * inline processing after the change would end it. A pool that waits for a signal makes the
 * window certain.
 */
describe('accounts changing while workers understand', SLOW, () => {
  const accounts = [
    adult(),
    adult({ accountId: 'acct-2', locale: 'it-IT' }),
    adult({ accountId: 'acct-3', locale: 'it-IT' }),
  ];
  const events = [
    ...Array.from({ length: 40 }, (_, i) => chatEvent({ eventId: `a${i}` })),
    ...Array.from({ length: 40 }, (_, i) =>
      chatEvent({ eventId: `b${i}`, accountId: 'acct-2', text: 'pizza e calcio stasera' }),
    ),
    ...Array.from({ length: 10 }, (_, i) =>
      chatEvent({ eventId: `c${i}`, accountId: 'acct-3', text: 'calcio' }),
    ),
  ];
  type Change = (app: App) => Promise<unknown>;
  const changes: Record<string, Change> = {
    erasure: (app) => eraseAccount(app.store, 'acct-2', NOW),
    'opt-out': (app) => optOut(app, 'acct-2', 'user'),
    mute: (app) => muteTopic(app, 'acct-1', '677', 'user'),
    'locale change': async (app) =>
      app.store.upsertAccount({ ...(await app.store.getAccount('acct-3'))!, locale: 'de-DE' }),
  };

  async function withChangeDuringUnderstanding(change: Change, hideVersion: boolean) {
    const { app, store } = await appWith(0, accounts);
    let entered!: () => void;
    const inGap = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const pool = {
      submit: (jobs: readonly UnderstandJob[]) => {
        entered();
        return released.then(() => jobs.map((j) => understandJob(j, app.pipeline)));
      },
    };
    // A store that cannot tell whether accounts changed (as PostgreSQL): always read again.
    const visible: Store = hideVersion
      ? new Proxy(store, {
          get: (t, p) => (p === 'accountsVersion' ? undefined : (Reflect.get(t, p) as unknown)),
        })
      : store;
    const deps = { store: visible, pipeline: app.pipeline, metrics: app.metrics, now: () => NOW, pool };
    const running = ingestBatch(events, { ...deps, inFlight: new InFlightKeys() });
    await inGap;
    await change(app);
    release();
    return { report: await running, tables: store.dumpTables() };
  }

  async function changeThenInline(change: Change) {
    const { app, store } = await appWith(0, accounts);
    await change(app);
    return { report: await app.ingest(events), tables: store.dumpTables() };
  }

  for (const [name, change] of Object.entries(changes)) {
    for (const hideVersion of [false, true]) {
      it(`${name}${hideVersion ? ', on a store without accountsVersion' : ''}`, async () => {
        const got = await withChangeDuringUnderstanding(change, hideVersion);
        const want = await changeThenInline(change);
        expect(got.report).toStrictEqual(want.report);
        // processed_at and setting-change times are the fixed NOW: the tables are comparable.
        expect(got.tables.audit).toStrictEqual(want.tables.audit);
        expect(got.tables.signals).toStrictEqual(want.tables.signals);
      });
    }
  }

  it('erasure leaves nothing of the erased account behind', async () => {
    const got = await withChangeDuringUnderstanding(changes.erasure!, false);
    expect(got.report.counts).toMatchObject({ 'excluded:erased': 40 });
    expect(JSON.stringify(got.tables.audit)).not.toContain('acct-2');
    expect(JSON.stringify(got.tables.signals)).not.toContain('acct-2');
  });
});
