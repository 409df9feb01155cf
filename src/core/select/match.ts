import type { Surface } from '../model/event.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { Campaign } from '../model/campaign.js';
import { blockingProblems } from './campaign-rules.js';
import { compileCampaign, nodeNumbering, type CompiledCampaign, type CompiledTargeting } from './compile.js';

export type InterestSource = 'profile' | 'context';

/** One interest the request may be matched on, with its weight in (0, 1]. Ids are unique. */
export interface RequestInterest {
  id: string;
  weight: number;
  source: InterestSource;
}

/**
 * What interest data a request may use:
 * - `profile`: the person's profile (and the current context); noneOf can be verified.
 * - `context`: only what the current page or conversation is about; noneOf-only campaigns
 *   cannot be verified and never serve.
 * - `none`: no interest data at all (minors, unknown age): interest campaigns never serve.
 */
export type InterestMode = 'profile' | 'context' | 'none';

export interface TargetingRequest {
  country: string | null;
  language: string | null;
  surface: Surface;
  /** Youngest age the person can be; null when unknown. */
  age: number | null;
  /** Epoch ms. */
  now: number;
  mode: InterestMode;
  interests: readonly RequestInterest[];
}

export interface Candidate {
  campaign: CompiledCampaign;
  /**
   * Noisy-OR of the weights of the request interests the campaign's anyOf/allOf matched, in
   * (0, 1]; 0 for campaigns without positive interest criteria.
   */
  relevance: number;
}

/** Status, schedule, country, language, surface and age: everything but interests. */
export function passesContext(c: CompiledCampaign, req: TargetingRequest): boolean {
  if (c.campaign.status !== 'active') return false;
  // SAFETY: written so that an unparseable (NaN) start or end never serves.
  if (!(c.start <= req.now && req.now < c.end)) return false;
  const t = c.targeting;
  // SAFETY: an unknown country or language fails any criterion on it.
  if (t.countries !== null && (req.country === null || !t.countries.has(req.country))) return false;
  if (t.languages !== null && (req.language === null || !t.languages.has(req.language))) return false;
  if (t.surfaces !== null && !t.surfaces.has(req.surface)) return false;
  return passesAge(t, req.age);
}

function passesAge(t: CompiledTargeting, age: number | null): boolean {
  if (t.minAge === null && t.maxAge === null) return true;
  // SAFETY: unknown age never passes an age bound (and interest criteria always imply one).
  if (age === null) return false;
  return age >= (t.minAge ?? 0) && (t.maxAge === null || age <= t.maxAge);
}

/** Relevance when the interest criteria hold, null when they do not. */
export function matchInterests(t: CompiledTargeting, req: TargetingRequest): number | null {
  if (!t.usesInterests) return 0;
  if (req.mode === 'none') return null;
  // SAFETY: "has none of these interests" is only knowable from a profile.
  if (!t.hasPositive && req.mode !== 'profile') return null;
  let miss = 1;
  let anyHit = t.anyOf === null;
  const allHit = t.allOf.map(() => false);
  for (const i of req.interests) {
    if (t.noneOf?.has(i.id)) return null;
    let positive = false;
    if (t.anyOf?.has(i.id)) {
      anyHit = true;
      positive = true;
    }
    for (let k = 0; k < t.allOf.length; k++) {
      if (t.allOf[k]!.has(i.id)) {
        allHit[k] = true;
        positive = true;
      }
    }
    if (positive) miss *= 1 - i.weight;
  }
  if (!anyHit || allHit.includes(false)) return null;
  return t.hasPositive ? 1 - miss : 0;
}

export function matchTargeting(c: CompiledCampaign, req: TargetingRequest): Candidate | null {
  if (!passesContext(c, req)) return null;
  const relevance = matchInterests(c.targeting, req);
  return relevance === null ? null : { campaign: c, relevance };
}

/** A request with its interests as node numbers and weights: what the hot path reads. */
export interface PreparedRequest {
  req: TargetingRequest;
  /** Node number per request interest (-1 when the taxonomy does not know it). */
  nums: Int32Array;
  weights: Float64Array;
}

export function prepareRequest(taxonomy: Taxonomy, req: TargetingRequest): PreparedRequest {
  const { ids } = nodeNumbering(taxonomy);
  const n = req.interests.length;
  const nums = new Int32Array(n);
  const weights = new Float64Array(n);
  req.interests.forEach((i, k) => {
    nums[k] = ids.get(i.id) ?? -1;
    weights[k] = i.weight;
  });
  return { req, nums, weights };
}

