import { invalidInput, issuesToDetails } from '../core/errors.js';
import { gate } from '../core/gate/gate.js';
import type { Account } from '../core/model/account.js';
import { CampaignSchema, type Campaign } from '../core/model/campaign.js';
import type { Surface } from '../core/model/event.js';
import type { Policy } from '../core/model/policy.js';
import type { Profile } from '../core/profile/types.js';
import { checkCampaign, BLOCKING_PROBLEMS, type CampaignProblem } from '../core/select/campaign-rules.js';
import { createCampaignIndex, type CampaignIndex } from '../core/select/index.js';
import type { NonPersonalisedReason } from '../core/select/personalisation.js';
import { selectAds, type SelectAdsResult } from '../core/select/select-ads.js';
import { recommendContent, type RecommendResult } from '../core/select/recommend.js';
import { ContentItemSchema, type ContentItem } from '../core/model/content.js';
import { utcDayStart, type Spend } from '../core/select/auction.js';
import type { Taxonomy } from '../core/taxonomy/taxonomy.js';
import type { AdEventKind, CampaignDelivery, Store } from '../ports/store.js';
import { estimateAudience, type AudienceEstimate, type AudienceRecord } from '../core/select/audience.js';
import { TargetingSchema } from '../core/model/campaign.js';
import { accountAge } from '../core/select/personalisation.js';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { notFound } from '../core/errors.js';

const DAY_MS = 86_400_000;
/** Frequency caps look back at most this far (the schema caps periods at 30 days). */
const CAP_LOOKBACK_MS = 30 * DAY_MS;
/** How long the audience population is reused before it is recomputed from the store. */
const POPULATION_TTL_MS = 60_000;
/** How long a served ad can still be reported as shown or clicked. */
const SERVED_TTL_MS = 3_600_000;
const SPEND_TTL_MS = 1_000;

interface ServedRecord {
  campaignId: string;
  accountId: string | null;
  impressionCost: number;
  clickCost: number;
  at: number;
}

export interface AdContext {
  country?: string | undefined;
  language?: string | undefined;
  surface?: Surface | undefined;
  slots?: number | undefined;
  contextInterestIds?: readonly string[] | undefined;
}

export type SaveCampaignResult =
  { ok: true; campaign: Campaign; warnings: CampaignProblem[] } | { ok: false; problems: CampaignProblem[] };

interface ServingDeps {
  store: Store;
  taxonomy: Taxonomy;
  policy: Policy;
  now: () => number;
  profileOf: (account: Account) => Promise<Profile>;
  account: (accountId: string) => Promise<Account>;
  random?: () => number;
  /** Signs impression ids. */
  secret: string;
}

/**
 * May this account's profile be used to choose what it sees now? The gate's account-level
 * rules answer, evaluated for a request at `now`: one source of truth for write and read paths.
 */
export function servingPersonalisation(
  account: Account,
  policy: Policy,
  now: number,
): { personalised: true } | { personalised: false; reason: NonPersonalisedReason } {
  const d = gate({
    event: {
      eventId: 'serving',
      accountId: account.accountId,
      occurredAt: new Date(now).toISOString(),
      surface: 'assistant_chat',
      app: 'serving',
      region: account.region ?? 'ZZ',
      mentionedAssistant: true,
    },
    account,
    erased: false,
    policy,
  });
  return d.kind === 'kept' ? { personalised: true } : { personalised: false, reason: d.reason };
}

