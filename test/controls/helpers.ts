import type { App } from '../../src/app/container.js';
import type { SqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

/** The outcome label of each event of one ingest call, in order. */
export async function outcomes(app: App, events: Record<string, unknown>[]): Promise<string[]> {
  const r = await app.ingest(events);
  return r.outcomes.map((o) =>
    o.decision.kind === 'excluded' ? `excluded:${o.decision.reason}` : o.decision.kind,
  );
}

/** Every cell of every table, as text: for proving what a store does not hold. */
export function allCells(store: App['store']): string[] {
  const tables = (store as SqliteStore).dumpTables();
  return Object.values(tables).flatMap((rows) => rows.flatMap((r) => Object.values(r).map((v) => String(v))));
}

/** The rows of each table that mention `needle` anywhere. */
export function rowsMentioning(store: App['store'], needle: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries((store as SqliteStore).dumpTables())) {
    const hits = rows.filter((r) => Object.values(r).some((v) => String(v).includes(needle)));
    if (hits.length > 0) out[table] = hits;
  }
  return out;
}
