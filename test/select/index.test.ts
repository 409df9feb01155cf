import { describe, expect, it } from 'vitest';
import { createCampaignIndex } from '../../src/core/select/index.js';
import {
  createLinearScan,
  matchTargeting,
  prepareRequest,
  relevanceOf,
  type Candidate,
  type CandidateSource,
  type RankedCandidate,
  type TargetingRequest,
} from '../../src/core/select/match.js';
import { compileCampaign } from '../../src/core/select/compile.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { campaign, N, taxonomy } from './helpers.js';
import { makeCampaigns, makeProfile, makeRequest, NOW, worldNodes } from './world.js';

const w = worldNodes(taxonomy);
const OPTS = { baseRelevance: 0.2, reserveEcpm: 1 };

const asMap = (cs: Candidate[]) => new Map(cs.map((c) => [c.campaign.id, c.relevance]));
const order = (rs: Iterable<RankedCandidate>, limit = Infinity) => {
  const out: string[] = [];
  for (const r of rs) {
    if (out.length >= limit) break;
    out.push(`${r.campaign.id}@${r.score}`);
  }
  return out;
};

/** Same campaigns with bit-identical relevance; one assertion per request keeps the test fast. */
function expectSame(index: CandidateSource, linear: CandidateSource, req: TargetingRequest): number {
  const flat = (m: Map<string, number>) => [...m].map(([id, r]) => `${id}:${r}`).sort();
  const a = flat(asMap(index.candidates(req)));
  expect(a).toEqual(flat(asMap(linear.candidates(req))));
  return a.length;
}

