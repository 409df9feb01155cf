/** Append-only: a released migration is never edited, a new one is added. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (account_id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE audit (
    event_key TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    processed_at INTEGER NOT NULL,
    surface TEXT NOT NULL,
    lang TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT,
    signals INTEGER NOT NULL
  );
  CREATE INDEX audit_account ON audit (account_id, occurred_at);
  CREATE TABLE signals (
    event_key TEXT NOT NULL,
    account_id TEXT NOT NULL,
    node_id TEXT NOT NULL,
    weight REAL NOT NULL,
    occurred_at INTEGER NOT NULL,
    surface TEXT NOT NULL,
    strength TEXT NOT NULL,
    context TEXT NOT NULL,
    PRIMARY KEY (event_key, node_id, strength)
  );
  CREATE INDEX signals_account ON signals (account_id);
  CREATE TABLE setting_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX setting_changes_account ON setting_changes (account_id);
  CREATE TABLE tombstones (account_hash TEXT PRIMARY KEY, erased_at INTEGER NOT NULL);
  CREATE TABLE campaigns (campaign_id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE content (item_id TEXT PRIMARY KEY, data TEXT NOT NULL);
  CREATE TABLE ad_events (
    ad_event_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    account_id TEXT,
    at INTEGER NOT NULL,
    cost REAL NOT NULL
  );
  CREATE INDEX ad_events_account ON ad_events (account_id, at);
  CREATE INDEX ad_events_campaign ON ad_events (campaign_id, at);
  `,
];
