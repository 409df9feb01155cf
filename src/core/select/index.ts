import type { Campaign } from '../model/campaign.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import { blockingProblems, type CampaignProblem } from './campaign-rules.js';
import { compileCampaign, type CompiledCampaign } from './compile.js';
import {
  evaluate,
  prepareRequest,
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
 * schedule, status, the other attributes) is verified, lazily, on the candidates it needs.
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
 * The nodes a campaign is posted under: anyOf without nodes nested in another anyOf node (so
 * each request interest lies under at most one of them), else the narrowest allOf node.
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

/**
 * For each node a request can reach (its interests and their ancestors), the noisy-OR miss
 * product of the request interests at or below it.
 */
function reachableNodes(taxonomy: Taxonomy, req: TargetingRequest): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of req.interests) {
    for (const a of selfAndAncestors(taxonomy, i.id)) out.set(a, (out.get(a) ?? 1) * (1 - i.weight));
  }
  return out;
}

/**
 * Bounds are inflated so that float rounding (float32 accumulation included) can never put a
 * bound under the exact score: a relative slack on the bid and an absolute one on relevance.
 */
const BOUND_SLACK = 1 + 1e-6;
const MISS_SLACK = 1e-5;

function pushTo(map: Postings, key: string, slot: number): void {
  const list = map.get(key);
  if (list) list.push(slot);
  else map.set(key, [slot]);
}

function removeFrom(map: Postings, key: string, slot: number): void {
  const list = map.get(key);
  const i = list ? list.indexOf(slot) : -1;
  if (!list || i < 0) return;
  list[i] = list[list.length - 1]!;
  list.pop();
  if (list.length === 0) map.delete(key);
}

/**
 * Per-slot state, compact so that it stays in cache at 100k campaigns (a request touches
 * thousands of random slots): `acc` interleaves [generation, miss product] as float32, `bid`
 * holds the bid eCPM as float32, negated when allOf makes the postings' relevance only partial.
 * Float32 is enough: these numbers only order candidates by an upper bound (see BOUND_SLACK);
 * exact scores always come from `evaluate`. Grown with the slots and reused across requests.
 */
class Scratch {
  acc = new Float32Array(2 * 1024);
  bid = new Float32Array(1024);
  /** Exact bids (float64), for the broad lists' order and bounds. */
  exactBid = new Float64Array(1024);
  touched = new Int32Array(1024);
  poolScore = new Float64Array(1024);

  ensure(slot: number): void {
    if (slot < this.touched.length) return;
    const n = Math.max(slot + 1, this.touched.length * 2);
    const acc = new Float32Array(2 * n);
    acc.set(this.acc);
    this.acc = acc;
    const bid = new Float32Array(n);
    bid.set(this.bid);
    this.bid = bid;
    const exactBid = new Float64Array(n);
    exactBid.set(this.exactBid);
    this.exactBid = exactBid;
    this.touched = new Int32Array(n);
    this.poolScore = new Float64Array(n);
  }

  bidOf(slot: number): number {
    return this.exactBid[slot]!;
  }
}

/** Generations must stay exact in float32. */
const MAX_GENERATION = 1 << 24;

