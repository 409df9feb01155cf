import type { Account } from '../model/account.js';
import type { ContentItem } from '../model/content.js';
import { isMuted } from '../profile/profile.js';
import type { Profile } from '../profile/types.js';
import type { Taxonomy, TaxonomyNode } from '../taxonomy/taxonomy.js';
import { nodeMatchable } from './compile.js';
import { agoPhrase, notPersonalisedPhrase, sentence, whyInterest, type WhyInterest } from './explain.js';
import {
  requestInterests,
  resolvePersonalisation,
  type NonPersonalisedReason,
  type Personalisation,
} from './personalisation.js';

const HOUR_MS = 3_600_000;
/** Credit kept per level when an item's topic lies below a profile interest. */
export const ANCESTOR_DECAY = 0.5;
/** At most this many items in a row may share a tier-1 topic. */
export const MAX_RUN = 2;

export interface RecommendInput {
  taxonomy: Taxonomy;
  items: readonly ContentItem[];
  account: Account | undefined;
  profile: Profile | undefined;
  personalised: boolean;
  reason?: NonPersonalisedReason;
  country: string | null;
  language?: string | null;
  /** Epoch ms. */
  now: number;
  limit: number;
  /** Recent engagement per item id (any non-negative unit); drives the non-personalised order. */
  popularity?: ReadonlyMap<string, number>;
  /** Freshness half-life; default 72 hours. */
  halfLifeHours?: number;
}

export interface ItemInterest extends WhyInterest {
  /** The item's topic the interest matched, and whether exactly or as a broader interest. */
  topicId: string;
  via: 'exact' | 'broader';
}

export type ItemBasis = 'interest' | 'popular' | 'fresh';

export interface ItemWhy {
  personalised: boolean;
  reason: NonPersonalisedReason | null;
  basis: ItemBasis;
  interests: ItemInterest[];
  sentence: string;
}

export interface RecommendedItem {
  position: number;
  item: ContentItem;
  score: number;
  affinity: number;
  freshness: number;
  popularity: number;
  why: ItemWhy;
}

export type ItemSkip =
  'not_published' | 'unknown_topic' | 'muted' | 'sensitive' | 'age' | 'country' | 'language' | 'diversity';

export interface RecommendResult {
  personalised: boolean;
  reason: NonPersonalisedReason | null;
  items: RecommendedItem[];
  skipped: Record<ItemSkip, number>;
}

interface Scored {
  item: ContentItem;
  tier1: ReadonlySet<string>;
  affinity: number;
  match: { interestId: string; topicId: string; depth: number } | null;
  freshness: number;
  popularity: number;
  score: number;
}

/** Why an item may not be shown to this person at all; null when it may. */
function itemBlock(
  input: RecommendInput,
  p: Personalisation,
  nodes: readonly (TaxonomyNode | undefined)[],
): ItemSkip | null {
  const muted = input.account?.mutedTopics ?? [];
  // SAFETY: an item tagged with a topic the taxonomy does not know is not shown.
  if (nodes.some((n) => n === undefined)) return 'unknown_topic';
  const known = nodes as readonly TaxonomyNode[];
  if (known.some((n) => isMuted(input.taxonomy, n.id, muted))) return 'muted';
  // SAFETY: with a profile in play, sensitive or ineligible items are never recommended at all.
  if (p.personalised && !known.every(nodeMatchable)) return 'sensitive';
  // SAFETY: age-restricted topics need a known age at or above their minimum.
  if (known.some((n) => n.minAge > 0 && (p.age === null || p.age < n.minAge))) return 'age';
  return null;
}

function placeBlock(input: RecommendInput, item: ContentItem): ItemSkip | null {
  if (item.countries.length > 0 && (input.country === null || !item.countries.includes(input.country)))
    return 'country';
  const lang = input.language ?? null;
  if (item.language !== undefined && lang !== null && item.language !== lang) return 'language';
  return null;
}

/** Best profile credit over the item's topics: exact match counts fully, ancestors decay. */
function affinityOf(
  taxonomy: Taxonomy,
  topics: readonly string[],
  weights: ReadonlyMap<string, number>,
): Pick<Scored, 'affinity' | 'match'> {
  let best: Pick<Scored, 'affinity' | 'match'> = { affinity: 0, match: null };
  for (const topicId of topics) {
    taxonomy.ancestorsOf(topicId).forEach((a, depth) => {
      const w = weights.get(a.id);
      const credit = w === undefined ? 0 : w * ANCESTOR_DECAY ** depth;
      if (credit > best.affinity) best = { affinity: credit, match: { interestId: a.id, topicId, depth } };
    });
  }
  return best;
}

