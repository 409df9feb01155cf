import type { Targeting } from '../model/campaign.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { DEFAULT_K_ANONYMITY } from './campaign-rules.js';
import { compileTargeting, INTEREST_TARGETING_MIN_AGE } from './compile.js';

/** One eligible account as the caller summarises it: no ids, no text. */
export interface AudienceRecord {
  region: string;
  /** Youngest age the person can be; null when unknown. */
  age: number | null;
  language?: string;
  /** Profile interest ids (the ones a campaign could match on). */
  interestIds: ReadonlySet<string>;
}

export interface AudienceEstimate {
  /** Rounded to two significant figures; 0 when below the floor. */
  eligible: number;
  belowFloor: boolean;
  /** "about 12,000" or "fewer than 100". */
  display: string;
}

interface HasId {
  has(id: string): boolean;
}

/** The parts of a compiled targeting that describe people (surfaces are placements). */
interface AudienceTargeting {
  anyOf: HasId | null;
  allOf: readonly HasId[];
  noneOf: HasId | null;
  countries: ReadonlySet<string> | null;
  languages: ReadonlySet<string> | null;
  minAge: number | null;
  maxAge: number | null;
}

function hitsAny(set: HasId, ids: ReadonlySet<string>): boolean {
  for (const id of ids) if (set.has(id)) return true;
  return false;
}

/** Same rules as serving: interest criteria need a known adult age; unknowns fail criteria. */
function inAudience(t: AudienceTargeting, r: AudienceRecord): boolean {
  if (t.countries && !t.countries.has(r.region)) return false;
  if (t.languages && (r.language === undefined || !t.languages.has(r.language))) return false;
  if (t.minAge !== null || t.maxAge !== null) {
    // SAFETY: unknown age is never counted towards an age-bounded (or interest) audience.
    if (r.age === null || r.age < (t.minAge ?? 0) || (t.maxAge !== null && r.age > t.maxAge)) return false;
  }
  if (t.anyOf && !hitsAny(t.anyOf, r.interestIds)) return false;
  if (!t.allOf.every((s) => hitsAny(s, r.interestIds))) return false;
  return !(t.noneOf && hitsAny(t.noneOf, r.interestIds));
}

export function roundSignificant(n: number, digits = 2): number {
  if (n <= 0) return 0;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) + 1 - digits);
  return Math.round(n / scale) * scale;
}

/**
 * How many eligible accounts a targeting reaches, rounded and floored so that it can never
 * single anyone out. Surfaces are placements, not people, so they do not narrow the count.
 * `taxonomy` expands targeted nodes to their matchable descendants, as serving does.
 */
export function estimateAudience(
  targeting: Targeting,
  population: Iterable<AudienceRecord>,
  k: number = DEFAULT_K_ANONYMITY,
  taxonomy?: Taxonomy,
): AudienceEstimate {
  const t: AudienceTargeting = taxonomy
    ? compileTargeting(targeting, taxonomy)
    : compileWithoutTaxonomy(targeting);
  let n = 0;
  for (const r of population) if (inAudience(t, r)) n++;
  if (n < k) return { eligible: 0, belowFloor: true, display: `fewer than ${k.toLocaleString('en-US')}` };
  const eligible = Math.max(k, roundSignificant(n));
  return { eligible, belowFloor: false, display: `about ${eligible.toLocaleString('en-US')}` };
}

/** Without a taxonomy, ids match exactly: records must then list ancestors themselves. */
function compileWithoutTaxonomy(targeting: Targeting): AudienceTargeting {
  const { anyOf, allOf, noneOf } = targeting.interests;
  const usesInterests = anyOf.length + allOf.length + noneOf.length > 0;
  const floor = Math.max(targeting.ageRange?.min ?? 0, usesInterests ? INTEREST_TARGETING_MIN_AGE : 0);
  const set = <T>(xs: readonly T[]) => (xs.length === 0 ? null : new Set(xs));
  return {
    anyOf: set(anyOf),
    allOf: allOf.map((id) => new Set([id])),
    noneOf: set(noneOf),
    countries: set(targeting.countries),
    languages: set(targeting.languages),
    minAge: floor > 0 ? floor : null,
    maxAge: targeting.ageRange?.max ?? null,
  };
}
