import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { loadConfig } from '../../src/app/config.js';
import { createApp } from '../../src/app/container.js';
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

/** What the store holds about the accounts, and their profiles at PROFILE_NOW. */
export async function snapshot(store: Store, accounts: readonly Account[]): Promise<Snapshot> {
  const app = await createApp(loadConfig({ CHATSIGNAL_STORE: 'sqlite::memory:' }), { store, now: () => PROFILE_NOW });
  const signals = new Map<string, string[]>();
  const profiles = new Map<string, Profile>();
  for (const a of accounts) {
    signals.set(a.accountId, (await store.signalsFor(a.accountId)).map(signalKey).sort());
    profiles.set(a.accountId, await app.profile(a.accountId));
  }
  return { outcomes: await store.outcomeCounts(), signals, profiles };
}

const signalKey = (s: Signal) => `${s.eventKey}|${s.nodeId}|${s.strength}|${s.weight}|${s.occurredAt}|${s.surface}|${s.context}`;

/** The clean single-process run: embedded SQLite, batches through app.ingest, no bus. */
export async function referenceRun(accounts: readonly Account[], events: readonly BusEvent[]): Promise<Snapshot> {
  const store = new SqliteStore(':memory:');
  for (const a of accounts) await store.upsertAccount(a);
  const app = await createApp(loadConfig({ CHATSIGNAL_STORE: 'sqlite::memory:' }), { store });
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
    expect(q?.interests.map((x) => x.id), `interests of ${id}`).toEqual(p.interests.map((x) => x.id));
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
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const WORKER_CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

/** A worker in its own process. Node itself, not npx, so that the pid is the worker's own. */
export function spawnWorker(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER_CHILD], {
    env: { ...process.env, CHATSIGNAL_LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => out, exited };
}
