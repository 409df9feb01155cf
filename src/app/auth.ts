import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import type { ApiRole, Config } from './config.js';

/** Who is calling: a service holding an API key, or one person holding a token for their account. */
export type Principal = { kind: 'key'; role: ApiRole } | { kind: 'user'; accountId: string };

export interface IssuedToken {
  token: string;
  accountId: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface Auth {
  /** False when no key at all is configured: every non-public route is then refused. */
  readonly hasKeys: boolean;
  readonly canIssueTokens: boolean;
  /** The caller behind a bearer credential, or undefined when it is no valid key or token. */
  authenticate(credential: string): Principal | undefined;
  issueToken(accountId: string, ttlSeconds?: number): IssuedToken;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 24 * 3600;
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const TOKEN_PREFIX = 'cst1';
// A fixed context string, so that the secret signs nothing but user tokens.
const TOKEN_CONTEXT = 'chatsignal user token v1\0';

const TokenPayloadSchema = z.object({ sub: z.string().min(1).max(200), exp: z.number().int() }).strict();

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Builds the authenticator from the configuration: API keys by role, plus user tokens. */
export function createAuth(
  config: Pick<Config, 'adminKey' | 'apiKeys' | 'tokenSecret'>,
  now: () => number = Date.now,
): Auth {
  const keys = [
    ...(config.adminKey === undefined ? [] : [{ role: 'admin' as const, key: config.adminKey }]),
    ...config.apiKeys,
  ].map((k) => ({ role: k.role, digest: sha256(k.key) }));
  const secret = config.tokenSecret;

  const sign = (payload: string) =>
    createHmac('sha256', secret ?? '')
      .update(TOKEN_CONTEXT)
      .update(payload)
      .digest();

  const verifyToken = (credential: string): Principal | undefined => {
    // SAFETY: without a secret no token is valid, not even one signed with the empty string.
    if (secret === undefined) return undefined;
    const parts = credential.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return undefined;
    const [, payload = '', sig = ''] = parts;
    const expected = sign(payload);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    const p = TokenPayloadSchema.safeParse(parsed);
    // SAFETY: an expired token is refused; expiry is checked on every request.
    if (!p.success || p.data.exp * 1000 <= now()) return undefined;
    return { kind: 'user', accountId: p.data.sub };
  };

  return {
    hasKeys: keys.length > 0,
    canIssueTokens: secret !== undefined,
    authenticate(credential) {
      if (credential.startsWith(`${TOKEN_PREFIX}.`)) return verifyToken(credential);
      // SAFETY: compare digests in constant time and look at every key, so that timing tells
      // nothing about how much of a key matched or which one.
      const digest = sha256(credential);
      let match: ApiRole | undefined;
      for (const k of keys) {
        if (timingSafeEqual(digest, k.digest) && match === undefined) match = k.role;
      }
      return match === undefined ? undefined : { kind: 'key', role: match };
    },
    issueToken(accountId, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS) {
      if (secret === undefined) {
        throw new AppError(
          503,
          'unavailable',
          'user tokens are not enabled: set CHATSIGNAL_TOKEN_SECRET (at least 32 characters) and restart',
        );
      }
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > MAX_TOKEN_TTL_SECONDS) {
        throw new AppError(
          400,
          'invalid_input',
          `ttlSeconds must be a whole number from 60 to ${MAX_TOKEN_TTL_SECONDS}`,
        );
      }
      const exp = Math.floor(now() / 1000) + ttlSeconds;
      const payload = Buffer.from(JSON.stringify({ sub: accountId, exp })).toString('base64url');
      const token = `${TOKEN_PREFIX}.${payload}.${sign(payload).toString('base64url')}`;
      return { token, accountId, expiresAt: exp * 1000 };
    },
  };
}

const cache = new WeakMap<object, Auth>();

/** One authenticator per app (keyed by its config object), shared by the hook and the routes. */
export function authFor(app: { config: Config; now: () => number }): Auth {
  let a = cache.get(app.config);
  if (!a) {
    a = createAuth(app.config, app.now);
    cache.set(app.config, a);
  }
  return a;
}

export interface DevCredentials {
  adminKey: string;
  tokenSecret: string;
}

/**
 * Dev mode: when no API key is configured at all (the quick start on localhost), the server
 * still must not run open. SAFETY: it gets a random admin key and token secret that live only
 * as long as the process, and `print` shows them once so that the person at the terminal can
 * use them. Configured keys are never replaced.
 */
export function withDevCredentials(config: Config, print: (text: string) => void): Config {
  if (config.adminKey !== undefined || config.apiKeys.length > 0) return config;
  const dev: DevCredentials = {
    adminKey: `dev-${randomBytes(24).toString('base64url')}`,
    tokenSecret: config.tokenSecret ?? randomBytes(32).toString('base64url'),
  };
  print(
    [
      'No API keys are configured (CHATSIGNAL_ADMIN_KEY, CHATSIGNAL_API_KEYS): generated for this run only:',
      `  export CHATSIGNAL_ADMIN_KEY=${dev.adminKey}`,
      ...(config.tokenSecret === undefined ? [`  export CHATSIGNAL_TOKEN_SECRET=${dev.tokenSecret}`] : []),
      '  (send "Authorization: Bearer $CHATSIGNAL_ADMIN_KEY"; the exports let "chatsignal token ACCOUNT_ID" make user tokens for this server)',
      '',
    ].join('\n'),
  );
  return { ...config, adminKey: dev.adminKey, tokenSecret: dev.tokenSecret };
}
