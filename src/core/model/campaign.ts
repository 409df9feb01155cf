import { z } from 'zod';
import { RegionSchema, SurfaceSchema } from './event.js';

const TaxonomyIdList = z.array(z.string().min(1).max(20)).max(500).default([]);

export const TargetingSchema = z
  .object({
    interests: z
      .object({
        anyOf: TaxonomyIdList,
        allOf: TaxonomyIdList,
        noneOf: TaxonomyIdList,
      })
      .strict()
      .default({ anyOf: [], allOf: [], noneOf: [] }),
    countries: z.array(RegionSchema).max(250).default([]),
    ageRange: z
      .object({ min: z.number().int().min(13).max(120), max: z.number().int().min(13).max(120) })
      .strict()
      .refine((r) => r.min <= r.max, { message: 'min must not exceed max' })
      .optional(),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .max(100)
      .default([]),
    surfaces: z.array(SurfaceSchema).max(6).default([]),
  })
  .strict();
export type Targeting = z.infer<typeof TargetingSchema>;

export const BidSchema = z.discriminatedUnion('model', [
  z.object({ model: z.literal('cpm'), amount: z.number().positive().max(1000) }).strict(),
  z
    .object({
      model: z.literal('cpc'),
      amount: z.number().positive().max(1000),
      predictedCtr: z.number().gt(0).max(1),
    })
    .strict(),
]);
export type Bid = z.infer<typeof BidSchema>;

export const CreativeSchema = z
  .object({
    id: z.string().min(1).max(100),
    headline: z.string().min(1).max(200),
    body: z.string().max(1000).default(''),
    url: z.url(),
  })
  .strict();

export const CampaignSchema = z
  .object({
    campaignId: z.string().min(1).max(200),
    advertiserId: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    status: z.enum(['active', 'paused', 'ended']).default('active'),
    schedule: z
      .object({
        start: z.iso.datetime({ offset: true }),
        end: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    budget: z
      .object({ total: z.number().positive(), daily: z.number().positive() })
      .strict()
      .refine((b) => b.daily <= b.total, { message: 'daily budget must not exceed total' }),
    bid: BidSchema,
    creatives: z.array(CreativeSchema).min(1).max(50),
    frequencyCap: z
      .object({ count: z.number().int().min(1).max(1000), periodHours: z.number().positive().max(720) })
      .strict()
      .default({ count: 3, periodHours: 24 }),
    targeting: TargetingSchema.default({
      interests: { anyOf: [], allOf: [], noneOf: [] },
      countries: [],
      languages: [],
      surfaces: [],
    }),
  })
  .strict();
export type Campaign = z.infer<typeof CampaignSchema>;
export type CampaignInput = z.input<typeof CampaignSchema>;
