import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { buildServer } from '../../src/http/server.js';
import { registerStatic } from '../../src/http/static.js';
import { AUTH, adult, chatEvent, testApp } from '../support/fixtures.js';

describe('console API', () => {
  let app: App;
  let server: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({}, { CHATSIGNAL_API_KEYS: 'advertiser:advertiser-key-0123456789' });
    server = await buildServer(app);
    await app.store.upsertAccount(adult());
    await app.ingest([chatEvent(), chatEvent({ surface: 'voice' })]);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });
  const ADV = { authorization: 'Bearer advertiser-key-0123456789' };
  const get = (url: string, headers: Record<string, string> = ADV) =>
    server.inject({ method: 'GET', url, headers });

  it('serves the policy notice publicly, with its effective date', async () => {
    const r = await server.inject({ method: 'GET', url: '/v1/policy' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      effectiveDate: app.policy.effectiveDate,
      minimumAge: app.policy.minimumAge,
    });
  });

  it('searches the taxonomy in English and through multilingual aliases', async () => {
    const en = (await get('/v1/taxonomy?q=camping')).json().nodes;
    expect(en[0]).toMatchObject({ id: '677', name: 'Camping', sensitive: null, adEligible: true });
    for (const q of ['fútbol', 'futebol', 'サッカー', 'FUTBOL']) {
      const nodes = (await get(`/v1/taxonomy?q=${encodeURIComponent(q)}`)).json().nodes;
      expect(nodes[0], q).toMatchObject({ name: 'Soccer' });
      expect(nodes[0].matched, q).toBeDefined();
    }
  });

  it('lists sensitive and unsafe nodes with the reason they cannot be targeted', async () => {
    const politics = (await get('/v1/taxonomy?q=pol%C3%ADtica')).json().nodes[0];
    expect(politics).toMatchObject({ id: '386', sensitive: 'politics', adEligible: false });
    expect(politics.reason).toMatch(/sensitive category \(politics\)/);
    const byId = (await get('/v1/taxonomy?ids=386,677,nope')).json().nodes;
    expect(byId.map((n: { id: string }) => n.id)).toEqual(['386', '677']);
    expect((await get('/v1/taxonomy')).json().nodes.every((n: { tier: number }) => n.tier === 1)).toBe(true);
  });

  it('needs the advertiser (or admin) key for the taxonomy, and the admin key for stats', async () => {
    expect((await get('/v1/taxonomy?q=x', {})).statusCode).toBe(401);
    expect((await get('/v1/stats')).statusCode).toBe(403);
    const stats = await get('/v1/stats', AUTH);
    expect(stats.statusCode).toBe(200);
    const body = stats.json();
    expect(body.eventsTotal).toBeGreaterThanOrEqual(2);
    expect(body.outcomes.kept).toBeGreaterThanOrEqual(1);
    expect(body.surfaces).toMatchObject({ assistant_chat: 1, voice: 1 });
    expect(body.topInterestsByCountry[0]).toMatchObject({ country: 'US' });
  });

  it('answers / and /console/ even when the web console is not built', async () => {
    const s = Fastify();
    s.decorateRequest('principal', null);
    await registerStatic(s, null);
    const r = await s.inject({ method: 'GET', url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('npm run build:web');
    await s.close();
  });
});

describe('static web console', () => {
  let dir: string;
  let s: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatsignal-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    s = Fastify();
    await registerStatic(s, dir);
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects / to /console/ and serves the app with strict headers', async () => {
    const root = await s.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/console/');
    const index = await s.inject({ method: 'GET', url: '/console/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>console</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
  });

  it('serves hashed assets as immutable, deep links as the app, and 404s for missing files', async () => {
    const asset = await s.inject({ method: 'GET', url: '/console/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await s.inject({ method: 'GET', url: '/console/privacy' })).body).toContain(
      '<title>console</title>',
    );
    expect((await s.inject({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404);
  });

  it('never serves files outside the build folder', async () => {
    for (const url of [
      '/console/../package.json',
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/..%2f..%2fpackage.json',
    ]) {
      const r = await s.inject({ method: 'GET', url });
      expect(r.body, url).not.toContain('"name"');
    }
  });
});
