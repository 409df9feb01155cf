import type { Account } from '../model/account.js';
import type { ExclusionReason } from '../model/decision.js';
import { youngestAge } from '../gate/gate.js';
import { isMuted } from '../profile/profile.js';
import type { Profile } from '../profile/types.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { INTEREST_TARGETING_MIN_AGE, nodeMatchable } from './compile.js';
import type { InterestMode, RequestInterest } from './match.js';

/** Why a response is not personalised: the gate's reasons, or that there is no profile yet. */
export type NonPersonalisedReason = ExclusionReason | 'no_profile';

export type Personalisation =
  | { personalised: true; age: number }
  | { personalised: false; reason: NonPersonalisedReason; age: number | null };

export interface PersonalisationInput {
  account: Account | undefined;
  profile: Profile | undefined;
  /** The caller's decision (gate, policy); the engine can only narrow it. */
  personalised: boolean;
  reason?: NonPersonalisedReason;
  now: number;
}

/** Youngest age the account holder can be at `now`; null when unknown. */
export function accountAge(account: Account | undefined, now: number): number | null {
  const by = account?.birthYear;
  if (by === null || by === undefined) return null;
  return youngestAge(by, new Date(now).toISOString());
}

/**
 * Re-checks the caller's "may personalise" against the account itself. SAFETY: every check
 * here only ever turns personalisation off, never on.
 */
export function resolvePersonalisation(input: PersonalisationInput): Personalisation {
  const { account, profile } = input;
  const age = accountAge(account, input.now);
  const off = (reason: NonPersonalisedReason): Personalisation => ({ personalised: false, reason, age });
  // SAFETY: a caller that says "no" without a reason still gets no personalisation.
  if (!input.personalised) return off(input.reason ?? 'no_rule');
  if (!account) return off('unknown_account');
  if (account.optedOut) return off('opted_out');
  if (age === null) return off('age_unknown');
  if (age < INTEREST_TARGETING_MIN_AGE) return off('minor');
  // SAFETY: a profile of another account is treated as no profile.
  if (!profile || profile.accountId !== account.accountId) return off('no_profile');
  return { personalised: true, age };
}

/**
 * Which interest data may be used. Context interests (what the person is looking at now) are
 * not profiling, but they still target by interest, so they too are for known adults only.
 */
export function interestMode(p: Personalisation, contextIds: readonly string[]): InterestMode {
  if (p.personalised) return 'profile';
  // SAFETY: unknown age is treated like a minor.
  if (p.age === null || p.age < INTEREST_TARGETING_MIN_AGE || p.reason === 'minor') return 'none';
  return contextIds.length > 0 ? 'context' : 'none';
}

/** Weight of an interest taken from the current context rather than the profile. */
export const CONTEXT_WEIGHT = 0.5;

/**
 * The interests a request may be matched on. Profiles should already hold only eligible,
 * unmuted nodes; they are filtered again because this is where they reach advertisers.
 */
export function requestInterests(
  taxonomy: Taxonomy,
  mode: InterestMode,
  age: number | null,
  profile: Profile | undefined,
  contextIds: readonly string[],
  mutedTopics: readonly string[],
): RequestInterest[] {
  if (mode === 'none' || age === null) return [];
  const usable = (id: string): boolean => {
    const node = taxonomy.get(id);
    // SAFETY: unknown, sensitive, ineligible, age-restricted or muted nodes are dropped.
    return nodeMatchable(node) && age >= node.minAge && !isMuted(taxonomy, id, mutedTopics);
  };
  const out = new Map<string, RequestInterest>();
  if (mode === 'profile' && profile) {
    for (const i of profile.interests) {
      if (i.score > 0 && !out.has(i.id) && usable(i.id)) {
        out.set(i.id, { id: i.id, weight: Math.min(1, i.score), source: 'profile' });
      }
    }
  }
  for (const id of contextIds) {
    if (!out.has(id) && usable(id)) out.set(id, { id, weight: CONTEXT_WEIGHT, source: 'context' });
  }
  return [...out.values()];
}
