import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/core/model/campaign.js';
import { DAY_MS, maxCostOfServe, paceProbability, type Spend } from '../../src/core/select/auction.js';
import { createCampaignIndex } from '../../src/core/select/index.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { selectAds, type SelectAdsInput, type SelectAdsResult } from '../../src/core/select/select-ads.js';
import { account, campaign, interest, N, profile, taxonomy } from './helpers.js';
import { COUNTRIES, makeCampaigns, makeProfile, NOW, pick, worldNodes } from './world.js';

const HOUR = 3_600_000;
const broad = (id: string, amount: number, over: Parameters<typeof campaign>[1] = {}) =>
  campaign(id, { bid: { model: 'cpm', amount }, ...over });
const onInterest = (id: string, node: string, amount: number, over: Parameters<typeof campaign>[1] = {}) =>
  campaign(id, {
    bid: { model: 'cpm', amount },
    targeting: { interests: { anyOf: [node], allOf: [], noneOf: [] } },
    ...over,
  });

function input(campaigns: Campaign[], over: Partial<SelectAdsInput> = {}): SelectAdsInput {
  const acct = account('a1');
  return {
    taxonomy,
    campaigns: createCampaignIndex(taxonomy, campaigns),
    account: acct,
    profile: profile('a1', [
      interest(N.camping, 0.8, { surfaces: ['assistant_chat', 'voice'], evidence: 6 }),
      interest(N.dogs, 0.4),
    ]),
    personalised: true,
    request: { country: 'US', language: 'en', surface: 'assistant_chat' },
    now: NOW,
    slots: 2,
    impressions: new Map(),
    spend: new Map(),
    random: mulberry32(1),
    ...over,
  };
}

const ids = (r: SelectAdsResult) => r.ads.map((a) => a.campaignId);

/** Applies what was served to shared delivery state, as the app layer would. */
function record(
  res: SelectAdsResult,
  at: number,
  spend: Map<string, Spend>,
  seen: Map<string, number[]>,
): void {
  for (const ad of res.ads) {
    const s = spend.get(ad.campaignId) ?? { today: 0, total: 0 };
    const cost = ad.price.model === 'cpm' ? ad.price.perMille / 1000 : 0;
    spend.set(ad.campaignId, { today: s.today + cost, total: s.total + cost });
    seen.set(ad.campaignId, [...(seen.get(ad.campaignId) ?? []), at]);
  }
}

/** A new budget day: what the app's delivery(dayStart) query would return. */
function newDay(spend: Map<string, Spend>): void {
  for (const [id, s] of spend) spend.set(id, { today: 0, total: s.total });
}

