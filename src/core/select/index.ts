import type { Campaign } from '../model/campaign.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { blockingProblems, type CampaignProblem } from './campaign-rules.js';
import { compileCampaign, type CompiledCampaign } from './compile.js';
import {
  evaluate,
  prepareRequest,
  rankedBefore,
  toRanked,
  type Candidate,
  type CandidateSource,
  type RankedCandidate,
  type RankOptions,
  type TargetingRequest,
} from './match.js';

/**
 * A targeting index in the spirit of Whang et al., "Indexing Boolean Expressions" (VLDB 2009).
 *
 * Each campaign is a conjunction of ∈-predicates (interest, country, language, surface, age,
 * schedule) plus ∉ (noneOf). It is posted under a two-part key:
 * - primary: each node it targets in anyOf (nested ones dropped: they add nothing), or its
 *   narrowest allOf node; campaigns without positive interest criteria go to a separate
 *   "broad" table instead;
 * - secondary: the values of its most selective other attribute: countries if any, else
 *   languages, else surfaces, else `*` (Whang's Z list for "no constraint").
 * A request expands each of its interests to the interest and its ancestors (a campaign on an
 * ancestor matches) and probes (those nodes) × (its country, language, surface, `*`), plus the
 * same keys in the broad table. So its cost grows with the campaigns that share an interest and
 * the secondary attribute, not with all campaigns. Every other predicate (allOf, noneOf, age,
 * schedule, status, the other attributes) is verified on the candidates read.
 *
 * Every list is kept in descending bid order, so `ranked` can stop early, in the manner of
 * Fagin's threshold algorithm: a campaign not yet read scores at most its list's head bid × the
 * most relevance the request can give, and the best verified score is final once it beats that.
 */
export interface CampaignIndex extends CandidateSource {
  /** Indexes (or re-indexes) a campaign; takes effect for the next request. */
  add(campaign: Campaign): AddResult;
  /** Removes a campaign at once (paused, exhausted, ended); true when it was indexed. */
  remove(campaignId: string): boolean;
  has(campaignId: string): boolean;
  /** Total posting entries: a size measure for monitoring. */
  readonly postings: number;
  /** Posting entries read and distinct campaigns touched by the last request (monitoring). */
  readonly lastRequest: { entries: number; touched: number };
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

/**
 * The nodes a campaign is posted under: anyOf without nodes nested in another anyOf node (they
 * add no matches, only duplicate reads), else the narrowest allOf node.
 */
function primaryNodes(c: CompiledCampaign, taxonomy: Taxonomy): string[] | null {
  const { anyOf, allOf } = c.campaign.targeting.interests;
  if (anyOf.length > 0) {
    const unique = [...new Set(anyOf)];
    return unique.filter((id) => !unique.some((other) => other !== id && taxonomy.isWithin(id, other)));
  }
  if (allOf.length === 0) return null;
  let best = 0;
  c.targeting.allOf.forEach((set, k) => {
    if (set.size < c.targeting.allOf[best]!.size) best = k;
  });
  return [allOf[best]!];
}

const ancestorCache = new WeakMap<Taxonomy, Map<string, readonly string[]>>();

/** The node and its ancestors' ids (cached). */
function selfAndAncestors(taxonomy: Taxonomy, id: string): readonly string[] {
  let cache = ancestorCache.get(taxonomy);
  if (!cache) ancestorCache.set(taxonomy, (cache = new Map()));
  let hit = cache.get(id);
  if (!hit) cache.set(id, (hit = taxonomy.ancestorsOf(id).map((n) => n.id)));
  return hit;
}

/** The nodes a request can reach: its interests and their ancestors. */
function reachableNodes(taxonomy: Taxonomy, req: TargetingRequest): Set<string> {
  const out = new Set<string>();
  for (const i of req.interests) for (const a of selfAndAncestors(taxonomy, i.id)) out.add(a);
  return out;
}

/** Bounds are inflated by this much so float rounding can never put a bound under its score. */
const BOUND_SLACK = 1 + 1e-9;

/** Per-slot state, grown with the slots and reused across requests. */
class Scratch {
  stamp = new Int32Array(1024);
  bid = new Float64Array(1024);

