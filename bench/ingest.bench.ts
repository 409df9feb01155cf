/**
 * End-to-end ingest throughput (validate → gate → redact → understand → signals → commit):
 * embedded (SQLite file, batches of 1000, two in flight) and scale-out (NATS + PostgreSQL, 1
 * and 2 worker processes), median of 3 runs with min–max; then memory per 100k profiles (signal bytes in each
 * store, heap and RSS to compute them). Run with `npx tsx bench/ingest.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NatsBus } from '../src/adapters/nats/nats-bus.js';
import { PostgresStore } from '../src/adapters/postgres/postgres-store.js';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';
import { loadConfig } from '../src/app/config.js';
import { createApp } from '../src/app/container.js';
import { IngestQueue } from '../src/app/ingest.js';
import { buildProfile } from '../src/core/profile/profile.js';
import type { Profile, Signal } from '../src/core/profile/types.js';
import type { Account } from '../src/core/model/account.js';
import type { BusEvent } from '../src/ports/bus.js';
import { makeAccounts, makeEvents, PROFILE_NOW, rng } from '../test/scale-out/fixtures.js';
import {
  createTestDatabase,
  natsReachable,
  NATS_URL,
  pgQuery,
  postgresReachable,
  randomSuffix,
  waitFor,
} from '../test/support/servers.js';

const RUNS = 3;
const EMBEDDED_EVENTS = 20_000;
const SCALE_OUT_EVENTS = 15_000;
const BATCH = 1_000;
/** Embedded batches in flight at once, like two concurrent HTTP requests. */
const EMBEDDED_IN_FLIGHT = 2;
const PROFILES = 100_000;
const SIGNALS_PER_PROFILE = 20;
/** Store footprint is measured on this many profiles and scaled to PROFILES (rows are alike). */
const STORED_PROFILES = 10_000;

