import { z } from 'zod';

export const SURFACES = [
  'assistant_chat',
  'group_chat',
  'voice',
  'glasses_image',
  'imagine',
  'vibes',
] as const;
export const SurfaceSchema = z.enum(SURFACES);
export type Surface = z.infer<typeof SurfaceSchema>;

/** How explanations name each surface to a person. */
export const SURFACE_PHRASES: Readonly<Record<Surface, string>> = {
  assistant_chat: 'chats',
  group_chat: 'group chats',
  voice: 'voice',
  glasses_image: 'glasses photos',
  imagine: 'image prompts',
  vibes: 'video prompts',
};

/** ISO 3166-1 alpha-2, upper case. Unknown regions are excluded by the gate, not here. */
export const RegionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "US"');

export const LocaleSchema = z
  .string()
  .regex(/^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as "en-US" or "it"');

const MAX_TEXT = 20_000;

/**
 * One interaction with the assistant. `text` lives only in memory while the event is
 * understood; nothing stores it.
 */
export const EventSchema = z
  .object({
    eventId: z.string().min(1).max(200).describe('Idempotency key: replays change nothing'),
    accountId: z.string().min(1).max(200).describe('The assistant-side account'),
    occurredAt: z.iso.datetime({ offset: true }).describe('When it happened (ISO 8601)'),
    surface: SurfaceSchema,
    app: z.string().min(1).max(100).describe('Which app, e.g. "whatsapp", "glasses"'),
    conversationId: z.string().min(1).max(200).optional(),
    text: z.string().max(MAX_TEXT).optional().describe('Message, transcript or prompt'),
    imageLabels: z.array(z.string().min(1).max(200)).max(100).optional(),
    mentionedAssistant: z
      .boolean()
      .optional()
      .describe('Group chats: whether this message addressed the assistant'),
    participantCount: z.number().int().min(1).max(100_000).optional(),
    region: RegionSchema.describe('Where the interaction happened (ISO 3166-1 alpha-2)'),
    locale: LocaleSchema.optional(),
  })
  .strict()
  .refine((e) => (e.text !== undefined && e.text.trim() !== '') || (e.imageLabels?.length ?? 0) > 0, {
    message: 'an event needs "text" or "imageLabels"',
    path: ['text'],
  });
export type ChatEvent = z.infer<typeof EventSchema>;
