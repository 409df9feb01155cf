import { mulberry32 } from '../../src/core/select/prng.js';
import { AccountSchema, type Account } from '../../src/core/model/account.js';
import type { BusEvent } from '../../src/ports/bus.js';

/** Time at which profiles are compared: after every event, so decay is the same for both runs. */
export const PROFILE_NOW = Date.parse('2026-02-01T00:00:00Z');

/** The same seed gives the same events everywhere. */
export const rng = mulberry32;

export function makeAccounts(n: number, prefix = 'so-acct'): Account[] {
  return Array.from({ length: n }, (_, i) =>
    AccountSchema.parse({
      accountId: `${prefix}-${i}`,
      birthYear: 1990,
      region: 'US',
      locale: 'en-US',
      linkedAdAccounts: [{ platform: 'facebook', id: `fb-${prefix}-${i}` }],
      noticeShownAt: '2025-12-01T00:00:00Z',
    }),
  );
}

const TEXTS = [
  'I went hiking in the mountains this weekend, can you suggest a longer trail for next time?',
  'What should I pack for a two day hiking trip with a tent?',
  'I love cooking Italian food, give me a recipe for fresh pasta with tomato sauce',
  'How long do I roast a chicken? I am cooking dinner for six people',
  'Who won the football match last night? I watch every Premier League game',
  'I play football every Sunday with friends, how do I improve my passing?',
  'Recommend a beginner acoustic guitar, I want to learn to play songs',
  'Plan a week of travel in Japan: Tokyo, Kyoto and Osaka by train',
  'Which running shoes are good for a first marathon?',
  'I hate football, please stop talking about it',
  'Tips for growing tomatoes and basil in a small garden',
  'What camera settings are best for photography of birds in flight?',
  'Suggest a vegetarian recipe for a quick weeknight dinner',
  'Compare electric cars with a long range for road trips',
] as const;

const SURFACES = ['assistant_chat', 'assistant_chat', 'voice', 'imagine', 'group_chat'] as const;
const APPS = ['whatsapp', 'messenger', 'instagram', 'assistant'] as const;

/**
 * Events after the policy's effective date (2025-12-16) from the accounts above. A few are in
 * an excluded region or are group messages not addressed to the assistant, so the gate's
 * exclusions travel through the scale-out path too.
 */
export function makeEvents(
  n: number,
  accounts: readonly Account[],
  seed = 42,
  idPrefix = 'so-ev',
): BusEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = Date.parse('2025-12-17T00:00:00Z');
  const span = Date.parse('2026-01-31T00:00:00Z') - start;
  return Array.from({ length: n }, (_, i) => {
    const surface = pick(SURFACES);
    const e: Record<string, unknown> & { eventId: string; accountId: string } = {
      eventId: `${idPrefix}-${i}`,
      accountId: pick(accounts).accountId,
      occurredAt: new Date(start + Math.floor(r() * span)).toISOString(),
      surface,
      app: pick(APPS),
      text: pick(TEXTS),
      region: r() < 0.05 ? 'FR' : 'US',
    };
    if (surface === 'group_chat') {
      e.mentionedAssistant = r() < 0.5;
      e.participantCount = 4;
    }
    return e;
  });
}
