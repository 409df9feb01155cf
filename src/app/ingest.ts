import { AppError } from '../core/errors.js';
import { decisionLabel, type Decision } from '../core/model/decision.js';
import type { Account } from '../core/model/account.js';
import type { ChatEvent } from '../core/model/event.js';
import {
  finishEvent,
  gateEvent,
  understandJob,
  validateEvent,
  type EventContext,
  type GateStep,
  type PipelineDeps,
  type UnderstandJob,
} from '../core/pipeline.js';
import type { Understanding } from '../core/understand/types.js';
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

/** Worker threads that redact and understand (see understand-pool.ts). */
export interface Understanders {
  submit(jobs: readonly UnderstandJob[]): Promise<Understanding[]> | undefined;
  /** Runs one queued chunk with `inline` on this thread; false when none is queued. */
  runQueued?(inline: (jobs: readonly UnderstandJob[]) => Understanding[]): boolean;
  /** Resolves when there may be something new to run or to wait for. */
  activity?(): Promise<void>;
}

export interface IngestDeps {
  store: Store;
  pipeline: PipelineDeps;
  metrics: Metrics;
  now: () => number;
  /** Without it, or while its workers start, events are understood on the calling thread. */
  pool?: Understanders | undefined;
  /** Shared by the batches of one app, so that batches in flight together agree on duplicates. */
  inFlight?: InFlightKeys | undefined;
}

/**
 * Event keys held by batches in flight in this process. A batch waits until none of its keys
 * is held by another, then holds them all until it has committed: an event sent twice at once
 * is processed by one batch and reported as `duplicate` by the other, as it would be one after
 * the other. A waiting batch holds nothing, so two batches never wait for each other.
 */
export class InFlightKeys {
  private readonly held = new Map<string, Promise<void>>();

  async claim(keys: readonly string[]): Promise<() => void> {
    for (;;) {
      const busy = new Set<Promise<void>>();
      for (const k of keys) {
        const p = this.held.get(k);
        if (p) busy.add(p);
      }
      if (busy.size === 0) break;
      await Promise.all(busy);
    }
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    for (const k of keys) this.held.set(k, done);
    return () => {
      for (const k of keys) if (this.held.get(k) === done) this.held.delete(k);
      release();
    };
  }
}

/**
 * Batches handed to worker threads are cut into chunks of this many events, so that the main
 * thread reads and gates chunk k+1 while a worker understands chunk k.
 */
const CHUNK = 250;
/** Fewer events than this are understood inline: the trip to a thread would cost more. */
const MIN_POOLED = 32;

interface Item {
  index: number;
  event: ChatEvent;
  key: string;
  erased: boolean;
  gate: GateStep;
  understanding?: Understanding | undefined;
}

/**
 * Runs a batch through validate → gate → redact → understand → signals and commits it in one
 * store transaction. Invalid items are reported and skipped; the valid ones are kept.
 *
 * With worker threads, the store reads, the gate, the signals and the commit stay on this
 * thread; only the redact + understand step of events the gate let through goes to a worker,
 * and its answer is used only for the event and the locale hint it was asked about.
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
  const release = await deps.inFlight?.claim(valid.map((v) => v.key));
  try {
    await processValid(valid, outcomes, deps);
  } finally {
    release?.();
  }
  outcomes.sort((a, b) => a.index - b.index);
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const label = decisionLabel(o.decision);
    counts[label] = (counts[label] ?? 0) + 1;
    deps.metrics.inc('chatsignal_events_total', 'Events processed, by outcome', { outcome: label });
  }
  return { outcomes, counts };
}

async function processValid(
  valid: readonly { index: number; event: ChatEvent; key: string }[],
  outcomes: IngestOutcome[],
  deps: IngestDeps,
): Promise<void> {
  const { store, pipeline, pool } = deps;
  const pooling = pool !== undefined && valid.length >= MIN_POOLED;
  const versionBefore = pooling ? await store.accountsVersion?.() : undefined;
  const chunk = pooling ? CHUNK : Math.max(1, valid.length);
  const items: Item[] = [];
  const answers: Promise<void>[] = [];
  const seen = new Set<string>();
  // Accounts read for an earlier chunk of the batch are not read again.
  const accounts = new Map<string, Account>();
  const erased = new Set<string>();
  const read = new Set<string>();
  for (let c = 0; c < valid.length; c += chunk) {
    const part = valid.slice(c, c + chunk);
    const accountIds = [...new Set(part.map((v) => v.event.accountId))].filter((id) => !read.has(id));
    const [done, newAccounts, newErased] = await Promise.all([
      store.processedKeys(part.map((v) => v.key)),
      store.getAccounts(accountIds),
      store.erasedAccounts(accountIds),
    ]);
    for (const id of accountIds) read.add(id);
    for (const [id, a] of newAccounts) accounts.set(id, a);
    for (const id of newErased) erased.add(id);
    const passed: Item[] = [];
    for (const { index, event, key } of part) {
      if (done.has(key) || seen.has(key)) {
        outcomes.push({ index, eventId: event.eventId, decision: { kind: 'duplicate' } });
        continue;
      }
      seen.add(key);
      const ctx: EventContext = {
        eventKey: key,
        account: accounts.get(event.accountId),
        erased: erased.has(event.accountId),
      };
      const item: Item = {
        index,
        event,
        key,
        erased: ctx.erased,
        gate: gateEvent(event, ctx, pipeline.policy),
      };
      items.push(item);
      if (item.gate.kind === 'pass') passed.push(item);
    }
    const jobs = passed.map((i) => (i.gate as Extract<GateStep, { kind: 'pass' }>).job);
    const answer = jobs.length >= MIN_POOLED ? pool?.submit(jobs) : undefined;
    if (answer === undefined) {
      passed.forEach((i, n) => (i.understanding = understandJob(jobs[n]!, pipeline)));
      continue;
    }
    const settled = answer.then((us) => passed.forEach((i, n) => (i.understanding = us[n])));
    // Handled at once so that a failure while later chunks are read is not "unhandled"; it is
    // rethrown below, before anything is committed.
    settled.catch(() => {});
    answers.push(settled);
  }
  // SAFETY: any failure in a worker fails the whole batch here: nothing of it is committed.
  if (answers.length > 0) await waitForAnswers(answers, deps);
  // SAFETY: a chunked batch gated its first chunks before later reads (and answers) were
  // awaited; an account change in that time must reach the gate, answers or not.
  if (pooling) await recheck(items, versionBefore, deps);

  const batch: IngestBatch = { audit: [], signals: [] };
  const processedAt = deps.now();
  for (const item of items) {
    const { gate, event } = item;
    let r;
    if (gate.kind === 'excluded') r = gate.result;
    else {
      // SAFETY: an event that passed the gate and has no understanding is an error, not a pass.
      if (item.understanding === undefined) {
        throw new AppError(500, 'internal', `event ${item.index} passed the gate but was not understood`);
      }
      r = finishEvent(event, item.key, gate, item.understanding, pipeline);
    }
    outcomes.push({ index: item.index, eventId: event.eventId, decision: r.decision });
    // SAFETY: nothing about an erased account is written again, not even an audit row.
    if (item.erased) continue;
    batch.audit.push(auditRow(item.key, event, r.decision, r.lang, processedAt));
    batch.signals.push(...r.signals);
  }
  if (batch.audit.length > 0) await store.commitBatch(batch);
}

/**
 * Waits for the workers' answers, running queued chunks on this thread whenever it has nothing
 * else to do (other batches and arriving answers go first), so that a worker starved of CPU
 * never leaves this thread idle.
 */
