import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { loadPolicy } from '../../src/app/policy-file.js';
import { runRetention } from '../../src/app/retention.js';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { DEFAULT_POLICY, PolicySchema, type PolicyInput } from '../../src/core/model/index.js';
import { adult, chatEvent, NOW, testApp } from '../support/fixtures.js';
import { allCells, outcomes } from './helpers.js';

const DAY = 86_400_000;
const announced = loadPolicy(fileURLToPath(new URL('../../policies/announced.json', import.meta.url)));

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A real app on a real in-memory SQLite store with the default policy, or overrides of it. */
async function withPolicy(policy: PolicyInput | typeof DEFAULT_POLICY = {}): Promise<App> {
  app = await testApp({ store: new SqliteStore(':memory:'), policy: PolicySchema.parse(policy) });
  return app;
}

describe('policy defaults, each with its fail-closed side (real SQLite store)', { timeout: 120_000 }, () => {
  it('keeps an event that meets every rule and stores its signals', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult());
    expect(await outcomes(a, [chatEvent()])).toEqual(['kept']);
    expect((await a.store.signalsFor('acct-1')).length).toBeGreaterThan(0);
  });

  it('effective date: nothing before 2025-12-16 counts', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ noticeShownAt: '2025-11-01T00:00:00Z' }));
    expect(
      await outcomes(a, [
        chatEvent({ occurredAt: '2025-12-15T23:59:59Z' }),
        chatEvent({ occurredAt: '2025-12-16T00:00:00Z' }),
      ]),
    ).toEqual(['excluded:before_effective_date', 'kept']);
  });

  it('excluded regions: EU/EEA, UK and South Korea are out, and so is an unknown code or region', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult());
    await a.store.upsertAccount(adult({ accountId: 'acct-kr', region: 'KR' }));
    await a.store.upsertAccount(adult({ accountId: 'acct-nowhere', region: null }));
    expect(
      await outcomes(a, [
        chatEvent({ region: 'DE' }),
        chatEvent({ region: 'NO' }),
        chatEvent({ region: 'GB' }),
        chatEvent({ accountId: 'acct-kr' }),
        chatEvent({ region: 'ZZ' }),
        chatEvent({ accountId: 'acct-nowhere' }),
        chatEvent({ region: 'BR' }),
      ]),
    ).toEqual([...Array(6).fill('excluded:region'), 'kept']);
  });

  it('minimum age 18: a possible minor and an unknown age are both out', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ accountId: 'teen', birthYear: 2008 }));
    await a.store.upsertAccount(adult({ accountId: 'unknown-age', birthYear: null }));
    await a.store.upsertAccount(adult({ accountId: 'just-adult', birthYear: 2007 }));
    expect(
      await outcomes(a, [
        chatEvent({ accountId: 'teen' }),
        chatEvent({ accountId: 'unknown-age' }),
        chatEvent({ accountId: 'just-adult' }),
      ]),
    ).toEqual(['excluded:minor', 'excluded:age_unknown', 'kept']);
    expect(await a.store.signalsFor('teen')).toEqual([]);
  });

  it('linked ad account required; not when the policy says so', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ linkedAdAccounts: [] }));
    expect(await outcomes(a, [chatEvent()])).toEqual(['excluded:unlinked']);
    await a.close();
    const b = await withPolicy({ requireLinkedAdAccount: false });
    await b.store.upsertAccount(adult({ linkedAdAccounts: [] }));
    expect(await outcomes(b, [chatEvent()])).toEqual(['kept']);
  });

  it('notice required, and only events after it count', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ noticeShownAt: null }));
    await a.store.upsertAccount(adult({ accountId: 'late', noticeShownAt: '2026-05-31T00:00:00Z' }));
    expect(await outcomes(a, [chatEvent(), chatEvent({ accountId: 'late' })])).toEqual([
      'excluded:no_notice',
      'excluded:no_notice',
    ]);
  });

  it('opt-out allowed by default; the announced policy ignores it', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ optedOut: true }));
    expect(await outcomes(a, [chatEvent()])).toEqual(['excluded:opted_out']);
    await a.close();
    const b = await withPolicy(announced);
    await b.store.upsertAccount(adult({ optedOut: true }));
    expect(await outcomes(b, [chatEvent()])).toEqual(['kept']);
  });

  it('group chat speaker-only by default; all participants under the announced policy', async () => {
    const group = (extra: Record<string, unknown> = {}) =>
      chatEvent({ surface: 'group_chat', app: 'whatsapp', participantCount: 4, ...extra });
    const a = await withPolicy();
    await a.store.upsertAccount(adult());
    expect(await outcomes(a, [group(), group({ mentionedAssistant: true })])).toEqual([
      'excluded:not_addressed',
      'kept',
    ]);
    await a.close();
    const b = await withPolicy(announced);
    await b.store.upsertAccount(adult());
    expect(await outcomes(b, [group()])).toEqual(['kept']);
  });

  it('retention: older signals stop counting at once and the job deletes them', async () => {
    expect(DEFAULT_POLICY.retentionDays).toBe(180);
    // 60 days, so that the old event still falls after the effective date.
    const a = await withPolicy({ retentionDays: 60 });
    await a.store.upsertAccount(adult({ noticeShownAt: '2025-12-16T00:00:00Z' }));
    const old = new Date(NOW - 61 * DAY).toISOString();
    await a.ingest([chatEvent({ occurredAt: old }), chatEvent({ accountId: 'acct-1' })]);
    const before = await a.store.signalsFor('acct-1');
    const oldCount = before.filter((s) => s.occurredAt < NOW - 60 * DAY).length;
    expect(oldCount).toBeGreaterThan(0);
    const oldNodes = new Set(before.filter((s) => s.occurredAt < NOW - 60 * DAY).map((s) => s.nodeId));
    // The profile ignores them before the job runs: evidence counts only the recent event.
    for (const i of (await a.profile('acct-1')).interests) if (oldNodes.has(i.id)) expect(i.evidence).toBe(1);
    const r = await runRetention(a);
    expect(r).toMatchObject({ retentionDays: 60, cutoff: NOW - 60 * DAY, deleted: oldCount });
    expect((await a.store.signalsFor('acct-1')).every((s) => s.occurredAt >= r.cutoff)).toBe(true);
    expect(await runRetention(a)).toMatchObject({ deleted: 0 });
  });

  it('half-life 30 days: a month-old interest weighs half as much', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult({ accountId: 'fresh' }));
    await a.store.upsertAccount(adult({ accountId: 'month-old' }));
    await a.ingest([
      chatEvent({ accountId: 'fresh', occurredAt: new Date(NOW).toISOString() }),
      chatEvent({ accountId: 'month-old', occurredAt: new Date(NOW - 30 * DAY).toISOString() }),
    ]);
    const fresh = (await a.profile('fresh')).interests[0];
    const old = (await a.profile('month-old')).interests.find((i) => i.id === fresh?.id);
    expect(fresh).toBeDefined();
    expect(old).toBeDefined();
    const mass = (score: number) => -Math.log(1 - score);
    expect(mass(old!.score) / mass(fresh!.score)).toBeCloseTo(0.5, 1);
  });

  it('surface weights and turned-off surfaces', async () => {
    const a = await withPolicy({ surfaceWeights: { vibes: 0 } });
    await a.store.upsertAccount(adult({ disabledSurfaces: ['voice'] }));
    expect(
      await outcomes(a, [
        chatEvent({ surface: 'voice', app: 'glasses' }),
        chatEvent({ surface: 'vibes', app: 'vibes' }),
        chatEvent({ surface: 'imagine', app: 'imagine' }),
      ]),
    ).toEqual(['excluded:surface_disabled', 'excluded:surface_disabled', 'kept']);
  });

  it('never stores message text, in audit rows or anywhere else', async () => {
    const a = await withPolicy();
    await a.store.upsertAccount(adult());
    await a.store.upsertAccount(adult({ accountId: 'teen', birthYear: 2010 }));
    const text = 'Plan a kayaking trip to Lake Tahoe, my email is jo@example.com, zebra-unicorn-42';
    await a.ingest([
      chatEvent({ text }),
      chatEvent({ accountId: 'teen', text }),
      chatEvent({ accountId: 'nobody', text }),
      chatEvent({ region: 'FR', text }),
    ]);
    const audit = await a.store.auditFor('acct-1', 100);
    expect(audit.length).toBe(2);
    for (const row of audit)
      expect(Object.keys(row).sort()).toEqual(
        [
          'accountId',
          'detail',
          'eventKey',
          'lang',
          'occurredAt',
          'outcome',
          'processedAt',
          'signals',
          'surface',
        ].sort(),
      );
    const cells = allCells(a.store).join('\n');
    for (const fragment of ['kayaking', 'Tahoe', 'jo@example.com', 'zebra-unicorn-42', 'evt-'])
      expect(cells).not.toContain(fragment);
  });
});
