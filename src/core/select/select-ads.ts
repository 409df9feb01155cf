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
  type Ranked,
  type Spend,
} from './auction.js';
import type { CompiledCampaign } from './compile.js';
import { sentence, whyInterest, type WhyCriterion, type WhyInterest } from './explain.js';
import type { Candidate, CandidateSource, RequestInterest, TargetingRequest } from './match.js';
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
  /** Reserve price as eCPM; default 0.1. */
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

export type AdSkip = DeliverySkip | 'below_reserve';

export interface SelectAdsResult {
  personalised: boolean;
  reason: NonPersonalisedReason | null;
  ads: ServedAd[];
  /** Campaigns whose targeting matched. */
  matched: number;
  /** Why matched campaigns did not serve (only those reached while filling the slots). */
  skipped: Record<AdSkip, number>;
}

interface Entry extends Ranked {
  candidate: Candidate;
}

/** Max-heap order: higher score first, then campaign id for determinism. */
const before = (a: Entry, b: Entry): boolean =>
  a.score > b.score || (a.score === b.score && a.candidate.campaign.id < b.candidate.campaign.id);

function heapify(h: Entry[]): void {
  for (let i = (h.length >> 1) - 1; i >= 0; i--) siftDown(h, i);
}

function siftDown(h: Entry[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let top = i;
    if (l < h.length && before(h[l]!, h[top]!)) top = l;
    if (r < h.length && before(h[r]!, h[top]!)) top = r;
    if (top === i) return;
    [h[i], h[top]] = [h[top]!, h[i]!];
    i = top;
  }
}

function popMax(h: Entry[]): Entry | undefined {
  const top = h[0];
  const last = h.pop();
  if (h.length > 0 && last !== undefined) {
    h[0] = last;
    siftDown(h, 0);
  }
  return top;
}

function deliveryBlock(input: SelectAdsInput, c: CompiledCampaign, dayStart: number): DeliverySkip | null {
  const spend = input.spend.get(c.id);
  const budget = budgetBlock(c.campaign, spend);
  if (budget !== null) return budget;
  if (frequencyCapped(c.campaign, input.impressions.get(c.id), input.now)) return 'frequency_cap';
  const p = paceProbability(c.campaign.budget.daily, spend?.today ?? 0, input.now, dayStart);
  return p >= 1 || input.random() < p ? null : 'paced';
}

/** Walks candidates best first and keeps the first K+1 that may deliver (K winners + runner-up). */
function fill(input: SelectAdsInput, candidates: readonly Candidate[], skipped: Record<AdSkip, number>): Entry[] {
  const reserve = input.reserveEcpm ?? 0.1;
  const base = input.baseRelevance ?? 0.2;
  const heap: Entry[] = [];
  for (const candidate of candidates) {
    const c = candidate.campaign;
    if (c.bidEcpm < reserve) {
      skipped.below_reserve++;
      continue;
    }
    const relevance = c.targeting.hasPositive ? candidate.relevance : base;
    if (relevance > 0) heap.push({ candidate, relevance, bidEcpm: c.bidEcpm, score: relevance * c.bidEcpm });
  }
  heapify(heap);
  const dayStart = input.dayStart ?? utcDayStart(input.now);
  const out: Entry[] = [];
  while (out.length <= input.slots) {
    const e = popMax(heap);
    if (!e) break;
    const block = deliveryBlock(input, e.candidate.campaign, dayStart);
    if (block === null) out.push(e);
    else skipped[block]++;
  }
  return out;
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
  if (bid.model === 'cpm') return { price: { model: 'cpm', perMille: priceEcpm }, expectedCost: priceEcpm / 1000 };
  return { price: { model: 'cpc', perClick: priceEcpm / (bid.predictedCtr * 1000) }, expectedCost: priceEcpm / 1000 };
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
  const candidates = input.campaigns.candidates(req);
  const skipped: Record<AdSkip, number> = { budget_total: 0, budget_daily: 0, frequency_cap: 0, paced: 0, below_reserve: 0 };
  const ranked = fill(input, candidates, skipped);
  const prices = gspPrices(ranked, input.slots, input.reserveEcpm ?? 0.1, input.increment ?? 0.01);
  const profileById = new Map((p.personalised ? (input.profile?.interests ?? []) : []).map((i) => [i.id, i]));
  const ads = prices.map((priceEcpm, position): ServedAd => {
    const e = ranked[position]!;
    const c = e.candidate.campaign;
    const creative = c.campaign.creatives[Math.floor(input.random() * c.campaign.creatives.length)] ?? c.campaign.creatives[0]!;
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
  return { personalised: p.personalised, reason: p.personalised ? null : p.reason, ads, matched: candidates.length, skipped };
}
