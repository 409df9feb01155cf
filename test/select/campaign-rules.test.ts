import { describe, expect, it } from 'vitest';
import { checkCampaign } from '../../src/core/select/campaign-rules.js';
import { expandNode } from '../../src/core/select/compile.js';
import { createCampaignIndex } from '../../src/core/select/index.js';
import type { TargetingRequest } from '../../src/core/select/match.js';
import { campaign, N, taxonomy } from './helpers.js';
import { NOW } from './world.js';

const codes = (c: ReturnType<typeof campaign>, audience?: { eligible: number }) =>
  checkCampaign(c, taxonomy, audience).map((p) => p.code);

const request = (over: Partial<TargetingRequest> = {}): TargetingRequest => ({
  country: 'US',
  language: 'en',
  surface: 'assistant_chat',
  age: 30,
  now: NOW,
  mode: 'profile',
  interests: [],
  ...over,
});

describe('checkCampaign', () => {
  it('accepts a plain interest campaign for adults', () => {
    const c = campaign('ok', {
      targeting: { interests: { anyOf: [N.camping], allOf: [], noneOf: [] }, ageRange: { min: 18, max: 65 } },
    });
    expect(checkCampaign(c, taxonomy)).toEqual([]);
  });

  it('refuses every sensitive or not-ad-eligible node, in anyOf, allOf and noneOf', () => {
    const unsafe = [...taxonomy.nodes.values()].filter((n) => n.sensitive !== null || !n.adEligible);
    expect(unsafe.length).toBeGreaterThan(20);
    for (const node of unsafe) {
      for (const list of ['anyOf', 'allOf', 'noneOf'] as const) {
        const interests = { anyOf: [], allOf: [], noneOf: [], [list]: [node.id] };
        const problems = checkCampaign(campaign(`x-${node.id}`, { targeting: { interests } }), taxonomy);
        const expected = node.sensitive !== null ? 'sensitive_interest' : 'not_ad_eligible';
        expect(
          problems.map((p) => p.code),
          `${node.id} ${node.name} in ${list}`,
        ).toContain(expected);
        expect(problems.find((p) => p.code === expected)?.path).toBe(`targeting.interests.${list}[0]`);
      }
    }
  });

  it('names the category in a clear message', () => {
    const [p] = checkCampaign(
      campaign('pol', { targeting: { interests: { anyOf: [N.politics], allOf: [], noneOf: [] } } }),
      taxonomy,
    );
    expect(p?.message).toMatch(/Politics/);
    expect(p?.message).toMatch(/sensitive category \(politics\)/);
  });

  it('refuses unknown taxonomy ids', () => {
    const c = campaign('unk', {
      targeting: { interests: { anyOf: [N.travel, 'nope'], allOf: [], noneOf: [] } },
    });
    expect(checkCampaign(c, taxonomy)).toEqual([
      expect.objectContaining({ code: 'unknown_interest', path: 'targeting.interests.anyOf[1]' }),
    ]);
  });

  it('allows a broad node that contains sensitive children, and never matches through them', () => {
    const c = campaign('hl', {
      targeting: { interests: { anyOf: [N.healthyLiving], allOf: [], noneOf: [] } },
    });
    expect(checkCampaign(c, taxonomy)).toEqual([]);
    const expanded = expandNode(taxonomy, N.healthyLiving);
    expect(expanded.has(N.fitness)).toBe(true);
    expect(expanded.has(N.mensHealth)).toBe(false);
    for (const id of expanded) expect(taxonomy.get(id)?.adEligible).toBe(true);
    const index = createCampaignIndex(taxonomy, [c]);
    const via = (id: string) =>
      index.candidates(request({ interests: [{ id, weight: 0.9, source: 'profile' }] }));
    expect(via(N.running).map((m) => m.campaign.id)).toEqual(['hl']);
    expect(via(N.mensHealth)).toEqual([]);
  });

  describe('minors', () => {
    it('reports interest targeting with an age range starting under 18', () => {
      const c = campaign('teen', {
        targeting: { interests: { anyOf: [N.music], allOf: [], noneOf: [] }, ageRange: { min: 13, max: 17 } },
      });
      expect(codes(c)).toEqual(['interest_targets_minors']);
    });

    it('counts noneOf as interest criteria', () => {
      const c = campaign('teen-none', {
        targeting: { interests: { anyOf: [], allOf: [], noneOf: [N.music] }, ageRange: { min: 16, max: 40 } },
      });
      expect(codes(c)).toEqual(['interest_targets_minors']);
    });

    it('lets an age range under 18 through without interest criteria', () => {
      const c = campaign('teen-ctx', { targeting: { ageRange: { min: 13, max: 17 } } });
      expect(codes(c)).toEqual([]);
    });

    it('floors interest campaigns at 18 in the engine, with or without an age range', () => {
      const noRange = campaign('no-range', {
        targeting: { interests: { anyOf: [N.music], allOf: [], noneOf: [] } },
      });
      const lowRange = campaign('low-range', {
        targeting: { interests: { anyOf: [N.music], allOf: [], noneOf: [] }, ageRange: { min: 13, max: 40 } },
      });
      const index = createCampaignIndex(taxonomy, [noRange, lowRange]);
      const music = [{ id: N.rock, weight: 0.8, source: 'profile' as const }];
      const ids = (age: number | null) =>
        index
          .candidates(request({ age, interests: music }))
          .map((m) => m.campaign.id)
          .sort();
      expect(ids(17)).toEqual([]);
      expect(ids(13)).toEqual([]);
      expect(ids(null)).toEqual([]);
      expect(ids(18)).toEqual(['low-range', 'no-range']);
    });

    it('reports an age range under a node minimum age and floors it anyway', () => {
      const c = campaign('beer', {
        targeting: {
          interests: { anyOf: [N.alcohol], allOf: [], noneOf: [] },
          ageRange: { min: 18, max: 60 },
        },
      });
      expect(codes(c)).toEqual(['below_topic_min_age']);
      const index = createCampaignIndex(taxonomy, [c]);
      const req = (age: number) =>
        request({ age, interests: [{ id: N.alcohol, weight: 0.9, source: 'profile' }] });
      expect(index.candidates(req(20))).toEqual([]);
      expect(index.candidates(req(21)).map((m) => m.campaign.id)).toEqual(['beer']);
    });
  });

  it('applies the k-anonymity floor when an audience is given', () => {
    const c = campaign('k', { targeting: { interests: { anyOf: [N.camping], allOf: [], noneOf: [] } } });
    expect(codes(c, { eligible: 99 })).toEqual(['audience_below_k']);
    expect(codes(c, { eligible: 100 })).toEqual([]);
    expect(checkCampaign(c, taxonomy, { eligible: 400 }, 500).map((p) => p.code)).toEqual([
      'audience_below_k',
    ]);
  });

  it('reports contradictions and bad schedules', () => {
    const contra = campaign('contra', {
      targeting: { interests: { anyOf: [N.camping], allOf: [], noneOf: [N.travel] } },
    });
    expect(codes(contra)).toEqual(['contradictory_interests']);
    const sched = campaign('sched', {
      schedule: { start: '2026-05-01T00:00:00Z', end: '2026-04-01T00:00:00Z' },
    });
    expect(codes(sched)).toEqual(['invalid_schedule']);
  });

  it('is enforced by the index: refused campaigns never serve', () => {
    const index = createCampaignIndex(taxonomy);
    const bad = campaign('bad', {
      targeting: { interests: { anyOf: [N.travel, N.medicalHealth], allOf: [], noneOf: [] } },
    });
    const res = index.add(bad);
    expect(res.kind).toBe('refused');
    expect(index.has('bad')).toBe(false);
    expect(index.add(campaign('paused', { status: 'paused' }))).toEqual({
      kind: 'not_active',
      status: 'paused',
    });
  });
});
