import type { Account } from '../model/account.js';
import type { ExclusionReason } from '../model/decision.js';
import type { ChatEvent } from '../model/event.js';
import type { Policy } from '../model/policy.js';
import { isKnownRegion } from './regions.js';

export interface GateInput {
  event: ChatEvent;
  /** Undefined when chatsignal holds no record for the account. */
  account: Account | undefined;
  /** The account was erased: a tombstone exists. */
  erased: boolean;
  policy: Policy;
}

/** Every decision names the rule that made it, so that `policy explain` and audits can say why. */
export type GateDecision =
  | { kind: 'kept'; rule: string; age: number }
  | { kind: 'excluded'; rule: string; reason: ExclusionReason; detail?: string };

type Verdict = { allow: true } | { allow: false; reason: ExclusionReason; detail?: string } | undefined;

export interface GateRule {
  name: string;
  /** One plain sentence for `policy explain` and docs/policy.md. */
  summary: string;
  check(input: GateInput & { account: Account }): Verdict;
}

const deny = (reason: ExclusionReason, detail?: string): Verdict =>
  detail === undefined ? { allow: false, reason } : { allow: false, reason, detail };

const isSet = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

/**
 * SAFETY: a birth year alone cannot tell whether the birthday has passed, so the age used is
 * the youngest the person can be on the day of the event.
 */
export function youngestAge(birthYear: number, at: string): number {
  return new Date(at).getUTCFullYear() - birthYear - 1;
}

/** The two checks that come before the rules because they need no account record. */
export const PRE_RULES = [
  { name: 'erased', summary: 'The account was erased: nothing about it is processed again.' },
  { name: 'account', summary: 'No account record: nothing is known about region, age or consent.' },
] as const;

/**
 * Ordered rules, first definitive answer wins, in the spirit of Prebid Server's activity
 * controls. Each rule only denies; the last one allows. SAFETY: if no rule answers, deny.
 * Rules read the policy as data; none of them knows a topic or a country by name.
 */
export const GATE_RULES: readonly GateRule[] = [
  {
    name: 'region',
    summary: 'The event and the account must be in a known region that the policy does not exclude.',
    check: ({ event, account, policy }) => {
      // SAFETY: an account without a known region is treated as in an excluded region.
      if (!isSet(account.region)) return deny('region', 'account region unknown');
      // SAFETY: a code that is not an assigned ISO 3166-1 country may hide an excluded one.
      if (!isKnownRegion(event.region)) return deny('region', `unknown region ${event.region}`);
      if (!isKnownRegion(account.region)) return deny('region', `unknown region ${account.region}`);
      if (policy.excludedRegions.includes(event.region)) return deny('region', event.region);
      if (policy.excludedRegions.includes(account.region)) return deny('region', account.region);
      return undefined;
    },
  },
  {
    name: 'effective-date',
    summary: 'Only interactions on or after the policy effective date are used.',
    check: ({ event, policy }) =>
      Date.parse(event.occurredAt) < Date.parse(policy.effectiveDate)
        ? deny('before_effective_date', policy.effectiveDate)
        : undefined,
  },
  {
    name: 'opt-out',
    summary: 'A person who opted out is not processed (when the policy allows opting out).',
    check: ({ account, policy }) => (policy.allowOptOut && account.optedOut ? deny('opted_out') : undefined),
  },
  {
    name: 'age',
    summary: 'The person must be known to be at least the minimum age on the day of the event.',
    check: ({ event, account, policy }) => {
      // SAFETY: unknown age is never assumed to be adult.
      if (!isSet(account.birthYear)) return deny('age_unknown');
      const age = youngestAge(account.birthYear, event.occurredAt);
      return age < policy.minimumAge ? deny('minor', `under ${policy.minimumAge}`) : undefined;
    },
  },
  {
    name: 'linked-ad-account',
    summary: 'The assistant account must be linked to an ad account when the event happened.',
    check: ({ event, account, policy }) => {
      if (!policy.requireLinkedAdAccount) return undefined;
      if (account.linkedAdAccounts.length === 0) return deny('unlinked');
      // A link with a known date counts from that date; a link without one counts as it stands now.
      const at = Date.parse(event.occurredAt);
      const linkedThen = account.linkedAdAccounts.some(
        (l) => l.linkedAt === undefined || Date.parse(l.linkedAt) <= at,
      );
      return linkedThen ? undefined : deny('unlinked', 'event before link');
    },
  },
  {
    name: 'notice',
    summary: 'The person must have been shown the notice before the event.',
    check: ({ event, account, policy }) => {
      if (!policy.requireNotice) return undefined;
      const shown = account.noticeShownAt;
      // SAFETY: no record of a notice means no notice.
      if (!isSet(shown)) return deny('no_notice', 'notice never shown');
      // Only interactions after the person saw the notice count.
      return Date.parse(shown) > Date.parse(event.occurredAt)
        ? deny('no_notice', 'event before notice')
        : undefined;
    },
  },
  {
    name: 'surface',
    summary: 'The kind of interaction must not be turned off by the person, nor weighted 0 by the policy.',
    check: ({ event, account, policy }) => {
      if (account.disabledSurfaces.includes(event.surface)) return deny('surface_disabled', event.surface);
      // A weight of 0 would store signals that count for nothing: better not to store them.
      return policy.surfaceWeights[event.surface] === 0
        ? deny('surface_disabled', `${event.surface} (policy weight 0)`)
        : undefined;
    },
  },
  {
    name: 'group-chat',
    summary: 'In speaker-only mode a group-chat message counts only when it addressed the assistant.',
    check: ({ event, policy }) => {
      if (event.surface !== 'group_chat' || policy.groupChat === 'all-participants') return undefined;
      // SAFETY: in speaker-only mode a group message counts only when it addressed the assistant;
      // "not said" is not "yes".
      return event.mentionedAssistant === true ? undefined : deny('not_addressed');
    },
  },
  {
    name: 'all-checks-passed',
    summary: 'Every rule above passed: the event may be understood.',
    check: () => ({ allow: true }),
  },
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
    // SAFETY: an allow without a known age is impossible with the age rule, but if a custom
    // rule list allows one, age -1 keeps every age-restricted topic out.
    const age = isSet(account.birthYear) ? youngestAge(account.birthYear, input.event.occurredAt) : -1;
    return { kind: 'kept', rule: rule.name, age };
  }
  // SAFETY: default deny.
  return { kind: 'excluded', rule: 'default', reason: 'no_rule' };
}
