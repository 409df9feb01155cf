import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/container.js';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { adult, chatEvent, testApp } from '../support/fixtures.js';

describe('ingest against the real SQLite store', () => {
  let app: App;
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    app = await testApp({ store });
    await store.upsertAccount(adult());
    await store.upsertAccount(adult({ accountId: 'acct-eu', region: 'FR' }));
  });
  afterEach(() => app.close());

  const events = () => [
    chatEvent({ eventId: 'a' }),
    chatEvent({ eventId: 'b', text: 'I love jazz, find me concerts of jazz bands this weekend' }),
    chatEvent({
      eventId: 'c',
      accountId: 'acct-eu',
      region: 'FR',
      text: 'je cherche des chaussures de randonnée',
    }),
    chatEvent({ eventId: 'd', accountId: 'nobody' }),
    { eventId: 'e', nonsense: true },
  ];

  it('reports an outcome for every event, in order, with reasons', async () => {
    const r = await app.ingest(events());
    expect(r.outcomes.map((o) => o.decision.kind)).toEqual([
      'kept',
      'kept',
      'excluded',
      'excluded',
      'invalid',
    ]);
    expect(r.counts).toMatchObject({
      kept: 2,
      'excluded:region': 1,
      'excluded:unknown_account': 1,
      invalid: 1,
    });
  });

  it('is idempotent: re-ingesting the same events changes nothing', async () => {
    await app.ingest(events());
    const before = store.dumpTables();
    const profileBefore = await app.profile('acct-1');
    const again = await app.ingest(events());
    expect(again.counts).toMatchObject({ duplicate: 4, invalid: 1 });
    expect(store.dumpTables()).toEqual(before);
    expect(await app.profile('acct-1')).toEqual(profileBefore);
    expect(profileBefore.interests.length).toBeGreaterThan(0);
  });

  it('treats a duplicate inside one batch as a duplicate', async () => {
    const r = await app.ingest([chatEvent({ eventId: 'x' }), chatEvent({ eventId: 'x' })]);
    expect(r.outcomes.map((o) => o.decision.kind)).toEqual(['kept', 'duplicate']);
  });

  it('never stores message text', async () => {
    const secret = 'zebra-unicorn-marmalade hiking trip';
    await app.ingest([chatEvent({ eventId: 't', text: secret })]);
    const dump = JSON.stringify(store.dumpTables());
    expect(dump).not.toContain('zebra');
    expect(dump).not.toContain('marmalade');
  });

  it('keeps decisions in the audit log without text', async () => {
    await app.ingest(events());
    const rows = await store.auditFor('acct-1', 10);
    expect(rows.map((r) => r.outcome).sort()).toEqual(['kept', 'kept']);
    expect(Object.keys(rows[0]!).sort()).toEqual(
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
  });
});
