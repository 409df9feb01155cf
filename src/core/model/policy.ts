import { z } from 'zod';
import { RegionSchema, SURFACES, type Surface } from './event.js';

/** EU/EEA member states plus the UK and South Korea: the announced exclusions. */
export const DEFAULT_EXCLUDED_REGIONS = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE', // EU 27
  'IS',
  'LI',
  'NO', // EEA
  'GB', // UK
  'KR', // South Korea
] as const;

const DEFAULT_SURFACE_WEIGHTS: Record<Surface, number> = {
  assistant_chat: 1,
  group_chat: 0.6,
  voice: 0.9,
  glasses_image: 0.5,
  imagine: 0.7,
  vibes: 0.7,
};

export const GROUP_CHAT_MODES = ['speaker-only', 'all-participants'] as const;

export const PolicySchema = z
  .object({
    effectiveDate: z.iso.datetime({ offset: true }).default('2025-12-16T00:00:00Z'),
    excludedRegions: z.array(RegionSchema).default([...DEFAULT_EXCLUDED_REGIONS]),
    minimumAge: z.number().int().min(13).max(30).default(18),
    requireLinkedAdAccount: z.boolean().default(true),
    requireNotice: z.boolean().default(true),
    allowOptOut: z.boolean().default(true),
    retentionDays: z.number().int().min(1).max(3650).default(180),
    halfLifeDays: z.number().positive().max(3650).default(30),
    surfaceWeights: z
      .partialRecord(z.enum(SURFACES), z.number().min(0).max(10))
      .default({})
      .transform((w) => ({ ...DEFAULT_SURFACE_WEIGHTS, ...w })),
    declaredWeight: z.number().min(1).max(10).default(3),
    negativeWeight: z.number().min(0).max(10).default(2),
    groupChat: z.enum(GROUP_CHAT_MODES).default('speaker-only'),
    /** Interest-targeted campaigns must reach at least this many eligible people. */
    kAnonymity: z.number().int().min(2).max(1_000_000).default(100),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = PolicySchema.parse({});
