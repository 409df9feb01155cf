import type { Account } from '../core/model/account.js';
import type { Campaign } from '../core/model/campaign.js';
import type { ContentItem } from '../core/model/content.js';
import type { Surface } from '../core/model/event.js';
import type { Signal } from '../core/profile/types.js';

/** One row of the audit log: a decision about one event, without any of its text. */
export interface AuditRecord {
  eventKey: string;
  accountId: string;
  occurredAt: number;
  processedAt: number;
  surface: Surface;
  lang: string;
  /** `kept`, `excluded:region`, … (see decisionLabel). */
  outcome: string;
  detail: string | null;
  signals: number;
}

export interface IngestBatch {
  audit: AuditRecord[];
  signals: Signal[];
}

export interface SettingChange {
  accountId: string;
  at: number;
  actor: string;
  action: string;
  detail: string;
}

export type AdEventKind = 'impression' | 'click';

export interface AdEvent {
  adEventId: string;
  kind: AdEventKind;
  campaignId: string;
  accountId: string | null;
  at: number;
  /** Money spent by this event, in the campaign's currency units. */
  cost: number;
}

export interface CampaignDelivery {
  campaignId: string;
  impressions: number;
  clicks: number;
  spend: number;
  spendToday: number;
}

/**
 * Everything chatsignal persists. One contract test suite runs against every implementation
 * (SQLite embedded, PostgreSQL scale-out) so that they cannot drift apart.
 */
export interface Store {
  readonly kind: string;
  close(): Promise<void>;

  // accounts
  upsertAccount(account: Account): Promise<void>;
  getAccount(accountId: string): Promise<Account | undefined>;
  getAccounts(accountIds: readonly string[]): Promise<Map<string, Account>>;
  countAccounts(): Promise<number>;
  listAccounts(offset: number, limit: number): Promise<Account[]>;

  // ingest: idempotent by eventKey
  /** Keys from `eventKeys` that were already processed. */
  processedKeys(eventKeys: readonly string[]): Promise<Set<string>>;
  /**
   * Writes audit rows and signals in one transaction. A row whose eventKey is already there
   * is skipped with its signals, so a replay or redelivery changes nothing.
   */
  commitBatch(batch: IngestBatch): Promise<{ committed: number; skipped: number }>;

  // profiles
  signalsFor(accountId: string): Promise<Signal[]>;
  /** Deletes signals of the account, all of them or those on the given nodes. */
  deleteSignals(accountId: string, nodeIds?: readonly string[]): Promise<number>;
  /** Retention: deletes every signal older than `before` (epoch ms). */
  deleteSignalsBefore(before: number): Promise<number>;

  // audit
  auditFor(accountId: string, limit: number): Promise<AuditRecord[]>;
  outcomeCounts(): Promise<Record<string, number>>;

  // settings history and erasure
  recordSettingChange(change: SettingChange): Promise<void>;
  settingChanges(accountId: string): Promise<SettingChange[]>;
  /** Removes every row about the account and leaves a tombstone. */
  eraseAccount(accountId: string, at: number): Promise<void>;
  erasedAccounts(accountIds: readonly string[]): Promise<Set<string>>;
  /**
   * Optional: a token that changes whenever account records or tombstones may have changed,
   * through this store object or (where the store can tell) another connection. Ingest that
   * gated events and then waited (for a worker thread) compares it before committing; a store
   * without it gets its accounts and tombstones read again instead.
   */
  accountsVersion?(): Promise<string>;

  // campaigns and content
  upsertCampaign(campaign: Campaign): Promise<void>;
  getCampaign(campaignId: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  upsertContent(items: readonly ContentItem[]): Promise<void>;
  listContent(): Promise<ContentItem[]>;

  // delivery
  /** Idempotent by adEventId. */
  recordAdEvent(event: AdEvent): Promise<boolean>;
  /** Impression times (epoch ms) of the account per campaign since `since`. */
  impressionsFor(accountId: string, since: number): Promise<Map<string, number[]>>;
  delivery(dayStart: number): Promise<CampaignDelivery[]>;
}
