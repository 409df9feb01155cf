import { AppError } from '../core/errors.js';

/**
 * An event on the bus: the validated JSON object exactly as the API received it. Workers
 * validate it again in `ingestBatch`, so a bus written by an older version cannot slip a bad
 * event past the pipeline.
 */
export type BusEvent = Readonly<{ eventId: string; accountId: string }> & Readonly<Record<string, unknown>>;

/** A batch handed to one worker. It must be settled: `ack` after commit, `nak` on failure. */
export interface BusBatch {
  readonly events: readonly BusEvent[];
  /** How many of `events` were delivered before (a worker died or nak'ed them). */
  readonly redelivered: number;
  /** Call only after the store committed the batch: an acked event is not delivered again. Settling twice is a no-op. */
  ack(): Promise<void>;
  /** Hands the events back for redelivery after `delayMs`. */
  nak(delayMs: number): Promise<void>;
}

export interface BusConsumer {
  /** Waits up to `waitMs` for events and returns up to `max`, or null when none came. */
  fetch(max: number, waitMs: number): Promise<BusBatch | null>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  /** Durable consumer name shared by the workers that split the same events. */
  name?: string;
}

/**
 * The queue between API nodes and workers. `publish` resolves only once every event is durably
 * accepted (for NATS: the JetStream ack), so a 2xx answer to the client means nothing is lost;
 * delivery is at-least-once and the store's idempotent commit by eventKey makes it exactly-once
 * in effect.
 */
export interface Bus {
  readonly kind: string;
  /** Throws `UnavailableError` quickly when the bus cannot accept events. */
  publish(events: readonly BusEvent[]): Promise<void>;
  consumer(opts?: ConsumerOptions): Promise<BusConsumer>;
  close(): Promise<void>;
}

/**
 * A dependency (bus or store) is down or overloaded. The HTTP layer answers 503 with
 * `Retry-After: retryAfterSeconds`; the client retries the same events, which is safe because
 * ingest is idempotent by eventId.
 */
export class UnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(503, 'unavailable', message);
    this.name = 'UnavailableError';
  }
}

export function isUnavailable(err: unknown): err is UnavailableError {
  return err instanceof UnavailableError;
}
