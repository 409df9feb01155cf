/** Stable machine-readable codes; the HTTP layer maps `status`, the CLI prints `message`. */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'unavailable'
  | 'invalid_config'
  | 'internal';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** The one error base class: a status, a stable code, a message that says how to fix it. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalidInput = (message: string, details: ErrorDetail[] = []) =>
  new AppError(400, 'invalid_input', message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);

/** Turns zod issues into `{path, message}` pairs with dotted paths such as `events[3].region`. */
export function issuesToDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix = '',
): ErrorDetail[] {
  return issues.map((i) => ({ path: formatPath(prefix, i.path), message: i.message }));
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}