/** CPU time (user + system, ms) of processes: by pid, or every process whose command is `name`. */
function cpuMs(select: { pids?: number[]; name?: string }): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (select.pids && !select.pids.includes(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (select.name !== undefined && name !== select.name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second).
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * 10;
}

const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const progress = (msg: string) => process.stderr.write(`[ingest bench] ${msg}\n`);

interface Figure {
  median: number;
  min: number;
  max: number;
}

function figure(xs: number[]): Figure {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
}

const rate = (f: Figure) => `${f.median.toFixed(0)} (${f.min.toFixed(0)}–${f.max.toFixed(0)})`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function data(nEvents: number, seed: number): { accounts: Account[]; events: BusEvent[] } {
  const accounts = makeAccounts(1_000, 'bench');
  return { accounts, events: makeEvents(nEvents, accounts, seed, `bench-${seed}`) };
}

/**
 * Embedded: one process, one SQLite file, app.ingest in batches with up to EMBEDDED_IN_FLIGHT
 * of them at once, as concurrent HTTP requests or the `ingest` command send them. The
 * understand threads (CHATSIGNAL_UNDERSTAND_THREADS, default from the core count) are started
 * before the clock, as in a server that is up. Events/s over the whole run; CPU-seconds count
 * every thread of the process.
 */
async function embeddedRun(seed: number): Promise<{ rate: number; perCpuSecond: number; signals: Signal[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatsignal-bench-'));
  try {
    const store = new SqliteStore(join(dir, 'bench.db'));
    const { accounts, events } = data(EMBEDDED_EVENTS, seed);
    for (const a of accounts) await store.upsertAccount(a);
    const app = await createApp(loadConfig({ CHATSIGNAL_STORE: 'sqlite::memory:', ...threadsEnv() }), {
      store,
    });
    await app.understandPool?.start();
    const t0 = performance.now();
    const c0 = ownCpuMs();
    const queue = new IngestQueue(
      (batch: readonly unknown[]) => app.ingest(batch),
      () => {},
      EMBEDDED_IN_FLIGHT,
    );
    for (let i = 0; i < events.length; i += BATCH) await queue.push(events.slice(i, i + BATCH));
    await queue.drain();
    const ms = performance.now() - t0;
    const cpu = ownCpuMs() - c0;
    const signals = (
      await Promise.all(accounts.slice(0, 50).map((a) => store.signalsFor(a.accountId)))
    ).flat();
    await app.close(); // stops the understand threads and closes the store
    return { rate: (events.length / ms) * 1000, perCpuSecond: (events.length / cpu) * 1000, signals };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CHATSIGNAL_UNDERSTAND_THREADS passes through, to compare with and without threads. */
function threadsEnv(): Record<string, string> {
  const v = process.env.CHATSIGNAL_UNDERSTAND_THREADS;
  return v === undefined ? {} : { CHATSIGNAL_UNDERSTAND_THREADS: v };
}

const WORKER_CHILD = fileURLToPath(new URL('../test/scale-out/worker-child.ts', import.meta.url));

/**
 * Scale-out: `workers` processes are started and warmed up once (JIT, understanding tables), then
 * each run publishes fresh events (as API nodes would) and the clock runs from the first publish
 * to the last audit row committed. Publishing is several times faster than ingest, so the figure
 * is the workers' ingest capacity.
 */
interface CpuPerEvent {
  workers: number;
  postgres: number;
  nats: number;
  publisher: number;
}

async function scaleOut(
  workers: number,
): Promise<{ rates: number[]; publishRates: number[]; cpu: CpuPerEvent }> {
  const db = await createTestDatabase();
  const id = randomSuffix();
  const opts = {
    stream: `CHATSIGNAL_BENCH_${id}`,
    subjectPrefix: `chatsignal_bench_${id}.events`,
    partitions: 16,
  };
  const bus = await NatsBus.connect(NATS_URL, opts);
  const store = await PostgresStore.connect(db.url);
  const procs: ReturnType<typeof spawn>[] = [];
  try {
    const accounts = makeAccounts(1_000, 'bench');
    for (const a of accounts) await store.upsertAccount(a);
    await Promise.all(
      Array.from({ length: workers }, () => {
        const p = spawn(process.execPath, ['--import', 'tsx', WORKER_CHILD], {
          env: {
            ...process.env,
            CHATSIGNAL_LOG_LEVEL: 'silent',
            CHATSIGNAL_STORE: db.url,
            CHATSIGNAL_BUS: NATS_URL,
            CHATSIGNAL_STREAM: opts.stream,
            CHATSIGNAL_PARTITIONS: String(opts.partitions),
            CHATSIGNAL_BATCH_SIZE: String(BATCH),
            CHATSIGNAL_TEST_SUBJECT_PREFIX: opts.subjectPrefix,
            CHATSIGNAL_TEST_ACK_WAIT_MS: '30000',
            CHATSIGNAL_TEST_VERBOSE: process.env.BENCH_VERBOSE ?? '0',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        procs.push(p);
        return new Promise<void>((resolve, reject) => {
          p.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
          p.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
        });
      }),
    );
    const audited = async () => Number((await pgQuery(db.url, 'SELECT COUNT(*) AS n FROM audit')).rows[0].n);
    let done = 0;
    const run = async (events: BusEvent[]) => {
      const t0 = performance.now();
      await bus.publish(events);
      const publishRate = (events.length / (performance.now() - t0)) * 1000;
      done += events.length;
      // Work-queue stream empty ⇔ everything acked ⇔ everything committed (ack follows commit).
      // Polling the stream, not COUNT(*) on audit, keeps the probe out of PostgreSQL's CPU figure.
      await waitFor('all events acked', async () => (await bus.pending()) === 0, 120_000, 25);
      const ms = performance.now() - t0;
      if ((await audited()) !== done)
        throw new Error(`expected ${done} audit rows, found ${await audited()}`);
      return { rate: (events.length / ms) * 1000, publishRate };
    };
    progress(`scale-out ${workers} worker(s): warm-up`);
    await run(makeEvents(3_000, accounts, 900 + workers, `warm-${workers}`));
    const rates: number[] = [];
    const publishRates: number[] = [];
    const pids = procs.map((p) => p.pid!);
    const before = {
      w: cpuMs({ pids }),
      pg: cpuMs({ name: 'postgres' }),
      nats: cpuMs({ name: 'nats-server' }),
      own: ownCpuMs(),
    };
    for (let i = 0; i < RUNS; i++) {
      const r = await run(makeEvents(SCALE_OUT_EVENTS, accounts, 200 + i, `bench-${workers}-${i}`));
      progress(
        `scale-out ${workers} worker(s), run ${i + 1}/${RUNS}: ${r.rate.toFixed(0)} events/s (publish ${r.publishRate.toFixed(0)}/s)`,
      );
      rates.push(r.rate);
      publishRates.push(r.publishRate);
    }
    const n = RUNS * SCALE_OUT_EVENTS;
    const cpu = {
      workers: (cpuMs({ pids }) - before.w) / n,
      postgres: (cpuMs({ name: 'postgres' }) - before.pg) / n,
      nats: (cpuMs({ name: 'nats-server' }) - before.nats) / n,
      publisher: (ownCpuMs() - before.own) / n,
    };
    return { rates, publishRates, cpu };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(
      procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.on('exit', r)))),
    );
    await bus.deleteStream().catch(() => {});
    await bus.close();
    await store.close();
    await db.drop();
  }
}

/** 100k accounts × SIGNALS_PER_PROFILE signals drawn from the nodes real ingest produced. */
function syntheticSignals(templates: readonly Signal[]): Map<string, Signal[]> {
  const r = rng(99);
  const start = Date.parse('2025-12-17T00:00:00Z');
  const span = PROFILE_NOW - start;
  const out = new Map<string, Signal[]>();
  for (let i = 0; i < PROFILES; i++) {
    const accountId = `mem-${i}`;
    out.set(
      accountId,
      Array.from({ length: SIGNALS_PER_PROFILE }, (_, j) => {
        const t = templates[Math.floor(r() * templates.length)]!;
        return {
          ...t,
          accountId,
          eventKey: `k${i}-${Math.floor(j / 2)}`,
          occurredAt: start + Math.floor(r() * span),
        };
      }),
    );
  }
  return out;
}

async function memory(templates: readonly Signal[]): Promise<string[]> {
  const lines: string[] = [];
  const bySignals = syntheticSignals(templates);
  const scale = PROFILES / STORED_PROFILES;
  // The first STORED_PROFILES accounts go to the stores, keyed as ingest keys them.
  const stored = [...bySignals.values()].slice(0, STORED_PROFILES).flat();
  const unique = [...new Map(stored.map((s) => [`${s.eventKey}|${s.nodeId}|${s.strength}`, s])).values()];
  const byKey = new Map<string, Signal[]>();
  for (const s of unique) byKey.set(s.eventKey, [...(byKey.get(s.eventKey) ?? []), s]);
  const audit = [...byKey.values()].map(([s]) => ({
    eventKey: s!.eventKey,
    accountId: s!.accountId,
    occurredAt: s!.occurredAt,
    processedAt: s!.occurredAt,
    surface: s!.surface,
    lang: 'en',
    outcome: 'kept',
    detail: null,
    signals: byKey.get(s!.eventKey)!.length,
  }));
  const batches = (size: number) =>
    Array.from({ length: Math.ceil(audit.length / size) }, (_, i) => {
      const part = audit.slice(i * size, (i + 1) * size);
      return { audit: part, signals: part.flatMap((a) => byKey.get(a.eventKey) ?? []) };
    });
  const row = (what: string, bytes: number) =>
    `| ${what} | ${mib(bytes * scale)} | ${((bytes * scale) / PROFILES).toFixed(0)} B |`;

  progress(`store footprint: ${audit.length} events, ${unique.length} signals into SQLite`);
  const dir = mkdtempSync(join(tmpdir(), 'chatsignal-mem-'));
  try {
    const path = join(dir, 'mem.db');
    const sqlite = new SqliteStore(path);
    for (const b of batches(10_000)) await sqlite.commitBatch(b);
    await sqlite.close();
    const bytes = statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    lines.push(row('store: SQLite file (audit + signals)', bytes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if ((await postgresReachable()) === null) {
    progress('store footprint: PostgreSQL');
    const db = await createTestDatabase();
    try {
      const pgStore = await PostgresStore.connect(db.url);
      for (const b of batches(10_000)) await pgStore.commitBatch(b);
      await pgStore.close();
      await pgQuery(db.url, 'VACUUM ANALYZE');
      const r = await pgQuery(
        db.url,
        "SELECT pg_total_relation_size('signals') + pg_total_relation_size('audit') AS n",
      );
      lines.push(row('store: PostgreSQL tables + indexes (audit + signals)', Number(r.rows[0].n)));
    } finally {
      await db.drop();
    }
  }
  progress(`computing ${PROFILES} profiles`);

  // Computing the profiles: heap to hold the signals, then heap and RSS with all 100k profiles built.
  const app = await createApp(loadConfig({ CHATSIGNAL_STORE: 'sqlite::memory:' }));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const profiles: Profile[] = [];
  for (const [accountId, signals] of bySignals) {
    profiles.push(
      buildProfile(accountId, signals, {
        now: PROFILE_NOW,
        policy: app.policy,
        taxonomy: app.taxonomy,
        mutedTopics: [],
        age: 35,
      }),
    );
  }
  const ms = performance.now() - t0;
  gc?.();
  const m = process.memoryUsage();
  const interests = profiles.reduce((n, p) => n + p.interests.length, 0);
  lines.push(
    `| profiles held in memory (${(interests / PROFILES).toFixed(1)} interests each) | ${mib(m.heapUsed - heap0)} | ${((m.heapUsed - heap0) / PROFILES).toFixed(0)} B |`,
    `| process RSS with signals + profiles in memory | ${mib(m.rss)} | ${(m.rss / PROFILES).toFixed(0)} B |`,
    '',
    `Profile computation: ${PROFILES.toLocaleString('en')} profiles from ${(PROFILES * SIGNALS_PER_PROFILE).toLocaleString('en')} signals in ${ms.toFixed(0)} ms (${((PROFILES / ms) * 1000).toFixed(0)} profiles/s on one core).`,
  );
  await app.close();
  return lines;
}

export async function benchIngest(): Promise<string> {
  const started = performance.now();
  const out: string[] = [
    `Events: ${EMBEDDED_EVENTS.toLocaleString('en')} (embedded) / ${SCALE_OUT_EVENTS.toLocaleString('en')} (scale-out) synthetic English chat events from 1,000 accounts, batches of ${BATCH}; median of ${RUNS} runs (min–max).`,
    '',
    'mode | events/s, median (min–max) | note',
    '---- | -------------------------- | ----',
  ];
  const embeddedLoad = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  progress('embedded warm-up');
  await embeddedRun(1); // warm-up: JIT, taxonomy, understanding tables
  const embedded = [];
  const embeddedCpu = [];
  let templates: Signal[] = [];
  for (let i = 0; i < RUNS; i++) {
    progress(`embedded run ${i + 1}/${RUNS}`);
    const r = await embeddedRun(100 + i);
    embedded.push(r.rate);
    embeddedCpu.push(r.perCpuSecond);
    progress(`  ${r.rate.toFixed(0)} events/s`);
    templates = r.signals;
  }
  const threads = loadConfig(threadsEnv()).understandThreads;
  out.push(
    `embedded (SQLite file, 1 process, ${EMBEDDED_IN_FLIGHT} batches in flight, ${threads} understand thread${threads === 1 ? '' : 's'}) | ${rate(figure(embedded))} | ${figure(embeddedCpu).median.toFixed(0)} events per CPU-second (all threads); load average before: ${embeddedLoad}`,
  );
  const cpuLines: string[] = [];

  const servers = [await postgresReachable(), await natsReachable()].filter((x) => x !== null);
  if (servers.length > 0) {
    out.push(`scale-out | skipped | servers unreachable: ${servers.join('; ')}`);
  } else {
    const publish: number[] = [];
    for (const workers of (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number)) {
      const r = await scaleOut(workers);
      publish.push(...r.publishRates);
      const total = r.cpu.workers + r.cpu.postgres + r.cpu.nats + r.cpu.publisher;
      cpuLines.push(
        `${workers} | ${(r.cpu.workers * 1000).toFixed(0)} | ${(r.cpu.postgres * 1000).toFixed(0)} | ${(r.cpu.nats * 1000).toFixed(0)} | ${(r.cpu.publisher * 1000).toFixed(0)} | ${(1000 / r.cpu.workers).toFixed(0)} | ${(1000 / total).toFixed(0)}`,
      );
      out.push(
        `scale-out, ${workers} worker process${workers > 1 ? 'es' : ''} (NATS + PostgreSQL) | ${rate(figure(r.rates))} | warm workers; workers, PostgreSQL, NATS and the publisher share the cores`,
      );
    }
    out.push(
      `publish (API side, one process, JetStream-acked) | ${rate(figure(publish))} | ${SCALE_OUT_EVENTS.toLocaleString('en')} events per call, 512 in flight, while workers consume`,
    );
    out.push(
      '',
      'CPU cost per event in scale-out (µs of CPU time, from /proc; PostgreSQL and NATS counted whole, so other load on them is included):',
      '',
      'workers | worker µs | PostgreSQL µs | NATS µs | publisher µs | events per worker CPU-second | events per CPU-second, all parts',
      '------- | --------- | ------------- | ------- | ------------ | ---------------------------- | --------------------------------',
      ...cpuLines,
    );
  }

  out.push(
    '',
    `Memory for ${PROFILES.toLocaleString('en')} profiles of ${SIGNALS_PER_PROFILE} signals each (stores: measured on ${STORED_PROFILES.toLocaleString('en')} and scaled ×${PROFILES / STORED_PROFILES}):`,
    '',
    'what | total | per profile',
    '---- | ----- | -----------',
  );
  out.push(...(await memory(templates)));
  out.push('', `(bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return out.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchIngest().then(
    (out) => console.log(out),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
