import type { ChatEvent, Surface } from '../model/event.js';
import type { Policy } from '../model/policy.js';
import type { Taxonomy } from '../taxonomy/taxonomy.js';
import type { InterestMatch, Understanding } from '../understand/types.js';
import type { Profile, ProfileInterest, Signal } from './types.js';

const DAY_MS = 86_400_000;

/** True when `nodeId` is one of `topics` or lies below one of them. */
export function isMuted(taxonomy: Taxonomy, nodeId: string, topics: readonly string[]): boolean {
  return topics.some((t) => taxonomy.isWithin(nodeId, t));
}

/** Whether a node may ever feed an ad profile of a person of this age. */
export function nodeUsableForAds(taxonomy: Taxonomy, nodeId: string, age: number): boolean {
  const node = taxonomy.get(nodeId);
  // SAFETY: an id the taxonomy does not know is not used.
  if (!node) return false;
  return node.adEligible && node.sensitive === null && age >= node.minAge;
}

export interface SignalContext {
  eventKey: string;
  event: ChatEvent;
  understanding: Understanding;
  policy: Policy;
  taxonomy: Taxonomy;
  mutedTopics: readonly string[];
  age: number;
}

export type SignalResult =
  { kind: 'signals'; signals: Signal[] } | { kind: 'sensitive' } | { kind: 'muted'; dropped: number };

/**
 * Turns an understood event into weighted signals: declared preferences weigh more, rejections
 * weigh against, the surface scales both. Muted and non-eligible nodes are dropped here.
 */
export function toSignals(ctx: SignalContext): SignalResult {
  const { event, understanding: u, policy, taxonomy } = ctx;
  // SAFETY: a message with any sensitive class contributes nothing, not even its other interests.
  if (!u.adEligible || u.sensitive.length > 0) return { kind: 'sensitive' };
  const surfaceWeight = policy.surfaceWeights[event.surface];
  const occurredAt = Date.parse(event.occurredAt);
  const signals: Signal[] = [];
  let dropped = 0;
  const push = (m: InterestMatch, weight: number, strength: Signal['strength']) => {
    if (!nodeUsableForAds(taxonomy, m.id, ctx.age)) return;
    if (isMuted(taxonomy, m.id, ctx.mutedTopics)) {
      dropped++;
      return;
    }
    signals.push({
      eventKey: ctx.eventKey,
      accountId: event.accountId,
      nodeId: m.id,
      weight,
      occurredAt,
      surface: event.surface,
      strength,
      context: event.app,
    });
  };
  for (const m of u.interests) {
    const strengthWeight = m.strength === 'declared' ? policy.declaredWeight : 1;
    push(m, m.score * surfaceWeight * strengthWeight, m.strength);
  }
  for (const m of u.negative) push(m, -m.score * surfaceWeight * policy.negativeWeight, 'negative');
  if (signals.length === 0 && dropped > 0) return { kind: 'muted', dropped };
  return { kind: 'signals', signals };
}

interface Acc {
  mass: number;
  evidence: number;
  firstSeen: number;
  lastSeen: number;
  surfaces: Set<Surface>;
  contexts: Set<string>;
  declared: boolean;
}

/**
 * Computes scores from signals with exponential decay: each signal counts
 * `weight · 2^(-age / halfLife)`, summed per node (so order of arrival never matters), then
 * squashed to 0..1. Negative evidence lowers the sum; nodes at or below zero are left out.
 */
export function buildProfile(
  accountId: string,
  signals: readonly Signal[],
  opts: {
    now: number;
    policy: Policy;
    taxonomy: Taxonomy;
    mutedTopics: readonly string[];
    age?: number;
    /** Surfaces the person turned off: what came from them stops counting at once. */
    disabledSurfaces?: readonly Surface[];
  },
): Profile {
  const halfLifeMs = opts.policy.halfLifeDays * DAY_MS;
  const oldest = opts.now - opts.policy.retentionDays * DAY_MS;
  const byNode = new Map<string, Acc>();
  for (const s of signals) {
    // Signals past the retention window no longer count, even before the retention job runs.
    if (s.occurredAt < oldest) continue;
    if (opts.disabledSurfaces?.includes(s.surface)) continue;
    let a = byNode.get(s.nodeId);
    if (!a) {
      a = {
        mass: 0,
        evidence: 0,
        firstSeen: Infinity,
        lastSeen: -Infinity,
        surfaces: new Set(),
        contexts: new Set(),
        declared: false,
      };
      byNode.set(s.nodeId, a);
    }
    const ageMs = Math.max(0, opts.now - s.occurredAt);
    a.mass += s.weight * Math.pow(2, -ageMs / halfLifeMs);
    if (s.weight > 0) {
      a.evidence++;
      a.firstSeen = Math.min(a.firstSeen, s.occurredAt);
      a.lastSeen = Math.max(a.lastSeen, s.occurredAt);
      a.surfaces.add(s.surface);
      a.contexts.add(s.context);
      if (s.strength === 'declared') a.declared = true;
    }
  }
  const interests: ProfileInterest[] = [];
  for (const [id, a] of byNode) {
    if (a.mass <= 0 || a.evidence === 0) continue;
    if (!nodeUsableForAds(opts.taxonomy, id, opts.age ?? Infinity)) continue;
    if (isMuted(opts.taxonomy, id, opts.mutedTopics)) continue;
    const node = opts.taxonomy.get(id)!;
    interests.push({
      id,
      name: node.name,
      path: node.path,
      score: round(1 - Math.exp(-a.mass)),
      evidence: a.evidence,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      surfaces: [...a.surfaces].sort(),
      contexts: [...a.contexts].sort(),
      declared: a.declared,
    });
  }
  interests.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
  return { accountId, asOf: opts.now, interests };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
