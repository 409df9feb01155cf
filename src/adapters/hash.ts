import { createHash } from 'node:crypto';

/** Stores keep hashed event ids: enough to deduplicate, nothing to read back. */
export function eventKey(eventId: string): string {
  return createHash('sha256').update('event\0').update(eventId).digest('base64url').slice(0, 32);
}

/** Tombstones keep only a hash, so that erasure leaves no account id behind. */
export function accountHash(accountId: string): string {
  return createHash('sha256').update('account\0').update(accountId).digest('base64url');
}
