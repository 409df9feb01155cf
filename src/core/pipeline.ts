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

export function processEvent(event: ChatEvent, ctx: EventContext, deps: PipelineDeps): ProcessResult {
  const g = gate({ event, account: ctx.account, erased: ctx.erased, policy: deps.policy });
  if (g.kind === 'excluded') {
    const decision: Decision = { kind: 'excluded', reason: g.reason };
    if (g.detail !== undefined) decision.detail = g.detail;
    return { decision, lang: 'und', signals: [] };
  }
  const account = ctx.account!;
  // Redaction comes first: nothing past this line sees the original text.
  const text = event.text === undefined ? undefined : deps.redact(event.text).text;
  const labels = event.imageLabels?.map((l) => deps.redact(l).text);
  const u = deps.understand({
    text,
    imageLabels: labels,
    localeHint: event.locale ?? account.locale,
    surface: event.surface,
  });
  const r = toSignals({
    eventKey: ctx.eventKey,
    event,
    understanding: u,
    policy: deps.policy,
    taxonomy: deps.taxonomy,
    mutedTopics: account.mutedTopics,
    age: g.age,
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
