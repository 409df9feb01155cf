import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { runStoreContract } from './store-contract.js';

// A real file rather than :memory:, so that WAL mode and the migrations run as in production.
const dir = mkdtempSync(join(tmpdir(), 'chatsignal-contract-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('sqlite', async () => new SqliteStore(join(dir, `store-${n++}.db`)));
