import Database from 'better-sqlite3';
import { rowToAudit, rowToSignal, type Row } from '../rows.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Account } from '../../core/model/account.js';
import { CampaignSchema, type Campaign } from '../../core/model/campaign.js';
import { ContentItemSchema, type ContentItem } from '../../core/model/content.js';
import type { Signal } from '../../core/profile/types.js';
import type {
  AdEvent,
  AuditRecord,
  CampaignDelivery,
  IngestBatch,
  SettingChange,
  Store,
} from '../../ports/store.js';
import { accountHash } from '../hash.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** The embedded default: one file, WAL mode, every batch in one transaction. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly statements = new Map<string, Database.Statement>();
  /** Writes to accounts and tombstones through this connection (see accountsVersion). */
  private accountWrites = 0;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // A larger page cache keeps the audit and signal indexes in memory during bulk ingest.
    this.db.pragma('cache_size = -65536');
    this.db.pragma('temp_store = MEMORY');
    // Checkpoints run inside a commit and cost ingest more than its inserts once the indexes
    // are large (random keys dirty a page per row). Every 4000 pages (16 MiB of WAL) instead of
    // 1000, a page rewritten by several batches is copied and synced once: ~10% less CPU per
    // event at 100k events, for a larger WAL file and a longer pause at each checkpoint.
    this.db.pragma('wal_autocheckpoint = 4000');
    this.migrate();
    const db = this.db;
    this.stmts = {
      upsertAccount: db.prepare(
        `INSERT INTO accounts (account_id, data) VALUES (?, ?)
         ON CONFLICT (account_id) DO UPDATE SET data = excluded.data`,
      ),
      getAccount: db.prepare('SELECT data FROM accounts WHERE account_id = ?'),
      insertAudit: db.prepare(
        `INSERT INTO audit (event_key, account_id, occurred_at, processed_at, surface, lang, outcome, detail, signals)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (event_key) DO NOTHING`,
      ),
      insertSignal: db.prepare(
        `INSERT INTO signals (event_key, account_id, node_id, weight, occurred_at, surface, strength, context)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      signalsFor: db.prepare(
        'SELECT * FROM signals WHERE account_id = ? ORDER BY occurred_at, event_key, node_id',
      ),
      auditFor: db.prepare(
        'SELECT * FROM audit WHERE account_id = ? ORDER BY occurred_at DESC, event_key LIMIT ?',
      ),
      outcomeCounts: db.prepare('SELECT outcome, COUNT(*) AS n FROM audit GROUP BY outcome'),
      insertSetting: db.prepare(
        'INSERT INTO setting_changes (account_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)',
      ),
      settingsFor: db.prepare('SELECT * FROM setting_changes WHERE account_id = ? ORDER BY at, id'),
      upsertCampaign: db.prepare(
        `INSERT INTO campaigns (campaign_id, data) VALUES (?, ?)
         ON CONFLICT (campaign_id) DO UPDATE SET data = excluded.data`,
      ),
      getCampaign: db.prepare('SELECT data FROM campaigns WHERE campaign_id = ?'),
      upsertContent: db.prepare(
        `INSERT INTO content (item_id, data) VALUES (?, ?)
         ON CONFLICT (item_id) DO UPDATE SET data = excluded.data`,
      ),
      insertAdEvent: db.prepare(
        `INSERT INTO ad_events (ad_event_id, kind, campaign_id, account_id, at, cost)
         VALUES (@adEventId, @kind, @campaignId, @accountId, @at, @cost) ON CONFLICT DO NOTHING`,
      ),
    };
  }

  /** Statements are compiled once per SQL text: compiling cost more than running on hot reads. */
  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const done = new Set(
      (this.sql('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    for (const [i, sql] of SQLITE_MIGRATIONS.entries()) {
      const version = i + 1;
      if (done.has(version)) continue;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.sql('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
          version,
          Date.now(),
        );
      })();
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async upsertAccount(account: Account): Promise<void> {
    this.stmts.upsertAccount.run(account.accountId, JSON.stringify(account));
    this.accountWrites++;
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const row = this.stmts.getAccount.get(accountId) as { data: string } | undefined;
    return row ? readAccount(row.data) : undefined;
  }

  async getAccounts(accountIds: readonly string[]): Promise<Map<string, Account>> {
    const out = new Map<string, Account>();
    for (const chunk of chunks([...new Set(accountIds)], 500)) {
      const rows = this.sql(
        `SELECT data FROM accounts WHERE account_id IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as { data: string }[];
      for (const r of rows) {
        const a = readAccount(r.data);
        out.set(a.accountId, a);
      }
    }
    return out;
  }

  async countAccounts(): Promise<number> {
    return (this.sql('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
  }

  async listAccounts(offset: number, limit: number): Promise<Account[]> {
    const rows = this.sql('SELECT data FROM accounts ORDER BY account_id LIMIT ? OFFSET ?').all(
      limit,
      offset,
    ) as { data: string }[];
    return rows.map((r) => readAccount(r.data));
  }

  async processedKeys(eventKeys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks([...new Set(eventKeys)], 500)) {
      const rows = this.sql(
        `SELECT event_key FROM audit WHERE event_key IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as { event_key: string }[];
      for (const r of rows) out.add(r.event_key);
    }
    return out;
  }

  async commitBatch(batch: IngestBatch): Promise<{ committed: number; skipped: number }> {
    const bySignalEvent = groupBy(batch.signals, (s) => s.eventKey);
    let committed = 0;
    this.db.transaction(() => {
      for (const a of batch.audit) {
        // A row already there means the event was processed: its signals are skipped too.
        // Positional parameters: named ones cost a third more on this hot path.
        const inserted = this.stmts.insertAudit.run(
          a.eventKey,
          a.accountId,
          a.occurredAt,
          a.processedAt,
          a.surface,
          a.lang,
          a.outcome,
          a.detail,
          a.signals,
        );
        if (inserted.changes === 0) continue;
        committed++;
        for (const s of bySignalEvent.get(a.eventKey) ?? []) {
          this.stmts.insertSignal.run(
            s.eventKey,
            s.accountId,
            s.nodeId,
            s.weight,
            s.occurredAt,
            s.surface,
            s.strength,
            s.context,
          );
        }
      }
    })();
    return { committed, skipped: batch.audit.length - committed };
  }

  async signalsFor(accountId: string): Promise<Signal[]> {
    return (this.stmts.signalsFor.all(accountId) as Row[]).map(rowToSignal);
  }

  async deleteSignals(accountId: string, nodeIds?: readonly string[]): Promise<number> {
    if (nodeIds === undefined)
      return this.sql('DELETE FROM signals WHERE account_id = ?').run(accountId).changes;
    if (nodeIds.length === 0) return 0;
    return this.sql(
      `DELETE FROM signals WHERE account_id = ? AND node_id IN (${nodeIds.map(() => '?').join(',')})`,
    ).run(accountId, ...nodeIds).changes;
  }

  async deleteSignalsBefore(before: number): Promise<number> {
    return this.sql('DELETE FROM signals WHERE occurred_at < ?').run(before).changes;
  }

  async auditFor(accountId: string, limit: number): Promise<AuditRecord[]> {
    return (this.stmts.auditFor.all(accountId, limit) as Row[]).map(rowToAudit);
  }

  async outcomeCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const r of this.stmts.outcomeCounts.all() as { outcome: string; n: number }[]) out[r.outcome] = r.n;
    return out;
  }

  async recordSettingChange(c: SettingChange): Promise<void> {
    this.stmts.insertSetting.run(c.accountId, c.at, c.actor, c.action, c.detail);
  }

  async settingChanges(accountId: string): Promise<SettingChange[]> {
    return (this.stmts.settingsFor.all(accountId) as Row[]).map((r) => ({
      accountId: String(r.account_id),
      at: Number(r.at),
      actor: String(r.actor),
      action: String(r.action),
      detail: String(r.detail),
    }));
  }

  async eraseAccount(accountId: string, at: number): Promise<void> {
    this.db.transaction(() => {
      for (const table of ['signals', 'audit', 'setting_changes', 'accounts']) {
        this.sql(`DELETE FROM ${table} WHERE account_id = ?`).run(accountId);
      }
      // Delivery totals stay for advertisers' spend, but lose the link to the person.
      this.sql('UPDATE ad_events SET account_id = NULL WHERE account_id = ?').run(accountId);
      this.sql('INSERT INTO tombstones (account_hash, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
        accountHash(accountId),
        at,
      );
    })();
    this.accountWrites++;
  }

  /**
   * Own writes are counted; `data_version` changes when another connection (a CLI command on
   * the same file) commits anything, which may include accounts: a conservative answer.
   */
  async accountsVersion(): Promise<string> {
    return `${this.accountWrites}:${String(this.sql('PRAGMA data_version').pluck().get())}`;
  }

  async erasedAccounts(accountIds: readonly string[]): Promise<Set<string>> {
    const byHash = new Map([...new Set(accountIds)].map((id) => [accountHash(id), id]));
    const out = new Set<string>();
    for (const chunk of chunks([...byHash.keys()], 500)) {
      const rows = this.sql(
        `SELECT account_hash FROM tombstones WHERE account_hash IN (${chunk.map(() => '?').join(',')})`,
      ).all(...chunk) as { account_hash: string }[];
      for (const r of rows) out.add(byHash.get(r.account_hash)!);
    }
    return out;
  }

  async upsertCampaign(campaign: Campaign): Promise<void> {
    this.stmts.upsertCampaign.run(campaign.campaignId, JSON.stringify(campaign));
  }

  async getCampaign(campaignId: string): Promise<Campaign | undefined> {
    const row = this.stmts.getCampaign.get(campaignId) as { data: string } | undefined;
    return row ? CampaignSchema.parse(JSON.parse(row.data)) : undefined;
  }

  async listCampaigns(): Promise<Campaign[]> {
    const rows = this.sql('SELECT data FROM campaigns ORDER BY campaign_id').all() as {
      data: string;
    }[];
    return rows.map((r) => CampaignSchema.parse(JSON.parse(r.data)));
  }

  async upsertContent(items: readonly ContentItem[]): Promise<void> {
    this.db.transaction(() => {
      for (const i of items) this.stmts.upsertContent.run(i.itemId, JSON.stringify(i));
    })();
  }

  async listContent(): Promise<ContentItem[]> {
    const rows = this.sql('SELECT data FROM content ORDER BY item_id').all() as { data: string }[];
    return rows.map((r) => ContentItemSchema.parse(JSON.parse(r.data)));
  }

  async recordAdEvent(e: AdEvent): Promise<boolean> {
    return this.stmts.insertAdEvent.run(e).changes > 0;
  }

  async impressionsFor(accountId: string, since: number): Promise<Map<string, number[]>> {
    const rows = this.sql(
      "SELECT campaign_id, at FROM ad_events WHERE account_id = ? AND kind = 'impression' AND at >= ? ORDER BY at",
    ).all(accountId, since) as { campaign_id: string; at: number }[];
    const out = new Map<string, number[]>();
    for (const r of rows) out.set(r.campaign_id, [...(out.get(r.campaign_id) ?? []), r.at]);
    return out;
  }

  async delivery(dayStart: number): Promise<CampaignDelivery[]> {
    const rows = this.sql(
      `SELECT campaign_id,
                SUM(kind = 'impression') AS impressions, SUM(kind = 'click') AS clicks,
                SUM(cost) AS spend, SUM(CASE WHEN at >= ? THEN cost ELSE 0 END) AS spend_today
         FROM ad_events GROUP BY campaign_id ORDER BY campaign_id`,
    ).all(dayStart) as Row[];
    return rows.map((r) => ({
      campaignId: String(r.campaign_id),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      spend: Number(r.spend),
      spendToday: Number(r.spend_today),
    }));
  }

  /** For tests that prove erasure: every table and its rows. */
  dumpTables(): Record<string, Row[]> {
    const tables = this.sql("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return Object.fromEntries(
      tables.map((t) => [t.name, this.sql(`SELECT * FROM "${t.name}"`).all() as Row[]]),
    );
  }
}

/**
 * Accounts are validated by AccountSchema before they are written, so reading skips a second
 * validation: on the ingest hot path it cost more than the SQL.
 */
function readAccount(data: string): Account {
  return JSON.parse(data) as Account;
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
