import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTaxonomy } from '../../src/app/assets.js';
import { gate } from '../../src/core/gate/gate.js';
import { AccountSchema, type Account } from '../../src/core/model/account.js';
import { CampaignSchema } from '../../src/core/model/campaign.js';
import { ContentItemSchema } from '../../src/core/model/content.js';
import { EventSchema, SURFACES } from '../../src/core/model/event.js';
import { DEFAULT_POLICY } from '../../src/core/model/policy.js';
import { SENSITIVE_CLASSES } from '../../src/core/model/sensitive.js';
import {
  DEFAULT_WORLD_NOW,
  generateLabeledWorld,
  generateWorld,
  worldSummary,
  type LabeledWorld,
} from '../../src/demo/generate-world.js';
import { TOPICS } from '../../src/demo/phrases.js';

const taxonomy = loadTaxonomy();
const EFFECTIVE = Date.parse(DEFAULT_POLICY.effectiveDate);
const EXCLUDED = new Set<string>(DEFAULT_POLICY.excludedRegions);

let labeled: LabeledWorld;

beforeAll(() => {
  generateWorld({ seed: 99, accounts: 50, events: 500 }); // warm-up: taxonomy load and JIT
  labeled = generateLabeledWorld({ seed: 7 });
});

describe('determinism', () => {
  it('same seed gives byte-identical JSON, a different seed a different world', () => {
    const a = JSON.stringify(generateWorld({ seed: 7 }));
    expect(JSON.stringify(labeled.world)).toBe(a);
    const small = (seed: number) =>
      JSON.stringify(generateWorld({ seed, accounts: 100, events: 1000, campaigns: 20, content: 20 }));
    expect(small(8)).toBe(small(8));
    expect(small(8)).not.toBe(small(9));
  });

  it('never reads Math.random or the clock', () => {
    const random = vi.spyOn(Math, 'random');
    const now = vi.spyOn(Date, 'now');
    try {
      generateWorld({ seed: 3, accounts: 200, events: 3000, campaigns: 30, content: 40 });
      expect(random).not.toHaveBeenCalled();
      expect(now).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
      now.mockRestore();
    }
  });

  it('keeps parts independent: resizing campaigns leaves accounts and events unchanged', () => {
    const small = generateWorld({ seed: 5, accounts: 100, events: 1000, campaigns: 10, content: 10 });
    const other = generateWorld({ seed: 5, accounts: 100, events: 1000, campaigns: 40, content: 30 });
    expect(JSON.stringify(other.accounts)).toBe(JSON.stringify(small.accounts));
    expect(JSON.stringify(other.events)).toBe(JSON.stringify(small.events));
  });

  it('honours the requested sizes', () => {
    const w = generateWorld({ seed: 1, accounts: 10, events: 123, campaigns: 4, content: 6 });
    expect([w.accounts.length, w.events.length, w.campaigns.length, w.content.length]).toEqual([
      10, 123, 4, 6,
    ]);
    const empty = generateWorld({ accounts: 0, events: 0, campaigns: 0, content: 0 });
    expect(empty).toEqual({ accounts: [], events: [], campaigns: [], content: [] });
  });
});

describe('schemas', () => {
  it('every record parses unchanged (defaults already filled in)', () => {
    const { accounts, events, campaigns, content } = labeled.world;
    for (const a of accounts) expect(AccountSchema.parse(a)).toEqual(a);
    for (const c of campaigns) expect(CampaignSchema.parse(c)).toEqual(c);
    for (const c of content) expect(ContentItemSchema.parse(c)).toEqual(c);
    let bad = 0;
    for (const e of events) if (!EventSchema.safeParse(e).success) bad++;
    expect(bad).toBe(0);
  });

  it('timestamps are canonical ISO strings', () => {
    const odd = labeled.world.events.filter((e) => new Date(e.occurredAt).toISOString() !== e.occurredAt);
    expect(odd).toEqual([]);
  });
});

describe('accounts', () => {
  it('span many countries, including excluded regions, with consistent locales', () => {
    const s = worldSummary(labeled.world);
    for (const c of [
      'US',
      'CA',
      'MX',
      'BR',
      'AR',
      'IN',
      'ID',
      'TR',
      'JP',
      'AU',
      'ZA',
      'NG',
      'DE',
      'FR',
      'IT',
      'ES',
      'NL',
      'DK',
      'GB',
      'KR',
    ]) {
      expect(s.accountsByCountry[c] ?? 0, c).toBeGreaterThan(0);
    }
    expect(s.inExcludedRegion / s.accounts).toBeGreaterThan(0.15);
    for (const a of labeled.world.accounts) {
      if (a.region == null || a.locale === undefined) continue;
      const localeCountry = a.locale.split('-')[1];
      expect(localeCountry, a.accountId).toBe(a.region);
    }
  });

  it('include minors, unknown ages, unlinked, opted-out, muted and never-noticed people', () => {
    const s = worldSummary(labeled.world);
    expect(s.minors / s.accounts).toBeGreaterThan(0.05);
    expect(s.minors / s.accounts).toBeLessThan(0.11);
    expect(s.unknownAge).toBeGreaterThan(0);
    expect(s.linked / s.accounts).toBeGreaterThan(0.75);
    expect(s.linked / s.accounts).toBeLessThan(0.85);
    expect(s.optedOut).toBeGreaterThan(0);
    expect(s.muted).toBeGreaterThan(0);
    expect(s.noticeNever).toBeGreaterThan(0);
    const before = labeled.world.accounts.filter(
      (a) => a.noticeShownAt != null && Date.parse(a.noticeShownAt) < EFFECTIVE,
    ).length;
    expect(before / s.accounts).toBeGreaterThan(0.7);
  });
});

