import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { AppError, issuesToDetails } from '../core/errors.js';
import { DEFAULT_POLICY, PolicySchema, type Policy } from '../core/model/policy.js';

/** Keys a policy file may carry for people, dropped before validation (JSON has no comments). */
const COMMENT_KEYS = ['$comment', '$schema'] as const;

const configError = (message: string, details: { path: string; message: string }[] = []) =>
  new AppError(500, 'invalid_config', message, details);

/**
 * Reads and validates the policy file; a bad file stops the program with what and where.
 * JSON only: the one YAML parser in node_modules comes with eslint (a dev dependency), so a
 * production install would not have it.
 */
export function loadPolicy(path: string | undefined): Policy {
  if (path === undefined) return DEFAULT_POLICY;
  return parsePolicyText(readPolicyText(path), path);
}

function readPolicyText(path: string): string {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    throw configError(
      `cannot read policy file ${path}: YAML is not supported, write the policy as JSON (see docs/policy.md)`,
    );
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw configError(
      `cannot read policy file ${path}: ${why} (set CHATSIGNAL_POLICY to a policy JSON file)`,
    );
  }
}

/** Validates policy JSON text; `where` names the source in messages. */
export function parsePolicyText(text: string, where: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw configError(`invalid policy file ${where}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw configError(`invalid policy file ${where}: expected a JSON object such as {"allowOptOut": true}`);
  }
  const fields = Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter(
      ([k]) => !(COMMENT_KEYS as readonly string[]).includes(k),
    ),
  );
  const parsed = PolicySchema.safeParse(fields);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    throw configError(
      `invalid policy file ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  return parsed.data;
}
