import type { Campaign, Targeting } from '../model/campaign.js';
import type { Surface } from '../model/event.js';
import type { Taxonomy, TaxonomyNode } from '../taxonomy/taxonomy.js';

/**
 * The youngest age at which interest criteria (anyOf, allOf or noneOf) may be used at all.
 * A campaign without an age range but with interest criteria gets this floor; a campaign whose
 * age range starts lower is refused by checkCampaign and floored here anyway.
 */
export const INTEREST_TARGETING_MIN_AGE = 18;

/** Whether a node may be used to match ads or recommend from a profile. Rules are node data. */
export function nodeMatchable(node: TaxonomyNode | undefined): node is TaxonomyNode {
  // SAFETY: unknown, sensitive or not-ad-eligible nodes never take part in matching.
  return node !== undefined && node.sensitive === null && node.adEligible;
}

const expansionCache = new WeakMap<Taxonomy, Map<string, ReadonlySet<string>>>();

/**
 * The node and its descendants that may be matched: a profile interest matches a campaign that
 * targets any of its ancestors. Sensitive or ineligible descendants are left out, so targeting a
 * broad tier-1 node never reaches the sensitive nodes below it. Cached per taxonomy; read-only.
 */
export function expandNode(taxonomy: Taxonomy, id: string): ReadonlySet<string> {
  let cache = expansionCache.get(taxonomy);
  if (!cache) {
    cache = new Map();
    expansionCache.set(taxonomy, cache);
  }
  const hit = cache.get(id);
  if (hit) return hit;
  const out = new Set<string>();
  // SAFETY: a node that is itself unmatchable expands to nothing, whatever lies below it.
  if (nodeMatchable(taxonomy.get(id))) {
    for (const d of taxonomy.descendantsOf(id)) if (nodeMatchable(d)) out.add(d.id);
  }
  cache.set(id, out);
  return out;
}

/** Dense integer ids for taxonomy nodes, so interest sets can be bitsets. */
export interface NodeNumbering {
  readonly ids: ReadonlyMap<string, number>;
  /** 32-bit words per bitset. */
  readonly words: number;
}

const numberingCache = new WeakMap<Taxonomy, NodeNumbering>();

export function nodeNumbering(taxonomy: Taxonomy): NodeNumbering {
  const hit = numberingCache.get(taxonomy);
  if (hit) return hit;
  const ids = new Map<string, number>();
  for (const id of taxonomy.nodes.keys()) ids.set(id, ids.size);
  const numbering = { ids, words: Math.ceil(ids.size / 32) };
  numberingCache.set(taxonomy, numbering);
  return numbering;
}

/**
 * A set of taxonomy nodes as a bitset over nodeNumbering: membership is a bit test, and the
 * union of several targeted nodes costs a few dozen word ORs instead of a new Set.
 */
export interface NodeSet {
  has(id: string): boolean;
  readonly bits: Uint32Array;
  readonly size: number;
}

class BitNodeSet implements NodeSet {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    readonly bits: Uint32Array,
    readonly size: number,
  ) {}

  has(id: string): boolean {
    const n = this.ids.get(id);
    return n !== undefined && ((this.bits[n >>> 5]! >>> (n & 31)) & 1) === 1;
  }
}

const nodeSetCache = new WeakMap<Taxonomy, Map<string, NodeSet>>();

