import type { Account } from '../model/account.js';
import type { ExclusionReason } from '../model/decision.js';
import type { ChatEvent } from '../model/event.js';
import type { Policy } from '../model/policy.js';

export interface GateInput {
  event: ChatEvent;
  /** Undefined when chatsignal holds no record for the account. */
  account: Account | undefined;
  /** The account was erased: a tombstone exists. */
  erased: boolean;
  policy: Policy;
}

export type GateDecision =
  | { kind: 'kept'; rule: string; age: number }
  | { kind: 'excluded'; rule: string; reason: ExclusionReason; detail?: string };

type Verdict = { allow: true } | { allow: false; reason: ExclusionReason; detail?: string } | undefined;

interface GateRule {
  name: string;
  check(input: GateInput & { account: Account }): Verdict;
}

const deny = (reason: ExclusionReason, detail?: string): Verdict =>
  detail === undefined ? { allow: false, reason } : { allow: false, reason, detail };

/**
 * SAFETY: a birth year alone cannot tell whether the birthday has passed, so the age used is
 * the youngest the person can be on the day of the event.
 */
export function youngestAge(birthYear: number, at: string): number {
  return new Date(at).getUTCFullYear() - birthYear - 1;
}

/**
 * Ordered rules, first definitive answer wins, in the spirit of Prebid Server's activity
 * controls. Each rule only denies; the last one allows. SAFETY: if no rule answers, deny.
 */
export const GATE_RULES: readonly GateRule[] = [
  {
    name: 'region',
    check: ({ event, account, policy }) => {
      // SAFETY: an account without a known region is treated as in an excluded region.
      if (account.region === null || account.region === undefined) return deny('region', 'account region unknown');
      if (policy.excludedRegions.includes(event.region)) return deny('region', event.region);
      if (policy.excludedRegions.includes(account.region)) return deny('region', account.region);
      return undefined;
    },
  },
  {
    name: 'effective-date',
    check: ({ event, policy }) =>
      Date.parse(event.occurredAt) < Date.parse(policy.effectiveDate)
        ? deny('before_effective_date', policy.effectiveDate)
        : undefined,
  },
  {
    name: 'opt-out',
    check: ({ account, policy }) => (policy.allowOptOut && account.optedOut ? deny('opted_out') : undefined),
  },
  {
    name: 'age',
    check: ({ event, account, policy }) => {
      // SAFETY: unknown age is never assumed to be adult.
      if (account.birthYear === null || account.birthYear === undefined) return deny('age_unknown');
      const age = youngestAge(account.birthYear, event.occurredAt);
      return age < policy.minimumAge ? deny('minor', `under ${policy.minimumAge}`) : undefined;
    },
  },
  {
    name: 'linked-ad-account',
    check: ({ account, policy }) =>
      policy.requireLinkedAdAccount && account.linkedAdAccounts.length === 0 ? deny('unlinked') : undefined,
  },
  {
    name: 'notice',
    check: ({ event, account, policy }) => {
      if (!policy.requireNotice) return undefined;
      const shown = account.noticeShownAt;
      if (shown === null || shown === undefined) return deny('no_notice', 'notice never shown');
      // Only interactions after the person saw the notice count.
      return Date.parse(shown) > Date.parse(event.occurredAt) ? deny('no_notice', 'event before notice') : undefined;
    },
  },
  {
    name: 'surface',
    check: ({ event, account }) =>
      account.disabledSurfaces.includes(event.surface) ? deny('surface_disabled', event.surface) : undefined,
  },
  {
    name: 'group-chat',
    check: ({ event, policy }) => {
      if (event.surface !== 'group_chat' || policy.groupChat === 'all-participants') return undefined;
      // SAFETY: in speaker-only mode a group message counts only when it addressed the assistant.
      return event.mentionedAssistant === true ? undefined : deny('not_addressed');
    },
  },
  { name: 'all-checks-passed', check: () => ({ allow: true }) },
];

export function gate(input: GateInput, rules: readonly GateRule[] = GATE_RULES): GateDecision {
  if (input.erased) return { kind: 'excluded', rule: 'erased', reason: 'erased' };
  const account = input.account;
  // SAFETY: no account record means nothing is known about consent, age or region.
  if (!account) return { kind: 'excluded', rule: 'account', reason: 'unknown_account' };
  for (const rule of rules) {
    const v = rule.check({ ...input, account });
    if (v === undefined) continue;
    if (!v.allow) {
      const out: GateDecision = { kind: 'excluded', rule: rule.name, reason: v.reason };
      if (v.detail !== undefined) out.detail = v.detail;
      return out;
    }
    const age = account.birthYear == null ? -1 : youngestAge(account.birthYear, input.event.occurredAt);
    return { kind: 'kept', rule: rule.name, age };
  }
  return { kind: 'excluded', rule: 'default', reason: 'no_rule' };
}