  ensure(slot: number): void {
    if (slot < this.stamp.length) return;
    const n = Math.max(slot + 1, this.stamp.length * 2);
    const stamp = new Int32Array(n);
    stamp.set(this.stamp);
    this.stamp = stamp;
    const bid = new Float64Array(n);
    bid.set(this.bid);
    this.bid = bid;
  }
}

export function createCampaignIndex(taxonomy: Taxonomy, campaigns: Iterable<Campaign> = []): CampaignIndex {
  const slots: (CompiledCampaign | undefined)[] = [];
  const free: number[] = [];
  const byId = new Map<string, number>();
  const byInterest = new Map<string, Postings>();
  const broad: Postings = new Map();
  const s = new Scratch();
  let generation = 0;
  let postings = 0;
  let bulk = false;
  const last = { entries: 0, touched: 0 };

  const forEachPosting = (c: CompiledCampaign, fn: (table: Postings, key: string) => void): void => {
    const keys = secondaryKeys(c);
    const primary = primaryNodes(c, taxonomy);
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

  /** Inserts keeping descending bid order (appends during the initial bulk load, sorted after). */
  const insert = (table: Postings, key: string, slot: number): void => {
    let list = table.get(key);
    if (!list) table.set(key, (list = []));
    if (bulk) {
      list.push(slot);
      return;
    }
    const bid = s.bid[slot]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.bid[list[mid]!]! >= bid) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, slot);
  };

