import type { Surface } from '../model/event.js';
import type { InterestStrength } from '../understand/types.js';

/**
 * One piece of evidence for (or against) an interest, derived from one event. Signals are
 * what stores keep: ids, numbers and times, never text. Profiles are computed from them.
 */
export interface Signal {
  /** Hash of the event id: the key that makes re-ingest change nothing. */
  eventKey: string;
  accountId: string;
  nodeId: string;
  /** Signed weight at the time of the event: positive for interest, negative for rejection. */
  weight: number;
  /** Epoch milliseconds. */
  occurredAt: number;
  surface: Surface;
  strength: InterestStrength | 'negative';
  /** Free-form provenance such as the app ("whatsapp") — never text from the message. */
  context: string;
}

export interface ProfileInterest {
  id: string;
  name: string;
  path: readonly string[];
  /** Decayed score in 0..1. */
  score: number;
  evidence: number;
  firstSeen: number;
  lastSeen: number;
  surfaces: Surface[];
  contexts: string[];
  declared: boolean;
}

export interface Profile {
  accountId: string;
  /** Epoch ms at which scores were computed. */
  asOf: number;
  /** Highest score first. Only ad-eligible, unmuted nodes. */
  interests: ProfileInterest[];
}
