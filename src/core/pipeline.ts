import { issuesToDetails } from './errors.js';
import { gate } from './gate/gate.js';
import type { Account } from './model/account.js';
import type { Decision } from './model/decision.js';
import { EventSchema, type ChatEvent } from './model/event.js';
import type { Policy } from './model/policy.js';
import { toSignals } from './profile/profile.js';
import type { Signal } from './profile/types.js';
import type { Taxonomy } from './taxonomy/taxonomy.js';
import type { Redacted, UnderstandInput, Understanding } from './understand/types.js';

/** validate → gate → redact → understand → signals: each step says why it stopped. */
export type ValidateResult =
  { ok: true; event: ChatEvent } | { ok: false; decision: Extract<Decision, { kind: 'invalid' }> };

export function validateEvent(raw: unknown, pathPrefix = ''): ValidateResult {
  const parsed = EventSchema.safeParse(raw);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issues = issuesToDetails(parsed.error.issues, pathPrefix);
  return {
    ok: false,
    decision: {
      kind: 'invalid',
      message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    },
  };
}

export interface PipelineDeps {
  policy: Policy;
  taxonomy: Taxonomy;
  redact: (text: string) => Redacted;
  understand: (input: UnderstandInput) => Understanding;
}

export interface EventContext {
  eventKey: string;
  account: Account | undefined;
  erased: boolean;
}

export interface ProcessResult {
  decision: Decision;
  /** The language understood, or "und" when the event never reached `understand`. */
  lang: string;
  signals: Signal[];
}

/**
 * What the understand step reads: the event's raw text and labels (redacted first, inside
 * `understandJob`) and the locale hint. It holds no account and no store data, so it can be
 * understood anywhere, e.g. in a worker thread.
 */
export interface UnderstandJob {
  text?: string | undefined;
  imageLabels?: readonly string[] | undefined;
  localeHint?: string | undefined;
  surface: ChatEvent['surface'];
}

/** The gate's answer: an exclusion to record as is, or a pass with what the next steps need. */
export type GateStep =
  | { kind: 'excluded'; result: ProcessResult }
  | { kind: 'pass'; account: Account; age: number; job: UnderstandJob };

/** Step 1: the gate. Nothing about an excluded event is read past this point. */
export function gateEvent(event: ChatEvent, ctx: EventContext, policy: Policy): GateStep {
  const g = gate({ event, account: ctx.account, erased: ctx.erased, policy });
  if (g.kind === 'excluded') {
    const decision: Decision = { kind: 'excluded', reason: g.reason };
    if (g.detail !== undefined) decision.detail = g.detail;
    return { kind: 'excluded', result: { decision, lang: 'und', signals: [] } };
  }
  const account = ctx.account!;
  return {
    kind: 'pass',
    account,
    age: g.age,
    job: {
      text: event.text,
      imageLabels: event.imageLabels,
      localeHint: event.locale ?? account.locale,
      surface: event.surface,
    },
  };
}

/** Step 2: redact, then understand. Pure and store-independent. */
export function understandJob(
  job: UnderstandJob,
  deps: Pick<PipelineDeps, 'redact' | 'understand'>,
): Understanding {
  // Redaction comes first: nothing past this line sees the original text.
  const text = job.text === undefined ? undefined : deps.redact(job.text).text;
  const labels = job.imageLabels?.map((l) => deps.redact(l).text);
  return deps.understand({
    text,
    imageLabels: labels,
    localeHint: job.localeHint,
    surface: job.surface,
  });
}

/** Step 3: the understanding of a gated event becomes a decision and its signals. */
export function finishEvent(
  event: ChatEvent,
  eventKey: string,
  pass: Extract<GateStep, { kind: 'pass' }>,
  u: Understanding,
  deps: Pick<PipelineDeps, 'policy' | 'taxonomy'>,
): ProcessResult {
  const r = toSignals({
    eventKey,
    event,
    understanding: u,
    policy: deps.policy,
    taxonomy: deps.taxonomy,
    mutedTopics: pass.account.mutedTopics,
    age: pass.age,
  });
  switch (r.kind) {
    case 'sensitive':
      return {
        decision: {
          kind: 'excluded',
          reason: 'sensitive',
          sensitive: u.sensitive,
          detail: u.sensitive.join(','),
        },
        lang: u.lang,
        signals: [],
      };
    case 'muted':
      return { decision: { kind: 'excluded', reason: 'muted' }, lang: u.lang, signals: [] };
    case 'signals':
      return { decision: { kind: 'kept', signals: r.signals.length }, lang: u.lang, signals: r.signals };
  }
}

/** The three steps in one go, on the calling thread. */
export function processEvent(event: ChatEvent, ctx: EventContext, deps: PipelineDeps): ProcessResult {
  const g = gateEvent(event, ctx, deps.policy);
  if (g.kind === 'excluded') return g.result;
  return finishEvent(event, ctx.eventKey, g, understandJob(g.job, deps), deps);
}
