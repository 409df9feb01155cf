import type { Campaign } from '../model/campaign.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { blockingProblems, type CampaignProblem } from './campaign-rules.js';
import { compileCampaign, type CompiledCampaign } from './compile.js';
import { matchInterests, passesContext, type Candidate, type CandidateSource, type TargetingRequest } from './match.js';

/**
 * A targeting index in the spirit of Whang et al., "Indexing Boolean Expressions" (VLDB 2009).
 *
 * Each campaign is a conjunction of ∈-predicates (interest, country, language, surface, age,
 * schedule) plus ∉ (noneOf). It is posted under a two-part key:
 * - primary: each interest id of its positive set (anyOf expanded to matchable descendants, or
 *   the smallest allOf set), so a profile interest finds every campaign targeting an ancestor;
 *   campaigns without positive interest criteria go to a separate "broad" table instead;
 * - secondary: the values of its most selective other attribute: countries if any, else
 *   languages, else surfaces, else `*` (Whang's Z list for "no constraint").
 * A request probes (each of its interests) × (its country, language, surface, `*`) plus the same
 * four keys in the broad table, so its cost grows with the campaigns that share an interest and
 * the secondary attribute, not with all campaigns. Every other predicate (allOf, noneOf, age,
 * schedule, status, the other attributes) is verified on those candidates.
 */
export interface CampaignIndex extends CandidateSource {
  /** Indexes (or re-indexes) a campaign; takes effect for the next request. */
  add(campaign: Campaign): AddResult;
  /** Removes a campaign at once (paused, exhausted, ended); true when it was indexed. */
  remove(campaignId: string): boolean;
  has(campaignId: string): boolean;
  /** Total posting entries: a size measure for monitoring. */
  readonly postings: number;
}

export type AddResult =
  | { kind: 'indexed'; postings: number }
  | { kind: 'refused'; problems: CampaignProblem[] }
  | { kind: 'not_active'; status: Campaign['status'] };

type Postings = Map<string, number[]>;

function secondaryKeys(c: CompiledCampaign): string[] {
  const t = c.targeting;
  if (t.countries) return [...t.countries].map((v) => `c:${v}`);
  if (t.languages) return [...t.languages].map((v) => `l:${v}`);
  if (t.surfaces) return [...t.surfaces].map((v) => `s:${v}`);
  return ['*'];
}

function requestKeys(req: TargetingRequest): string[] {
  const keys = [`s:${req.surface}`, '*'];
  if (req.country !== null) keys.push(`c:${req.country}`);
  if (req.language !== null) keys.push(`l:${req.language}`);
  return keys;
}

/** The smallest positive set: every match must contain one of its ids. */
function primarySet(c: CompiledCampaign): ReadonlySet<string> | null {
  const t = c.targeting;
  if (t.anyOf) return t.anyOf;
  let best: ReadonlySet<string> | null = null;
  for (const s of t.allOf) if (best === null || s.size < best.size) best = s;
  return best;
}

function pushTo(map: Postings, key: string, slot: number): void {
  const list = map.get(key);
  if (list) list.push(slot);
  else map.set(key, [slot]);
}

function removeFrom(map: Postings, key: string, slot: number): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(slot);
  if (i < 0) return;
  list[i] = list[list.length - 1]!;
  list.pop();
  if (list.length === 0) map.delete(key);
}

