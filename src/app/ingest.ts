import { decisionLabel, type Decision } from '../core/model/decision.js';
import type { ChatEvent } from '../core/model/event.js';
import { processEvent, validateEvent, type PipelineDeps } from '../core/pipeline.js';
import { eventKey } from '../adapters/hash.js';
import type { AuditRecord, IngestBatch, Store } from '../ports/store.js';
import type { Metrics } from './metrics.js';

export interface IngestOutcome {
  /** Position in the submitted batch. */
  index: number;
  eventId?: string;
  decision: Decision;
}

export interface IngestReport {
  outcomes: IngestOutcome[];
  /** Count per label: `kept`, `excluded:region`, `duplicate`, `invalid`, … */
  counts: Record<string, number>;
}

export interface IngestDeps {
  store: Store;
  pipeline: PipelineDeps;
  metrics: Metrics;
  now: () => number;
}

/**
 * Runs a batch through validate → gate → redact → understand → signals and commits it in one
 * store transaction. Invalid items are reported and skipped; the valid ones are kept.
 */
export async function ingestBatch(
  raws: readonly unknown[],
  deps: IngestDeps,
  pathPrefix = '',
): Promise<IngestReport> {
  const outcomes: IngestOutcome[] = [];
  const valid: { index: number; event: ChatEvent; key: string }[] = [];
  raws.forEach((raw, index) => {
    const v = validateEvent(raw, pathPrefix === '' ? '' : `${pathPrefix}[${index}]`);
    if (v.ok) valid.push({ index, event: v.event, key: eventKey(v.event.eventId) });
    else outcomes.push({ index, ...idOf(raw), decision: v.decision });
  });
  const { store, pipeline } = deps;
  const keys = valid.map((v) => v.key);
  const accountIds = valid.map((v) => v.event.accountId);
  const [done, accounts, erased] = await Promise.all([
    store.processedKeys(keys),
    store.getAccounts(accountIds),
    store.erasedAccounts(accountIds),
  ]);
  const batch: IngestBatch = { audit: [], signals: [] };
  const seen = new Set<string>();
  const processedAt = deps.now();
  for (const { index, event, key } of valid) {
    if (done.has(key) || seen.has(key)) {
      outcomes.push({ index, eventId: event.eventId, decision: { kind: 'duplicate' } });
      continue;
    }
    seen.add(key);
    const isErased = erased.has(event.accountId);
    const r = processEvent(
      event,
      { eventKey: key, account: accounts.get(event.accountId), erased: isErased },
      pipeline,
    );
    outcomes.push({ index, eventId: event.eventId, decision: r.decision });
    // SAFETY: nothing about an erased account is written again, not even an audit row.
    if (isErased) continue;
    batch.audit.push(auditRow(key, event, r.decision, r.lang, processedAt));
    batch.signals.push(...r.signals);
  }
  if (batch.audit.length > 0) await store.commitBatch(batch);
  outcomes.sort((a, b) => a.index - b.index);
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const label = decisionLabel(o.decision);
    counts[label] = (counts[label] ?? 0) + 1;
    deps.metrics.inc('chatsignal_events_total', 'Events processed, by outcome', { outcome: label });
  }
  return { outcomes, counts };
}

function auditRow(key: string, e: ChatEvent, d: Decision, lang: string, processedAt: number): AuditRecord {
  return {
    eventKey: key,
    accountId: e.accountId,
    occurredAt: Date.parse(e.occurredAt),
    processedAt,
    surface: e.surface,
    lang,
    outcome: decisionLabel(d),
    detail: d.kind === 'excluded' ? (d.detail ?? null) : null,
    signals: d.kind === 'kept' ? d.signals : 0,
  };
}

function idOf(raw: unknown): { eventId?: string } {
  if (typeof raw === 'object' && raw !== null && 'eventId' in raw && typeof raw.eventId === 'string') {
    return { eventId: raw.eventId };
  }
  return {};
}

export function mergeCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}
