import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CampaignSchema } from '../../src/core/model/campaign.js';
import type { Surface } from '../../src/core/model/event.js';
import type { Spend } from '../../src/core/select/auction.js';
import { createCampaignIndex } from '../../src/core/select/index.js';
import type { NonPersonalisedReason } from '../../src/core/select/personalisation.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { selectAds } from '../../src/core/select/select-ads.js';
import { account, interest, profile, taxonomy } from './helpers.js';

interface GoldenCase {
  name: string;
  account: Record<string, unknown> | null;
  profile: { id: string; score: number }[] | null;
  personalised?: boolean;
  reason?: NonPersonalisedReason;
  request: {
    country: string | null;
    language: string | null;
    surface: Surface;
    contextInterestIds?: string[];
  };
  impressionsHoursAgo?: Record<string, number[]>;
  spend?: Record<string, Spend>;
  slots?: number;
  expect: {
    personalised: boolean;
    reason: string | null;
    ads: string[];
    pricesEcpm?: number[];
    sentences?: string[];
  };
}

const golden = JSON.parse(readFileSync(new URL('./golden-ads.json', import.meta.url), 'utf8')) as {
  now: string;
  campaigns: Record<string, unknown>[];
  cases: GoldenCase[];
};
const now = Date.parse(golden.now);
const campaigns = golden.campaigns.map((c) =>
  CampaignSchema.parse({
    advertiserId: `adv-${String(c.campaignId)}`,
    name: String(c.campaignId),
    schedule: { start: '2026-01-01T00:00:00Z' },
    budget: { total: 10_000, daily: 1_000 },
    creatives: [{ id: `${String(c.campaignId)}-1`, headline: 'Ad', url: 'https://example.com/' }],
    ...c,
  }),
);

describe('golden ad cases', () => {
  const index = createCampaignIndex(taxonomy, campaigns);

  it('refuses the campaign on a sensitive node', () => {
    expect(index.has('politics-refused')).toBe(false);
    expect(index.size).toBe(campaigns.length - 1);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, g) => {
    const res = selectAds({
      taxonomy,
      campaigns: index,
      account: g.account === null ? undefined : account('golden', g.account),
      profile:
        g.profile === null
          ? undefined
          : profile(
              'golden',
              g.profile.map((i) => interest(i.id, i.score)),
            ),
      personalised: g.personalised ?? true,
      ...(g.reason ? { reason: g.reason } : {}),
      request: g.request,
      now,
      slots: g.slots ?? 2,
      impressions: new Map(
        Object.entries(g.impressionsHoursAgo ?? {}).map(([id, hs]) => [
          id,
          hs.map((h) => now - h * 3_600_000),
        ]),
      ),
      spend: new Map(Object.entries(g.spend ?? {})),
      random: mulberry32(1),
    });
    expect({
      personalised: res.personalised,
      reason: res.reason,
      ads: res.ads.map((a) => a.campaignId),
    }).toEqual({
      personalised: g.expect.personalised,
      reason: g.expect.reason,
      ads: g.expect.ads,
    });
    g.expect.pricesEcpm?.forEach((p, k) => expect(res.ads[k]!.priceEcpm).toBeCloseTo(p, 5));
    if (g.expect.sentences) expect(res.ads.map((a) => a.why.sentence)).toEqual(g.expect.sentences);
  });
});