  const removeFrom = (table: Postings, key: string, slot: number): void => {
    const list = table.get(key);
    const i = list ? list.indexOf(slot) : -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) table.delete(key);
  };

  const remove = (campaignId: string): boolean => {
    const slot = byId.get(campaignId);
    if (slot === undefined) return false;
    forEachPosting(slots[slot]!, (table, key) => {
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
    const slot = free.pop() ?? slots.length;
    s.ensure(slot);
    slots[slot] = c;
    s.stamp[slot] = 0;
    s.bid[slot] = c.bidEcpm;
    byId.set(c.id, slot);
    let n = 0;
    forEachPosting(c, (table, key) => {
      insert(table, key, slot);
      n++;
    });
    postings += n;
    return { kind: 'indexed', postings: n };
  };

  const nextGeneration = (): number => {
    generation = (generation + 1) | 0;
    if (generation === 0) {
      s.stamp.fill(0);
      generation = 1;
    }
    return generation;
  };

  /** The lists a request reads, each with the most relevance any campaign in it can have. */
  const listsFor = (
    req: TargetingRequest,
    maxRelevance: number,
    base: number,
  ): { list: number[]; factor: number }[] => {
    const keys = requestKeys(req);
    const out: { list: number[]; factor: number }[] = [];
    // SAFETY: with no usable interest data, interest postings are not even read.
    if (req.mode !== 'none') {
      for (const node of reachableNodes(taxonomy, req)) {
        const table = byInterest.get(node);
        if (!table) continue;
        for (const key of keys) {
          const list = table.get(key);
          if (list) out.push({ list, factor: maxRelevance });
        }
      }
    }
    for (const key of keys) {
      const list = broad.get(key);
      if (list) out.push({ list, factor: base });
    }
    return out;
  };

  const candidates = (req: TargetingRequest): Candidate[] => {
    const gen = nextGeneration();
    const pr = prepareRequest(taxonomy, req);
    const out: Candidate[] = [];
    let entries = 0;
    let touched = 0;
    for (const { list } of listsFor(req, 1, 1)) {
      entries += list.length;
      for (const slot of list) {
        if (s.stamp[slot] === gen) continue;
        s.stamp[slot] = gen;
        touched++;
        const c = slots[slot]!;
        const relevance = evaluate(c, pr);
        if (relevance !== null) out.push({ campaign: c, relevance });
      }
    }
    last.entries = entries;
    last.touched = touched;
    return out;
  };

  /**
   * Best first, lazily, reading lists from their highest bids down. A campaign read for the
   * first time is verified and scored at once; the best score found is emitted when it beats
   * every cursor's bound (head bid × the list's relevance cap), so the order is exactly the
   * linear scan's while typically only a small share of the postings is read.
   */
  function* ranked(req: TargetingRequest, opts: RankOptions): Generator<RankedCandidate> {
    const gen = nextGeneration();
    const pr = prepareRequest(taxonomy, req);
    let miss = 1;
    for (let i = 0; i < pr.weights.length; i++) miss *= 1 - pr.weights[i]!;
    const cursors = new CursorHeap(
      listsFor(req, (1 - miss) * BOUND_SLACK, opts.baseRelevance * BOUND_SLACK),
      s.bid,
      opts.reserveEcpm,
    );
    const found = new RankHeap();
    let entries = 0;
    let touched = 0;
    for (;;) {
      const best = found.peek();
      const bound = cursors.bound();
      if (best !== undefined && best.score > bound) {
        found.pop();
        last.entries = entries;
        last.touched = touched;
        yield best;
        // Stamps are shared: another request in between would have reset what was read.
        if (generation !== gen)
          throw new Error('ranked(): iterator used after a newer request on this index');
        continue;
      }
      const slot = cursors.next();
      if (slot === undefined) {
        if (best === undefined) break;
        continue;
      }
      entries++;
      if (s.stamp[slot] === gen) continue;
      s.stamp[slot] = gen;
      touched++;
      const c = slots[slot]!;
      const relevance = evaluate(c, pr);
      const r = relevance === null ? null : toRanked(c, relevance, opts);
      if (r) found.push(r);
    }
    last.entries = entries;
    last.touched = touched;
  }

  bulk = true;
  for (const c of campaigns) add(c);
  bulk = false;
  for (const table of [broad, ...byInterest.values()]) {
    for (const list of table.values()) list.sort((a, b) => s.bid[b]! - s.bid[a]!);
  }

  return {
    add,
    remove,
    candidates,
    ranked,
    has: (id) => byId.has(id),
    get size() {
      return byId.size;
    },
    get postings() {
      return postings;
    },
    get lastRequest() {
      return { ...last };
    },
  };
}

interface Cursor {
  list: number[];
  pos: number;
  factor: number;
  /** factor × bid at pos: no campaign at or below pos scores more. */
  bound: number;
}

/** Max-heap of list cursors by bound. Lists below the reserve are dropped: nothing there can serve. */
class CursorHeap {
  private readonly h: Cursor[] = [];

  constructor(
    lists: { list: number[]; factor: number }[],
    private readonly bid: Float64Array,
    private readonly reserve: number,
  ) {
    for (const { list, factor } of lists) {
      const c: Cursor = { list, pos: 0, factor, bound: 0 };
      if (this.refresh(c)) this.h.push(c);
    }
    for (let i = (this.h.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  /** The highest score any unread campaign can have; -Infinity when all is read. */
  bound(): number {
    return this.h[0]?.bound ?? -Infinity;
  }

  /** The slot at the best cursor, which then moves on. */
  next(): number | undefined {
    const top = this.h[0];
    if (!top) return undefined;
    const slot = top.list[top.pos]!;
    top.pos++;
    if (!this.refresh(top)) {
      const last = this.h.pop()!;
      if (this.h.length === 0) return slot;
      this.h[0] = last;
    }
    this.sink(0);
    return slot;
  }

  /** Recomputes the bound; false when the list is exhausted or below the reserve. */
  private refresh(c: Cursor): boolean {
    const slot = c.list[c.pos];
    if (slot === undefined) return false;
    const bid = this.bid[slot]!;
    if (bid < this.reserve) return false;
    c.bound = bid * c.factor;
    return true;
  }

  private sink(i: number): void {
    const h = this.h;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.bound > h[m]!.bound) m = l;
      if (r < h.length && h[r]!.bound > h[m]!.bound) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** Max-heap of verified candidates in rank order (score, then campaign id, as linear orders). */
class RankHeap {
  private readonly h: RankedCandidate[] = [];

  peek(): RankedCandidate | undefined {
    return this.h[0];
  }

  push(x: RankedCandidate): void {
    const h = this.h;
    h.push(x);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!rankedBefore(h[i]!, h[p]!)) return;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): void {
    const h = this.h;
    const last = h.pop();
    if (h.length === 0 || last === undefined) return;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && rankedBefore(h[l]!, h[m]!)) m = l;
      if (r < h.length && rankedBefore(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