export function createCampaignIndex(taxonomy: Taxonomy, campaigns: Iterable<Campaign> = []): CampaignIndex {
  const slots: (CompiledCampaign | undefined)[] = [];
  const free: number[] = [];
  const byId = new Map<string, number>();
  const byInterest = new Map<string, Postings>();
  const broad: Postings = new Map();
  let stamp = new Int32Array(1024);
  let miss = new Float64Array(1024);
  let generation = 0;
  let postings = 0;

  const forEachPosting = (c: CompiledCampaign, fn: (table: Postings, key: string) => void): void => {
    const keys = secondaryKeys(c);
    const primary = primarySet(c);
    if (primary === null) {
      for (const k of keys) fn(broad, k);
      return;
    }
    for (const id of primary) {
      let table = byInterest.get(id);
      if (!table) byInterest.set(id, (table = new Map()));
      for (const k of keys) fn(table, k);
    }
  };

  const allocSlot = (): number => {
    const slot = free.pop() ?? slots.length;
    if (slot >= stamp.length) {
      const grownStamp = new Int32Array(stamp.length * 2);
      grownStamp.set(stamp);
      stamp = grownStamp;
      miss = new Float64Array(stamp.length);
    }
    return slot;
  };

  const remove = (campaignId: string): boolean => {
    const slot = byId.get(campaignId);
    if (slot === undefined) return false;
    const c = slots[slot]!;
    forEachPosting(c, (table, key) => {
      removeFrom(table, key, slot);
      postings--;
    });
    slots[slot] = undefined;
    byId.delete(campaignId);
    free.push(slot);
    return true;
  };

  const add = (campaign: Campaign): AddResult => {
    remove(campaign.campaignId);
    if (campaign.status !== 'active') return { kind: 'not_active', status: campaign.status };
    const problems = blockingProblems(campaign, taxonomy);
    // SAFETY: a campaign with a blocking problem (sensitive, unknown, ineligible) is never indexed.
    if (problems.length > 0) return { kind: 'refused', problems };
    const c = compileCampaign(campaign, taxonomy);
    const slot = allocSlot();
    slots[slot] = c;
    byId.set(c.id, slot);
    let n = 0;
    forEachPosting(c, (table, key) => {
      pushTo(table, key, slot);
      n++;
    });
    postings += n;
    return { kind: 'indexed', postings: n };
  };

  /** Walks interest postings, accumulating noisy-OR misses; returns the touched slots. */
  const touchInterests = (req: TargetingRequest, keys: readonly string[], gen: number): number[] => {
    const touched: number[] = [];
    for (const interest of req.interests) {
      const table = byInterest.get(interest.id);
      if (!table) continue;
      const keep = 1 - interest.weight;
      for (const key of keys) {
        const list = table.get(key);
        if (!list) continue;
        for (let j = 0; j < list.length; j++) {
          const slot = list[j]!;
          if (stamp[slot] !== gen) {
            stamp[slot] = gen;
            miss[slot] = keep;
            touched.push(slot);
          } else miss[slot]! *= keep;
        }
      }
    }
    return touched;
  };

  const verify = (c: CompiledCampaign, req: TargetingRequest, accumulated: number): Candidate | null => {
    if (!passesContext(c, req)) return null;
    const t = c.targeting;
    // The postings saw only the primary set: allOf and noneOf need the full check.
    if (t.allOf.length === 0 && t.noneOf === null) return { campaign: c, relevance: accumulated };
    const relevance = matchInterests(t, req);
    return relevance === null ? null : { campaign: c, relevance };
  };

  const candidates = (req: TargetingRequest): Candidate[] => {
    generation = (generation + 1) | 0;
    const keys = requestKeys(req);
    const out: Candidate[] = [];
    // SAFETY: with no usable interest data, interest postings are not even read.
    if (req.mode !== 'none') {
      for (const slot of touchInterests(req, keys, generation)) {
        const m = verify(slots[slot]!, req, 1 - miss[slot]!);
        if (m) out.push(m);
      }
    }
    for (const key of keys) {
      for (const slot of broad.get(key) ?? []) {
        const m = verify(slots[slot]!, req, 0);
        if (m) out.push(m);
      }
    }
    return out;
  };

  for (const c of campaigns) add(c);

  return {
    add,
    remove,
    candidates,
    has: (id) => byId.has(id),
    get size() {
      return byId.size;
    },
    get postings() {
      return postings;
    },
  };
}