export function createCampaignIndex(taxonomy: Taxonomy, campaigns: Iterable<Campaign> = []): CampaignIndex {
  const slots: (CompiledCampaign | undefined)[] = [];
  const free: number[] = [];
  const byId = new Map<string, number>();
  const byInterest = new Map<string, Postings>();
  const broad: Postings = new Map();
  const s = new Scratch();
  let generation = 0;
  let postings = 0;
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

  /**
   * Broad campaigns score base × bid whoever asks, so their lists are kept in descending bid
   * order and a request reads only their heads (Fagin's threshold algorithm).
   */
  const insertByBid = (key: string, slot: number): void => {
    const list = broad.get(key) ?? [];
    if (list.length === 0) broad.set(key, list);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.bidOf(list[mid]!) >= s.bidOf(slot)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, slot);
  };

  const removeKeepingOrder = (key: string, slot: number): void => {
    const list = broad.get(key);
    const i = list ? list.indexOf(slot) : -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) broad.delete(key);
  };

  const remove = (campaignId: string): boolean => {
    const slot = byId.get(campaignId);
    if (slot === undefined) return false;
    forEachPosting(slots[slot]!, (table, key) => {
      if (table === broad) removeKeepingOrder(key, slot);
      else removeFrom(table, key, slot);
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
    s.acc[2 * slot] = 0;
    s.exactBid[slot] = c.bidEcpm;
    // Rounded up so the float32 bid never understates the bound.
    const up = Math.fround(c.bidEcpm) < c.bidEcpm ? c.bidEcpm * (1 + 1e-7) : c.bidEcpm;
    s.bid[slot] = c.targeting.allOf.length > 0 ? -up : up;
    byId.set(c.id, slot);
    let n = 0;
    forEachPosting(c, (table, key) => {
      if (table === broad) insertByBid(key, slot);
      else pushTo(table, key, slot);
      n++;
    });
    postings += n;
    return { kind: 'indexed', postings: n };
  };

  const nextGeneration = (): number => {
    generation++;
    if (generation >= MAX_GENERATION) {
      for (let i = 0; i < s.acc.length; i += 2) s.acc[i] = 0;
      generation = 1;
    }
    return generation;
  };

  /**
   * Reads the request's posting lists once. Interest campaigns get the noisy-OR miss product of
   * the request interests under the nodes they are posted on (the exact relevance for anyOf,
   * up to float rounding); broad campaigns get NaN. Returns how many distinct slots it touched.
   */
  const touch = (req: TargetingRequest, gen: number, withBroad: boolean): number => {
    const keys = requestKeys(req);
    const { acc, touched } = s;
    let n = 0;
    let entries = 0;
    // SAFETY: with no usable interest data, interest postings are not even read.
    if (req.mode !== 'none') {
      for (const [node, keep] of reachableNodes(taxonomy, req)) {
        const table = byInterest.get(node);
        if (!table) continue;
        for (const key of keys) {
          const list = table.get(key);
          if (!list) continue;
          entries += list.length;
          for (let j = 0; j < list.length; j++) {
            const slot = list[j]!;
            const at = 2 * slot;
            if (acc[at] !== gen) {
              acc[at] = gen;
              acc[at + 1] = keep;
              touched[n++] = slot;
            } else acc[at + 1]! *= keep;
          }
        }
      }
    }
    for (const key of withBroad ? keys : []) {
      const list = broad.get(key) ?? [];
      entries += list.length;
      for (const slot of list) {
        acc[2 * slot] = gen;
        acc[2 * slot + 1] = NaN;
        touched[n++] = slot;
      }
    }
    last.touched = n;
    last.entries = entries;
    return n;
  };

  const candidates = (req: TargetingRequest): Candidate[] => {
    const n = touch(req, nextGeneration(), true);
    const pr = prepareRequest(taxonomy, req);
    const out: Candidate[] = [];
    for (let i = 0; i < n; i++) {
      const c = slots[s.touched[i]!]!;
      const relevance = evaluate(c, pr);
      if (relevance !== null) out.push({ campaign: c, relevance });
    }
    return out;
  };

  /**
   * Best first, lazily. Every touched campaign gets an upper bound of its score: relevance ×
   * bid for anyOf campaigns (verification may only lower it: noneOf, context), the request's maximum relevance × bid when allOf adds
   * interests the postings did not see, base × bid for broad ones. Rounds of quickselect move
   * the best bounds into a small heap; only what is popped is verified (context, age, allOf,
   * noneOf) and pushed back with its exact score. An exact score is emitted once it beats every
   * bound still outside the heap, so the order is exactly the linear scan's.
   */
  function* ranked(req: TargetingRequest, opts: RankOptions): Generator<RankedCandidate> {
    const pr = prepareRequest(taxonomy, req);
    const gen = nextGeneration();
    const pool = boundsOf(touch(req, gen, false), pr, opts);
    const lists = requestKeys(req).map((k) => broad.get(k) ?? []);
    const heads = new BroadHeads(lists, s, opts.reserveEcpm, opts.baseRelevance * BOUND_SLACK);
    const heap = new RankHeap(slots);
    const exactOf = new Map<number, RankedCandidate>();
    const toHeap = (slot: number, score: number): void => heap.push({ slot, score, exact: false });
    let want = 32;
    for (;;) {
      const top = heap.peek();
      const outside = Math.max(pool.max, heads.max());
      if (top === undefined || (top.exact && top.score <= outside)) {
        if (outside === -Infinity) {
          if (top === undefined) return;
        } else {
          if (pool.max >= heads.max()) pool.take(want, toHeap);
          else heads.take(want, toHeap);
          want *= 2;
          continue;
        }
      }
      const { slot, exact } = heap.pop()!;
      const done = exact ? exactOf.get(slot) : undefined;
      if (done) {
        yield done;
        // The pool lives in shared scratch: another request in between would have overwritten it.
        if (generation !== gen)
          throw new Error('ranked(): iterator used after a newer request on this index');
        continue;
      }
      const c = slots[slot]!;
      const relevance = evaluate(c, pr);
      const r = relevance === null ? null : toRanked(c, relevance, opts);
      if (r === null) continue;
      // Back in as exact: ties with other exact scores are then broken by id, as linear does.
      exactOf.set(slot, r);
      heap.push({ slot, score: r.score, exact: true });
    }
  }

  /** Upper bounds of the touched campaigns' scores, at or above the reserve. */
  const boundsOf = (n: number, pr: ReturnType<typeof prepareRequest>, opts: RankOptions): BoundPool => {
    let allMiss = 1;
    for (const w of pr.weights) allMiss *= 1 - w;
    // The pool reuses the scratch arrays: `touched` is overwritten in place with pool slots.
    const pool = new BoundPool(s.touched, s.poolScore);
    for (let i = 0; i < n; i++) {
      const slot = s.touched[i]!;
      const signed = s.bid[slot]!;
      const bid = Math.abs(signed);
      if (bid < opts.reserveEcpm * (1 - 1e-6)) continue;
      const m = s.acc[2 * slot + 1]!;
      const relevance = Number.isNaN(m) ? opts.baseRelevance : signed < 0 ? 1 - allMiss : 1 - m;
      pool.add(slot, (relevance + MISS_SLACK) * bid * BOUND_SLACK);
    }
    pool.finish();
    return pool;
  };

  for (const c of campaigns) add(c);

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

/**
 * Bounds not yet in the heap, in parallel typed arrays. `take(k)` moves the k largest out with
 * an in-place quickselect, so a request costs O(touched) plus a heap of what it actually needs.
 */
class BoundPool {
  /** Items [0, rest) are still in the pool; `max` is the largest of them (-Infinity if none). */
  rest = 0;
  max = -Infinity;

  constructor(
    private readonly slot: Int32Array,
    private readonly score: Float64Array,
  ) {}

  add(slot: number, score: number): void {
    this.slot[this.rest] = slot;
    this.score[this.rest++] = score;
  }

  finish(): void {
    this.max = this.maxOf(0, this.rest);
  }

  take(k: number, emit: (slot: number, score: number) => void): void {
    const from = k >= this.rest ? 0 : this.selectTop(k);
    for (let i = from; i < this.rest; i++) emit(this.slot[i]!, this.score[i]!);
    this.rest = from;
    this.max = this.maxOf(0, from);
  }

  private maxOf(from: number, to: number): number {
    let m = -Infinity;
    for (let i = from; i < to; i++) if (this.score[i]! > m) m = this.score[i]!;
    return m;
  }

  /** Rearranges [0, rest) so that its k largest scores sit in [rest - k, rest); returns rest - k. */
  private selectTop(k: number): number {
    const target = this.rest - k;
    let lo = 0;
    let hi = this.rest - 1;
    const sc = this.score;
    while (lo < hi) {
      const pivot = sc[(lo + hi) >>> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (sc[i]! < pivot) i++;
        while (sc[j]! > pivot) j--;
        if (i <= j) this.swap(i++, j--);
      }
      if (target <= j) hi = j;
      else if (target >= i) lo = i;
      else break;
    }
    return target;
  }

  private swap(a: number, b: number): void {
    const { slot, score } = this;
    const s0 = slot[a]!;
    slot[a] = slot[b]!;
    slot[b] = s0;
    const c0 = score[a]!;
    score[a] = score[b]!;
    score[b] = c0;
  }
}

/** The heads of the broad lists (descending bid) that a request reads. */
class BroadHeads {
  private readonly pos: number[];

  constructor(
    private readonly lists: number[][],
    private readonly scratch: Scratch,
    private readonly reserve: number,
    /** Bound per unit of bid: base relevance (with slack). */
    private readonly factor: number,
  ) {
    this.pos = lists.map(() => 0);
  }

  private best(): number {
    let best = -1;
    let bestBid = -Infinity;
    for (let k = 0; k < this.lists.length; k++) {
      const slot = this.lists[k]![this.pos[k]!];
      if (slot === undefined) continue;
      const b = this.scratch.bidOf(slot);
      if (b >= this.reserve && b > bestBid) {
        bestBid = b;
        best = k;
      }
    }
    return best;
  }

  max(): number {
    const k = this.best();
    return k < 0 ? -Infinity : this.scratch.bidOf(this.lists[k]![this.pos[k]!]!) * this.factor;
  }

  take(n: number, emit: (slot: number, score: number) => void): void {
    for (let i = 0; i < n; i++) {
      const k = this.best();
      if (k < 0) return;
      const slot = this.lists[k]![this.pos[k]!++]!;
      emit(slot, this.scratch.bidOf(slot) * this.factor);
    }
  }
}

interface HeapEntry {
  slot: number;
  score: number;
  /** false: an upper bound still to verify; true: the verified score. */
  exact: boolean;
}

/**
 * Max-heap. Order: score, then bounds before exact scores (so a bound that might tie is
 * resolved first), then campaign id, as the linear scan orders.
 */
class RankHeap {
  private readonly h: HeapEntry[] = [];

  constructor(private readonly slots: readonly (CompiledCampaign | undefined)[]) {}

  peek(): HeapEntry | undefined {
    return this.h[0];
  }

  push(e: HeapEntry): void {
    const h = this.h;
    h.push(e);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i]!, h[p]!)) return;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): HeapEntry | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) return top;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  private before(a: HeapEntry, b: HeapEntry): boolean {
    if (a.score !== b.score) return a.score > b.score;
    if (a.exact !== b.exact) return !a.exact;
    return this.slots[a.slot]!.id < this.slots[b.slot]!.id;
  }
}
