import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountHash } from '../../src/adapters/hash.js';
import { AccountSchema, type Account } from '../../src/core/model/account.js';
import { CampaignSchema, type Campaign } from '../../src/core/model/campaign.js';
import { ContentItemSchema, type ContentItem } from '../../src/core/model/content.js';
import type { Signal } from '../../src/core/profile/types.js';
import type { AuditRecord, IngestBatch, Store } from '../../src/ports/store.js';

/** A store under test: the port plus the dump that lets the erase test read every table. */
export type ContractStore = Store & {
  dumpTables():
    Record<string, Record<string, unknown>[]> | Promise<Record<string, Record<string, unknown>[]>>;
};

export const T0 = Date.parse('2026-01-10T12:00:00Z');
const HOUR = 3_600_000;

export function account(id: string, over: Partial<Account> = {}): Account {
  return AccountSchema.parse({
    accountId: id,
    birthYear: 1990,
    region: 'US',
    locale: 'en-US',
    linkedAdAccounts: [{ platform: 'facebook', id: `fb-${id}` }],
    noticeShownAt: '2025-12-01T00:00:00Z',
    ...over,
  });
}

export function audit(key: string, accountId: string, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    eventKey: key,
    accountId,
    occurredAt: T0,
    processedAt: T0 + 1000,
    surface: 'assistant_chat',
    lang: 'en',
    outcome: 'kept',
    detail: null,
    signals: 1,
    ...over,
  };
}

export function signal(key: string, accountId: string, nodeId: string, over: Partial<Signal> = {}): Signal {
  return {
    eventKey: key,
    accountId,
    nodeId,
    weight: 0.75,
    occurredAt: T0,
    surface: 'assistant_chat',
    strength: 'mention',
    context: 'whatsapp',
    ...over,
  };
}

/** One event with `n` signals on distinct nodes. */
function event(key: string, accountId: string, nodes: string[], at = T0): IngestBatch {
  return {
    audit: [audit(key, accountId, { occurredAt: at, signals: nodes.length })],
    signals: nodes.map((n) => signal(key, accountId, n, { occurredAt: at })),
  };
}

function merge(...batches: IngestBatch[]): IngestBatch {
  return { audit: batches.flatMap((b) => b.audit), signals: batches.flatMap((b) => b.signals) };
}

function campaign(id: string, over: Record<string, unknown> = {}): Campaign {
  return CampaignSchema.parse({
    campaignId: id,
    advertiserId: 'adv-1',
    name: `Campaign ${id}`,
    schedule: { start: '2026-01-01T00:00:00Z' },
    budget: { total: 1000, daily: 100 },
    bid: { model: 'cpm', amount: 2.5 },
    creatives: [{ id: 'cr-1', headline: 'Hike more', url: 'https://example.com/hike' }],
    targeting: { interests: { anyOf: ['483'] }, countries: ['US'] },
    ...over,
  });
}

function content(id: string, over: Record<string, unknown> = {}): ContentItem {
  return ContentItemSchema.parse({
    itemId: id,
    kind: 'post',
    title: `Item ${id}`,
    topics: ['483'],
    publishedAt: '2026-01-05T00:00:00Z',
    ...over,
  });
}

const sortSignals = (xs: Signal[]) =>
  [...xs].sort((a, b) => a.eventKey.localeCompare(b.eventKey) || a.nodeId.localeCompare(b.nodeId));

/**
 * The behaviour every Store must have. Registered once per implementation with the same body,
 * so that SQLite and PostgreSQL cannot drift apart. `makeStore` gives an empty store per test.
 */