describe('targeting index', () => {
  it('returns exactly what a linear scan returns on random worlds (2,000 campaigns × 200 requests)', () => {
    const rng = mulberry32(42);
    const campaigns = makeCampaigns(rng, w, 2_000, { oddities: 0.15 });
    const index = createCampaignIndex(taxonomy, campaigns);
    const linear = createLinearScan(taxonomy, campaigns);
    expect(index.size).toBe(linear.size);
    let matched = 0;
    let empty = 0;
    for (let i = 0; i < 200; i++) {
      const req = makeRequest(rng, w, makeProfile(rng, w, `u${i}`, 30));
      const n = expectSame(index, linear, req);
      matched += n;
      if (n === 0) empty++;
      // Ranked order and scores are identical too: the full order for a quarter, the head otherwise.
      const limit = i % 4 === 0 ? Infinity : 5;
      expect(order(index.ranked(req, OPTS), limit)).toEqual(order(linear.ranked(req, OPTS), limit));
    }
    // The world is not degenerate: requests match something, but not everything.
    expect(matched / 200).toBeGreaterThan(5);
    expect(matched / 200).toBeLessThan(1_000);
    expect(empty).toBeLessThan(100);
  });

  it('stays equal to a linear scan as campaigns are removed, re-added and paused, without a rebuild', () => {
    const rng = mulberry32(7);
    const campaigns = makeCampaigns(rng, w, 600);
    const index = createCampaignIndex(taxonomy, campaigns);
    const live = new Map(campaigns.map((c) => [c.campaignId, c]));
    for (let round = 0; round < 12; round++) {
      for (let k = 0; k < 30; k++) {
        const c = campaigns[Math.floor(rng() * campaigns.length)]!;
        const roll = rng();
        if (roll < 0.4) {
          index.remove(c.campaignId);
          live.delete(c.campaignId);
        } else if (roll < 0.6) {
          index.add({ ...c, status: 'paused' });
          live.delete(c.campaignId);
        } else {
          const changed = { ...c, bid: { model: 'cpm' as const, amount: 1 + rng() * 30 } };
          index.add(changed);
          live.set(c.campaignId, changed);
        }
      }
      const linear = createLinearScan(taxonomy, [...live.values()]);
      expect(index.size).toBe(linear.size);
      for (let i = 0; i < 10; i++) {
        const req = makeRequest(rng, w, makeProfile(rng, w, `u${i}`, 30));
        expectSame(index, linear, req);
        expect(order(index.ranked(req, OPTS), 8)).toEqual(order(linear.ranked(req, OPTS), 8));
      }
    }
  });

  it('computes the same relevance on bitsets as on sets', () => {
    const rng = mulberry32(3);
    const compiled = makeCampaigns(rng, w, 300).map((c) => compileCampaign(c, taxonomy));
    for (let i = 0; i < 50; i++) {
      const req = makeRequest(rng, w, makeProfile(rng, w, 'u', 30));
      const pr = prepareRequest(taxonomy, req);
      const viaSets = compiled.map((c) => matchTargeting(c, req)?.relevance ?? null);
      const viaBits = compiled.map((c, k) => (viaSets[k] === null ? null : relevanceOf(c.targeting, pr)));
      expect(viaBits).toEqual(viaSets);
    }
  });

  it('reads only the postings a request can match, not every campaign', () => {
    const rng = mulberry32(11);
    const campaigns = makeCampaigns(rng, w, 3_000);
    const index = createCampaignIndex(taxonomy, campaigns);
    const req = { ...makeRequest(rng, w, makeProfile(rng, w, 'u', 30)), mode: 'profile' as const, age: 30 };
    const all = index.candidates(req);
    expect(all.length).toBeGreaterThan(20);
    const full = index.lastRequest;
    expect(full.touched).toBeLessThan(campaigns.length / 3);
    // Ranked, best first, stops early: the top 4 need only a fraction of those postings.
    let k = 0;
    for (const _ of index.ranked(req, OPTS)) if (++k >= 4) break;
    expect(index.lastRequest.entries).toBeLessThan(full.entries / 2);
  });

  it('refuses to continue a ranked iterator after a newer request on the same index', () => {
    const index = createCampaignIndex(taxonomy, [
      campaign('a', { bid: { model: 'cpm', amount: 5 } }),
      campaign('b', { bid: { model: 'cpm', amount: 4 } }),
    ]);
    const req: TargetingRequest = {
      country: 'US',
      language: 'en',
      surface: 'voice',
      age: 30,
      now: NOW,
      mode: 'none',
      interests: [],
    };
    const it1 = index.ranked(req, OPTS)[Symbol.iterator]();
    expect(it1.next().value?.campaign.id).toBe('a');
    expect([...index.ranked(req, OPTS)].map((r) => r.campaign.id)).toEqual(['a', 'b']);
    expect(() => it1.next()).toThrow(/newer request/);
  });

  it('matches a profile interest to a campaign on any of its ancestors, and not the other way round', () => {
    const index = createCampaignIndex(taxonomy, [
      campaign('travel', { targeting: { interests: { anyOf: [N.travel], allOf: [], noneOf: [] } } }),
      campaign('camping', { targeting: { interests: { anyOf: [N.camping], allOf: [], noneOf: [] } } }),
    ]);
    const req = (id: string): TargetingRequest => ({
      country: 'US',
      language: 'en',
      surface: 'voice',
      age: 30,
      now: NOW,
      mode: 'profile',
      interests: [{ id, weight: 0.5, source: 'profile' }],
    });
    expect(
      index
        .candidates(req(N.camping))
        .map((c) => c.campaign.id)
        .sort(),
    ).toEqual(['camping', 'travel']);
    expect(index.candidates(req(N.travel)).map((c) => c.campaign.id)).toEqual(['travel']);
  });

  it('verifies allOf, noneOf and the schedule on candidates', () => {
    const index = createCampaignIndex(taxonomy, [
      campaign('all', { targeting: { interests: { anyOf: [N.travel], allOf: [N.pets], noneOf: [] } } }),
      campaign('none', { targeting: { interests: { anyOf: [N.travel], allOf: [], noneOf: [N.dogs] } } }),
      campaign('later', { schedule: { start: '2027-01-01T00:00:00Z' } }),
      campaign('over', { schedule: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' } }),
    ]);
    const req = (ids: string[]): TargetingRequest => ({
      country: 'US',
      language: 'en',
      surface: 'voice',
      age: 30,
      now: NOW,
      mode: 'profile',
      interests: ids.map((id) => ({ id, weight: 0.5, source: 'profile' as const })),
    });
    const ids = (xs: string[]) =>
      index
        .candidates(req(xs))
        .map((c) => c.campaign.id)
        .sort();
    expect(ids([N.camping])).toEqual(['none']);
    expect(ids([N.camping, N.cats])).toEqual(['all', 'none']);
    expect(ids([N.camping, N.dogs])).toEqual(['all']);
  });
});
