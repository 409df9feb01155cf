import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { eraseAccount, muteTopic, recordNotice } from '../../src/app/controls.js';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { adult, chatEvent, NOW, testApp } from '../support/fixtures.js';
import { rowsMentioning } from './helpers.js';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('erasure (real SQLite store)', { timeout: 120_000 }, () => {
  it('leaves no row about the account in any table, and a replay changes nothing', async () => {
    const store = new SqliteStore(':memory:');
    app = await testApp({ store });
    const id = 'erase-me-7f3a';
    await app.store.upsertAccount(adult({ accountId: id }));
    await app.store.upsertAccount(adult({ accountId: 'bystander' }));
    const events = [
      chatEvent({ accountId: id }),
      chatEvent({ accountId: id, surface: 'voice', app: 'glasses' }),
      chatEvent({ accountId: id, region: 'DE' }),
      chatEvent({ accountId: 'bystander' }),
    ];
    await app.ingest(events);
    await muteTopic(app, id, '181', 'user');
    await recordNotice(app, id, undefined, 'admin');
    await app.store.recordAdEvent({
      adEventId: 'ad-1',
      kind: 'impression',
      campaignId: 'c1',
      accountId: id,
      at: NOW,
      cost: 0.01,
    });
    expect(Object.keys(rowsMentioning(app.store, id)).sort()).toEqual(
      ['accounts', 'ad_events', 'audit', 'setting_changes', 'signals'].sort(),
    );

    expect(await eraseAccount(app.store, id, NOW)).toEqual({ accountId: id, erased: true, hadAccount: true });
    expect(rowsMentioning(app.store, id)).toEqual({});
    // Spend stays for the advertiser, without the person.
    expect(store.dumpTables().ad_events).toEqual([
      expect.objectContaining({ ad_event_id: 'ad-1', account_id: null }),
    ]);
    expect((await app.store.erasedAccounts([id, 'bystander'])).has(id)).toBe(true);
    expect((await app.store.signalsFor('bystander')).length).toBeGreaterThan(0);

    const before = JSON.stringify(store.dumpTables());
    const replay = await app.ingest([...events.slice(0, 3), chatEvent({ accountId: id })]);
    expect(replay.counts).toEqual({ 'excluded:erased': 4 });
    expect(JSON.stringify(store.dumpTables())).toBe(before);
  });

  it('erases rows of an id that never had an account record', async () => {
    app = await testApp({ store: new SqliteStore(':memory:') });
    await app.ingest([chatEvent({ accountId: 'stranger-42' })]);
    expect(Object.keys(rowsMentioning(app.store, 'stranger-42'))).toEqual(['audit']);
    expect(await eraseAccount(app.store, 'stranger-42', NOW)).toMatchObject({ hadAccount: false });
    expect(rowsMentioning(app.store, 'stranger-42')).toEqual({});
  });
});
