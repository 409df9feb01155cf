import pg from 'pg';
import { rowToAudit, rowToSignal, type Row } from '../rows.js';
import { AccountSchema, type Account } from '../../core/model/account.js';
import { CampaignSchema, type Campaign } from '../../core/model/campaign.js';
import { ContentItemSchema, type ContentItem } from '../../core/model/content.js';
import type { Signal } from '../../core/profile/types.js';
import { UnavailableError } from '../../ports/bus.js';
import type {
  AdEvent,
  AuditRecord,
  CampaignDelivery,
  IngestBatch,
  SettingChange,
  Store,
} from '../../ports/store.js';
import { accountHash } from '../hash.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface PostgresStoreOptions {
  /** Pool size per process. */
  maxConnections?: number;
  retry?: Partial<RetryOptions>;
}

/** About 30 s of patience in total: long enough for a restart or a failover, short enough to surface. */
const DEFAULT_RETRY: RetryOptions = { retries: 10, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Arbitrary constant: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 7_202_611;

/**
 * Scale-out store on PostgreSQL. Same schema and semantics as SqliteStore (the contract suite
 * runs unchanged against both). Idempotent operations retry with backoff on connection errors,
 * so a restarted or failed-over server costs latency, not data.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  /** Operations run again after a connection error: a restart shows up here, not as a failure. */
  readonly stats = { retries: 0 };
  private readonly retry: RetryOptions;

  private constructor(
    private readonly pool: pg.Pool,
    retry: Partial<RetryOptions>,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  static async connect(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose server went away emits here; without a listener the process dies.
    // The pool drops that client and the next query opens a new one.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, opts.retry ?? {});
    try {
      await store.withRetry(() => store.migrate());
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Several workers may start at once: the first one migrates, the others wait and see it done.
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const done = new Set(
        (await c.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)),
      );
      for (const [i, sql] of POSTGRES_MIGRATIONS.entries()) {
        const version = i + 1;
        if (done.has(version)) continue;
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          version,
          Date.now(),
        ]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Runs `fn` again after connection errors, with exponential backoff and jitter. */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isConnectionError(err)) throw err;
        if (attempt >= this.retry.retries) {
          throw new UnavailableError(
            `PostgreSQL unreachable after ${attempt + 1} attempts: ${(err as Error).message}`,
          );
        }
        this.stats.retries++;
        const delay = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
        await sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  }

  private query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    return this.withRetry(() => this.pool.query(sql, params));
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken = false;
    // A checked-out client has no error listener: a server shutdown between two statements
    // would otherwise crash the process. The next statement fails and the retry takes over.
    const onError = () => {
      broken = true;
    };
    c.on('error', onError);
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      broken ||= isConnectionError(err);
      if (!broken) await c.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      c.off('error', onError);
      // A client whose connection failed must not go back to the pool.
      c.release(broken ? true : undefined);
    }
  }

  async upsertAccount(account: Account): Promise<void> {
    await this.query(
      `INSERT INTO accounts (account_id, data) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET data = excluded.data`,
      [account.accountId, JSON.stringify(account)],
    );
  }

  async getAccount(accountId: string): Promise<Account | undefined> {
    const { rows } = await this.query('SELECT data FROM accounts WHERE account_id = $1', [accountId]);
    return rows[0] ? AccountSchema.parse(rows[0].data) : undefined;
  }

  async getAccounts(accountIds: readonly string[]): Promise<Map<string, Account>> {
    const out = new Map<string, Account>();
    if (accountIds.length === 0) return out;
    const { rows } = await this.query('SELECT data FROM accounts WHERE account_id = ANY($1::text[])', [
      [...new Set(accountIds)],
    ]);
    for (const r of rows) {
      const a = AccountSchema.parse(r.data);
      out.set(a.accountId, a);
    }
    return out;
  }

  async countAccounts(): Promise<number> {
    return Number((await this.query('SELECT COUNT(*) AS n FROM accounts')).rows[0]?.n ?? 0);
  }

  async listAccounts(offset: number, limit: number): Promise<Account[]> {
    const { rows } = await this.query('SELECT data FROM accounts ORDER BY account_id LIMIT $1 OFFSET $2', [
      limit,
      offset,
    ]);
    return rows.map((r) => AccountSchema.parse(r.data));
  }

  async processedKeys(eventKeys: readonly string[]): Promise<Set<string>> {
    if (eventKeys.length === 0) return new Set();
    const { rows } = await this.query('SELECT event_key FROM audit WHERE event_key = ANY($1::text[])', [
      [...new Set(eventKeys)],
    ]);
    return new Set(rows.map((r) => String(r.event_key)));
  }

  /**
   * One transaction, two statements: audit rows go in with ON CONFLICT DO NOTHING and RETURNING
   * tells which ones are new; only their signals are written. Retrying after a lost COMMIT reply
   * is safe for the same reason a redelivery is: the second attempt finds the keys and skips.
   */
  async commitBatch(batch: IngestBatch): Promise<{ committed: number; skipped: number }> {
    if (batch.audit.length === 0) return { committed: 0, skipped: 0 };
    const committed = await this.withRetry(() =>
      this.tx(async (c) => {
        const a = batch.audit;
        const { rows } = await c.query(
          `INSERT INTO audit (event_key, account_id, occurred_at, processed_at, surface, lang, outcome, detail, signals)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
                                $7::text[], $8::text[], $9::int[])
           ON CONFLICT (event_key) DO NOTHING
           RETURNING event_key`,
          [
            a.map((r) => r.eventKey),
            a.map((r) => r.accountId),
            a.map((r) => r.occurredAt),
            a.map((r) => r.processedAt),
            a.map((r) => r.surface),
            a.map((r) => r.lang),
            a.map((r) => r.outcome),
            a.map((r) => r.detail),
            a.map((r) => r.signals),
          ],
        );
        const fresh = new Set(rows.map((r) => String(r.event_key)));
        // A row already there means the event was processed: its signals are skipped too.
        const s = batch.signals.filter((x) => fresh.has(x.eventKey));
        if (s.length > 0) {
          await c.query(
            `INSERT INTO signals (event_key, account_id, node_id, weight, occurred_at, surface, strength, context)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::bigint[], $6::text[],
                                  $7::text[], $8::text[])
             ON CONFLICT DO NOTHING`,
            [
              s.map((x) => x.eventKey),
              s.map((x) => x.accountId),
              s.map((x) => x.nodeId),
              s.map((x) => x.weight),
              s.map((x) => x.occurredAt),
              s.map((x) => x.surface),
              s.map((x) => x.strength),
              s.map((x) => x.context),
            ],
          );
        }
        return fresh.size;
      }),
    );
    return { committed, skipped: batch.audit.length - committed };
  }

  async signalsFor(accountId: string): Promise<Signal[]> {
    const { rows } = await this.query(
      'SELECT * FROM signals WHERE account_id = $1 ORDER BY occurred_at, event_key, node_id',
      [accountId],
    );
    return rows.map(rowToSignal);
  }

  async deleteSignals(accountId: string, nodeIds?: readonly string[]): Promise<number> {
    if (nodeIds === undefined) {
      return (await this.query('DELETE FROM signals WHERE account_id = $1', [accountId])).rowCount ?? 0;
    }
    if (nodeIds.length === 0) return 0;
    const r = await this.query('DELETE FROM signals WHERE account_id = $1 AND node_id = ANY($2::text[])', [
      accountId,
      [...nodeIds],
    ]);
    return r.rowCount ?? 0;
  }

  async deleteSignalsBefore(before: number): Promise<number> {
    return (await this.query('DELETE FROM signals WHERE occurred_at < $1', [before])).rowCount ?? 0;
  }

  async auditFor(accountId: string, limit: number): Promise<AuditRecord[]> {
    const { rows } = await this.query(
      'SELECT * FROM audit WHERE account_id = $1 ORDER BY occurred_at DESC, event_key LIMIT $2',
      [accountId, limit],
    );
    return rows.map(rowToAudit);
  }

  async outcomeCounts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const { rows } = await this.query('SELECT outcome, COUNT(*) AS n FROM audit GROUP BY outcome');
    for (const r of rows) out[String(r.outcome)] = Number(r.n);
    return out;
  }

  /** Not retried: a replay after a lost reply would write the change twice. */
  async recordSettingChange(c: SettingChange): Promise<void> {
    await this.pool
      .query(
        'INSERT INTO setting_changes (account_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)',
        [c.accountId, c.at, c.actor, c.action, c.detail],
      )
      .catch((err: unknown) => {
        throw isConnectionError(err)
          ? new UnavailableError(`PostgreSQL unreachable: ${(err as Error).message}`)
          : err;
      });
  }

  async settingChanges(accountId: string): Promise<SettingChange[]> {
    const { rows } = await this.query('SELECT * FROM setting_changes WHERE account_id = $1 ORDER BY at, id', [
      accountId,
    ]);
    return rows.map((r) => ({
      accountId: String(r.account_id),
      at: Number(r.at),
      actor: String(r.actor),
      action: String(r.action),
      detail: String(r.detail),
    }));
  }

  async eraseAccount(accountId: string, at: number): Promise<void> {
    await this.withRetry(() =>
      this.tx(async (c) => {
        for (const table of ['signals', 'audit', 'setting_changes', 'accounts']) {
          await c.query(`DELETE FROM ${table} WHERE account_id = $1`, [accountId]);
        }
        // Delivery totals stay for advertisers' spend, but lose the link to the person.
        await c.query('UPDATE ad_events SET account_id = NULL WHERE account_id = $1', [accountId]);
        await c.query(
          'INSERT INTO tombstones (account_hash, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [accountHash(accountId), at],
        );
      }),
    );
  }

  async erasedAccounts(accountIds: readonly string[]): Promise<Set<string>> {
    const byHash = new Map([...new Set(accountIds)].map((id) => [accountHash(id), id]));
    const out = new Set<string>();
    if (byHash.size === 0) return out;
    const { rows } = await this.query(
      'SELECT account_hash FROM tombstones WHERE account_hash = ANY($1::text[])',
      [[...byHash.keys()]],
    );
    for (const r of rows) {
      const id = byHash.get(String(r.account_hash));
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  async upsertCampaign(campaign: Campaign): Promise<void> {
    await this.query(
      `INSERT INTO campaigns (campaign_id, data) VALUES ($1, $2)
       ON CONFLICT (campaign_id) DO UPDATE SET data = excluded.data`,
      [campaign.campaignId, JSON.stringify(campaign)],
    );
  }

  async getCampaign(campaignId: string): Promise<Campaign | undefined> {
    const { rows } = await this.query('SELECT data FROM campaigns WHERE campaign_id = $1', [campaignId]);
    return rows[0] ? CampaignSchema.parse(rows[0].data) : undefined;
  }

  async listCampaigns(): Promise<Campaign[]> {
    const { rows } = await this.query('SELECT data FROM campaigns ORDER BY campaign_id');
    return rows.map((r) => CampaignSchema.parse(r.data));
  }

  async upsertContent(items: readonly ContentItem[]): Promise<void> {
    if (items.length === 0) return;
    // Last one wins within the call, as with SQLite's row-by-row upsert.
    const byId = new Map(items.map((i) => [i.itemId, i]));
    await this.query(
      `INSERT INTO content (item_id, data)
       SELECT * FROM unnest($1::text[], $2::jsonb[])
       ON CONFLICT (item_id) DO UPDATE SET data = excluded.data`,
      [[...byId.keys()], [...byId.values()].map((i) => JSON.stringify(i))],
    );
  }

  async listContent(): Promise<ContentItem[]> {
    const { rows } = await this.query('SELECT data FROM content ORDER BY item_id');
    return rows.map((r) => ContentItemSchema.parse(r.data));
  }

  async recordAdEvent(e: AdEvent): Promise<boolean> {
    const r = await this.query(
      `INSERT INTO ad_events (ad_event_id, kind, campaign_id, account_id, at, cost)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [e.adEventId, e.kind, e.campaignId, e.accountId, e.at, e.cost],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async impressionsFor(accountId: string, since: number): Promise<Map<string, number[]>> {
    const { rows } = await this.query(
      `SELECT campaign_id, at FROM ad_events
       WHERE account_id = $1 AND kind = 'impression' AND at >= $2 ORDER BY at`,
      [accountId, since],
    );
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const id = String(r.campaign_id);
      const list = out.get(id);
      if (list) list.push(Number(r.at));
      else out.set(id, [Number(r.at)]);
    }
    return out;
  }

  async delivery(dayStart: number): Promise<CampaignDelivery[]> {
    const { rows } = await this.query(
      `SELECT campaign_id,
              COUNT(*) FILTER (WHERE kind = 'impression') AS impressions,
              COUNT(*) FILTER (WHERE kind = 'click') AS clicks,
              SUM(cost) AS spend,
              COALESCE(SUM(cost) FILTER (WHERE at >= $1), 0) AS spend_today
       FROM ad_events GROUP BY campaign_id ORDER BY campaign_id`,
      [dayStart],
    );
    return rows.map((r: Row) => ({
      campaignId: String(r.campaign_id),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      spend: Number(r.spend),
      spendToday: Number(r.spend_today),
    }));
  }

  /** For tests that prove erasure: every table of the schema and its rows. */
  async dumpTables(): Promise<Record<string, Row[]>> {
    const { rows: tables } = await this.query(
      'SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename',
    );
    const out: Record<string, Row[]> = {};
    for (const t of tables) {
      const name = String(t.tablename);
      out[name] = (await this.query(`SELECT * FROM "${name.replaceAll('"', '""')}"`)).rows;
    }
    return out;
  }
}

/** Errors after which the same statement may succeed on a new connection. */
const RETRYABLE_SQLSTATE = new Set([
  '57P01', // admin_shutdown: server restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const RETRYABLE_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (RETRYABLE_SQLSTATE.has(code) || RETRYABLE_NODE.has(code))) return true;
  // pg reports a dropped socket and a pool checkout timeout without a code.
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(
    err.message,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
