import type { Campaign } from '../model/campaign.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Money spent by a campaign, in its currency units. Missing means nothing spent. */
export interface Spend {
  today: number;
  total: number;
}

export type DeliverySkip = 'budget_total' | 'budget_daily' | 'frequency_cap' | 'paced';

/**
 * The most one serve can cost: a thousandth of the CPM, or one whole click for CPC (the click
 * may come later, so the budget must already cover it).
 */
export function maxCostOfServe(campaign: Campaign): number {
  return campaign.bid.model === 'cpm' ? campaign.bid.amount / 1000 : campaign.bid.amount;
}

/** Over (or too close to) a budget to pay for one more serve; null when there is room. */
export function budgetBlock(
  campaign: Campaign,
  spend: Spend | undefined,
): 'budget_total' | 'budget_daily' | null {
  const s = spend ?? { today: 0, total: 0 };
  const cost = maxCostOfServe(campaign);
  // SAFETY: a serve is only allowed when the remaining budget covers its worst-case cost.
  if (!(s.total + cost <= campaign.budget.total)) return 'budget_total';
  if (!(s.today + cost <= campaign.budget.daily)) return 'budget_daily';
  return null;
}

/** True when the account has already seen the campaign `count` times within the period. */
export function frequencyCapped(
  campaign: Campaign,
  times: readonly number[] | undefined,
  now: number,
): boolean {
  if (!times || times.length === 0) return false;
  const since = now - campaign.frequencyCap.periodHours * HOUR_MS;
  let seen = 0;
  // Future-dated impressions count too: clock skew must not reopen a cap.
  for (const t of times) if (t > since) seen++;
  return seen >= campaign.frequencyCap.count;
}

/** How far ahead of the even curve a campaign may spend: 15 minutes' worth. */
export const PACING_LEAD = 1 / 96;
/** Width of the throttle ramp, as a share of the daily budget. */
export const PACING_RAMP = 0.02;

/**
 * Probability of taking part in this auction so that daily spend follows the elapsed share of
 * the day: 1 while well under the curve, falling linearly to 0 as spend reaches it.
 */
export function paceProbability(daily: number, spentToday: number, now: number, dayStart: number): number {
  const elapsed = Math.min(1, Math.max(0, (now - dayStart) / DAY_MS));
  const allowance = daily * Math.min(1, elapsed + PACING_LEAD);
  const p = (allowance - spentToday) / (daily * PACING_RAMP);
  return Math.min(1, Math.max(0, p));
}

/** UTC midnight before `now`: the default day for daily budgets. */
export function utcDayStart(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

export interface Ranked {
  relevance: number;
  bidEcpm: number;
  /** relevance × bidEcpm */
  score: number;
}

/**
 * Generalised second price: the winner at position i pays the least eCPM that keeps its rank
 * score above the next one (next score / own relevance), plus an increment, never below the
 * reserve and never above its own bid. `ranked` holds the winners then, if any, the runner-up.
 */
export function gspPrices(
  ranked: readonly Ranked[],
  winners: number,
  reserve: number,
  increment: number,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.min(winners, ranked.length); i++) {
    const me = ranked[i]!;
    const next = ranked[i + 1];
    const needed = next === undefined ? reserve : next.score / me.relevance + increment;
    out.push(Math.min(me.bidEcpm, Math.max(reserve, needed)));
  }
  return out;
}
