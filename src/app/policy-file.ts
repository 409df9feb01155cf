import { readFileSync } from 'node:fs';
import { AppError, issuesToDetails } from '../core/errors.js';
import { DEFAULT_POLICY, PolicySchema, type Policy } from '../core/model/policy.js';

/** Reads and validates the policy file; a bad file stops the program with what and where. */
export function loadPolicy(path: string | undefined): Policy {
  if (path === undefined) return DEFAULT_POLICY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError(500, 'invalid_config', `cannot read policy file ${path}: ${(err as Error).message}`);
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    throw new AppError(
      500,
      'invalid_config',
      `invalid policy file ${path}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  return parsed.data;
}
