import { hash } from 'node:crypto';

// One-shot `hash` is about three times faster than createHash on these short inputs, and event
// keys are computed for every event.

/** Stores keep hashed event ids: enough to deduplicate, nothing to read back. */
export function eventKey(eventId: string): string {
  return hash('sha256', `event\0${eventId}`, 'base64url').slice(0, 32);
}

/** Tombstones keep only a hash, so that erasure leaves no account id behind. */
export function accountHash(accountId: string): string {
  return hash('sha256', `account\0${accountId}`, 'base64url');
}
