import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/adapters/postgres/postgres-store.js';
import { createTestDatabase, describeWithServers, pgQuery, postgresReachable } from '../support/servers.js';
import { runStoreContract } from './store-contract.js';

const missing = await postgresReachable();

describeWithServers('postgres', [missing], () => {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  // One database per run; every test starts from empty tables.
  runStoreContract('postgres', async () => {
    const store = await PostgresStore.connect(db.url);
    await pgQuery(
      db.url,
      `DO $$ DECLARE t text; BEGIN
         FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'
         LOOP EXECUTE format('TRUNCATE %I RESTART IDENTITY', t); END LOOP; END $$`,
    );
    return store;
  });

  describe('postgres specifics', () => {
    it('migrates once, even when several processes connect at the same time', async () => {
      const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.connect(db.url)));
      const tables = await stores[0]!.dumpTables();
      expect(tables.schema_migrations).toHaveLength(1);
      await Promise.all(stores.map((s) => s.close()));
    });

    it('fails with an unavailable error, not a hang, when the server cannot be reached', async () => {
      const t = Date.now();
      await expect(
        PostgresStore.connect('postgres://postgres@127.0.0.1:1/none', {
          retry: { retries: 2, baseDelayMs: 10 },
        }),
      ).rejects.toMatchObject({ status: 503, code: 'unavailable' });
      expect(Date.now() - t).toBeLessThan(5_000);
    });

    it('commits concurrent overlapping batches exactly once', async () => {
      const store = await PostgresStore.connect(db.url);
      const { audit, signal } = await import('./store-contract.js');
      const keys = Array.from({ length: 200 }, (_, i) => `cc-${i}`);
      const batch = (ks: string[]) => ({
        audit: ks.map((k) => audit(k, 'conc')),
        signals: ks.map((k) => signal(k, 'conc', '483')),
      });
      const results = await Promise.all([
        store.commitBatch(batch(keys.slice(0, 150))),
        store.commitBatch(batch(keys.slice(50))),
        store.commitBatch(batch(keys)),
      ]);
      expect(results.reduce((n, r) => n + r.committed, 0)).toBe(200);
      expect(await store.signalsFor('conc')).toHaveLength(200);
      await store.close();
    });
  });
});
