import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { describe, it } from 'vitest';
import { isConnectionError } from '../../src/adapters/postgres/postgres-store.js';

/** The admin database used to create and drop one database per test run. */
export const PG_ADMIN_URL = process.env.CHATSIGNAL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const NATS_URL = process.env.CHATSIGNAL_TEST_NATS ?? 'nats://127.0.0.1:4222';

export async function postgresReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => {});
  }
}

export async function natsReachable(): Promise<string | null> {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 2_000, reconnect: false });
    // JetStream must be enabled, not just the core server.
    const { jetstreamManager } = await import('@nats-io/jetstream');
    await jetstreamManager(nc).then((m) => m.getAccountInfo());
    await nc.close();
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  }
}

/**
 * Registers `body` when the servers are there. Otherwise the suite is skipped with a visible
 * message — except under CI=true, where a missing server must fail the run instead of
 * silently turning the scale-out guarantees into untested claims.
 */
export function describeWithServers(name: string, missing: (string | null)[], body: () => void): void {
  const reasons = missing.filter((m): m is string => m !== null);
  if (reasons.length === 0) {
    describe(name, body);
    return;
  }
  const why = `${name}: servers unreachable (${reasons.join('; ')})`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs its servers under CI', () => {
        throw new Error(`${why}. Under CI=true this fails instead of skipping.`);
      });
    });
    return;
  }
  console.warn(`SKIPPED ${why}. Start them or set CHATSIGNAL_TEST_PG / CHATSIGNAL_TEST_NATS.`);
  describe.skip(name, body);
}

export function randomSuffix(): string {
  return randomBytes(5).toString('hex');
}

/**
 * Runs `fn` again while PostgreSQL is restarting: one scale-out test restarts the server, and
 * test files run in parallel.
 */
export async function retryPg<T>(fn: () => Promise<T>, attempts = 40): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isConnectionError(err)) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** One query on a short-lived connection, retried across a server restart. */
export async function pgQuery(url: string, sql: string): Promise<pg.QueryResult> {
  return retryPg(async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    c.on('error', () => {});
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end().catch(() => {});
    }
  });
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `chatsignal_test_${randomSuffix()}`;
  await pgQuery(PG_ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a worker process killed by a test may have left a connection behind.
    drop: async () => void (await pgQuery(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
