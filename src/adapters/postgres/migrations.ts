/**
 * Append-only: a released migration is never edited, a new one is added. Same tables and keys
 * as the SQLite schema so that the one contract test suite holds for both. Key columns use the
 * "C" collation so that ORDER BY gives the byte order SQLite gives, whatever the database locale.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (account_id TEXT COLLATE "C" PRIMARY KEY, data JSONB NOT NULL);
  CREATE TABLE audit (
    event_key TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    occurred_at BIGINT NOT NULL,
    processed_at BIGINT NOT NULL,
    surface TEXT NOT NULL,
    lang TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    signals INTEGER NOT NULL
  );
  CREATE INDEX audit_account ON audit (account_id, occurred_at);
  CREATE TABLE signals (
    event_key TEXT COLLATE "C" NOT NULL,
    account_id TEXT COLLATE "C" NOT NULL,
    node_id TEXT COLLATE "C" NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    occurred_at BIGINT NOT NULL,
    surface TEXT NOT NULL,
    strength TEXT COLLATE "C" NOT NULL,
    context TEXT NOT NULL,
    PRIMARY KEY (event_key, node_id, strength)
  );
  CREATE INDEX signals_account ON signals (account_id);
  CREATE INDEX signals_time ON signals (occurred_at);
  CREATE TABLE setting_changes (
    id BIGSERIAL PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX setting_changes_account ON setting_changes (account_id);
  CREATE TABLE tombstones (account_hash TEXT COLLATE "C" PRIMARY KEY, erased_at BIGINT NOT NULL);
  CREATE TABLE campaigns (campaign_id TEXT COLLATE "C" PRIMARY KEY, data JSONB NOT NULL);
  CREATE TABLE content (item_id TEXT COLLATE "C" PRIMARY KEY, data JSONB NOT NULL);
  CREATE TABLE ad_events (
    ad_event_id TEXT COLLATE "C" PRIMARY KEY,
    kind TEXT NOT NULL,
    campaign_id TEXT COLLATE "C" NOT NULL,
    account_id TEXT COLLATE "C",
    at BIGINT NOT NULL,
    cost DOUBLE PRECISION NOT NULL
  );
  CREATE INDEX ad_events_account ON ad_events (account_id, at);
  CREATE INDEX ad_events_campaign ON ad_events (campaign_id, at);
  `,
];