async function waitForAnswers(answers: Promise<void>[], deps: IngestDeps): Promise<void> {
  const all = Promise.all(answers);
  const pool = deps.pool;
  if (pool?.runQueued === undefined || pool.activity === undefined) return void (await all);
  let settled = false;
  all.then(
    () => (settled = true),
    () => (settled = true),
  );
  const inline = (jobs: readonly UnderstandJob[]) => jobs.map((j) => understandJob(j, deps.pipeline));
  while (!settled) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (settled || pool.runQueued(inline)) continue;
    await Promise.race([all, pool.activity()]);
  }
  await all;
}

/**
 * While workers understood, accounts may have changed (opt-out, mute, erasure...). When the
 * store cannot say they did not, they are read again and every event is gated again against
 * them; an understanding is kept only if it was asked with the same locale hint, otherwise the
 * event is understood again here. The result is what inline processing would give now.
 */
async function recheck(items: Item[], versionBefore: string | undefined, deps: IngestDeps): Promise<void> {
  const { store, pipeline } = deps;
  if (versionBefore !== undefined && (await store.accountsVersion?.()) === versionBefore) return;
  const accountIds = items.map((i) => i.event.accountId);
  const [accounts, erased] = await Promise.all([
    store.getAccounts(accountIds),
    store.erasedAccounts(accountIds),
  ]);
  for (const item of items) {
    const ctx: EventContext = {
      eventKey: item.key,
      account: accounts.get(item.event.accountId),
      erased: erased.has(item.event.accountId),
    };
    const before = item.gate;
    const gate = gateEvent(item.event, ctx, pipeline.policy);
    item.erased = ctx.erased;
    item.gate = gate;
    if (gate.kind === 'excluded') {
      item.understanding = undefined;
    } else if (
      before.kind !== 'pass' ||
      item.understanding === undefined ||
      before.job.localeHint !== gate.job.localeHint
    ) {
      item.understanding = understandJob(gate.job, pipeline);
    }
  }
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

/**
 * Keeps up to `limit` batches in flight, as concurrent HTTP requests would, and hands their
 * reports over in the order the batches were pushed. With understand threads, the main thread
 * reads, gates and commits one batch while a worker understands the next.
 */
export class IngestQueue<T> {
  private readonly pending: { batch: T; report: Promise<IngestReport> }[] = [];

  constructor(
    private readonly ingest: (batch: T) => Promise<IngestReport>,
    private readonly onReport: (report: IngestReport, batch: T) => void,
    private readonly limit = 2,
  ) {}

  /** Starts the batch; waits while `limit` batches are in flight. */
  async push(batch: T): Promise<void> {
    // With an embedded store every step may resolve at once, and a loop of batches would never
    // let the event loop turn: worker threads' messages (ready, answers) would wait until the end.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const report = this.ingest(batch);
    // Observed now so that a failure is not "unhandled" while an earlier batch is awaited; it
    // is rethrown when its turn comes.
    report.catch(() => {});
    this.pending.push({ batch, report });
    while (this.pending.length >= this.limit) await this.next();
  }

  /** Waits for every batch still in flight. */
  async drain(): Promise<void> {
    while (this.pending.length > 0) await this.next();
  }

  private async next(): Promise<void> {
    const { batch, report } = this.pending.shift()!;
    this.onReport(await report, batch);
  }
}

export function mergeCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}
