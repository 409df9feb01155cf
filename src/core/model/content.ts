import { z } from 'zod';
import { RegionSchema } from './event.js';

export const CONTENT_KINDS = ['post', 'event', 'group', 'video'] as const;

export const ContentItemSchema = z
  .object({
    itemId: z.string().min(1).max(200),
    kind: z.enum(CONTENT_KINDS),
    title: z.string().min(1).max(300),
    topics: z.array(z.string().min(1).max(20)).min(1).max(20),
    publishedAt: z.iso.datetime({ offset: true }),
    countries: z.array(RegionSchema).max(250).default([]),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/)
      .optional(),
  })
  .strict();
export type ContentItem = z.infer<typeof ContentItemSchema>;
export type ContentItemInput = z.input<typeof ContentItemSchema>;
