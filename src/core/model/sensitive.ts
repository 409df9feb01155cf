import { z } from 'zod';

/** The five special categories that never reach an ad profile. */
export const SENSITIVE_CLASSES = [
  'health',
  'politics',
  'religion',
  'sexual_orientation',
  'ethnic_origin',
] as const;
export const SensitiveClassSchema = z.enum(SENSITIVE_CLASSES);
export type SensitiveClass = z.infer<typeof SensitiveClassSchema>;
