import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiRole } from '../app/config.js';
import type { Auth, Principal } from '../app/auth.js';
import { AppError } from '../core/errors.js';
import { assertNever } from '../core/model/decision.js';
import type { Access } from './server.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that is not public. */
    principal: Principal | null;
  }
}

const unauthorized = (message: string) => new AppError(401, 'unauthorized', message);
const forbidden = (message: string) => new AppError(403, 'forbidden', message);

/** Which key roles a route's access level admits; `account` also admits that account's token. */
const ROLES_FOR: Record<Exclude<Access, 'public'>, readonly ApiRole[]> = {
  admin: ['admin'],
  ingest: ['ingest', 'admin'],
  advertiser: ['advertiser', 'admin'],
  account: ['admin'],
};

/** Whether `who` may call a route with this access level; `accountId` is the route's `:id`. */
export function allowed(access: Access, who: Principal, accountId: string | undefined): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'admin':
    case 'ingest':
    case 'advertiser':
    case 'account':
      switch (who.kind) {
        case 'key':
          return ROLES_FOR[access].includes(who.role);
        case 'user':
          // SAFETY: a person's token opens exactly their own account's routes, nothing else.
          return access === 'account' && accountId !== undefined && who.accountId === accountId;
        default:
          return assertNever(who);
      }
    default:
      return assertNever(access);
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** The actor written into setting-change records: the role, or "user" for the person. */
export function actorOf(request: FastifyRequest): string {
  const p = request.principal;
  if (p === null) return 'anonymous';
  return p.kind === 'key' ? p.role : 'user';
}

/**
 * The access hook: every request is checked against its route's `config.access` before any
 * handler runs. 401 without or with a bad credential, 403 for the wrong role or account.
 */
export function installAuth(server: FastifyInstance, auth: Auth): void {
  server.decorateRequest('principal', null);
  server.addHook('onRequest', async (request, reply) => {
    // Unknown paths go on to the 404 handler, which reveals nothing about any account.
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // SAFETY: a route that forgot to declare who may call it is refused, never open.
      request.log.error({ route: request.routeOptions.url }, 'route without config.access refused');
      throw forbidden('this route declares no access rule, so it is refused');
    }
    if (access === 'public') return;
    void reply.header('www-authenticate', 'Bearer');
    if (!auth.hasKeys) {
      // SAFETY: no keys configured means nobody is let in, not everybody.
      throw unauthorized(
        'no API keys are configured: set CHATSIGNAL_ADMIN_KEY or CHATSIGNAL_API_KEYS (see docs/policy.md)',
      );
    }
    const credential = bearer(request);
    if (credential === undefined) throw unauthorized('send "Authorization: Bearer <API key or user token>"');
    const who = auth.authenticate(credential);
    if (who === undefined)
      throw unauthorized('the API key is unknown, or the user token is invalid or expired');
    const params = request.params as Record<string, unknown> | undefined;
    const id = typeof params?.id === 'string' ? params.id : undefined;
    if (!allowed(access, who, id)) {
      throw forbidden(
        who.kind === 'user'
          ? 'a user token only opens its own account'
          : `the ${who.role} key may not call this route (it needs ${access} access)`,
      );
    }
    request.principal = who;
  });
}