export function createServing(deps: ServingDeps) {
  const { store, taxonomy, policy, now } = deps;
  const random = deps.random ?? Math.random;
  let index: Promise<CampaignIndex> | undefined;
  let content: Promise<ContentItem[]> | undefined;
  let population: { at: number; records: Promise<AudienceRecord[]> } | undefined;

  /** Every account that may be personalised now, reduced to what targeting can see. */
  async function loadPopulation(t: number): Promise<AudienceRecord[]> {
    const out: AudienceRecord[] = [];
    const page = 500;
    for (let offset = 0; ; offset += page) {
      const accounts = await store.listAccounts(offset, page);
      for (const a of accounts) {
        if (!servingPersonalisation(a, policy, t).personalised || !a.region) continue;
        const p = await deps.profileOf(a);
        const record: AudienceRecord = {
          region: a.region,
          age: accountAge(a, t),
          interestIds: new Set(p.interests.map((i) => i.id)),
        };
        const language = a.locale?.slice(0, 2);
        if (language !== undefined) record.language = language;
        out.push(record);
      }
      if (accounts.length < page) return out;
    }
  }

  const getPopulation = (t: number) => {
    if (!population || t - population.at > POPULATION_TTL_MS)
      population = { at: t, records: loadPopulation(t) };
    return population.records;
  };

  /**
   * A served ad's impression id carries what its events will cost, signed: nothing is kept in
   * memory per ad, and any API node that shares CHATSIGNAL_TOKEN_SECRET can record its events.
   */
  function sign(r: ServedRecord): string {
    const payload = Buffer.from(
      JSON.stringify([r.campaignId, r.accountId, r.impressionCost, r.clickCost, r.at, randomUUID()]),
    ).toString('base64url');
    return `${payload}.${createHmac('sha256', deps.secret).update(payload).digest('base64url')}`;
  }

  function verify(id: string): ServedRecord | undefined {
    const [payload, mac] = id.split('.');
    if (payload === undefined || mac === undefined) return undefined;
    const expected = createHmac('sha256', deps.secret).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    // SAFETY: a forged or altered id records nothing.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [campaignId, accountId, impressionCost, clickCost, at] = JSON.parse(
      Buffer.from(payload, 'base64url').toString(),
    ) as [string, string | null, number, number, number];
    return { campaignId, accountId, impressionCost, clickCost, at };
  }

  const getContent = () => {
    content ??= store.listContent();
    return content;
  };
  const getIndex = () => {
    index ??= store.listCampaigns().then((cs) => createCampaignIndex(taxonomy, cs));
    return index;
  };

  let spend: { at: number; byCampaign: Promise<Map<string, Spend>> } | undefined;
  /**
   * Spend per campaign, re-read at most once a second: aggregating the delivery log on every
   * request would grow with traffic. Budgets may therefore overshoot by one second of spend.
   */
  function spendByCampaign(t: number): Promise<Map<string, Spend>> {
    if (!spend || t - spend.at >= SPEND_TTL_MS || t < spend.at) {
      const byCampaign = store
        .delivery(utcDayStart(t))
        .then((rows) => new Map(rows.map((r) => [r.campaignId, { today: r.spendToday, total: r.spend }])));
      spend = { at: t, byCampaign };
    }
    return spend.byCampaign;
  }

  /** Eligible reach of a targeting: rounded, floored at k, never a list of people. */
  async function estimate(input: unknown): Promise<AudienceEstimate> {
    const parsed = TargetingSchema.safeParse(input);
    if (!parsed.success)
      throw invalidInput('invalid targeting', issuesToDetails(parsed.error.issues, 'targeting'));
    return estimateAudience(parsed.data, await getPopulation(now()), policy.kAnonymity, taxonomy);
  }

  return {
    /** Validates and stores a campaign; refused with the reasons when unsafe. */
    async saveCampaign(input: unknown): Promise<SaveCampaignResult> {
      const parsed = CampaignSchema.safeParse(input);
      if (!parsed.success) {
        throw invalidInput('invalid campaign', issuesToDetails(parsed.error.issues, 'campaign'));
      }
      const campaign = parsed.data;
      const { anyOf, allOf, noneOf } = campaign.targeting.interests;
      // The k floor is about singling people out by what they said: it applies to interest targeting.
      const usesInterests = anyOf.length + allOf.length + noneOf.length > 0;
      const audience = usesInterests ? await estimate(campaign.targeting) : undefined;
      const problems = checkCampaign(campaign, taxonomy, audience, policy.kAnonymity);
      const blocking = problems.filter((p) => BLOCKING_PROBLEMS.has(p.code) || p.code === 'audience_below_k');
      if (blocking.length > 0) return { ok: false, problems: blocking };
      await store.upsertCampaign(campaign);
      const idx = await getIndex();
      idx.add(campaign);
      return { ok: true, campaign, warnings: problems };
    },

    async ads(accountId: string | undefined, ctx: AdContext = {}): Promise<SelectAdsResult> {
      const t = now();
      const account = accountId === undefined ? undefined : await deps.account(accountId);
      const p = account
        ? servingPersonalisation(account, policy, t)
        : ({ personalised: false, reason: 'unknown_account' } as const);
      const [idx, profile, impressions, spend] = await Promise.all([
        getIndex(),
        account && p.personalised ? deps.profileOf(account) : Promise.resolve(undefined),
        account
          ? store.impressionsFor(account.accountId, t - CAP_LOOKBACK_MS)
          : Promise.resolve(new Map<string, number[]>()),
        spendByCampaign(t),
      ]);
      const result = selectAds({
        taxonomy,
        campaigns: idx,
        account,
        profile,
        personalised: p.personalised,
        ...(p.personalised ? {} : { reason: p.reason }),
        request: {
          country: ctx.country ?? account?.region ?? null,
          language: ctx.language ?? account?.locale?.slice(0, 2) ?? null,
          surface: ctx.surface ?? 'assistant_chat',
          ...(ctx.contextInterestIds ? { contextInterestIds: ctx.contextInterestIds } : {}),
        },
        now: t,
        slots: ctx.slots ?? 3,
        impressions,
        spend,
        random,
      });
      const ads = result.ads.map((ad) => {
        const impressionId = sign({
          campaignId: ad.campaignId,
          accountId: account?.accountId ?? null,
          impressionCost: ad.price.model === 'cpm' ? ad.price.perMille / 1000 : 0,
          clickCost: ad.price.model === 'cpc' ? ad.price.perClick : 0,
          at: t,
        });
        return { ...ad, impressionId };
      });
      return { ...result, ads };
    },

    estimate,

    /**
     * Records an impression or click of an ad chatsignal served. The cost comes from the
     * auction price remembered at serving time, never from the caller.
     */
    async recordAdEvent(
      impressionId: string,
      kind: AdEventKind,
    ): Promise<{ recorded: boolean; cost: number }> {
      const t = now();
      const s = verify(impressionId);
      if (!s || t - s.at > SERVED_TTL_MS)
        throw notFound(`served ad "${impressionId}" (unknown or older than an hour)`);
      const cost = kind === 'impression' ? s.impressionCost : s.clickCost;
      const recorded = await store.recordAdEvent({
        adEventId: `${impressionId.slice(-43)}:${kind}`,
        kind,
        campaignId: s.campaignId,
        accountId: s.accountId,
        at: t,
        cost,
      });
      return { recorded, cost: recorded ? cost : 0 };
    },

    delivery(): Promise<CampaignDelivery[]> {
      return store.delivery(utcDayStart(now()));
    },

    async recommendations(
      accountId: string,
      opts: { limit?: number | undefined } = {},
    ): Promise<RecommendResult> {
      const t = now();
      const account = await deps.account(accountId);
      const p = servingPersonalisation(account, policy, t);
      const [items, profile] = await Promise.all([
        getContent(),
        p.personalised ? deps.profileOf(account) : Promise.resolve(undefined),
      ]);
      return recommendContent({
        taxonomy,
        items,
        account,
        profile,
        personalised: p.personalised,
        ...(p.personalised ? {} : { reason: p.reason }),
        country: account.region ?? null,
        language: account.locale?.slice(0, 2) ?? null,
        now: t,
        limit: opts.limit ?? 10,
      });
    },

    async saveContent(input: unknown): Promise<ContentItem[]> {
      const list = Array.isArray(input) ? input : [input];
      const parsed = ContentItemSchema.array().safeParse(list);
      if (!parsed.success)
        throw invalidInput('invalid content items', issuesToDetails(parsed.error.issues, 'items'));
      await store.upsertContent(parsed.data);
      content = undefined;
      return parsed.data;
    },

    /** Forgets cached campaigns and content so that the next request reloads them. */
    invalidate(): void {
      index = undefined;
      content = undefined;
      population = undefined;
      spend = undefined;
    },
  };
}

export type Serving = ReturnType<typeof createServing>;
