/**
 * Seeded random worlds for the selection tests and bench: campaigns, profiles, requests.
 * Not a test file itself.
 */
import type { Campaign } from '../../src/core/model/campaign.js';
import type { Surface } from '../../src/core/model/event.js';
import { SURFACES } from '../../src/core/model/event.js';
import type { Profile, ProfileInterest } from '../../src/core/profile/types.js';
import type { Taxonomy, TaxonomyNode } from '../../src/core/taxonomy/taxonomy.js';
import type { InterestMode, RequestInterest, TargetingRequest } from '../../src/core/select/match.js';
import type { RandomSource } from '../../src/core/select/prng.js';

export const COUNTRIES = [
  'US',
  'CA',
  'MX',
  'BR',
  'AR',
  'IN',
  'JP',
  'AU',
  'NZ',
  'ZA',
  'NG',
  'EG',
  'TR',
  'SA',
  'AE',
  'ID',
  'PH',
  'VN',
  'TH',
  'SG',
];
export const LANGUAGES = ['en', 'es', 'pt', 'hi', 'ja', 'ar', 'id', 'fr'];
export const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

export const pick = <T>(rng: RandomSource, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const int = (rng: RandomSource, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
/** Skewed pick: the head of the list is much more likely (like real country traffic). */
const skewed = <T>(rng: RandomSource, xs: readonly T[]): T => xs[Math.floor(rng() ** 2 * xs.length)]!;
function some<T>(rng: RandomSource, xs: readonly T[], n: number, pickOne = pick): T[] {
  const out = new Set<T>();
  for (let i = 0; i < n * 3 && out.size < n; i++) out.add(pickOne(rng, xs));
  return [...out];
}

export interface WorldNodes {
  byTier: TaxonomyNode[][];
  matchable: TaxonomyNode[];
  unsafe: TaxonomyNode[];
}

export function worldNodes(taxonomy: Taxonomy): WorldNodes {
  const byTier: TaxonomyNode[][] = [[], [], [], []];
  const matchable: TaxonomyNode[] = [];
  const unsafe: TaxonomyNode[] = [];
  for (const n of taxonomy.nodes.values()) {
    if (n.sensitive !== null || !n.adEligible) {
      unsafe.push(n);
      continue;
    }
    matchable.push(n);
    if (n.tier <= 3) byTier[n.tier]!.push(n);
  }
  return { byTier, matchable, unsafe };
}

function targetNode(rng: RandomSource, w: WorldNodes): string {
  const r = rng();
  const tier = r < 0.2 ? 1 : r < 0.6 ? 2 : 3;
  return pick(rng, w.byTier[tier]!).id;
}

export interface CampaignOptions {
  /** Share of campaigns with odd states (paused, ended, unsafe targeting) for property tests. */
  oddities?: number;
}

export function makeCampaign(
  rng: RandomSource,
  w: WorldNodes,
  i: number,
  opts: CampaignOptions = {},
): Campaign {
  const odd = rng() < (opts.oddities ?? 0);
  const noInterest = rng() < 0.1;
  const anyOf = noInterest ? [] : Array.from({ length: int(rng, 1, 3) }, () => targetNode(rng, w));
  const allOf = !noInterest && rng() < 0.1 ? [targetNode(rng, w)] : [];
  const noneOf = rng() < 0.1 ? [targetNode(rng, w)] : [];
  if (odd && rng() < 0.3) anyOf.push(pick(rng, w.unsafe).id);
  const ageRange =
    rng() < 0.3
      ? (() => {
          const min = int(rng, odd ? 13 : 18, 35);
          return { min, max: int(rng, min, 65) };
        })()
      : undefined;
  const cpc = rng() < 0.3;
  const total = int(rng, 1_000, 100_000);
  const status: Campaign['status'] = odd && rng() < 0.3 ? pick(rng, ['paused', 'ended'] as const) : 'active';
  const ended = odd && rng() < 0.3;
  return {
    campaignId: `c${i}`,
    advertiserId: `a${i % 997}`,
    name: `Campaign ${i}`,
    status,
    schedule: {
      start: '2026-01-01T00:00:00Z',
      ...(ended ? { end: '2026-03-01T00:00:00Z' } : rng() < 0.3 ? { end: '2027-01-01T00:00:00Z' } : {}),
    },
    budget: { total, daily: Math.max(1, Math.round(total / int(rng, 10, 60))) },
    bid: cpc
      ? { model: 'cpc', amount: 0.1 + rng() * 2, predictedCtr: 0.002 + rng() * 0.018 }
      : { model: 'cpm', amount: 0.5 + rng() * 20 },
    creatives: [{ id: `cr${i}`, headline: `Ad ${i}`, body: '', url: `https://example.com/${i}` }],
    frequencyCap: { count: 3, periodHours: 24 },
    targeting: {
      interests: { anyOf, allOf, noneOf },
      countries: rng() < 0.8 ? some(rng, COUNTRIES, rng() < 0.6 ? 1 : int(rng, 2, 3), skewed) : [],
      ...(ageRange ? { ageRange } : {}),
      languages: rng() < 0.4 ? some(rng, LANGUAGES, int(rng, 1, 2), skewed) : [],
      surfaces: rng() < 0.15 ? some(rng, SURFACES, int(rng, 1, 2)) : [],
    },
  };
}

export function makeCampaigns(
  rng: RandomSource,
  w: WorldNodes,
  n: number,
  opts: CampaignOptions = {},
): Campaign[] {
  return Array.from({ length: n }, (_, i) => makeCampaign(rng, w, i, opts));
}

/**
 * A profile of `n` interests on matchable nodes, clustered like real people's: most of them in
 * a handful of tier-1 areas, a few anywhere.
 */
export function makeProfile(rng: RandomSource, w: WorldNodes, accountId: string, n = 30, now = NOW): Profile {
  const interests: ProfileInterest[] = [];
  const seen = new Set<string>();
  const areas = new Set(some(rng, w.byTier[1]!, 6).map((t) => t.id));
  const inAreas = w.matchable.filter((m) => areas.has(m.tier1Id));
  for (let tries = 0; interests.length < n && tries < n * 50; tries++) {
    const node = rng() < 0.8 && inAreas.length > 0 ? pick(rng, inAreas) : pick(rng, w.matchable);
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    const surfaces: Surface[] = some(rng, SURFACES, int(rng, 1, 2));
    interests.push({
      id: node.id,
      name: node.name,
      path: node.path,
      score: 0.05 + rng() * 0.95,
      evidence: int(rng, 1, 20),
      firstSeen: now - 60 * DAY,
      lastSeen: now - int(rng, 0, 20) * DAY,
      surfaces,
      contexts: [],
      declared: rng() < 0.1,
    });
  }
  interests.sort((a, b) => b.score - a.score);
  return { accountId, asOf: now, interests };
}

export function profileRequestInterests(p: Profile): RequestInterest[] {
  return p.interests.map((i) => ({ id: i.id, weight: i.score, source: 'profile' as const }));
}

/** A random request exercising every branch: unknown country, minors, unknown age, each mode. */
export function makeRequest(rng: RandomSource, w: WorldNodes, profile: Profile, now = NOW): TargetingRequest {
  const mode: InterestMode = pick(rng, ['profile', 'profile', 'context', 'none'] as const);
  const interests: RequestInterest[] =
    mode === 'profile'
      ? profileRequestInterests(profile)
      : mode === 'context'
        ? some(rng, w.matchable, 3).map((n) => ({ id: n.id, weight: 0.5, source: 'context' as const }))
        : [];
  const ageRoll = rng();
  return {
    country: rng() < 0.05 ? null : skewed(rng, COUNTRIES),
    language: rng() < 0.05 ? null : skewed(rng, LANGUAGES),
    surface: pick(rng, SURFACES),
    age: ageRoll < 0.05 ? null : ageRoll < 0.1 ? int(rng, 13, 17) : int(rng, 18, 70),
    now,
    mode,
    interests,
  };
}
