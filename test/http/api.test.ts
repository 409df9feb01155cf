import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { buildServer } from '../../src/http/server.js';
import { AUTH, adult, chatEvent, testApp } from '../support/fixtures.js';

describe('HTTP API', () => {
  let app: App;
  let server: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({}, { CHATSIGNAL_MAX_BODY_BYTES: '4096' });
    server = await buildServer(app);
    await app.store.upsertAccount(adult());
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const post = (payload: string, contentType = 'application/json') =>
    server.inject({
      method: 'POST',
      url: '/v1/events',
      payload,
      headers: { ...AUTH, 'content-type': contentType },
    });

  it('accepts one event', async () => {
    const r = await post(JSON.stringify(chatEvent()));
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ accepted: 1, counts: { kept: 1 } });
  });

  it('accepts an array and NDJSON', async () => {
    const arr = await post(JSON.stringify([chatEvent(), chatEvent()]));
    expect(arr.json()).toMatchObject({ accepted: 2 });
    const nd = await post(
      [chatEvent(), chatEvent()].map((e) => JSON.stringify(e)).join('\n'),
      'application/x-ndjson',
    );
    expect(nd.statusCode).toBe(202);
    expect(nd.json()).toMatchObject({ accepted: 2 });
  });

  it('answers 400 with field paths, and keeps the valid events of the batch', async () => {
    const good = chatEvent({ eventId: 'keep-me' });
    const r = await post(JSON.stringify([good, chatEvent({ region: 'usa' })]));
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.details).toEqual([expect.objectContaining({ path: 'events[1].region' })]);
    expect(body.accepted).toBe(1);
    const again = await post(JSON.stringify(good));
    expect(again.json().counts).toEqual({ duplicate: 1 });
  });

  it('reports a bad NDJSON line by number', async () => {
    const r = await post(`${JSON.stringify(chatEvent())}\n{not json\n`, 'application/x-ndjson');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('line 2');
    expect(r.json().accepted).toBe(1);
  });

  it('answers 400 for malformed JSON, 413 for oversize, 415 for a wrong type', async () => {
    expect((await post('{"eventId": ')).statusCode).toBe(400);
    expect((await post('{"eventId": ')).json().error.code).toBe('invalid_json');
    const big = await post(JSON.stringify(chatEvent({ text: 'x'.repeat(5000) })));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const wrong = await post('eventId=1', 'application/x-www-form-urlencoded');
    expect(wrong.statusCode).toBe(415);
    expect(wrong.json().error.code).toBe('unsupported_media_type');
  });

  it('answers 400 for bodies that are not events at all', async () => {
    for (const payload of ['42', '"hello"', '[]', 'null']) {
      const r = await post(payload);
      expect(r.statusCode, payload).toBe(400);
      expect(r.json().error.code).toMatch(/invalid_/);
    }
  });

  it('answers 404 for unknown accounts and routes', async () => {
    for (const url of [
      '/v1/accounts/nobody/profile',
      '/v1/accounts/nobody/ads',
      '/v1/accounts/nobody/recommendations',
      '/v1/nothing',
    ]) {
      const r = await server.inject({ method: 'GET', url, headers: AUTH });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
  });

  it('upserts an account with validation', async () => {
    const bad = await server.inject({
      method: 'PUT',
      url: '/v1/accounts/a2',
      payload: { birthYear: 'old' },
      headers: AUTH,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.birthYear');
    const ok = await server.inject({
      method: 'PUT',
      url: '/v1/accounts/a2',
      payload: { region: 'US', birthYear: 1980 },
      headers: AUTH,
    });
    expect(ok.statusCode).toBe(201);
    const again = await server.inject({
      method: 'PUT',
      url: '/v1/accounts/a2',
      payload: { region: 'CA' },
      headers: AUTH,
    });
    expect(again.statusCode).toBe(200);
  });

  it('serves a profile, health and metrics', async () => {
    const p = await server.inject({ method: 'GET', url: '/v1/accounts/acct-1/profile', headers: AUTH });
    expect(p.statusCode).toBe(200);
    expect(p.json().interests.length).toBeGreaterThan(0);
    expect((await server.inject('/healthz')).json()).toMatchObject({ status: 'ok' });
    const m = await server.inject('/metrics');
    expect(m.headers['content-type']).toContain('text/plain');
    expect(m.body).toMatch(/chatsignal_events_total\{outcome="kept"\} \d+/);
  });
});
