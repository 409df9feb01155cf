import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from './container.js';
import { IngestQueue, mergeCounts } from './ingest.js';
import { generateWorld, type World } from '../demo/generate-world.js';

export interface DemoSummary {
  accounts: number;
  events: number;
  campaigns: { loaded: number; refused: number };
  content: number;
  counts: Record<string, number>;
  seconds: number;
  eventsPerSecond: number;
  topInterestsByCountry: Record<string, { id: string; name: string; accounts: number }[]>;
}

/** Removes an embedded demo database so every demo run starts from the same world. */
export function resetSqliteFile(storeUrl: string): void {
  if (!storeUrl.startsWith('sqlite:') || storeUrl === 'sqlite::memory:') return;
  const path = resolve(storeUrl.slice('sqlite:'.length));
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Loads a generated world into the app: accounts, content, every event, then campaigns. */
export async function loadWorld(
  app: App,
  world: World,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<Omit<DemoSummary, 'topInterestsByCountry'>> {
  for (const a of world.accounts) await app.store.upsertAccount(a);
  await app.store.upsertContent(world.content);
  const counts: Record<string, number> = {};
  const started = performance.now();
  const size = app.config.batchSize;
  let done = 0;
  const queue = new IngestQueue(
    (events: readonly unknown[]) => app.ingest(events),
    (report, events) => {
      mergeCounts(counts, report.counts);
      done += events.length;
      onProgress(done, world.events.length);
    },
  );
  for (let i = 0; i < world.events.length; i += size) await queue.push(world.events.slice(i, i + size));
  await queue.drain();
  const seconds = (performance.now() - started) / 1000;
  // Campaigns come after the audience exists: interest targeting must clear the k floor.
  app.serving.invalidate();
  let refused = 0;
  for (const c of world.campaigns) {
    if ((await app.serving.saveCampaign(c)).ok) continue;
    refused++;
  }
  return {
    accounts: world.accounts.length,
    events: world.events.length,
    campaigns: { loaded: world.campaigns.length - refused, refused },
    content: world.content.length,
    counts,
    seconds,
    eventsPerSecond: Math.round(world.events.length / seconds),
  };
}

/** For each country, the interests held by the most accounts (top-level profile entries). */
export async function topInterestsByCountry(
  app: App,
  world: World,
  perCountry = 3,
): Promise<DemoSummary['topInterestsByCountry']> {
  const tally = new Map<string, Map<string, { name: string; accounts: number }>>();
  for (const a of world.accounts) {
    if (!a.region) continue;
    const p = await app.profile(a.accountId);
    if (p.interests.length === 0) continue;
    const byNode = tally.get(a.region) ?? new Map<string, { name: string; accounts: number }>();
    tally.set(a.region, byNode);
    for (const i of p.interests.slice(0, 5)) {
      const t = byNode.get(i.id) ?? { name: i.name, accounts: 0 };
      t.accounts++;
      byNode.set(i.id, t);
    }
  }
  const out: DemoSummary['topInterestsByCountry'] = {};
  for (const [country, byNode] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
    out[country] = [...byNode]
      .map(([id, t]) => ({ id, ...t }))
      .sort((x, y) => y.accounts - x.accounts || x.id.localeCompare(y.id))
      .slice(0, perCountry);
  }
  return out;
}

export { generateWorld };