describe('selectAds: generalised second price', () => {
  it('charges each winner what keeps its position, the last one the reserve', () => {
    const res = selectAds(input([broad('a', 10), broad('b', 8), broad('c', 5)], { slots: 3 }));
    expect(ids(res)).toEqual(['a', 'b', 'c']);
    // Same base relevance (0.2): price = next score / own relevance + 0.01.
    expect(res.ads[0]!.priceEcpm).toBeCloseTo(8.01, 10);
    expect(res.ads[1]!.priceEcpm).toBeCloseTo(5.01, 10);
    expect(res.ads[2]!.priceEcpm).toBeCloseTo(0.1, 10);
    expect(res.ads[0]!.price).toEqual({ model: 'cpm', perMille: res.ads[0]!.priceEcpm });
  });

  it('ranks by relevance × bid and prices by the next score over own relevance', () => {
    // camping 0.8 → relevance 0.8; dogs 0.4 → relevance 0.4.
    const res = selectAds(
      input([onInterest('camp', N.camping, 10), onInterest('dog', N.dogs, 15), broad('any', 12)], {
        slots: 2,
      }),
    );
    expect(ids(res)).toEqual(['camp', 'dog']); // 8 > 6 > 2.4
    expect(res.ads[0]!.priceEcpm).toBeCloseTo(6 / 0.8 + 0.01, 10);
    expect(res.ads[1]!.priceEcpm).toBeCloseTo(2.4 / 0.4 + 0.01, 10);
    for (const ad of res.ads) expect(ad.priceEcpm).toBeLessThanOrEqual(ad.score / ad.relevance);
  });

  it('prices CPC bids per click from the eCPM', () => {
    const cpc = campaign('cpc', { bid: { model: 'cpc', amount: 2, predictedCtr: 0.01 } }); // eCPM 20
    const res = selectAds(input([cpc, broad('cpm', 10)], { slots: 1 }));
    expect(ids(res)).toEqual(['cpc']);
    expect(res.ads[0]!.price.model).toBe('cpc');
    if (res.ads[0]!.price.model === 'cpc')
      expect(res.ads[0]!.price.perClick).toBeCloseTo((10 + 0.01) / 10, 10);
  });

  it('never serves below the reserve, paused, ended or not-yet-started campaigns', () => {
    const res = selectAds(
      input(
        [
          broad('cheap', 0.05),
          broad('paused', 9, { status: 'paused' }),
          broad('ended', 9, { schedule: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' } }),
          broad('future', 9, { schedule: { start: '2027-01-01T00:00:00Z' } }),
          broad('ok', 1),
        ],
        { slots: 5 },
      ),
    );
    expect(ids(res)).toEqual(['ok']);
  });
});

describe('selectAds: frequency caps, budgets and pacing', () => {
  it('honours frequency caps per account across many selections', () => {
    const c = broad('capped', 10, { frequencyCap: { count: 3, periodHours: 24 } });
    const index = createCampaignIndex(taxonomy, [c, broad('other', 1)]);
    const seen = new Map<string, number[]>();
    const spend = new Map<string, Spend>();
    let shown = 0;
    for (let i = 0; i < 48; i++) {
      const at = NOW + i * HOUR;
      const res = selectAds(
        input([], { campaigns: index, slots: 1, now: at, impressions: seen, spend, random: mulberry32(i) }),
      );
      record(res, at, spend, seen);
      if (res.ads[0]?.campaignId === 'capped') shown++;
      const inWindow = (seen.get('capped') ?? []).filter((t) => t > at - 24 * HOUR);
      expect(inWindow.length).toBeLessThanOrEqual(3);
    }
    expect(shown).toBe(6); // 3 per 24 h over 48 h
  });

  it('never overspends daily or total budgets when selections run one after another', () => {
    const rng = mulberry32(5);
    const campaigns = Array.from({ length: 20 }, (_, i) =>
      broad(`b${i}`, 2 + rng() * 20, {
        budget: { total: 0.5 + rng(), daily: 0.3 + rng() * 0.2 },
        frequencyCap: { count: 1000, periodHours: 1 },
      }),
    );
    const index = createCampaignIndex(taxonomy, campaigns);
    const spend = new Map<string, Spend>();
    const seen = new Map<string, number[]>();
    const dayStart = Math.floor(NOW / DAY_MS) * DAY_MS;
    const maxToday = new Map<string, number>();
    let day = dayStart;
    for (let i = 0; i < 3_000; i++) {
      const at = dayStart + i * 60_000; // ~50 h of traffic: two budget days and a bit
      if (at >= day + DAY_MS) {
        day += DAY_MS;
        newDay(spend);
      }
      const res = selectAds(
        input([], {
          campaigns: index,
          slots: 3,
          now: at,
          impressions: seen,
          spend,
          random: rng,
          account: account(`u${i % 50}`),
        }),
      );
      record(res, at, spend, seen);
      for (const ad of res.ads)
        maxToday.set(
          ad.campaignId,
          Math.max(maxToday.get(ad.campaignId) ?? 0, spend.get(ad.campaignId)!.today),
        );
    }
    let exhausted = 0;
    for (const c of campaigns) {
      const s = spend.get(c.campaignId) ?? { today: 0, total: 0 };
      expect(maxToday.get(c.campaignId) ?? 0).toBeLessThanOrEqual(c.budget.daily + 1e-9);
      expect(s.total).toBeLessThanOrEqual(c.budget.total + 1e-9);
      if (s.total > c.budget.total - maxCostOfServe(c)) exhausted++;
    }
    // The limits were really reached, not just never approached.
    expect(exhausted).toBeGreaterThan(5);
  });

  it('bounds overspend by the number of concurrent selections on a shared, stale snapshot', () => {
    const rng = mulberry32(9);
    const campaigns = Array.from({ length: 10 }, (_, i) =>
      broad(`c${i}`, 5 + rng() * 10, { budget: { total: 0.4, daily: 0.4 } }),
    );
    const index = createCampaignIndex(taxonomy, campaigns);
    const spend = new Map<string, Spend>();
    const seen = new Map<string, number[]>();
    const CONCURRENCY = 8;
    const dayStart = Math.floor(NOW / DAY_MS) * DAY_MS + 23 * HOUR; // late: pacing allows nearly all
    for (let batch = 0; batch < 200; batch++) {
      const at = dayStart + batch * 1_000;
      // Every request in the batch sees the same snapshot, as in-flight requests would.
      const snapshot = new Map(spend);
      const results = Array.from({ length: CONCURRENCY }, (_, k) =>
        selectAds(
          input([], {
            campaigns: index,
            slots: 2,
            now: at,
            spend: snapshot,
            impressions: new Map(),
            random: rng,
            account: account(`u${batch}-${k}`),
          }),
        ),
      );
      for (const res of results) record(res, at, spend, seen);
    }
    for (const c of campaigns) {
      const s = spend.get(c.campaignId)!;
      expect(s.total).toBeLessThanOrEqual(c.budget.total + CONCURRENCY * maxCostOfServe(c) + 1e-9);
    }
  });

  it('spreads a daily budget over the day', () => {
    const c = broad('paced', 10, {
      budget: { total: 100, daily: 10 },
      frequencyCap: { count: 1000, periodHours: 1 },
    });
    const index = createCampaignIndex(taxonomy, [c]);
    const spend = new Map<string, Spend>();
    const dayStart = Math.floor(NOW / DAY_MS) * DAY_MS;
    const rng = mulberry32(3);
    const byQuarter = [0, 0, 0, 0];
    // A request every 20 s: 4,320 chances, but the budget buys only 1,000 impressions at 10 CPM.
    for (let t = dayStart; t < dayStart + DAY_MS; t += 20_000) {
      // A reserve at the bid makes the price the bid: 0.01 per impression.
      const res = selectAds(
        input([], {
          campaigns: index,
          slots: 1,
          now: t,
          spend,
          impressions: new Map(),
          random: rng,
          account: account(`u${t}`),
          reserveEcpm: 10,
        }),
      );
      const before = spend.get('paced')?.today ?? 0;
      record(res, t, spend, new Map());
      byQuarter[Math.floor((t - dayStart) / (DAY_MS / 4))]! += (spend.get('paced')?.today ?? 0) - before;
    }
    const total = byQuarter.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(10 + 1e-9);
    expect(total).toBeGreaterThan(9);
    for (const q of byQuarter) {
      expect(q / total).toBeGreaterThan(0.2);
      expect(q / total).toBeLessThan(0.3);
    }
  });

  it('throttles smoothly: full speed under the curve, none above it', () => {
    const dayStart = 0;
    expect(paceProbability(100, 10, DAY_MS / 2, dayStart)).toBe(1);
    expect(paceProbability(100, 60, DAY_MS / 2, dayStart)).toBe(0);
    const mid = paceProbability(100, 50.5, DAY_MS / 2, dayStart);
    expect(mid).toBeGreaterThan(0);
    expect(mid).toBeLessThan(1);
  });
});

describe('selectAds: non-personalised fallback', () => {
  const campaigns = () => [
    onInterest('camp', N.camping, 20),
    onInterest('soccer', N.soccer, 15),
    broad('us-only', 5, { targeting: { countries: ['US'] } }),
    broad('ca-only', 30, { targeting: { countries: ['CA'] } }),
    broad('anyone', 3),
  ];

  it.each([
    ['opted_out', { account: account('a1', { optedOut: true }) }],
    ['region', { personalised: false, reason: 'region' as const }],
    ['unknown_account', { account: undefined }],
    ['minor', { account: account('a1', { birthYear: 2011 }) }],
    ['age_unknown', { account: account('a1', { birthYear: null }) }],
    ['no_profile', { profile: undefined }],
  ])('%s: context and country only, and says so', (reason, over) => {
    const res = selectAds(input(campaigns(), { slots: 5, ...over }));
    expect(res.personalised).toBe(false);
    expect(res.reason).toBe(reason);
    expect(ids(res)).toEqual(['us-only', 'anyone']);
    for (const ad of res.ads) {
      expect(ad.why.personalised).toBe(false);
      expect(ad.why.interests).toEqual([]);
      expect(ad.why.sentence).toMatch(/Not personalised: /);
    }
  });

  it('uses the current context for adults who are not personalised', () => {
    const res = selectAds(
      input(campaigns(), {
        account: account('a1', { optedOut: true }),
        slots: 5,
        request: { country: 'US', language: 'en', surface: 'voice', contextInterestIds: [N.soccer] },
      }),
    );
    expect(ids(res)).toEqual(['soccer', 'us-only', 'anyone']);
    expect(res.ads[0]!.why.interests.map((i) => [i.id, i.source])).toEqual([[N.soccer, 'context']]);
    expect(res.ads[0]!.why.sentence).toContain('what you are looking at now is about Soccer');
    // The profile (camping) is never used.
    expect(JSON.stringify(res)).not.toContain('Camping');
  });

  it('never gives minors interest-targeted ads, not even from context', () => {
    const res = selectAds(
      input(campaigns(), {
        account: account('a1', { birthYear: 2012 }),
        slots: 5,
        request: {
          country: 'US',
          language: 'en',
          surface: 'voice',
          contextInterestIds: [N.soccer, N.camping],
        },
      }),
    );
    expect(res.reason).toBe('minor');
    expect(ids(res)).toEqual(['us-only', 'anyone']);
  });

  it('holds on random worlds: minors and people of unknown age never get interest campaigns', () => {
    const w = worldNodes(taxonomy);
    const rng = mulberry32(21);
    const campaigns = makeCampaigns(rng, w, 1_500);
    const byId = new Map(campaigns.map((c) => [c.campaignId, c]));
    const index = createCampaignIndex(taxonomy, campaigns);
    let served = 0;
    for (let i = 0; i < 150; i++) {
      const birthYear = pick(rng, [2009, 2010, 2012, null]);
      const res = selectAds(
        input([], {
          campaigns: index,
          account: account(`m${i}`, { birthYear }),
          profile: makeProfile(rng, w, `m${i}`, 30),
          slots: 3,
          random: rng,
          request: {
            country: pick(rng, COUNTRIES.slice(0, 5)),
            language: 'en',
            surface: 'assistant_chat',
            contextInterestIds: [pick(rng, w.matchable).id],
          },
        }),
      );
      expect(res.personalised).toBe(false);
      for (const ad of res.ads) {
        const { anyOf, allOf, noneOf } = byId.get(ad.campaignId)!.targeting.interests;
        expect(anyOf.length + allOf.length + noneOf.length).toBe(0);
        expect(ad.why.interests).toEqual([]);
        served++;
      }
    }
    expect(served).toBeGreaterThan(100);
  });
});

describe('selectAds: explanations', () => {
  it('reads like a person wrote it and names the real match', () => {
    const res = selectAds(
      input(
        [
          onInterest('camp', N.camping, 10, {
            targeting: { interests: { anyOf: [N.travel], allOf: [], noneOf: [] }, countries: ['US'] },
          }),
        ],
        { slots: 1 },
      ),
    );
    const why = res.ads[0]!.why;
    expect(why.sentence).toBe(
      'Shown because you often ask about Camping (chats, voice; last 3 days ago), you are in the United States and you are 18 or older.',
    );
    expect(why.interests).toEqual([
      expect.objectContaining({
        id: N.camping,
        name: 'Camping',
        source: 'profile',
        surfaces: ['assistant_chat', 'voice'],
        lastSeen: NOW - 3 * DAY_MS,
      }),
    ]);
    expect(why.criteria).toEqual([
      { kind: 'country', value: 'US' },
      { kind: 'age', min: 18, max: null },
    ]);
  });

  it('names only interests that really matched, on random worlds', () => {
    const w = worldNodes(taxonomy);
    const rng = mulberry32(33);
    const campaigns = makeCampaigns(rng, w, 1_500);
    const byId = new Map(campaigns.map((c) => [c.campaignId, c]));
    const index = createCampaignIndex(taxonomy, campaigns);
    let explained = 0;
    for (let i = 0; i < 150; i++) {
      const p = makeProfile(rng, w, 'a1', 30);
      const res = selectAds(
        input([], {
          campaigns: index,
          profile: p,
          slots: 3,
          random: rng,
          request: { country: pick(rng, COUNTRIES.slice(0, 5)), language: 'en', surface: 'voice' },
        }),
      );
      for (const ad of res.ads) {
        const targeted = byId.get(ad.campaignId)!.targeting.interests;
        for (const wi of ad.why.interests) {
          const mine = p.interests.find((x) => x.id === wi.id);
          expect(mine, 'named interest is in the profile').toBeDefined();
          expect(
            [...targeted.anyOf, ...targeted.allOf].some((t) => taxonomy.isWithin(wi.id, t)),
            'named interest is targeted',
          ).toBe(true);
          expect(wi.surfaces).toEqual(mine!.surfaces);
          expect(wi.lastSeen).toBe(mine!.lastSeen);
          explained++;
        }
        if (targeted.anyOf.length + targeted.allOf.length > 0)
          expect(ad.why.interests.length).toBeGreaterThan(0);
        else expect(ad.why.interests).toEqual([]);
        const named = ad.why.interests.slice(0, 3).map((x) => x.name);
        for (const other of p.interests) {
          if (named.some((n) => n.includes(other.name))) continue;
          expect(ad.why.sentence.includes(`${other.name} (`), `sentence names unmatched ${other.name}`).toBe(
            false,
          );
        }
      }
    }
    expect(explained).toBeGreaterThan(50);
  });
});