const hasBit = (bits: Uint32Array, n: number): boolean => ((bits[n >>> 5]! >>> (n & 31)) & 1) === 1;

/** matchInterests on bitsets: same answer, a few nanoseconds per interest. */
export function relevanceOf(t: CompiledTargeting, pr: PreparedRequest): number | null {
  if (!t.usesInterests) return 0;
  const mode = pr.req.mode;
  if (mode === 'none') return null;
  // SAFETY: "has none of these interests" is only knowable from a profile.
  if (!t.hasPositive && mode !== 'profile') return null;
  const { anyOf, allOf, noneOf } = t.bits;
  const allHit = allOf.length > 0 ? new Uint8Array(allOf.length) : null;
  let anyHit = anyOf === null;
  let miss = 1;
  for (let i = 0; i < pr.nums.length; i++) {
    const n = pr.nums[i]!;
    if (n < 0) continue;
    if (noneOf !== null && hasBit(noneOf, n)) return null;
    let positive = anyOf !== null && hasBit(anyOf, n);
    if (positive) anyHit = true;
    for (let k = 0; k < allOf.length; k++) {
      if (hasBit(allOf[k]!, n)) {
        allHit![k] = 1;
        positive = true;
      }
    }
    if (positive) miss *= 1 - pr.weights[i]!;
  }
  if (!anyHit || (allHit !== null && allHit.includes(0))) return null;
  return t.hasPositive ? 1 - miss : 0;
}

/** Full targeting check on the hot path. */
export function evaluate(c: CompiledCampaign, pr: PreparedRequest): number | null {
  return passesContext(c, pr.req) ? relevanceOf(c.targeting, pr) : null;
}

export interface RankOptions {
  /** Relevance given to campaigns without positive interest criteria. */
  baseRelevance: number;
  /** Campaigns whose bid eCPM is below this never take part. */
  reserveEcpm: number;
}

export interface RankedCandidate {
  campaign: CompiledCampaign;
  /** Effective relevance: the interest match, or baseRelevance without interest criteria. */
  relevance: number;
  /** relevance × bid eCPM. */
  score: number;
}

/** Rank order: higher score first, then campaign id, so every source yields the same order. */
export const rankedBefore = (a: RankedCandidate, b: RankedCandidate): boolean =>
  a.score > b.score || (a.score === b.score && a.campaign.id < b.campaign.id);

export function toRanked(c: CompiledCampaign, relevance: number, opts: RankOptions): RankedCandidate | null {
  if (c.bidEcpm < opts.reserveEcpm) return null;
  const r = c.targeting.hasPositive ? relevance : opts.baseRelevance;
  return r > 0 ? { campaign: c, relevance: r, score: r * c.bidEcpm } : null;
}

/** Anything that can answer "which campaigns match this request": the index or a linear scan. */
export interface CandidateSource {
  readonly size: number;
  /** Every matching campaign, in no particular order. */
  candidates(request: TargetingRequest): Candidate[];
  /**
   * Matching campaigns at or above the reserve, best first, produced lazily. Consume it before
   * the next request on the same source: the index reuses per-request scratch state and throws
   * if an iterator is resumed after a newer request.
   */
  ranked(request: TargetingRequest, opts: RankOptions): Iterable<RankedCandidate>;
}

/** The baseline: test every campaign. Used by tests as the oracle and by the bench. */
export function createLinearScan(taxonomy: Taxonomy, campaigns: readonly Campaign[]): CandidateSource {
  // SAFETY: the same admission rule as the index: blocked campaigns never serve.
  const compiled = campaigns
    .filter((c) => c.status === 'active' && blockingProblems(c, taxonomy).length === 0)
    .map((c) => compileCampaign(c, taxonomy));
  const all = (req: TargetingRequest): Candidate[] => {
    const pr = prepareRequest(taxonomy, req);
    const out: Candidate[] = [];
    for (const c of compiled) {
      const relevance = evaluate(c, pr);
      if (relevance !== null) out.push({ campaign: c, relevance });
    }
    return out;
  };
  return {
    size: compiled.length,
    candidates: all,
    ranked(req, opts) {
      const out: RankedCandidate[] = [];
      for (const m of all(req)) {
        const r = toRanked(m.campaign, m.relevance, opts);
        if (r) out.push(r);
      }
      return out.sort((a, b) => (rankedBefore(a, b) ? -1 : rankedBefore(b, a) ? 1 : 0));
    },
  };
}