describe('events', () => {
  it('cover all surfaces and at least six languages', () => {
    const s = worldSummary(labeled.world);
    expect(s.events).toBe(50_000);
    for (const surface of SURFACES) expect(s.eventsBySurface[surface] ?? 0, surface).toBeGreaterThan(1000);
    const textLangs = new Set(labeled.labels.map((l) => l.lang));
    expect(textLangs.size).toBeGreaterThanOrEqual(6);
    expect([...textLangs].sort()).toEqual(['da', 'de', 'en', 'es', 'fr', 'id', 'it', 'nl', 'pt', 'tr']);
  });

  it('~5% happen before the effective date; none after now', () => {
    const s = worldSummary(labeled.world);
    expect(s.eventsBeforeEffectiveDate / s.events).toBeGreaterThan(0.03);
    expect(s.eventsBeforeEffectiveDate / s.events).toBeLessThan(0.08);
    expect(labeled.world.events.filter((e) => Date.parse(e.occurredAt) > DEFAULT_WORLD_NOW)).toEqual([]);
  });

  it('~5% disclose sensitive data, across all five classes', () => {
    const sensitive = labeled.labels.filter((l) => l.sensitive !== undefined);
    expect(sensitive.length / labeled.labels.length).toBeGreaterThan(0.035);
    expect(sensitive.length / labeled.labels.length).toBeLessThan(0.07);
    expect(new Set(sensitive.map((l) => l.sensitive))).toEqual(new Set(SENSITIVE_CLASSES));
  });

  it('group chats have 3–30 participants and mostly address the assistant', () => {
    const groups = labeled.world.events.filter((e) => e.surface === 'group_chat');
    for (const g of groups) {
      expect(g.participantCount).toBeGreaterThanOrEqual(3);
      expect(g.participantCount).toBeLessThanOrEqual(30);
    }
    const addressed = groups.filter((g) => g.mentionedAssistant === true).length;
    expect(addressed / groups.length).toBeGreaterThan(0.75);
    expect(addressed).toBeLessThan(groups.length);
  });

  it('glasses events carry image labels; other surfaces carry text', () => {
    const bad = labeled.world.events.filter((e) =>
      e.surface === 'glasses_image' ? (e.imageLabels?.length ?? 0) < 2 : (e.text?.length ?? 0) === 0,
    );
    expect(bad).toEqual([]);
  });

  it('people keep persistent interests, so profiles have a clear top topic', () => {
    const byAccount = new Map<string, Map<string, number>>();
    labeled.world.events.forEach((e, i) => {
      const topic = labeled.labels[i]?.topic;
      if (topic === undefined) return;
      const m = byAccount.get(e.accountId) ?? new Map<string, number>();
      m.set(topic, (m.get(topic) ?? 0) + 1);
      byAccount.set(e.accountId, m);
    });
    let focused = 0;
    let active = 0;
    for (const m of byAccount.values()) {
      const counts = [...m.values()].sort((a, b) => b - a);
      const total = counts.reduce((a, b) => a + b, 0);
      if (total < 20) continue;
      active++;
      // Up to five interests take ~85% of what a person talks about.
      if (counts.slice(0, 5).reduce((a, b) => a + b, 0) / total > 0.7) focused++;
    }
    expect(active).toBeGreaterThan(100);
    expect(focused / active).toBeGreaterThan(0.9);
  });

  it('contain a few re-sent duplicates (exact copies) and fake contact details only', () => {
    const byId = new Map<string, string>();
    let dups = 0;
    for (const e of labeled.world.events) {
      const json = JSON.stringify(e);
      const prev = byId.get(e.eventId);
      if (prev !== undefined) {
        dups++;
        expect(json).toBe(prev);
      } else byId.set(e.eventId, json);
    }
    expect(dups).toBeGreaterThan(0);
    expect(dups).toBeLessThan(500);

    const contacts = labeled.world.events.filter((_, i) => labeled.labels[i]?.contact === true);
    expect(contacts.length).toBeGreaterThan(50);
    for (const e of labeled.world.events) {
      for (const m of e.text?.matchAll(/[\w.+-]+@([\w-]+\.[\w.]+)/g) ?? []) {
        expect(['example.com', 'example.org', 'example.net']).toContain(m[1]);
      }
    }
  });

  it('exercises every gate rule, and most adult linked accounts are kept', () => {
    const accounts = new Map<string, Account>(labeled.world.accounts.map((a) => [a.accountId, a]));
    const reasons = new Map<string, number>();
    for (const event of labeled.world.events) {
      const d = gate({
        event,
        account: accounts.get(event.accountId),
        erased: false,
        policy: DEFAULT_POLICY,
      });
      const key = d.kind === 'kept' ? 'kept' : d.reason;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    for (const r of [
      'kept',
      'region',
      'before_effective_date',
      'opted_out',
      'age_unknown',
      'minor',
      'unlinked',
      'no_notice',
      'surface_disabled',
      'not_addressed',
    ]) {
      expect(reasons.get(r) ?? 0, r).toBeGreaterThan(0);
    }
    expect((reasons.get('kept') ?? 0) / labeled.world.events.length).toBeGreaterThan(0.3);
  });
});

describe('campaigns', () => {
  it('target only ad-eligible, non-sensitive nodes across tiers 1–3, with adult age ranges', () => {
    const tiers = new Set<number>();
    for (const c of labeled.world.campaigns) {
      const { anyOf, allOf, noneOf } = c.targeting.interests;
      for (const id of [...anyOf, ...allOf, ...noneOf]) {
        const node = taxonomy.get(id);
        expect(node, id).toBeDefined();
        expect(node?.sensitive, id).toBeNull();
        expect(node?.adEligible, id).toBe(true);
        if (node && anyOf.includes(id)) tiers.add(node.tier);
      }
      for (const id of [...anyOf, ...allOf]) {
        expect(
          noneOf.some((n) => taxonomy.isWithin(id, n)),
          `${c.campaignId} excludes ${id}`,
        ).toBe(false);
      }
      if (anyOf.length + allOf.length > 0) {
        const minAge = Math.max(0, ...[...anyOf, ...allOf].map((id) => taxonomy.get(id)?.minAge ?? 0));
        expect(c.targeting.ageRange?.min, c.campaignId).toBeGreaterThanOrEqual(Math.max(18, minAge));
      }
      expect(c.targeting.countries.length).toBeGreaterThan(0);
      for (const cr of c.creatives) expect(new URL(cr.url).hostname).toMatch(/\.example\.com$/);
      expect(c.creatives.every((cr) => cr.url.startsWith('https://'))).toBe(true);
    }
    expect([...tiers].sort()).toEqual([1, 2, 3]);
  });

  it('mix bids, statuses and broad country-only campaigns for the fallback path', () => {
    const cs = labeled.world.campaigns;
    expect(cs).toHaveLength(200);
    expect(cs.some((c) => c.bid.model === 'cpm')).toBe(true);
    expect(cs.some((c) => c.bid.model === 'cpc')).toBe(true);
    expect(cs.some((c) => c.status === 'paused')).toBe(true);
    expect(cs.filter((c) => c.status === 'active').length).toBeGreaterThan(100);
    expect(cs.some((c) => c.targeting.languages.length > 0)).toBe(true);
    const broad = cs.filter(
      (c) => c.targeting.interests.anyOf.length === 0 && c.targeting.interests.allOf.length === 0,
    );
    expect(broad.length).toBeGreaterThan(0);
    // Broad campaigns in open markets, active: what the fallback can actually serve.
    expect(
      broad.some((c) => c.status === 'active' && c.targeting.countries.some((r) => !EXCLUDED.has(r))),
    ).toBe(true);
  });
});

describe('content', () => {
  it('tags 1–3 ad-eligible topics and was published in the last 60 days', () => {
    const items = labeled.world.content;
    expect(items).toHaveLength(500);
    expect(new Set(items.map((c) => c.kind))).toEqual(new Set(['post', 'event', 'group', 'video']));
    for (const c of items) {
      expect(c.topics.length).toBeGreaterThanOrEqual(1);
      expect(c.topics.length).toBeLessThanOrEqual(3);
      for (const id of c.topics) expect(taxonomy.get(id)?.adEligible, id).toBe(true);
      const age = DEFAULT_WORLD_NOW - Date.parse(c.publishedAt);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(60 * 86_400_000);
    }
    expect(new Set(items.map((c) => c.language)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('data', () => {
  it('every demo topic maps to an ad-eligible taxonomy node', () => {
    for (const t of TOPICS) {
      const node = taxonomy.get(t.iab);
      expect(node?.adEligible, t.key).toBe(true);
      expect(node?.sensitive, t.key).toBeNull();
    }
  });
});
