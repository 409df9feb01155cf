import type { Account } from '../model/account.js';
import type { Surface } from '../model/event.js';
import type { Profile, ProfileInterest } from '../profile/types.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import {
  budgetBlock,
  frequencyCapped,
  gspPrices,
  paceProbability,
  utcDayStart,
  type DeliverySkip,
  type Spend,
} from './auction.js';
import type { CompiledCampaign } from './compile.js';
import { sentence, whyInterest, type WhyCriterion, type WhyInterest } from './explain.js';
import type { CandidateSource, RankedCandidate, RequestInterest, TargetingRequest } from './match.js';
import {
  interestMode,
  requestInterests,
  resolvePersonalisation,
  type NonPersonalisedReason,
  type Personalisation,
} from './personalisation.js';
import type { RandomSource } from './prng.js';

export interface AdRequestContext {
  /** ISO 3166-1 alpha-2 of where the request comes from; null when unknown. */
  country: string | null;
  /** ISO 639 language of the placement; null when unknown. */
  language: string | null;
  surface: Surface;
  /** Taxonomy ids the current page or conversation is about (contextual, not profiling). */
  contextInterestIds?: readonly string[];
}

export interface SelectAdsInput {
  taxonomy: Taxonomy;
  /** The campaign index (or a linear scan): only active, admitted campaigns. */
  campaigns: CandidateSource;
  account: Account | undefined;
  profile: Profile | undefined;
  /** The caller's consent/policy decision; the engine may only narrow it. */
  personalised: boolean;
  reason?: NonPersonalisedReason;
  request: AdRequestContext;
  /** Epoch ms. */
  now: number;
  /** Number of ad slots K. */
  slots: number;
  /** This account's impression times (epoch ms) per campaign id, for frequency caps. */
  impressions: ReadonlyMap<string, readonly number[]>;
  /** Spend today and in total per campaign id. */
  spend: ReadonlyMap<string, Spend>;
  random: RandomSource;
  /** Start of the budget day (epoch ms); default UTC midnight before `now`. */
  dayStart?: number;
  /** Reserve price as eCPM; default DEFAULT_RESERVE_ECPM. */
  reserveEcpm?: number;
  /** Added to the second price; default 0.01 eCPM. */
  increment?: number;
  /** Relevance of campaigns without interest criteria; default 0.2. */
  baseRelevance?: number;
}

export type AdPrice = { model: 'cpm'; perMille: number } | { model: 'cpc'; perClick: number };

export interface AdWhy {
  personalised: boolean;
  reason: NonPersonalisedReason | null;
  /** Only interests the campaign's criteria really matched, strongest first. */
  interests: WhyInterest[];
  /** Targeting criteria that applied to this person. */
  criteria: WhyCriterion[];
  sentence: string;
}

export interface ServedAd {
  position: number;
  campaignId: string;
  advertiserId: string;
  creativeId: string;
  headline: string;
  body: string;
  url: string;
  relevance: number;
  /** relevance × bid eCPM: the rank score. */
  score: number;
  /** What the winner pays in its bid's terms, and as eCPM. */
  price: AdPrice;
  priceEcpm: number;
  /** Expected cost of this impression (CPC: price × predicted CTR). */
  expectedCost: number;
  why: AdWhy;
}

export type AdSkip = DeliverySkip;

export const DEFAULT_RESERVE_ECPM = 0.1;
export const DEFAULT_INCREMENT = 0.01;
export const DEFAULT_BASE_RELEVANCE = 0.2;

export interface SelectAdsResult {
  personalised: boolean;
  reason: NonPersonalisedReason | null;
  ads: ServedAd[];
  /** Matching campaigns pulled, best first, until the slots were filled. */
  considered: number;
  /** Why pulled campaigns did not serve. */
  skipped: Record<AdSkip, number>;
}

function deliveryBlock(input: SelectAdsInput, c: CompiledCampaign, dayStart: number): DeliverySkip | null {
  const spend = input.spend.get(c.id);
  const budget = budgetBlock(c.campaign, spend);
  if (budget !== null) return budget;
  if (frequencyCapped(c.campaign, input.impressions.get(c.id), input.now)) return 'frequency_cap';
  const p = paceProbability(c.campaign.budget.daily, spend?.today ?? 0, input.now, dayStart);
  return p >= 1 || input.random() < p ? null : 'paced';
}

/**
 * Pulls candidates best first and keeps the first K+1 that may deliver (K winners and the
 * runner-up that sets the last price). Delivery checks run only on what is pulled.
 */
function fill(
  input: SelectAdsInput,
  req: TargetingRequest,
  skipped: Record<AdSkip, number>,
): { ranked: RankedCandidate[]; considered: number } {
  const opts = {
    reserveEcpm: input.reserveEcpm ?? DEFAULT_RESERVE_ECPM,
    baseRelevance: input.baseRelevance ?? DEFAULT_BASE_RELEVANCE,
  };
  const dayStart = input.dayStart ?? utcDayStart(input.now);
  const ranked: RankedCandidate[] = [];
  let considered = 0;
  for (const r of input.campaigns.ranked(req, opts)) {
    considered++;
    const block = deliveryBlock(input, r.campaign, dayStart);
    if (block === null) ranked.push(r);
    else skipped[block]++;
    if (ranked.length > input.slots) break;
  }
  return { ranked, considered };
}

