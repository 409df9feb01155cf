import { resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';
import type { Store } from '../ports/store.js';

/** Chooses the store from its URL: `sqlite:<path>` (embedded default) or `postgres://…`. */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return new SqliteStore(path === ':memory:' ? path : resolve(path));
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { PostgresStore } = await import('../adapters/postgres/postgres-store.js');
    return PostgresStore.connect(url);
  }
  throw new AppError(500, 'invalid_config', `unknown store URL "${url}": use sqlite:<path> or postgres://…`);
}
