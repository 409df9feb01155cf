import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createAuth, withDevCredentials } from '../../src/app/auth.js';
import { loadConfig } from '../../src/app/config.js';
import { AppError } from '../../src/core/errors.js';
import { allowed, installAuth } from '../../src/http/auth.js';
import { installErrorHandler } from '../../src/http/error-handler.js';

const ADMIN = 'admin-key-0123456789abcdef';
const SECRET = 'secret-0123456789abcdef0123456789abcdef';
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('API keys from the environment', () => {
  it('parses role:key pairs', () => {
    const c = loadConfig({
      CHATSIGNAL_API_KEYS: 'ingest:ingest-key-0123456789ab, advertiser:adv-key-0123456789abcd',
    });
    expect(c.apiKeys).toEqual([
      { role: 'ingest', key: 'ingest-key-0123456789ab' },
      { role: 'advertiser', key: 'adv-key-0123456789abcd' },
    ]);
    expect(loadConfig({}).apiKeys).toEqual([]);
  });

  it('refuses an unknown role, a short key and a repeated key without echoing the key', () => {
    const bad = (v: string) => {
      try {
        loadConfig({ CHATSIGNAL_API_KEYS: v });
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).message;
      }
      throw new Error('expected a config error');
    };
    const role = bad('root:abcdefghijklmnopqrstuvwxyz');
    expect(role).toMatch(/CHATSIGNAL_API_KEYS: entry 1: role/);
    expect(role).not.toContain('abcdefghijklmnop');
    expect(bad('ingest:short')).toMatch(/at least 16 characters/);
    expect(bad('ingest:aaaaaaaaaaaaaaaaaaaa,advertiser:aaaaaaaaaaaaaaaaaaaa')).toMatch(
      /entry 2: the same key/,
    );
    expect(bad('noroleatallbutlongenough')).toMatch(/entry 1/);
  });
});

describe('createAuth', () => {
  let now = NOW;
  const auth = createAuth(
    { adminKey: ADMIN, apiKeys: [{ role: 'ingest', key: 'ingest-key-0123456789ab' }], tokenSecret: SECRET },
    () => now,
  );

  it('recognises keys by role and nothing close to them', () => {
    expect(auth.authenticate(ADMIN)).toEqual({ kind: 'key', role: 'admin' });
    expect(auth.authenticate('ingest-key-0123456789ab')).toEqual({ kind: 'key', role: 'ingest' });
    expect(auth.authenticate(ADMIN.slice(0, -1))).toBeUndefined();
    expect(auth.authenticate(`${ADMIN}x`)).toBeUndefined();
    expect(auth.authenticate('')).toBeUndefined();
  });

  it('issues tokens that name one account and expire', () => {
    now = NOW;
    const t = auth.issueToken('acct-1', 3600);
    expect(t.expiresAt).toBe(NOW + 3600_000);
    expect(auth.authenticate(t.token)).toEqual({ kind: 'user', accountId: 'acct-1' });
    now = NOW + 3600_000;
    expect(auth.authenticate(t.token)).toBeUndefined();
    now = NOW;
  });

  it('refuses a token whose payload or signature was changed', () => {
    const t = auth.issueToken('acct-1', 3600);
    const [prefix, , sig] = t.token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'acct-2', exp: 9_999_999_999 })).toString('base64url');
    expect(auth.authenticate(`${prefix}.${forged}.${sig}`)).toBeUndefined();
    expect(auth.authenticate(`${t.token.slice(0, -2)}AA`)).toBeUndefined();
    const other = createAuth({ adminKey: undefined, apiKeys: [], tokenSecret: `${SECRET}-other` }, () => NOW);
    expect(other.authenticate(t.token)).toBeUndefined();
  });

  it('refuses every token without a secret and cannot issue one', () => {
    const none = createAuth({ adminKey: ADMIN, apiKeys: [], tokenSecret: undefined });
    expect(none.canIssueTokens).toBe(false);
    expect(() => none.issueToken('acct-1')).toThrow(/CHATSIGNAL_TOKEN_SECRET/);
    expect(none.authenticate(auth.issueToken('acct-1').token)).toBeUndefined();
  });

  it('bounds token lifetimes', () => {
    expect(() => auth.issueToken('a', 10)).toThrow(/ttlSeconds/);
    expect(() => auth.issueToken('a', 365 * 86400)).toThrow(/ttlSeconds/);
  });
});

