import type { z } from 'zod';
import { invalidInput, issuesToDetails } from '../core/errors.js';

/** Validates a request part with a zod schema; failures become 400s with field paths. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = issuesToDetails(r.error.issues, where);
  throw invalidInput(
    `invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}
