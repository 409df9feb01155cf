import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { loadConfig } from '../../src/app/config.js';
import { createApp, type App } from '../../src/app/container.js';
import { ingestBatch } from '../../src/app/ingest.js';
import { Metrics } from '../../src/app/metrics.js';
import { youngestAge } from '../../src/core/gate/gate.js';
import { buildProfile } from '../../src/core/profile/profile.js';
import type { Account } from '../../src/core/model/account.js';
import type { Profile, Signal } from '../../src/core/profile/types.js';
import type { BusEvent } from '../../src/ports/bus.js';
import type { Store } from '../../src/ports/store.js';
import { PROFILE_NOW } from './fixtures.js';

export { waitFor } from '../support/servers.js';

export interface Snapshot {
  outcomes: Record<string, number>;
  signals: Map<string, string[]>;
  profiles: Map<string, Profile>;
}

let shared: Promise<App> | undefined;

/**
 * One app per test process: building the understander takes seconds, so the reference run,
 * the snapshots and in-process workers share its pipeline instead of each calling createApp.
 */
export function sharedApp(): Promise<App> {
  shared ??= createApp(loadConfig({ CHATSIGNAL_STORE: 'sqlite::memory:' }), { now: () => PROFILE_NOW });
  return shared;
}

/** `app.ingest` on another store: the same ingestBatch, the same pipeline. */
export async function ingestInto(store: Store): Promise<Pick<App, 'ingest' | 'metrics'>> {
  const app = await sharedApp();
  const metrics = new Metrics();
  return {
    metrics,
    ingest: (raws, prefix) =>
      ingestBatch(raws, { store, pipeline: app.pipeline, metrics, now: Date.now }, prefix),
  };
}

/** What the store holds about the accounts, and their profiles at PROFILE_NOW (as app.profile computes them). */
export async function snapshot(store: Store, accounts: readonly Account[]): Promise<Snapshot> {
  const app = await sharedApp();
  const signals = new Map<string, string[]>();
  const profiles = new Map<string, Profile>();
  for (const a of accounts) {
    const stored = await store.signalsFor(a.accountId);
    signals.set(a.accountId, stored.map(signalKey).sort());
    const age = a.birthYear == null ? 0 : youngestAge(a.birthYear, new Date(PROFILE_NOW).toISOString());
    profiles.set(
      a.accountId,
      buildProfile(a.accountId, stored, {
        now: PROFILE_NOW,
        policy: app.policy,
        taxonomy: app.taxonomy,
        mutedTopics: a.mutedTopics,
        age,
      }),
    );
  }
  return { outcomes: await store.outcomeCounts(), signals, profiles };
}

const signalKey = (s: Signal) =>
  `${s.eventKey}|${s.nodeId}|${s.strength}|${s.weight}|${s.occurredAt}|${s.surface}|${s.context}`;

/** The clean single-process run: embedded SQLite, batches through ingestBatch, no bus. */
export async function referenceRun(
  accounts: readonly Account[],
  events: readonly BusEvent[],
): Promise<Snapshot> {
  const store = new SqliteStore(':memory:');
  for (const a of accounts) await store.upsertAccount(a);
  const app = await ingestInto(store);
  for (let i = 0; i < events.length; i += 250) await app.ingest(events.slice(i, i + 250));
  const snap = await snapshot(store, accounts);
  await store.close();
  return snap;
}

/** Equal outcomes and signals (nothing lost, nothing twice) and equal profiles within float tolerance. */
export function expectSameResult(actual: Snapshot, expected: Snapshot): void {
  expect(actual.outcomes).toEqual(expected.outcomes);
  for (const [id, s] of expected.signals) expect(actual.signals.get(id), `signals of ${id}`).toEqual(s);
  for (const [id, p] of expected.profiles) {
    const q = actual.profiles.get(id);
    expect(
      q?.interests.map((x) => x.id),
      `interests of ${id}`,
    ).toEqual(p.interests.map((x) => x.id));
    for (const [i, x] of p.interests.entries()) {
      const y = q!.interests[i]!;
      expect(Math.abs(y.score - x.score), `score of ${id}/${x.id}`).toBeLessThanOrEqual(1e-4);
      expect({ ...y, score: 0 }).toEqual({ ...x, score: 0 });
    }
  }
  // The run must have had something to compare.
  expect(Object.values(expected.outcomes).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect([...expected.profiles.values()].some((p) => p.interests.length > 0)).toBe(true);
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  /** Resolves once the worker has opened its store and bus. */
  ready: Promise<void>;
  /** Lets a worker started with CHATSIGNAL_TEST_WAIT_FOR_GO=1 begin consuming. */
  go: () => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const WORKER_CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

/** A worker in its own process. Node itself, not npx, so that the pid is the worker's own. */
export function spawnWorker(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER_CHILD], {
    env: { ...process.env, CHATSIGNAL_LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', () => out.includes('ready') && resolve());
    proc.on('exit', () => reject(new Error(`worker exited before it was ready: ${out}`)));
  });
  ready.catch(() => {});
  return { proc, output: () => out, exited, ready, go: () => proc.stdin!.write('go\n') };
}
