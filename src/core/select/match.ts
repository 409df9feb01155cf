import type { Surface } from '../model/event.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { Campaign } from '../model/campaign.js';
import { blockingProblems } from './campaign-rules.js';
import { compileCampaign, type CompiledCampaign, type CompiledTargeting } from './compile.js';

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

/** Anything that can answer "which campaigns match this request": the index or a linear scan. */
export interface CandidateSource {
  readonly size: number;
  candidates(request: TargetingRequest): Candidate[];
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

/** The baseline: test every campaign. Used by tests as the oracle and by the bench. */
export function createLinearScan(taxonomy: Taxonomy, campaigns: readonly Campaign[]): CandidateSource {
  // SAFETY: the same admission rule as the index: blocked campaigns never serve.
  const compiled = campaigns
    .filter((c) => blockingProblems(c, taxonomy).length === 0)
    .map((c) => compileCampaign(c, taxonomy));
  return {
    size: compiled.length,
    candidates(req) {
      const out: Candidate[] = [];
      for (const c of compiled) {
        const m = matchTargeting(c, req);
        if (m) out.push(m);
      }
      return out;
    },
  };
}