export function runStoreContract(name: string, makeStore: () => Promise<ContractStore>): void {
  describe(`Store contract: ${name}`, () => {
    let store: ContractStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('accounts', () => {
      it('upserts, gets and replaces an account', async () => {
        expect(await store.getAccount('a1')).toBeUndefined();
        await store.upsertAccount(account('a1'));
        expect(await store.getAccount('a1')).toEqual(account('a1'));
        await store.upsertAccount(account('a1', { optedOut: true, mutedTopics: ['483'] }));
        expect(await store.getAccount('a1')).toEqual(account('a1', { optedOut: true, mutedTopics: ['483'] }));
        expect(await store.countAccounts()).toBe(1);
      });

      it('keeps null and absent optional fields apart', async () => {
        const a = account('a-null', { birthYear: null, region: null, noticeShownAt: null });
        await store.upsertAccount(a);
        expect(await store.getAccount('a-null')).toEqual(a);
      });

      it('gets many accounts at once, ignoring unknown and repeated ids', async () => {
        for (const id of ['a1', 'a2', 'a3']) await store.upsertAccount(account(id));
        const got = await store.getAccounts(['a3', 'a1', 'missing', 'a1']);
        expect([...got.keys()].sort()).toEqual(['a1', 'a3']);
        expect(got.get('a3')).toEqual(account('a3'));
        expect((await store.getAccounts([])).size).toBe(0);
      });

      it('lists accounts in id order with offset and limit, and counts them', async () => {
        const ids = ['b', 'a', 'd', 'c', 'e', 'B'];
        for (const id of ids) await store.upsertAccount(account(id));
        expect(await store.countAccounts()).toBe(6);
        // Byte order: upper case before lower case, whatever the database locale.
        expect((await store.listAccounts(0, 100)).map((a) => a.accountId)).toEqual([
          'B',
          'a',
          'b',
          'c',
          'd',
          'e',
        ]);
        expect((await store.listAccounts(2, 2)).map((a) => a.accountId)).toEqual(['b', 'c']);
        expect(await store.listAccounts(10, 5)).toEqual([]);
      });
    });

    describe('commitBatch', () => {
      it('commits audit rows and their signals and reports processed keys', async () => {
        const b = merge(event('k1', 'a1', ['483', '210']), event('k2', 'a1', ['483'], T0 + HOUR));
        expect(await store.commitBatch(b)).toEqual({ committed: 2, skipped: 0 });
        expect(await store.processedKeys(['k1', 'k2', 'k3'])).toEqual(new Set(['k1', 'k2']));
        expect(await store.processedKeys([])).toEqual(new Set());
        expect(sortSignals(await store.signalsFor('a1'))).toEqual(sortSignals(b.signals));
      });

      it('changes nothing when the same batch is committed twice', async () => {
        const b = merge(event('k1', 'a1', ['483', '210']), event('k2', 'a2', ['483']));
        await store.commitBatch(b);
        const before = {
          a1: await store.signalsFor('a1'),
          a2: await store.signalsFor('a2'),
          o: await store.outcomeCounts(),
        };
        expect(await store.commitBatch(b)).toEqual({ committed: 0, skipped: 2 });
        expect(await store.signalsFor('a1')).toEqual(before.a1);
        expect(await store.signalsFor('a2')).toEqual(before.a2);
        expect(await store.outcomeCounts()).toEqual(before.o);
      });

      it('skips an already processed event with its signals, even if they differ now', async () => {
        await store.commitBatch(event('k1', 'a1', ['483']));
        // A replay that understood the text differently must not add a second opinion.
        const replay = event('k1', 'a1', ['210', '999']);
        expect(await store.commitBatch(replay)).toEqual({ committed: 0, skipped: 1 });
        expect((await store.signalsFor('a1')).map((s) => s.nodeId)).toEqual(['483']);
      });

      it('commits only the new part of overlapping batches', async () => {
        await store.commitBatch(merge(event('k1', 'a1', ['483']), event('k2', 'a1', ['210'])));
        const r = await store.commitBatch(merge(event('k2', 'a1', ['210']), event('k3', 'a1', ['320'])));
        expect(r).toEqual({ committed: 1, skipped: 1 });
        expect((await store.signalsFor('a1')).map((s) => `${s.eventKey}:${s.nodeId}`).sort()).toEqual([
          'k1:483',
          'k2:210',
          'k3:320',
        ]);
        expect(await store.outcomeCounts()).toEqual({ kept: 3 });
      });

      it('commits an event repeated within one batch once', async () => {
        const b = merge(event('k1', 'a1', ['483']), event('k1', 'a1', ['483']), event('k2', 'a1', ['210']));
        expect(await store.commitBatch(b)).toEqual({ committed: 2, skipped: 1 });
        expect((await store.signalsFor('a1')).map((s) => s.eventKey).sort()).toEqual(['k1', 'k2']);
      });

      it('commits audit rows without signals (excluded events)', async () => {
        const b: IngestBatch = {
          audit: [audit('x1', 'a1', { outcome: 'excluded:region', detail: 'FR', signals: 0 })],
          signals: [],
        };
        expect(await store.commitBatch(b)).toEqual({ committed: 1, skipped: 0 });
        expect(await store.signalsFor('a1')).toEqual([]);
        expect(await store.auditFor('a1', 10)).toEqual(b.audit);
        expect(await store.commitBatch({ audit: [], signals: [] })).toEqual({ committed: 0, skipped: 0 });
      });

      it('keeps signal values exactly (weights, times, strengths, negative evidence)', async () => {
        const s = [
          signal('k1', 'a1', '483', { weight: 0.123456789012345, strength: 'declared', surface: 'voice' }),
          signal('k1', 'a1', '210', { weight: -1.5, strength: 'negative', context: 'glasses' }),
          signal('k1', 'a1', '483', { weight: 0.5, strength: 'mention' }),
        ];
        await store.commitBatch({ audit: [audit('k1', 'a1', { signals: 3 })], signals: s });
        const got = await store.signalsFor('a1');
        expect(got).toHaveLength(3);
        for (const x of s) expect(got).toContainEqual(x);
      });

      it('orders signals by time, then event key, then node', async () => {
        await store.commitBatch(
          merge(
            event('k2', 'a1', ['B', 'a'], T0),
            event('k1', 'a1', ['z'], T0 + HOUR),
            event('k0', 'a1', ['m'], T0),
          ),
        );
        expect((await store.signalsFor('a1')).map((s) => `${s.eventKey}:${s.nodeId}`)).toEqual([
          'k0:m',
          'k2:B',
          'k2:a',
          'k1:z',
        ]);
      });
    });

    describe('signals', () => {
      beforeEach(async () => {
        await store.commitBatch(
          merge(
            event('k1', 'a1', ['483', '210'], T0 - 48 * HOUR),
            event('k2', 'a1', ['483', '320'], T0),
            event('k3', 'a2', ['483'], T0 - 48 * HOUR),
          ),
        );
      });

      it('returns signals of one account only', async () => {
        expect((await store.signalsFor('a2')).map((s) => s.eventKey)).toEqual(['k3']);
        expect(await store.signalsFor('nobody')).toEqual([]);
      });

      it('deletes all signals of an account', async () => {
        expect(await store.deleteSignals('a1')).toBe(4);
        expect(await store.signalsFor('a1')).toEqual([]);
        expect(await store.signalsFor('a2')).toHaveLength(1);
        // The audit stays: it says what happened, and keeps the events from being re-ingested.
        expect(await store.processedKeys(['k1', 'k2'])).toEqual(new Set(['k1', 'k2']));
      });

      it('deletes signals on given nodes only', async () => {
        expect(await store.deleteSignals('a1', ['483', 'nope'])).toBe(2);
        expect((await store.signalsFor('a1')).map((s) => s.nodeId).sort()).toEqual(['210', '320']);
        expect(await store.deleteSignals('a1', [])).toBe(0);
        expect(await store.signalsFor('a2')).toHaveLength(1);
      });

      it('deletes signals older than a time, for every account', async () => {
        expect(await store.deleteSignalsBefore(T0 - HOUR)).toBe(3);
        expect((await store.signalsFor('a1')).map((s) => s.eventKey)).toEqual(['k2', 'k2']);
        expect(await store.signalsFor('a2')).toEqual([]);
        // Strictly older: a signal exactly at the cut stays.
        expect(await store.deleteSignalsBefore(T0)).toBe(0);
      });
    });

    describe('audit', () => {
      it('returns the newest rows first, limited', async () => {
        const rows = [0, 1, 2, 3, 4].map((i) => audit(`k${i}`, 'a1', { occurredAt: T0 + i * HOUR }));
        await store.commitBatch({ audit: [...rows, audit('other', 'a2')], signals: [] });
        expect((await store.auditFor('a1', 3)).map((r) => r.eventKey)).toEqual(['k4', 'k3', 'k2']);
        expect(await store.auditFor('a1', 100)).toEqual([...rows].reverse());
      });

      it('breaks ties in time by event key', async () => {
        await store.commitBatch({ audit: ['kb', 'ka', 'kc'].map((k) => audit(k, 'a1')), signals: [] });
        expect((await store.auditFor('a1', 10)).map((r) => r.eventKey)).toEqual(['ka', 'kb', 'kc']);
      });

      it('counts outcomes over all accounts', async () => {
        expect(await store.outcomeCounts()).toEqual({});
        await store.commitBatch({
          audit: [
            audit('k1', 'a1'),
            audit('k2', 'a2'),
            audit('k3', 'a1', { outcome: 'excluded:minor', detail: 'under 18', signals: 0 }),
            audit('k4', 'a3', { outcome: 'excluded:region', detail: 'FR', signals: 0 }),
            audit('k5', 'a3', { outcome: 'excluded:region', detail: 'DE', signals: 0 }),
          ],
          signals: [],
        });
        expect(await store.outcomeCounts()).toEqual({ kept: 2, 'excluded:minor': 1, 'excluded:region': 2 });
      });
    });

    describe('settings', () => {
      it('records setting changes and returns them oldest first, per account', async () => {
        const c1 = { accountId: 'a1', at: T0 + 2, actor: 'user', action: 'mute', detail: '483' };
        const c2 = { accountId: 'a1', at: T0 + 1, actor: 'admin', action: 'opt-out', detail: '' };
        const c3 = { accountId: 'a1', at: T0 + 2, actor: 'user', action: 'unmute', detail: '483' };
        for (const c of [c1, c2, c3, { ...c1, accountId: 'a2' }]) await store.recordSettingChange(c);
        // Same time: the order they were recorded in.
        expect(await store.settingChanges('a1')).toEqual([c2, c1, c3]);
        expect(await store.settingChanges('nobody')).toEqual([]);
      });
    });

    describe('erasure', () => {
      const victim = 'acct-erase-7f3c';

      it('removes every row about the account and leaves only a hashed tombstone', async () => {
        await store.upsertAccount(account(victim));
        await store.upsertAccount(account('keep'));
        await store.commitBatch(merge(event('ke1', victim, ['483', '210']), event('kk1', 'keep', ['483'])));
        await store.recordSettingChange({
          accountId: victim,
          at: T0,
          actor: 'user',
          action: 'mute',
          detail: '210',
        });
        await store.upsertCampaign(campaign('c1'));
        await store.recordAdEvent({
          adEventId: 'ad1',
          kind: 'impression',
          campaignId: 'c1',
          accountId: victim,
          at: T0,
          cost: 0.0025,
        });
        await store.recordAdEvent({
          adEventId: 'ad2',
          kind: 'click',
          campaignId: 'c1',
          accountId: victim,
          at: T0 + 1,
          cost: 0,
        });

        await store.eraseAccount(victim, T0 + HOUR);

        const tables = await store.dumpTables();
        for (const t of ['accounts', 'audit', 'signals', 'setting_changes', 'tombstones', 'ad_events']) {
          expect(Object.keys(tables)).toContain(t);
        }
        const leaks: string[] = [];
        for (const [table, rows] of Object.entries(tables)) {
          for (const row of rows)
            walk(row, (v) => {
              if (typeof v === 'string' && v.includes(victim)) leaks.push(`${table}: ${v}`);
            });
        }
        expect(leaks).toEqual([]);
        expect(tables.tombstones).toHaveLength(1);
        expect(tables.tombstones?.[0]?.account_hash).toBe(accountHash(victim));

        expect(await store.getAccount(victim)).toBeUndefined();
        expect(await store.signalsFor(victim)).toEqual([]);
        expect(await store.auditFor(victim, 10)).toEqual([]);
        expect(await store.settingChanges(victim)).toEqual([]);
        expect(await store.impressionsFor(victim, 0)).toEqual(new Map());
        // The others keep everything; spend stays whole for the advertiser.
        expect(await store.getAccount('keep')).toEqual(account('keep'));
        expect(await store.signalsFor('keep')).toHaveLength(1);
        expect(await store.delivery(0)).toEqual([
          { campaignId: 'c1', impressions: 1, clicks: 1, spend: 0.0025, spendToday: 0.0025 },
        ]);
      });

      it('reports erased accounts and erases idempotently', async () => {
        expect(await store.erasedAccounts([victim])).toEqual(new Set());
        await store.eraseAccount(victim, T0);
        await store.eraseAccount(victim, T0 + 1);
        expect(await store.erasedAccounts([victim, 'other', victim])).toEqual(new Set([victim]));
        expect(await store.erasedAccounts([])).toEqual(new Set());
        expect((await store.dumpTables()).tombstones).toHaveLength(1);
      });
    });

    describe('campaigns and content', () => {
      it('upserts, gets and lists campaigns in id order', async () => {
        expect(await store.getCampaign('c2')).toBeUndefined();
        await store.upsertCampaign(campaign('c2'));
        await store.upsertCampaign(campaign('c1', { status: 'paused' }));
        expect(await store.getCampaign('c2')).toEqual(campaign('c2'));
        await store.upsertCampaign(
          campaign('c2', { name: 'Renamed', bid: { model: 'cpc', amount: 1, predictedCtr: 0.02 } }),
        );
        expect((await store.getCampaign('c2'))?.name).toBe('Renamed');
        expect(await store.listCampaigns()).toEqual([
          campaign('c1', { status: 'paused' }),
          campaign('c2', { name: 'Renamed', bid: { model: 'cpc', amount: 1, predictedCtr: 0.02 } }),
        ]);
      });

      it('upserts and lists content in id order', async () => {
        expect(await store.listContent()).toEqual([]);
        await store.upsertContent([content('i2'), content('i1', { kind: 'video', language: 'en' })]);
        await store.upsertContent([content('i2', { title: 'New title' }), content('i3')]);
        await store.upsertContent([]);
        expect(await store.listContent()).toEqual([
          content('i1', { kind: 'video', language: 'en' }),
          content('i2', { title: 'New title' }),
          content('i3'),
        ]);
      });
    });

    describe('delivery', () => {
      it('records ad events once per id', async () => {
        const e = {
          adEventId: 'ad1',
          kind: 'impression' as const,
          campaignId: 'c1',
          accountId: 'a1',
          at: T0,
          cost: 0.002,
        };
        expect(await store.recordAdEvent(e)).toBe(true);
        expect(await store.recordAdEvent(e)).toBe(false);
        expect(await store.recordAdEvent({ ...e, cost: 5 })).toBe(false);
        expect(await store.delivery(0)).toEqual([
          { campaignId: 'c1', impressions: 1, clicks: 0, spend: 0.002, spendToday: 0.002 },
        ]);
      });

      it('returns impression times per campaign since a time, oldest first', async () => {
        const imp = (id: string, campaignId: string, accountId: string | null, at: number) =>
          store.recordAdEvent({ adEventId: id, kind: 'impression', campaignId, accountId, at, cost: 0.001 });
        await imp('i1', 'c1', 'a1', T0 + 3);
        await imp('i2', 'c1', 'a1', T0 + 1);
        await imp('i3', 'c2', 'a1', T0 + 2);
        await imp('i4', 'c1', 'a1', T0 - 10);
        await imp('i5', 'c1', 'a2', T0 + 5);
        await imp('i6', 'c1', null, T0 + 6);
        await store.recordAdEvent({
          adEventId: 'x1',
          kind: 'click',
          campaignId: 'c1',
          accountId: 'a1',
          at: T0 + 4,
          cost: 0.5,
        });
        expect(await store.impressionsFor('a1', T0)).toEqual(
          new Map([
            ['c1', [T0 + 1, T0 + 3]],
            ['c2', [T0 + 2]],
          ]),
        );
        expect(await store.impressionsFor('nobody', 0)).toEqual(new Map());
      });

      it('sums impressions, clicks, spend and spend since the start of the day per campaign', async () => {
        const day = T0 - (T0 % (24 * HOUR));
        const rec = (
          id: string,
          kind: 'impression' | 'click',
          campaignId: string,
          at: number,
          cost: number,
        ) => store.recordAdEvent({ adEventId: id, kind, campaignId, accountId: 'a1', at, cost });
        await rec('e1', 'impression', 'c2', day - HOUR, 0.25);
        await rec('e2', 'impression', 'c2', day + HOUR, 0.5);
        await rec('e3', 'click', 'c2', day + 2 * HOUR, 1);
        await rec('e4', 'impression', 'c1', day - 2 * HOUR, 0.125);
        expect(await store.delivery(day)).toEqual([
          { campaignId: 'c1', impressions: 1, clicks: 0, spend: 0.125, spendToday: 0 },
          { campaignId: 'c2', impressions: 2, clicks: 1, spend: 1.75, spendToday: 1.5 },
        ]);
        expect(await store.delivery(0)).toHaveLength(2);
      });

      it('returns no delivery without ad events', async () => {
        expect(await store.delivery(0)).toEqual([]);
      });
    });
  });
}

function walk(v: unknown, visit: (v: unknown) => void): void {
  visit(v);
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x, visit);
}
