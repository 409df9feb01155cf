import type { SensitiveClass } from './sensitive.js';

/**
 * Why an event did not feed a profile. Order mirrors the gate's rule order, then the
 * reasons only `understand` can give.
 */
export const EXCLUSION_REASONS = [
  'erased',
  'unknown_account',
  'region',
  'before_effective_date',
  'opted_out',
  'age_unknown',
  'minor',
  'unlinked',
  'no_notice',
  'surface_disabled',
  'not_addressed',
  'sensitive',
  'muted',
  // SAFETY: the gate's default when no rule allows an event.
  'no_rule',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export type Decision =
  | { kind: 'kept'; signals: number }
  | { kind: 'excluded'; reason: ExclusionReason; detail?: string; sensitive?: SensitiveClass[] }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; message: string; issues: { path: string; message: string }[] };

/** A stable label for counts: `kept`, `excluded:region`, `duplicate`, `invalid`. */
export function decisionLabel(d: Decision): string {
  switch (d.kind) {
    case 'kept':
    case 'duplicate':
    case 'invalid':
      return d.kind;
    case 'excluded':
      return `excluded:${d.reason}`;
    default:
      return assertNever(d);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
