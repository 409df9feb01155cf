import { describe, expect, it } from 'vitest';
import { muteTopic, optIn, recordNotice, setDisabledSurfaces } from '../../src/app/controls.js';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { adult, testApp } from '../support/fixtures.js';

describe('controls at the same time', { timeout: 120_000 }, () => {
  it('do not undo each other', async () => {
    const app = await testApp({ store: new SqliteStore(':memory:') });
    await app.store.upsertAccount(adult());
    await Promise.all([
      muteTopic(app, 'acct-1', '181', 'user'),
      setDisabledSurfaces(app, 'acct-1', ['voice'], 'user'),
      muteTopic(app, 'acct-1', '211', 'user'),
      recordNotice(app, 'acct-1', '2025-11-01T00:00:00Z', 'admin'),
      optIn(app, 'acct-1', 'user'),
    ]);
    const a = await app.store.getAccount('acct-1');
    expect(a).toMatchObject({
      mutedTopics: ['181', '211'],
      disabledSurfaces: ['voice'],
      noticeShownAt: '2025-11-01T00:00:00Z',
    });
    expect((await app.store.settingChanges('acct-1')).length).toBe(5);
    await app.close();
  });
});
