import { describe, expect, it } from 'vitest';
import { ContentItemSchema, type ContentItem, type ContentItemInput } from '../../src/core/model/content.js';
import { mulberry32 } from '../../src/core/select/prng.js';
import { recommendContent, type RecommendInput } from '../../src/core/select/recommend.js';
import { account, DAY, interest, N, profile, taxonomy } from './helpers.js';
import { NOW, pick, worldNodes } from './world.js';

const item = (id: string, topics: string[], ageDays = 1, over: Partial<ContentItemInput> = {}): ContentItem =>
  ContentItemSchema.parse({
    itemId: id,
    kind: 'post',
    title: `Item ${id}`,
    topics,
    publishedAt: new Date(NOW - ageDays * DAY).toISOString(),
    ...over,
  });

function input(items: ContentItem[], over: Partial<RecommendInput> = {}): RecommendInput {
  return {
    taxonomy,
    items,
    account: account('a1'),
    profile: profile('a1', [interest(N.camping, 0.9), interest(N.dogs, 0.6), interest(N.travel, 0.3)]),
    personalised: true,
    country: 'US',
    language: 'en',
    now: NOW,
    limit: 10,
    ...over,
  };
}

const ids = (r: ReturnType<typeof recommendContent>) => r.items.map((i) => i.item.itemId);

describe('recommendContent', () => {
  it('ranks by affinity, with broader interests counting partly, and explains it', () => {
    const res = recommendContent(
      input([
        item('camp', [N.camping]),
        item('beach', [N.beachTravel]),
        item('dog', [N.dogs]),
        item('car', [N.automotive]),
      ]),
    );
    expect(ids(res)).toEqual(['camp', 'dog', 'beach', 'car']);
    const [camp, , beach, car] = res.items;
    expect(camp!.why.basis).toBe('interest');
    expect(camp!.why.interests).toEqual([
      expect.objectContaining({ id: N.camping, via: 'exact', topicId: N.camping }),
    ]);
    expect(camp!.why.sentence).toBe(
      'Recommended because you often ask about Camping (chats; last 3 days ago).',
    );
    // Beach Travel sits two levels below the Travel interest: half per level.
    expect(beach!.affinity).toBeCloseTo(0.3 * 0.25, 10);
    expect(beach!.why.interests).toEqual([
      expect.objectContaining({ id: N.travel, via: 'broader', topicId: N.beachTravel }),
    ]);
    expect(car!.why.basis).not.toBe('interest');
    expect(car!.why.interests).toEqual([]);
  });

  it('prefers fresh items: exponential decay by age', () => {
    const res = recommendContent(input([item('old', [N.camping], 30), item('new', [N.camping], 0.1)]));
    expect(ids(res)).toEqual(['new', 'old']);
    expect(res.items[1]!.freshness).toBeCloseTo(Math.pow(0.5, (30 * 24) / 72), 10);
  });

  it('never shows muted topics, descendants included, with or without a profile', () => {
    const items = [
      item('camp', [N.camping]),
      item('beach', [N.beachTravel]),
      item('dog', [N.dogs]),
      item('mixed', [N.dogs, N.camping]),
    ];
    for (const personalised of [true, false]) {
      const res = recommendContent(
        input(items, { personalised, account: account('a1', { mutedTopics: [N.travel] }) }),
      );
      expect(ids(res)).toEqual(['dog']);
      expect(res.skipped.muted).toBe(3);
    }
  });

  it('never recommends sensitive or ineligible items from a profile', () => {
    const items = [
      item('health', [N.mensHealth]),
      item('pol', [N.politics]),
      item('crime', [N.crime]),
      item('dog', [N.dogs]),
    ];
    const res = recommendContent(input(items));
    expect(ids(res)).toEqual(['dog']);
    expect(res.skipped.sensitive).toBe(3);
  });

  it('keeps age-restricted topics from minors and unknown ages', () => {
    const items = [item('beer', [N.alcohol]), item('dog', [N.dogs])];
    expect(ids(recommendContent(input(items, { account: account('a1', { birthYear: 2010 }) })))).toEqual([
      'dog',
    ]);
    expect(ids(recommendContent(input(items, { account: account('a1', { birthYear: null }) })))).toEqual([
      'dog',
    ]);
    expect(ids(recommendContent(input(items)))).toContain('beer');
  });

  it('never puts three items from one tier-1 topic in a row', () => {
    const w = worldNodes(taxonomy);
    const rng = mulberry32(8);
    const items = Array.from({ length: 300 }, (_, i) =>
      item(`i${i}`, [pick(rng, w.matchable).id], rng() * 10),
    );
    const p = profile(
      'a1',
      Array.from({ length: 20 }, () => pick(rng, w.matchable))
        .filter((n, k, xs) => xs.findIndex((m) => m.id === n.id) === k)
        .map((n) => interest(n.id, 0.2 + rng() * 0.8)),
    );
    const res = recommendContent(input(items, { profile: p, limit: 60 }));
    expect(res.items.length).toBe(60);
    const tier1 = (x: ContentItem) => taxonomy.get(x.topics[0]!)!.tier1Id;
    for (let k = 2; k < res.items.length; k++) {
      const run = [res.items[k - 2]!, res.items[k - 1]!, res.items[k]!].map((r) => tier1(r.item));
      expect(new Set(run).size, `positions ${k - 2}..${k}`).toBeGreaterThan(1);
    }
  });

  it('stops rather than breaking the diversity rule', () => {
    const items = [item('a', [N.camping]), item('b', [N.beachTravel]), item('c', [N.travelType])];
    const res = recommendContent(input(items));
    expect(res.items.length).toBe(2);
    expect(res.skipped.diversity).toBe(1);
  });

  it('falls back to popular and fresh items in the country without a profile', () => {
    const items = [
      item('pop', [N.cooking], 2),
      item('fresh', [N.books], 0.1),
      item('elsewhere', [N.music], 0.1, { countries: ['CA'] }),
      item('unpopular-old', [N.soccer], 20),
    ];
    const popularity = new Map([
      ['pop', 500],
      ['fresh', 10],
      ['elsewhere', 1_000],
    ]);
    const res = recommendContent(input(items, { profile: undefined, popularity }));
    expect(res.personalised).toBe(false);
    expect(res.reason).toBe('no_profile');
    expect(ids(res)).toEqual(['pop', 'fresh', 'unpopular-old']);
    expect(res.items[0]!.why.basis).toBe('popular');
    expect(res.items[0]!.why.sentence).toBe(
      'Popular where you are right now; published 2 days ago. Not personalised: there is no interest profile for you yet.',
    );
    expect(res.items.every((i) => i.affinity === 0 && i.why.interests.length === 0)).toBe(true);
  });

  it('ignores the profile when the account opted out', () => {
    const res = recommendContent(
      input([item('camp', [N.camping], 5), item('car', [N.automotive], 1)], {
        account: account('a1', { optedOut: true }),
      }),
    );
    expect(res.reason).toBe('opted_out');
    expect(ids(res)).toEqual(['car', 'camp']);
  });
});
