import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { PolicySchema } from '../../src/core/model/policy.js';
import { buildServer } from '../../src/http/server.js';
import { AUTH, adult, chatEvent, testApp } from '../support/fixtures.js';

const campaign = (overrides: Record<string, unknown> = {}) => ({
  campaignId: 'c-hiking',
  advertiserId: 'adv-1',
  name: 'Trail boots',
  schedule: { start: '2026-01-01T00:00:00Z' },
  budget: { total: 10_000, daily: 500 },
  bid: { model: 'cpm', amount: 5 },
  creatives: [{ id: 'cr-1', headline: 'Boots for every trail', url: 'https://boots.example.com' }],
  targeting: { interests: { anyOf: ['653'] }, countries: ['US'] },
  ...overrides,
});

describe('serving over HTTP', () => {
  let app: App;
  let server: FastifyInstance;
  const get = (url: string) => server.inject({ method: 'GET', url, headers: AUTH });
  const post = (url: string, payload: unknown) =>
    server.inject({ method: 'POST', url, payload: payload as object, headers: AUTH });

  beforeAll(async () => {
    app = await testApp({ policy: PolicySchema.parse({ kAnonymity: 2 }) });
    server = await buildServer(app);
    for (const id of ['u1', 'u2', 'u3']) await app.store.upsertAccount(adult({ accountId: id }));
    await app.store.upsertAccount(adult({ accountId: 'teen', birthYear: 2012 }));
    await app.store.upsertAccount(adult({ accountId: 'eu', region: 'DE' }));
    const events = ['u1', 'u2', 'u3'].flatMap((id) => [
      chatEvent({
        accountId: id,
        text: 'Plan a week of travel in Japan: flights, hotels and a hiking trip near Kyoto',
      }),
      chatEvent({ accountId: id, text: 'I love travelling, book me a beach resort holiday in Mexico' }),
    ]);
    await app.ingest(events);
    await app.serving.saveContent([
      {
        itemId: 'post-1',
        kind: 'post',
        title: 'Ten hidden beaches',
        topics: ['653'],
        publishedAt: '2026-05-30T00:00:00Z',
      },
      {
        itemId: 'evt-1',
        kind: 'event',
        title: 'Jazz night',
        topics: ['338'],
        publishedAt: '2026-05-29T00:00:00Z',
      },
    ]);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('refuses a campaign that targets a sensitive topic, with the path', async () => {
    const r = await post(
      '/v1/campaigns',
      campaign({ campaignId: 'c-bad', targeting: { interests: { anyOf: ['317'] } } }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({ path: 'targeting.interests.anyOf[0]' });
    expect(r.json().error.message).toContain('sensitive');
    expect((await get('/v1/campaigns/c-bad')).statusCode).toBe(404);
  });

  it('saves a campaign and serves it with a why that names real matches', async () => {
    expect((await post('/v1/campaigns', campaign())).statusCode).toBe(201);
    const r = await get('/v1/accounts/u1/ads');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.personalised).toBe(true);
    const ad = body.ads.find((a: { campaignId: string }) => a.campaignId === 'c-hiking');
    expect(ad).toBeDefined();
    expect(ad.why.sentence).toMatch(/Travel/);
    const profile = (await get('/v1/accounts/u1/profile')).json();
    const held = new Set(profile.interests.map((i: { id: string }) => i.id));
    for (const i of ad.why.interests) expect(held.has(i.id)).toBe(true);
  });

  it('serves excluded accounts without personalisation, saying why', async () => {
    for (const [id, reason] of [
      ['teen', 'minor'],
      ['eu', 'region'],
    ]) {
      const body = (await get(`/v1/accounts/${id}/ads`)).json();
      expect(body.personalised, id).toBe(false);
      expect(body.reason, id).toBe(reason);
      for (const ad of body.ads) expect(ad.why.interests).toEqual([]);
    }
  });

  it('estimates audiences k-anonymously', async () => {
    const big = (
      await post('/v1/audience/estimate', { targeting: { interests: { anyOf: ['653'] } } })
    ).json();
    expect(big.belowFloor).toBe(false);
    const none = (
      await post('/v1/audience/estimate', { targeting: { interests: { anyOf: ['680'] } } })
    ).json();
    expect(none).toMatchObject({ belowFloor: true, eligible: 0, display: 'fewer than 2' });
  });

  it('records impressions once, at the auction price, and reports delivery', async () => {
    const ad = (await get('/v1/accounts/u2/ads')).json().ads[0];
    const first = await post('/v1/ad-events', { impressionId: ad.impressionId, kind: 'impression' });
    expect(first.statusCode).toBe(201);
    const again = await post('/v1/ad-events', { impressionId: ad.impressionId, kind: 'impression' });
    expect(again.json()).toEqual({ recorded: false, cost: 0 });
    const unknown = await post('/v1/ad-events', { impressionId: 'nope', kind: 'click' });
    expect(unknown.statusCode).toBe(404);
    // An id whose signed price was altered records nothing.
    const [payload, mac] = String(ad.impressionId).split('.');
    const forged = Buffer.from(
      Buffer.from(payload!, 'base64url')
        .toString()
        .replace(/,(\d+(\.\d+)?),/, ',0,'),
    ).toString('base64url');
    expect(
      (await post('/v1/ad-events', { impressionId: `${forged}.${mac}`, kind: 'click' })).statusCode,
    ).toBe(404);
    const delivery = (await get('/v1/delivery')).json().campaigns;
    expect(delivery.find((d: { campaignId: string }) => d.campaignId === ad.campaignId).impressions).toBe(1);
  });

  it('recommends content with a why, and never a muted topic', async () => {
    const body = (await get('/v1/accounts/u3/recommendations')).json();
    expect(body.items[0].item.itemId).toBe('post-1');
    expect(body.items[0].why.sentence.length).toBeGreaterThan(10);
    await app.store.upsertAccount(adult({ accountId: 'u3', mutedTopics: ['653'] }));
    const muted = (await get('/v1/accounts/u3/recommendations')).json();
    expect(muted.items.map((i: { item: { itemId: string } }) => i.item.itemId)).not.toContain('post-1');
  });
});
