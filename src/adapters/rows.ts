import type { Surface } from '../core/model/event.js';
import type { Signal } from '../core/profile/types.js';
import type { AuditRecord } from '../ports/store.js';

/** A database row as both drivers return it: column name to value. */
export type Row = Record<string, unknown>;

/** Row mappings shared by the SQL stores, whose tables have the same columns. */
export function rowToSignal(r: Row): Signal {
  return {
    eventKey: String(r.event_key),
    accountId: String(r.account_id),
    nodeId: String(r.node_id),
    weight: Number(r.weight),
    occurredAt: Number(r.occurred_at),
    surface: r.surface as Surface,
    strength: r.strength as Signal['strength'],
    context: String(r.context),
  };
}

export function rowToAudit(r: Row): AuditRecord {
  return {
    eventKey: String(r.event_key),
    accountId: String(r.account_id),
    occurredAt: Number(r.occurred_at),
    processedAt: Number(r.processed_at),
    surface: r.surface as Surface,
    lang: String(r.lang),
    outcome: String(r.outcome),
    detail: r.detail === null ? null : String(r.detail),
    signals: Number(r.signals),
  };
}
