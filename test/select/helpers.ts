/** Small builders for the selection tests. Not a test file itself. */
import { loadTaxonomy } from '../../src/app/assets.js';
import { AccountSchema, type Account, type AccountInput } from '../../src/core/model/account.js';
import { CampaignSchema, type Campaign, type CampaignInput } from '../../src/core/model/campaign.js';
import type { Surface } from '../../src/core/model/event.js';
import type { Profile, ProfileInterest } from '../../src/core/profile/types.js';
import { NOW } from './world.js';

export const taxonomy = loadTaxonomy();
export const DAY = 86_400_000;

export function campaign(id: string, over: Partial<CampaignInput> = {}): Campaign {
  return CampaignSchema.parse({
    campaignId: id,
    advertiserId: `adv-${id}`,
    name: `Campaign ${id}`,
    schedule: { start: '2026-01-01T00:00:00Z' },
    budget: { total: 10_000, daily: 1_000 },
    bid: { model: 'cpm', amount: 5 },
    creatives: [{ id: `${id}-cr`, headline: `Ad ${id}`, url: `https://example.com/${id}` }],
    ...over,
  });
}

export function account(id = 'acct-1', over: Partial<AccountInput> = {}): Account {
  return AccountSchema.parse({ accountId: id, birthYear: 1990, region: 'US', ...over });
}

export function interest(
  id: string,
  score: number,
  over: Partial<Pick<ProfileInterest, 'surfaces' | 'lastSeen' | 'evidence' | 'declared'>> = {},
): ProfileInterest {
  const node = taxonomy.get(id);
  if (!node) throw new Error(`test uses unknown node ${id}`);
  return {
    id,
    name: node.name,
    path: node.path,
    score,
    evidence: over.evidence ?? 5,
    firstSeen: NOW - 30 * DAY,
    lastSeen: over.lastSeen ?? NOW - 3 * DAY,
    surfaces: over.surfaces ?? (['assistant_chat'] as Surface[]),
    contexts: [],
    declared: over.declared ?? false,
  };
}

export function profile(accountId: string, interests: ProfileInterest[]): Profile {
  return { accountId, asOf: NOW, interests: [...interests].sort((a, b) => b.score - a.score) };
}

/** Node ids used by name in tests (IAB Content Taxonomy 3.1). */
export const N = {
  travel: '653',
  travelType: '664',
  camping: '677',
  beachTravel: '673',
  pets: '422',
  dogs: '425',
  cats: '424',
  healthyLiving: '223',
  fitness: '225',
  running: '227',
  mensHealth: '228',
  medicalHealth: '286',
  politics: '386',
  crime: '380',
  alcohol: '211',
  food: '210',
  cooking: '216',
  sports: '483',
  soccer: '533',
  automotive: '1',
  books: '42',
  music: '338',
  rock: '363',
  videoGaming: '680',
} as const;
