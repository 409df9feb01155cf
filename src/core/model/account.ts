import { z } from 'zod';
import { LocaleSchema, RegionSchema, SurfaceSchema } from './event.js';

export const LinkedAdAccountSchema = z
  .object({
    platform: z.string().min(1).max(50).describe('e.g. "facebook", "instagram"'),
    id: z.string().min(1).max(200),
    linkedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type LinkedAdAccount = z.infer<typeof LinkedAdAccountSchema>;

/** What chatsignal knows about the person behind an assistant account. */
export const AccountSchema = z
  .object({
    accountId: z.string().min(1).max(200),
    birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
    region: RegionSchema.nullable().optional(),
    locale: LocaleSchema.optional(),
    linkedAdAccounts: z.array(LinkedAdAccountSchema).max(20).default([]),
    optedOut: z.boolean().default(false),
    mutedTopics: z.array(z.string().min(1)).max(1000).default([]),
    disabledSurfaces: z.array(SurfaceSchema).default([]),
    noticeShownAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type Account = z.infer<typeof AccountSchema>;
export type AccountInput = z.input<typeof AccountSchema>;
