import { validateEvent } from '../core/pipeline.js';
import type { Bus } from '../ports/bus.js';
import type { IngestOutcome } from './ingest.js';
import type { Metrics } from './metrics.js';

export interface EnqueueReport {
  /** Valid events now durably on the bus (duplicates within the request counted once). */
  queued: number;
  /** The items that failed validation, by position, as `ingestBatch` reports them. */
  invalid: IngestOutcome[];
  /** `{queued: n, invalid: m}`, shaped like IngestReport.counts. */
  counts: Record<string, number>;
}

/**
 * The API side of scale-out: validate, then publish the valid events and wait for the bus to
 * acknowledge them. Invalid items are reported and not published; valid ones are kept, as in
 * embedded ingest. Throws `UnavailableError` (503 + Retry-After) when the bus cannot take them:
 * then nothing of this request may be assumed stored, and the client resends it all (safe: the
 * bus and the store both deduplicate by eventId).
 */
export async function enqueueEvents(
  raws: readonly unknown[],
  bus: Bus,
  metrics: Metrics,
  pathPrefix = '',
): Promise<EnqueueReport> {
  const invalid: IngestOutcome[] = [];
  const valid = new Map<string, Parameters<Bus['publish']>[0][number]>();
  raws.forEach((raw, index) => {
    const v = validateEvent(raw, pathPrefix === '' ? '' : `${pathPrefix}[${index}]`);
    if (v.ok) valid.set(v.event.eventId, v.event);
    else {
      const eventId =
        typeof raw === 'object' && raw !== null && 'eventId' in raw && typeof raw.eventId === 'string'
          ? raw.eventId
          : undefined;
      invalid.push(
        eventId === undefined ? { index, decision: v.decision } : { index, eventId, decision: v.decision },
      );
    }
  });
  if (valid.size > 0) await bus.publish([...valid.values()]);
  metrics.inc('chatsignal_events_queued_total', 'Events accepted onto the bus', {}, valid.size);
  if (invalid.length > 0)
    metrics.inc(
      'chatsignal_events_total',
      'Events processed, by outcome',
      { outcome: 'invalid' },
      invalid.length,
    );
  const counts: Record<string, number> = {};
  if (valid.size > 0) counts.queued = valid.size;
  if (invalid.length > 0) counts.invalid = invalid.length;
  return { queued: valid.size, invalid, counts };
}
