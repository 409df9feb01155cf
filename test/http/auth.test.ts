import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { buildServer } from '../../src/http/server.js';
import { ADMIN_KEY, adult, chatEvent, testApp } from '../support/fixtures.js';

const INGEST_KEY = 'ingest-key-0123456789abcdef';
const ADVERTISER_KEY = 'advertiser-key-0123456789abcdef';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

describe('access control over HTTP', { timeout: 120_000 }, () => {
  let app: App;
  let server: FastifyInstance;
  let ownToken: string;
  let otherToken: string;
  beforeAll(async () => {
    app = await testApp({}, { CHATSIGNAL_API_KEYS: `ingest:${INGEST_KEY},advertiser:${ADVERTISER_KEY}` });
    server = await buildServer(app);
    await app.store.upsertAccount(adult({ accountId: 'acct-1' }));
    await app.store.upsertAccount(adult({ accountId: 'acct-2' }));
    const issue = async (id: string) =>
      (
        await server.inject({ method: 'POST', url: `/v1/accounts/${id}/token`, headers: bearer(ADMIN_KEY) })
      ).json().token as string;
    ownToken = await issue('acct-1');
    otherToken = await issue('acct-2');
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const bearer = (credential: string | undefined) =>
    credential === undefined ? {} : { authorization: `Bearer ${credential}` };
  const call = (method: Method, url: string, credential?: string, payload?: unknown) =>
    server.inject({
      method,
      url,
      headers: bearer(credential),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const who = () => ({
    none: undefined,
    bad: 'not-a-key-0123456789abcdef',
    admin: ADMIN_KEY,
    ingest: INGEST_KEY,
    advertiser: ADVERTISER_KEY,
    ownToken,
    otherToken,
  });
  type Who = keyof ReturnType<typeof who>;

  /** For each route: the status class every caller must get (2 = allowed, 401, 403). */
  const matrix: {
    method: Method;
    url: string;
    payload?: () => unknown;
    expect: Record<Who, 2 | 401 | 403>;
  }[] = [
    {
      method: 'GET',
      url: '/healthz',
      expect: { none: 2, bad: 2, admin: 2, ingest: 2, advertiser: 2, ownToken: 2, otherToken: 2 },
    },
    {
      method: 'POST',
      url: '/v1/events',
      payload: () => chatEvent({ accountId: 'acct-3' }),
      expect: { none: 401, bad: 401, admin: 2, ingest: 2, advertiser: 403, ownToken: 403, otherToken: 403 },
    },
    {
      method: 'PUT',
      url: '/v1/accounts/acct-1',
      payload: () => adult({ accountId: 'acct-1' }),
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 403, otherToken: 403 },
    },
    {
      method: 'GET',
      url: '/v1/accounts/acct-1/profile',
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 2, otherToken: 403 },
    },
    {
      method: 'GET',
      url: '/v1/accounts/acct-1/decisions',
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 2, otherToken: 403 },
    },
    {
      method: 'GET',
      url: '/v1/accounts/acct-1/export',
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 2, otherToken: 403 },
    },
    {
      method: 'PUT',
      url: '/v1/accounts/acct-1/surfaces',
      payload: () => ({ disabled: [] }),
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 2, otherToken: 403 },
    },
    {
      method: 'POST',
      url: '/v1/accounts/acct-1/token',
      payload: () => ({}),
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 403, otherToken: 403 },
    },
    {
      method: 'POST',
      url: '/v1/accounts/acct-1/notice',
      payload: () => ({}),
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 403, ownToken: 403, otherToken: 403 },
    },
    {
      method: 'GET',
      url: '/v1/campaigns',
      expect: { none: 401, bad: 401, admin: 2, ingest: 403, advertiser: 2, ownToken: 403, otherToken: 403 },
    },
  ];

  for (const row of matrix) {
    it(`${row.method} ${row.url}`, async () => {
      for (const [name, want] of Object.entries(row.expect) as [Who, 2 | 401 | 403][]) {
        const r = await call(row.method, row.url, who()[name], row.payload?.());
        const got = r.statusCode >= 200 && r.statusCode < 300 ? 2 : r.statusCode;
        expect(got, `${name}: ${r.body.slice(0, 200)}`).toBe(want);
        if (want !== 2) expect(r.json().error.code).toBe(want === 401 ? 'unauthorized' : 'forbidden');
      }
    });
  }

  it('lets a person erase only their own account', async () => {
    await app.store.upsertAccount(adult({ accountId: 'acct-9' }));
    expect((await call('DELETE', '/v1/accounts/acct-9', ownToken)).statusCode).toBe(403);
    expect((await call('DELETE', '/v1/accounts/acct-9', INGEST_KEY)).statusCode).toBe(403);
    expect((await call('DELETE', '/v1/accounts/acct-9', ADVERTISER_KEY)).statusCode).toBe(403);
    expect(await app.store.getAccount('acct-9')).toBeDefined();
    expect((await call('DELETE', '/v1/accounts/acct-9', ADMIN_KEY)).statusCode).toBe(200);
  });

  it('issues tokens with a chosen lifetime, bound to the exact account id', async () => {
    const r = await call('POST', '/v1/accounts/acct-1/token', ADMIN_KEY, { ttlSeconds: 60 });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ accountId: 'acct-1', expiresAt: app.now() + 60_000 });
    expect((await call('GET', '/v1/accounts/ACCT-1/profile', ownToken)).statusCode).toBe(403);
    expect((await call('POST', '/v1/accounts/acct-1/token', ADMIN_KEY, { ttlSeconds: 5 })).statusCode).toBe(
      400,
    );
    expect((await call('POST', '/v1/accounts/ghost/token', ADMIN_KEY, {})).statusCode).toBe(404);
  });

  it('records who issued a token', async () => {
    const changes = await app.store.settingChanges('acct-1');
    expect(changes).toContainEqual(expect.objectContaining({ action: 'token.issued', actor: 'admin' }));
  });
});

describe('a server without any key', { timeout: 120_000 }, () => {
  it('refuses every non-public route', async () => {
    const app = await testApp({}, {});
    // testApp configures the admin key; a server without keys is built from a config without them.
    const bare = await (
      await import('../../src/app/container.js')
    ).createApp(
      { ...app.config, adminKey: undefined, apiKeys: [], tokenSecret: undefined },
      { store: app.store, now: app.now },
    );
    const server = await buildServer(bare);
    expect((await server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const r = await server.inject({
      method: 'GET',
      url: '/v1/accounts/acct-1',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(/no API keys are configured/);
    await server.close();
    await app.close();
  });
});