function score(
  input: RecommendInput,
  p: Personalisation,
  weights: ReadonlyMap<string, number>,
  skipped: Record<ItemSkip, number>,
): Scored[] {
  const halfLife = (input.halfLifeHours ?? 72) * HOUR_MS;
  const pops = input.items.map((i) => input.popularity?.get(i.itemId) ?? 0);
  const maxPop = Math.max(0, ...pops);
  const out: Scored[] = [];
  input.items.forEach((item, k) => {
    const published = Date.parse(item.publishedAt);
    // SAFETY: unparseable or future publish times are not shown.
    if (!(published <= input.now)) return void skipped.not_published++;
    const nodes = item.topics.map((t) => input.taxonomy.get(t));
    const block = itemBlock(input, p, nodes) ?? placeBlock(input, item);
    if (block !== null) return void skipped[block]++;
    const freshness = Math.pow(0.5, (input.now - published) / halfLife);
    const popularity = maxPop > 0 ? pops[k]! / maxPop : 0;
    const aff = p.personalised
      ? affinityOf(input.taxonomy, item.topics, weights)
      : { affinity: 0, match: null };
    const base = p.personalised ? 0.7 * aff.affinity + 0.3 * popularity : popularity;
    const tier1 = new Set(nodes.map((n) => n!.tier1Id));
    out.push({ item, tier1, ...aff, freshness, popularity, score: (base + 0.05) * freshness });
  });
  return out.sort((a, b) => b.score - a.score || (a.item.itemId < b.item.itemId ? -1 : 1));
}

const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>, c: ReadonlySet<string>): boolean =>
  [...a].some((t) => b.has(t) && c.has(t));

/** Greedy re-rank: best remaining item that does not make three in a row from one tier-1 topic. */
function diversify(ranked: Scored[], limit: number, skipped: Record<ItemSkip, number>): Scored[] {
  const out: Scored[] = [];
  const left = [...ranked];
  while (out.length < limit && left.length > 0) {
    const prev1 = out[out.length - 1];
    const prev2 = out[out.length - 2];
    const ok = (s: Scored): boolean =>
      prev1 === undefined || prev2 === undefined || !shares(s.tier1, prev1.tier1, prev2.tier1);
    const i = left.findIndex(ok);
    if (i < 0) {
      // The rule is strict: a shorter list beats a third item in a row from one topic.
      skipped.diversity += left.length;
      break;
    }
    out.push(left.splice(i, 1)[0]!);
  }
  return out;
}

function explainItem(input: RecommendInput, p: Personalisation, s: Scored): ItemWhy {
  const reason = p.personalised ? null : p.reason;
  const interests: ItemInterest[] = [];
  if (s.match) {
    const fromProfile = input.profile?.interests.find((i) => i.id === s.match!.interestId);
    const w = whyInterest(input.taxonomy, s.match.interestId, 'profile', fromProfile);
    interests.push({ ...w, topicId: s.match.topicId, via: s.match.depth === 0 ? 'exact' : 'broader' });
  }
  const basis: ItemBasis = interests.length > 0 ? 'interest' : s.popularity > 0 ? 'popular' : 'fresh';
  const published = `published ${agoPhrase(input.now, Date.parse(s.item.publishedAt))}`;
  const where = input.country === null ? '' : ` where you are`;
  const fallback = basis === 'popular' ? `Popular${where} right now; ${published}.` : `Recent: ${published}.`;
  const text =
    basis === 'interest'
      ? sentence('Recommended because', interests, [], input.now, fallback, reason)
      : reason === null
        ? fallback
        : `${fallback} ${notPersonalisedPhrase(reason)}`;
  return { personalised: p.personalised, reason, basis, interests, sentence: text };
}

/**
 * Ranks content by affinity (profile scores on the item's topics, broader interests partly),
 * freshness (exponential decay) and popularity, then enforces diversity. Muted topics never
 * appear; without personalisation, items are ranked by popularity and freshness in the country.
 */
export function recommendContent(input: RecommendInput): RecommendResult {
  const p = resolvePersonalisation(input);
  const skipped: Record<ItemSkip, number> = {
    not_published: 0,
    unknown_topic: 0,
    muted: 0,
    sensitive: 0,
    age: 0,
    country: 0,
    language: 0,
    diversity: 0,
  };
  const muted = input.account?.mutedTopics ?? [];
  const mode = p.personalised ? 'profile' : 'none';
  const interests = requestInterests(
    input.taxonomy,
    mode,
    p.age,
    p.personalised ? input.profile : undefined,
    [],
    muted,
  );
  const weights = new Map(interests.map((i) => [i.id, i.weight]));
  const chosen = diversify(score(input, p, weights, skipped), input.limit, skipped);
  return {
    personalised: p.personalised,
    reason: p.personalised ? null : p.reason,
    items: chosen.map((s, position) => ({
      position,
      item: s.item,
      score: s.score,
      affinity: s.affinity,
      freshness: s.freshness,
      popularity: s.popularity,
      why: explainItem(input, p, s),
    })),
    skipped,
  };
}
