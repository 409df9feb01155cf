import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { buildServer } from '../../src/http/server.js';
import { ADMIN_KEY, adult, chatEvent, testApp } from '../support/fixtures.js';
import { rowsMentioning } from './helpers.js';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const TEXT = 'Can you plan a three day hiking trip in the Rocky Mountains with camping gear?';

describe('user controls over HTTP (real SQLite store)', { timeout: 120_000 }, () => {
  let app: App;
  let server: FastifyInstance;
  let me: { authorization: string };
  beforeAll(async () => {
    app = await testApp();
    server = await buildServer(app);
    const put = await server.inject({
      method: 'PUT',
      url: '/v1/accounts/acct-1',
      headers: admin,
      payload: adult(),
    });
    expect(put.statusCode).toBe(201);
    const t = await server.inject({
      method: 'POST',
      url: '/v1/accounts/acct-1/token',
      headers: admin,
      payload: {},
    });
    expect(t.statusCode).toBe(201);
    me = { authorization: `Bearer ${t.json().token}` };
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const ingest = async (events: Record<string, unknown>[]) => {
    const r = await server.inject({ method: 'POST', url: '/v1/events', headers: admin, payload: events });
    expect(r.statusCode, r.body).toBe(202);
    return r.json() as {
      counts: Record<string, number>;
      outcomes: { outcome: { kind: string; reason?: string } }[];
    };
  };
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = me) =>
    server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const profile = async () => {
    const r = await req('GET', '/v1/accounts/acct-1/profile');
    expect(r.statusCode).toBe(200);
    return r.json() as { interests: { id: string; name: string; why: string; path: string[] }[] };
  };
  const descendants = (id: string) => new Set(app.taxonomy.descendantsOf(id).map((n) => n.id));

  it('shows the profile with a plain-language reason for each interest', async () => {
    await ingest([chatEvent({ text: TEXT }), chatEvent({ text: TEXT, surface: 'voice', app: 'glasses' })]);
    const p = await profile();
    expect(p.interests.length).toBeGreaterThan(0);
    for (const i of p.interests) {
      expect(i.why).toMatch(
        /^(You said you are interested in this|Inferred from what you talked about)\. Seen in \d+ interactions? \(/,
      );
      expect(i.why).toContain(i.path.join(' › '));
    }
  });

  it('mutes a topic with everything below it: signals go and it stays blocked', async () => {
    const top = (await profile()).interests[0]!;
    // Mute the top-level ancestor so that descendants are covered too.
    const root = app.taxonomy.ancestorsOf(top.id).at(-1)!.id;
    const r = await req('POST', '/v1/accounts/acct-1/mutes', { topicId: root });
    expect(r.statusCode).toBe(200);
    expect(r.json().deleted).toBeGreaterThan(0);
    expect(r.json().account.mutedTopics).toContain(root);
    const under = descendants(root);
    expect((await app.store.signalsFor('acct-1')).filter((s) => under.has(s.nodeId))).toEqual([]);
    expect((await profile()).interests.filter((i) => under.has(i.id))).toEqual([]);
    await ingest([chatEvent({ text: TEXT })]);
    expect((await app.store.signalsFor('acct-1')).filter((s) => under.has(s.nodeId))).toEqual([]);
    expect((await req('GET', '/v1/accounts/acct-1/profile')).json().mutedTopics).toEqual([
      { id: root, name: app.taxonomy.get(root)!.name },
    ]);
  });

  it('refuses to unmute a child of a muted topic, then unmutes the topic itself', async () => {
    const [root] = (await app.store.getAccount('acct-1'))!.mutedTopics;
    const child = app.taxonomy.get(root!)!.childIds[0]!;
    const no = await req('DELETE', `/v1/accounts/acct-1/mutes/${child}`);
    expect(no.statusCode).toBe(409);
    expect(no.json().error.message).toContain(`muted through "${root}"`);
    const yes = await req('DELETE', `/v1/accounts/acct-1/mutes/${root}`);
    expect(yes.statusCode).toBe(200);
    expect(yes.json().account.mutedTopics).toEqual([]);
    await ingest([chatEvent({ text: TEXT })]);
    expect((await profile()).interests.some((i) => descendants(root!).has(i.id))).toBe(true);
  });

  it('can mute a topic never inferred', async () => {
    const r = await req('POST', '/v1/accounts/acct-1/mutes', { topicId: '181' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ deleted: 0 });
    expect((await req('DELETE', '/v1/accounts/acct-1/mutes/181')).statusCode).toBe(200);
  });

  it('answers 400 for an unknown topic and 404 for an unknown account', async () => {
    const bad = await req('POST', '/v1/accounts/acct-1/mutes', { topicId: 'no-such' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/unknown topic "no-such"/);
    expect((await req('DELETE', '/v1/accounts/acct-1/interests/no-such')).statusCode).toBe(400);
    expect((await req('POST', '/v1/accounts/acct-1/mutes', {})).statusCode).toBe(400);
    const missing = await req('POST', '/v1/accounts/ghost/mutes', { topicId: '653' }, admin);
    expect(missing.statusCode).toBe(404);
    expect((await req('GET', '/v1/accounts/ghost/export', undefined, admin)).statusCode).toBe(404);
    expect((await req('PUT', '/v1/accounts/acct-1/surfaces', { disabled: ['telepathy'] })).statusCode).toBe(
      400,
    );
  });

  it('turns kinds of interaction off and on again', async () => {
    const off = await req('PUT', '/v1/accounts/acct-1/surfaces', { disabled: ['voice', 'glasses_image'] });
    expect(off.json().account.disabledSurfaces).toEqual(['glasses_image', 'voice']);
    const r = await ingest([
      chatEvent({ text: TEXT, surface: 'voice', app: 'glasses' }),
      chatEvent({ surface: 'glasses_image', app: 'glasses', text: undefined, imageLabels: ['tent'] }),
      chatEvent({ text: TEXT }),
    ]);
    expect(r.outcomes.map((o) => o.outcome.reason ?? o.outcome.kind)).toEqual([
      'surface_disabled',
      'surface_disabled',
      'kept',
    ]);
    await req('PUT', '/v1/accounts/acct-1/surfaces', { disabled: [] });
    const again = await ingest([chatEvent({ text: TEXT, surface: 'voice', app: 'glasses' })]);
    expect(again.counts).toEqual({ kept: 1 });
  });

  it('deletes one interest (and what is below it) without blocking it', async () => {
    const top = (await profile()).interests[0]!;
    const r = await req('DELETE', `/v1/accounts/acct-1/interests/${top.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().deleted).toBeGreaterThan(0);
    const under = descendants(top.id);
    expect((await app.store.signalsFor('acct-1')).filter((s) => under.has(s.nodeId))).toEqual([]);
    expect((await app.store.getAccount('acct-1'))!.mutedTopics).toEqual([]);
  });

  it('resets the profile', async () => {
    await ingest([chatEvent({ text: TEXT })]);
    const r = await req('POST', '/v1/accounts/acct-1/reset');
    expect(r.statusCode).toBe(200);
    expect(await app.store.signalsFor('acct-1')).toEqual([]);
    expect((await profile()).interests).toEqual([]);
  });

  it('opts out (stops and purges) and back in', async () => {
    await ingest([chatEvent({ text: TEXT })]);
    const out = await req('POST', '/v1/accounts/acct-1/opt-out');
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ account: { optedOut: true } });
    expect(out.json().deleted).toBeGreaterThan(0);
    expect(await app.store.signalsFor('acct-1')).toEqual([]);
    expect((await ingest([chatEvent({ text: TEXT })])).counts).toEqual({ 'excluded:opted_out': 1 });
    expect(await app.store.signalsFor('acct-1')).toEqual([]);
    expect((await req('POST', '/v1/accounts/acct-1/opt-in')).json().account.optedOut).toBe(false);
    expect((await ingest([chatEvent({ text: TEXT })])).counts).toEqual({ kept: 1 });
  });

  it('records a notice, keeping the earliest showing (admin only)', async () => {
    expect((await req('POST', '/v1/accounts/acct-1/notice', {})).statusCode).toBe(403);
    const later = await req('POST', '/v1/accounts/acct-1/notice', { shownAt: '2026-05-01T00:00:00Z' }, admin);
    expect(later.json().account.noticeShownAt).toBe('2025-12-01T00:00:00Z');
    const bad = await req('POST', '/v1/accounts/acct-1/notice', { shownAt: 'yesterday' }, admin);
    expect(bad.statusCode).toBe(400);
  });

  it('lists the decisions about the account, without text', async () => {
    const r = await req('GET', '/v1/accounts/acct-1/decisions?limit=500');
    expect(r.statusCode).toBe(200);
    const { decisions } = r.json() as { decisions: { outcome: string }[] };
    const outcomesSeen = new Set(decisions.map((d) => d.outcome));
    for (const o of ['kept', 'excluded:surface_disabled', 'excluded:opted_out'])
      expect(outcomesSeen).toContain(o);
    expect(r.body).not.toContain('Rocky');
    expect((await req('GET', '/v1/accounts/acct-1/decisions?limit=0')).statusCode).toBe(400);
  });

  it('exports everything held, without text, with the dated history of settings', async () => {
    const r = await req('GET', '/v1/accounts/acct-1/export');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(Object.keys(body).sort()).toEqual([
      'account',
      'decisions',
      'exportedAt',
      'profile',
      'settingChanges',
      'signals',
    ]);
    expect(body.account.accountId).toBe('acct-1');
    expect(body.signals.total).toBe((await app.store.signalsFor('acct-1')).length);
    const actions = (body.settingChanges as { action: string; actor: string; at: number }[]).map(
      (c) => `${c.actor}:${c.action}`,
    );
    for (const a of [
      'admin:account.created',
      'admin:token.issued',
      'user:mute',
      'user:unmute',
      'user:surfaces',
      'user:interest.deleted',
      'user:reset',
      'user:opt-out',
      'user:opt-in',
      'admin:notice',
    ]) {
      expect(actions).toContain(a);
    }
    expect(r.body).not.toContain('Rocky');
    expect(r.body).not.toContain('hiking trip');
  });

  it('purges signals when the last linked ad account is removed', async () => {
    await ingest([chatEvent({ text: TEXT })]);
    expect((await app.store.signalsFor('acct-1')).length).toBeGreaterThan(0);
    const current = (await app.store.getAccount('acct-1'))!;
    const r = await req('PUT', '/v1/accounts/acct-1', { ...current, linkedAdAccounts: [] }, admin);
    expect(r.statusCode).toBe(200);
    expect(await app.store.signalsFor('acct-1')).toEqual([]);
    expect(await app.store.settingChanges('acct-1')).toContainEqual(
      expect.objectContaining({ action: 'ad-accounts.unlinked', actor: 'admin' }),
    );
    expect((await ingest([chatEvent({ text: TEXT })])).counts).toEqual({ 'excluded:unlinked': 1 });
    await req('PUT', '/v1/accounts/acct-1', current, admin);
  });

  it('refuses an unknown topic in a PUT of mutedTopics', async () => {
    const current = (await app.store.getAccount('acct-1'))!;
    const r = await req('PUT', '/v1/accounts/acct-1', { ...current, mutedTopics: ['nope'] }, admin);
    expect(r.statusCode).toBe(400);
  });

  it('erases the account: no row mentions it, a replay changes nothing, the id cannot come back', async () => {
    const events = [chatEvent({ text: TEXT }), chatEvent({ text: TEXT, surface: 'voice', app: 'glasses' })];
    await ingest(events);
    const r = await req('DELETE', '/v1/accounts/acct-1');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ accountId: 'acct-1', erased: true, hadAccount: true });
    expect(rowsMentioning(app.store, 'acct-1')).toEqual({});
    const snapshot = JSON.stringify((app.store as unknown as { dumpTables(): unknown }).dumpTables());
    // The audit rows went too, so the replay is not a duplicate: the tombstone stops it.
    const replay = await ingest(events);
    expect(replay.counts).toEqual({ 'excluded:erased': 2 });
    const fresh = await ingest([chatEvent({ text: TEXT })]);
    expect(fresh.counts).toEqual({ 'excluded:erased': 1 });
    expect(JSON.stringify((app.store as unknown as { dumpTables(): unknown }).dumpTables())).toBe(snapshot);
    expect((await req('GET', '/v1/accounts/acct-1/profile', undefined, admin)).statusCode).toBe(404);
    const back = await req('PUT', '/v1/accounts/acct-1', adult(), admin);
    expect(back.statusCode).toBe(409);
  });

  it('refuses to opt out under a policy without opt-out', async () => {
    const { loadPolicy } = await import('../../src/app/policy-file.js');
    const announced = loadPolicy(new URL('../../policies/announced.json', import.meta.url).pathname);
    const other = await testApp({ policy: announced });
    await other.store.upsertAccount(adult({ accountId: 'acct-7' }));
    const s = await buildServer(other);
    const r = await s.inject({ method: 'POST', url: '/v1/accounts/acct-7/opt-out', headers: admin });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/allowOptOut: false/);
    expect((await other.store.getAccount('acct-7'))!.optedOut).toBe(false);
    await s.close();
    await other.close();
  });
});