/** The matchable expansion of one node as a NodeSet (cached; read-only). */
function nodeSetOfNode(taxonomy: Taxonomy, id: string): NodeSet {
  let cache = nodeSetCache.get(taxonomy);
  if (!cache) nodeSetCache.set(taxonomy, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const { ids, words } = nodeNumbering(taxonomy);
  const bits = new Uint32Array(words);
  const expanded = expandNode(taxonomy, id);
  for (const d of expanded) {
    const n = ids.get(d);
    if (n !== undefined) bits[n >>> 5]! |= 1 << (n & 31);
  }
  const set = new BitNodeSet(ids, bits, expanded.size);
  cache.set(id, set);
  return set;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The union of the ids' matchable expansions. */
export function nodeSetOf(taxonomy: Taxonomy, ids: readonly string[]): NodeSet {
  if (ids.length === 1) return nodeSetOfNode(taxonomy, ids[0]!);
  const numbering = nodeNumbering(taxonomy);
  const bits = new Uint32Array(numbering.words);
  for (const id of ids) {
    const part = nodeSetOfNode(taxonomy, id).bits;
    for (let k = 0; k < bits.length; k++) bits[k]! |= part[k]!;
  }
  let size = 0;
  for (const word of bits) size += popcount(word);
  return new BitNodeSet(numbering.ids, bits, size);
}

/** Targeting turned into sets and numbers that matching reads without touching the taxonomy. */
export interface CompiledTargeting {
  /** Expanded anyOf; null when the campaign sets no anyOf. */
  anyOf: NodeSet | null;
  /** One expanded set per allOf id: each must be hit. */
  allOf: readonly NodeSet[];
  /** Expanded noneOf; null when empty. */
  noneOf: NodeSet | null;
  /** Any of anyOf / allOf / noneOf is set: profile data is used, so adults only. */
  usesInterests: boolean;
  /** anyOf or allOf is set: at least one interest must be present to match. */
  hasPositive: boolean;
  countries: ReadonlySet<string> | null;
  languages: ReadonlySet<string> | null;
  surfaces: ReadonlySet<Surface> | null;
  /** Effective age bounds after the interest floor; null = no bound. */
  minAge: number | null;
  maxAge: number | null;
  /** The same interest sets as bitsets over nodeNumbering(taxonomy), for the hot path. */
  bits: { anyOf: Uint32Array | null; allOf: readonly Uint32Array[]; noneOf: Uint32Array | null };
}

const setOrNull = <T>(xs: readonly T[]): ReadonlySet<T> | null => (xs.length === 0 ? null : new Set(xs));

/** The age floor a targeting is held to: its own range, raised by interest criteria and node minAge. */
export function effectiveMinAge(targeting: Targeting, taxonomy: Taxonomy): number | null {
  const { anyOf, allOf, noneOf } = targeting.interests;
  const usesInterests = anyOf.length + allOf.length + noneOf.length > 0;
  let floor = targeting.ageRange?.min ?? 0;
  if (usesInterests) floor = Math.max(floor, INTEREST_TARGETING_MIN_AGE);
  for (const id of [...anyOf, ...allOf]) floor = Math.max(floor, taxonomy.get(id)?.minAge ?? 0);
  return floor > 0 ? floor : null;
}

export function compileTargeting(targeting: Targeting, taxonomy: Taxonomy): CompiledTargeting {
  const { anyOf, allOf, noneOf } = targeting.interests;
  const anySet = anyOf.length === 0 ? null : nodeSetOf(taxonomy, anyOf);
  const allSets = allOf.map((id) => nodeSetOf(taxonomy, [id]));
  const noneSet = noneOf.length === 0 ? null : nodeSetOf(taxonomy, noneOf);
  return {
    anyOf: anySet,
    allOf: allSets,
    noneOf: noneSet,
    usesInterests: anyOf.length + allOf.length + noneOf.length > 0,
    hasPositive: anyOf.length + allOf.length > 0,
    countries: setOrNull(targeting.countries),
    languages: setOrNull(targeting.languages),
    surfaces: setOrNull(targeting.surfaces),
    minAge: effectiveMinAge(targeting, taxonomy),
    maxAge: targeting.ageRange?.max ?? null,
    bits: {
      anyOf: anySet === null ? null : anySet.bits,
      allOf: allSets.map((x) => x.bits),
      noneOf: noneSet === null ? null : noneSet.bits,
    },
  };
}

/** A campaign ready for matching: targeting compiled, schedule parsed, bid as eCPM. */
export interface CompiledCampaign {
  campaign: Campaign;
  id: string;
  targeting: CompiledTargeting;
  /** Epoch ms; end is Infinity when open-ended. */
  start: number;
  end: number;
  /** Expected value of 1,000 impressions at the full bid. */
  bidEcpm: number;
}

/** cpm: the amount; cpc: amount × predicted CTR × 1000. */
export function bidEcpm(campaign: Campaign): number {
  const bid = campaign.bid;
  return bid.model === 'cpm' ? bid.amount : bid.amount * bid.predictedCtr * 1000;
}

export function parseSchedule(campaign: Campaign): { start: number; end: number } {
  const start = Date.parse(campaign.schedule.start);
  const end = campaign.schedule.end === undefined ? Infinity : Date.parse(campaign.schedule.end);
  return { start, end };
}

export function compileCampaign(campaign: Campaign, taxonomy: Taxonomy): CompiledCampaign {
  const { start, end } = parseSchedule(campaign);
  return {
    campaign,
    id: campaign.campaignId,
    targeting: compileTargeting(campaign.targeting, taxonomy),
    start,
    end,
    bidEcpm: bidEcpm(campaign),
  };
}