function criteriaFor(c: CompiledCampaign, req: TargetingRequest): WhyCriterion[] {
  const t = c.targeting;
  const out: WhyCriterion[] = [];
  if (t.countries && req.country !== null) out.push({ kind: 'country', value: req.country });
  if (t.languages && req.language !== null) out.push({ kind: 'language', value: req.language });
  if (t.minAge !== null || t.maxAge !== null) out.push({ kind: 'age', min: t.minAge, max: t.maxAge });
  if (t.surfaces) out.push({ kind: 'surface', value: req.surface });
  return out;
}

/** The request interests the campaign's anyOf/allOf really contain, strongest first. */
function matchedInterests(c: CompiledCampaign, interests: readonly RequestInterest[]): RequestInterest[] {
  const t = c.targeting;
  return interests
    .filter((i) => t.anyOf?.has(i.id) === true || t.allOf.some((s) => s.has(i.id)))
    .sort((a, b) => b.weight - a.weight);
}

function explain(
  input: SelectAdsInput,
  p: Personalisation,
  c: CompiledCampaign,
  req: TargetingRequest,
  profileById: ReadonlyMap<string, ProfileInterest>,
): AdWhy {
  const interests = matchedInterests(c, req.interests).map((i) =>
    whyInterest(input.taxonomy, i.id, i.source, profileById.get(i.id)),
  );
  const criteria = criteriaFor(c, req);
  const reason = p.personalised ? null : p.reason;
  const fallback = 'Shown to everyone here; it is not based on anything about you.';
  return {
    personalised: p.personalised,
    reason,
    interests,
    criteria,
    sentence: sentence('Shown because', interests, criteria, input.now, fallback, reason),
  };
}

function priceFor(c: CompiledCampaign, priceEcpm: number): { price: AdPrice; expectedCost: number } {
  const bid = c.campaign.bid;
  if (bid.model === 'cpm')
    return { price: { model: 'cpm', perMille: priceEcpm }, expectedCost: priceEcpm / 1000 };
  return {
    price: { model: 'cpc', perClick: priceEcpm / (bid.predictedCtr * 1000) },
    expectedCost: priceEcpm / 1000,
  };
}

function requestFor(input: SelectAdsInput, p: Personalisation): TargetingRequest {
  const contextIds = input.request.contextInterestIds ?? [];
  const mode = interestMode(p, contextIds);
  const profile = p.personalised ? input.profile : undefined;
  const muted = input.account?.mutedTopics ?? [];
  return {
    country: input.request.country,
    language: input.request.language,
    surface: input.request.surface,
    age: p.age,
    now: input.now,
    mode,
    interests: requestInterests(input.taxonomy, mode, p.age, profile, contextIds, muted),
  };
}

/**
 * Chooses up to `slots` ads: targeting match (index), rank by relevance × bid eCPM, delivery
 * checks best first (budgets, frequency cap, pacing), generalised second-price. When the person
 * may not be personalised, only context and country are used and the response says why.
 */
export function selectAds(input: SelectAdsInput): SelectAdsResult {
  const p = resolvePersonalisation(input);
  const req = requestFor(input, p);
  const skipped: Record<AdSkip, number> = { budget_total: 0, budget_daily: 0, frequency_cap: 0, paced: 0 };
  const { ranked, considered } = fill(input, req, skipped);
  const prices = gspPrices(
    ranked.map((r) => ({ relevance: r.relevance, score: r.score, bidEcpm: r.campaign.bidEcpm })),
    input.slots,
    input.reserveEcpm ?? DEFAULT_RESERVE_ECPM,
    input.increment ?? DEFAULT_INCREMENT,
  );
  const profileById = new Map((p.personalised ? (input.profile?.interests ?? []) : []).map((i) => [i.id, i]));
  const ads = prices.map((priceEcpm, position): ServedAd => {
    const e = ranked[position]!;
    const c = e.campaign;
    const creative =
      c.campaign.creatives[Math.floor(input.random() * c.campaign.creatives.length)] ??
      c.campaign.creatives[0]!;
    return {
      position,
      campaignId: c.id,
      advertiserId: c.campaign.advertiserId,
      creativeId: creative.id,
      headline: creative.headline,
      body: creative.body,
      url: creative.url,
      relevance: e.relevance,
      score: e.score,
      ...priceFor(c, priceEcpm),
      priceEcpm,
      why: explain(input, p, c, req, profileById),
    };
  });
  return { personalised: p.personalised, reason: p.personalised ? null : p.reason, ads, considered, skipped };
}