describe('access rules', () => {
  const user = (accountId: string) => ({ kind: 'user' as const, accountId });
  const key = (role: 'admin' | 'ingest' | 'advertiser') => ({ kind: 'key' as const, role });
  it('follows the table in docs/policy.md', () => {
    const table = [
      ['admin', key('admin'), true],
      ['admin', key('ingest'), false],
      ['admin', key('advertiser'), false],
      ['admin', user('a'), false],
      ['ingest', key('admin'), true],
      ['ingest', key('ingest'), true],
      ['ingest', key('advertiser'), false],
      ['ingest', user('a'), false],
      ['advertiser', key('admin'), true],
      ['advertiser', key('advertiser'), true],
      ['advertiser', key('ingest'), false],
      ['advertiser', user('a'), false],
      ['account', key('admin'), true],
      ['account', key('ingest'), false],
      ['account', key('advertiser'), false],
      ['account', user('a'), true],
      ['account', user('b'), false],
    ] as const;
    for (const [access, who, ok] of table)
      expect(allowed(access, who, 'a'), `${access} ${JSON.stringify(who)}`).toBe(ok);
    expect(allowed('account', user('a'), undefined)).toBe(false);
  });
});

describe('access hook', () => {
  const build = async (auth = createAuth({ adminKey: ADMIN, apiKeys: [], tokenSecret: SECRET })) => {
    const server = Fastify({ logger: false });
    installErrorHandler(server);
    installAuth(server, auth);
    server.get('/open', { config: { access: 'public' } }, async () => ({ ok: true }));
    server.get('/forgot', async () => ({ secret: 'data' }));
    server.get('/admin', { config: { access: 'admin' } }, async () => ({ ok: true }));
    await server.ready();
    return server;
  };

  it('refuses a route without an access rule, even to the admin (fail closed)', async () => {
    const s = await build();
    for (const headers of [{}, { authorization: `Bearer ${ADMIN}` }]) {
      const r = await s.inject({ method: 'GET', url: '/forgot', headers });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
      expect(r.body).not.toContain('data');
    }
    await s.close();
  });

  it('refuses everything but public routes when no key is configured', async () => {
    const s = await build(createAuth({ adminKey: undefined, apiKeys: [], tokenSecret: undefined }));
    expect((await s.inject({ method: 'GET', url: '/open' })).statusCode).toBe(200);
    const r = await s.inject({
      method: 'GET',
      url: '/admin',
      headers: { authorization: 'Bearer anything-at-all-123' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(/no API keys are configured/);
    await s.close();
  });

  it('answers 401 with a Bearer challenge for a missing or malformed header', async () => {
    const s = await build();
    for (const authorization of [undefined, 'Basic abc', `Bearer`, `Token ${ADMIN}`]) {
      const r = await s.inject({
        method: 'GET',
        url: '/admin',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(r.statusCode, String(authorization)).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Bearer');
    }
    expect(
      (await s.inject({ method: 'GET', url: '/admin', headers: { authorization: `bearer ${ADMIN}` } }))
        .statusCode,
    ).toBe(200);
    await s.close();
  });

  it('guards the HEAD routes Fastify adds for GET routes the same way', async () => {
    const s = await build();
    expect((await s.inject({ method: 'HEAD', url: '/admin' })).statusCode).toBe(401);
    expect((await s.inject({ method: 'HEAD', url: '/forgot' })).statusCode).toBe(403);
    expect((await s.inject({ method: 'HEAD', url: '/open' })).statusCode).toBe(200);
    await s.close();
  });

  it('lets unknown paths reach the 404 handler', async () => {
    const s = await build();
    expect((await s.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
    await s.close();
  });
});

describe('dev credentials', () => {
  it('generates an admin key and token secret when none are configured, and prints them', () => {
    let printed = '';
    const c = withDevCredentials(loadConfig({}), (t) => (printed += t));
    expect(c.adminKey).toMatch(/^dev-/);
    expect(c.tokenSecret?.length).toBeGreaterThanOrEqual(32);
    expect(printed).toContain(c.adminKey);
    expect(printed).toContain(c.tokenSecret);
    const again = withDevCredentials(loadConfig({}), () => {});
    expect(again.adminKey).not.toBe(c.adminKey);
  });

  it('never replaces configured keys', () => {
    let printed = '';
    const base = loadConfig({ CHATSIGNAL_ADMIN_KEY: ADMIN });
    expect(withDevCredentials(base, (t) => (printed += t))).toBe(base);
    const ingestOnly = loadConfig({ CHATSIGNAL_API_KEYS: 'ingest:ingest-key-0123456789ab' });
    expect(withDevCredentials(ingestOnly, (t) => (printed += t))).toBe(ingestOnly);
    expect(printed).toBe('');
  });
});
